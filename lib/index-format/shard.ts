import { ByteReader, ByteWriter } from './bytes';
import { IndexFormatError } from './errors';
import { fnv1a } from './hash';

const SHARD_MAGIC = 'BNSS';
const POSITIONS_MAGIC = 'BNSP';
const SHARD_LAYOUT = 6;
const POSITIONS_LAYOUT = 5;

/**
 * One term's postings: ascending document numbers and, per document, a weight packed by
 * {@link packWeight}: the term frequency (title and body), whether the unit occurs in the title, and
 * whether the segmenter (jieba, accurate mode) cut it as a whole word somewhere in the document.
 */
export interface Postings {
  docs: Uint32Array;
  weights: Uint32Array;
  /**
   * Token positions, kept for n-grams of MAX_GRAM tokens only, so that a longer term can be matched by
   * chaining its n-grams: document `docs[i]` has them at `positions[posStart[i] .. posStart[i + 1])`,
   * ascending, as many as the weight's tf. They live in position shards of their own (see
   * {@link encodePositionShard}), fetched only for such chains.
   */
  posStart?: Uint32Array;
  positions?: Uint32Array;
}

/** Which shard (of postings, or of positions) holds `term` when there are `shardCount` of them. */
export function shardOf(term: string, shardCount: number): number {
  return fnv1a(term) % shardCount;
}

/** Packs a weight the way {@link Postings} describes: `tf * 4 + (isWord ? 2 : 0) + (inTitle ? 1 : 0)`. */
export function packWeight(tf: number, inTitle: boolean, isWord = false): number {
  return tf * 4 + (isWord ? 2 : 0) + (inTitle ? 1 : 0);
}

/** The most common weight, once in the body only and not a word; the encoding spends no byte on it. */
export const PLAIN_WEIGHT = 4;

/** Term frequency part of a packed weight. */
export function weightTf(w: number): number {
  return Math.floor(w / 4);
}

/** Whether a packed weight says the segmenter cut the unit as a whole word in the document. */
export function weightIsWord(w: number): boolean {
  return (w & 2) === 2;
}

/** Whether a packed weight says the unit occurs in the title. */
export function weightInTitle(w: number): boolean {
  return (w & 1) === 1;
}

/** One term of a shard with its postings in the working form of {@link encodePostings} (or its positions, encoded). */
export interface EncodedTerm {
  term: string;
  df: number;
  bytes: Uint8Array;
}

/**
 * Encodes one term's document list in the working form that `lib/indexer` builds incrementally while
 * it reads documents, and that {@link encodeShardEntries} takes: each posting is `delta * 2 + hasWeight`
 * (the first delta from 0), then the weight only when it is not the plain one (tf 1, body only, not a
 * word), which most 3- and 4-gram postings are. Shard files hold the Rice form of it (see
 * {@link ricePostings}), which needs the whole list to choose its parameter.
 */
export function encodePostings(term: string, p: Postings, body: ByteWriter): void {
  let prev = 0;
  for (let i = 0; i < p.docs.length; i++) {
    const d = p.docs[i]!;
    if (i > 0 && d <= prev) throw new RangeError(`postings of "${term}" are not strictly ascending`);
    const weight = p.weights[i]!;
    if (weight < PLAIN_WEIGHT) throw new RangeError(`"${term}" in document ${d} has weight ${weight}, tf below 1`);
    const plain = weight === PLAIN_WEIGHT;
    body.varint((d - prev) * 2 + (plain ? 0 : 1));
    if (!plain) body.varint(weight);
    prev = d;
  }
}

/**
 * Encodes one term's positions, aligned with its document list, in the working form that `lib/indexer`
 * builds and {@link encodePositionEntries} takes: per document, tf varints, the first position absolute
 * and the rest as deltas. The counts come from the weights, so none is stored. Position files hold the
 * same values Rice-coded.
 */
