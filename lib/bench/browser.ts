import { chromium, type Browser, type BrowserContext, type Page, type Request } from 'playwright-core';
import { FACETS, isHomeFileName, MANIFEST_FILE, type FacetKey } from '../index-format';
import { isPreloadPath } from '../search';
import { BenchStepError, errorMessage } from './errors';
import { isPagefindInitFile, isPagefindQueryFile } from './files';
import type { NetworkLink } from './link';
import type { BenchFilters, BenchQuery } from './queries';
import { WIDE_SCREEN, type Screen } from './screens';

/** Chromium flags for this kind of machine: no sandbox (root in a container), no GPU, nothing phoning home. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Starts Chromium from `executablePath` with {@link CHROMIUM_ARGS}. */
export async function launchChromium(executablePath: string): Promise<Browser> {
  try {
    return await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS] });
  } catch (e) {
    throw new BenchStepError('launch Chromium', executablePath, errorMessage(e), { cause: e });
  }
}

/** How the benchmark drives one system's page. */
export interface SystemDriver {
  name: 'ours' | 'pagefind' | 'frame floor';
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  /** Resolves when the page is loaded and its engine initialised (before any query). */
  waitReady(page: Page): Promise<void>;
  /** Runs one query on a ready page, resolving once its results are painted, with the time between the two marks. */
  run(page: Page, q: BenchQuery, wantIds: boolean): Promise<{ ms: number; ids: string[] | null }>;
  /**
   * Resolves once the page shows all it will for the query it ran: what follows its results (our facet counts,
   * wherever the filters are in view) has arrived or failed. A cold query counts the bytes of that too.
   */
  complete(page: Page): Promise<void>;
  /** A request that carries index data a query needs (not code, not the engine's own initialisation). */
  isQueryData(url: URL): boolean;
  /** A request the engine makes to initialise itself. */
  isInitData(url: URL): boolean;
}

/** What one fresh page transferred. */
export interface ColdSample {
  /** Index data for the first query, after page load and engine init: bytes on the wire (body + headers). */
  bytes: number;
  requests: number;
  /** The engine's initialisation after page load. */
  initBytes: number;
  /** Query data bytes by file kind (`shard`, `rank`, `facets`, `pf_index`…), for explaining the totals. */
  byKind: Record<string, number>;
  /** The query reaching the engine → its results painted, on the link the page had (see {@link coldQuery}). */
  ms: number;
}

const TIMEOUT_MS = 120_000;

/** File kind of a URL for the per-kind breakdown: `shard-12.bin` → `shard`, `x.pf_index` → `pf_index`. */
export function fileKind(url: URL): string {
  const name = url.pathname.split('/').pop() ?? '';
  const ext = /\.(pf_[a-z]+)$/.exec(name);
  if (ext) return ext[1]!;
  return name.replace(/[-.].*$/, '') || name;
}

/**
 * Transferred bytes of a finished request: Chromium's CDP `Network.loadingFinished.encodedDataLength`,
 * which Playwright reports split as response body + headers. Playwright is used rather than a page-level
 * CDP session because it attaches to the dedicated workers both engines fetch from, which a page
 * session does not see.
 */
async function transferred(r: Request): Promise<number> {
  const s = await r.sizes();
  return s.responseBodySize + s.responseHeadersSize;
}

/** Follows a context's requests, so a measurement can wait for quiet and sum what it moved. */
class Traffic {
  private readonly started: { r: Request; phase: string }[] = [];
  private readonly pending = new Set<Request>();
  private readonly finished = new Set<Request>();
  phase = 'load';

  constructor(context: BrowserContext) {
    context.on('request', (r) => {
      this.started.push({ r, phase: this.phase });
      this.pending.add(r);
    });
    context.on('requestfinished', (r) => {
      this.pending.delete(r);
      this.finished.add(r);
    });
    context.on('requestfailed', (r) => this.pending.delete(r));
  }

  /** Waits until no request that `counts` has been in flight for `quietMs`. */
  async quiet(counts: (url: URL) => boolean, quietMs: number): Promise<void> {
    const deadline = Date.now() + TIMEOUT_MS;
    let calmSince = Date.now();
    while (Date.now() - calmSince < quietMs) {
      if ([...this.pending].some((r) => counts(new URL(r.url())))) calmSince = Date.now();
      if (Date.now() > deadline) throw new BenchStepError('wait for network quiet', [...this.pending].map((r) => r.url()).join(' '), 'requests never finished');
      await new Promise((res) => setTimeout(res, 25));
    }
  }

