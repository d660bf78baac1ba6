/**
 * The benchmark's report: its JSON shape (checked before it is written, so a refactor cannot silently
 * drop a field), the table printed on stdout, and the section it keeps in docs/BENCHMARKS.md.
 */
import type { UpdateStats } from '../indexer';
import { DEFAULT_SEARCH_OPTIONS } from '../search';
import type { BenchFilters } from './queries';
import { describeLink, SLOW_4G } from './link';
import { PHONE_SCREEN } from './screens';
import { percentile, percentileRank } from './stats';

/** Where the numbers were measured. */
export interface MachineInfo {
  nproc: number;
  memoryBytes: number;
  node: string;
  chromium: string;
  platform: string;
  cpu: string;
}

/**
 * One system's numbers. A number is null when the step that measures it failed; `errors` says why.
 * Byte counts are bytes; times are milliseconds; recall and precision are fractions from 0 to 1.
 */
export interface SystemMetrics {
  /** Wall time of the indexing process, start to exit. */
  buildMs: number | null;
  /** Peak resident memory of the indexing process tree. */
  buildPeakRssBytes: number | null;
  /** Sum of the sizes of the index files on disk. */
  indexBytes: number | null;
  indexFiles: number | null;
  /** Size on disk of the largest index file. */
  largestFileBytes: number | null;
  /** Median over the queries of what a fresh page downloads for its first query, after page load and engine init (transferred bytes). */
  coldQueryBytes: number | null;
  /** Median over the queries of the requests behind {@link coldQueryBytes}. */
  coldQueryRequests: number | null;
  /**
   * The same on a phone's screen ({@link PHONE_SCREEN}): our page's filters are folded there, and it reads what
   * only the facet counts need when the reader opens them, which the measure does not do.
   */
  coldQueryBytesPhone: number | null;
  /** Median over the queries of the requests behind {@link coldQueryBytesPhone}. */
  coldQueryRequestsPhone: number | null;
  /**
   * {@link coldQueryBytes} over HTTPS with HTTP/2, as static hosts and CDNs serve: the same files (the engine does not
   * know the protocol), their responses' headers compressed by HPACK, from the slow link's pages over HTTP/2.
   */
  coldQueryBytesHttp2: number | null;
  /** {@link coldQueryBytesPhone} over HTTPS with HTTP/2, from fresh pages of a phone's screen (the slow link's are a wide screen's). */
  coldQueryBytesPhoneHttp2: number | null;
  /** Query reaching the engine → results painted, warm page, debounce excluded. */
  warmQueryMsP50: number | null;
  warmQueryMsP95: number | null;
  /** Mean over the queries with at least one expected document of the share of them the system returns. */
  recall: number | null;
  /** Mean over the queries with at least one result of the share of results the oracle expects. */
  precision: number | null;
  /**
   * JavaScript heap in use (page and its workers, `Runtime.getHeapUsage`) after the warm page has run every
   * query 1 + passes times. WebAssembly memory (Pagefind's index lives there) is not JavaScript heap.
   */
  jsHeapBytes: number | null;
  /** Median transfer of the engine's own initialisation after page load (manifest, stored answer, rank columns read ahead; Pagefind's entry, wasm and metadata). */
  initBytes: number | null;
  /** The suggestion files (ours: `sug-*.bin` the manifest names), on disk: their total, their number, the largest. Null where there are none. */
  suggestBytes: number | null;
  suggestFiles: number | null;
  suggestLargestBytes: number | null;
  /** The readings files that "did you mean" reads (ours: `py-*.bin` the manifest names), on disk: their total and number. Null where there are none. */
  readingsBytes: number | null;
  readingsFiles: number | null;
  /** The facet counts of the offered words (ours: `wfc-*.bin` the manifest names), on disk: their total and number. Null where there are none. */
  wordFacetsBytes: number | null;
  wordFacetsFiles: number | null;
  /** The first query of a fresh page on the slow link ({@link SLOW_4G}), reaching the engine → results painted: median and p95 over the queries. */
  coldQueryMsSlow: number | null;
  coldQueryMsSlowP95: number | null;
  /** The same over HTTPS with HTTP/2, as static hosts and CDNs serve (HTTP/1.1's six connections a host hold back a seventh request). */
  coldQueryMsSlowHttp2: number | null;
  coldQueryMsSlowHttp2P95: number | null;
  /** A committed keystroke → its list of suggestions painted, warm (p95 over the bench's prefixes and passes). */
  keystrokeMsP95: number | null;
  /** Per file kind (`shard`, `rank`, `facets`, `chars`, `frag`; `pf_index`, `pf_filter`, `pf_fragment`), the median over the queries of its cold-query bytes. */
  coldBytesByKind: Record<string, number>;
  /** The same on a phone's screen (see {@link coldQueryBytesPhone}). */
  coldBytesByKindPhone: Record<string, number>;
  errors: string[];
}

/** What an ideal fetch plan would transfer for our index, against what ours does. */
export interface FloorMetrics {
  /** Median over the queries of gzip(postings of the query's units) + gzip(display data of the hits shown). */
  bytes: number;
  postingsBytes: number;
  fragmentsBytes: number;
  /** Our measured {@link SystemMetrics.coldQueryBytes}, for comparison. */
  coldQueryBytes: number | null;
}

/**
 * The warm measure on a page with no engine (lib/bench/frame-floor-page.ts): a worker that answers at
 * once and one line of text changed, driven as our page is. A reference for our page's warm numbers:
 * what this harness reads on this machine when the engine, the results and their layout cost nothing.
 * Either both numbers are set and `error` is null, or both are null and `error` says why.
 */
export interface FrameFloorMetrics {
  warmQueryMsP50: number | null;
  warmQueryMsP95: number | null;
  /** Why it was not measured, or null. */
  error: string | null;
}

/** One system's numbers for one query. */
export interface PerQuerySystem {
  /** Documents returned (all of Pagefind's results; our engine's total hits), or null when not measured. */
  returned: number | null;
  /** Of them, the documents the oracle expects. */
  correct: number | null;
  coldBytes: number | null;
  coldRequests: number | null;
  /** The cold query's bytes on a phone's screen; null where it was not measured there (Pagefind, reports before it). */
  coldBytesPhone: number | null;
  /** {@link coldBytes} by file kind (as {@link SystemMetrics.coldBytesByKind} names them); null where not measured, or not kept (older reports). */
  coldBytesByKind: Record<string, number> | null;
  /** {@link coldBytesPhone} by file kind; null where not measured. */
  coldBytesByKindPhone: Record<string, number> | null;
  warmMs: number[];
}

