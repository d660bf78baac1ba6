/**
 * Property test of incremental updates (issue 14): after any sequence of updates, the updated index
 * answers every request exactly as a full build of the same final set of files does (hits, scores,
 * snippets, highlights, clusters, links, totals, facets, expansions, exactness), getDocument agrees for
 * every id, and the manifest's statistics and the report's documents are the same.
 *
 * A seeded PRNG drives random steps over a pool of articles: add, change (title, body, near-duplicate,
 * date), remove, and bad files, including a good file turned bad, whose previous version must stay
 * searchable. The reference full build is made from the same folder with every such file put back to
 * its last good content for the time of that build (so paths and ids are the same), then restored.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateArticles } from '../corpus';
import { FACETS, MANIFEST_FILE } from '../index-format';
import { mulberry32 } from '../index-format/test-support';
import { DEFAULT_LINK_OPTIONS, readArticle } from '../ingest';
import { SearchEngine, type DocumentView, type Fetcher, type SearchRequest, type SortOrder } from '../search';
import { withoutTime } from '../search/test-support';
import { buildIndex, fsFetcher, maxSegments, type BuildOptions, type BuildResult, type MergePolicy } from '.';

const TIMEOUT = 600_000;
const FINEWS = path.resolve(process.cwd(), '..', 'shared', 'corpus', 'finews');
const HAVE_FINEWS = existsSync(FINEWS);
if (!HAVE_FINEWS) console.warn(`update.test: ${FINEWS} is absent, so the update sequence over the real Jekyll posts was SKIPPED.`);

/** Small enough that a few steps of a few dozen documents merge segments, several tiers deep. */
const POLICY: MergePolicy = { floorDocs: 20, tierFactor: 3, segmentsPerTier: 3 };
const BASE: Partial<BuildOptions> = { workers: 0, merge: POLICY, link: DEFAULT_LINK_OPTIONS };

// ---------------------------------------------------------------------------------------------------
// Randomness.

type Rng = () => number;
const int = (rng: Rng, n: number) => Math.floor(rng() * n);
function pick<T>(rng: Rng, list: readonly T[]): T | undefined {
  return list.length ? list[int(rng, list.length)] : undefined;
}

// ---------------------------------------------------------------------------------------------------
// Edits of Jekyll posts.

const BANK_NAMES = ['交通银行', '建设银行', '工商银行', '招商银行', '农业银行', '中国银行', '浦发银行'];
const TOPICS = ['推出普惠型小微企业专项贷款', '发布数字人民币新场景', '下调房贷利率 LPR 联动', '加大乡村振兴金融支持', '发行绿色金融债券'];
const SENTENCES = [
  '交通银行表示，将继续加大普惠型小微企业贷款投放力度。',
  '业内人士认为，数字人民币试点范围有望进一步扩大。',
  '建设银行相关负责人介绍，LPR 下调后房贷利率随之下行。',
  '交行当日发布公告称，普惠金融服务覆盖面持续扩大。',
  '招商银行手机银行 application 完成升级，新增理财功能。',
  '银行业金融机构普惠小微贷款余额保持较快增长。',
  '工商银行在河北推出乡村振兴专属信贷产品，贷款利率低于同类产品。',
];
/** Contents lib/ingest reports as errors: empty, front matter never closed, binary. */
const BAD_CONTENTS: [string, string][] = [
  ['empty', ''],
  ['unclosed front matter', '---\ntitle: "没有结束的前置信息"\ndate: 2022-01-01 10:00:00 +0800\n\n正文紧随其后，却没有第二条分隔线。\n'],
  ['binary', 'PK\u0003\u0004\u0000\u0000binary\u0000data'],
];

const FRONT_MATTER = /^\s*---[ \t]*\n[\s\S]*?\n---[ \t]*\n/;

function frontMatterOf(content: string): string {
  return FRONT_MATTER.exec(content)?.[0] ?? '';
}

function bodyOf(content: string): string {
  const fm = frontMatterOf(content);
  return content.slice(fm.length);
}

/** Replaces the `title:` line of the front matter; null when there is none. */
function retitle(content: string, title: string): string | null {
  const fm = frontMatterOf(content);
  if (!/^title:.*$/m.test(fm)) return null;
  return fm.replace(/^title:.*$/m, `title: "${title}"`) + bodyOf(content);
}

