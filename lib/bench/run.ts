import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pMap from 'p-map';
import type { Browser } from 'playwright-core';
import { generate as generateCertificate } from 'selfsigned';
import { writeCorpus } from '../corpus';
import { canSuggest, MANIFEST_FILE, suggestHead } from '../index-format';
import { startStaticServer, type StaticServerOptions } from '../serve';
import {
  coldQuery,
  frameFloorDriver,
  launchChromium,
  ourDriver,
  pagefindDriver,
  suggestionKeystrokes,
  warmQueries,
  type ColdSample,
  type SystemDriver,
  type WarmSamples,
} from './browser';
import { BenchOptionsError, BenchStepError, errorMessage } from './errors';
import { isPagefindIndexFile, readPagefindIds, totals } from './files';
import { allHitIds, openOurIndex, queryFloor, type QueryFloor } from './floor';
import { FRAME_FLOOR_PAGE } from './frame-floor-page';
import { expectedIds, loadJudgedDocs, scoreRetrieval } from './judge';
import { runMeasured, type MeasuredRun } from './measure-process';
import { describeLink, SLOW_4G, type NetworkLink } from './link';
import { PAGEFIND_BENCH_PAGE } from './pagefind-page';
import type { BenchQuery } from './queries';
import { PHONE_SCREEN, WIDE_SCREEN, type Screen } from './screens';
import {
  checkBenchReport,
  emptySystemMetrics,
  type BenchReport,
  type FrameFloorMetrics,
  type MachineInfo,
  type PerQuery,
  unmeasuredQuery,
  type SystemMetrics,
  type UpdateMetrics,
  type UpdateSiteMetrics,
} from './report';
import { mean, median, percentile } from './stats';
import { benchUpdate, changedCount } from './update';

/** Options of {@link runBench}. */
export interface BenchOptions {
  /** Articles to generate and index. */
  docs: number;
  seed: number;
  /** Folder for the corpus, both indexes and both sites; emptied first. */
  workDir: string;
  /** The checkout: child processes run `scripts/…` from here, and `next build` writes `out/` here. */
  repoRoot: string;
  chromiumPath: string;
  /** A static export of the site to reuse (with the bench marks in it); null runs `next build`. */
  siteDir: string | null;
  /** Environment of the child processes (the CLI passes its own, plus NEXT_TELEMETRY_DISABLED). */
  childEnv: NodeJS.ProcessEnv;
  queries: readonly BenchQuery[];
  /** Measured warm passes over the query list, after one warm-up pass. */
  warmPasses: number;
  /** An index build that runs longer is killed and reported as failed. */
  buildTimeoutMs: number;
  /**
   * After the bench, add this many newer articles, rewrite and remove a tenth as many, update our index in
   * place and set it against a full build (see lib/bench/update.ts); null for none.
   */
  update: number | null;
  /** Build and measure Pagefind too; false leaves its column empty (a run about ours alone, as an update's). */
  pagefind: boolean;
  /** The command line, for the report. */
  command: string;
  log: (line: string) => void;
}

export const DEFAULT_BENCH_OPTIONS = { seed: 1, warmPasses: 3, buildTimeoutMs: 15 * 60_000 } as const;