/** One query's numbers. */
export interface PerQuery {
  query: string;
  filters: BenchFilters;
  /** Documents the substring oracle says match. */
  expected: number;
  ours: PerQuerySystem;
  pagefind: PerQuerySystem;
  /** Our floor for this query, or null when it could not be computed. */
  floorBytes: number | null;
}

/** The JSON `npm run bench -- --json <file>` writes. */
export interface BenchReport {
  docs: number;
  seed: number;
  /** ISO date and time the run finished. */
  date: string;
  command: string;
  machine: MachineInfo;
  queries: number;
  systems: { ours: SystemMetrics; pagefind: SystemMetrics };
  floor: FloorMetrics | null;
  /** Absent in reports written before it was measured. */
  frameFloor?: FrameFloorMetrics;
  perQuery: PerQuery[];
  /** The incremental update (`--update <k>`); absent when not asked for. */
  update?: UpdateMetrics;
}

/** One index served by the static export and measured in Chromium, as {@link SystemMetrics} measures ours. */
export interface UpdateSiteMetrics {
  coldQueryBytes: number | null;
  coldQueryRequests: number | null;
  warmQueryMsP50: number | null;
  warmQueryMsP95: number | null;
  coldBytesByKind: Record<string, number>;
}

/** A request whose answer differs between the updated index and the full build. */
export interface UnequalAnswer {
  query: string;
  filters: BenchFilters;
  sort: string;
  /** What differs first (`total 12 ≠ 13`, `hit 3: id … ≠ …`). */
  difference: string;
}

/**
 * The incremental update (issue 14): after the bench's index of `docs` articles is built, `k` newer articles
 * are added, k/10 files rewritten and k/10 removed; the index is updated in place and compared with a full
 * build of the same files (which is also the compacted index: one segment, what `--compact` writes).
 * A number is null when the step that measures it failed; `errors` says why.
 */
export interface UpdateMetrics {
  k: number;
  /** What was done to the corpus, and the files it holds afterwards. */
  corpus: { added: number; rewritten: number; removed: number; files: number };
  /** The indexer's own account of the update, or null when it failed. */
  stats: UpdateStats | null;
  /** Wall time and peak RSS of the update (scripts/index.ts on the same --out and --state). */
  updateMs: number | null;
  updatePeakRssBytes: number | null;
  /** The same of the full build of the final files into another folder. */
  fullBuildMs: number | null;
  fullBuildPeakRssBytes: number | null;
  /** Every file of the index folder after the update (what older manifests still read included). */
  indexFiles: number | null;
  indexBytes: number | null;
  /** Files of the folder after the update with the same path and the same bytes as before it. */
  filesUnchanged: number | null;
  /** The full build's folder. */
  fullIndexFiles: number | null;
  fullIndexBytes: number | null;
  /** The updated index in Chromium, and the compacted one (the full build). */
  updated: UpdateSiteMetrics;
  compacted: UpdateSiteMetrics;
  /**
   * Every bench query (and the empty query) with each sort order, limit 100, run in Node on both indexes;
   * answers compared whole, `tookMs` aside. Null when not compared.
   */
  answers: { compared: number; unequal: number; examples: UnequalAnswer[] } | null;
  errors: string[];
}

/** A value is not a well-formed report; the message names the first field that is wrong. */
export class BenchReportError extends Error {
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(`bench report: ${field} ${reason}`);
    this.name = 'BenchReportError';
  }
}

/** Metrics with every number unknown: the starting point, and what a failed system reports. */
export function emptySystemMetrics(): SystemMetrics {
  return {
    buildMs: null,
    buildPeakRssBytes: null,
    indexBytes: null,
    indexFiles: null,
    largestFileBytes: null,
    coldQueryBytes: null,
    coldQueryRequests: null,
    coldQueryBytesPhone: null,
    coldQueryRequestsPhone: null,
    coldQueryBytesHttp2: null,
    coldQueryBytesPhoneHttp2: null,
    warmQueryMsP50: null,
    warmQueryMsP95: null,
    recall: null,
    precision: null,
    initBytes: null,
    jsHeapBytes: null,
    suggestBytes: null,
    suggestFiles: null,
    suggestLargestBytes: null,
    readingsBytes: null,
    readingsFiles: null,
    wordFacetsBytes: null,
    wordFacetsFiles: null,
    coldQueryMsSlow: null,
    coldQueryMsSlowP95: null,
    coldQueryMsSlowHttp2: null,
    coldQueryMsSlowHttp2P95: null,
    keystrokeMsP95: null,
    coldBytesByKind: {},
    coldBytesByKindPhone: {},
    errors: [],
  };
}

/** One query's numbers for a system, none measured yet. */
export function unmeasuredQuery(): PerQuerySystem {
  return {
    returned: null,
    correct: null,
    coldBytes: null,
    coldRequests: null,
    coldBytesPhone: null,
    coldBytesByKind: null,
    coldBytesByKindPhone: null,
    warmMs: [],
  };
}

const SYSTEM_NUMBERS = [
  'buildMs',
  'buildPeakRssBytes',
  'indexBytes',
  'indexFiles',
  'largestFileBytes',
  'coldQueryBytes',
  'coldQueryRequests',
  'coldQueryBytesPhone',
  'coldQueryRequestsPhone',
  'coldQueryBytesHttp2',
  'coldQueryBytesPhoneHttp2',
  'warmQueryMsP50',
  'warmQueryMsP95',
  'recall',
  'precision',
  'initBytes',
  'jsHeapBytes',
  'suggestBytes',
  'suggestFiles',
  'suggestLargestBytes',
  'readingsBytes',
  'readingsFiles',
  'wordFacetsBytes',
  'wordFacetsFiles',
  'coldQueryMsSlow',
  'coldQueryMsSlowP95',
  'coldQueryMsSlowHttp2',
  'coldQueryMsSlowHttp2P95',
  'keystrokeMsP95',
] as const satisfies readonly (keyof SystemMetrics)[];

type Json = Record<string, unknown>;

function obj(v: unknown, field: string): Json {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new BenchReportError(field, 'must be an object');
  return v as Json;
}

function num(v: unknown, field: string, nullable: boolean): void {
  if (v === null && nullable) return;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
    throw new BenchReportError(field, `must be a non-negative number${nullable ? ' or null' : ''}, got ${JSON.stringify(v)}`);
}

/** Checks that `v` is bytes by file kind: an object of non-negative numbers. */
function byteCounts(v: unknown, field: string): void {
  for (const [k, x] of Object.entries(obj(v, field))) num(x, `${field}.${k}`, false);
}

