import { cp, readFile, rename, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pMap from 'p-map';
import {
  bankDictionary,
  assignIds,
  clusterSketches,
  DEFAULT_SEGMENTER_OPTIONS,
  listSourceFiles,
  postLinker,
  readArticle,
  simplifiedCharTable,
  sketchArticle,
  type Article,
  type ClusterSketch,
  type IngestError,
  type LinkOptions,
  type SegmenterOptions,
  type SourceFile,
} from '../ingest';
import {
  dayOf,
  encodeColumns,
  facetColumn,
  FACETS,
  facetTerm,
  PLAIN_WEIGHT,
  encodeFragment,
  encodeIdTable,
  encodeJson,
  encodePositionEntries,
  encodeShardEntries,
  CHAR_SHARDS,
  charShardOf,
  charsFile,
  FACETS_FILE,
  RANK_FILE,
  contentHash,
  deletedFile,
  encodeDeleted,
  encodeOrder,
  MANIFEST_FILE,
  orderFile,
  FORMAT_NAME,
  FORMAT_VERSION,
  isGenerationName,
  foldText,
  IndexFormatError,
  fragmentFile,
  fragmentPackFile,
  idsFile,
  membersOfPack,
  packSlot,
  positionPackFile,
  positionsFile,
  shardFile,
  SLOTTED_PACK_LAYOUT,
  shardOf,
  rankedTableKeys,
  tableLookups,
  type EncodedTerm,
  type PositionEntry,
  type FragmentDoc,
  type Columns,
  type FragmentSlots,
  type IdTable,
  type Manifest,
  type SegmentInfo,
} from '../index-format';
import { SearchEngine, type Fetcher } from '../search';
import { withStoredAnswers } from './answers';
import { analyzeDocuments } from './analyze-pool';
import { fsFetcher } from './fs-fetcher';
import { PostingsBuilder } from './postings';
import { fileStamp, lockIndex, loadState, pruneStates, saveState, STATE_LAYOUT, type IndexState, type StateDoc, type StateSegment } from './state';
import { filesOf, IndexWriter, manifestId, readManifestIfAny, sameFiles, type SegmentWriter } from './writer';

/** Options of {@link buildIndex}. */
export interface BuildOptions {
  /** Folders read recursively. */
  srcDirs: string[];
  /** Where the index is served from; replaced atomically. */
  outDir: string;
  /**
   * Aim for term shards of about this many bytes of postings in the build's working form (varints),
   * before the Rice coding and gzip that make a file about half of it, while the index's term shards stay
   * within `maxShards`: a query reads a whole shard per unit, so the smaller the shard, the fewer bytes
   * beside the unit's own postings.
   */
  targetShardBytes: number;
  /**
   * Shards no larger than this whatever the budget: past `maxShards`, a segment's shards grow to this size,
   * so an index over the budget has the file count and the per-query bytes of shards of this size.
   */
  maxShardBytes: number;
  /**
   * The term shards of the whole index, summed over its segments, that a segment may take to keep its shards
   * at `targetShardBytes`: free static hosts count files (Cloudflare Pages takes 20,000 a site), and a term
   * shard is most of an index's files. A segment is written with at most what the surviving segments leave
   * of it, and never with shards larger than `maxShardBytes`.
   */
  maxShards: number;
  /** Documents per fragment group, a member of a fragment pack (see pack.ts); 0 chooses one, so that a result reads only its own document. */
  fragmentGroupSize: number;
  /** Documents per id-lookup file, roughly. */
  idsPerFile: number;
  /** Files read at once. */
  readConcurrency: number;
  /** Worker threads that fold, cut and segment documents while this thread builds postings; 0 does it all here. */
  workers: number;
  /**
   * Fewest documents per worker thread: a smaller build uses fewer threads, or none. Each thread loads its
   * own segmenter dictionaries (about a second), which a few hundred documents do not pay back.
   */
  minDocsPerWorker: number;
  /**
   * Documents a worker analyses per task. A batch sends each of its distinct units once (`UnitBatch`), and
   * consecutive news articles share most of theirs (6.7 occurrences a key at 128, 3.2 at 32), so a larger batch
   * leaves fewer strings for this thread to copy and look up; a smaller one keeps the threads more even.
   */
  analysisBatch: number;
  segmenter: SegmenterOptions;
  /**
   * Give each post a link to its own page on the Jekyll site it comes from, made as Jekyll makes the
   * permalink (`lib/ingest/permalink.ts`); null for none. Checked before any article is read.
   */
  link: LinkOptions | null;
  /**
   * Where the update state lives (see state.ts): beside the index, never inside what is served. Null keeps
   * none, so that every run builds in full.
   */
  stateDir: string | null;
  /** `update` reads only what changed since the index in `outDir` was built; `full` rebuilds from scratch; `compact` too, into one segment. */
  mode: 'update' | 'full' | 'compact';
  /** When segments are merged (see {@link mergePlan}). */
  merge: MergePolicy;
  /** Called as work advances, for a progress bar. */
  onProgress?: (phase: 'read' | 'index' | 'write', done: number, total: number) => void;
}

/**
 * Tiered merging, after Lucene's TieredMergePolicy: a segment's tier is the order of magnitude of its live
 * documents in units of `floorDocs` (everything below `floorDocs` is tier 0), and a tier holding
 * `segmentsPerTier` segments is merged into one, which may lift it a tier. So a tier holds fewer than
 * `segmentsPerTier` segments after every update, and an index of n documents has at most
 * (segmentsPerTier − 1) · (tiers up to n) segments: see {@link maxSegments}.
 */
export interface MergePolicy {
  floorDocs: number;
  /** How much larger each tier's segments are than the one below's. */
  tierFactor: number;
  segmentsPerTier: number;
}

/** What {@link buildIndex} uses where its options name nothing; `npm run index` takes its defaults from here too. */
export const DEFAULT_BUILD_OPTIONS: Omit<BuildOptions, 'srcDirs' | 'outDir'> = {
  // About 3 KB per shard file once Rice-coded and gzipped, up to 13 KB once an index is large enough to
  // spend the budget: bytes per looked-up unit against files (docs/DESIGN.md, "Term shards").
  targetShardBytes: 6 * 1024,
  maxShardBytes: 24 * 1024,
  // With the other files of 100,000 articles (about 2,200: fragment and position packs, id tables, root
  // files), about 18,200 files, under Cloudflare Pages' 20,000 with room for the site's own.
  maxShards: 16_000,
  fragmentGroupSize: 0,
  idsPerFile: 500,
  readConcurrency: 16,
  workers: os.availableParallelism(),
  minDocsPerWorker: 250,
  analysisBatch: 128,
  segmenter: DEFAULT_SEGMENTER_OPTIONS,
  link: null,
  stateDir: null,
  mode: 'update',
  // Daily batches of ~100 articles gather into tier 0 (under 1,000), whose three segments merge into one
  // of up to 3,000 in a few seconds; each tier above is ten times the one below. With at most two segments
  // per tier, a query reads at most 8 segments at 100,000 articles and 12 at 10 million (maxSegments).
  merge: { floorDocs: 1000, tierFactor: 10, segmentsPerTier: 3 },
};

/** The tier of a segment of `live` documents under `policy`. */
function tierOf(live: number, policy: MergePolicy): number {
  return live < policy.floorDocs ? 0 : 1 + Math.floor(Math.log(live / policy.floorDocs) / Math.log(policy.tierFactor) + 1e-9);
}

/** The most segments an index of `docCount` live documents has after any update under `policy`: the bound a query's reads are held to. */
export function maxSegments(docCount: number, policy: MergePolicy): number {
  return (policy.segmentsPerTier - 1) * (tierOf(Math.max(1, docCount), policy) + 1);
}

/**
 * Which of the segments (given by their live documents) to merge so that no tier holds `segmentsPerTier`:
 * the indexes of the segments to merge into one, or none. A merged segment can fill the tier above, so
 * the caller plans again with the merged size until this returns none.
 */
export function mergePlan(live: readonly number[], policy: MergePolicy): number[] {
  const byTier = new Map<number, number[]>();
  live.forEach((n, s) => {
    const t = tierOf(n, policy);
    byTier.set(t, [...(byTier.get(t) ?? []), s]);
  });
  for (const t of [...byTier.keys()].sort((a, b) => a - b)) {
    const members = byTier.get(t)!;
    if (members.length >= policy.segmentsPerTier) return members;
  }
  return [];
}

/** One line of the build report per indexed document. */
export interface ReportDocument {
  id: string;
  path: string;
  title: string;
  date: string | null;
  source: string | null;
  banks: string[];
  provinces: string[];
  cluster: string | null;
  /** The document's page on its site (see {@link BuildOptions.link}), or null. */
  link: string | null;
}

/** The build report: every input file is in `documents` or in `errors`, exactly once. */
export interface BuildReport {
  documents: ReportDocument[];
  errors: IngestError[];
  stats: {
    files: number;
    documents: number;
    errors: number;
    clusters: number;
    terms: number;
    postings: number;
    shards: number;
    indexFiles: number;
    indexBytes: number;
    buildMs: number;
    /** Where the time went: reading and parsing files, near-duplicate clustering, analysing and adding postings, writing. */
    phaseMs: { read: number; cluster: number; index: number; write: number };
    update: UpdateStats;
  };
}

/** What a run did to the index in `outDir`. */
export interface UpdateStats {
  /** `full` when every file was read (the first build, `--full`, `--compact`, or a state unfit for an update: see `reason`); `combine` for {@link combineIndexes}. */
  kind: 'full' | 'update' | 'unchanged' | 'combine';
  /** Why a run built in full; null for an update. */
  reason: string | null;
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
  /** Unchanged documents written again: near-duplicates of a changed one, and the documents of merged segments. */
  rewritten: number;
  segments: number;
  filesWritten: number;
  bytesWritten: number;
}

export interface BuildResult {
  report: BuildReport;
  manifest: Manifest;
}

type Doc = Article & { id: string; displayPath: string; link: string | null; /** The source file's absolute path. */ file: string };

/** A file that did not read, with its absolute path for the update state. */
type ReadError = IngestError & { file: string };

async function readAll(
  files: SourceFile[],
  ids: Map<string, string>,
  linkOf: (post: Article['jekyll']) => string | null,
  opts: BuildOptions,
): Promise<{ docs: Doc[]; errors: ReadError[] }> {
  const docs: Doc[] = [];
  const errors: ReadError[] = [];
  let done = 0;
  await pMap(
    files,
    async (file) => {
      const displayPath = path.join(file.root, file.relPath);
      let result: Omit<Article, 'id'> | IngestError;
      try {
        result = await readArticle(file);
      } catch (e) {
        result = { path: displayPath, reason: `unexpected error: ${(e as Error).message}` };
      }
      if ('reason' in result) errors.push({ path: displayPath, reason: result.reason, file: file.absPath });
      else docs.push({ ...result, id: ids.get(file.absPath)!, displayPath, link: linkOf(result.jekyll), file: file.absPath });
      opts.onProgress?.('read', ++done, files.length);
    },
    { concurrency: Math.max(1, opts.readConcurrency) },
  );
  errors.sort((a, b) => (a.path < b.path ? -1 : 1));
  return { docs, errors };
}

/**
 * How many term shards a segment of `estimate` bytes of postings (working form) gets: shards of about
 * `targetShardBytes` while `budget` (what the index's other segments leave of `maxShards`) holds them,
 * never larger than `maxShardBytes`, and at most 65,536.
 */
export function shardCount(estimate: number, budget: number, opts: Pick<BuildOptions, 'targetShardBytes' | 'maxShardBytes'>): number {
  const wanted = Math.ceil(estimate / opts.targetShardBytes);
  const least = Math.ceil(estimate / opts.maxShardBytes);
  return Math.min(65_536, Math.max(1, least, Math.min(wanted, Math.floor(budget))));
}

/**
 * Writes the document lists as shards of the size {@link shardCount} gives, and beside each shard the
 * positions of its terms that have them (position shard i, a member of a position pack, naming terms by
 * their place in the shard). Every shard is written even when empty, as names follow from the count. Term ids are grouped by shard
 * with a counting sort, so no per-shard arrays of strings are built.
 */
async function writeShards(
  writer: SegmentWriter,
  b: PostingsBuilder,
  positions: PostingsBuilder,
  opts: BuildOptions,
  budget: number,
): Promise<{ count: number; nonEmpty: number }> {
  let estimate = 0;
  for (let id = 0; id < b.termCount; id++) estimate += b.keys[id]!.length * 3 + 4 + b.byteLength(id);
  const count = shardCount(estimate, budget, opts);
  const start = new Uint32Array(count + 1);
  const shardOfId = new Uint32Array(b.termCount);
  for (let id = 0; id < b.termCount; id++) {
    const s = shardOf(b.keys[id]!, count);
    shardOfId[id] = s;
    start[s + 1]!++;
  }
  for (let s = 0; s < count; s++) start[s + 1]! += start[s]!;
  const order = new Uint32Array(b.termCount);
  const fill = start.slice(0, count);
  for (let id = 0; id < b.termCount; id++) order[fill[shardOfId[id]!]!++] = id;
  let nonEmpty = 0;
  for (let s = 0; s < count; s++) {
    const entries: EncodedTerm[] = [];
    for (let k = start[s]!; k < start[s + 1]!; k++) entries.push(b.encoded(order[k]!));
    if (entries.length) nonEmpty++;
    // Sorts `entries`, so their places below are the ones the shard file holds.
    await writer.add(shardFile(s), encodeShardEntries(entries));
    const positioned: PositionEntry[] = [];
    entries.forEach((e, index) => {
      const id = positions.idOf(e.term);
      if (id !== undefined) positioned.push({ index, bytes: positions.encoded(id).bytes });
    });
    await addPacked(writer, positionPackFile, s, count, positionsFile(s), encodePositionEntries(positioned));
    opts.onProgress?.('write', s + 1, count);
  }
  return { count, nonEmpty };
}

/** The table entries of the characters in `text`, as fold looks them up; undefined when there are none. */
function ownChars(text: string, table: Record<string, string>): Record<string, string> | undefined {
  let out: Record<string, string> | undefined;
  for (const c of tableLookups(text)) {
    const to = table[c];
    if (to !== undefined) (out ??= {})[c] = to;
  }
  return out;
}

function instant(iso: string | null): number {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(t) ? -Infinity : t;
}

/** Date order, unknown dates first, then id: document numbers follow it so that newest-first is a reverse scan. */
function byDateThenId(a: { date: string | null; id: string }, b: { date: string | null; id: string }): number {
  const d = instant(a.date) - instant(b.date);
  if (d !== 0 && !Number.isNaN(d)) return d < 0 ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function pickExamples(docs: readonly { banks: string[] }[], wordDf: Map<string, number>): string[] {
  const bankCounts = new Map<string, number>();
  for (const d of docs) for (const b of d.banks) bankCounts.set(b, (bankCounts.get(b) ?? 0) + 1);
  const banks = [...bankCounts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 2)
    .map(([b]) => b);
  const n = docs.length;
  const candidates: [string, number][] = [];
  for (const [w, df] of wordDf) {
    if (w.length >= 3 && w.length <= 5 && df >= Math.max(2, n * 0.02) && df <= n * 0.3 && !banks.includes(w)) candidates.push([w, df]);
  }
  candidates.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return [...banks, ...candidates.slice(0, 3).map(([w]) => w)];
}

/** What analysing every document leaves for the writing steps. */
interface Analysed {
  units: PostingsBuilder;
  gramPositions: PostingsBuilder;
  /** Documents in which the segmenter cut each word (see `DocUnits.words`): candidates for the examples and the suggestions. */
  wordDf: Map<string, number>;
  /** Folded length of each document, for BM25. */
  lengths: Uint32Array;
  totalLength: number;
  /** Each document's words (see `DocUnits.words`), kept in the update state. */
  words: string[][];
}

/** Folds, cuts and segments every document (in worker threads) and adds its units to the postings, in document order. */
async function analyseAll(docs: Doc[], opts: BuildOptions): Promise<Analysed> {
  const units = new PostingsBuilder('docs');
  const gramPositions = new PostingsBuilder('positions');
  const wordDf = new Map<string, number>();
  const lengths = new Uint32Array(docs.length);
  const words: string[][] = [];
  let totalLength = 0;
  let d = 0;
  const workers = Math.min(opts.workers, Math.floor(docs.length / Math.max(1, opts.minDocsPerWorker)));
  for await (const batch of analyzeDocuments(docs, workers, opts.segmenter, opts.analysisBatch)) {
    // By id: each key is copied from the worker and looked up in the dictionaries once a batch, not once a posting.
    const ids = Uint32Array.from(batch.keys, (k) => units.intern(k));
    const gramIds = new Int32Array(batch.keys.length).fill(-1);
    for (const u of batch.docs) {
      for (let i = 0; i < u.refs.length; i++) units.addId(ids[u.refs[i]!]!, d, u.weights[i]!);
      // A facet value's documents, as a unit's: what a filter reads when every document's values are not in memory.
      for (const f of FACETS) for (const v of new Set(f.values(docs[d]!))) units.add(facetTerm(f.key, v), d, PLAIN_WEIGHT);
      for (let g = 0; g < u.grams.length; g++) {
        const i = u.grams[g]!;
        const k = u.refs[i]!;
        if (gramIds[k]! < 0) gramIds[k] = gramPositions.intern(batch.keys[k]!);
        gramPositions.addId(gramIds[k]!, d, u.weights[i]!, u.positions.subarray(u.posStart[g], u.posStart[g + 1]));
      }
      for (const w of u.words) wordDf.set(w, (wordDf.get(w) ?? 0) + 1);
      words.push(u.words);
      lengths[d] = u.length;
      totalLength += u.length;
      d++;
      opts.onProgress?.('index', d, docs.length);
    }
  }
  return { units, gramPositions, wordDf, lengths, totalLength, words };
}

/** The facet columns (one per row of `FACETS`), days and lengths of every document, and the slots of its fragments. */
async function writeColumns(writer: SegmentWriter, docs: Doc[], lengths: Uint32Array, fragments: FragmentSlots): Promise<void> {
  const facets = Object.fromEntries(FACETS.map((f) => [f.key, facetColumn(docs.map((d) => f.values(d)))]));
  const columns = { docCount: docs.length, day: Int32Array.from(docs, (d) => dayOf(d.date)), facets: facets as Columns['facets'], length: lengths };
  const files = encodeColumns(columns, fragments);
  await writer.add(RANK_FILE, files.rank);
  await writer.add(FACETS_FILE, files.facets);
}

/**
 * The display data of every document, `groupSize` to a file, each with the numbers of its cluster's other
 * members and the character-table entries of its own text, in slotted packs. Returns once every member is
 * stored, with their stored lengths, which the rank file carries as slot sizes.
 */
async function writeFragments(
  writer: SegmentWriter,
  docs: Doc[],
  clusters: Map<string, string>,
  table: Record<string, string>,
  groupSize: number,
): Promise<FragmentSlots> {
  const stored = new Uint32Array(Math.ceil(docs.length / groupSize));
  /** Document numbers of each cluster's members, ascending. */
  const members = new Map<string, number[]>();
  docs.forEach((d, k) => {
    const rep = clusters.get(d.id);
    if (rep === undefined) return;
    const list = members.get(rep);
    if (list) list.push(k);
    else members.set(rep, [k]);
  });
  for (let first = 0; first < docs.length; first += groupSize) {
    const group = docs.slice(first, first + groupSize).map((d) => {
      const doc: FragmentDoc = {
        id: d.id,
        title: d.title,
        date: d.date,
        source: d.source,
        url: d.url,
        banks: d.banks,
        cluster: clusters.get(d.id) ?? null,
        text: d.text,
      };
      const chars = ownChars(`${d.title}\n${d.text}`, table);
      if (chars) doc.chars = chars;
      const rep = clusters.get(d.id);
      const others = rep === undefined ? [] : members.get(rep)!.filter((k) => docs[k]!.id !== d.id);
      if (others.length) doc.related = others;
      if (d.link !== null) doc.link = d.link;
      return doc;
    });
    const i = first / groupSize;
    await addPacked(writer, fragmentPackFile, i, stored.length, fragmentFile(i), encodeFragment({ first, docs: group }), {
      layout: SLOTTED_PACK_LAYOUT,
      stored: (bytes) => (stored[i] = bytes),
    });
  }
  await writer.settled();
  return { groupSize, stored };
}

/** Writes member `i` of `count` (the file `name`) into its pack, named by `packFile`. */
function addPacked(
  writer: SegmentWriter,
  packFile: (p: number) => string,
  i: number,
  count: number,
  name: string,
  payload: Uint8Array,
  how?: Parameters<SegmentWriter['addToPack']>[5],
): Promise<void> {
  const { pack, slot } = packSlot(i);
  return writer.addToPack(packFile(pack), slot, membersOfPack(pack, count), name, payload, how);
}

/** Id → document number tables, about `idsPerFile` ids each; returns their count. */
async function writeIdTables(writer: SegmentWriter, docs: Doc[], idsPerFile: number): Promise<number> {
  const count = Math.max(1, Math.ceil(docs.length / idsPerFile));
  const tables: IdTable[] = Array.from({ length: count }, () => ({}));
  docs.forEach((d, i) => {
    tables[shardOf(d.id, count)]![d.id] = i;
  });
  for (let k = 0; k < count; k++) await writer.add(idsFile(k), encodeIdTable(tables[k]!));
  return count;
}

/** The traditional → simplified table in {@link CHAR_SHARDS} files by code point, for folding queries. */
async function writeCharShards(writer: SegmentWriter, table: Record<string, string>): Promise<void> {
  const shards: Record<string, string>[] = Array.from({ length: CHAR_SHARDS }, () => ({}));
  for (const [from, to] of Object.entries(table)) shards[charShardOf(from)]![from] = to;
  for (let k = 0; k < CHAR_SHARDS; k++) await writer.add(charsFile(k), encodeJson(shards[k]));
}

/** What writing one segment leaves for the manifest and the update state. */
interface WrittenSegment {
  info: SegmentInfo;
  lengths: Uint32Array;
  words: string[][];
  terms: number;
  postings: number;
  shards: number;
}

/**
 * Analyses `docs` (in date order) and writes them as one segment; `clusters` is the whole index's, and each
 * cluster lies in one segment. `otherShards`: the term shards of the segments the index keeps beside it.
 */
async function writeSegment(writer: IndexWriter, docs: Doc[], clusters: Map<string, string>, opts: BuildOptions, otherShards: number): Promise<WrittenSegment> {
  const analysed = await analyseAll(docs, opts);
  const table = simplifiedCharTable();
  const w = await writer.segment();
  const shards = await writeShards(w, analysed.units, analysed.gramPositions, opts, opts.maxShards - otherShards);
  const groupSize = opts.fragmentGroupSize > 0 ? opts.fragmentGroupSize : 1;
  await writeColumns(w, docs, analysed.lengths, await writeFragments(w, docs, clusters, table, groupSize));
  const idCount = await writeIdTables(w, docs, opts.idsPerFile);
  await writeCharShards(w, table);
  const generation = await w.finish();
  return {
    info: {
      generation,
      docCount: docs.length,
      shards: { count: shards.count },
      positions: { count: shards.count },
      fragments: { groupSize, count: Math.ceil(docs.length / groupSize) },
      ids: { count: idCount },
      deleted: null,
    },
    lengths: analysed.lengths,
    words: analysed.words,
    terms: analysed.units.termCount,
    postings: analysed.units.entries,
    shards: shards.nonEmpty,
  };
}

/** The update state's record of a document just written. */
function stateDoc(d: Doc, hash: string, stamp: string | null, cluster: string | null, length: number, words: string[], sketch: ClusterSketch): StateDoc {
  return {
    file: d.file,
    hash,
    stamp,
    id: d.id,
    path: d.displayPath,
    title: d.title,
    date: d.date,
    source: d.source,
    banks: d.banks,
    provinces: d.provinces,
    link: d.link,
    cluster,
    length,
    words,
    sketch,
  };
}

/**
 * The documents of `items` as a build reads them, from the index in `outDir` (their fragments, and what the
 * update state keeps of them): a document written again into a new segment is never read from its file,
 * which may have changed into something that no longer reads.
 */
async function carryOver(fetcher: Fetcher, manifest: Manifest, items: Kept[]): Promise<Doc[]> {
  if (items.length === 0) return [];
  const index = await SearchEngine.open(fetcher);
  if (index.manifest.buildId !== manifest.buildId) throw new IndexFormatError(MANIFEST_FILE, 'the index changed while this run read it');
  return pMap(
    items,
    async ({ doc: s }): Promise<Doc> => {
      const f = await index.documentById(s.id);
      if (!f) throw new IndexFormatError(MANIFEST_FILE, `document ${s.id} of the update state is not in the index`);
      return {
        id: s.id,
        path: s.path,
        title: f.title,
        date: f.date,
        source: f.source,
        url: f.url,
        banks: f.banks,
        branches: [],
        provinces: s.provinces,
        text: f.text,
        tags: [],
        categories: [],
        jekyll: null,
        displayPath: s.path,
        link: s.link,
        file: s.file,
      };
    },
    { concurrency: 16 },
  );
}

/** What the last run left: the manifest served and its update state, or why an update cannot start from it. */
interface Previous {
  manifest: Manifest | null;
  state: IndexState | null;
  reason: string | null;
}

async function previousIndex(opts: BuildOptions, settings: string): Promise<Previous> {
  const file = path.join(opts.outDir, MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return { manifest: null, state: null, reason: 'no index yet' };
  }
  const manifest = await readManifestIfAny(opts.outDir);
  if (!manifest) {
    let version: unknown;
    try {
      version = (JSON.parse(text) as { version?: unknown }).version;
    } catch {
      version = undefined;
    }
    const why =
      typeof version === 'number' && version !== FORMAT_VERSION ? `was written by index format ${version}; this is format ${FORMAT_VERSION}` : 'does not read';
    return { manifest: null, state: null, reason: `the index served ${why}` };
  }
  if (opts.mode === 'full') return { manifest, state: null, reason: 'asked for (--full)' };
  if (opts.mode === 'compact') return { manifest, state: null, reason: 'asked for (--compact)' };
  if (opts.stateDir === null) return { manifest, state: null, reason: 'no update state is kept' };
  const state = await loadState(opts.stateDir, manifest, settings);
  return 'reason' in state ? { manifest, state: null, reason: state.reason } : { manifest, state, reason: null };
}

/** A live document of the index being updated: where it lives and what the state says of it. */
interface Kept {
  segment: number;
  local: number;
  doc: StateDoc;
}

/**
 * Reads every article under `srcDirs` and brings the index in `outDir` up to date with them, as Lucene
 * does: only added and changed files are read and analysed, into a new segment; removed and replaced
 * documents are marked deleted in their segments; segments are merged by {@link MergePolicy}; then a
 * new manifest is swapped in. The answers are those of a full build of the same files (see
 * lib/search/segments.ts). Without a usable state (the first build, `mode` full or compact, another format
 * or settings, a damaged state) it builds in full, and says why in `stats.update.reason`.
 *
 * Bad files are reported in the result, never thrown; a file that no longer reads keeps its previous
 * version searchable. An error while writing leaves the old index served.
 *
 * @throws {LinkOptionsError} before reading anything, when `link` cannot make links (an unknown placeholder…).
 * @throws {IndexBusyError} when another run holds the index's lock.
 */
export async function buildIndex(options: Partial<BuildOptions> & Pick<BuildOptions, 'srcDirs' | 'outDir'>): Promise<BuildResult> {
  const opts: BuildOptions = { ...DEFAULT_BUILD_OPTIONS, ...options };
  const linker = opts.link === null ? null : postLinker(opts.link);
  const unlock = opts.stateDir === null ? null : await lockIndex(opts.stateDir);
  try {
    return await updateIndex(opts, linker);
  } finally {
    await unlock?.();
  }
}

/** What a run builds from: the files under `srcDirs` against the index there, or parts joined as they are (see {@link combineIndexes}). */
type Source = { kind: 'files' } | { kind: 'combine'; prev: Previous; fetcher: Fetcher };

/** The settings that make two runs build different indexes from the same files: a change means a full rebuild. */
function settingsOf(opts: Pick<BuildOptions, 'link' | 'segmenter'>): string {
  return JSON.stringify({ link: opts.link, segmenter: opts.segmenter });
}

async function updateIndex(opts: BuildOptions, linker: ReturnType<typeof postLinker> | null, source: Source = { kind: 'files' }): Promise<BuildResult> {
  const started = performance.now();
  const settings = settingsOf(opts);
  const combining = source.kind === 'combine';
  const prev = combining ? source.prev : await previousIndex(opts, settings);
  const files = combining ? [] : await listSourceFiles(opts.srcDirs);
  const ids = assignIds(files);

  // What is there: every live document by its file.
  const segments = prev.state?.segments ?? [];
  const kept = new Map<string, Kept>();
  segments.forEach((g, s) => g.docs.forEach((doc, local) => doc && kept.set(doc.file, { segment: s, local, doc })));

  // A file whose stamp is the one kept with its hash is not read; any other is hashed from its bytes.
  const hashes = new Map<string, string>();
  const stamps = new Map<string, string | null>();
  await pMap(
    files,
    async (f) => {
      const st = await stat(f.absPath, { bigint: true }).catch(() => null);
      const stamp = st && fileStamp(st, Date.now());
      const known = kept.get(f.absPath)?.doc;
      stamps.set(f.absPath, stamp);
      if (stamp !== null && known?.stamp === stamp) hashes.set(f.absPath, known.hash);
      // A file that cannot be read at all gets no hash: it is read below and reported.
      else hashes.set(f.absPath, await readFile(f.absPath).then(contentHash, () => ''));
    },
    { concurrency: Math.max(1, opts.readConcurrency) },
  );
  const linkOf = (post: Article['jekyll']) => linker?.(post) ?? null;

  const present = new Set(combining ? kept.keys() : files.map((f) => f.absPath));
  const toRead = files.filter((f) => {
    const k = kept.get(f.absPath);
    return !(k && k.doc.hash === hashes.get(f.absPath) && k.doc.id === ids.get(f.absPath));
  });
  const removed = [...kept.keys()].filter((file) => !present.has(file));
  const { docs: fresh, errors } = await readAll(toRead, ids, linkOf, opts);
  const read = performance.now();
  // A file that no longer reads keeps its previous version; a changed one replaces it.
  const gone = new Set<string>(removed);
  let changed = 0;
  for (const d of fresh) {
    if (!kept.has(d.file)) continue;
    gone.add(d.file);
    changed++;
  }
  const added = fresh.length - changed;

  // Near-duplicate clusters over the whole set, as a full build makes them.
  const sketchOf = new Map<string, ClusterSketch>();
  for (const [file, k] of kept) if (!gone.has(file)) sketchOf.set(file, k.doc.sketch);
  for (const d of fresh) sketchOf.set(d.file, sketchArticle(d));
  const clusters = clusterSketches(sketchOf.values());
  const clustered = performance.now();

  // A cluster lives in one segment, so every member of a cluster that gains, loses or changes a member is written again.
  const touched = new Set<string>();
  for (const d of fresh) {
    const c = clusters.get(d.id);
    if (c !== undefined) touched.add(`n:${c}`);
  }
  for (const file of gone) {
    const c = kept.get(file)!.doc.cluster;
    if (c !== null) touched.add(`o:${c}`);
  }
  // A kept document that changes cluster is written again: so is every member of the cluster it joins, and of the one it leaves.
  for (const [file, k] of kept) {
    if (gone.has(file)) continue;
    const now = clusters.get(k.doc.id) ?? null;
    if (now === k.doc.cluster) continue;
    if (now !== null) touched.add(`n:${now}`);
    if (k.doc.cluster !== null) touched.add(`o:${k.doc.cluster}`);
  }
  const rewrite = new Set<string>();
  for (const [file, k] of kept) {
    if (gone.has(file)) continue;
    const now = clusters.get(k.doc.id) ?? null;
    const was = k.doc.cluster;
    if (now !== was || (now !== null && touched.has(`n:${now}`)) || (was !== null && touched.has(`o:${was}`))) rewrite.add(file);
  }

  // Deleted documents per segment, then merges, which rewrite every live document of the merged segments.
  const deleted = segments.map((g) => new Set(g.docs.flatMap((doc, local) => (doc === null ? [local] : []))));
  const drop = (file: string) => {
    const k = kept.get(file)!;
    deleted[k.segment]!.add(k.local);
  };
  for (const file of gone) drop(file);
  for (const file of rewrite) drop(file);
  const merged = new Set<number>();
  const liveOf = (s: number) => segments[s]!.docs.length - deleted[s]!.size;
  /** A segment the next manifest keeps: not merged, and with a live document. */
  const survives = (s: number) => !merged.has(s) && liveOf(s) > 0;
  let newSize = fresh.length + rewrite.size;
  // Joined parts keep their segments as they are (merging them would analyse them again); the next update merges.
  for (; !combining;) {
    const candidates = segments.map((_, s) => s).filter(survives);
    const plan = mergePlan([...candidates.map(liveOf), ...(newSize > 0 ? [newSize] : [])], opts.merge);
    const picked = plan.filter((i) => i < candidates.length).map((i) => candidates[i]!);
    if (picked.length === 0) break;
    for (const s of picked) {
      merged.add(s);
      newSize += liveOf(s);
    }
  }
  for (const s of merged) {
    segments[s]!.docs.forEach((doc, local) => {
      if (doc && !deleted[s]!.has(local)) {
        rewrite.add(doc.file);
        deleted[s]!.add(local);
      }
    });
  }

  // The documents written again come from the index itself, not from their files, which may no longer read.
  const fetcher = combining ? source.fetcher : fsFetcher(opts.outDir);
  const carried = prev.manifest
    ? await carryOver(
        fetcher,
        prev.manifest,
        [...rewrite].map((file) => kept.get(file)!),
      )
    : [];
  const newDocs = [...fresh, ...carried].sort(byDateThenId);
  // A document written again keeps the hash and stamp of the version it carries, which its file may no longer hold.
  const hashOf = (d: Doc) => (rewrite.has(d.file) ? kept.get(d.file)!.doc.hash : hashes.get(d.file)!);
  const stampOf = (d: Doc) => (rewrite.has(d.file) ? kept.get(d.file)!.doc.stamp : (stamps.get(d.file) ?? null));
  const unchanged = kept.size - gone.size - rewrite.size;
  const nothingToDo = newDocs.length === 0 && gone.size === 0 && prev.state !== null && !combining;

  const writer = await IndexWriter.open(opts.outDir);
  try {
    let written: WrittenSegment | null = null;
    if (newDocs.length > 0) {
      const keptShards = segments.reduce((sum, _, s) => (survives(s) ? sum + prev.manifest!.segments[s]!.shards.count : sum), 0);
      written = await writeSegment(writer, newDocs, clusters, opts, keptShards);
    }
    const indexed = performance.now();

    // The new manifest: surviving segments in their order, then the new one.
    const nextSegments: SegmentInfo[] = [];
    const nextState: StateSegment[] = [];
    for (const [s, g] of segments.entries()) {
      if (!survives(s)) continue;
      const info = prev.manifest!.segments[s]!;
      const dels = [...deleted[s]!].sort((a, b) => a - b);
      const same = dels.length === (info.deleted?.count ?? 0);
      const file = dels.length === 0 ? null : same ? info.deleted!.file : await writer.rootFile(deletedFile, encodeDeleted(dels));
      nextSegments.push({ ...info, deleted: file === null ? null : { count: dels.length, file } });
      nextState.push({ generation: g.generation, docs: g.docs.map((doc, local) => (deleted[s]!.has(local) ? null : doc)) });
    }
    if (written) {
      nextSegments.push(written.info);
      nextState.push({
        generation: written.info.generation,
        docs: newDocs.map((d, i) =>
          stateDoc(d, hashOf(d), stampOf(d), clusters.get(d.id) ?? null, written!.lengths[i]!, written!.words[i]!, sketchOf.get(d.file) ?? sketchArticle(d)),
        ),
      });
    }

    // Every live document in the order a full build numbers them, with its segment.
    const live = nextState.flatMap((g, s) => g.docs.flatMap((doc) => (doc ? [{ doc, s }] : [])));
    live.sort((a, b) => byDateThenId(a.doc, b.doc));
    const order = nextSegments.length > 1 ? await writer.rootFile(orderFile, encodeOrder(live.map((x) => x.s))) : null;
    const wordDf = new Map<string, number>();
    let totalLength = 0;
    for (const { doc } of live) {
      totalLength += doc.length;
      for (const w of doc.words) wordDf.set(w, (wordDf.get(w) ?? 0) + 1);
    }
    const table = simplifiedCharTable();
    const draft: Omit<Manifest, 'buildId'> = {
      format: FORMAT_NAME,
      version: FORMAT_VERSION,
      builtAt: new Date().toISOString(),
      docCount: live.length,
      avgLength: live.length ? totalLength / live.length : 0,
      segments: nextSegments,
      order,
      chars: nextSegments.length ? { count: CHAR_SHARDS, ranked: rankedTableKeys(table) } : { count: 0 },
      banks: bankDictionary().map((b) => ({ name: b.name, kind: b.kind, aliases: b.aliases.map((a) => foldText(a, table)) })),
      examples: pickExamples(
        live.map((x) => x.doc),
        wordDf,
      ),
      home: null,
      suggest: [],
      readings: [],
      wordFacets: [],
    };
    const served = combining ? await readManifestIfAny(opts.outDir) : prev.manifest;
    const previous = served ? [served, ...(combining ? [] : (prev.state?.previous ?? []))].slice(0, 2) : [];
    let manifest: Manifest;
    if (nothingToDo && prev.manifest) {
      manifest = prev.manifest;
    } else {
      const buildId = manifestId(draft);
      const stored = await withStoredAnswers(writer, draft, wordDf, prev.state?.counts ?? {});
      if (opts.stateDir !== null) {
        const state: IndexState = {
          layout: STATE_LAYOUT,
          format: FORMAT_VERSION,
          buildId,
          settings,
          segments: nextState,
          errors: errors.map((e) => ({ file: e.file, hash: hashes.get(e.file) ?? '', path: e.path, reason: e.reason })),
          previous,
          counts: stored.counts,
        };
        // Joined parts bring their segments from their own state folders: all are written here.
        await saveState(opts.stateDir, state, new Set(combining ? [] : segments.map((g) => g.generation)));
      }
      manifest = await writer.commit(stored.draft, previous.slice(1));
      if (opts.stateDir !== null) await pruneStates(opts.stateDir, [manifest.buildId]);
    }

    const report: BuildReport = {
      documents: live.map(({ doc }) => ({
        id: doc.id,
        path: doc.path,
        title: doc.title,
        date: doc.date,
        source: doc.source,
        banks: doc.banks,
        provinces: doc.provinces,
        cluster: doc.cluster,
        link: doc.link,
      })),
      errors: errors.map(({ path: p, reason }) => ({ path: p, reason })).sort((a, b) => (a.path < b.path ? -1 : 1)),
      stats: {
        files: files.length,
        documents: live.length,
        errors: errors.length,
        clusters: new Set(live.flatMap(({ doc }) => (doc.cluster === null ? [] : [doc.cluster]))).size,
        terms: written?.terms ?? 0,
        postings: written?.postings ?? 0,
        shards: written?.shards ?? 0,
        indexFiles: writer.files,
        indexBytes: writer.bytes,
        buildMs: Math.round(performance.now() - started),
        phaseMs: {
          read: Math.round(read - started),
          cluster: Math.round(clustered - read),
          index: Math.round(indexed - clustered),
          write: Math.round(performance.now() - indexed),
        },
        update: {
          kind: prev.state === null ? 'full' : nothingToDo ? 'unchanged' : combining ? 'combine' : 'update',
          reason: prev.state === null ? prev.reason : null,
          added: prev.state === null ? live.length : added,
          changed,
          removed: removed.length,
          unchanged: prev.state === null ? 0 : unchanged,
          rewritten: rewrite.size,
          segments: manifest.segments.length,
          filesWritten: writer.files,
          bytesWritten: writer.bytes,
        },
      },
    };
    return { report, manifest };
  } catch (e) {
    await writer.abort();
    throw e;
  }
}

/** Options of {@link combineIndexes}. */
export interface CombineOptions {
  /** The indexes to join (each built by {@link buildIndex} from its own files), with the update state of each. */
  parts: { outDir: string; stateDir: string }[];
  outDir: string;
  /** Where the joined index keeps its update state, as {@link BuildOptions.stateDir}. */
  stateDir: string;
}

/** The parts cannot be joined; the message names the part and the reason. */
export class CombineError extends Error {
  constructor(
    readonly part: string,
    reason: string,
  ) {
    super(`${part}: ${reason}`);
    this.name = 'CombineError';
  }
}

/**
 * Joins indexes built apart (one per year, on as many machines) into one, as segments of it, without
 * reading or analysing their articles again: each part's segment folders are copied as they are, and only
 * near-duplicates that pair across parts are written again, into one new segment, since a cluster lives in
 * one segment. The result answers as a full build of all the parts' files would. Segments are not merged
 * here (the next update's merge policy does that).
 *
 * @throws {CombineError} when a part has no index or no update state fit for it, when the parts were built
 *   with different settings (`--link`…), or when two parts hold the same document id.
 * @throws {IndexBusyError} when another run holds the joined index's lock.
 */
export async function combineIndexes(options: CombineOptions & Partial<Omit<BuildOptions, 'srcDirs' | 'outDir' | 'stateDir'>>): Promise<BuildResult> {
  const opts: BuildOptions = { ...DEFAULT_BUILD_OPTIONS, ...options, srcDirs: [], mode: 'update' };
  if (options.parts.length === 0) throw new CombineError('--combine', 'no parts to join');
  const unlock = await lockIndex(options.stateDir);
  try {
    const manifests: Manifest[] = [];
    const states: IndexState[] = [];
    let settings: string | null = null;
    for (const part of options.parts) {
      const manifest = await readManifestIfAny(part.outDir);
      if (!manifest) throw new CombineError(part.outDir, `has no index of format ${FORMAT_VERSION} (build it with npm run index)`);
      // Any settings: the parts are compared with one another below.
      const state = await loadState(part.stateDir, manifest, null);
      if ('reason' in state)
        throw new CombineError(
          part.outDir,
          state.missing ? `has no update state in ${part.stateDir} (build the part with --state ${part.stateDir})` : state.reason,
        );
      if (settings !== null && state.settings !== settings)
        throw new CombineError(part.outDir, 'was built with other settings (--link, --site-url, --timezone) than the first part');
      settings = state.settings;
      manifests.push(manifest);
      states.push(state);
    }
    const { link, segmenter } = JSON.parse(settings!) as Pick<BuildOptions, 'link' | 'segmenter'>;
    opts.link = link;
    opts.segmenter = segmenter;
    const owner = new Map<string, string>();
    for (const [k, state] of states.entries()) {
      for (const g of state.segments)
        for (const d of g.docs) {
          if (!d) continue;
          const other = owner.get(d.id);
          if (other !== undefined && other !== options.parts[k]!.outDir)
            throw new CombineError(options.parts[k]!.outDir, `holds document ${d.id}, as does ${other}: give the files distinct names, or index them together`);
          owner.set(d.id, options.parts[k]!.outDir);
        }
    }

    // The parts' files, copied beside each other into the joined index (names are content hashes, so equal names are equal files).
    const writer = await IndexWriter.open(opts.outDir);
    for (const [k, manifest] of manifests.entries()) {
      for (const name of filesOf(manifest).filter((f) => f !== manifest.order)) {
        const target = path.join(opts.outDir, name);
        const from = path.join(options.parts[k]!.outDir, name);
        if ((await stat(target).catch(() => null)) && (!isGenerationName(name) || (await sameFiles(from, target)))) continue;
        await rm(target, { recursive: true, force: true });
        // Copied under a temporary name, then renamed: a run killed mid-copy leaves a leftover IndexWriter.open removes.
        const tmp = path.join(opts.outDir, `.tmp-copy-${process.pid}-${name}`);
        await cp(from, tmp, { recursive: true });
        await rename(tmp, target);
      }
    }
    // Read as one index: the parts' segments in order, numbered by date then id over all of them.
    const segments = manifests.flatMap((m) => m.segments);
    const stateSegments = states.flatMap((st) => st.segments);
    const live = stateSegments.flatMap((g, s) => g.docs.flatMap((doc) => (doc ? [{ doc, s }] : [])));
    live.sort((a, b) => byDateThenId(a.doc, b.doc));
    const order = segments.length > 1 ? await writer.rootFile(orderFile, encodeOrder(live.map((x) => x.s))) : null;
    const joined: Omit<Manifest, 'buildId'> = { ...manifests[0]!, docCount: live.length, segments, order };
    const manifest: Manifest = { ...joined, buildId: manifestId(joined) };
    const state: IndexState = {
      ...states[0]!,
      buildId: manifest.buildId,
      segments: stateSegments,
      errors: states.flatMap((st) => st.errors),
      previous: [],
      counts: Object.assign({}, ...states.map((st) => st.counts)) as IndexState['counts'],
    };
    const fetcher = fsFetcher(opts.outDir, manifest);
    return await updateIndex({ ...opts, stateDir: options.stateDir }, opts.link === null ? null : postLinker(opts.link), {
      kind: 'combine',
      prev: { manifest, state, reason: null },
      fetcher,
    });
  } finally {
    await unlock();
  }
}
