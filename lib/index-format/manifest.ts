import { IndexFormatError } from './errors';
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
 * The manifest names every other file by content hash; those files never change once written, so they
 * can be cached forever, and a new manifest can never be combined with an older build's files.
 */
export interface Manifest {
  format: typeof FORMAT_NAME;
  version: number;
  /** Hash of every file name of this build. */
  buildId: string;
  builtAt: string;
  docCount: number;
  /** Mean folded document length, for BM25. */
  avgLength: number;
  /** Term shards: term `t` lives in `files[shardOf(t, count)]`, `null` where no term hashes. */
  shards: { count: number; files: (string | null)[] };
  columns: string;
  /** Document `d` lives in `files[Math.floor(d / groupSize)]`. */
  fragments: { groupSize: number; files: string[] };
  /** Id `x` maps to a document number in `files[shardOf(x, count)]`. */
  ids: { count: number; files: (string | null)[] };
  /** Traditional → simplified table for folding queries; null when the build had none. */
  charTable: string | null;
  banks: BankInfo[];
  /** A few queries that find something in this corpus, for the empty state. */
  examples: string[];
}

function fail(file: string, reason: string): never {
  throw new IndexFormatError(file, reason);
}

function isFileName(v: unknown): v is string {
  return typeof v === 'string' && /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/.test(v);
}

function checkFileList(v: unknown, file: string, what: string, nullable: boolean): (string | null)[] {
  if (!Array.isArray(v)) fail(file, `${what} must be a list of file names`);
  for (const x of v) if (!(isFileName(x) || (nullable && x === null))) fail(file, `${what} has an invalid file name ${JSON.stringify(x)}`);
  return v as (string | null)[];
}

/** Parses and checks a manifest; throws {@link IndexFormatError} naming `file` and what is wrong. */
export function parseManifest(text: string, file = MANIFEST_FILE): Manifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    fail(file, `not valid JSON (${(e as Error).message})`);
  }
  if (typeof raw !== 'object' || raw === null) fail(file, 'expected a JSON object');
  const m = raw as Record<string, unknown>;
  if (m.format !== FORMAT_NAME) fail(file, `not a ${FORMAT_NAME} manifest`);
  if (m.version !== FORMAT_VERSION) fail(file, `index format version ${JSON.stringify(m.version)} is not supported (this code reads version ${FORMAT_VERSION}); rebuild the index`);
  if (typeof m.buildId !== 'string' || m.buildId === '') fail(file, 'buildId must be a non-empty string');
  if (typeof m.builtAt !== 'string') fail(file, 'builtAt must be a string');
  if (!Number.isInteger(m.docCount) || (m.docCount as number) < 0) fail(file, 'docCount must be a non-negative integer');
  if (typeof m.avgLength !== 'number') fail(file, 'avgLength must be a number');
  const shards = m.shards as Manifest['shards'] | undefined;
  if (!shards || !Number.isInteger(shards.count) || shards.count < 1) fail(file, 'shards.count must be a positive integer');
  if (checkFileList(shards.files, file, 'shards.files', true).length !== shards.count) fail(file, 'shards.files must have shards.count entries');
  if (!isFileName(m.columns)) fail(file, 'columns must name a file');
  const fr = m.fragments as Manifest['fragments'] | undefined;
  if (!fr || !Number.isInteger(fr.groupSize) || fr.groupSize < 1) fail(file, 'fragments.groupSize must be a positive integer');
  checkFileList(fr.files, file, 'fragments.files', false);
  const ids = m.ids as Manifest['ids'] | undefined;
  if (!ids || !Number.isInteger(ids.count) || ids.count < 1) fail(file, 'ids.count must be a positive integer');
  if (checkFileList(ids.files, file, 'ids.files', true).length !== ids.count) fail(file, 'ids.files must have ids.count entries');
  if (!(m.charTable === null || isFileName(m.charTable))) fail(file, 'charTable must name a file or be null');
  if (!Array.isArray(m.banks)) fail(file, 'banks must be a list');
  for (const [i, b] of (m.banks as unknown[]).entries()) {
    const e = b as Partial<BankInfo> | null;
    const ok = typeof e === 'object' && e !== null && typeof e.name === 'string' && typeof e.kind === 'string' && Array.isArray(e.aliases) && e.aliases.every((a) => typeof a === 'string');
    if (!ok) fail(file, `banks[${i}] must be { name, kind, aliases[] } of strings`);
  }
  if (!Array.isArray(m.examples) || !m.examples.every((x) => typeof x === 'string')) fail(file, 'examples must be a list of strings');
  return m as unknown as Manifest;
}