export function encodePositions(term: string, p: Postings, body: ByteWriter): void {
  if (!p.posStart || !p.positions) throw new RangeError(`"${term}" has no positions`);
  for (let i = 0; i < p.docs.length; i++) {
    const s = p.posStart[i]!;
    const e = p.posStart[i + 1]!;
    const tf = weightTf(p.weights[i]!);
    if (e - s !== tf) throw new RangeError(`"${term}" in document ${p.docs[i]} has ${e - s} positions for tf ${tf}`);
    let last = 0;
    for (let k = s; k < e; k++) {
      const pos = p.positions[k]!;
      if (k > s && pos <= last) throw new RangeError(`positions of "${term}" in document ${p.docs[i]} are not strictly ascending`);
      body.varint(k === s ? pos : pos - last);
      last = pos;
    }
  }
}

/**
 * Encodes a shard of document lists: terms sorted, each with its df and its encoded postings prefixed by
 * their byte length, so a reader can skip terms it was not asked for without decoding them.
 */
export function encodeShard(terms: Iterable<[string, Postings]>): Uint8Array {
  const body = new ByteWriter();
  const entries: EncodedTerm[] = [];
  for (const [term, p] of terms) {
    encodePostings(term, p, body);
    entries.push({ term, df: p.docs.length, bytes: body.finish() });
    body.reset();
  }
  return encodeShardEntries(entries);
}

/**
 * Encodes the position shard that pairs with a postings shard holding `shardTerms` (sorted, as
 * {@link encodeShard} writes them; by default the given terms themselves): every term must carry
 * positions and be one of `shardTerms`.
 */
export function encodePositionShard(terms: Iterable<[string, Postings]>, shardTerms?: readonly string[]): Uint8Array {
  const list = [...terms];
  // The default sort order of strings is by UTF-16 code units, the order shards are written in.
  const order = shardTerms ?? list.map(([t]) => t).sort();
  const at = new Map(order.map((t, i) => [t, i]));
  const body = new ByteWriter();
  const entries: PositionEntry[] = list.map(([term, p]) => {
    const index = at.get(term);
    if (index === undefined) throw new RangeError(`"${term}" is not a term of the postings shard its positions pair with`);
    encodePositions(term, p, body);
    const bytes = body.finish();
    body.reset();
    return { index, bytes };
  });
  return encodePositionEntries(entries);
}

/** One term's positions in the working form of {@link encodePositions}, named by its place among the sorted terms of the paired postings shard. */
export interface PositionEntry {
  index: number;
  bytes: Uint8Array;
}

/**
 * Encodes a position shard: position shard `i` pairs with postings shard `i` and names its terms by
 * their place in that shard's sorted term list (a gap from the previous, in one byte), not by their
 * text. The engine always holds the postings shard before it asks for positions, and the term strings
 * were a quarter of the position files. Each entry's values are then Rice-coded (see
 * {@link ricePositions}). Sorts `entries` in place.
 */
export function encodePositionEntries(entries: PositionEntry[]): Uint8Array {
  entries.sort((a, b) => a.index - b.index);
  const w = new ByteWriter();
  for (const ch of POSITIONS_MAGIC) w.u8(ch.charCodeAt(0));
  w.u8(POSITIONS_LAYOUT);
  w.varint(entries.length);
  let prev = -1;
  const body = new ByteWriter();
  for (const e of entries) {
    if (!Number.isInteger(e.index) || e.index <= prev)
      throw new RangeError(`position entries name term ${e.index} after ${prev}: each term once, by its place in the postings shard`);
    body.reset();
    ricePositions(e.bytes, body);
    w.varint(e.index - prev - 1);
    w.varint(body.length);
    w.bytes(body.finish());
    prev = e.index;
  }
  return w.finish();
}

/**
 * Writes positions given in the working form of {@link encodePositions} as a byte holding the Rice
 * parameter, then every value Rice-coded, then zero bits to the byte's end. The values stay as they are
 * (first position of a document absolute, then deltas), so no document boundary is needed here.
 *
 * Why: a first position is spread over a whole article, 10 or 11 bits, which varints spend 16 on and
 * gzip wins little back; Rice codes with one parameter per term made position files 7 % smaller
 * (2,000-article demo: 2.17 → 2.02 MB, measured).
 */
function ricePositions(working: Uint8Array, out: ByteWriter): void {
  const r = new ByteReader(working, 'positions');
  const values: number[] = [];
  while (!r.done) values.push(r.varint());
  const list = Uint32Array.from(values);
  const k = riceParameter(list);
  out.u8(k);
  const bits = new BitWriter(out);
  writeRice(list, k, bits);
  bits.flush();
}