/** Checks the options a caller can get wrong. @throws {@link BenchOptionsError} naming the option. */
function validateBenchOptions(o: BenchOptions): void {
  if (!Number.isInteger(o.docs) || o.docs < 1) throw new BenchOptionsError(`docs must be a positive integer, got ${String(o.docs)}`);
  if (!Number.isSafeInteger(o.seed)) throw new BenchOptionsError(`seed must be an integer, got ${String(o.seed)}`);
  if (!Number.isInteger(o.warmPasses) || o.warmPasses < 1) throw new BenchOptionsError(`warmPasses must be at least 1, got ${String(o.warmPasses)}`);
  if (!existsSync(o.chromiumPath)) throw new BenchOptionsError(`no Chromium at ${o.chromiumPath}`);
  if (o.siteDir !== null && !existsSync(path.join(o.siteDir, 'index.html'))) throw new BenchOptionsError(`site ${o.siteDir} has no index.html`);
  if (!existsSync(path.join(o.repoRoot, 'scripts', 'index.ts'))) throw new BenchOptionsError(`repoRoot ${o.repoRoot} has no scripts/index.ts`);
  if (o.queries.length === 0) throw new BenchOptionsError('queries must not be empty');
  if (o.update !== null) {
    if (!Number.isInteger(o.update) || o.update < 1) throw new BenchOptionsError(`update must be a positive integer, got ${String(o.update)}`);
    if (2 * changedCount(o.update) > o.docs)
      throw new BenchOptionsError(`update ${o.update} rewrites and removes ${changedCount(o.update)} articles each, more than docs ${o.docs}`);
  }
}

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (b: Buffer) => {
      output = (output + b.toString('utf8')).slice(-4000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', (e) => reject(new BenchStepError('start process', cmd, e.message, { cause: e })));
    child.once('close', (code) => resolve({ code, output }));
  });
}

function failed(r: MeasuredRun): string | null {
  if (r.exitCode === 0) return null;
  const how = r.signal ? `killed by ${r.signal}` : `exit ${String(r.exitCode)}`;
  return `${how} after ${(r.wallMs / 1000).toFixed(1)} s (peak RSS ${(r.peakRssBytes / 1e9).toFixed(2)} GB): ${r.output.split('\n').slice(-3).join(' | ')}`;
}

/** Serves `root` over HTTP/1.1, or with `tls` over HTTPS and HTTP/2. */
function listen(root: string, tls: StaticServerOptions['tls'] = null): Promise<{ server: Server; origin: string }> {
  return startStaticServer({ root, host: '127.0.0.1', port: 0, gzip: true, tls }).then((server) => {
    const addr = server.address();
    if (addr === null || typeof addr === 'string') throw new BenchStepError('serve', root, 'no TCP port');
    return { server, origin: `${tls ? 'https' : 'http'}://127.0.0.1:${addr.port}` };
  });
}

/** A certificate for the run's HTTPS servers (the bench's browser contexts accept it). */
async function benchCertificate(): Promise<NonNullable<StaticServerOptions['tls']>> {
  const pems = await generateCertificate([{ name: 'commonName', value: '127.0.0.1' }], { keySize: 2048, algorithm: 'sha256' });
  return { key: pems.private, cert: pems.cert };
}

const close = (s: Server) => new Promise<void>((res) => s.close(() => res()));

async function machine(browser: Browser | null): Promise<MachineInfo> {
  const cpus = os.cpus();
  return {
    nproc: os.availableParallelism(),
    memoryBytes: os.totalmem(),
    node: process.version,
    chromium: browser ? browser.version() : 'n/a',
    platform: `${os.platform()} ${os.arch()} ${os.release()}`,
    cpu: cpus[0]?.model.trim() || 'unknown',
  };
}

