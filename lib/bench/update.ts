/**
 * The incremental-update benchmark (`npm run bench -- --docs <n> --update <k>`, issue 14): after the bench's
 * index of n articles is built, the corpus changes (k newer articles, k/10 files rewritten, k/10 removed),
 * the index is updated in place, and the update is set against a full build of the same files: time,
 * memory, what it wrote, what it left alone, what a query costs, and whether every answer is the same.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync } from 'node:fs';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateArticles, Rng, type GeneratedArticle } from '../corpus';
import { fsFetcher, type UpdateStats } from '../indexer';
import { SearchEngine, SORT_ORDERS, type SearchResult } from '../search';
import { BenchOptionsError, errorMessage } from './errors';
import { listFiles, totals } from './files';
import { toSearchRequest } from './floor';
import type { MeasuredRun } from './measure-process';
import type { BenchQuery } from './queries';
import { emptyUpdateSiteMetrics, type UnequalAnswer, type UpdateMetrics, type UpdateSiteMetrics } from './report';

// ---------------------------------------------------------------------------------------------------
// The corpus change (pure)

/** What the corpus change does to the files there, by name. */
export interface CorpusChangePlan {
  /** Newer articles to add. */
  add: number;
  /** Files to rewrite (a sentence appended to the body), then files to remove: disjoint, each k/10. */
  rewrite: string[];
  remove: string[];
  /** The day of the newest file there (`YYYY-MM-DD`, from its name); the new articles come after it. */
  newestDay: string;
}

const DATED_NAME = /^(\d{4})-(\d{2})-(\d{2})-(\d{8})(\d+)\.md$/;

/** Files rewritten and files removed for an update of `k` articles: k/10 of each, rounded. */
export function changedCount(k: number): number {
  return Math.round(k / 10);
}

/**
 * Which files an update of `k` articles rewrites and removes: k/10 of each, drawn with `seed` from all of
 * `names` (the generator's file names, `YYYY-MM-DD-<id>.md`), so that edits and removals fall anywhere in
 * the index, not only among the newest documents. The same names and seed give the same plan.
 * @throws {@link BenchOptionsError} when `k` is not a positive integer, the corpus has too few files, or a
 *   name does not start with its date.
 */
export function planCorpusChange(names: readonly string[], k: number, seed: number): CorpusChangePlan {
  if (!Number.isInteger(k) || k < 1) throw new BenchOptionsError(`update must be a positive integer, got ${String(k)}`);
  const m = changedCount(k);
  if (2 * m > names.length) throw new BenchOptionsError(`update ${k} rewrites and removes ${m} files each, more than the ${names.length} there`);
  let newestDay = '';
  for (const n of names) {
    const d = DATED_NAME.exec(n);
    if (!d) throw new BenchOptionsError(`corpus file ${JSON.stringify(n)} is not named YYYY-MM-DD-<id>.md`);
    const day = `${d[1]}-${d[2]}-${d[3]}`;
    if (day > newestDay) newestDay = day;
  }
  const sorted = [...names].sort();
  // Salted, so the files picked are not tied to the articles the same seed generates.
  const rng = new Rng(seed ^ 0x5eed1234);
  // A partial Fisher–Yates shuffle: the first 2m places are a uniform draw without replacement.
  for (let i = 0; i < 2 * m; i++) {
    const j = i + Math.floor(rng.next() * (sorted.length - i));
    [sorted[i], sorted[j]] = [sorted[j]!, sorted[i]!];
  }
  return { add: k, rewrite: sorted.slice(0, m).sort(), remove: sorted.slice(m, 2 * m).sort(), newestDay };
}

/** Articles per day among the new ones: a daily batch, as the merge policy expects them. */
const NEW_PER_DAY = 100;