function str(v: unknown, field: string): void {
  if (typeof v !== 'string' || v === '') throw new BenchReportError(field, 'must be a non-empty string');
}

/** Measures a report written before they existed lacks: read as not measured, so that `--render` still takes it. */
const LATER_NUMBERS: readonly (typeof SYSTEM_NUMBERS)[number][] = [
  'coldQueryMsSlowHttp2',
  'coldQueryMsSlowHttp2P95',
  'coldQueryBytesPhone',
  'coldQueryRequestsPhone',
  'coldQueryBytesHttp2',
  'coldQueryBytesPhoneHttp2',
];

function checkSystem(v: unknown, field: string): void {
  const s = obj(v, field);
  for (const k of LATER_NUMBERS) if (!(k in s)) s[k] = null;
  for (const k of SYSTEM_NUMBERS) num(s[k], `${field}.${k}`, true);
  for (const k of ['recall', 'precision'] as const) {
    if (typeof s[k] === 'number' && (s[k] as number) > 1) throw new BenchReportError(`${field}.${k}`, 'must be a fraction from 0 to 1');
  }
  if (!('coldBytesByKindPhone' in s)) s.coldBytesByKindPhone = {};
  for (const kinds of ['coldBytesByKind', 'coldBytesByKindPhone']) byteCounts(s[kinds], `${field}.${kinds}`);
  if (!Array.isArray(s.errors) || s.errors.some((e) => typeof e !== 'string')) throw new BenchReportError(`${field}.errors`, 'must be an array of strings');
}

function checkPerQuerySystem(v: unknown, field: string): void {
  const s = obj(v, field);
  for (const k of ['coldBytesPhone', 'coldBytesByKind', 'coldBytesByKindPhone']) if (!(k in s)) s[k] = null;
  for (const k of ['returned', 'correct', 'coldBytes', 'coldRequests', 'coldBytesPhone']) num(s[k], `${field}.${k}`, true);
  for (const kinds of ['coldBytesByKind', 'coldBytesByKindPhone']) if (s[kinds] !== null) byteCounts(s[kinds], `${field}.${kinds}`);
  if (!Array.isArray(s.warmMs)) throw new BenchReportError(`${field}.warmMs`, 'must be an array');
  s.warmMs.forEach((x, i) => num(x, `${field}.warmMs[${i}]`, false));
}

/**
 * Checks that `value` has the shape of a {@link BenchReport} and returns it typed.
 * @throws {@link BenchReportError} naming the first field that is missing or of the wrong type.
 */
export function checkBenchReport(value: unknown): BenchReport {
  const r = obj(value, 'report');
  num(r.docs, 'docs', false);
  if (!Number.isInteger(r.docs) || (r.docs as number) < 1) throw new BenchReportError('docs', 'must be a positive integer');
  if (!Number.isSafeInteger(r.seed)) throw new BenchReportError('seed', 'must be an integer');
  str(r.date, 'date');
  str(r.command, 'command');
  const m = obj(r.machine, 'machine');
  num(m.nproc, 'machine.nproc', false);
  num(m.memoryBytes, 'machine.memoryBytes', false);
  for (const k of ['node', 'chromium', 'platform', 'cpu']) str(m[k], `machine.${k}`);
  num(r.queries, 'queries', false);
  const systems = obj(r.systems, 'systems');
  checkSystem(systems.ours, 'systems.ours');
  checkSystem(systems.pagefind, 'systems.pagefind');
  if (r.floor !== null) {
    const f = obj(r.floor, 'floor');
    for (const k of ['bytes', 'postingsBytes', 'fragmentsBytes']) num(f[k], `floor.${k}`, false);
    num(f.coldQueryBytes, 'floor.coldQueryBytes', true);
  }
  if (r.frameFloor !== undefined) {
    const f = obj(r.frameFloor, 'frameFloor');
    num(f.warmQueryMsP50, 'frameFloor.warmQueryMsP50', true);
    num(f.warmQueryMsP95, 'frameFloor.warmQueryMsP95', true);
    const measured = f.warmQueryMsP50 !== null && f.warmQueryMsP95 !== null;
    const unmeasured = f.warmQueryMsP50 === null && f.warmQueryMsP95 === null;
    if (measured && f.error !== null) throw new BenchReportError('frameFloor.error', `must be null when both numbers are set, got ${JSON.stringify(f.error)}`);
    if (!measured && (!unmeasured || typeof f.error !== 'string' || f.error === '')) {
      throw new BenchReportError('frameFloor', `must have both numbers, or neither and a non-empty error, got ${JSON.stringify(f)}`);
    }
  }
  if (!Array.isArray(r.perQuery)) throw new BenchReportError('perQuery', 'must be an array');
  r.perQuery.forEach((q, i) => {
    const p = obj(q, `perQuery[${i}]`);
    str(p.query, `perQuery[${i}].query`);
    obj(p.filters, `perQuery[${i}].filters`);
    num(p.expected, `perQuery[${i}].expected`, false);
    checkPerQuerySystem(p.ours, `perQuery[${i}].ours`);
    checkPerQuerySystem(p.pagefind, `perQuery[${i}].pagefind`);
    num(p.floorBytes, `perQuery[${i}].floorBytes`, true);
  });
  if (r.update !== undefined) checkUpdate(r.update, 'update');
  return value as BenchReport;
}

/** Metrics of an index not measured (yet). */
export function emptyUpdateSiteMetrics(): UpdateSiteMetrics {
  return { coldQueryBytes: null, coldQueryRequests: null, warmQueryMsP50: null, warmQueryMsP95: null, coldBytesByKind: {} };
}

const UPDATE_NUMBERS = [
  'updateMs',
  'updatePeakRssBytes',
  'fullBuildMs',
  'fullBuildPeakRssBytes',
  'indexFiles',
  'indexBytes',
  'filesUnchanged',
  'fullIndexFiles',
  'fullIndexBytes',
] as const satisfies readonly (keyof UpdateMetrics)[];

const UPDATE_STATS_NUMBERS = [
  'added',
  'changed',
  'removed',
  'unchanged',
  'rewritten',
  'segments',
  'filesWritten',
  'bytesWritten',
] as const satisfies readonly (keyof UpdateStats)[];

function checkUpdateSite(v: unknown, field: string): void {
  const s = obj(v, field);
  for (const k of ['coldQueryBytes', 'coldQueryRequests', 'warmQueryMsP50', 'warmQueryMsP95']) num(s[k], `${field}.${k}`, true);
  byteCounts(s.coldBytesByKind, `${field}.coldBytesByKind`);
}

