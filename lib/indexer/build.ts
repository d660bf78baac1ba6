import os from 'node:os';
import path from 'node:path';
import pMap from 'p-map';
import {
  bankDictionary,
  assignIds,
  clusterArticles,
  DEFAULT_SEGMENTER_OPTIONS,
  listSourceFiles,
  postLinker,
  readArticle,
  simplifiedCharTable,
  type Article,
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
  encodeFragment,
  encodeIdTable,
  encodeJson,
  encodePositionEntries,
  encodeShardEntries,
  CHAR_SHARDS,
  charShardOf,
  charsFile,
  COLUMNS_FILE,
  FORMAT_NAME,
  FORMAT_VERSION,
  foldText,
  fragmentFile,
  idsFile,
  positionsFile,
  shardFile,
  shardOf,
  tableLookups,
  type EncodedTerm,
  type PositionEntry,
  type FragmentDoc,
  type Columns,
  type IdTable,
  type Manifest,
} from '../index-format';
import { analyzeDocuments } from './analyze-pool';
import { PostingsBuilder } from './postings';
import { IndexWriter } from './writer';

/** Options of {@link buildIndex}. */
export interface BuildOptions {
  /** Folders read recursively. */
  srcDirs: string[];
  /** Where the index is served from; replaced atomically. */
  outDir: string;
  /**
   * Aim for term shards of about this many bytes of postings in the build's working form (varints),
   * before the Rice coding and gzip that make a file about half of it: small enough to fetch per term,
   * few enough to keep the file count and the per-file overhead down.
   */
  targetShardBytes: number;
  /** Documents per fragment file; 0 chooses one per document up to 50,000 documents, then so that there are at most about 50,000 fragment files. */
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
  segmenter: SegmenterOptions;
  /**
   * Give each post a link to its own page on the Jekyll site it comes from, made as Jekyll makes the
   * permalink (`lib/ingest/permalink.ts`); null for none. Checked before any article is read.
   */
  link: LinkOptions | null;
  /** Called as work advances, for a progress bar. */
  onProgress?: (phase: 'read' | 'index' | 'write', done: number, total: number) => void;
}

/** What {@link buildIndex} uses where its options name nothing; `npm run index` takes its defaults from here too. */
export const DEFAULT_BUILD_OPTIONS: Omit<BuildOptions, 'srcDirs' | 'outDir'> = {
  // About 13 KB per shard file once Rice-coded and gzipped: fewer files, each with its own gzip header
  // and code tables, against more bytes per looked-up unit (docs/DESIGN.md, "Term shards").
  targetShardBytes: 24 * 1024,
  fragmentGroupSize: 0,
  idsPerFile: 500,
  readConcurrency: 16,
  workers: os.availableParallelism(),
  minDocsPerWorker: 250,
  segmenter: DEFAULT_SEGMENTER_OPTIONS,
  link: null,
};

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
  };
}

export interface BuildResult {
  report: BuildReport;
  manifest: Manifest;
}

type Doc = Article & { id: string; displayPath: string; link: string | null };

async function readAll(
  files: SourceFile[],
  ids: Map<string, string>,
  linkOf: (post: Article['jekyll']) => string | null,
  opts: BuildOptions,
): Promise<{ docs: Doc[]; errors: IngestError[] }> {
  const docs: Doc[] = [];
  const errors: IngestError[] = [];
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
      if ('reason' in result) errors.push({ path: displayPath, reason: result.reason });
      else docs.push({ ...result, id: ids.get(file.absPath)!, displayPath, link: linkOf(result.jekyll) });
      opts.onProgress?.('read', ++done, files.length);
    },
    { concurrency: Math.max(1, opts.readConcurrency) },
  );
  errors.sort((a, b) => (a.path < b.path ? -1 : 1));
  return { docs, errors };
}

/**
 * Writes the document lists as shards of about `targetShardBytes` each, and beside each shard the
 * positions of its terms that have them (`pos-<i>.bin`, naming terms by their place in the shard).
 * Every file is written even when empty, as names follow from the count. Term ids are grouped by shard
 * with a counting sort, so no per-shard arrays of strings are built.
 */