/** What a reader types first of each bench query: the head the engine first offers suggestions for (one Chinese character, two letters). */
function suggestionPrefixes(queries: readonly BenchQuery[]): string[] {
  const out = new Set<string>();
  for (const q of queries) {
    const head = suggestHead(q.query.replace(/^[\s"“-]+/, '').toLowerCase());
    if (canSuggest(head)) out.add(head);
  }
  return [...out];
}

/** Fresh pages loaded at once while measuring cold queries. */
const COLD_PAGES_AT_ONCE = 3;

/** What {@link measureInBrowser} measured of one system: samples per query, null where its page failed. */
interface BrowserSamples {
  /** Fresh pages on a wide screen over HTTP/1.1: the cold query's bytes. */
  cold: (ColdSample | null)[];
  /** The same on a phone's screen (empty unless asked for). */
  coldPhone: (ColdSample | null)[];
  /** The same on a phone's screen over HTTP/2 (empty unless a phone and the slow link were asked for). */
  coldPhoneHttp2: (ColdSample | null)[];
  /** Fresh pages of a wide screen on the slow link over HTTP/1.1, then over HTTP/2: their time, and their bytes over HTTP/2. */
  slow: (ColdSample | null)[];
  slowHttp2: (ColdSample | null)[];
  warm: WarmSamples | null;
  errors: string[];
}

/**
 * One system measured in the browser: cold samples per query on a wide screen (and a phone's, with `phone`),
 * with `slow` the same pages on the slow link over HTTP/1.1 and over HTTP/2 (and with `phone` too, a phone's
 * fresh pages over HTTP/2), and warm timings.
 */
async function measureInBrowser(
  browser: Browser,
  driver: SystemDriver,
  queries: readonly BenchQuery[],
  passes: number,
  log: (line: string) => void,
  slow: { link: NetworkLink; http2: SystemDriver } | null,
  phone: boolean,
): Promise<BrowserSamples> {
  const errors: string[] = [];
  /** Each query on a fresh page of `d`, `atOnce` pages at a time; null where a page failed. */
  const coldPages = async (d: SystemDriver, how: { screen: Screen; link: NetworkLink | null; atOnce: number; what: string; protocol: string }) => {
    let done = 0;
    const samples = await pMap(
      queries,
      async (q): Promise<ColdSample | null> => {
        try {
          return await coldQuery(browser, d, q, how.link, how.screen);
        } catch (e) {
          if (errors.length < 5) errors.push(`${how.protocol}: ${errorMessage(e)}`);
          return null;
        } finally {
          if (++done % 10 === 0 && done < queries.length) log(`  ${d.name}: ${done}/${queries.length} ${how.what} over ${how.protocol}`);
        }
      },
      { concurrency: how.atOnce },
    );
    log(`  ${d.name}: ${measured(samples).length}/${queries.length} ${how.what} measured over ${how.protocol}`);
    return samples;
  };
  // Cold pages only count bytes, which concurrency does not change; a few at once keep the run short.
  const bytesOf = (d: SystemDriver, screen: Screen, what: string, protocol: string) =>
    coldPages(d, { screen, link: null, atOnce: COLD_PAGES_AT_ONCE, what, protocol });
  const cold = await bytesOf(driver, WIDE_SCREEN, 'cold queries', 'HTTP/1.1');
  const coldPhone = phone ? await bytesOf(driver, PHONE_SCREEN, 'cold queries on a phone', 'HTTP/1.1') : [];
  // A wide screen's bytes over HTTP/2 need no pass of their own: the slow link's pages over HTTP/2 are a wide
  // screen's, and throttling changes when a page reads, not what.
  const coldPhoneHttp2 = phone && slow ? await bytesOf(slow.http2, PHONE_SCREEN, 'cold queries on a phone', 'HTTP/2') : [];
  // On the slow link one page at a time: the time is the measure, and pages at once would share the CPU.
  const onSlowLink = (d: SystemDriver, link: NetworkLink, protocol: string) =>
    coldPages(d, { screen: WIDE_SCREEN, link, atOnce: 1, what: `cold queries on the slow link (${describeLink(link)})`, protocol });
  const slowSamples = slow ? await onSlowLink(driver, slow.link, 'HTTP/1.1') : [];
  const slowHttp2 = slow ? await onSlowLink(slow.http2, slow.link, 'HTTP/2') : [];
  let warm: WarmSamples | null = null;
  try {
    warm = await warmQueries(browser, driver, queries, passes);
    log(`  ${driver.name}: ${passes} warm passes done`);
  } catch (e) {
    errors.push(errorMessage(e));
  }
  return { cold, coldPhone, slow: slowSamples, slowHttp2, coldPhoneHttp2, warm, errors };
}

/** The samples of the pages that did not fail. */
function measured(samples: (ColdSample | null)[]): ColdSample[] {
  return samples.filter((c): c is ColdSample => c !== null);
}

/** The medians over the queries of what their cold pages moved, per file kind too; null when every page failed. */
function coldMedians(samples: (ColdSample | null)[]): { bytes: number; requests: number; initBytes: number; byKind: Record<string, number> } | null {
  const ok = measured(samples);
  if (!ok.length) return null;
  const byKind: Record<string, number> = {};
  for (const k of [...new Set(ok.flatMap((c) => Object.keys(c.byKind)))].sort()) byKind[k] = median(ok.map((c) => c.byKind[k] ?? 0));
  return { bytes: median(ok.map((c) => c.bytes)), requests: median(ok.map((c) => c.requests)), initBytes: median(ok.map((c) => c.initBytes)), byKind };
}

/** Puts the medians and percentiles of `r`'s samples into `m`. */
function summarize(m: SystemMetrics, { cold, coldPhone, coldPhoneHttp2, slow, slowHttp2, warm }: BrowserSamples): void {
  const slowMs = measured(slow).map((c) => c.ms);
  const slowMsHttp2 = measured(slowHttp2).map((c) => c.ms);
  if (slowMs.length) {
    m.coldQueryMsSlow = median(slowMs);
    m.coldQueryMsSlowP95 = percentile(slowMs, 95);
  }
  if (slowMsHttp2.length) {
    m.coldQueryMsSlowHttp2 = median(slowMsHttp2);
    m.coldQueryMsSlowHttp2P95 = percentile(slowMsHttp2, 95);
  }
  m.coldQueryBytesHttp2 = coldMedians(slowHttp2)?.bytes ?? null;
  m.coldQueryBytesPhoneHttp2 = coldMedians(coldPhoneHttp2)?.bytes ?? null;
  const wide = coldMedians(cold);
  if (wide) {
    m.coldQueryBytes = wide.bytes;
    m.coldQueryRequests = wide.requests;
    m.initBytes = wide.initBytes;
    m.coldBytesByKind = wide.byKind;
  }
  const phone = coldMedians(coldPhone);
  if (phone) {
    m.coldQueryBytesPhone = phone.bytes;
    m.coldQueryRequestsPhone = phone.requests;
    m.coldBytesByKindPhone = phone.byKind;
  }
  const ms = warm ? warm.ms.flat() : [];
  if (ms.length) {
    m.warmQueryMsP50 = percentile(ms, 50);
    m.warmQueryMsP95 = percentile(ms, 95);
  }
  m.jsHeapBytes = warm?.jsHeapBytes ?? null;
}

/**
 * The warm measure on the frame-floor page (lib/bench/frame-floor-page.ts), served from `dir`: what the
 * harness reads for a page with no engine. Its server is added to `servers`, for the caller to close.
 * A failure is reported in the result, never thrown.
 */
async function measureFrameFloor(
  browser: Browser,
  dir: string,
  queries: readonly BenchQuery[],
  passes: number,
  servers: Server[],
  log: (line: string) => void,
): Promise<FrameFloorMetrics> {
  log('> measuring the frame floor in Chromium');
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'index.html'), FRAME_FLOOR_PAGE);
    const { server, origin } = await listen(dir);
    servers.push(server);
    const ms = (await warmQueries(browser, frameFloorDriver(origin), queries, passes)).ms.flat();
    return { warmQueryMsP50: percentile(ms, 50), warmQueryMsP95: percentile(ms, 95), error: null };
  } catch (e) {
    return { warmQueryMsP50: null, warmQueryMsP95: null, error: errorMessage(e) };
  }
}

