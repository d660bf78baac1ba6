import { IndexCorruptError } from './errors';
import { contentHash } from './hash';

/**
 * Every file of a build lives in one generation folder, `g-<buildId>/`, under a name that depends only
 * on what it holds (`shard-12.bin`), so the manifest stays the same small size at 100 documents or at
 * 100,000: it names the folder and counts, never a list of files. A new build is a new folder, so its
 * files can be cached forever and can never be mixed with an older build's.
 *
 * Each file ends with a trailer: `#` and the 7-byte content hash of everything before it. The reader
 * checks it on every download, so a truncated or damaged file is rejected instead of decoded into garbage.
 *
 * Every file of a generation is then stored gzip-compressed (`.bin`), as Pagefind does: the index is a
 * third of the size on disk, any static host serves the same bytes whether or not it compresses, and the
 * browser inflates them with its native DecompressionStream.
 */
export const TRAILER_LENGTH = 8;
const TRAILER_MARK = 0x23;

/** Each document's day and length: what a query needs to rank, sort and take a date range (`RankColumns`). */
export const RANK_FILE = 'rank.bin';

/** Each document's facet values, read only for facet counts and facet filters (`FacetValues`). */
export const FACETS_FILE = 'facets.bin';

/** Shards of the traditional → simplified table: a query fetches only those of its own characters. */
export const CHAR_SHARDS = 32;

/** Which shard of the character table holds `ch`. */
export function charShardOf(ch: string): number {
  return ch.codePointAt(0)! % CHAR_SHARDS;
}

export function charsFile(k: number): string {
  return `chars-${k}.bin`;
}

export function shardFile(i: number): string {
  return `shard-${i}.bin`;
}

/** Positions of MAX_GRAM-grams, apart from the postings: only a term longer than MAX_GRAM tokens needs them. */
export function positionsFile(i: number): string {
  return `pos-${i}.bin`;
}

export function fragmentFile(g: number): string {
  return `frag-${g}.bin`;
}

export function idsFile(k: number): string {
  return `ids-${k}.bin`;
}

/** Folder of the build with this id. */
export function generationDir(buildId: string): string {
  return `g-${buildId}`;
}

/** Appends the content-hash trailer. */
export function seal(payload: Uint8Array): Uint8Array {
  const hash = contentHash(payload);
  const out = new Uint8Array(payload.length + TRAILER_LENGTH);
  out.set(payload);
  out[payload.length] = TRAILER_MARK;
  for (let i = 0; i < 7; i++) out[payload.length + 1 + i] = parseInt(hash.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** The content hash a sealed file carries, as 14 hex digits. */
export function sealedHash(bytes: Uint8Array): string | null {
  if (bytes.length < TRAILER_LENGTH || bytes[bytes.length - TRAILER_LENGTH] !== TRAILER_MARK) return null;
  let hex = '';
  for (let i = bytes.length - 7; i < bytes.length; i++) hex += bytes[i]!.toString(16).padStart(2, '0');
  return hex;
}

/** Checks the trailer and returns the payload; throws {@link IndexCorruptError} naming `file` when they disagree. */
export function unseal(bytes: Uint8Array, file: string): Uint8Array {
  const expected = sealedHash(bytes);
  if (expected === null) throw new IndexCorruptError(file, `has no content-hash trailer (${bytes.length} bytes; truncated, or not written by this indexer)`);
  const payload = bytes.subarray(0, bytes.length - TRAILER_LENGTH);
  const actual = contentHash(payload);
  if (actual !== expected) throw new IndexCorruptError(file, `content hash is ${actual}, expected ${expected} (the file is damaged or from another build)`);
  return payload;
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

/** Seals and gzips a payload: a file of a generation as stored and served. */
export async function packFile(payload: Uint8Array): Promise<Uint8Array> {
  return pipe(seal(payload), new CompressionStream('gzip'));
}

/**
 * Inflates and unseals a file of a generation; throws {@link IndexCorruptError} naming `file` when it is
 * not gzip or its content hash disagrees.
 */
export async function unpackFile(bytes: Uint8Array, file: string): Promise<Uint8Array> {
  if (bytes.length < 18 || bytes[0] !== 0x1f || bytes[1] !== 0x8b)
    throw new IndexCorruptError(file, `is not gzip-compressed (${bytes.length} bytes; truncated, or not written by this indexer)`);
  let inflated: Uint8Array;
  try {
    inflated = await pipe(bytes, new DecompressionStream('gzip'));
  } catch (e) {
    throw new IndexCorruptError(file, `cannot be inflated (${(e as Error).message}): the file is damaged or truncated`);
  }
  return unseal(inflated, file);
}