  /** Finished requests of `phase` that `counts`, with their transferred bytes. */
  async sum(phase: string, counts: (url: URL) => boolean): Promise<{ bytes: number; requests: number; byKind: Record<string, number> }> {
    let bytes = 0;
    let requests = 0;
    const byKind: Record<string, number> = {};
    for (const { r, phase: p } of this.started) {
      const url = new URL(r.url());
      if (p !== phase || !counts(url) || !this.finished.has(r)) continue;
      const b = await transferred(r);
      bytes += b;
      requests++;
      const k = fileKind(url);
      byKind[k] = (byKind[k] ?? 0) + b;
    }
    return { bytes, requests, byKind };
  }
}

function newContext(browser: Browser, screen: Screen = WIDE_SCREEN): Promise<BrowserContext> {
  // The HTTPS servers of a run present a certificate made for it.
  return browser.newContext({ ignoreHTTPSErrors: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', ...screen });
}

/**
 * A fresh page (new context, empty cache) loads the system's page, waits for its engine, runs `q` as
 * its first query, and reports what the query transferred and how long it took. With a `link`, the
 * query runs on that emulated link (the page loads at full speed before): Chromium's throttling is per
 * page and covers the dedicated worker our engine fetches from, since the worker's requests are the page's.
 * On `screen` (a phone's: `PHONE_SCREEN`) the page lays itself out for it first.
 * @throws {@link BenchStepError} naming the system and query when the page fails.
 */
export async function coldQuery(
  browser: Browser,
  driver: SystemDriver,
  q: BenchQuery,
  link: NetworkLink | null = null,
  screen: Screen = WIDE_SCREEN,
): Promise<ColdSample> {
  const context = await newContext(browser, screen);
  try {
    const traffic = new Traffic(context);
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT_MS);
    await page.goto(`${driver.origin}/`, { waitUntil: 'load' });
    await driver.waitReady(page);
    await traffic.quiet((u) => driver.isInitData(u), 100);
    if (link) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: link.latencyMs,
        downloadThroughput: link.downBitsPerSecond / 8,
        uploadThroughput: link.upBitsPerSecond / 8,
      });
    }
    traffic.phase = 'query';
    const { ms } = await driver.run(page, q, false);
    // What follows the results is asked for after they are painted, and a loaded machine can start it later than
    // any quiet spell would wait: a wide screen's counts are awaited where the page says they are to come.
    await driver.complete(page);
    // Both pages paint only after their fragments arrive; the wait catches anything fetched later still.
    await traffic.quiet((u) => driver.isQueryData(u), 150);
    const init = await traffic.sum('load', (u) => driver.isInitData(u));
    const data = await traffic.sum('query', (u) => driver.isQueryData(u));
    return { bytes: data.bytes, requests: data.requests, initBytes: init.bytes, byKind: data.byKind, ms };
  } catch (e) {
    const where = `${link ? ' on the slow link' : ''}${screen === WIDE_SCREEN ? '' : ' on a phone'}`;
    throw new BenchStepError(`${driver.name}: cold query${where}`, q.query, errorMessage(e), { cause: e });
  } finally {
    await context.close();
  }
}

/** What the warm runs gave. */
export interface WarmSamples {
  /** Per query, the milliseconds of each measured pass. */
  ms: number[][];
  /** Per query, every result id of the first (unmeasured) pass, when the driver returns ids. */
  ids: (string[] | null)[];
  /** JavaScript heap in use by the page and its workers after the last pass; null when it could not be read. */
  jsHeapBytes: number | null;
}

/**
 * JavaScript heap in use by every page and worker of the browser (`Runtime.getHeapUsage` through a
 * browser-level CDP session: Playwright's page sessions do not reach dedicated workers). Call it with
 * only the page to measure open.
 */
async function jsHeapInUse(browser: Browser): Promise<number | null> {
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { targetInfos } = await cdp.send('Target.getTargets');
    let total = 0;
    for (const t of targetInfos.filter((t) => t.type === 'page' || t.type === 'worker')) {
      const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: t.targetId, flatten: false });
      const answer = new Promise<number>((resolve, reject) => {
        cdp.on('Target.receivedMessageFromTarget', (e) => {
          if (e.sessionId !== sessionId) return;
          const m = JSON.parse(e.message) as { id?: number; result?: { usedSize: number }; error?: { message: string } };
          if (m.id !== 1) return;
          if (m.result) resolve(m.result.usedSize);
          else reject(new Error(m.error?.message ?? 'no heap usage'));
        });
      });
      await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: 1, method: 'Runtime.getHeapUsage' }) });
      total += await answer;
      await cdp.send('Target.detachFromTarget', { sessionId });
    }
    return total;
  } catch {
    return null;
  } finally {
    await cdp.detach();
  }
}