/** Our index in each site folder, measured in Chromium as {@link runBench} measures it (one browser for all). */
async function measureOurSites(o: BenchOptions, sites: string[], log: (line: string) => void): Promise<{ metrics: UpdateSiteMetrics; errors: string[] }[]> {
  const browser = await launchChromium(o.chromiumPath);
  const servers: Server[] = [];
  try {
    const out: { metrics: UpdateSiteMetrics; errors: string[] }[] = [];
    for (const site of sites) {
      const { server, origin } = await listen(site);
      servers.push(server);
      log(`  ${path.basename(site)}:`);
      const r = await measureInBrowser(browser, ourDriver(origin), o.queries, o.warmPasses, log, null, false);
      const m = emptySystemMetrics();
      summarize(m, r);
      out.push({
        metrics: {
          coldQueryBytes: m.coldQueryBytes,
          coldQueryRequests: m.coldQueryRequests,
          warmQueryMsP50: m.warmQueryMsP50,
          warmQueryMsP95: m.warmQueryMsP95,
          coldBytesByKind: m.coldBytesByKind,
        },
        errors: r.errors,
      });
    }
    return out;
  } finally {
    await browser.close();
    await Promise.all(servers.map(close));
  }
}

/**
 * Runs the whole benchmark: generates the articles, builds both indexes in child processes (time and
 * peak memory), judges every query with the substring oracle, serves both sites with gzip and measures
 * them in Chromium. A system that fails at some step keeps the numbers measured before it, and the
 * failure is recorded in its `errors`: the report is always written. With `update`, then changes the
 * corpus, updates our index in place and sets it against a full build (lib/bench/update.ts), into `update`.
 * @throws {@link BenchOptionsError} on unusable options; {@link BenchStepError} when a shared step
 *   (corpus, site build, Chromium) fails.
 */
