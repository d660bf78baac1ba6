import { ByteReader, ByteWriter } from './bytes';
import { IndexFormatError } from './errors';
import { isReadingsFileName, isSuggestFileName } from './suggest';
import { isWordFacetsFileName } from './word-facets';

/**
 * An index is one or more segments (Lucene's word): each a folder of the file kinds a build writes,
 * numbered in its own date order, never changed once written. Two small files of the index root tie
 * them together, each named by its content so that no served file is ever overwritten:
 *
 * - `del-<hash>.bin`, per segment with deletions: the numbers of its documents that a later update
 *   removed or replaced (Lucene keeps the live ones; the deleted are the few).
 * - `order-<hash>.bin`, when there are several segments: for each live document in the index's date
 *   order (the order a full build numbers them in), the segment it lives in, as runs. News arrives
 *   newest last, so an update adds one run at the end, and the file stays a few bytes.
 * - `home-<hash>.bin`: the engine's own answer to the request of a page opened without a query (the newest
 *   articles, their facet counts), worked out by the build so that the first page a reader opens costs one
 *   small file, not the columns of every document. Its payload is the answer's JSON; lib/search reads it.
 * - `sug-<hash>.bin`: the suggestions offered as a reader types (see suggest.ts).
 * - `py-<hash>.bin`: the pinyin readings of characters, for offering terms that sound like a query (see suggest.ts).
 *
 * From these the reader numbers the live documents exactly as a full build of the same articles would,
 * so every answer (order, ties, statistics) is the full build's.
 */

const DELETED_MAGIC = 'BNSD';
const ORDER_MAGIC = 'BNSO';
const LAYOUT = 1;

/** Root file holding a segment's deleted document numbers. */
export function deletedFile(hash: string): string {
  return `del-${hash}.bin`;
}

/** Root file holding the segment of each live document in date order. */
export function orderFile(hash: string): string {
  return `order-${hash}.bin`;
}

/** Root file holding the stored answer without a query. */
export function homeFile(hash: string): string {
  return `home-${hash}.bin`;
}

const HASH = '[0-9a-f]{14}';
const GENERATION_NAME = new RegExp(`^g-${HASH}$`);
const DELETED_NAME = new RegExp(`^del-${HASH}\\.bin$`);
const ORDER_NAME = new RegExp(`^order-${HASH}\\.bin$`);
const HOME_NAME = new RegExp(`^home-${HASH}\\.bin$`);

/** A segment folder's name: `g-` and 14 hex digits of its content hash. */
export function isGenerationName(name: string): boolean {
  return GENERATION_NAME.test(name);
}

/** A name {@link deletedFile} gives. */
export function isDeletedFileName(name: string): boolean {
  return DELETED_NAME.test(name);
}

/** A name {@link orderFile} gives. */
export function isOrderFileName(name: string): boolean {
  return ORDER_NAME.test(name);
}

/** A name {@link homeFile} gives. */
export function isHomeFileName(name: string): boolean {
  return HOME_NAME.test(name);
}

/** A root file named by its content. */
function isContentNamedFile(name: string): boolean {
  return (
    isDeletedFileName(name) ||
    isOrderFileName(name) ||
    isHomeFileName(name) ||
    isSuggestFileName(name) ||
    isReadingsFileName(name) ||
    isWordFacetsFileName(name)
  );
}

/**
 * An entry of an index folder named by its content (a segment folder, a `del-`, `order-`, `home-`, `sug-`, `py-` or `wfc-` file): written
 * once and never changed, so the writer owns it (removes it once no kept manifest reads it) and a server
 * may let it be cached forever.
 */
export function isContentNamed(name: string): boolean {
  return isGenerationName(name) || isContentNamedFile(name);
}

/** A `/`-separated path (URL or file) to a file that never changes: inside a segment folder, or a content-named root file. */
export function isImmutableIndexPath(p: string): boolean {
  const parts = p.split('/');
  const last = parts.pop() ?? '';
  return parts.some(isGenerationName) || isContentNamedFile(last);
}

function writeMagic(w: ByteWriter, magic: string): void {
  for (let i = 0; i < magic.length; i++) w.u8(magic.charCodeAt(i));
  w.u8(LAYOUT);
}