/**
 * One page runs every query once to warm up (its data downloaded, its code compiled), then `passes`
 * more times, measured.
 * @throws {@link BenchStepError} naming the system and query when the page fails.
 */
export async function warmQueries(browser: Browser, driver: SystemDriver, queries: readonly BenchQuery[], passes: number): Promise<WarmSamples> {
  const context = await newContext(browser);
  const ms: number[][] = queries.map(() => []);
  const ids: (string[] | null)[] = queries.map(() => null);
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT_MS);
    await page.goto(`${driver.origin}/`, { waitUntil: 'load' });
    await driver.waitReady(page);
    for (let pass = 0; pass <= passes; pass++) {
      for (const [i, q] of queries.entries()) {
        let r;
        try {
          r = await driver.run(page, q, pass === 0);
        } catch (e) {
          throw new BenchStepError(`${driver.name}: warm query (pass ${pass})`, q.query, errorMessage(e), { cause: e });
        }
        if (pass === 0) ids[i] = r.ids;
        else ms[i]!.push(r.ms);
      }
    }
    return { ms, ids, jsHeapBytes: await jsHeapInUse(browser) };
  } finally {
    await context.close();
  }
}

/**
 * What our page takes from a committed keystroke to its list of suggestions painted, warm: one page types
 * each prefix (a character inserted as an input method commits it), once to warm up and `passes` more
 * times, measured between the page's `bns:suggest-start` and `bns:suggest-painted` marks. A prefix that
 * offers nothing is left out of the timings.
 */
export async function suggestionKeystrokes(browser: Browser, origin: string, prefixes: readonly string[], passes: number): Promise<number[]> {
  const context = await newContext(browser);
  const ms: number[] = [];
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT_MS);
    await page.goto(`${origin}/`, { waitUntil: 'load' });
    await ourDriver(origin).waitReady(page);
    const box = page.getByRole('combobox', { name: '搜索…' });
    for (let pass = 0; pass <= passes; pass++) {
      for (const prefix of prefixes) {
        await box.fill('');
        await page.keyboard.press('Escape');
        await page.evaluate(() => performance.clearMarks());
        await box.focus();
        await page.keyboard.insertText(prefix);
        const handle = await page
          .waitForFunction(
            () => {
              const start = performance.getEntriesByName('bns:suggest-start').at(-1);
              const painted = start && performance.getEntriesByName('bns:suggest-painted').find((e) => e.startTime >= start.startTime);
              return painted ? painted.startTime - start.startTime : null;
            },
            undefined,
            { polling: 'raf', timeout: 5_000 },
          )
          .catch(() => null);
        const t = handle ? ((await handle.jsonValue()) as number) : null;
        if (pass > 0 && t !== null) ms.push(t);
      }
    }
    return ms;
  } finally {
    await context.close();
  }
}

/** Our results-page URL for a query: the page's URL contract (`/?q=&<facet param>=&from=&to=`). */
export function ourResultsUrl(q: BenchQuery): string {
  const p = new URLSearchParams({ q: q.query });
  for (const f of FACETS) {
    const v = (q.filters as Partial<Record<FacetKey, string>>)[f.key];
    if (v !== undefined) p.append(f.param, v);
  }
  if (q.filters.year !== undefined) {
    p.append('from', `${q.filters.year}-01-01`);
    p.append('to', `${q.filters.year}-12-31`);
  }
  return `/?${p.toString()}`;
}

/** Pagefind's filter object for a query: one value per filter, which Pagefind requires to match. */
export function pagefindFilters(f: BenchFilters): Record<string, string> {
  const out: Record<string, string> = {};
  if (f.bank !== undefined) out.bank = f.bank;
  if (f.source !== undefined) out.source = f.source;
  if (f.year !== undefined) out.year = String(f.year);
  return out;
}

/**
 * Puts `url` in the page's address with `history.pushState` and resolves with the time between the
 * page's `bns:search-start` mark and the first `bns:results-painted` mark after it.
 */
