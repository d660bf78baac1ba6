import { ByteReader, ByteWriter } from './bytes';
import { MIN_DAY, NO_DAY } from './dates';
import { IndexFormatError } from './errors';
import { FACETS, type FacetKey } from './facets';
import { SLOT_BLOCK, slotBlocks } from './pack';

const RANK_MAGIC = 'BNSR';
const FACETS_MAGIC = 'BNSF';
const RANK_LAYOUT = 5;
const FACETS_LAYOUT = 4;

/**
 * The values of one facet for every document, in compressed-sparse-row form whether the facet is single-
 * or multi-valued: the engine walks both alike.
 */
export interface FacetColumn {
  /** Distinct values, sorted by code unit; `ids` index into it. */
  values: string[];
  /** The values of document d are `ids[start[d] .. start[d + 1])`; `start` has docCount + 1 entries. */
  start: Uint32Array;
  ids: Uint32Array;
}

/**
 * What ranking, sorting and the date range need of every document: enough to answer a query without a
 * facet filter, and so stored apart from the facet values ({@link FacetValues}), which only the facet counts
 * and facet filters need. Documents are numbered in date order, so a date range is also a document-number range.
 */
export interface RankColumns {
  docCount: number;
  /** Local calendar day (days since 1970-01-01 of the date as written), {@link NO_DAY} when unknown. */
  day: Int32Array;
  /** Folded text length, for BM25 length normalisation; as decoded, approximate (see {@link quantizeLength}). */
  length: Uint32Array;
  /**
   * As decoded: the blocks ({@link SLOT_BLOCK} bytes) of each fragment member's slot in its slotted pack
   * (pack.ts), so that a member's range follows from the sizes of the slots before it, with no header read.
   */
  slots?: Uint32Array;
}

/** The fragment members of a segment as stored, whose slot sizes the rank file carries. */
export interface FragmentSlots {
  /** Documents per fragment member: member `i` holds documents `i·groupSize …`. */
  groupSize: number;
  /** Each member's stored length in bytes (sealed and gzipped, as its pack holds it). */
  stored: ArrayLike<number>;
}

/** Every document's facet values: facet counts and filters must be exact over all matches, not only over fetched fragments. */
export interface FacetValues {
  docCount: number;
  /** One column per facet of {@link FACETS}. */
  facets: Record<FacetKey, FacetColumn>;
}

/** Per-document facet and ranking data for every document, as the two files of a segment hold it together. */
export type Columns = RankColumns & FacetValues;

