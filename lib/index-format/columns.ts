import { ByteReader, ByteWriter } from './bytes';
import { IndexFormatError } from './errors';

const COLUMNS_MAGIC = 'BNSC';
const COLUMNS_LAYOUT = 1;
/** Marks "no value" in {@link Columns.source} and {@link Columns.cluster}. */
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
  /** Folded text length, for BM25 length normalisation. */
  length: Uint32Array;
  /** Document number of the first member of d's near-duplicate cluster, {@link NONE} when alone. */
  cluster: Int32Array;
}

function zigzag(n: number): number {
  return n >= 0 ? n * 2 : -n * 2 - 1;
}

function unzigzag(n: number): number {
  return n % 2 === 0 ? n / 2 : -(n + 1) / 2;
}

/** Encodes {@link Columns}: a JSON-free varint stream, days delta-coded because they ascend. */
export function encodeColumns(c: Columns): Uint8Array {
  const w = new ByteWriter();
  for (const ch of COLUMNS_MAGIC) w.u8(ch.charCodeAt(0));
  w.u8(COLUMNS_LAYOUT);
  w.varint(c.docCount);
  w.varint(c.sources.length);
  for (const s of c.sources) w.string(s);
  w.varint(c.banks.length);
  for (const b of c.banks) w.string(b);
  let prevDay = 0;
  for (let d = 0; d < c.docCount; d++) {
    const day = c.day[d]!;
    const v = day === NO_DAY || day < MIN_DAY ? 0 : day - MIN_DAY + 1;
    w.varint(zigzag(v - prevDay));
    prevDay = v;
    w.varint(c.source[d]! + 1);
    const s = c.bankStart[d]!;
    const e = c.bankStart[d + 1]!;
    w.varint(e - s);
    for (let k = s; k < e; k++) w.varint(c.bankIds[k]!);
    w.varint(c.length[d]!);
    w.varint(c.cluster[d]! + 1);
  }
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
  const docCount = count('documents', 5);
  const sources = Array.from({ length: count('sources', 1) }, () => r.string());
  const banks = Array.from({ length: count('banks', 1) }, () => r.string());
  const day = new Int32Array(docCount);
  const source = new Int32Array(docCount);
  const bankStart = new Uint32Array(docCount + 1);
  const ids: number[] = [];
  const length = new Uint32Array(docCount);
  const cluster = new Int32Array(docCount);
  let prevDay = 0;
  for (let d = 0; d < docCount; d++) {
    const v = prevDay + unzigzag(r.varint());
    prevDay = v;
    day[d] = v === 0 ? NO_DAY : v - 1 + MIN_DAY;
    const s = r.varint() - 1;
    if (s >= sources.length) throw new IndexFormatError(file, `document ${d} names source ${s} of ${sources.length}`);
    source[d] = s;
    bankStart[d] = ids.length;
    const n = r.varint();
    for (let k = 0; k < n; k++) {
      const b = r.varint();
      if (b >= banks.length) throw new IndexFormatError(file, `document ${d} names bank ${b} of ${banks.length}`);
      ids.push(b);
    }
    length[d] = r.varint();
    cluster[d] = r.varint() - 1;
  }
  bankStart[docCount] = ids.length;
  if (!r.done) throw new IndexFormatError(file, 'trailing bytes after the last document');
  return { docCount, sources, banks, day, source, bankStart, bankIds: Uint16Array.from(ids), length, cluster };
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