function readMagic(r: ByteReader, magic: string, file: string, what: string): void {
  r.magic(magic);
  const layout = r.u8();
  if (layout !== LAYOUT) throw new IndexFormatError(file, `has ${what} layout ${layout}; this code reads layout ${LAYOUT}`);
}

function expectEnd(r: ByteReader, file: string): void {
  if (!r.done) throw new IndexFormatError(file, `has ${r.buf.length - r.pos} bytes after its end`);
}

/** Encodes a segment's deleted document numbers (ascending, distinct) as gaps. */
export function encodeDeleted(deleted: readonly number[]): Uint8Array {
  const w = new ByteWriter();
  writeMagic(w, DELETED_MAGIC);
  w.varint(deleted.length);
  let prev = -1;
  for (const d of deleted) {
    if (!Number.isInteger(d) || d <= prev) throw new RangeError(`deleted documents must be ascending distinct integers, got ${d} after ${prev}`);
    w.varint(d - prev - 1);
    prev = d;
  }
  return w.finish();
}

/**
 * Decodes a deleted-documents file of a segment of `docCount` documents.
 * @throws {IndexFormatError} naming `file` when it is not one, or names a document the segment lacks.
 */
export function decodeDeleted(bytes: Uint8Array, file: string, docCount: number): Uint32Array {
  const r = new ByteReader(bytes, file);
  readMagic(r, DELETED_MAGIC, file, 'a deleted-documents file');
  const n = r.varint();
  if (n > docCount) throw new IndexFormatError(file, `deletes ${n} documents of a segment of ${docCount}`);
  const out = new Uint32Array(n);
  let prev = -1;
  for (let i = 0; i < n; i++) {
    prev += r.varint() + 1;
    if (prev >= docCount) throw new IndexFormatError(file, `deletes document ${prev} of a segment of ${docCount}`);
    out[i] = prev;
  }
  expectEnd(r, file);
  return out;
}

/** Encodes the segment of each live document, in the index's order, as runs of (segment, length). */
export function encodeOrder(segmentOf: ArrayLike<number>): Uint8Array {
  const runs: [number, number][] = [];
  for (let i = 0; i < segmentOf.length; i++) {
    const s = segmentOf[i]!;
    const last = runs[runs.length - 1];
    if (last && last[0] === s) last[1]++;
    else runs.push([s, 1]);
  }
  const w = new ByteWriter();
  writeMagic(w, ORDER_MAGIC);
  w.varint(runs.length);
  for (const [s, n] of runs) {
    w.varint(s);
    w.varint(n);
  }
  return w.finish();
}

/**
 * Decodes an order file: the segment of each live document. `liveCounts[s]` is how many live documents
 * segment s has; the file must hand out exactly so many to each.
 * @throws {IndexFormatError} naming `file` when it is not one, or disagrees with those counts.
 */
export function decodeOrder(bytes: Uint8Array, file: string, liveCounts: readonly number[]): Uint16Array {
  const r = new ByteReader(bytes, file);
  readMagic(r, ORDER_MAGIC, file, 'an order file');
  const total = liveCounts.reduce((a, b) => a + b, 0);
  const out = new Uint16Array(total);
  const seen = new Array<number>(liveCounts.length).fill(0);
  const runs = r.varint();
  let at = 0;
  for (let k = 0; k < runs; k++) {
    const s = r.varint();
    const n = r.varint();
    if (s >= liveCounts.length) throw new IndexFormatError(file, `names segment ${s} of an index of ${liveCounts.length}`);
    if (n === 0 || at + n > total) throw new IndexFormatError(file, `orders more documents than the ${total} live ones`);
    out.fill(s, at, at + n);
    at += n;
    seen[s]! += n;
  }
  expectEnd(r, file);
  if (at !== total) throw new IndexFormatError(file, `orders ${at} documents, not the ${total} live ones`);
  for (const [s, n] of seen.entries())
    if (n !== liveCounts[s]) throw new IndexFormatError(file, `gives segment ${s} ${n} documents, but it has ${liveCounts[s]} live ones`);
  return out;
}
