import { IndexFormatError } from './errors';
import { CHAR_SHARDS } from './files';
import { isRankedText } from './fold';
import { FORMAT_NAME, FORMAT_VERSION } from './version';
import { isDeletedFileName, isGenerationName, isHomeFileName, isOrderFileName } from './segments';
import { isReadingsFileName, isSuggestFileName } from './suggest';
import { isWordFacetsFileName } from './word-facets';

/** Name of the one mutable file of an index: fetched fresh, never cached. */
export const MANIFEST_FILE = 'manifest.json';

/** A bank as the browser needs it for alias expansion and facet labels. */
export interface BankInfo {
  name: string;
  kind: string;
  aliases: string[];
}

/**
 * One segment of the index: a folder written once by one build or update (see segments.ts). Its
 * documents are numbered 0 … docCount − 1 in date order; file names follow from the counts.
 */
export interface SegmentInfo {
  /** Folder holding the segment's files, relative to the manifest: `g-<content hash>`. */
  generation: string;
  /** Documents written into the segment, deleted ones included. */
  docCount: number;
  /** Term `t` lives in `shard-<shardOf(t, count)>.bin`. */
  shards: { count: number };
  /**
   * Positions of MAX_GRAM-gram `t` live in position shard i, paired with its `shard-<i>.bin`, which names the
   * terms they belong to: `count` always equals `shards.count`. Position shard i is a member of a
   * `pos-pack-<p>.bin` (see pack.ts).
   */
  positions: { count: number };
  /** Document `d` lives in fragment group `floor(d / groupSize)`, a member of a `frag-pack-<p>.bin` (see pack.ts). */
  fragments: { groupSize: number; count: number };
  /** Id `x` maps to a document number in `ids-<shardOf(x, count)>.bin`. */
  ids: { count: number };
  /** The segment's documents that later updates removed or replaced: how many, and the root file listing them; null when none. */
  deleted: { count: number; file: string } | null;
}

/**
 * The manifest lists the index's segments and how many files of each kind each holds; file names follow
 * from that (see files.ts). It is the only file fetched fresh; its size grows with the number of segments
 * (bounded by the merge policy), the bank dictionary and the examples, never with the corpus.
 */
export interface Manifest {
  format: typeof FORMAT_NAME;
  version: number;
  /** Content hash over the manifest's segments and root files: the id of this state of the index. An empty index has no segment. */
  buildId: string;
  builtAt: string;
  /** Live documents: every segment's, less the deleted. */
  docCount: number;
  /** Mean folded length of the live documents, for BM25. */
  avgLength: number;
  segments: SegmentInfo[];
  /** Root file giving the segment of each live document in date order (see segments.ts); null with one segment. */
  order: string | null;
  /**
   * The traditional → simplified table for folding queries, in `chars-<k>.bin` of the first segment, by
   * `charShardOf(character)`; count 0 when the build has none. Documents carry the entries of their own
   * characters, so showing a result never needs the whole table. `ranked`: the characters of the text code's
   * table that are keys of it (`rankedTableKeys`), so that a reader looks up no part for any other ranked
   * character (`mayHaveTableEntry`). Optional: absent without a table, and a reader of a manifest without it
   * looks up every character's part.
   */
  chars: { count: number; ranked?: string };
  banks: BankInfo[];
  /** A few queries that find something in this corpus, for the empty state. */
  examples: string[];
  /** The `home-<hash>.bin` root file holding the answer to a request without a query (see segments.ts); null when the build made none. */
  home: string | null;
  /** The suggestion files (`sug-<hash>.bin`, see suggest.ts): a key's is `suggest[suggestShardOf(key, suggest.length)]`; empty when there are none. */
  suggest: string[];
  /** The readings files (`py-<hash>.bin`, see suggest.ts): a character's is `readings[readingsShardOf(char, readings.length)]`; empty when there are none. */
  readings: string[];
  /** The facet counts of the offered words (`wfc-<hash>.bin`, see word-facets.ts): a word's is `wordFacets[wordFacetsShardOf(key, wordFacets.length)]`; empty when there are none. */
  wordFacets: string[];
}

function fail(file: string, reason: string): never {
  throw new IndexFormatError(file, reason);
}

function positiveInt(v: unknown): boolean {
  return Number.isInteger(v) && (v as number) >= 1;
}

