import { IndexFormatError } from './errors';
import { CHAR_SHARDS } from './files';
import { FORMAT_NAME, FORMAT_VERSION } from './version';

/** Name of the one mutable file of an index: fetched fresh, never cached. */
export const MANIFEST_FILE = 'manifest.json';

/** A bank as the browser needs it for alias expansion and facet labels. */
export interface BankInfo {
  name: string;
  kind: string;
  aliases: string[];
}

/**
 * The manifest names the build's generation folder and how many files of each kind it holds; file names
 * follow from that (see files.ts). It is the only file fetched fresh; its size does not grow with the corpus
 * except for the bank dictionary and examples.
 */
export interface Manifest {
  format: typeof FORMAT_NAME;
  version: number;
  /** Content hash over every file of the build. */
  buildId: string;
  builtAt: string;
  /** Folder holding every other file of this build, relative to the manifest. */
  generation: string;
  docCount: number;
  /** Mean folded document length, for BM25. */
  avgLength: number;
  /** Term `t` lives in `shard-<shardOf(t, count)>.bin`. */
  shards: { count: number };
  /**
   * Positions of MAX_GRAM-gram `t` live in `pos-<i>.bin` beside its `shard-<i>.bin`, which names the
   * terms they belong to: `count` always equals `shards.count`.
   */
  positions: { count: number };
  /** Document `d` lives in `frag-<floor(d / groupSize)>.json`. */
  fragments: { groupSize: number; count: number };
  /** Id `x` maps to a document number in `ids-<shardOf(x, count)>.json`. */
  ids: { count: number };
  /**
   * The traditional → simplified table for folding queries, in `chars-<k>.bin` by
   * `charShardOf(character)`; count 0 when the build has none. Documents carry the entries of their own
   * characters, so showing a result never needs the whole table.
   */
  chars: { count: number };
  banks: BankInfo[];
  /** A few queries that find something in this corpus, for the empty state. */
  examples: string[];
}

function fail(file: string, reason: string): never {
  throw new IndexFormatError(file, reason);
}

function positiveInt(v: unknown): boolean {
  return Number.isInteger(v) && (v as number) >= 1;
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
  if (m.generation !== `g-${m.buildId}`) fail(file, 'generation must be "g-" followed by the buildId');
  if (!Number.isInteger(m.docCount) || (m.docCount as number) < 0) fail(file, 'docCount must be a non-negative integer');
  if (typeof m.avgLength !== 'number' || !(m.avgLength >= 0)) fail(file, 'avgLength must be a non-negative number');
  const shards = m.shards as Partial<Manifest['shards']> | undefined;
  if (!shards || !positiveInt(shards.count)) fail(file, 'shards.count must be a positive integer');
  const positions = m.positions as Partial<Manifest['positions']> | undefined;
  if (!positions || !positiveInt(positions.count)) fail(file, 'positions.count must be a positive integer');
  if (positions.count !== shards.count) fail(file, 'positions.count must equal shards.count: position shard i pairs with shard i');
  const fr = m.fragments as Partial<Manifest['fragments']> | undefined;
  if (!fr || !positiveInt(fr.groupSize)) fail(file, 'fragments.groupSize must be a positive integer');
  if (!Number.isInteger(fr.count) || fr.count !== Math.ceil((m.docCount as number) / fr.groupSize!))
    fail(file, 'fragments.count must be ceil(docCount / groupSize)');
  const ids = m.ids as Partial<Manifest['ids']> | undefined;
  if (!ids || !positiveInt(ids.count)) fail(file, 'ids.count must be a positive integer');
  const chars = m.chars as Partial<Manifest['chars']> | undefined;
  if (!chars || !Number.isInteger(chars.count) || (chars.count !== 0 && chars.count !== CHAR_SHARDS)) fail(file, `chars.count must be 0 or ${CHAR_SHARDS}`);
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
  return m as unknown as Manifest;
}