function checkUpdate(v: unknown, field: string): void {
  const u = obj(v, field);
  if (!Number.isInteger(u.k) || (u.k as number) < 1) throw new BenchReportError(`${field}.k`, `must be a positive integer, got ${JSON.stringify(u.k)}`);
  const c = obj(u.corpus, `${field}.corpus`);
  for (const k of ['added', 'rewritten', 'removed', 'files']) num(c[k], `${field}.corpus.${k}`, false);
  if (u.stats !== null) {
    const s = obj(u.stats, `${field}.stats`);
    str(s.kind, `${field}.stats.kind`);
    if (s.reason !== null && typeof s.reason !== 'string') throw new BenchReportError(`${field}.stats.reason`, 'must be a string or null');
    for (const k of UPDATE_STATS_NUMBERS) num(s[k], `${field}.stats.${k}`, false);
  }
  for (const k of UPDATE_NUMBERS) num(u[k], `${field}.${k}`, true);
  if (typeof u.filesUnchanged === 'number' && typeof u.indexFiles === 'number' && u.filesUnchanged > u.indexFiles) {
    throw new BenchReportError(`${field}.filesUnchanged`, `must not exceed indexFiles (${u.indexFiles}), got ${u.filesUnchanged}`);
  }
  checkUpdateSite(u.updated, `${field}.updated`);
  checkUpdateSite(u.compacted, `${field}.compacted`);
  if (u.answers !== null) {
    const a = obj(u.answers, `${field}.answers`);
    num(a.compared, `${field}.answers.compared`, false);
    num(a.unequal, `${field}.answers.unequal`, false);
    if ((a.unequal as number) > (a.compared as number)) throw new BenchReportError(`${field}.answers.unequal`, 'must not exceed compared');
    if (!Array.isArray(a.examples)) throw new BenchReportError(`${field}.answers.examples`, 'must be an array');
    a.examples.forEach((x, i) => {
      const e = obj(x, `${field}.answers.examples[${i}]`);
      if (typeof e.query !== 'string') throw new BenchReportError(`${field}.answers.examples[${i}].query`, 'must be a string');
      obj(e.filters, `${field}.answers.examples[${i}].filters`);
      str(e.sort, `${field}.answers.examples[${i}].sort`);
      str(e.difference, `${field}.answers.examples[${i}].difference`);
    });
  }
  if (!Array.isArray(u.errors) || u.errors.some((e) => typeof e !== 'string')) throw new BenchReportError(`${field}.errors`, 'must be an array of strings');
}

// ---------------------------------------------------------------------------------------------------
// Rendering. Decimal units (1 KB = 1000 bytes), as the indexer's own summary line uses.

/** `1234567` → `1.23 MB`; null → `n/a`. */
export function formatBytes(n: number | null): string {
  if (n === null) return 'n/a';
  if (n < 1000) return `${Math.round(n)} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1000;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)} ${units[u]}`;
}

/** Milliseconds as `812 ms` or `3.4 s`; null → `n/a`. */
export function formatMs(n: number | null): string {
  if (n === null) return 'n/a';
  if (n < 10) return `${n.toFixed(1)} ms`;
  if (n < 1000) return `${Math.round(n)} ms`;
  return `${(n / 1000).toFixed(1)} s`;
}

function formatCount(n: number | null): string {
  return n === null ? 'n/a' : Math.round(n).toLocaleString('en-US');
}

function formatShare(n: number | null): string {
  return n === null ? 'n/a' : `${(n * 100).toFixed(1)} %`;
}

/** The p95 of one system's cold queries on one screen, and the query at its rank (see {@link coldQueryP95}). */
export interface ColdQueryP95 {
  /** The p95 over the queries of the cold query's bytes, interpolated as every p95 here. */
  bytes: number;
  /** The query at the rank the p95 reaches toward (of 50, the 48th by bytes), its bytes and what they were by file kind (null where not kept). */
  query: PerQuery;
  queryBytes: number;
  byKind: Record<string, number> | null;
  /** Its rank by bytes, from 1, among `of` measured queries. */
  rank: number;
  of: number;
}

/**
 * The p95 of `system`'s cold-query bytes over the queries measured on a phone's screen (`phone`) or a wide one,
 * with the query at the rank it reaches toward, for saying what such a query spends its bytes on; null where no
 * query was measured.
 */
export function coldQueryP95(r: BenchReport, system: 'ours' | 'pagefind', phone: boolean): ColdQueryP95 | null {
  const measured = r.perQuery.flatMap((query) => {
    const s = query[system];
    const bytes = phone ? s.coldBytesPhone : s.coldBytes;
    return bytes === null ? [] : [{ query, bytes, byKind: phone ? s.coldBytesByKindPhone : s.coldBytesByKind }];
  });
  if (measured.length === 0) return null;
  measured.sort((a, b) => a.bytes - b.bytes);
  const rank = Math.ceil(percentileRank(measured.length, 95));
  const at = measured[rank]!;
  return {
    bytes: percentile(
      measured.map((m) => m.bytes),
      95,
    ),
    query: at.query,
    queryBytes: at.bytes,
    byKind: at.byKind,
    rank: rank + 1,
    of: measured.length,
  };
}

/** A query as the report names it: `普惠金融`, or with its filters, `普惠金融 (bank 工商银行)`. */
function describeQuery(q: PerQuery): string {
  const filters = Object.entries(q.filters).map(([k, v]) => `${k} ${String(v)}`);
  return `“${q.query}”${filters.length ? ` (${filters.join(', ')})` : ''}`;
}