export async function runBench(o: BenchOptions): Promise<BenchReport> {
  validateBenchOptions(o);
  const log = o.log;
  const ours = emptySystemMetrics();
  const pf = emptySystemMetrics();
  rmSync(o.workDir, { recursive: true, force: true });
  mkdirSync(o.workDir, { recursive: true });
  const corpus = path.join(o.workDir, 'corpus');
  const site = path.join(o.workDir, 'site');
  const ourIndex = path.join(site, 'search');
  const pfSite = path.join(o.workDir, 'pagefind-site');
  const pfBundle = path.join(pfSite, 'pagefind');
  // In the work folder, so that the bench never writes the checkout's own .index-state/.
  const stateDir = path.join(o.workDir, 'index-state');

  log(`> generating ${o.docs} articles (seed ${o.seed})`);
  await writeCorpus(corpus, { docs: o.docs, seed: o.seed });

  if (o.siteDir === null) {
    log('> building the static site (next build)');
    const r = await run('npx', ['next', 'build'], o.repoRoot, o.childEnv);
    if (r.code !== 0) throw new BenchStepError('next build', o.repoRoot, `exit ${String(r.code)}: ${r.output.slice(-800)}`);
  }
  cpSync(o.siteDir ?? path.join(o.repoRoot, 'out'), site, { recursive: true });
  rmSync(ourIndex, { recursive: true, force: true });

  const tsx = (script: string, args: string[]) =>
    runMeasured(process.execPath, ['--import', 'tsx', script, ...args], { cwd: o.repoRoot, env: o.childEnv, sampleMs: 50, timeoutMs: o.buildTimeoutMs });

  log('> building our index (scripts/index.ts)');
  const ob = await tsx('scripts/index.ts', ['--src', corpus, '--out', ourIndex, '--state', stateDir, '--quiet']);
  const obFail = failed(ob);
  ours.buildMs = ob.wallMs;
  ours.buildPeakRssBytes = ob.peakRssBytes;
  if (obFail) ours.errors.push(`build: ${obFail}`);
  else {
    const t = await totals(ourIndex);
    ours.indexBytes = t.bytes;
    ours.indexFiles = t.files;
    ours.largestFileBytes = t.largest;
    const manifest = JSON.parse(readFileSync(path.join(ourIndex, MANIFEST_FILE), 'utf8')) as { suggest?: string[]; readings?: string[]; wordFacets?: string[] };
    const suggest = new Set(manifest.suggest ?? []);
    const s = await totals(ourIndex, (rel) => suggest.has(rel));
    if (s.files > 0) {
      ours.suggestBytes = s.bytes;
      ours.suggestFiles = s.files;
      ours.suggestLargestBytes = s.largest;
    }
    const readings = new Set(manifest.readings ?? []);
    const r = await totals(ourIndex, (rel) => readings.has(rel));
    if (r.files > 0) {
      ours.readingsBytes = r.bytes;
      ours.readingsFiles = r.files;
    }
    const wordFacets = new Set(manifest.wordFacets ?? []);
    const w = await totals(ourIndex, (rel) => wordFacets.has(rel));
    if (w.files > 0) {
      ours.wordFacetsBytes = w.bytes;
      ours.wordFacetsFiles = w.files;
    }
  }
  log(`  ours: ${(ob.wallMs / 1000).toFixed(1)} s, peak RSS ${(ob.peakRssBytes / 1e9).toFixed(2)} GB${obFail ? `, FAILED: ${obFail}` : ''}`);

  let pbFail: string | null = 'not run (--no-pagefind)';
  if (o.pagefind) {
    log('> building the Pagefind index (scripts/pagefind-index.ts)');
    mkdirSync(pfSite, { recursive: true });
    writeFileSync(path.join(pfSite, 'index.html'), PAGEFIND_BENCH_PAGE);
    const pb = await tsx('scripts/pagefind-index.ts', ['--src', corpus, '--out', pfBundle]);
    pbFail = failed(pb);
    pf.buildMs = pb.wallMs;
    pf.buildPeakRssBytes = pb.peakRssBytes;
    if (pbFail) pf.errors.push(`build: ${pbFail}`);
    else {
      const t = await totals(pfBundle, isPagefindIndexFile);
      pf.indexBytes = t.bytes;
      pf.indexFiles = t.files;
      pf.largestFileBytes = t.largest;
    }
    log(`  pagefind: ${(pb.wallMs / 1000).toFixed(1)} s, peak RSS ${(pb.peakRssBytes / 1e9).toFixed(2)} GB${pbFail ? `, FAILED: ${pbFail}` : ''}`);
  } else {
    log('> Pagefind: not run (--no-pagefind)');
    pf.errors.push(pbFail);
  }

  log('> judging the queries with the substring oracle');
  const docs = await loadJudgedDocs([corpus]);
  const expected = o.queries.map((q) => expectedIds(docs, q));
  const perQuery: PerQuery[] = o.queries.map((q, i) => ({
    query: q.query,
    filters: q.filters,
    expected: expected[i]!.size,
    ours: unmeasuredQuery(),
    pagefind: unmeasuredQuery(),
    floorBytes: null,
  }));

  const floors: (QueryFloor | null)[] = o.queries.map(() => null);
  if (!obFail) {
    log('> our engine in Node: every hit (recall) and the floor');
    try {
      const engine = await openOurIndex(ourIndex);
      const recalls: number[] = [];
      const precisions: number[] = [];
      for (const [i, q] of o.queries.entries()) {
        const s = scoreRetrieval(expected[i]!, await allHitIds(engine, q));
        perQuery[i]!.ours.returned = s.returned;
        perQuery[i]!.ours.correct = s.correct;
        if (s.recall !== null) recalls.push(s.recall);
        if (s.precision !== null) precisions.push(s.precision);
        floors[i] = await queryFloor(engine, q);
        perQuery[i]!.floorBytes = floors[i]!.postingsBytes + floors[i]!.fragmentsBytes;
      }
      ours.recall = recalls.length ? mean(recalls) : null;
      ours.precision = precisions.length ? mean(precisions) : null;
    } catch (e) {
      ours.errors.push(`recall and floor: ${errorMessage(e)}`);
    }
  }

  let browser: Browser | null = null;
  let frameFloor: FrameFloorMetrics | undefined;
  let info = await machine(null);
  const servers: Server[] = [];
  try {
    browser = await launchChromium(o.chromiumPath);
    const tls = await benchCertificate();
    if (!obFail) {
      log('> measuring ours in Chromium');
      const { server, origin } = await listen(site);
      const secure = await listen(site, tls);
      servers.push(server, secure.server);
      const r = await measureInBrowser(browser, ourDriver(origin), o.queries, o.warmPasses, log, { link: SLOW_4G, http2: ourDriver(secure.origin) }, true);
      summarize(ours, r);
      ours.errors.push(...r.errors);
      r.cold.forEach((c, i) => {
        perQuery[i]!.ours.coldBytes = c?.bytes ?? null;
        perQuery[i]!.ours.coldRequests = c?.requests ?? null;
        perQuery[i]!.ours.coldBytesByKind = c?.byKind ?? null;
      });
      r.coldPhone.forEach((c, i) => {
        perQuery[i]!.ours.coldBytesPhone = c?.bytes ?? null;
        perQuery[i]!.ours.coldBytesByKindPhone = c?.byKind ?? null;
      });
      r.warm?.ms.forEach((ms, i) => (perQuery[i]!.ours.warmMs = ms));
      try {
        const keystrokes = await suggestionKeystrokes(browser, origin, suggestionPrefixes(o.queries), o.warmPasses);
        if (keystrokes.length) ours.keystrokeMsP95 = percentile(keystrokes, 95);
        log(`  ours: ${keystrokes.length} keystrokes timed to their suggestions`);
      } catch (e) {
        ours.errors.push(`suggestions: ${errorMessage(e)}`);
      }
    }
    if (!pbFail) {
      log('> measuring Pagefind in Chromium');
      const { server, origin } = await listen(pfSite);
      const secure = await listen(pfSite, tls);
      servers.push(server, secure.server);
      // Pagefind's bench page lays out nothing by screen size: its phone would read what its desktop reads.
      const r = await measureInBrowser(
        browser,
        pagefindDriver(origin),
        o.queries,
        o.warmPasses,
        log,
        { link: SLOW_4G, http2: pagefindDriver(secure.origin) },
        false,
      );
      summarize(pf, r);
      pf.errors.push(...r.errors);
      r.cold.forEach((c, i) => {
        perQuery[i]!.pagefind.coldBytes = c?.bytes ?? null;
        perQuery[i]!.pagefind.coldRequests = c?.requests ?? null;
        perQuery[i]!.pagefind.coldBytesByKind = c?.byKind ?? null;
      });
      if (r.warm) {
        const hashToId = await readPagefindIds(pfBundle);
        const recalls: number[] = [];
        const precisions: number[] = [];
        r.warm.ms.forEach((ms, i) => (perQuery[i]!.pagefind.warmMs = ms));
        r.warm.ids.forEach((hashes, i) => {
          if (!hashes) return;
          // A hash with no fragment on disk cannot be one of the oracle's documents: it counts as returned, not correct.
          const s = scoreRetrieval(
            expected[i]!,
            hashes.map((h) => hashToId.get(h) ?? `pagefind:${h}`),
          );
          perQuery[i]!.pagefind.returned = s.returned;
          perQuery[i]!.pagefind.correct = s.correct;
          if (s.recall !== null) recalls.push(s.recall);
          if (s.precision !== null) precisions.push(s.precision);
        });
        pf.recall = recalls.length ? mean(recalls) : null;
        pf.precision = precisions.length ? mean(precisions) : null;
      }
    }
    frameFloor = await measureFrameFloor(browser, path.join(o.workDir, 'frame-floor'), o.queries, o.warmPasses, servers, log);
  } finally {
    if (browser) info = await machine(browser);
    await browser?.close();
    await Promise.all(servers.map(close));
  }

  let update: UpdateMetrics | undefined;
  if (o.update !== null) {
    if (obFail) log('> no update: our index did not build');
    else
      update = await benchUpdate({
        k: o.update,
        seed: o.seed,
        corpus,
        site,
        stateDir,
        workDir: o.workDir,
        queries: o.queries,
        index: (args) => tsx('scripts/index.ts', args),
        measure: (sites) => measureOurSites(o, sites, log),
        failed,
        log,
      });
  }

  const ok = floors.filter((f): f is QueryFloor => f !== null);
  const report: BenchReport = {
    docs: o.docs,
    seed: o.seed,
    date: new Date().toISOString(),
    command: o.command,
    machine: info,
    queries: o.queries.length,
    systems: { ours, pagefind: pf },
    floor: ok.length
      ? {
          bytes: median(ok.map((f) => f.postingsBytes + f.fragmentsBytes)),
          postingsBytes: median(ok.map((f) => f.postingsBytes)),
          fragmentsBytes: median(ok.map((f) => f.fragmentsBytes)),
          coldQueryBytes: ours.coldQueryBytes,
        }
      : null,
    frameFloor,
    perQuery,
    ...(update ? { update } : {}),
  };
  return checkBenchReport(report);
}