/** `YYYY-MM-DD` `days` after `day`. */
function addDays(day: string, days: number): string {
  const t = Date.parse(`${day}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** The day of new article `j` of an update: the day after `newestDay` for the first {@link NEW_PER_DAY}, the next for the next ones… */
export function newArticleDay(newestDay: string, j: number): string {
  return addDays(newestDay, 1 + Math.floor(j / NEW_PER_DAY));
}

/**
 * `article` moved to `day`: its file name's date and the date digits of its id, the day in its front
 * matter's `date:` (time and zone kept), and the id where its footer repeats it.
 * @throws RangeError when the article is not shaped as the generator writes them.
 */
export function redate(article: GeneratedArticle, day: string): GeneratedArticle {
  const d = DATED_NAME.exec(article.fileName);
  if (!d || !/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new RangeError(`cannot redate ${article.fileName} to ${day}`);
  const oldDigits = `${d[4]}${d[5]}`;
  const newDigits = `${day.replaceAll('-', '')}${d[5]}`;
  const dateLine = /^date: ("?)\d{4}-\d{2}-\d{2}/m;
  if (!dateLine.test(article.content)) throw new RangeError(`${article.fileName} has no date: line`);
  const content = article.content.replace(dateLine, `date: $1${day}`).replaceAll(oldDigits, newDigits);
  return { fileName: `${day}-${newDigits}.md`, content };
}

/** What a rewrite appends to a file's body: one more sentence, as an editor's correction would. */
export const APPENDED_SENTENCE = '（更正：本文发布后，相关数据已根据最新公告更新。）';

/** `content` with {@link APPENDED_SENTENCE} as a paragraph of its own at the end. */
export function appendSentence(content: string): string {
  return `${content.replace(/\n*$/, '')}\n\n${APPENDED_SENTENCE}\n`;
}

/**
 * The `k` new articles of an update: `k` articles from another generator seed than the corpus's, dated
 * after `newestDay`, a day's batch of {@link NEW_PER_DAY} at a time.
 */
export function newArticles(k: number, seed: number, newestDay: string): GeneratedArticle[] {
  const out: GeneratedArticle[] = [];
  let j = 0;
  // Another seed: other stories, and file ids that cannot meet the corpus's, as their date digits differ.
  for (const a of generateArticles({ docs: k, seed: seed + 1_000_003 })) out.push(redate(a, newArticleDay(newestDay, j++)));
  return out;
}

/** Changes the corpus in `dir` as `plan` says; returns the number of files there afterwards. */
export async function applyCorpusChange(dir: string, plan: CorpusChangePlan, seed: number): Promise<number> {
  for (const name of plan.rewrite) {
    const file = path.join(dir, name);
    await writeFile(file, appendSentence(await readFile(file, 'utf8')));
  }
  for (const name of plan.remove) await rm(path.join(dir, name));
  for (const a of newArticles(plan.add, seed, plan.newestDay)) {
    const file = path.join(dir, a.fileName);
    if (existsSync(file)) throw new BenchOptionsError(`new article ${a.fileName} would overwrite a file of the corpus`);
    await writeFile(file, a.content);
  }
  return (await readdir(dir)).length;
}

// ---------------------------------------------------------------------------------------------------
// Files left alone

/** Each file under `dir` (relative posix path) with a hash of its bytes. */
export async function hashFiles(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const rel of await listFiles(dir))
    out.set(
      rel,
      createHash('sha256')
        .update(await readFile(path.join(dir, rel)))
        .digest('hex'),
    );
  return out;
}

/** Files of `after` that `before` has at the same path with the same bytes (both: path → content hash). */
export function countUnchanged(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): number {
  let n = 0;
  for (const [rel, hash] of after) if (before.get(rel) === hash) n++;
  return n;
}

// ---------------------------------------------------------------------------------------------------
// Answers compared

/** A search result as compared: everything but the time it took. */
function comparable(r: SearchResult): Omit<SearchResult, 'tookMs'> {
  const { tookMs: _tookMs, ...rest } = r;
  return rest;
}

/** The first difference between two answers to one request, or null when they are equal (`tookMs` aside). */
export function answerDifference(a: SearchResult, b: SearchResult): string | null {
  const x = comparable(a);
  const y = comparable(b);
  if (JSON.stringify(x) === JSON.stringify(y)) return null;
  if (x.total !== y.total) return `total ${x.total} ≠ ${y.total}`;
  if (x.hits.length !== y.hits.length) return `${x.hits.length} hits ≠ ${y.hits.length}`;
  for (const [i, h] of x.hits.entries()) {
    const o = y.hits[i]!;
    if (h.id !== o.id) return `hit ${i + 1}: ${h.id} (score ${h.score}) ≠ ${o.id} (score ${o.score})`;
    for (const k of Object.keys(h) as (keyof typeof h)[]) {
      if (JSON.stringify(h[k]) !== JSON.stringify(o[k]))
        return `hit ${i + 1} (${h.id}): ${k} ${JSON.stringify(h[k]).slice(0, 80)} ≠ ${JSON.stringify(o[k]).slice(0, 80)}`;
    }
  }
  for (const k of Object.keys(x) as (keyof typeof x)[]) {
    if (JSON.stringify(x[k]) !== JSON.stringify(y[k])) return `${k} ${JSON.stringify(x[k]).slice(0, 120)} ≠ ${JSON.stringify(y[k]).slice(0, 120)}`;
  }
  return 'key order';
}

/** Unequal answers kept in the report, beyond their count. */
const UNEQUAL_EXAMPLES = 10;

/**
 * Runs every query of `queries`, and the empty query (every document), with each sort order, first 100
 * results, on the index in `updatedDir` and on the one in `fullDir`, in Node with the browser's engine
 * code, and compares the answers.
 */
export async function compareAnswers(updatedDir: string, fullDir: string, queries: readonly BenchQuery[]): Promise<NonNullable<UpdateMetrics['answers']>> {
  const [a, b] = await Promise.all([SearchEngine.open(fsFetcher(updatedDir)), SearchEngine.open(fsFetcher(fullDir))]);
  const all: BenchQuery[] = [...queries, { query: '', filters: {}, kind: 'common' }];
  let compared = 0;
  let unequal = 0;
  const examples: UnequalAnswer[] = [];
  for (const q of all) {
    for (const { key: sort } of SORT_ORDERS) {
      const request = toSearchRequest(q, 100, sort);
      const [x, y] = await Promise.all(
        [a.search(request), b.search(request)].map((p) =>
          p.then(
            (r) => ({ r }),
            (e: unknown) => ({ error: errorMessage(e) }),
          ),
        ),
      );
      // A request that throws on either index is an answer that is not equal, with the error as its difference.
      const difference =
        'r' in x! && 'r' in y!
          ? answerDifference(x.r, y.r)
          : `updated: ${'error' in x! ? `threw ${x.error}` : 'answered'}; full build: ${'error' in y! ? `threw ${y.error}` : 'answered'}`;
      compared++;
      if (difference === null) continue;
      unequal++;
      if (examples.length < UNEQUAL_EXAMPLES) examples.push({ query: q.query, filters: q.filters, sort, difference });
    }
  }
  return { compared, unequal, examples };
}

// ---------------------------------------------------------------------------------------------------
// The run

/** What {@link benchUpdate} needs of the bench around it. */
export interface UpdateBenchOptions {
  k: number;
  seed: number;
  /** The corpus the index was built from; changed in place. */
  corpus: string;
  /** The site folder (the static export) holding the index in `search/`, which is updated in place. */
  site: string;
  /** The update state the index was built with. */
  stateDir: string;
  /** Where the full build's site, state and the reports go. */
  workDir: string;
  queries: readonly BenchQuery[];
  /** Runs `scripts/index.ts` with these arguments, measured. */
  index: (args: string[]) => Promise<MeasuredRun>;
  /** Measures the index of each site folder in Chromium, in order. */
  measure: (sites: string[]) => Promise<{ metrics: UpdateSiteMetrics; errors: string[] }[]>;
  /** Why a measured run failed, or null when it did not. */
  failed: (r: MeasuredRun) => string | null;
  log: (line: string) => void;
}

/** `stats.update` of a build report written by `scripts/index.ts --report`. */
async function readUpdateStats(file: string): Promise<UpdateStats> {
  const report = JSON.parse(await readFile(file, 'utf8')) as { stats?: { update?: UpdateStats } };
  const u = report.stats?.update;
  if (!u || typeof u !== 'object') throw new Error(`${file} has no stats.update`);
  const { kind, reason, added, changed, removed, unchanged, rewritten, segments, filesWritten, bytesWritten } = u;
  return { kind, reason, added, changed, removed, unchanged, rewritten, segments, filesWritten, bytesWritten };
}

/** The indexer's account of an update in one line, as `npm run index` prints it. */
function describeStats(s: UpdateStats): string {
  return (
    `${s.kind}: +${s.added} added, ${s.changed} changed, ${s.removed} removed, ${s.unchanged} unchanged, ${s.rewritten} rewritten; ` +
    `${s.segments} segments; wrote ${s.filesWritten} files, ${(s.bytesWritten / 1e6).toFixed(2)} MB`
  );
}

const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const gb = (b: number) => `${(b / 1e9).toFixed(2)} GB`;

/**
 * Changes the corpus, updates the index in `site/search` in place (measured), builds the same files in full
 * into another site folder (measured), compares every answer of the two in Node and measures both in
 * Chromium. Never throws: the numbers of a step that failed (and of the steps after it that need it) are
 * null, and `errors` says why.
 */
export async function benchUpdate(o: UpdateBenchOptions): Promise<UpdateMetrics> {
  const m: UpdateMetrics = {
    k: o.k,
    corpus: { added: 0, rewritten: 0, removed: 0, files: 0 },
    stats: null,
    updateMs: null,
    updatePeakRssBytes: null,
    fullBuildMs: null,
    fullBuildPeakRssBytes: null,
    indexFiles: null,
    indexBytes: null,
    filesUnchanged: null,
    fullIndexFiles: null,
    fullIndexBytes: null,
    updated: emptyUpdateSiteMetrics(),
    compacted: emptyUpdateSiteMetrics(),
    answers: null,
    errors: [],
  };
  try {
    await measureUpdate(o, m);
  } catch (e) {
    m.errors.push(errorMessage(e));
  }
  return m;
}

/** The steps of {@link benchUpdate}, filling `m` as they go. @throws when the corpus cannot be changed or a folder cannot be read. */
async function measureUpdate(o: UpdateBenchOptions, m: UpdateMetrics): Promise<void> {
  const log = o.log;
  const index = path.join(o.site, 'search');
  const plan = planCorpusChange(await readdir(o.corpus), o.k, o.seed);
  log(`> changing the corpus: +${plan.add} articles after ${plan.newestDay}, ${plan.rewrite.length} rewritten, ${plan.remove.length} removed`);
  const before = await hashFiles(index);
  m.corpus = { added: plan.add, rewritten: plan.rewrite.length, removed: plan.remove.length, files: await applyCorpusChange(o.corpus, plan, o.seed) };

  log('> updating our index in place (scripts/index.ts)');
  const updateReport = path.join(o.workDir, 'update-report.json');
  const up = await o.index(['--src', o.corpus, '--out', index, '--state', o.stateDir, '--quiet', '--report', updateReport]);
  const upFail = o.failed(up);
  m.updateMs = up.wallMs;
  m.updatePeakRssBytes = up.peakRssBytes;
  if (upFail) m.errors.push(`update: ${upFail}`);
  else {
    try {
      m.stats = await readUpdateStats(updateReport);
      if (m.stats.kind !== 'update') m.errors.push(`update: the indexer did a ${m.stats.kind} build (${m.stats.reason ?? 'no reason given'})`);
    } catch (e) {
      m.errors.push(`update report: ${errorMessage(e)}`);
    }
    const after = await hashFiles(index);
    const t = await totals(index);
    m.indexFiles = t.files;
    m.indexBytes = t.bytes;
    m.filesUnchanged = countUnchanged(before, after);
  }
  log(`  update: ${sec(up.wallMs)}, peak RSS ${gb(up.peakRssBytes)}${upFail ? `, FAILED: ${upFail}` : ''}${m.stats ? `; ${describeStats(m.stats)}` : ''}`);

  log('> building the same files in full (scripts/index.ts)');
  const fullSite = path.join(o.workDir, 'full-site');
  const fullIndex = path.join(fullSite, 'search');
  await rm(fullSite, { recursive: true, force: true });
  cpSync(o.site, fullSite, { recursive: true, filter: (src) => path.relative(o.site, src) !== 'search' });
  const fb = await o.index(['--src', o.corpus, '--out', fullIndex, '--state', path.join(o.workDir, 'full-index-state'), '--quiet']);
  const fbFail = o.failed(fb);
  m.fullBuildMs = fb.wallMs;
  m.fullBuildPeakRssBytes = fb.peakRssBytes;
  if (fbFail) m.errors.push(`full build: ${fbFail}`);
  else {
    const t = await totals(fullIndex);
    m.fullIndexFiles = t.files;
    m.fullIndexBytes = t.bytes;
  }
  log(`  full build: ${sec(fb.wallMs)}, peak RSS ${gb(fb.peakRssBytes)}${fbFail ? `, FAILED: ${fbFail}` : ''}`);
  if (upFail || fbFail) return;

  log('> comparing every answer of the updated index with the full build (Node)');
  try {
    m.answers = await compareAnswers(index, fullIndex, o.queries);
    log(`  ${m.answers.compared - m.answers.unequal} of ${m.answers.compared} answers equal`);
  } catch (e) {
    m.errors.push(`answers: ${errorMessage(e)}`);
  }

  log('> measuring the updated and the compacted index in Chromium');
  try {
    const [updated, compacted] = await o.measure([o.site, fullSite]);
    if (updated) {
      m.updated = updated.metrics;
      m.errors.push(...updated.errors.map((e) => `updated index: ${e}`));
    }
    if (compacted) {
      m.compacted = compacted.metrics;
      m.errors.push(...compacted.errors.map((e) => `compacted index: ${e}`));
    }
  } catch (e) {
    m.errors.push(`Chromium: ${errorMessage(e)}`);
  }
}