/** File kinds by falling bytes: `facets 51.2 KB, frag 15.5 KB`; empty for none. */
function formatKinds(kinds: Record<string, number>): string {
  return Object.entries(kinds)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${formatBytes(v)}`)
    .join(', ');
}

/**
 * One sentence on the query at the p95 of cold bytes, per system and screen: which it is, its bytes and, where the
 * run kept them, the file kinds it spent them on.
 */
export function formatP95Query(r: BenchReport): string {
  const parts = (
    [
      ['ours', false, 'ours'],
      ['ours', true, 'ours on a phone'],
      ['pagefind', false, 'Pagefind'],
    ] as const
  ).flatMap(([system, phone, label]) => {
    const p = coldQueryP95(r, system, phone);
    if (!p) return [];
    // One query's kinds name what it read: a kind it read nothing of is left out.
    const kinds = p.byKind ? formatKinds(Object.fromEntries(Object.entries(p.byKind).filter(([, v]) => v > 0))) : '';
    return [`${label} ${describeQuery(p.query)}, ${formatBytes(p.queryBytes)} (${p.rank} of ${p.of})${kinds ? `: ${kinds}` : ''}`];
  });
  return parts.length ? `The query at the p95 of cold-query bytes: ${parts.join('; ')}.` : 'The query at the p95 of cold-query bytes: not measured.';
}

/** The comparison as a Markdown table (it reads as plain text on a terminal too). */
export function formatTable(r: BenchReport): string {
  const { ours, pagefind } = r.systems;
  const p95 = (system: 'ours' | 'pagefind', phone: boolean) => formatBytes(coldQueryP95(r, system, phone)?.bytes ?? null);
  const rows: [string, (s: SystemMetrics, system: 'ours' | 'pagefind') => string][] = [
    ['build time', (s) => formatMs(s.buildMs)],
    ['build peak memory (RSS)', (s) => formatBytes(s.buildPeakRssBytes)],
    ['index size on disk', (s) => formatBytes(s.indexBytes)],
    ['index files', (s) => formatCount(s.indexFiles)],
    ['largest index file', (s) => formatBytes(s.largestFileBytes)],
    ['cold query: transferred (median)', (s) => formatBytes(s.coldQueryBytes)],
    ['cold query: transferred (p95)', (_, system) => p95(system, false)],
    ['cold query: requests (median)', (s) => formatCount(s.coldQueryRequests)],
    [
      `cold query on a phone (${PHONE_SCREEN.viewport.width}×${PHONE_SCREEN.viewport.height}): transferred, requests (median)`,
      (s) => (s.coldQueryBytesPhone === null ? 'n/a' : `${formatBytes(s.coldQueryBytesPhone)}, ${formatCount(s.coldQueryRequestsPhone)}`),
    ],
    ['cold query on a phone: transferred (p95)', (_, system) => p95(system, true)],
    [
      'cold query over HTTP/2 (as hosts serve it): wide, phone (median)',
      (s) =>
        s.coldQueryBytesHttp2 === null && s.coldQueryBytesPhoneHttp2 === null
          ? 'n/a'
          : `${formatBytes(s.coldQueryBytesHttp2)}, ${formatBytes(s.coldQueryBytesPhoneHttp2)}`,
    ],
    [
      `cold query on slow 4G (${describeLink(SLOW_4G)}): median, p95`,
      (s) => (s.coldQueryMsSlow === null ? 'n/a' : `${formatMs(s.coldQueryMsSlow)}, ${formatMs(s.coldQueryMsSlowP95)}`),
    ],
    [
      'the same over HTTP/2 (as hosts serve it): median, p95',
      (s) => (s.coldQueryMsSlowHttp2 === null ? 'n/a' : `${formatMs(s.coldQueryMsSlowHttp2)}, ${formatMs(s.coldQueryMsSlowHttp2P95)}`),
    ],
    ['warm query: p50', (s) => formatMs(s.warmQueryMsP50)],
    ['warm query: p95', (s) => formatMs(s.warmQueryMsP95)],
    ['recall vs substring oracle', (s) => formatShare(s.recall)],
    ['precision vs substring oracle', (s) => formatShare(s.precision)],
    ['engine init after page load (median)', (s) => formatBytes(s.initBytes)],
    ['JS heap after the warm queries', (s) => formatBytes(s.jsHeapBytes)],
    ['suggestion data: size on disk', (s) => formatBytes(s.suggestBytes)],
    ['suggestion data: files, largest', (s) => (s.suggestFiles === null ? 'n/a' : `${formatCount(s.suggestFiles)}, ${formatBytes(s.suggestLargestBytes)}`)],
    ['readings for did-you-mean: size, files', (s) => (s.readingsFiles === null ? 'n/a' : `${formatBytes(s.readingsBytes)}, ${formatCount(s.readingsFiles)}`)],
    [
      'facet counts of offered words: size, files',
      (s) => (s.wordFacetsFiles === null ? 'n/a' : `${formatBytes(s.wordFacetsBytes)}, ${formatCount(s.wordFacetsFiles)}`),
    ],
    ['keystroke to suggestions painted: p95', (s) => formatMs(s.keystrokeMsP95)],
  ];
  const head = `${r.docs.toLocaleString('en-US')} articles, ${r.queries} queries`;
  const cells = rows.map(([label, f]) => [label, f(ours, 'ours'), f(pagefind, 'pagefind')] as const);
  const w0 = Math.max(head.length, ...cells.map((c) => c[0].length));
  const w1 = Math.max(4, ...cells.map((c) => c[1].length));
  const w2 = Math.max(8, ...cells.map((c) => c[2].length));
  const line = (a: string, b: string, c: string) => `| ${a.padEnd(w0)} | ${b.padStart(w1)} | ${c.padStart(w2)} |`;
  return [
    line(head, 'ours', 'Pagefind'),
    `| ${'-'.repeat(w0)} | ${'-'.repeat(w1 - 1)}: | ${'-'.repeat(w2 - 1)}: |`,
    ...cells.map((c) => line(c[0], c[1], c[2])),
  ].join('\n');
}

/** One sentence on the floor: what an ideal fetch plan would move, against what ours moves. */
export function formatFloor(r: BenchReport): string {
  const f = r.floor;
  if (!f) return 'Floor: not computed.';
  const share = f.coldQueryBytes ? ` (${((100 * f.bytes) / f.coldQueryBytes).toFixed(0)} % of it)` : '';
  // Two decimals: the goal is a ratio (2×), and one decimal would round 2.04 down to it.
  const times = (bytes: number | null) => (bytes !== null && f.bytes > 0 ? `, ${(bytes / f.bytes).toFixed(2)}× the floor` : '');
  const { coldQueryBytesPhone: phone, coldQueryBytesHttp2: wide2, coldQueryBytesPhoneHttp2: phone2 } = r.systems.ours;
  const http2 = [
    wide2 === null ? '' : `${formatBytes(wide2)}${times(wide2)}`,
    phone2 === null ? '' : `on a phone, ${formatBytes(phone2)}${times(phone2)}`,
  ].filter(Boolean);
  return (
    `Floor (ours, median over the queries): ${formatBytes(f.bytes)} gzip = postings of the query's units ${formatBytes(f.postingsBytes)} + ` +
    `display data of the 10 results shown ${formatBytes(f.fragmentsBytes)}, against ${formatBytes(f.coldQueryBytes)} transferred for a cold query${share}${times(f.coldQueryBytes)}` +
    (phone === null ? '' : `; on a phone, ${formatBytes(phone)}${times(phone)}`) +
    (http2.length ? `. Over HTTP/2 (headers compressed): ${http2.join('; ')}.` : '.')
  );
}

