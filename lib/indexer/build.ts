import path from 'node:path';
import {
  bankDictionary,
  assignIds,
  clusterArticles,
  createSegmenter,
  DEFAULT_SEGMENTER_OPTIONS,
  listSourceFiles,
  readArticle,
  simplifiedCharTable,
  type Article,
  type IngestError,
  type SegmenterOptions,
  type SourceFile,
} from '../ingest';
import {
  dayOf,
  encodeColumns,
  encodeFragment,
  encodeIdTable,
  encodeJson,
  encodeShard,
  CHARS_FILE,
  COLUMNS_FILE,
  FORMAT_NAME,
  FORMAT_VERSION,
  fold,
  fragmentFile,
  idsFile,
  shardFile,
  forEachUnit,
  isGramCode,
  MAX_GRAM,
  NONE,
  packWeight,
  shardOf,
  WORD_PREFIX,
  type Columns,
  type IdTable,
  type Manifest,
  type Postings,
} from '../index-format';
import { PostingsBuilder } from './postings';
import { IndexWriter } from './writer';

/** Options of {@link buildIndex}. */
export interface BuildOptions {
  /** Folders read recursively. */
  srcDirs: string[];
  /** Where the index is served from; replaced atomically. */
  outDir: string;
  /** Aim for term shards of about this many bytes: small enough to fetch per term, few enough to keep the file count sane. */
  targetShardBytes: number;
  /** Documents per fragment file; 0 chooses so that there are at most about 5,000 fragment files. */
  fragmentGroupSize: number;
  /** Documents per id-lookup file, roughly. */
  idsPerFile: number;
  /** Files read at once. */
  readConcurrency: number;
  segmenter: SegmenterOptions;
  /** Called as work advances, for a progress bar. */
  onProgress?: (phase: 'read' | 'index' | 'write', done: number, total: number) => void;
}

export const DEFAULT_BUILD_OPTIONS: Omit<BuildOptions, 'srcDirs' | 'outDir'> = {
  targetShardBytes: 32 * 1024,
  fragmentGroupSize: 0,
  idsPerFile: 500,
  readConcurrency: 16,
  segmenter: DEFAULT_SEGMENTER_OPTIONS,
};

/** One line of the build report per indexed document. */
export interface ReportDocument {
  id: string;
  path: string;
  title: string;
  date: string | null;
  source: string | null;
  banks: string[];
  cluster: string | null;
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
  };
}

export interface BuildResult {
  report: BuildReport;
  manifest: Manifest;
}

type Doc = Article & { id: string; displayPath: string };

async function readAll(files: SourceFile[], ids: Map<string, string>, opts: BuildOptions): Promise<{ docs: Doc[]; errors: IngestError[] }> {
  const docs: Doc[] = [];
  const errors: IngestError[] = [];
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const file = files[next++]!;
      const displayPath = path.join(file.root, file.relPath);
      let result: Omit<Article, 'id'> | IngestError;
      try {
        result = await readArticle(file);
      } catch (e) {
        result = { path: displayPath, reason: `unexpected error: ${(e as Error).message}` };
      }
      if ('reason' in result) errors.push({ path: displayPath, reason: result.reason });
      else docs.push({ ...result, id: ids.get(file.absPath)!, displayPath });
      opts.onProgress?.('read', ++done, files.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.readConcurrency) }, worker));
  errors.sort((a, b) => (a.path < b.path ? -1 : 1));
  return { docs, errors };
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

function pickExamples(docs: Doc[], words: PostingsBuilder): string[] {
  const bankCounts = new Map<string, number>();
  for (const d of docs) for (const b of d.banks) bankCounts.set(b, (bankCounts.get(b) ?? 0) + 1);
  const banks = [...bankCounts].sort((a, b) => b[1] - a[1]).slice(0, 2).map(([b]) => b);
  const n = docs.length;
  const candidates: [string, number][] = [];
  for (const key of words.terms()) {
    const w = key.slice(WORD_PREFIX.length);
    const df = words.df(key);
    if (w.length >= 3 && w.length <= 5 && df >= Math.max(2, n * 0.02) && df <= n * 0.3 && !banks.includes(w)) candidates.push([w, df]);
  }
  candidates.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return [...banks, ...candidates.slice(0, 3).map(([w]) => w)];
}