/** Writes `values` as Rice codes with parameter k. */
function writeRice(values: Uint32Array, k: number, bits: BitWriter): void {
  const lowMask = (1 << k) - 1;
  for (let i = 0; i < values.length; i++) {
    const g = values[i]!;
    const q = g >>> k;
    const low = g & lowMask;
    // Most codes fit one write: q ones, a zero and the k low bits.
    if (q + 1 + k <= 24) {
      bits.write((((1 << q) - 1) << (k + 1)) | low, q + 1 + k);
    } else {
      bits.ones(q);
      bits.write(0, 1);
      bits.write(low, k);
    }
  }
}

/**
 * Encodes a shard from terms in the working form of {@link encodePostings}: magic, layout, term count,
 * then per term (sorted) its key in the text code, df, the byte length of its Rice form, and that form.
 * Sorts `entries` in place.
 */
export function encodeShardEntries(entries: EncodedTerm[]): Uint8Array {
  entries.sort((a, b) => (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
  const w = new ByteWriter();
  for (const ch of SHARD_MAGIC) w.u8(ch.charCodeAt(0));
  w.u8(SHARD_LAYOUT);
  w.varint(entries.length);
  const body = new ByteWriter();
  for (const e of entries) {
    body.reset();
    ricePostings(e, body);
    w.text(e.term);
    w.varint(e.df);
    w.varint(body.length);
    w.bytes(body.finish());
  }
  return w.finish();
}

/** Past 24 a Rice parameter would need more bits than the decoder holds at once; it only ever helps lists sparser than 1 in 2^24. */
const MAX_RICE = 24;

/** The Rice parameter that codes `gaps` in the fewest bits: the textbook estimate, then its neighbours measured. */
function riceParameter(gaps: Uint32Array): number {
  let sum = 0;
  for (const g of gaps) sum += g;
  const guess = Math.max(0, Math.min(MAX_RICE, Math.floor(Math.log2(Math.max(1, (sum / gaps.length) * Math.LN2)))));
  // Quotient bits of the guess and its neighbours in one pass; each code also costs 1 + k bits.
  const lo = Math.max(0, guess - 1);
  const hi = Math.min(MAX_RICE, guess + 1);
  let q0 = 0;
  let q1 = 0;
  let q2 = 0;
  for (let i = 0; i < gaps.length; i++) {
    const g = gaps[i]!;
    q0 += g >>> lo;
    q1 += g >>> (lo + 1);
    q2 += g >>> (lo + 2);
  }
  const cost = [q0 + gaps.length * lo, q1 + gaps.length * (lo + 1), q2 + gaps.length * (lo + 2)];
  let best = lo;
  for (let k = lo + 1; k <= hi; k++) if (cost[k - lo]! < cost[best - lo]!) best = k;
  return best;
}

/**
 * Writes a term's postings, given in the working form of {@link encodePostings}, in the Rice form shard
 * files hold: a byte `k * 2 + anyWeight`; then, as bits from the high end of each byte, the gaps
 * between documents (the first document, then each minus the previous minus 1) Rice-coded with
 * parameter k (the quotient `gap >> k` in unary as ones and a zero, then the k low bits); when any
 * posting has a weight, one bit per posting saying which do; zero bits to the byte's end; and those
 * weights as varints. An empty list writes nothing, and a list of one document keeps the working
 * form (one varint, and the weight if any): a Rice parameter byte is a byte more than that costs, and
 * most terms occur in one document (69 KB of the 2,000-article demo's 5 MB of shards).
 *
 * Why: gzip of varint gaps left 10 % on the table against Rice codes, whose k fits each list's density
 * (2,000-article demo: shards 5.57 → 5.02 MB measured with this layout).
 */
function ricePostings(e: EncodedTerm, out: ByteWriter): void {
  if (e.df === 0) {
    if (e.bytes.length) throw new RangeError(`"${e.term}" has df 0 and ${e.bytes.length} bytes of postings`);
    return;
  }
  if (e.df === 1) {
    const r = new ByteReader(e.bytes, e.term);
    const v = r.varint();
    const w = v % 2 === 1 ? r.varint() : PLAIN_WEIGHT;
    if (w < PLAIN_WEIGHT) throw new RangeError(`"${e.term}" in document ${Math.floor(v / 2)} has weight ${w}, tf below 1`);
    if (!r.done) throw new RangeError(`postings of "${e.term}" hold more than 1 documents`);
    out.bytes(e.bytes);
    return;
  }
  const gaps = new Uint32Array(e.df);
  const weights = new Uint32Array(e.df);
  const r = new ByteReader(e.bytes, e.term);
  let prev = -1;
  let anyWeight = false;
  for (let i = 0; i < e.df; i++) {
    const v = r.varint();
    const d = (i === 0 ? 0 : prev) + Math.floor(v / 2);
    if (i > 0 && d === prev) throw new RangeError(`postings of "${e.term}" are not strictly ascending`);
    gaps[i] = d - prev - 1;
    const w = v % 2 === 1 ? r.varint() : PLAIN_WEIGHT;
    if (w < PLAIN_WEIGHT) throw new RangeError(`"${e.term}" in document ${d} has weight ${w}, tf below 1`);
    weights[i] = w;
    if (w !== PLAIN_WEIGHT) anyWeight = true;
    prev = d;
  }
  if (!r.done) throw new RangeError(`postings of "${e.term}" hold more than ${e.df} documents`);
  const k = riceParameter(gaps);
  out.u8(k * 2 + (anyWeight ? 1 : 0));
  const bits = new BitWriter(out);
  writeRice(gaps, k, bits);
  if (anyWeight) for (const w of weights) bits.write(w === PLAIN_WEIGHT ? 0 : 1, 1);
  bits.flush();
  if (anyWeight) for (const w of weights) if (w !== PLAIN_WEIGHT) out.varint(w);
}

/** Bits from the high end of each byte, into a {@link ByteWriter}. */
class BitWriter {
  private acc = 0;
  private n = 0;
  constructor(private readonly out: ByteWriter) {}

  /** Writes `v`, which fits `k` bits (k ≤ 24: with at most 7 bits pending, the sum fits 31). */
  write(v: number, k: number): void {
    this.acc = (this.acc << k) | v;
    this.n += k;
    while (this.n >= 8) {
      this.n -= 8;
      this.out.u8(this.acc >>> this.n);
    }
    this.acc &= (1 << this.n) - 1;
  }

  ones(count: number): void {
    for (; count >= 16; count -= 16) this.write(0xffff, 16);
    if (count) this.write((1 << count) - 1, count);
  }

  flush(): void {
    if (this.n) this.write(0, 8 - this.n);
  }
}

interface Located {
  start: number;
  end: number;
  df: number;
}

function readDirectory(bytes: Uint8Array, file: string): Map<string, Located> {
  const r = new ByteReader(bytes, file);
  r.magic(SHARD_MAGIC);
  const layout = r.u8();
  if (layout !== SHARD_LAYOUT) throw new IndexFormatError(file, `unknown shard layout ${layout}`);
  const count = r.varint();
  const index = new Map<string, Located>();
  for (let i = 0; i < count; i++) {
    const term = r.text();
    const df = r.varint();
    const len = r.varint();
    const start = r.pos;
    // A list of one document is a varint; a longer one a parameter byte and at least a bit per posting.
    if (df === 1 ? len < 1 : df > 0 && (len - 1) * 8 < df) throw new IndexFormatError(file, `term "${term}" claims ${df} postings in ${len} bytes`);
    r.bytes(len);
    index.set(term, { start, end: start + len, df });
  }
  if (!r.done) throw new IndexFormatError(file, `trailing bytes after ${count} terms`);
  return index;
}

/**
 * Reads Rice codes and bits as {@link BitWriter} wrote them, bounds-checked. The bits wait in `acc`,
 * the low `nb` of them, refilled a byte at a time to more than 24; bits above them are stale and
 * shifted out, never masked: a long list is a few operations per value.
 */
class RiceReader {
  private acc = 0;
  private nb = 0;
  private readonly unit: number;
  private readonly lowMask: number;

  /** `what` names the list in errors: `postings of "交通"`. */
  constructor(
    private readonly bytes: Uint8Array,
    private pos: number,
    private readonly end: number,
    private readonly k: number,
    private readonly file: string,
    private readonly what: string,
  ) {
    this.unit = 2 ** k;
    this.lowMask = (1 << k) - 1;
  }

  private cut(): IndexFormatError {
    return new IndexFormatError(this.file, `${this.what} end inside a Rice code`);
  }

  private refill(): void {
    while (this.nb <= 24 && this.pos < this.end) {
      this.acc = (this.acc << 8) | this.bytes[this.pos++]!;
      this.nb += 8;
    }
  }

  /** The next Rice-coded value. */
  next(): number {
    let q = 0;
    for (;;) {
      if (this.nb === 0) {
        if (this.pos >= this.end) throw this.cut();
        this.refill();
      }
      // Leading ones of the waiting bits are the leading zeros of their complement, moved to the top.
      const ones = Math.clz32(~(this.acc << (32 - this.nb)));
      if (ones < this.nb) {
        q += ones;
        this.nb -= ones + 1;
        break;
      }
      q += this.nb;
      this.nb = 0;
    }
    if (this.nb < this.k) {
      this.refill();
      if (this.nb < this.k) throw this.cut();
    }
    this.nb -= this.k;
    return q * this.unit + ((this.acc >>> this.nb) & this.lowMask);
  }

  bit(): number {
    if (this.nb === 0) {
      if (this.pos >= this.end) throw this.cut();
      this.refill();
    }
    this.nb--;
    return (this.acc >>> this.nb) & 1;
  }

  /** The byte after the last one read from: the rest of a partly read byte is padding. */
  byteEnd(): number {
    return this.pos - (this.nb >> 3);
  }
}

/** Decodes a term's Rice form (see {@link ricePostings}). */
function readRice(bytes: Uint8Array, loc: Located, file: string, term: string): Postings {
  const df = loc.df;
  const docs = new Uint32Array(df);
  const weights = new Uint32Array(df).fill(PLAIN_WEIGHT);
  const trailing = `postings of "${term}" have trailing bytes`;
  if (df === 0) {
    if (loc.end > loc.start) throw new IndexFormatError(file, trailing);
    return { docs, weights };
  }
  if (df === 1) {
    const r = new ByteReader(bytes.subarray(loc.start, loc.end), file);
    const v = r.varint();
    docs[0] = Math.floor(v / 2);
    if (docs[0] !== Math.floor(v / 2)) throw new IndexFormatError(file, `postings of "${term}" pass document 2^32 - 1`);
    if (v % 2 === 1) {
      const w = r.varint();
      if (w < PLAIN_WEIGHT) throw new IndexFormatError(file, `term "${term}" has weight ${w} in document ${docs[0]}`);
      weights[0] = w;
    }
    if (!r.done) throw new IndexFormatError(file, trailing);
    return { docs, weights };
  }
  const head = bytes[loc.start]!;
  const k = head >> 1;
  if (k > MAX_RICE) throw new IndexFormatError(file, `postings of "${term}" have Rice parameter ${k}`);
  const rice = new RiceReader(bytes, loc.start + 1, loc.end, k, file, `postings of "${term}"`);
  let d = -1;
  for (let i = 0; i < df; i++) {
    d += rice.next() + 1;
    if (d > 0xffffffff) throw new IndexFormatError(file, `postings of "${term}" pass document 2^32 - 1`);
    docs[i] = d;
  }
  if (head & 1) {
    const flags = new Uint8Array(df);
    for (let i = 0; i < df; i++) flags[i] = rice.bit();
    const r = new ByteReader(bytes.subarray(rice.byteEnd(), loc.end), file);
    for (let i = 0; i < df; i++) {
      if (!flags[i]) continue;
      const w = r.varint();
      if (w < PLAIN_WEIGHT) throw new IndexFormatError(file, `term "${term}" has weight ${w} in document ${docs[i]}`);
      weights[i] = w;
    }
    if (!r.done) throw new IndexFormatError(file, trailing);
  } else if (rice.byteEnd() !== loc.end) {
    throw new IndexFormatError(file, trailing);
  }
  return { docs, weights };
}

/** A decoded shard: term lookup decodes that term's postings on first use only. */
export interface ShardReader {
  readonly terms: number;
  get(term: string): Postings | null;
  has(term: string): boolean;
  /** Every term of the shard, sorted. */
  keys(): string[];
}

/** Reads a shard written by {@link encodeShard}; throws {@link IndexFormatError} naming `file` if it is malformed. */
export function decodeShard(bytes: Uint8Array, file: string): ShardReader {
  const index = readDirectory(bytes, file);
  const cache = new Map<string, Postings>();
  return {
    terms: index.size,
    has: (term) => index.has(term),
    keys: () => [...index.keys()],
    get(term) {
      const hit = cache.get(term);
      if (hit) return hit;
      const loc = index.get(term);
      if (!loc) return null;
      const p = readRice(bytes, loc, file, term);
      cache.set(term, p);
      return p;
    },
  };
}

/** A decoded position shard. */
export interface PositionReader {
  readonly terms: number;
  has(term: string): boolean;
  /**
   * `postings` (the term's document list, from its postings shard) with positions attached; null when
   * the shard does not hold the term. Throws {@link IndexFormatError} when the two disagree.
   */
  get(term: string, postings: Postings): Postings | null;
}

/**
 * Reads a position shard written by {@link encodePositionShard}, given the sorted terms of the postings
 * shard it pairs with (`ShardReader.keys()`); throws {@link IndexFormatError} naming `file` if it is
 * malformed.
 */
export function decodePositionShard(bytes: Uint8Array, file: string, shardTerms: readonly string[]): PositionReader {
  const r = new ByteReader(bytes, file);
  r.magic(POSITIONS_MAGIC);
  const layout = r.u8();
  if (layout !== POSITIONS_LAYOUT) throw new IndexFormatError(file, `unknown shard layout ${layout}`);
  const count = r.varint();
  const index = new Map<string, { start: number; end: number }>();
  let at = -1;
  for (let i = 0; i < count; i++) {
    at += r.varint() + 1;
    const term = shardTerms[at];
    if (term === undefined) throw new IndexFormatError(file, `entry ${i} names term ${at} of a postings shard of ${shardTerms.length}`);
    const len = r.varint();
    const start = r.pos;
    r.bytes(len);
    index.set(term, { start, end: start + len });
  }
  if (!r.done) throw new IndexFormatError(file, `trailing bytes after ${count} terms`);
  const cache = new Map<string, Postings>();
  return {
    terms: index.size,
    has: (term) => index.has(term),
    get(term, postings) {
      const hit = cache.get(term);
      if (hit && hit.docs === postings.docs) return hit;
      const loc = index.get(term);
      if (!loc) return null;
      const df = postings.docs.length;
      const posStart = new Uint32Array(df + 1);
      let total = 0;
      for (let i = 0; i < df; i++) total += weightTf(postings.weights[i]!);
      const len = loc.end - loc.start;
      // Each value takes at least one bit, after the parameter byte.
      if (total > Math.max(0, len - 1) * 8) throw new IndexFormatError(file, `term "${term}" claims ${total} positions in ${len} bytes`);
      const k = bytes[loc.start] ?? 0;
      if (k > MAX_RICE) throw new IndexFormatError(file, `positions of "${term}" have Rice parameter ${k}`);
      const rice = new RiceReader(bytes, loc.start + 1, loc.end, k, file, `positions of "${term}"`);
      const positions = new Uint32Array(total);
      let n = 0;
      for (let i = 0; i < df; i++) {
        posStart[i] = n;
        const tf = weightTf(postings.weights[i]!);
        let pos = 0;
        for (let j = 0; j < tf; j++) {
          pos = j === 0 ? rice.next() : pos + rice.next();
          if (pos > 0xffffffff) throw new IndexFormatError(file, `positions of "${term}" pass 2^32 - 1`);
          positions[n++] = pos;
        }
      }
      posStart[df] = n;
      if (rice.byteEnd() !== loc.end) throw new IndexFormatError(file, `positions of "${term}" have trailing bytes`);
      const p: Postings = { docs: postings.docs, weights: postings.weights, posStart, positions };
      cache.set(term, p);
      return p;
    },
  };
}
