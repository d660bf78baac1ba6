import { ByteReader, ByteWriter } from './bytes';
import { IndexFormatError } from './errors';

const COLUMNS_MAGIC = 'BNSC';
const COLUMNS_LAYOUT = 2;
/** Marks "no value" in {@link Columns.source}. */
export const NONE = -1;
/** Marks an unknown date in {@link Columns.day}; -1 is a real day (1969-12-31). */
export const NO_DAY = -2147483648;
/** Earliest day a column can hold (1696): older dates are stored as unknown. */
const MIN_DAY = -100_000;

/**
 * Per-document facet and ranking data for every document, compact enough to load once for the whole
 * corpus: facet counts and filters must be exact over all matches, not only over fetched fragments.
 * Documents are numbered in date order, so a date range is also a document-number range.
 */
export interface Columns {
  docCount: number;
  /** Distinct source names; `source[d]` indexes into it, {@link NONE} for none. */
  sources: string[];
  /** Distinct bank names; `bankIds` holds indexes into it. */
  banks: string[];
  /** Local calendar day (days since 1970-01-01 of the date as written), {@link NO_DAY} when unknown. */
  day: Int32Array;
  source: Int32Array;
  /** Banks of document d are `bankIds[bankStart[d] .. bankStart[d + 1])`. */
  bankStart: Uint32Array;
  bankIds: Uint16Array;
  /** Folded text length, for BM25 length normalisation; as decoded, approximate (see {@link quantizeLength}). */
  length: Uint32Array;
}

function zigzag(n: number): number {
  return n >= 0 ? n * 2 : -n * 2 - 1;
}

function unzigzag(n: number): number {
  return n % 2 === 0 ? n / 2 : -(n + 1) / 2;
}

/**
 * Length steps per doubling: lengths are stored as one byte, within half a step (2.9 %) and half a
 * character of the true length, so within 3 % from 332 characters on and 5 % below (BM25 needs no more),
 * up to about 2.5 million characters.
 */
const LENGTH_STEPS = 12;

/** One-byte code of a text length (log scale). */
export function quantizeLength(n: number): number {
  return Math.min(255, Math.round(Math.log2(1 + Math.max(0, n)) * LENGTH_STEPS));
}

/** The length a {@link quantizeLength} code stands for. */
export function dequantizeLength(q: number): number {
  return Math.round(2 ** (q / LENGTH_STEPS) - 1);
}

/**
 * Encodes {@link Columns} column by column, which gzip compresses far better than row by row: days
 * delta-coded (they ascend, so nearly all deltas are 0 or 1), sources one byte each when there are fewer
 * than 255, banks as counts then ids, lengths as one-byte log codes (decoded lengths are approximate).
 * Near-duplicate clusters are not here: only the article page needs them, and fragments carry them.
 */
export function encodeColumns(c: Columns): Uint8Array {
  const w = new ByteWriter();
  for (const ch of COLUMNS_MAGIC) w.u8(ch.charCodeAt(0));
  w.u8(COLUMNS_LAYOUT);
  w.varint(c.docCount);
  w.varint(c.sources.length);
  for (const s of c.sources) w.string(s);
  w.varint(c.banks.length);
  for (const b of c.banks) w.string(b);
  const n = c.docCount;
  let prevDay = 0;
  for (let d = 0; d < n; d++) {
    const day = c.day[d]!;
    const v = day === NO_DAY || day < MIN_DAY ? 0 : day - MIN_DAY + 1;
    w.varint(zigzag(v - prevDay));
    prevDay = v;
  }
  const byteSources = c.sources.length < 255;
  for (let d = 0; d < n; d++) {
    if (byteSources) w.u8(c.source[d]! + 1);
    else w.varint(c.source[d]! + 1);
  }
  for (let d = 0; d < n; d++) w.varint(c.bankStart[d + 1]! - c.bankStart[d]!);
  for (let k = c.bankStart[0]!; k < c.bankStart[n]!; k++) w.varint(c.bankIds[k]!);
  for (let d = 0; d < n; d++) w.u8(quantizeLength(c.length[d]!));
  return w.finish();
}

/** Decodes {@link encodeColumns} output; throws {@link IndexFormatError} naming `file` if malformed. */
export function decodeColumns(bytes: Uint8Array, file: string): Columns {
  const r = new ByteReader(bytes, file);
  r.magic(COLUMNS_MAGIC);
  const layout = r.u8();
  if (layout !== COLUMNS_LAYOUT) throw new IndexFormatError(file, `unknown columns layout ${layout}`);
  const count = (what: string, bytesEach: number): number => {
    const n = r.varint();
    if (n * bytesEach > bytes.length) throw new IndexFormatError(file, `claims ${n} ${what} in ${bytes.length} bytes`);
    return n;
  };
  const docCount = count('documents', 4);
  const sources = Array.from({ length: count('sources', 1) }, () => r.string());
  const banks = Array.from({ length: count('banks', 1) }, () => r.string());
  const day = new Int32Array(docCount);
  const source = new Int32Array(docCount);
  const bankStart = new Uint32Array(docCount + 1);
  const length = new Uint32Array(docCount);
  let prevDay = 0;
  for (let d = 0; d < docCount; d++) {
    const v = prevDay + unzigzag(r.varint());
    prevDay = v;
    day[d] = v === 0 ? NO_DAY : v - 1 + MIN_DAY;
  }
  const byteSources = sources.length < 255;
  for (let d = 0; d < docCount; d++) {
    const s = (byteSources ? r.u8() : r.varint()) - 1;
    if (s >= sources.length) throw new IndexFormatError(file, `document ${d} names source ${s} of ${sources.length}`);
    source[d] = s;
  }
  let total = 0;
  for (let d = 0; d < docCount; d++) {
    bankStart[d] = total;
    total += r.varint();
    if (total > bytes.length) throw new IndexFormatError(file, `claims ${total} bank entries in ${bytes.length} bytes`);
  }
  bankStart[docCount] = total;
  const bankIds = new Uint16Array(total);
  for (let k = 0; k < total; k++) {
    const b = r.varint();
    if (b >= banks.length) throw new IndexFormatError(file, `bank entry ${k} names bank ${b} of ${banks.length}`);
    bankIds[k] = b;
  }
  for (let d = 0; d < docCount; d++) length[d] = dequantizeLength(r.u8());
  if (!r.done) throw new IndexFormatError(file, 'trailing bytes after the last column');
  return { docCount, sources, banks, day, source, bankStart, bankIds, length };
}

/** Day number of an ISO 8601 date as written (its own calendar day, whatever its offset); {@link NO_DAY} if it is not a real date. */
export function dayOf(iso: string | null): number {
  if (!iso) return NO_DAY;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return NO_DAY;
  const day = Math.floor(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000);
  return dayToIsoDate(day) === m[0] ? day : NO_DAY;
}

/** `YYYY-MM-DD` of a day number. */
export function dayToIsoDate(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** `YYYY-MM` of a day number. */
export function dayToMonth(day: number): string {
  return dayToIsoDate(day).slice(0, 7);
}