/**
 * Reads every article under `srcDirs`, builds the sharded index and swaps it into `outDir`.
 * Bad files are reported in the result, never thrown; an error while writing leaves the old index served.
 */
export async function buildIndex(options: Partial<BuildOptions> & Pick<BuildOptions, 'srcDirs' | 'outDir'>): Promise<BuildResult> {
  const opts: BuildOptions = { ...DEFAULT_BUILD_OPTIONS, ...options };
  const started = performance.now();
  const files = await listSourceFiles(opts.srcDirs);
  const ids = assignIds(files);
  const { docs, errors } = await readAll(files, ids, opts);
  docs.sort(byDateThenId);
  const clusters = clusterArticles(docs);
  const numberOf = new Map(docs.map((d, i) => [d.id, i]));

  const table = simplifiedCharTable();
  const segmenter = createSegmenter(opts.segmenter);
  const units = new PostingsBuilder();
  const words = new PostingsBuilder();
  const lengths = new Uint32Array(docs.length);
  let totalLength = 0;
  const tf = new Map<string, number>();
  const inTitle = new Set<string>();
  const positions = new Map<string, number[]>();
  for (let d = 0; d < docs.length; d++) {
    const doc = docs[d]!;
    tf.clear();
    inTitle.clear();
    positions.clear();
    const title = fold(doc.title, table).text;
    const body = fold(doc.text, table).text;
    // Positions count tokens through the title, then, after a gap so no n-gram chains across, the body.
    let offset = 0;
    const count = (key: string, _s: number, _e: number, tokens: number, first: number) => {
      tf.set(key, (tf.get(key) ?? 0) + 1);
      if (tokens === MAX_GRAM) {
        const list = positions.get(key);
        if (list) list.push(offset + first);
        else positions.set(key, [offset + first]);
      }
    };
    const titleTokens = forEachUnit(title, (key, s, e, tokens, first) => {
      inTitle.add(key);
      count(key, s, e, tokens, first);
    });
    offset = titleTokens + 1;
    forEachUnit(body, count);
    for (const [key, n] of tf) units.add(key, d, packWeight(n, inTitle.has(key)), positions.get(key));
    tf.clear();
    for (const w of segmenter.words(`${title}\n${body}`)) {
      if (w.length < 2 || !isGramCode(w.codePointAt(0)!)) continue;
      const key = WORD_PREFIX + w;
      tf.set(key, (tf.get(key) ?? 0) + 1);
    }
    for (const [key, n] of tf) words.add(key, d, n);
    lengths[d] = body.length + title.length;
    totalLength += lengths[d]!;
    opts.onProgress?.('index', d + 1, docs.length);
  }

  const writer = await IndexWriter.open(opts.outDir);
  try {
    const allTerms: [string, PostingsBuilder][] = [];
    let estimate = 0;
    for (const b of [units, words]) {
      for (const t of b.terms()) {
        allTerms.push([t, b]);
        estimate += t.length * 3 + 4 + b.df(t) * 2.2;
      }
    }
    const shardCount = Math.min(65_536, Math.max(1, Math.ceil(estimate / opts.targetShardBytes)));
    const buckets: string[][] = Array.from({ length: shardCount }, () => []);
    const owner = new Map<string, PostingsBuilder>();
    for (const [t, b] of allTerms) {
      buckets[shardOf(t, shardCount)]!.push(t);
      owner.set(t, b);
    }
    let nonEmptyShards = 0;
    for (let s = 0; s < shardCount; s++) {
      const entries: [string, Postings][] = buckets[s]!.map((t) => [t, owner.get(t)!.get(t)!]);
      if (entries.length) nonEmptyShards++;
      await writer.add(shardFile(s), encodeShard(entries));
      opts.onProgress?.('write', s + 1, shardCount);
    }

    const sourceNames = [...new Set(docs.map((d) => d.source).filter((s): s is string => !!s))].sort();
    const bankNames = [...new Set(docs.flatMap((d) => d.banks))].sort();
    const sourceIndex = new Map(sourceNames.map((s, i) => [s, i]));
    const bankIndex = new Map(bankNames.map((b, i) => [b, i]));
    const bankStart = new Uint32Array(docs.length + 1);
    const bankIds: number[] = [];
    docs.forEach((doc, d) => {
      bankStart[d] = bankIds.length;
      for (const b of doc.banks) bankIds.push(bankIndex.get(b)!);
    });
    bankStart[docs.length] = bankIds.length;
    const columns: Columns = {
      docCount: docs.length,
      sources: sourceNames,
      banks: bankNames,
      day: Int32Array.from(docs, (d) => dayOf(d.date)),
      source: Int32Array.from(docs, (d) => (d.source ? sourceIndex.get(d.source)! : NONE)),
      bankStart,
      bankIds: Uint16Array.from(bankIds),
      length: lengths,
      cluster: Int32Array.from(docs, (d) => {
        const c = clusters.get(d.id);
        return c === undefined ? NONE : numberOf.get(c)!;
      }),
    };
    await writer.add(COLUMNS_FILE, encodeColumns(columns));

    const groupSize = opts.fragmentGroupSize > 0 ? opts.fragmentGroupSize : Math.max(1, Math.ceil(docs.length / 5000));
    for (let first = 0; first < docs.length; first += groupSize) {
      const group = docs.slice(first, first + groupSize).map((d) => ({
        id: d.id,
        title: d.title,
        date: d.date,
        source: d.source,
        url: d.url,
        banks: d.banks,
        cluster: clusters.get(d.id) ?? null,
        text: d.text,
      }));
      await writer.add(fragmentFile(first / groupSize), encodeFragment({ first, docs: group }));
    }

    const idCount = Math.max(1, Math.ceil(docs.length / opts.idsPerFile));
    const idTables: IdTable[] = Array.from({ length: idCount }, () => ({}));
    docs.forEach((d, i) => {
      idTables[shardOf(d.id, idCount)]![d.id] = i;
    });
    for (let k = 0; k < idCount; k++) await writer.add(idsFile(k), encodeIdTable(idTables[k]!));
    await writer.add(CHARS_FILE, encodeJson(table));

    const manifest: Manifest = await writer.commit({
      format: FORMAT_NAME,
      version: FORMAT_VERSION,
      builtAt: new Date().toISOString(),
      docCount: docs.length,
      avgLength: docs.length ? totalLength / docs.length : 0,
      shards: { count: shardCount },
      fragments: { groupSize, count: Math.ceil(docs.length / groupSize) },
      ids: { count: idCount },
      charTable: true,
      banks: bankDictionary().map((b) => ({ name: b.name, kind: b.kind, aliases: b.aliases })),
      examples: pickExamples(docs, words),
    });
    const indexFiles = writer.files + 1;
    const indexBytes = writer.bytes + JSON.stringify(manifest).length;

    const report: BuildReport = {
      documents: docs.map((d) => ({
        id: d.id,
        path: d.displayPath,
        title: d.title,
        date: d.date,
        source: d.source,
        banks: d.banks,
        cluster: clusters.get(d.id) ?? null,
      })),
      errors,
      stats: {
        files: files.length,
        documents: docs.length,
        errors: errors.length,
        clusters: new Set(clusters.values()).size,
        terms: units.termCount + words.termCount,
        postings: units.entries + words.entries,
        shards: nonEmptyShards,
        indexFiles,
        indexBytes,
        buildMs: Math.round(performance.now() - started),
      },
    };
    return { report, manifest };
  } catch (e) {
    await writer.abort();
    throw e;
  }
}
