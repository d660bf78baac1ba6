import { ByteReader, ByteWriter } from './bytes';
import { IndexFormatError } from './errors';
import { fnv1a } from './hash';

const SHARD_MAGIC = 'BNSS';
const SHARD_LAYOUT = 2;

/**
 * One term's postings: ascending document numbers and, per document, a weight.
 * For n-gram and word units the weight is `tf * 2 + (inTitle ? 1 : 0)`, tf counted in title and body;
 * for segmenter words it is the body term frequency.
 */
export interface Postings {
  docs: Uint32Array;
  weights: Uint32Array;
  /**
   * Token positions, kept for n-grams of MAX_GRAM tokens only, so that a longer term can be matched by
   * chaining its n-grams: document `docs[i]` has them at `positions[posStart[i] .. posStart[i + 1])`,
   * ascending, as many as the weight's tf.
   */
  posStart?: Uint32Array;
  positions?: Uint32Array;
}

/** Which shard holds `term` when the index has `shardCount` shards. */
export function shardOf(term: string, shardCount: number): number {
  return fnv1a(term) % shardCount;
}

/** Packs a weight the way {@link Postings} describes. */
export function packWeight(tf: number, inTitle: boolean): number {
  return tf * 2 + (inTitle ? 1 : 0);
}

/** Term frequency part of a packed weight. */
export function weightTf(w: number): number {
  return Math.floor(w / 2);
}

/** Whether a packed weight says the unit occurs in the title. */
export function weightInTitle(w: number): boolean {
  return (w & 1) === 1;
}

/**
 * Encodes a shard: terms sorted, each with its posting list delta- and varint-coded and prefixed by its
 * byte length, so a reader can skip terms it was not asked for without decoding them.
 */
export function encodeShard(terms: Iterable<[string, Postings]>): Uint8Array {
  const sorted = [...terms].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const w = new ByteWriter();
  for (const ch of SHARD_MAGIC) w.u8(ch.charCodeAt(0));
  w.u8(SHARD_LAYOUT);
  w.varint(sorted.length);
  const body = new ByteWriter();
  for (const [term, p] of sorted) {
    w.string(term);
    w.varint(p.docs.length);
    const withPositions = p.positions !== undefined && p.posStart !== undefined;
    w.varint(withPositions ? 1 : 0);
    let prev = 0;
    for (let i = 0; i < p.docs.length; i++) {
      const d = p.docs[i]!;
      if (i > 0 && d <= prev) throw new RangeError(`postings of "${term}" are not strictly ascending`);
      body.varint(i === 0 ? d : d - prev);
      const weight = p.weights[i]!;
      body.varint(weight);
      prev = d;
      if (withPositions) {
        const s = p.posStart![i]!;
        const e = p.posStart![i + 1]!;
        if (e - s !== weightTf(weight)) throw new RangeError(`"${term}" in document ${d} has ${e - s} positions for tf ${weightTf(weight)}`);
        let last = 0;
        for (let k = s; k < e; k++) {
          const pos = p.positions![k]!;
          if (k > s && pos <= last) throw new RangeError(`positions of "${term}" in document ${d} are not strictly ascending`);
          body.varint(k === s ? pos : pos - last);
          last = pos;
        }
      }
    }
    const bytes = body.finish();
    w.varint(bytes.length);
    w.bytes(bytes);
    body.reset();
  }
  return w.finish();
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
  const r = new ByteReader(bytes, file);
  r.magic(SHARD_MAGIC);
  const layout = r.u8();
  if (layout !== SHARD_LAYOUT) throw new IndexFormatError(file, `unknown shard layout ${layout}`);
  const count = r.varint();
  const index = new Map<string, { start: number; end: number; df: number; withPositions: boolean }>();
  for (let i = 0; i < count; i++) {
    const term = r.string();
    const df = r.varint();
    const flags = r.varint();
    if (flags > 1) throw new IndexFormatError(file, `term "${term}" has unknown flags ${flags}`);
    const len = r.varint();
    const start = r.pos;
    if (df * 2 > len) throw new IndexFormatError(file, `term "${term}" claims ${df} postings in ${len} bytes`);
    r.bytes(len);
    index.set(term, { start, end: start + len, df, withPositions: flags === 1 });
  }
  if (!r.done) throw new IndexFormatError(file, `trailing bytes after ${count} terms`);
  const cache = new Map<string, Postings>();
  return {
    terms: count,
    has: (term) => index.has(term),
    keys: () => [...index.keys()],
    get(term) {
      const hit = cache.get(term);
      if (hit) return hit;
      const loc = index.get(term);
      if (!loc) return null;
      const pr = new ByteReader(bytes.subarray(loc.start, loc.end), file);
      const docs = new Uint32Array(loc.df);
      const weights = new Uint32Array(loc.df);
      const posStart = loc.withPositions ? new Uint32Array(loc.df + 1) : undefined;
      const positions: number[] = [];
      let d = 0;
      for (let i = 0; i < loc.df; i++) {
        d = i === 0 ? pr.varint() : d + pr.varint();
        docs[i] = d;
        const w = pr.varint();
        weights[i] = w;
        if (posStart) {
          posStart[i] = positions.length;
          const tf = weightTf(w);
          if (tf > loc.end - loc.start) throw new IndexFormatError(file, `term "${term}" claims ${tf} positions in ${loc.end - loc.start} bytes`);
          let pos = 0;
          for (let k = 0; k < tf; k++) {
            pos = k === 0 ? pr.varint() : pos + pr.varint();
            positions.push(pos);
          }
        }
      }
      if (!pr.done) throw new IndexFormatError(file, `postings of "${term}" have trailing bytes`);
      const p: Postings = { docs, weights };
      if (posStart) {
        posStart[loc.df] = positions.length;
        p.posStart = posStart;
        p.positions = Uint32Array.from(positions);
      }
      cache.set(term, p);
      return p;
    },
  };
}
