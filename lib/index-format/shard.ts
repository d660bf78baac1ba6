import { ByteReader, ByteWriter } from './bytes';
import { IndexFormatError } from './errors';
import { fnv1a } from './hash';

const SHARD_MAGIC = 'BNSS';
const SHARD_LAYOUT = 1;

/**
 * One term's postings: ascending document numbers and, per document, a weight.
 * For n-gram and word units the weight is `tf * 2 + (inTitle ? 1 : 0)`, tf counted in title and body;
 * for segmenter words it is the body term frequency.
 */
export interface Postings {
  docs: Uint32Array;
  weights: Uint32Array;
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
    let prev = 0;
    for (let i = 0; i < p.docs.length; i++) {
      const d = p.docs[i]!;
      if (i > 0 && d <= prev) throw new RangeError(`postings of "${term}" are not strictly ascending`);
      body.varint(i === 0 ? d : d - prev);
      body.varint(p.weights[i]!);
      prev = d;
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
  const index = new Map<string, { start: number; end: number; df: number }>();
  for (let i = 0; i < count; i++) {
    const term = r.string();
    const df = r.varint();
    const len = r.varint();
    const start = r.pos;
    if (df * 2 > len) throw new IndexFormatError(file, `term "${term}" claims ${df} postings in ${len} bytes`);
    r.bytes(len);
    index.set(term, { start, end: start + len, df });
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
      let d = 0;
      for (let i = 0; i < loc.df; i++) {
        d = i === 0 ? pr.varint() : d + pr.varint();
        docs[i] = d;
        weights[i] = pr.varint();
      }
      if (!pr.done) throw new IndexFormatError(file, `postings of "${term}" have trailing bytes`);
      const p = { docs, weights };
      cache.set(term, p);
      return p;
    },
  };
}