/** A segment's columns as stored: {@link RANK_FILE}'s payload and {@link FACETS_FILE}'s. */
export interface ColumnFiles {
  rank: Uint8Array;
  facets: Uint8Array;
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
 * Builds a facet column from each document's values (any order, repeats allowed): values sorted and
 * numbered, each document's ids ascending and distinct.
 */
export function facetColumn(perDoc: readonly (readonly string[])[]): FacetColumn {
  const values = [...new Set(perDoc.flat())].sort();
  const idOf = new Map(values.map((v, i) => [v, i]));
  const start = new Uint32Array(perDoc.length + 1);
  const ids: number[] = [];
  perDoc.forEach((vs, d) => {
    start[d] = ids.length;
    for (const id of [...new Set(vs.map((v) => idOf.get(v)!))].sort((a, b) => a - b)) ids.push(id);
  });
  start[perDoc.length] = ids.length;
  return { values, start, ids: Uint32Array.from(ids) };
}

/**
 * Encodes {@link Columns} column by column, which gzip compresses far better than row by row, into two
 * payloads. The rank file: days delta-coded (they ascend, so nearly all deltas are 0 or 1), then lengths as
 * one-byte log codes (decoded lengths are approximate). The facets file: per facet, in {@link FACETS}
 * order, its key and values, and per document either one value (single-valued: a byte when there are
 * fewer than 255 values) or a count and then the ids (multi-valued). Near-duplicate clusters are in
 * neither: only the article page needs them, and fragments carry them.
 */
export function encodeColumns(c: Columns, fragments: FragmentSlots = { groupSize: 1, stored: [] }): ColumnFiles {
  const n = c.docCount;
  const rank = new ByteWriter();
  for (const ch of RANK_MAGIC) rank.u8(ch.charCodeAt(0));
  rank.u8(RANK_LAYOUT);
  rank.varint(n);
  let prevDay = 0;
  for (let d = 0; d < n; d++) {
    const day = c.day[d]!;
    const v = day === NO_DAY || day < MIN_DAY ? 0 : day - MIN_DAY + 1;
    rank.varint(zigzag(v - prevDay));
    prevDay = v;
  }
  // Slot sizes are foretold from the lengths a reader decodes, not the exact ones.
  const decoded = new Uint32Array(n);
  for (let d = 0; d < n; d++) {
    const code = quantizeLength(c.length[d]!);
    rank.u8(code);
    decoded[d] = dequantizeLength(code);
  }
  encodeSlots(rank, decoded, fragments);

  const w = new ByteWriter();
  for (const ch of FACETS_MAGIC) w.u8(ch.charCodeAt(0));
  w.u8(FACETS_LAYOUT);
  w.varint(n);
  w.varint(FACETS.length);
  for (const f of FACETS) {
    const col = c.facets[f.key];
    if (!col || col.start.length !== n + 1) throw new RangeError(`the columns of ${n} documents need a ${f.key} column with ${n + 1} row starts`);
    w.string(f.key);
    w.u8(f.multi ? 1 : 0);
    w.varint(col.values.length);
    for (const v of col.values) w.string(v);
  }
  for (const f of FACETS) {
    const col = c.facets[f.key];
    if (f.multi) {
      for (let d = 0; d < n; d++) w.varint(col.start[d + 1]! - col.start[d]!);
      for (let k = col.start[0]!; k < col.start[n]!; k++) w.varint(col.ids[k]!);
      continue;
    }
    const byteIds = col.values.length < 255;
    for (let d = 0; d < n; d++) {
      const count = col.start[d + 1]! - col.start[d]!;
      if (count > 1) throw new RangeError(`document ${d} has ${count} values of the single-valued facet ${f.key}`);
      const v = count === 0 ? 0 : col.ids[col.start[d]!]! + 1;
      if (byteIds) w.u8(v);
      else w.varint(v);
    }
  }
  return { rank: rank.finish(), facets: w.finish() };
}

function openColumns(bytes: Uint8Array, file: string, magic: string, expected: number): { r: ByteReader; count: (what: string, bytesEach: number) => number } {
  const r = new ByteReader(bytes, file);
  r.magic(magic);
  const layout = r.u8();
  if (layout !== expected) throw new IndexFormatError(file, `unknown columns layout ${layout}`);
  const count = (what: string, bytesEach: number): number => {
    const n = r.varint();
    if (n * bytesEach > bytes.length) throw new IndexFormatError(file, `claims ${n} ${what} in ${bytes.length} bytes`);
    return n;
  };
  return { r, count };
}

/** Decodes the rank payload of {@link encodeColumns}; throws {@link IndexFormatError} naming `file` if malformed. */
export function decodeRankColumns(bytes: Uint8Array, file: string): RankColumns {
  const { r, count } = openColumns(bytes, file, RANK_MAGIC, RANK_LAYOUT);
  const docCount = count('documents', 2);
  const day = new Int32Array(docCount);
  let prevDay = 0;
  for (let d = 0; d < docCount; d++) {
    const v = prevDay + unzigzag(r.varint());
    prevDay = v;
    day[d] = v === 0 ? NO_DAY : v - 1 + MIN_DAY;
  }
  const length = new Uint32Array(docCount);
  for (let d = 0; d < docCount; d++) length[d] = dequantizeLength(r.u8());
  const slots = decodeSlots(r, file, length, count);
  if (!r.done) throw new IndexFormatError(file, 'trailing bytes after the last column');
  return { docCount, day, length, slots };
}

/** The text length of each fragment member of `groupSize` documents, from the decoded lengths: what a slot's size is foretold from. */
function memberLengths(lengths: Uint32Array, groupSize: number, members: number): Float64Array {
  const out = new Float64Array(members);
  for (let d = 0; d < Math.min(lengths.length, members * groupSize); d++) out[Math.floor(d / groupSize)]! += lengths[d]!;
  return out;
}

/**
 * The blocks a member's slot is foretold to take from its text length: a fragment is mostly its text, so a
 * line fitted over the segment (`intercept` bytes and `slope` bytes per 1,024 characters) leaves each slot
 * a small correction (0 or +1 for 96 % of the bench's articles, as a slot rounds its size up) that gzip
 * stores in about a bit: 0.2 bytes a document, where the sizes alone take 0.55. Integer arithmetic, so every
 * reader foretells alike.
 */
function foretoldBlocks(intercept: number, slope: number, length: number): number {
  return Math.max(1, Math.round((intercept * 1024 + slope * length) / (1024 * SLOT_BLOCK)));
}

function encodeSlots(w: ByteWriter, lengths: Uint32Array, { groupSize, stored }: FragmentSlots): void {
  const members = stored.length;
  if (!Number.isInteger(groupSize) || groupSize < 1) throw new RangeError(`fragment members hold at least one document each, not ${groupSize}`);
  if (members > 0 && members !== Math.ceil(lengths.length / groupSize))
    throw new RangeError(`${lengths.length} documents in members of ${groupSize} are ${Math.ceil(lengths.length / groupSize)} members, not ${members}`);
  const x = memberLengths(lengths, groupSize, members);
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < members; i++) {
    sx += x[i]!;
    sy += stored[i]!;
  }
  const mx = members ? sx / members : 0;
  const my = members ? sy / members : 0;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < members; i++) {
    sxx += (x[i]! - mx) ** 2;
    sxy += (x[i]! - mx) * (stored[i]! - my);
  }
  const slope = sxx > 0 ? Math.max(0, Math.round((sxy / sxx) * 1024)) : 0;
  const intercept = Math.max(0, Math.round(my - (slope / 1024) * mx));
  w.varint(groupSize);
  w.varint(members);
  w.varint(intercept);
  w.varint(slope);
  for (let i = 0; i < members; i++) {
    if (!Number.isInteger(stored[i]) || stored[i]! < 1) throw new RangeError(`fragment member ${i} is stored in ${stored[i]} bytes`);
    w.varint(zigzag(slotBlocks(stored[i]!) - foretoldBlocks(intercept, slope, x[i]!)));
  }
}