async function pushStateAndTime(page: Page, url: string): Promise<number> {
  await page.evaluate(() => performance.clearMarks());
  await page.evaluate((u) => history.pushState(null, '', u), url);
  const handle = await page.waitForFunction(
    () => {
      const start = performance.getEntriesByName('bns:search-start').at(-1);
      const painted = start && performance.getEntriesByName('bns:results-painted').find((e) => e.startTime >= start.startTime);
      return painted ? painted.startTime - start.startTime : null;
    },
    undefined,
    { polling: 'raf', timeout: TIMEOUT_MS },
  );
  return (await handle.jsonValue()) as number;
}

/**
 * Drives our real search page. A query is put in the URL with `history.pushState`, which Next's router
 * and the page's URL state follow without a reload (as a click on a facet or a typed query would), so
 * the worker and its downloaded shards stay; the page's own marks time it.
 */
export function ourDriver(origin: string): SystemDriver {
  return {
    name: 'ours',
    origin,
    async waitReady(page) {
      await page.getByTestId('status').filter({ hasText: '索引收录' }).waitFor();
      // The page opens on the newest articles, from the answer the build stored: loaded before the reader types.
      await page.locator('section[data-query=""]').waitFor();
    },
    async run(page, q) {
      return { ms: await pushStateAndTime(page, ourResultsUrl(q)), ids: null };
    },
    async complete(page) {
      // A facet list is busy while its counts are to come (a phone's folded lists are not in view and wait for the reader).
      await page.waitForFunction(() => ![...document.querySelectorAll('fieldset[aria-busy="true"]')].some((f) => f.checkVisibility()), undefined, {
        polling: 50,
        timeout: TIMEOUT_MS,
      });
    },
    // The columns the engine reads ahead count where they are read: with the engine's start, or with a query when the index is too large to read them ahead.
    isQueryData: (u) => indexPath(u) !== null && !isOurStartFile(u),
    isInitData: (u) => isOurStartFile(u) || isOurPreloadFile(u),
  };
}

/** Our index's path relative to its folder, or null for any other request: `/search/g-…/rank.bin` → `g-…/rank.bin`. */
export function indexPath(url: URL | string): string | null {
  const p = typeof url === 'string' ? new URL(url).pathname : url.pathname;
  return p.startsWith('/search/') ? p.slice('/search/'.length) : null;
}

/** What our page loads before a query, and only then: the manifest and the stored answer without a query (the newest articles). */
function isOurStartFile(u: URL): boolean {
  const p = indexPath(u);
  return p === MANIFEST_FILE || (p !== null && isHomeFileName(p));
}

/** What our engine reads ahead of the first query when the index is small enough (`SearchEngine.preload`). */
function isOurPreloadFile(u: URL): boolean {
  const p = indexPath(u);
  return p !== null && isPreloadPath(p);
}

/** Resolves when a bench page (Pagefind's, the frame floor's) has set `window.benchReady`. */
async function waitForBenchReady(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as unknown as { benchReady?: boolean }).benchReady === true, undefined, { timeout: TIMEOUT_MS });
}

/**
 * Drives the frame-floor page (lib/bench/frame-floor-page.ts) with the same URL changes as {@link ourDriver}.
 * It fetches no index data.
 */
export function frameFloorDriver(origin: string): SystemDriver {
  return {
    name: 'frame floor',
    origin,
    waitReady: waitForBenchReady,
    async run(page, q) {
      return { ms: await pushStateAndTime(page, ourResultsUrl(q)), ids: null };
    },
    complete: async () => {},
    isQueryData: () => false,
    isInitData: () => false,
  };
}

/** Drives the Pagefind bench page ({@link PAGEFIND_BENCH_PAGE}) through its `benchSearch`. */
export function pagefindDriver(origin: string): SystemDriver {
  const rel = (u: URL) => u.pathname.replace(/^\/pagefind\//, '');
  return {
    name: 'pagefind',
    origin,
    waitReady: waitForBenchReady,
    async run(page, q, wantIds) {
      type Bench = { benchSearch: (q: string, f: Record<string, string>, w: boolean) => Promise<{ ms: number; ids: string[] | null }> };
      return page.evaluate(([query, filters, w]) => (window as unknown as Bench).benchSearch(query, filters, w), [
        q.query,
        pagefindFilters(q.filters),
        wantIds,
      ] as const);
    },
    // The bench page renders everything it shows with its results.
    complete: async () => {},
    isQueryData: (u) => u.pathname.startsWith('/pagefind/') && isPagefindQueryFile(rel(u)),
    isInitData: (u) => u.pathname.startsWith('/pagefind/') && isPagefindInitFile(rel(u)),
  };
}