/** One sentence on the frame floor, a reference for our page's warm numbers, and ours against it. */
export function formatFrameFloor(r: BenchReport): string {
  const f = r.frameFloor;
  if (!f) return 'Frame floor: not measured.';
  if (f.error !== null) return `Frame floor: failed (${f.error}).`;
  const ours = r.systems.ours.warmQueryMsP95;
  let above = '';
  if (ours !== null && f.warmQueryMsP95 !== null) {
    const d = ours - f.warmQueryMsP95;
    // Below the floor would mean the two were measured under different load, not a faster engine.
    above = d >= 0 ? `; ours is ${formatMs(d)} above it at p95` : `; ours is ${formatMs(-d)} below it at p95 (load changed between the two)`;
  }
  return (
    `Frame floor (a page whose worker answers at once and that changes one line of text, same harness and queries): ` +
    `warm p50 ${formatMs(f.warmQueryMsP50)}, p95 ${formatMs(f.warmQueryMsP95)}${above}.`
  );
}

/** Where the cold-query bytes go, per system and file kind (medians, so they need not add up to the total). */
export function formatBreakdown(r: BenchReport): string {
  const part = (m: SystemMetrics, kinds: 'coldBytesByKind' | 'coldBytesByKindPhone' = 'coldBytesByKind') => formatKinds(m[kinds]) || 'n/a';
  const onPhone = Object.keys(r.systems.ours.coldBytesByKindPhone).length ? ` On a phone: ours ${part(r.systems.ours, 'coldBytesByKindPhone')}.` : '';
  return `Cold query by file kind (medians): ours ${part(r.systems.ours)}; Pagefind ${part(r.systems.pagefind)}.${onPhone}`;
}

/** Errors of either system (and of the update, when measured), one line each, or an empty list. */
export function formatErrors(r: BenchReport): string[] {
  return [
    ...(['ours', 'pagefind'] as const).flatMap((k) => r.systems[k].errors.map((e) => `${k}: ${e}`)),
    ...(r.update?.errors.map((e) => `update: ${e}`) ?? []),
  ];
}

/**
 * The goals of issue 14 for an update of about 100 articles: those set at 20,000 articles below 100,000
 * (they are the reference for a smaller corpus too), the stricter ones from 100,000 on.
 */
export function updateGoals(docs: number): {
  at: number;
  timeRatio: number;
  peakRssBytes: number;
  bytesShare: number;
  unchangedShare: number;
  coldRatio: number;
} {
  const large = docs >= 100_000;
  return {
    at: large ? 100_000 : 20_000,
    timeRatio: large ? 0.03 : 0.1,
    peakRssBytes: 1.5e9,
    bytesShare: large ? 0.01 : 0.03,
    unchangedShare: large ? 0.99 : 0.97,
    coldRatio: 1.2,
  };
}

const ratio = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? null : a / b);
const formatRatio = (x: number | null) => (x === null ? 'n/a' : `${x.toFixed(x < 0.1 ? 3 : 2)}×`);
const formatPercent = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(x < 0.1 ? 2 : 1)} %`);
const met = (ok: boolean | null) => (ok === null ? 'n/a' : ok ? 'yes' : 'NO');

/**
 * The update's table (docs/BENCHMARKS.md and stdout): each number beside the one it is judged against, their
 * ratio, and the goal it is held to. Empty when the report has no update.
 */
export function formatUpdateTable(r: BenchReport): string {
  const u = r.update;
  if (!u) return '';
  const g = updateGoals(r.docs);
  const timeRatio = ratio(u.updateMs, u.fullBuildMs);
  const bytesShare = ratio(u.stats?.bytesWritten ?? null, u.indexBytes);
  const unchangedShare = ratio(u.filesUnchanged, u.indexFiles);
  const coldRatio = ratio(u.updated.coldQueryBytes, u.compacted.coldQueryBytes);
  const a = u.answers;
  const rows: [string, string, string, string, string, string][] = [
    [
      'wall time: update, full build',
      formatMs(u.updateMs),
      formatMs(u.fullBuildMs),
      formatRatio(timeRatio),
      `≤ ${g.timeRatio.toFixed(2)}×`,
      met(timeRatio === null ? null : timeRatio <= g.timeRatio),
    ],
    [
      'peak memory (RSS): update, full build',
      formatBytes(u.updatePeakRssBytes),
      formatBytes(u.fullBuildPeakRssBytes),
      formatRatio(ratio(u.updatePeakRssBytes, u.fullBuildPeakRssBytes)),
      `< ${formatBytes(g.peakRssBytes)}`,
      met(u.updatePeakRssBytes === null ? null : u.updatePeakRssBytes < g.peakRssBytes),
    ],
    [
      'files written, files of the index',
      formatCount(u.stats?.filesWritten ?? null),
      formatCount(u.indexFiles),
      formatPercent(ratio(u.stats?.filesWritten ?? null, u.indexFiles)),
      '',
      '',
    ],
    [
      'bytes written, bytes of the index',
      formatBytes(u.stats?.bytesWritten ?? null),
      formatBytes(u.indexBytes),
      formatPercent(bytesShare),
      `≤ ${formatPercent(g.bytesShare)}`,
      met(bytesShare === null ? null : bytesShare <= g.bytesShare),
    ],
    [
      'files unchanged, files of the index',
      formatCount(u.filesUnchanged),
      formatCount(u.indexFiles),
      formatPercent(unchangedShare),
      `≥ ${formatPercent(g.unchangedShare)}`,
      met(unchangedShare === null ? null : unchangedShare >= g.unchangedShare),
    ],
    ['segments: updated, compacted', formatCount(u.stats?.segments ?? null), '1', '', '', ''],
    [
      'cold query: transferred (median): updated, compacted',
      formatBytes(u.updated.coldQueryBytes),
      formatBytes(u.compacted.coldQueryBytes),
      formatRatio(coldRatio),
      `≤ ${g.coldRatio.toFixed(1)}×`,
      met(coldRatio === null ? null : coldRatio <= g.coldRatio),
    ],
    [
      'cold query: requests (median): updated, compacted',
      formatCount(u.updated.coldQueryRequests),
      formatCount(u.compacted.coldQueryRequests),
      formatRatio(ratio(u.updated.coldQueryRequests, u.compacted.coldQueryRequests)),
      '',
      '',
    ],
    [
      'warm query p95: updated, compacted',
      formatMs(u.updated.warmQueryMsP95),
      formatMs(u.compacted.warmQueryMsP95),
      formatRatio(ratio(u.updated.warmQueryMsP95, u.compacted.warmQueryMsP95)),
      '',
      '',
    ],
    [
      'answers equal to the full build',
      a ? formatCount(a.compared - a.unequal) : 'n/a',
      a ? formatCount(a.compared) : 'n/a',
      a ? `${formatCount(a.unequal)} unequal` : 'n/a',
      'every one',
      met(a ? a.unequal === 0 : null),
    ],
  ];
  const head: [string, string, string, string, string, string] = [
    `update of ${r.docs.toLocaleString('en-US')} articles: +${formatCount(u.corpus.added)}, ${formatCount(u.corpus.rewritten)} rewritten, ${formatCount(u.corpus.removed)} removed`,
    'this',
    'against',
    'ratio',
    `goal (${g.at.toLocaleString('en-US')})`,
    'met',
  ];
  const w = head.map((h, i) => Math.max(h.length, 4, ...rows.map((row) => row[i]!.length)));
  const line = (c: readonly string[]) => `| ${c.map((x, i) => (i === 0 ? x.padEnd(w[i]!) : x.padStart(w[i]!))).join(' | ')} |`;
  return [line(head), `| ${w.map((n, i) => (i === 0 ? '-'.repeat(n) : `${'-'.repeat(n - 1)}:`)).join(' | ')} |`, ...rows.map(line)].join('\n');
}

/** The sentences under the update's table: what the indexer said it did, and the first unequal answers. */
export function formatUpdateNotes(r: BenchReport): string {
  const u = r.update;
  if (!u) return '';
  const s = u.stats;
  const said = s
    ? `The indexer: ${s.kind}${s.reason ? ` (${s.reason})` : ''}, +${formatCount(s.added)} added, ${formatCount(s.changed)} changed, ${formatCount(s.removed)} removed, ` +
      `${formatCount(s.unchanged)} unchanged, ${formatCount(s.rewritten)} rewritten, ${formatCount(s.segments)} segments, ` +
      `wrote ${formatCount(s.filesWritten)} files, ${formatBytes(s.bytesWritten)}.`
    : 'The indexer: no report.';
  const full = `Full build (the compacted index): ${formatCount(u.fullIndexFiles)} files, ${formatBytes(u.fullIndexBytes)}; the index folder after the update holds ${formatCount(u.indexFiles)} files, ${formatBytes(u.indexBytes)}.`;
  const kinds = (m: UpdateSiteMetrics) =>
    Object.entries(m.coldBytesByKind)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${formatBytes(v)}`)
      .join(', ') || 'n/a';
  const cold = `Cold query by file kind (medians): updated ${kinds(u.updated)}; compacted ${kinds(u.compacted)}.`;
  const unequal = u.answers?.examples.length
    ? [
        `Unequal answers (first ${u.answers.examples.length}):`,
        ...u.answers.examples.map((e) => `- \`${e.query}\` ${JSON.stringify(e.filters)}, ${e.sort}: ${e.difference}`),
      ].join('\n')
    : '';
  return [said, full, cold, ...(unequal ? [unequal] : [])].join('\n\n');
}