/** Checks one segment of a manifest; returns its live documents. */
function checkSegment(file: string, at: string, raw: unknown): number {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail(file, `${at} must be an object`);
  const g = raw as Record<string, unknown>;
  if (typeof g.generation !== 'string' || !isGenerationName(g.generation)) fail(file, `${at}.generation must be "g-" and 14 hex digits`);
  if (!positiveInt(g.docCount)) fail(file, `${at}.docCount must be a positive integer`);
  const docCount = g.docCount as number;
  const shards = g.shards as Partial<SegmentInfo['shards']> | undefined;
  if (!shards || !positiveInt(shards.count)) fail(file, `${at}.shards.count must be a positive integer`);
  const positions = g.positions as Partial<SegmentInfo['positions']> | undefined;
  if (!positions || positions.count !== shards.count) fail(file, `${at}.positions.count must equal shards.count: position shard i pairs with shard i`);
  const fr = g.fragments as Partial<SegmentInfo['fragments']> | undefined;
  if (!fr || !positiveInt(fr.groupSize)) fail(file, `${at}.fragments.groupSize must be a positive integer`);
  if (fr.count !== Math.ceil(docCount / fr.groupSize!)) fail(file, `${at}.fragments.count must be ceil(docCount / groupSize)`);
  const ids = g.ids as Partial<SegmentInfo['ids']> | undefined;
  if (!ids || !positiveInt(ids.count)) fail(file, `${at}.ids.count must be a positive integer`);
  const deleted = g.deleted as Partial<NonNullable<SegmentInfo['deleted']>> | null | undefined;
  if (deleted === null) return docCount;
  if (
    typeof deleted !== 'object' ||
    !positiveInt(deleted.count) ||
    deleted.count! >= docCount ||
    typeof deleted.file !== 'string' ||
    !isDeletedFileName(deleted.file)
  )
    fail(file, `${at}.deleted must be null or { count (1 to docCount − 1), file: "del-<hash>.bin" }`);
  return docCount - deleted.count!;
}

/** Parses and checks a manifest; throws {@link IndexFormatError} naming `file` and what is wrong. */
export function parseManifest(text: string, file = MANIFEST_FILE): Manifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    fail(file, `not valid JSON (${(e as Error).message})`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail(file, 'expected a JSON object');
  const m = raw as Record<string, unknown>;
  if (m.format !== FORMAT_NAME) fail(file, `not a ${FORMAT_NAME} manifest`);
  if (m.version !== FORMAT_VERSION)
    fail(file, `index format version ${JSON.stringify(m.version)} is not supported (this code reads version ${FORMAT_VERSION}); rebuild the index`);
  if (typeof m.buildId !== 'string' || !/^[0-9a-f]{14}$/.test(m.buildId)) fail(file, 'buildId must be 14 hex digits');
  if (typeof m.builtAt !== 'string') fail(file, 'builtAt must be a string');
  if (!Number.isInteger(m.docCount) || (m.docCount as number) < 0) fail(file, 'docCount must be a non-negative integer');
  if (typeof m.avgLength !== 'number' || !(m.avgLength >= 0)) fail(file, 'avgLength must be a non-negative number');
  if (!Array.isArray(m.segments)) fail(file, 'segments must be a list');
  if (m.segments.length > 0xffff) fail(file, `has ${m.segments.length} segments; at most 65535 can be ordered`);
  let live = 0;
  for (const [k, raw] of (m.segments as unknown[]).entries()) live += checkSegment(file, `segments[${k}]`, raw);
  if (live !== m.docCount) fail(file, `docCount is ${String(m.docCount)}, but the segments hold ${live} live documents`);
  const generations = (m.segments as SegmentInfo[]).map((g) => g.generation);
  if (new Set(generations).size !== generations.length) fail(file, 'segments must be distinct folders');
  if (m.segments.length <= 1 ? m.order !== null : typeof m.order !== 'string' || !isOrderFileName(m.order))
    fail(file, 'order must be null for one segment or none, else the name of an order-<hash>.bin file');
  const chars = m.chars as Partial<Manifest['chars']> | undefined;
  if (!chars || !Number.isInteger(chars.count) || (chars.count !== 0 && chars.count !== CHAR_SHARDS)) fail(file, `chars.count must be 0 or ${CHAR_SHARDS}`);
  if (chars.count !== 0 && m.segments.length === 0) fail(file, 'chars.count must be 0 when there is no segment to hold the table');
  if (chars.ranked !== undefined && (chars.count === 0 || typeof chars.ranked !== 'string' || !isRankedText(chars.ranked)))
    fail(file, "chars.ranked must be absent without a table, else a string of the text code's ranked characters");
  if (!Array.isArray(m.banks)) fail(file, 'banks must be a list');
  for (const [i, b] of (m.banks as unknown[]).entries()) {
    const e = b as Partial<BankInfo> | null;
    const ok =
      typeof e === 'object' &&
      e !== null &&
      typeof e.name === 'string' &&
      typeof e.kind === 'string' &&
      Array.isArray(e.aliases) &&
      e.aliases.every((a) => typeof a === 'string');
    if (!ok) fail(file, `banks[${i}] must be { name, kind, aliases[] } of strings`);
  }
  if (!Array.isArray(m.examples) || !m.examples.every((x) => typeof x === 'string')) fail(file, 'examples must be a list of strings');
  if (m.home !== null && (typeof m.home !== 'string' || !isHomeFileName(m.home))) fail(file, 'home must be null or the name of a home-<hash>.bin file');
  if (!Array.isArray(m.suggest) || !m.suggest.every((x) => typeof x === 'string' && isSuggestFileName(x)))
    fail(file, 'suggest must be a list of sug-<hash>.bin file names');
  if (!Array.isArray(m.readings) || !m.readings.every((x) => typeof x === 'string' && isReadingsFileName(x)))
    fail(file, 'readings must be a list of py-<hash>.bin file names');
  if (!Array.isArray(m.wordFacets) || !m.wordFacets.every((x) => typeof x === 'string' && isWordFacetsFileName(x)))
    fail(file, 'wordFacets must be a list of wfc-<hash>.bin file names');
  return m as unknown as Manifest;
}