async function writeShards(
  writer: IndexWriter,
  b: PostingsBuilder,
  positions: PostingsBuilder,
  opts: BuildOptions,
): Promise<{ count: number; nonEmpty: number }> {
  let estimate = 0;
  for (let id = 0; id < b.termCount; id++) estimate += b.keys[id]!.length * 3 + 4 + b.byteLength(id);
  const count = Math.min(65_536, Math.max(1, Math.ceil(estimate / opts.targetShardBytes)));
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
    await writer.add(positionsFile(s), encodePositionEntries(positioned));
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
function byDateThenId(a: Doc, b: Doc): number {
  const d = instant(a.date) - instant(b.date);
  if (d !== 0 && !Number.isNaN(d)) return d < 0 ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function pickExamples(docs: Doc[], wordDf: Map<string, number>): string[] {
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
  /** Documents in which the segmenter cut each word of 3 to 5 characters: candidates for the examples. */
  wordDf: Map<string, number>;
  /** Folded length of each document, for BM25. */
  lengths: Uint32Array;
  totalLength: number;
}

/** Folds, cuts and segments every document (in worker threads) and adds its units to the postings, in document order. */
async function analyseAll(docs: Doc[], opts: BuildOptions): Promise<Analysed> {
  const units = new PostingsBuilder('docs');
  const gramPositions = new PostingsBuilder('positions');
  const wordDf = new Map<string, number>();
  const lengths = new Uint32Array(docs.length);
  let totalLength = 0;
  let d = 0;
  const workers = Math.min(opts.workers, Math.floor(docs.length / Math.max(1, opts.minDocsPerWorker)));
  for await (const u of analyzeDocuments(docs, workers, opts.segmenter)) {
    for (let i = 0; i < u.keys.length; i++) units.add(u.keys[i]!, d, u.weights[i]!);
    for (let g = 0; g < u.grams.length; g++) {
      const i = u.grams[g]!;
      gramPositions.add(u.keys[i]!, d, u.weights[i]!, u.positions.subarray(u.posStart[g], u.posStart[g + 1]));
    }
    for (const w of u.exampleWords) wordDf.set(w, (wordDf.get(w) ?? 0) + 1);
    lengths[d] = u.length;
    totalLength += u.length;
    d++;
    opts.onProgress?.('index', d, docs.length);
  }
  return { units, gramPositions, wordDf, lengths, totalLength };
}

/** The facet columns (one per row of `FACETS`), days and lengths of every document. */
async function writeColumns(writer: IndexWriter, docs: Doc[], lengths: Uint32Array): Promise<void> {
  const facets = Object.fromEntries(FACETS.map((f) => [f.key, facetColumn(docs.map((d) => f.values(d)))]));
  const columns = { docCount: docs.length, day: Int32Array.from(docs, (d) => dayOf(d.date)), facets: facets as Columns['facets'], length: lengths };
  await writer.add(COLUMNS_FILE, encodeColumns(columns));
}

/**
 * The display data of every document, `groupSize` to a file, each with the numbers of its cluster's other
 * members and the character-table entries of its own text.
 */
async function writeFragments(
  writer: IndexWriter,
  docs: Doc[],
  clusters: Map<string, string>,
  table: Record<string, string>,
  groupSize: number,
): Promise<void> {
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
    await writer.add(fragmentFile(first / groupSize), encodeFragment({ first, docs: group }));
  }
}

/** Id → document number tables, about `idsPerFile` ids each; returns their count. */
async function writeIdTables(writer: IndexWriter, docs: Doc[], idsPerFile: number): Promise<number> {
  const count = Math.max(1, Math.ceil(docs.length / idsPerFile));
  const tables: IdTable[] = Array.from({ length: count }, () => ({}));
  docs.forEach((d, i) => {
    tables[shardOf(d.id, count)]![d.id] = i;
  });
  for (let k = 0; k < count; k++) await writer.add(idsFile(k), encodeIdTable(tables[k]!));
  return count;
}

/** The traditional → simplified table in {@link CHAR_SHARDS} files by code point, for folding queries. */
async function writeCharShards(writer: IndexWriter, table: Record<string, string>): Promise<void> {
  const shards: Record<string, string>[] = Array.from({ length: CHAR_SHARDS }, () => ({}));
  for (const [from, to] of Object.entries(table)) shards[charShardOf(from)]![from] = to;
  for (let k = 0; k < CHAR_SHARDS; k++) await writer.add(charsFile(k), encodeJson(shards[k]));
}

/**
 * Reads every article under `srcDirs`, builds the sharded index and swaps it into `outDir`.
 * Bad files are reported in the result, never thrown; an error while writing leaves the old index served.
 *
 * @throws {LinkOptionsError} before reading anything, when `link` cannot make links (an unknown placeholder…).
 */
export async function buildIndex(options: Partial<BuildOptions> & Pick<BuildOptions, 'srcDirs' | 'outDir'>): Promise<BuildResult> {
  const opts: BuildOptions = { ...DEFAULT_BUILD_OPTIONS, ...options };
  const started = performance.now();
  const linker = opts.link === null ? null : postLinker(opts.link);
  const files = await listSourceFiles(opts.srcDirs);
  const { docs, errors } = await readAll(files, assignIds(files), (post) => linker?.(post) ?? null, opts);
  const read = performance.now();
  docs.sort(byDateThenId);
  const clusters = clusterArticles(docs);
  const clustered = performance.now();
  const analysed = await analyseAll(docs, opts);
  const indexed = performance.now();

  const table = simplifiedCharTable();
  const writer = await IndexWriter.open(opts.outDir);
  try {
    const shards = await writeShards(writer, analysed.units, analysed.gramPositions, opts);
    await writeColumns(writer, docs, analysed.lengths);
    const groupSize = opts.fragmentGroupSize > 0 ? opts.fragmentGroupSize : Math.max(1, Math.ceil(docs.length / 50_000));
    await writeFragments(writer, docs, clusters, table, groupSize);
    const idCount = await writeIdTables(writer, docs, opts.idsPerFile);
    await writeCharShards(writer, table);
    const manifest: Manifest = await writer.commit({
      format: FORMAT_NAME,
      version: FORMAT_VERSION,
      builtAt: new Date().toISOString(),
      docCount: docs.length,
      avgLength: docs.length ? analysed.totalLength / docs.length : 0,
      shards: { count: shards.count },
      positions: { count: shards.count },
      fragments: { groupSize, count: Math.ceil(docs.length / groupSize) },
      ids: { count: idCount },
      chars: { count: CHAR_SHARDS },
      banks: bankDictionary().map((b) => ({ name: b.name, kind: b.kind, aliases: b.aliases.map((a) => foldText(a, table)) })),
      examples: pickExamples(docs, analysed.wordDf),
    });

    const report: BuildReport = {
      documents: docs.map((d) => ({
        id: d.id,
        path: d.displayPath,
        title: d.title,
        date: d.date,
        source: d.source,
        banks: d.banks,
        provinces: d.provinces,
        cluster: clusters.get(d.id) ?? null,
        link: d.link,
      })),
      errors,
      stats: {
        files: files.length,
        documents: docs.length,
        errors: errors.length,
        clusters: new Set(clusters.values()).size,
        terms: analysed.units.termCount,
        postings: analysed.units.entries,
        shards: shards.nonEmpty,
        indexFiles: writer.files,
        indexBytes: writer.bytes,
        buildMs: Math.round(performance.now() - started),
        phaseMs: {
          read: Math.round(read - started),
          cluster: Math.round(clustered - read),
          index: Math.round(indexed - clustered),
          write: Math.round(performance.now() - indexed),
        },
      },
    };
    return { report, manifest };
  } catch (e) {
    await writer.abort();
    throw e;
  }
}