function formatMachine(m: MachineInfo): string {
  return `${m.nproc} cores (${m.cpu}), ${(m.memoryBytes / 2 ** 30).toFixed(1)} GiB memory, Node ${m.node}, Chromium ${m.chromium}, ${m.platform}`;
}

const START = (docs: number) => `<!-- bench:docs=${docs} -->`;
const END = (docs: number) => `<!-- /bench:docs=${docs} -->`;
const SECTION = /<!-- bench:docs=(\d+) -->[\s\S]*?<!-- \/bench:docs=\1 -->\n?/g;

/** The docs/BENCHMARKS.md section of one run, between markers that name its corpus size. */
function renderSection(r: BenchReport): string {
  const errors = formatErrors(r);
  return [
    START(r.docs),
    `## ${r.docs.toLocaleString('en-US')} articles`,
    '',
    `\`${r.command}\`, ${r.date.slice(0, 10)}; ${formatMachine(r.machine)}.`,
    '',
    formatTable(r),
    '',
    formatFloor(r),
    '',
    formatFrameFloor(r),
    '',
    formatBreakdown(r),
    '',
    formatP95Query(r),
    ...(r.update ? ['', `### Update of ${r.update.k.toLocaleString('en-US')} articles`, '', formatUpdateTable(r), '', formatUpdateNotes(r)] : []),
    ...(errors.length ? ['', 'Failures:', '', ...errors.map((e) => `- ${e}`)] : []),
    END(r.docs),
    '',
  ].join('\n');
}

/**
 * docs/BENCHMARKS.md with the section of `r.docs` articles replaced (or added), sections ordered by
 * corpus size; everything outside the sections is kept as it is: the hand-written head and tail, and the
 * prose written between two sections, which stays after the section it follows (a re-run keeps it).
 * `existing` null starts from `head`.
 */
export function updateBenchmarksMarkdown(existing: string | null, r: BenchReport, head: string): string {
  const text = existing ?? head;
  const matches = [...text.matchAll(SECTION)];
  const sections = new Map<number, { section: string; prose: string }>();
  matches.forEach((m, i) => {
    const end = m.index + m[0].length;
    const next = matches[i + 1]?.index;
    const prose = next === undefined ? '' : text.slice(end, next).replace(/^\n+/, '').replace(/\n+$/, '');
    sections.set(Number(m[1]), { section: m[0].endsWith('\n') ? m[0] : `${m[0]}\n`, prose });
  });
  sections.set(r.docs, { section: renderSection(r), prose: sections.get(r.docs)?.prose ?? '' });
  const first = matches[0]?.index ?? -1;
  const before = (first < 0 ? text : text.slice(0, first)).replace(/\n*$/, '\n\n');
  const last = matches.at(-1);
  const after = last === undefined ? '' : text.slice(last.index + last[0].length).replace(/^\n+/, '');
  const body = [...sections.keys()]
    .sort((a, b) => a - b)
    .map((k) => {
      const { section, prose } = sections.get(k)!;
      return prose ? `${section}\n${prose}\n` : section;
    })
    .join('\n');
  return `${before}${body}${after ? `\n${after}` : ''}`;
}