/** Replaces the `date:` line of the front matter; null when there is none. */
function redate(content: string, date: string): string | null {
  const fm = frontMatterOf(content);
  if (!/^date:.*$/m.test(fm)) return null;
  return fm.replace(/^date:.*$/m, `date: ${date}`) + bodyOf(content);
}

function appendSentence(content: string, sentence: string): string {
  return `${content.replace(/\n*$/, '\n')}\n${sentence}\n`;
}

function randomTitle(rng: Rng, tag: string): string {
  return `${pick(rng, BANK_NAMES)!}${pick(rng, TOPICS)!}（${tag}）`;
}

function randomDate(rng: Rng): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${2019 + int(rng, 7)}-${two(1 + int(rng, 12))}-${two(1 + int(rng, 28))} ${two(int(rng, 24))}:${two(int(rng, 60))}:${two(int(rng, 60))} +0800`;
}

// ---------------------------------------------------------------------------------------------------
// The model: each file's content now and its last content that read as an article.

interface Entry {
  content: string;
  /** What a full build should index for this path: the last content that read, or null if none ever did. */
  lastGood: string | null;
}

interface Article {
  fileName: string;
  content: string;
}

class Sequence {
  readonly files = new Map<string, Entry>();
  private readonly touched = new Set<string>();
  next = 0;
  private badCount = 0;
  /** Files added from the pool by the last step: their segment is a small one, soon merged. */
  lastAdds: string[] = [];

  constructor(
    readonly src: string,
    readonly pool: readonly Article[],
  ) {}

  names(): string[] {
    return [...this.files.keys()].sort();
  }

  /** Paths whose content reads (as far as the model knows, it is their last good content). */
  goodNames(): string[] {
    return this.names().filter((n) => this.files.get(n)!.content === this.files.get(n)!.lastGood);
  }

  /** Paths whose content does not read. */
  badNames(): string[] {
    return this.names().filter((n) => this.files.get(n)!.content !== this.files.get(n)!.lastGood);
  }

  set(name: string, content: string): void {
    const e = this.files.get(name);
    if (e) e.content = content;
    else this.files.set(name, { content, lastGood: null });
    this.touched.add(name);
  }

  remove(name: string): void {
    this.files.delete(name);
    this.touched.add(name);
  }

  takeFromPool(): Article | undefined {
    return this.next < this.pool.length ? this.pool[this.next++] : undefined;
  }

  newBadName(): string {
    return `bad-${++this.badCount}.md`;
  }

  /** The index as a full build should see it: path → content indexed. */
  snapshot(): Map<string, string> {
    const out = new Map<string, string>();
    for (const [n, e] of this.files) if (e.lastGood !== null) out.set(n, e.lastGood);
    return out;
  }

  /** Writes what changed to disk and learns, from lib/ingest, which new contents read. */
  async sync(): Promise<void> {
    for (const name of [...this.touched].sort()) {
      const abs = path.join(this.src, name);
      const e = this.files.get(name);
      if (!e) {
        await rm(abs, { force: true });
        continue;
      }
      await writeFile(abs, e.content);
      const read = await readArticle({ absPath: abs, relPath: name, root: this.src });
      if (!('reason' in read)) e.lastGood = e.content;
    }
    this.touched.clear();
  }

  /** Runs `fn` with every file that no longer reads put back to its last good content, then restores them. */
  async withLastGood<T>(fn: () => Promise<T>): Promise<T> {
    const swapped = this.names().filter((n) => {
      const e = this.files.get(n)!;
      return e.lastGood !== null && e.lastGood !== e.content;
    });
    for (const n of swapped) await writeFile(path.join(this.src, n), this.files.get(n)!.lastGood!);
    try {
      return await fn();
    } finally {
      for (const n of swapped) await writeFile(path.join(this.src, n), this.files.get(n)!.content);
    }
  }
}

interface StepLimits {
  add: number;
  change: number;
  remove: number;
}

/** One random step of edits; returns what it did, for the messages. */
function randomStep(rng: Rng, seq: Sequence, index: number, limits: StepLimits): string[] {
  const actions: string[] = [];
  if (index > 0 && rng() < 0.12) return actions; // A step that changes nothing.
  const badAtStart = seq.badNames();
  const recent = seq.lastAdds;
  seq.lastAdds = [];
  const adds = int(rng, limits.add + 1);
  for (let i = 0; i < adds; i++) {
    const a = seq.takeFromPool();
    if (!a) break;
    seq.set(a.fileName, a.content);
    seq.lastAdds.push(a.fileName);
    actions.push(`add ${a.fileName}`);
  }
  const changes = int(rng, limits.change + 1);
  for (let i = 0; i < changes; i++) {
    const name = pick(rng, seq.goodNames());
    if (!name) break;
    const content = seq.files.get(name)!.content;
    const kind = int(rng, 4);
    const tag = `${index}-${i}`;
    if (kind === 0) {
      const title = randomTitle(rng, tag);
      const next = retitle(content, title);
      seq.set(name, next ?? appendSentence(content, title));
      actions.push(`retitle ${name} → ${title}`);
    } else if (kind === 1) {
      const sentence = pick(rng, SENTENCES)!;
      seq.set(name, appendSentence(content, sentence));
      actions.push(`append to ${name}: ${sentence}`);
    } else if (kind === 2) {
      const other = pick(
        rng,
        seq.goodNames().filter((n) => n !== name),
      );
      if (!other) continue;
      const title = randomTitle(rng, tag);
      const fm = frontMatterOf(content) || '---\nlayout: post\n---\n';
      const head = retitle(fm, title) ?? fm.replace(/\n---[ \t]*\n$/, `\ntitle: "${title}"\n---\n`);
      seq.set(name, head + bodyOf(seq.files.get(other)!.content));
      actions.push(`near-duplicate ${name} of ${other}, titled ${title}`);
    } else {
      const date = randomDate(rng);
      const next = redate(content, date);
      if (next === null) continue;
      seq.set(name, next);
      actions.push(`redate ${name} → ${date}`);
    }
  }
  const removes = int(rng, limits.remove + 1);
  for (let i = 0; i < removes; i++) {
    const name = pick(rng, seq.names());
    if (!name) break;
    seq.remove(name);
    actions.push(`remove ${name}`);
  }
  // A good file turned bad: its previous version must stay searchable. Always on the second step; often
  // one added by the step before, whose small segment a merge soon rewrites.
  if (index === 1 || rng() < 0.5) {
    const good = seq.goodNames();
    const recentGood = good.filter((n) => recent.includes(n));
    const name = pick(rng, recentGood.length && rng() < 0.6 ? recentGood : good);
    const [why, bad] = pick(rng, BAD_CONTENTS)!;
    if (name) {
      seq.set(name, bad);
      actions.push(`turn ${name} bad (${why})`);
    }
  }
  if (rng() < 0.4) {
    const name = seq.newBadName();
    const [why, bad] = pick(rng, BAD_CONTENTS)!;
    seq.set(name, bad);
    actions.push(`add bad ${name} (${why})`);
  }
  // A bad file made good again: back to its last good content, a new version of it, or a new article.
  if (rng() < 0.4) {
    const name = pick(
      rng,
      badAtStart.filter((n) => seq.files.has(n)),
    );
    if (name) {
      const e = seq.files.get(name)!;
      if (e.lastGood !== null && rng() < 0.5) {
        seq.set(name, e.lastGood);
        actions.push(`restore ${name} to its last good content`);
      } else if (e.lastGood !== null) {
        const sentence = pick(rng, SENTENCES)!;
        seq.set(name, appendSentence(e.lastGood, sentence));
        actions.push(`repair ${name} with a new version`);
      } else {
        const a = seq.takeFromPool();
        if (a) {
          seq.set(name, a.content);
          actions.push(`repair ${name} with the content of ${a.fileName}`);
        }
      }
    }
  }
  return actions;
}

// ---------------------------------------------------------------------------------------------------
// Comparing two indexes.

const SORTS: SortOrder[] = ['relevance', 'newest', 'oldest'];

/** Each is run under every sort order. */
const REQUESTS: SearchRequest[] = [
  { query: '银行', limit: 100 },
  { query: '银行', limit: 10, offset: 10 },
  { query: '普惠' },
  { query: '交通银行', limit: 100 },
  { query: '交行', limit: 100 },
  { query: '普惠 小微', limit: 100 },
  { query: '银行 -贷款', limit: 100 },
  { query: '"普惠金融"', limit: 100 },
  { query: '交行 OR 建设银行', limit: 50, offset: 5 },
  { query: '普惠型小微企业', limit: 100 },
  { query: '乡村振兴', limit: 100 },
  { query: 'LPR', limit: 100 },
  { query: 'application' },
  { query: '', filters: { bank: ['交通银行'] }, limit: 100 },
  { query: '贷款', filters: { bank: ['工商银行', '建设银行'] }, from: '2021-01-01', to: '2023-12-31', limit: 100 },
  { query: '', from: '2022-01-01', to: '2024-06-30', limit: 100, offset: 20 },
  { query: 'jtyh' },
  { query: '交通很行' },
  { query: '浦汇金融' },
];

/** Beginnings typed into the box: their suggestions (from the files each build writes) must agree too. */
const PREFIXES = ['交', '交行', '银', '普', '建', 'jh', 'jt', 'yh', 'pu'];

/** Queries getDocument is asked with, for every id. */
const DOCUMENT_QUERIES = ['', '交行 普惠'];

function show(v: unknown): string {
  const s = JSON.stringify(v, (_k, x: unknown) => (ArrayBuffer.isView(x) ? Array.from(x as Uint8Array) : x));
  return s === undefined ? String(v) : s.length > 400 ? `${s.slice(0, 400)}…` : s;
}

/** Where `actual` first differs from `expected`, or null when they are equal. */
function firstDiff(actual: unknown, expected: unknown, at: string): string | null {
  if (Object.is(actual, expected)) return null;
  if (typeof actual !== 'object' || typeof expected !== 'object' || actual === null || expected === null) {
    return `${at}: expected ${show(expected)}, got ${show(actual)}`;
  }
  const listA = Array.isArray(actual) || ArrayBuffer.isView(actual);
  const listE = Array.isArray(expected) || ArrayBuffer.isView(expected);
  if (listA !== listE) return `${at}: expected ${show(expected)}, got ${show(actual)}`;
  if (listA) {
    const a = Array.from(actual as ArrayLike<unknown>);
    const e = Array.from(expected as ArrayLike<unknown>);
    for (let i = 0; i < Math.min(a.length, e.length); i++) {
      const d = firstDiff(a[i], e[i], `${at}[${i}]`);
      if (d) return d;
    }
    return a.length === e.length ? null : `${at}: expected ${e.length} items, got ${a.length} (expected ${show(e)}, got ${show(a)})`;
  }
  const a = actual as Record<string, unknown>;
  const e = expected as Record<string, unknown>;
  for (const k of [...new Set([...Object.keys(e), ...Object.keys(a)])].sort()) {
    const d = firstDiff(a[k], e[k], `${at}.${k}`);
    if (d) return d;
  }
  return null;
}

function withoutRawRelated(v: DocumentView | null): unknown {
  if (!v) return v;
  const { related: _related, ...doc } = v.doc;
  return { ...v, doc };
}

interface Built {
  result: BuildResult;
  engine: SearchEngine;
  /** The same index, with nothing answered from what the build stored. */
  computed: SearchEngine;
  /** The same index, asked only for first answers with no counts shown: it filters by the values' own lists, never by `facets.bin`. */
  first: SearchEngine;
}

async function open(dir: string, result: BuildResult): Promise<Built> {
  return {
    result,
    engine: await SearchEngine.open(fsFetcher(dir)),
    computed: await SearchEngine.open(fsFetcher(dir), { storedHome: false }),
    first: await SearchEngine.open(fsFetcher(dir)),
  };
}

/** Every way `upd` answers differently from `ref`, one line each. */
async function differences(upd: Built, ref: Built): Promise<string[]> {
  const out: string[] = [];
  const note = (d: string | null) => d && out.push(d);
  const mu = upd.result.manifest;
  const mr = ref.result.manifest;
  note(firstDiff(mu.docCount, mr.docCount, 'manifest.docCount'));
  note(firstDiff(mu.avgLength, mr.avgLength, 'manifest.avgLength'));
  note(firstDiff(mu.examples, mr.examples, 'manifest.examples'));
  // Content-named: the same readings, in the same files.
  note(firstDiff(mu.readings, mr.readings, 'manifest.readings'));
  // Content-named: the same facet counts of the same words, summed over the segments less their deleted documents.
  note(firstDiff(mu.wordFacets, mr.wordFacets, 'manifest.wordFacets'));
  note(firstDiff(upd.result.report.documents, ref.result.report.documents, 'report.documents'));
  for (const base of REQUESTS) {
    for (const sort of SORTS) {
      const request = { ...base, sort };
      const [a, e] = await Promise.all([upd.engine.search(request), ref.engine.search(request)]);
      const ids = firstDiff(
        a.hits.map((h) => h.id),
        e.hits.map((h) => h.id),
        'hit ids',
      );
      const d = ids ?? firstDiff(withoutTime(a), withoutTime(e), 'result');
      if (d) out.push(`search ${show(request)}: ${d}`);
    }
  }
  // Each facet value's own document list (what a first answer filters by) holds the documents a full build's values do.
  const homes = await Promise.all([upd.computed.search({}), ref.computed.search({})]);
  for (const f of FACETS) {
    for (const value of new Set(homes.flatMap((r) => Object.keys(r.facets[f.key])))) {
      const request = { query: '', filters: { [f.key]: [value] }, sort: 'newest' as const };
      const [a, e] = await Promise.all([upd.first.searchFirst(request, false), ref.engine.search(request)]);
      note(
        firstDiff(
          [a.total, a.facets.month, a.hits.map((h) => h.id)],
          [e.total, e.facets.month, e.hits.map((h) => h.id)],
          `first answer filtered by ${f.key} ${value}`,
        ),
      );
    }
  }
  for (const prefix of PREFIXES) note(firstDiff(await upd.engine.suggest(prefix), await ref.engine.suggest(prefix), `suggest(${show(prefix)})`));
  // The answer without a query that the update stored is the one the engine works out on the full build.
  for (const sort of SORTS) {
    const [a, e] = await Promise.all([upd.engine.search({ sort }), ref.computed.search({ sort })]);
    note(firstDiff(withoutTime(a), withoutTime(e), `search without a query, ${sort}`));
  }
  const ids = [...new Set([...ref.result.report.documents.map((d) => d.id), ...upd.result.report.documents.map((d) => d.id), 'no-such-id'])].sort();
  const rawRelated: string[] = [];
  for (const q of DOCUMENT_QUERIES) {
    for (const id of ids) {
      const [a, e] = await Promise.all([upd.engine.getDocument(id, q), ref.engine.getDocument(id, q)]);
      // The raw numbers of `doc.related` apart (summed up below), so that they do not hide a difference elsewhere.
      const d = firstDiff(withoutRawRelated(a), withoutRawRelated(e), 'view');
      if (d) out.push(`getDocument(${show(id)}, ${show(q)}): ${d}`);
      const raw = q === '' ? firstDiff(a?.doc.related, e?.doc.related, 'view.doc.related') : null;
      if (raw) rawRelated.push(`getDocument(${show(id)}): ${raw}`);
    }
  }
  if (rawRelated.length) out.push(`${rawRelated.length} documents differ in doc.related, e.g. ${rawRelated.slice(0, 2).join('; ')}`);
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Running a sequence.

let tmp: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'bns-update-'));
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const generatedPool = (): Article[] => [...generateArticles({ docs: 260, seed: 11 })];

async function finewsPool(): Promise<Article[]> {
  const names = (await readdir(FINEWS)).filter((n) => !n.startsWith('.')).sort();
  return Promise.all(names.map(async (fileName) => ({ fileName, content: await readFile(path.join(FINEWS, fileName), 'utf8') })));
}

interface Layout {
  root: string;
  src: string;
  upd: string;
  state: string;
}

async function layout(name: string): Promise<Layout> {
  const root = path.join(tmp, name);
  const l = { root, src: path.join(root, 'src'), upd: path.join(root, 'upd'), state: path.join(root, 'state') };
  await mkdir(l.src, { recursive: true });
  return l;
}

/** Expected counts of an update from the index `before` to `after` (path → indexed content). */
function expectedCounts(before: Map<string, string>, after: Map<string, string>): { added: number; changed: number; removed: number } {
  let added = 0;
  let changed = 0;
  let removed = 0;
  for (const [n, c] of after) {
    const was = before.get(n);
    if (was === undefined) added++;
    else if (was !== c) changed++;
  }
  for (const n of before.keys()) if (!after.has(n)) removed++;
  return { added, changed, removed };
}

/** The update of `upd` and a full build of the same files (last good contents), compared. */
async function updateAndCompare(l: Layout, seq: Sequence, before: Map<string, string>, label: string): Promise<{ diffs: string[]; result: BuildResult }> {
  const diffs: string[] = [];
  const result = await buildIndex({ ...BASE, srcDirs: [l.src], outDir: l.upd, stateDir: l.state, mode: 'update' });
  const refDir = path.join(l.root, `ref-${label}`);
  const ref = await seq.withLastGood(() => buildIndex({ ...BASE, srcDirs: [l.src], outDir: refDir, stateDir: null, mode: 'full' }));
  const after = seq.snapshot();
  const u = result.report.stats.update;
  const same = before.size === after.size && [...after].every(([n, c]) => before.get(n) === c);
  const kind = same ? 'unchanged' : 'update';
  if (u.kind !== kind) diffs.push(`stats.update.kind: expected ${kind}, got ${u.kind} (reason ${show(u.reason)})`);
  const counts = expectedCounts(before, after);
  note(diffs, firstDiff({ added: u.added, changed: u.changed, removed: u.removed }, counts, 'stats.update counts'));
  const bound = maxSegments(result.manifest.docCount, POLICY);
  if (result.manifest.segments.length > bound) diffs.push(`segments: ${result.manifest.segments.length} > maxSegments ${bound}`);
  if (u.segments !== result.manifest.segments.length) diffs.push(`stats.update.segments ${u.segments} ≠ manifest segments ${result.manifest.segments.length}`);
  if (ref.manifest.segments.length !== 1) diffs.push(`the reference full build has ${ref.manifest.segments.length} segments`);
  // Each bad file is reported once, whether or not a previous version of it stays searchable.
  const bad = seq.badNames().map((n) => path.join(l.src, n));
  note(
    diffs,
    firstDiff(
      result.report.errors.map((e) => e.path),
      bad,
      'report.errors paths',
    ),
  );
  diffs.push(...(await differences(await open(l.upd, result), await open(refDir, ref))));
  await rm(refDir, { recursive: true, force: true });
  return { diffs, result };
}

function note(out: string[], d: string | null): void {
  if (d) out.push(d);
}

async function runSequence(name: string, pool: Article[], opts: { seed: number; initial: number; steps: number; limits: StepLimits }): Promise<void> {
  const l = await layout(name);
  const seq = new Sequence(l.src, pool);
  const rng = mulberry32(opts.seed);
  for (let i = 0; i < opts.initial; i++) {
    const a = seq.takeFromPool()!;
    seq.set(a.fileName, a.content);
  }
  seq.set(seq.newBadName(), '');
  await seq.sync();
  const first = await buildIndex({ ...BASE, srcDirs: [l.src], outDir: l.upd, stateDir: l.state, mode: 'update' });
  expect(first.report.stats.update.kind).toBe('full');
  expect(first.manifest.docCount).toBe(seq.snapshot().size);
  const failures: string[] = [];
  let segmentsSeen = 1;
  let rewrittenSeen = 0;
  let turnedBad = 0;
  for (let step = 0; step < opts.steps; step++) {
    const before = seq.snapshot();
    const actions = randomStep(rng, seq, step, opts.limits);
    await seq.sync();
    const { diffs, result } = await updateAndCompare(l, seq, before, `${step}`);
    segmentsSeen = Math.max(segmentsSeen, result.manifest.segments.length);
    rewrittenSeen += result.report.stats.update.rewritten;
    turnedBad += actions.filter((a) => a.startsWith('turn ')).length;
    if (diffs.length) {
      failures.push(
        `${name}, step ${step} (${result.report.stats.update.kind}, ${result.manifest.docCount} docs, ${result.manifest.segments.length} segments, rewritten ${result.report.stats.update.rewritten}) after: ${actions.join('; ') || 'nothing'}`,
        ...diffs.slice(0, 12).map((d) => `  ${d}`),
        ...(diffs.length > 12 ? [`  … and ${diffs.length - 12} more`] : []),
      );
    }
  }
  expect(failures).toEqual([]);
  // The sequence did exercise segments, merges and files turned bad (else it proves little).
  expect(segmentsSeen).toBeGreaterThan(1);
  expect(rewrittenSeen).toBeGreaterThan(0);
  expect(turnedBad).toBeGreaterThan(0);
}

describe('incremental updates answer as a full build of the same files', () => {
  for (const seed of [1, 2]) {
    it(
      `generated articles, sequence seed ${seed}: 5 random steps of adds, changes, removals and bad files`,
      async () => {
        await runSequence(`gen-${seed}`, generatedPool(), { seed, initial: 100, steps: 5, limits: { add: 25, change: 8, remove: 6 } });
      },
      TIMEOUT,
    );
  }

  it.skipIf(!HAVE_FINEWS)(
    'the real Jekyll posts of ../shared/corpus/finews: start with half, then add, change and remove',
    async () => {
      const pool = await finewsPool();
      await runSequence('finews', pool, { seed: 7, initial: Math.floor(pool.length / 2), steps: 5, limits: { add: 8, change: 5, remove: 3 } });
    },
    TIMEOUT,
  );
});

// ---------------------------------------------------------------------------------------------------
// Full, compact, unchanged.

describe('full and compact rebuilds, and an update with nothing to do', () => {
  it(
    'mode full and mode compact give one segment and the answers of a full build; an update of nothing changes nothing',
    async () => {
      const l = await layout('modes');
      const seq = new Sequence(l.src, generatedPool());
      const rng = mulberry32(5);
      for (let i = 0; i < 80; i++) {
        const a = seq.takeFromPool()!;
        seq.set(a.fileName, a.content);
      }
      await seq.sync();
      await buildIndex({ ...BASE, srcDirs: [l.src], outDir: l.upd, stateDir: l.state });
      // Differences from the full build, gathered so that one does not hide the checks after it.
      const problems: string[] = [];
      // Updates until there are several segments.
      for (let step = 0; step < 6; step++) {
        const before = seq.snapshot();
        randomStep(rng, seq, step + 1, { add: 12, change: 4, remove: 3 });
        await seq.sync();
        const { diffs, result } = await updateAndCompare(l, seq, before, `pre-${step}`);
        problems.push(...diffs.map((d) => `update ${step}: ${d}`));
        if (result.manifest.segments.length > 1) break;
      }
      const updated = JSON.parse(await readFile(path.join(l.upd, MANIFEST_FILE), 'utf8')) as { segments: unknown[] };
      expect(updated.segments.length).toBeGreaterThan(1);

      // An update right after an update, with nothing changed.
      await expectUnchanged(l);

      const refDir = path.join(l.root, 'ref-modes');
      // A rebuild reads every file as it is now: a file that no longer reads is an error, and no previous version of it stays.
      const ref = await buildIndex({ ...BASE, srcDirs: [l.src], outDir: refDir, stateDir: null, mode: 'full' });
      const refBuilt = await open(refDir, ref);
      for (const mode of ['full', 'compact'] as const) {
        const r = await buildIndex({ ...BASE, srcDirs: [l.src], outDir: l.upd, stateDir: l.state, mode });
        expect(r.report.stats.update.kind).toBe('full');
        expect(r.report.stats.update.reason).toContain(`--${mode}`);
        expect(r.manifest.segments).toHaveLength(1);
        expect(r.manifest.segments[0]!.deleted).toBeNull();
        expect(r.manifest.order).toBeNull();
        problems.push(...(await differences(await open(l.upd, r), refBuilt)).map((d) => `${mode}: ${d}`));
        // Then an update with nothing changed.
        await expectUnchanged(l);
      }
      expect(problems).toEqual([]);
    },
    TIMEOUT,
  );
});

/** An update with nothing changed: kind unchanged, nothing written, the same manifest. */
async function expectUnchanged(l: Layout): Promise<void> {
  const text = await readFile(path.join(l.upd, MANIFEST_FILE), 'utf8');
  const buildId = (JSON.parse(text) as { buildId: string }).buildId;
  const r = await buildIndex({ ...BASE, srcDirs: [l.src], outDir: l.upd, stateDir: l.state });
  expect(r.report.stats.update).toMatchObject({
    kind: 'unchanged',
    reason: null,
    added: 0,
    changed: 0,
    removed: 0,
    rewritten: 0,
    filesWritten: 0,
    bytesWritten: 0,
  });
  expect(r.manifest.buildId).toBe(buildId);
  expect(await readFile(path.join(l.upd, MANIFEST_FILE), 'utf8')).toBe(text);
}

describe('a file that no longer reads', () => {
  for (const sameUpdate of [false, true]) {
    it(
      `keeps its previous version searchable when its segment is merged away ${sameUpdate ? 'by the update that finds it bad' : 'by a later update'}`,
      async () => {
        const l = await layout(`bad-merged-${sameUpdate}`);
        const seq = new Sequence(l.src, generatedPool());
        const addBatch = (n: number) => {
          const names: string[] = [];
          for (let i = 0; i < n; i++) {
            const a = seq.takeFromPool()!;
            seq.set(a.fileName, a.content);
            names.push(a.fileName);
          }
          return names;
        };
        addBatch(100);
        await seq.sync();
        await buildIndex({ ...BASE, srcDirs: [l.src], outDir: l.upd, stateDir: l.state });
        // A tier-0 segment of five documents, one of which stops reading; then a second tier-0 segment.
        let before = seq.snapshot();
        const victim = addBatch(5)[0]!;
        await seq.sync();
        const problems = (await updateAndCompare(l, seq, before, 'a')).diffs;
        before = seq.snapshot();
        if (!sameUpdate) seq.set(victim, '');
        addBatch(5);
        await seq.sync();
        problems.push(...(await updateAndCompare(l, seq, before, 'b')).diffs);
        // A third tier-0 segment: the three merge, the victim's with them.
        before = seq.snapshot();
        if (sameUpdate) seq.set(victim, '');
        addBatch(5);
        await seq.sync();
        const { diffs, result } = await updateAndCompare(l, seq, before, 'c');
        expect(result.report.stats.update.rewritten).toBeGreaterThan(0);
        const victimPath = path.join(l.src, victim);
        expect(result.report.errors.filter((e) => e.path === victimPath)).toHaveLength(1);
        expect(result.report.documents.map((d) => d.path)).toContain(victimPath);
        const engine = await SearchEngine.open(fsFetcher(l.upd));
        expect(await engine.getDocument(victim.replace(/\.md$/, ''))).not.toBeNull();
        expect([...problems, ...diffs]).toEqual([]);
      },
      TIMEOUT,
    );
  }
});

// ---------------------------------------------------------------------------------------------------
// Readers of the previous manifest.

describe('the previous manifest keeps working after an update', () => {
  it(
    'keeps the segment folders an update merged away, so a reader on the old manifest answers as before',
    async () => {
      const l = await layout('previous');
      const pool = generatedPool();
      const seq = new Sequence(l.src, pool);
      for (let i = 0; i < 100; i++) {
        const a = seq.takeFromPool()!;
        seq.set(a.fileName, a.content);
      }
      await seq.sync();
      const build = () => buildIndex({ ...BASE, srcDirs: [l.src], outDir: l.upd, stateDir: l.state });
      await build();
      // Two small batches: two tier-0 segments beside the first; a third batch merges them.
      for (let b = 0; b < 2; b++) {
        for (let i = 0; i < 5; i++) {
          const a = seq.takeFromPool()!;
          seq.set(a.fileName, a.content);
        }
        await seq.sync();
        await build();
      }
      const oldText = await readFile(path.join(l.upd, MANIFEST_FILE), 'utf8');
      const oldManifest = JSON.parse(oldText) as { segments: { generation: string }[] };
      const oldEngine = await SearchEngine.open(fsFetcher(l.upd));
      const before = await answers(oldEngine);

      for (let i = 0; i < 5; i++) {
        const a = seq.takeFromPool()!;
        seq.set(a.fileName, a.content);
      }
      const changed = seq.goodNames()[3]!;
      seq.set(changed, appendSentence(seq.files.get(changed)!.content, SENTENCES[0]!));
      seq.remove(seq.goodNames()[7]!);
      await seq.sync();
      const r = await build();
      expect(r.report.stats.update.kind).toBe('update');
      const now = new Set(r.manifest.segments.map((g) => g.generation));
      const superseded = oldManifest.segments.map((g) => g.generation).filter((g) => !now.has(g));
      expect(superseded.length).toBeGreaterThan(0);
      for (const g of oldManifest.segments) expect(existsSync(path.join(l.upd, g.generation)), g.generation).toBe(true);

      // A reader that loaded the old manifest a moment ago, fetching everything else afresh.
      const files = fsFetcher(l.upd);
      const oldFetcher: Fetcher = (name, range) => (name === MANIFEST_FILE ? Promise.resolve(new TextEncoder().encode(oldText)) : files(name, range));
      const after = await answers(await SearchEngine.open(oldFetcher));
      expect(firstDiff(after, before, 'answers')).toBeNull();
      // And the new manifest answers differently (the update did something).
      expect(firstDiff(await answers(await SearchEngine.open(files)), before, 'answers')).not.toBeNull();
    },
    TIMEOUT,
  );
});

/** Every request under every sort, and every document of the index, as plain data. */
async function answers(engine: SearchEngine): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const base of REQUESTS) for (const sort of SORTS) out.push(withoutTime(await engine.search({ ...base, sort })));
  const all = await engine.search({ query: '', limit: 100, sort: 'oldest' });
  for (let offset = 0; offset < all.total; offset += 100) {
    const page = await engine.search({ query: '', limit: 100, offset, sort: 'oldest' });
    for (const h of page.hits) out.push(await engine.getDocument(h.id, '交行 普惠'));
  }
  return out;
}