function decodeSlots(r: ByteReader, file: string, lengths: Uint32Array, count: (what: string, bytesEach: number) => number): Uint32Array {
  const groupSize = r.varint();
  const members = count('fragment slots', 1);
  if (groupSize < 1 || (members > 0 && members !== Math.ceil(lengths.length / groupSize)))
    throw new IndexFormatError(file, `has ${members} fragment slots of ${groupSize} documents for ${lengths.length} documents`);
  const intercept = r.varint();
  const slope = r.varint();
  const x = memberLengths(lengths, groupSize, members);
  const blocks = new Uint32Array(members);
  for (let i = 0; i < members; i++) {
    const b = foretoldBlocks(intercept, slope, x[i]!) + unzigzag(r.varint());
    // A pack stays under 4 GB (pack.ts), so no slot can take more blocks than that.
    if (b < 1 || b * SLOT_BLOCK > 0xffffffff) throw new IndexFormatError(file, `fragment slot ${i} would take ${b} blocks`);
    blocks[i] = b;
  }
  return blocks;
}

/** Decodes the facets payload of {@link encodeColumns}; throws {@link IndexFormatError} naming `file` if malformed. */
export function decodeFacetValues(bytes: Uint8Array, file: string): FacetValues {
  const { r, count } = openColumns(bytes, file, FACETS_MAGIC, FACETS_LAYOUT);
  const docCount = count('documents', 1);
  const stored = Array.from({ length: count('facets', 3) }, () => {
    const key = r.string();
    const kind = r.u8();
    if (kind > 1) throw new IndexFormatError(file, `facet ${key} has unknown kind ${kind}`);
    const values = Array.from({ length: count(`values of facet ${key}`, 1) }, () => r.string());
    return { key, multi: kind === 1, values };
  });
  const keys = stored.map((x) => x.key);
  for (const [i, key] of keys.entries()) {
    if (keys.indexOf(key) !== i) throw new IndexFormatError(file, `stores the facet ${key} twice`);
    if (!FACETS.some((f) => f.key === key)) throw new IndexFormatError(file, `stores the facet ${key}, which this code does not know`);
  }
  for (const f of FACETS) {
    const s = stored.find((x) => x.key === f.key);
    if (!s) throw new IndexFormatError(file, `has no column for the facet ${f.key}`);
    if (s.multi !== f.multi) throw new IndexFormatError(file, `stores the facet ${f.key} as ${s.multi ? 'multi' : 'single'}-valued`);
  }
  const facets = new Map<string, FacetColumn>();
  for (const { key, multi, values } of stored) {
    const start = new Uint32Array(docCount + 1);
    let ids: Uint32Array;
    if (multi) {
      let total = 0;
      for (let d = 0; d < docCount; d++) {
        start[d] = total;
        total += r.varint();
        if (total > bytes.length) throw new IndexFormatError(file, `claims ${total} ${key} entries in ${bytes.length} bytes`);
      }
      start[docCount] = total;
      ids = new Uint32Array(total);
      for (let d = 0; d < docCount; d++) {
        for (let k = start[d]!; k < start[d + 1]!; k++) {
          ids[k] = r.varint();
          if (ids[k]! >= values.length) throw new IndexFormatError(file, `document ${d} names ${key} value ${ids[k]} of ${values.length}`);
        }
      }
    } else {
      const byteIds = values.length < 255;
      const raw = new Uint32Array(docCount);
      let total = 0;
      for (let d = 0; d < docCount; d++) {
        start[d] = total;
        const v = byteIds ? r.u8() : r.varint();
        if (v > values.length) throw new IndexFormatError(file, `document ${d} names ${key} value ${v - 1} of ${values.length}`);
        if (v > 0) raw[total++] = v - 1;
      }
      start[docCount] = total;
      ids = raw.slice(0, total);
    }
    facets.set(key, { values, start, ids });
  }
  if (!r.done) throw new IndexFormatError(file, 'trailing bytes after the last column');
  return { docCount, facets: Object.fromEntries(facets) as Record<FacetKey, FacetColumn> };
}