/** The start of docs/BENCHMARKS.md when it does not exist yet: how the numbers are measured. */
export const BENCHMARKS_HEAD = `# Benchmarks

\`npm run bench -- --docs <n> [--json <file>] [--keep <dir>]\` generates \`n\` articles with the project's
generator (seed 1), indexes them twice, serves both on 127.0.0.1 with gzip (lib/serve) and measures both
in Chromium with the same 50 queries (\`lib/bench/queries.ts\`: common and rare terms, substrings, one to
three terms, with and without bank, source and year filters). Each run replaces its own section below.

![Cold query transfer, first answer on slow 4G and build time of ours and Pagefind against the number of articles](bench-chart.svg)

The chart shows, for each number of articles, the latest run's median cold query transfer, median first answer on
slow 4G and build time of both systems (a point is missing where no run measured it); its numbers live in
\`docs/bench-history.json\`, which each run updates along with this page, and \`npm run bench -- --chart\` redraws it.

- **ours**: \`scripts/index.ts\` (the real CLI) builds the index; the real search page (the static export
  of this repository) runs the queries through its Web Worker.
- **Pagefind** 1.6.0: \`scripts/pagefind-index.ts\` reads the same articles through lib/ingest (title, text,
  date, source, banks) and calls Pagefind's Node API (\`forceLanguage: 'zh-cn'\`, filters bank, source and
  year, meta title and date); a minimal page with \`<html lang="zh-CN">\` calls \`pagefind.search\` and
  \`data()\` for the top 10 and renders them.

What each row means:

- **build time, build peak memory**: wall time of the indexing process, and the peak of the summed RSS of
  its process tree (sampled every 50 ms from /proc; Pagefind's Node API runs Pagefind's binary as a child
  process, and both count), or GNU time's kernel peak of the largest single process when that is higher.
- **index size on disk, index files**: every file of our \`search/\` folder; Pagefind's entry file,
  metadata, word index, filter and fragment files (its JavaScript, WebAssembly and UI bundles are code,
  like our JavaScript bundle, and are not counted). **Largest index file**: the biggest of them on disk.
- **cold query**: a new browser context (empty cache) loads the page, waits for the engine to initialise,
  then runs one query; counted are the index and search-data requests that query causes (our shards,
  facet columns, character table and fragments, the facet values included though they arrive after the results
  are painted, and the rank columns when the engine has not read them ahead; Pagefind's index chunks, filter
  chunks and fragments), as bytes on
  the wire (CDP \`encodedDataLength\`: gzip body plus headers). Median over the 50 queries, and p95 (since 2026-12-05: also on a phone, with the query
  at the rank the p95 reaches toward, the 48th of 50 by bytes, and the file kinds it spent them on).
- **cold query on a phone** (since 2026-12-04): the same fresh page and first query on a phone's screen (375×812,
  touch: \`lib/bench/screens.ts\`, the e2e suite's phone), where our page folds its filters behind 筛选 and reads what
  only the facet counts need when the reader opens them, which the measure does not do. Ours only: Pagefind's bench
  page lays nothing out by screen size. The floor sentence sets both screens against the floor as ratios.
- **cold query over HTTP/2** (since 2026-12-05): the same bytes as hosts serve them, over HTTPS with HTTP/2 (the server
  of the slow link's second measure, below). The engine asks for the same files whatever the protocol; HTTP/2 compresses each response's headers
  against the connection's earlier ones (HPACK), where HTTP/1.1 sends about 390 bytes of them again with each of a
  query's ten or so responses. A wide screen's from the slow link's pages over HTTP/2, whose throttling changes
  their time, not what they read; a phone's from fresh pages of their own. The floor counts no headers.
- **cold query on slow 4G**: the same fresh page and first query, with only the query on a link Chromium
  emulates (\`Network.emulateNetworkConditions\`: 150 ms latency, 1.6 Mbit/s down, 750 kbit/s up, DevTools'
  "Slow 4G" as issue 15 states it; it covers our engine's worker, whose requests are the page's); the time from
  \`bns:search-start\` to \`bns:results-painted\` (ours: the results, whose facet counts may follow), one page
  at a time. Median and p95 over the 50 queries. Measured twice (since 2026-12-03): over HTTP/1.1, as every other
  measure here (a browser opens at most six connections to a host, so a query's seventh request waits for a free
  one), and over HTTPS with HTTP/2 (the same server, a certificate made for the run), as GitHub Pages, Cloudflare
  Pages, Netlify and every CDN serve a site: all of a wave's requests at once on one connection. The chart plots
  HTTP/1.1, which every run has.
- **readings for did-you-mean**: our \`py-<hash>.bin\` files (the pinyin of the corpus's characters), read
  only when a query of Chinese characters finds nothing.
- **facet counts of offered words**: our \`wfc-<hash>.bin\` files (since 2026-12-04): the facet counts of each
  word the suggestions offer, read by a first query of one such word without a filter or a date range instead
  of every document's facet values (\`wfc\` among the cold query's file kinds).
- **warm query**: one page runs all queries once, then three more times; the time from the query reaching
  the engine (\`bns:search-start\`, debounce excluded) to the first animation frame after the results are
  committed (\`bns:results-painted\`). p50 and p95 over the 150 measured runs.
- **recall, precision**: against an independent substring oracle (lib/oracle: Ctrl-F over normalized title
  and text, filters applied), averaged over the queries (recall over those with at least one expected
  document). Ours is the engine's whole answer (every page, same code as the browser, run in Node);
  Pagefind's is every result of \`pagefind.search\`.
- **engine init**: what the engine fetches after page load before any query (our manifest, the stored answer
  without a query and the rank columns it reads ahead of an index of at most
  ${DEFAULT_SEARCH_OPTIONS.preloadDocs.toLocaleString('en-US')} articles: each article's day, length code and slot
  size, as Pagefind's metadata holds each page's word count; Pagefind's JavaScript, WebAssembly, entry file and
  metadata). The bench waits for it before the query.
- **JS heap**: JavaScript heap in use (CDP \`Runtime.getHeapUsage\`, the page and its workers) when the
  warm page has run every query four times (200 queries). Pagefind keeps its index in WebAssembly memory,
  which this does not count, so only our number is comparable to a budget.
- **floor**: what an ideal fetch plan for our index would move: only the postings of the query's units
  (bank aliases and the whole-query phrase included) and the positions of its chain links, plus only the
  display data of the 10 results shown, each as one file compressed as the index writer compresses its
  files (sealed, gzip level 9).
- **frame floor**: the warm measure on a page with no engine (\`lib/bench/frame-floor-page.ts\`), driven
  as our page is: the same URL changes, a worker that echoes the request at once, one line of text
  changed, the same two marks. It is what this harness reads for our kind of page when the engine, the
  results and their layout cost nothing: the worker round trip and the wait for the next animation frame
  (16.7 ms apart at 60 Hz). It is measured after both systems, so load can differ; Pagefind's page is
  timed from its own call, with no URL change and no worker, so the floor is a reference for ours only.

The machine is shared with other work while a run is in progress, so times vary from run to run by tens
of percent; sizes, requests and recall do not.

`;
