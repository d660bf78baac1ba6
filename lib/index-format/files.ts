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
 */
export const TRAILER_LENGTH = 8;
const TRAILER_MARK = 0x23;

export const COLUMNS_FILE = 'columns.bin';
export const CHARS_FILE = 'chars.json';

export function shardFile(i: number): string {
  return `shard-${i}.bin`;
}

export function fragmentFile(g: number): string {
  return `frag-${g}.json`;
}

export function idsFile(k: number): string {
  return `ids-${k}.json`;
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
