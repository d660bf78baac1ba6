import { CHAR_RANKS } from './char-ranks';
import { describe, expect, it } from 'vitest';
import { ByteWriter } from './bytes';
import { encodeColumns, facetColumn } from './columns';
import { IndexFormatError } from './errors';
import {
  decodePositionShard,
  decodeShard,
  encodePositions,
  encodePositionEntries,
  encodePositionShard,
  encodePostings,
  encodeShard,
  encodeShardEntries,
  packWeight,
  PLAIN_WEIGHT,
  weightInTitle,
  weightIsWord,
  weightTf,
  type EncodedTerm,
  type PositionEntry,
  type Postings,
} from './shard';
import { formatError, mulberry32 } from './test-support';

const FILE = 'shard-3.0a1b2c3d4e5f60.bin';
const POS_FILE = 'pos-3.bin';
const post = (docs: number[], weights: number[]): Postings => ({ docs: Uint32Array.from(docs), weights: Uint32Array.from(weights) });

function randomTerms(rnd: () => number, count: number): Map<string, Postings> {
  const chars = [...'交通银行中国人民建设农业工商招商兴农贷款利率发布abcxyz0123456789𠀀😀'];
  const terms = new Map<string, Postings>();
  while (terms.size < count) {
    const len = 1 + Math.floor(rnd() * 4);
    let t = '';
    for (let i = 0; i < len; i++) t += chars[Math.floor(rnd() * chars.length)]!;
    const df = 1 + Math.floor(rnd() * 60);
    const docs: number[] = [];
    const weights: number[] = [];
    let d = Math.floor(rnd() * 1000);
    for (let i = 0; i < df; i++) {
      docs.push(d);
      // Half of the postings get the plain weight (tf 1, body, not a word), which takes no weight byte.
      weights.push(rnd() < 0.5 ? packWeight(1, false) : packWeight(1 + Math.floor(rnd() * (rnd() < 0.1 ? 100_000 : 20)), rnd() < 0.3, rnd() < 0.4));
      d += 1 + Math.floor(rnd() * (rnd() < 0.1 ? 1_000_000 : 50));
    }
    terms.set(t, post(docs, weights));
  }
  return terms;
}

/** Postings with positions: `positions[i]` are document `docs[i]`'s, as many as its weight's tf. */
function withPositions(docs: number[], weights: number[], positions: number[][]): Postings {
  const posStart = new Uint32Array(docs.length + 1);
  positions.forEach((ps, i) => (posStart[i + 1] = posStart[i]! + ps.length));
  return { ...post(docs, weights), posStart, positions: Uint32Array.from(positions.flat()) };
}

/** Seeded random postings with positions, the way the indexer keeps them for MAX_GRAM-grams. */
function randomPositionTerms(rnd: () => number, count: number): Map<string, Postings> {
  const chars = [...'交通银行中国人民建设农业工商招商兴农贷款利率发布abc0123𠀀'];
  const terms = new Map<string, Postings>();
  while (terms.size < count) {
    let t = '';
    for (let i = 0; i < 4; i++) t += chars[Math.floor(rnd() * chars.length)]!;
    const df = 1 + Math.floor(rnd() * 40);
    const docs: number[] = [];
    const weights: number[] = [];
    const positions: number[][] = [];
    let d = Math.floor(rnd() * 1000);
    for (let i = 0; i < df; i++) {
      docs.push(d);
      const tf = rnd() < 0.6 ? 1 : 1 + Math.floor(rnd() * 12);
      weights.push(packWeight(tf, rnd() < 0.3, rnd() < 0.4));
      const ps: number[] = [];
      let pos = Math.floor(rnd() * (rnd() < 0.1 ? 2 ** 31 : 300));
      for (let k = 0; k < tf; k++) {
        ps.push(pos);
        pos += 1 + Math.floor(rnd() * (rnd() < 0.1 ? 100_000 : 40));
      }
      positions.push(ps);
      d += 1 + Math.floor(rnd() * (rnd() < 0.1 ? 1_000_000 : 50));
    }
    terms.set(t, withPositions(docs, weights, positions));
  }
  return terms;
}

/** Hand-built shard: magic, layout, count, then per term its text-coded key, df, byte length, body. */
function rawShard(terms: { term: string; df: number; body: number[] }[], layout = 6, magic = 'BNSS'): Uint8Array {
  const w = new ByteWriter();
  for (const ch of magic) w.u8(ch.charCodeAt(0));
  w.u8(layout);
  w.varint(terms.length);
  for (const t of terms) {
    w.text(t.term);
    w.varint(t.df);
    w.varint(t.body.length);
    w.bytes(Uint8Array.from(t.body));
  }
  return w.finish();
}

/** Hand-built position shard: magic, layout 5, count, then per entry the gap to its term's place, byte length, body. */
function rawPositionShard(entries: { gap: number; body: number[] }[]): Uint8Array {
  const w = new ByteWriter();
  for (const ch of 'BNSP') w.u8(ch.charCodeAt(0));
  w.u8(5);
  w.varint(entries.length);
  for (const e of entries) {
    w.varint(e.gap);
    w.varint(e.body.length);
    w.bytes(Uint8Array.from(e.body));
  }
  return w.finish();
}

/** The terms of a map as its postings shard lists them. */
const sortedTerms = (terms: Map<string, Postings>): string[] => [...terms.keys()].sort();

describe('encodeShard / decodeShard', () => {
  it('round-trips seeded random postings', () => {
    const rnd = mulberry32(7);
    for (let round = 0; round < 5; round++) {
      const terms = randomTerms(rnd, 50 + Math.floor(rnd() * 200));
      const bytes = encodeShard(terms);
      const r = decodeShard(bytes, FILE);
      expect(r.terms).toBe(terms.size);
      for (const [t, p] of terms) {
        expect(r.has(t)).toBe(true);
        const got = r.get(t)!;
        expect(got.docs).toBeInstanceOf(Uint32Array);
        expect(got.weights).toBeInstanceOf(Uint32Array);
        expect([...got.docs]).toEqual([...p.docs]);
        expect([...got.weights]).toEqual([...p.weights]);
      }
    }
  });

  it('decodes the same bytes whatever order the terms were given in', () => {
    const rnd = mulberry32(99);
    const terms = [...randomTerms(rnd, 40)];
    const reversed = [...terms].reverse();
    expect([...encodeShard(reversed)]).toEqual([...encodeShard(terms)]);
  });

  it('lists keys sorted by UTF-16 code units', () => {
    const rnd = mulberry32(1234);
    const terms = randomTerms(rnd, 120);
    const keys = decodeShard(encodeShard(terms), FILE).keys();
    const expected = [...terms.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(keys).toEqual(expected);
    for (let i = 1; i < keys.length; i++) expect(keys[i - 1]! < keys[i]!).toBe(true);
  });

  it('sorts a fixed mix of terms', () => {
    const one = post([0], [4]);
    const r = decodeShard(
      encodeShard([
        ['银行', one],
        ['LPR', one],
        ['ccb', one],
        ['2022', one],
        ['𠀀', one],
        ['😀', one],
        ['交通', one],
      ]),
      FILE,
    );
    expect(r.keys()).toEqual(['2022', 'LPR', 'ccb', '交通', '银行', '😀', '𠀀']); // U+D83D < U+D840
  });

  it('returns null for a missing term and false from has()', () => {
    const r = decodeShard(encodeShard([['银行', post([1, 5], [4, 5])]]), FILE);
    expect(r.get('银')).toBeNull();
    expect(r.get('')).toBeNull();
    expect(r.get('constructor')).toBeNull();
    expect(r.get('__proto__')).toBeNull();
    expect(r.has('银')).toBe(false);
    expect(r.has('银行')).toBe(true);
  });

  it('decodes a term once and then serves it from cache', () => {
    const r = decodeShard(encodeShard([['银行', post([1, 5], [4, 5])]]), FILE);
    const a = r.get('银行');
    expect(r.get('银行')).toBe(a);
  });

  it('round-trips an empty shard', () => {
    const bytes = encodeShard([]);
    expect([...bytes]).toEqual([0x42, 0x4e, 0x53, 0x53, 6, 0]);
    const r = decodeShard(bytes, FILE);
    expect(r.terms).toBe(0);
    expect(r.keys()).toEqual([]);
    expect(r.get('x')).toBeNull();
  });

  it('round-trips extreme values: doc 0, doc 2^32-1, the smallest and huge weights, an empty posting list', () => {
    const terms: [string, Postings][] = [
      ['a', post([0, 1, 2 ** 32 - 1], [4, 2 ** 32 - 1, 5])],
      ['b', post([2 ** 32 - 1], [7])],
      ['c', post([], [])],
      ['d', post([2 ** 32 - 2, 2 ** 32 - 1], [4, 4])],
    ];
    const r = decodeShard(encodeShard(terms), FILE);
    expect([...r.get('a')!.docs]).toEqual([0, 1, 2 ** 32 - 1]);
    expect([...r.get('a')!.weights]).toEqual([4, 2 ** 32 - 1, 5]);
    expect([...r.get('b')!.docs]).toEqual([2 ** 32 - 1]);
    expect([...r.get('b')!.weights]).toEqual([7]);
    expect([...r.get('c')!.docs]).toEqual([]);
    expect([...r.get('d')!.docs]).toEqual([2 ** 32 - 2, 2 ** 32 - 1]);
    expect([...r.get('d')!.weights]).toEqual([4, 4]);
  });

  it('lays postings out in Rice form: parameter byte, Rice-coded gaps, weight flags, then the weights', () => {
    const bytes = encodeShard([['ab', post([3, 5, 200, 201], [4, 5, 14, 4])]]);
    // Gaps 3, 1, 194, 0: k = 5 codes them in 30 bits (k = 4 takes 32, k = 6 31).
    // prettier-ignore
    expect([...bytes]).toEqual([
      0x42, 0x4e, 0x53, 0x53, 6, 1, // magic, layout 6, one term
      2, 0x61, 0x62, // "ab"
      4, // df
      8, // body bytes
      11, // k 5 * 2 + some posting has a weight
      // 0 00011 | 0 00001 | 111111 0 00010 | 0 00000 | flags 0 1 1 0 | padding
      0x0c, 0x1f, 0xc2, 0x01, 0x80,
      5, 14, // the weights of the flagged postings
    ]);
    const got = decodeShard(bytes, FILE).get('ab')!;
    expect([...got.docs]).toEqual([3, 5, 200, 201]);
    expect([...got.weights]).toEqual([4, 5, 14, 4]);
  });

  it('keeps no positions in a postings shard: encodeShard ignores them, decodeShard attaches none', () => {
    const p = withPositions([2, 9, 10], [8, 5, 4], [[5, 300], [7], [0]]);
    const bytes = encodeShard([['ab', p]]);
    expect(bytes).toEqual(encodeShard([['ab', post([2, 9, 10], [8, 5, 4])]]));
    const got = decodeShard(bytes, FILE).get('ab')!;
    expect(got.posStart).toBeUndefined();
    expect(got.positions).toBeUndefined();
    // Positions that would not even encode (fewer than tf) do not matter to a postings shard.
    const bad = { ...post([1], [8]), posStart: Uint32Array.of(0, 1), positions: Uint32Array.of(3) };
    expect(encodeShard([['ab', bad]])).toEqual(encodeShard([['ab', post([1], [8])]]));
  });

  it('does not grow with positions: the same bytes with or without them, whatever their number', () => {
    const rnd = mulberry32(17);
    const terms = randomPositionTerms(rnd, 80);
    const bare = new Map([...terms].map(([t, p]) => [t, post([...p.docs], [...p.weights])]));
    const withPos = encodeShard(terms);
    expect(withPos).toEqual(encodeShard(bare));
    const r = decodeShard(withPos, FILE);
    for (const [t, p] of terms) {
      expect([...r.get(t)!.docs]).toEqual([...p.docs]);
      expect([...r.get(t)!.weights]).toEqual([...p.weights]);
    }
  });

  it('rejects postings that are not strictly ascending, naming the term', () => {
    expect(() => encodeShard([['银行', post([1, 5, 5], [4, 4, 4])]])).toThrow(new RangeError('postings of "银行" are not strictly ascending'));
    expect(() =>
      encodeShard([
        ['ok', post([1], [4])],
        ['ccb', post([9, 3], [4, 6])],
      ]),
    ).toThrow(new RangeError('postings of "ccb" are not strictly ascending'));
    let thrown: unknown;
    try {
      encodeShard([['x', post([2, 1], [4, 4])]]);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(RangeError);
    expect(thrown).not.toBeInstanceOf(IndexFormatError);
  });

  it('rejects a weight of tf 0 on encode, naming the term, document and weight', () => {
    for (const w of [0, 1, 2, 3]) {
      expect(() => encodeShard([['银行', post([3, 7], [4, w])]])).toThrow(new RangeError(`"银行" in document 7 has weight ${w}, tf below 1`));
    }
    expect(() => encodeShard([['ab', post([0], [packWeight(0, true, true)])]])).toThrow(new RangeError('"ab" in document 0 has weight 3, tf below 1'));
    expect(() => encodeShard([['ab', post([0], [packWeight(0, false)])]])).toThrow(RangeError);
    expect(() => encodeShard([['ab', post([0], [packWeight(1, false)])]])).not.toThrow();
  });

  it('spends no weight bit or byte on a term whose weights are all plain (tf 1, body only, not a word)', () => {
    const docs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const size = (weights: number[]) => encodeShard([['ab', post(docs, weights)]]).length;
    const plain = size(docs.map(() => packWeight(1, false)));
    // Header 6 (magic, layout, count), term 3, df 1, byte length 1, then k, and gaps 1, 0 × 9 at k = 0: 11 bits.
    expect(plain).toBe(6 + 3 + 2 + 1 + 2);
    // Any other weight: one flag bit per posting of the term (21 bits, a third byte), and its varint.
    expect(size(docs.map(() => packWeight(1, true)))).toBe(plain + 1 + 10);
    expect(size(docs.map(() => packWeight(1, false, true)))).toBe(plain + 1 + 10);
    expect(size(docs.map(() => packWeight(2, false)))).toBe(plain + 1 + 10);
    expect(size(docs.map((_, i) => (i < 3 ? packWeight(1, true) : packWeight(1, false))))).toBe(plain + 1 + 3);
    const one = decodeShard(
      encodeShard([
        [
          'ab',
          post(
            docs,
            docs.map(() => 4),
          ),
        ],
      ]),
      FILE,
    );
    expect([...one.get('ab')!.weights]).toEqual(docs.map(() => 4));
  });

  it('round-trips the word bit with every tf and title flag', () => {
    const weights: number[] = [];
    for (const tf of [1, 2, 3, 127, 128, 100_000])
      for (const inTitle of [false, true]) for (const isWord of [false, true]) weights.push(packWeight(tf, inTitle, isWord));
    const docs = weights.map((_, i) => i * 3);
    const got = decodeShard(encodeShard([['交通银行', post(docs, weights)]]), FILE).get('交通银行')!;
    expect([...got.weights]).toEqual(weights);
    let i = 0;
    for (const tf of [1, 2, 3, 127, 128, 100_000]) {
      for (const inTitle of [false, true]) {
        for (const isWord of [false, true]) {
          const w = got.weights[i++]!;
          expect(weightTf(w)).toBe(tf);
          expect(weightInTitle(w)).toBe(inTitle);
          expect(weightIsWord(w)).toBe(isWord);
        }
      }
    }
  });
});

describe('decodeShard errors', () => {
  const good = encodeShard([
    ['交通', post([1, 4, 9], [4, 5, 6])],
    ['银行', post([0, 100_000], [4, 4])],
    ['ccb', post([7], [300])],
  ]);

  it('throws IndexFormatError starting with the file name for every truncation', () => {
    for (let n = 0; n < good.length; n++) {
      const e = formatError(() => {
        const r = decodeShard(good.slice(0, n), FILE);
        for (const k of r.keys()) r.get(k);
      });
      expect(e.message.startsWith(`${FILE}: `), e.message).toBe(true);
      expect(e.file).toBe(FILE);
    }
  });

  it('gives exact messages for short files', () => {
    expect(formatError(() => decodeShard(new Uint8Array(0), FILE)).message).toBe(`${FILE}: needs 4 more bytes at byte 0`);
    expect(formatError(() => decodeShard(good.slice(0, 4), FILE)).message).toBe(`${FILE}: unexpected end of file at byte 4`);
    expect(formatError(() => decodeShard(good.slice(0, good.length - 1), FILE)).message).toMatch(
      new RegExp(`^${FILE.replace(/\./g, '\\.')}: needs \\d+ more bytes at byte \\d+$`),
    );
  });

  it('reports a wrong magic', () => {
    const cols = encodeColumns({
      docCount: 0,
      day: new Int32Array(0),
      facets: { bank: facetColumn([]), source: facetColumn([]), province: facetColumn([]) },
      length: new Uint32Array(0),
    });
    expect(formatError(() => decodeShard(cols.rank, FILE)).message).toBe(`${FILE}: expected magic "BNSS", found "BNSR" at byte 4`);
    expect(formatError(() => decodeShard(cols.facets, FILE)).message).toBe(`${FILE}: expected magic "BNSS", found "BNSF" at byte 4`);
    expect(formatError(() => decodeShard(new TextEncoder().encode('{"a":1}'), 'x.bin')).message).toBe('x.bin: expected magic "BNSS", found "{"a"" at byte 4');
  });

  it('reports an unknown layout, including the previous one', () => {
    const bad = new Uint8Array(good);
    bad[4] = 2;
    expect(formatError(() => decodeShard(bad, FILE)).message).toBe(`${FILE}: unknown shard layout 2`);
    bad[4] = 4;
    expect(formatError(() => decodeShard(bad, FILE)).message).toBe(`${FILE}: unknown shard layout 4`);
    bad[4] = 5;
    expect(formatError(() => decodeShard(bad, FILE)).message).toBe(`${FILE}: unknown shard layout 5`);
  });

  it('reports trailing bytes', () => {
    const bad = new Uint8Array(good.length + 1);
    bad.set(good);
    expect(formatError(() => decodeShard(bad, FILE)).message).toBe(`${FILE}: trailing bytes after 3 terms`);
  });

  it('reports a term whose text code is cut short or names a rank past the table', () => {
    const cut = rawShard([{ term: 'ab', df: 1, body: [1, 2] }]);
    cut[8] = 0xff; // "b" becomes an escape whose two bytes run into the df
    expect(formatError(() => decodeShard(cut, FILE)).message).toBe(`${FILE}: text code cut short at byte 8`);
    const past = rawShard([{ term: 'ab', df: 1, body: [1, 2] }]);
    past[7] = 0xfe; // "a" becomes a two-byte code of a rank the table does not have
    expect(formatError(() => decodeShard(past, FILE)).message).toBe(`${FILE}: text code names character ${150 + 7 * 256 + 0x62} of 2000 at byte 7`);
  });

  it('reports postings with trailing bytes when the term is read', () => {
    // k 0, doc 0 ("0"), then a stray byte.
    const r = decodeShard(rawShard([{ term: 'ab', df: 1, body: [0, 0x00, 3] }]), FILE);
    expect(r.keys()).toEqual(['ab']);
    expect(formatError(() => r.get('ab')).message).toBe(`${FILE}: postings of "ab" have trailing bytes`);
    // k 0 with weights, doc 0 flagged ("0 1"), weight 8, then a stray byte.
    const w = decodeShard(rawShard([{ term: 'ab', df: 1, body: [1, 0x40, 8, 3] }]), FILE);
    expect(formatError(() => w.get('ab')).message).toBe(`${FILE}: postings of "ab" have trailing bytes`);
  });

  it('reports a Rice code cut short, a parameter past 24 and a document past 2^32 - 1', () => {
    // k 0: eight ones and no zero to end the quotient.
    expect(formatError(() => decodeShard(rawShard([{ term: 'ab', df: 2, body: [0, 0xff] }]), FILE).get('ab')).message).toBe(
      `${FILE}: postings of "ab" end inside a Rice code`,
    );
    // k 8: a quotient of 0, then only 7 bits left.
    expect(formatError(() => decodeShard(rawShard([{ term: 'ab', df: 2, body: [16, 0x00] }]), FILE).get('ab')).message).toBe(
      `${FILE}: postings of "ab" end inside a Rice code`,
    );
    expect(formatError(() => decodeShard(rawShard([{ term: 'ab', df: 2, body: [50, 0] }]), FILE).get('ab')).message).toBe(
      `${FILE}: postings of "ab" have Rice parameter 25`,
    );
    // k 24, quotient 256 (32 bytes of ones), a zero and 24 zero bits: document 2^32.
    const past = [48, ...Array<number>(32).fill(0xff), 0, 0, 0, 0];
    expect(formatError(() => decodeShard(rawShard([{ term: 'ab', df: 2, body: past }]), FILE).get('ab')).message).toBe(
      `${FILE}: postings of "ab" pass document 2^32 - 1`,
    );
  });

  it('reads a quotient that spans bytes', () => {
    // k 0, gap 20: twenty ones and a zero; then gap 0.
    expect([...decodeShard(rawShard([{ term: 'ab', df: 2, body: [0, 0xff, 0xff, 0xf0] }]), FILE).get('ab')!.docs]).toEqual([20, 21]);
  });

  it('keeps a list of one document in the working form: a varint, and the weight if any', () => {
    const plain = encodeShard([['ab', post([300], [4])]]);
    expect([...plain.subarray(9)]).toEqual([1, 2, 0xd8, 0x04]); // df 1, 2 bytes, varint(300 * 2)
    expect([...decodeShard(plain, FILE).get('ab')!.docs]).toEqual([300]);
    const weighted = encodeShard([['ab', post([300], [9])]]);
    expect([...weighted.subarray(9)]).toEqual([1, 3, 0xd9, 0x04, 9]); // varint(300 * 2 + 1), weight 9
    expect([...decodeShard(weighted, FILE).get('ab')!.weights]).toEqual([9]);
    const big = decodeShard(rawShard([{ term: 'ab', df: 1, body: [0x80, 0x80, 0x80, 0x80, 0x20] }]), FILE); // 2^33: document 2^32
    expect(formatError(() => big.get('ab')).message).toBe(`${FILE}: postings of "ab" pass document 2^32 - 1`);
  });

  it('reports postings shorter than their document count when the shard is opened', () => {
    const e = formatError(() => decodeShard(rawShard([{ term: 'ab', df: 9, body: [0, 0] }]), FILE));
    expect(e.message).toBe(`${FILE}: term "ab" claims 9 postings in 2 bytes`);
  });

  it('accepts one bit per posting, the least a posting takes', () => {
    const r = decodeShard(rawShard([{ term: 'ab', df: 8, body: [0, 0x00] }]), FILE);
    expect([...r.get('ab')!.docs]).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect([...r.get('ab')!.weights]).toEqual([4, 4, 4, 4, 4, 4, 4, 4]);
  });

  it('reports a weight below 4 (tf 0) when the term is read', () => {
    for (const w of [0, 1, 2, 3]) {
      // k 0 with weights: doc 0 ("0"), doc 2 ("10"), flags "0 1", then weight w.
      const r = decodeShard(rawShard([{ term: 'ab', df: 2, body: [1, 0b01001000, w] }]), FILE);
      expect(formatError(() => r.get('ab')).message).toBe(`${FILE}: term "ab" has weight ${w} in document 2`);
    }
  });

  // The count is checked against the term's bytes when the shard is opened, before anything is allocated.
  it('reports a corrupted document count as IndexFormatError, not RangeError', () => {
    const e = formatError(() => decodeShard(rawShard([{ term: 'ab', df: 2 ** 40, body: [1, 2] }]), FILE));
    expect(e.message).toBe(`${FILE}: term "ab" claims 1099511627776 postings in 2 bytes`);
  });

  it('never throws anything but IndexFormatError on a single corrupted byte', () => {
    const rnd = mulberry32(5);
    const base = encodeShard(randomTerms(rnd, 6));
    for (let i = 0; i < base.length; i++) {
      for (const v of [0x00, 0x7f, 0x80, 0xff]) {
        const bad = new Uint8Array(base);
        bad[i] = v;
        try {
          const r = decodeShard(bad, FILE);
          for (const k of r.keys()) r.get(k);
        } catch (e) {
          expect(e, `byte ${i} = ${v}: ${String(e)}`).toBeInstanceOf(IndexFormatError);
          expect((e as Error).message.startsWith(`${FILE}: `)).toBe(true);
        }
      }
    }
  });
});

describe('encodePostings / encodeShardEntries', () => {
  it('encodePostings writes the document list alone: deltas from 0, then weights unless plain', () => {
    const w = new ByteWriter();
    encodePostings('ab', post([3, 5, 200, 201], [4, 5, 14, 4]), w);
    expect([...w.finish()]).toEqual([6, 5, 5, 0x87, 0x03, 14, 2]);
    expect(PLAIN_WEIGHT).toBe(packWeight(1, false));
  });

  it('encodeShardEntries and encodePositionEntries of pre-encoded terms give the bytes of encodeShard and encodePositionShard', () => {
    const terms = randomPositionTerms(mulberry32(3), 30);
    const encoded = (encode: typeof encodePostings) =>
      [...terms].map(([term, p]) => {
        const w = new ByteWriter();
        encode(term, p, w);
        return { term, df: p.docs.length, bytes: w.finish() };
      });
    expect(encodeShardEntries(encoded(encodePostings))).toEqual(encodeShard(terms));
    const order = sortedTerms(terms);
    const positioned: PositionEntry[] = encoded(encodePositions).map((e) => ({ index: order.indexOf(e.term), bytes: e.bytes }));
    expect(encodePositionEntries(positioned)).toEqual(encodePositionShard(terms));
    expect(encodePositionEntries(positioned)).toEqual(encodePositionShard(terms, order));
  });

  it('sorts the entries in place by UTF-16 code units', () => {
    const e = (term: string): EncodedTerm => ({ term, df: 1, bytes: Uint8Array.of(0) });
    const entries = [e('银行'), e('😀'), e('𠀀'), e('ccb'), e('2022')];
    const bytes = encodeShardEntries(entries);
    expect(entries.map((x) => x.term)).toEqual(['2022', 'ccb', '银行', '😀', '𠀀']);
    expect(decodeShard(bytes, FILE).keys()).toEqual(['2022', 'ccb', '银行', '😀', '𠀀']);
  });

  it('refuses working-form postings that are not ascending, have a weight below 4, or hold more than df documents', () => {
    const encode = (df: number, bytes: number[]) => () => encodeShardEntries([{ term: 'ab', df, bytes: Uint8Array.from(bytes) }]);
    expect(encode(2, [2, 0])).toThrow(new RangeError('postings of "ab" are not strictly ascending'));
    expect(encode(1, [1, 3])).toThrow(new RangeError('"ab" in document 0 has weight 3, tf below 1'));
    expect(encode(1, [0, 2])).toThrow(new RangeError('postings of "ab" hold more than 1 documents'));
    expect(encode(0, [0])).toThrow(new RangeError('"ab" has df 0 and 1 bytes of postings'));
  });

  it('writes each entry as text(term), varint(df), varint(length) and the Rice form of the postings given', () => {
    const zhong = CHAR_RANKS.indexOf('中');
    expect(zhong).toBeLessThan(119);
    // Working form: doc 0 plain, then doc +1 with weight 9.
    // prettier-ignore
    expect([...encodeShardEntries([{ term: '中a', df: 2, bytes: Uint8Array.of(0, 3, 9) }])]).toEqual([
      0x42, 0x4e, 0x53, 0x53, 6, 1, // magic, layout 6, one term
      2, 0x80 + zhong, 0x61, // "中a" in the text code: a ranked character in one byte, then ASCII
      2, // df
      3, // byte length
      1, // k 0, some posting has a weight
      0b00010000, // gaps 0, 0; flags 0, 1
      9, // the weight
    ]);
  });
});

describe('encodePositionShard / decodePositionShard', () => {
  it('round-trips seeded random positions, attached to the postings of the postings shard', () => {
    const rnd = mulberry32(41);
    for (let round = 0; round < 4; round++) {
      const terms = randomPositionTerms(rnd, 20 + Math.floor(rnd() * 100));
      const postings = decodeShard(encodeShard(terms), FILE);
      const r = decodePositionShard(encodePositionShard(terms), POS_FILE, sortedTerms(terms));
      expect(r.terms).toBe(terms.size);
      for (const [t, p] of terms) {
        expect(r.has(t)).toBe(true);
        const base = postings.get(t)!;
        const got = r.get(t, base)!;
        expect(got.docs).toBe(base.docs);
        expect(got.weights).toBe(base.weights);
        expect(got.posStart).toBeInstanceOf(Uint32Array);
        expect(got.positions).toBeInstanceOf(Uint32Array);
        expect([...got.posStart!]).toEqual([...p.posStart!]);
        expect([...got.positions!]).toEqual([...p.positions!]);
        for (let i = 0; i < got.docs.length; i++) expect(got.posStart![i + 1]! - got.posStart![i]!).toBe(weightTf(got.weights[i]!));
      }
      // Postings shards are left as they were: positions are attached to a new object.
      for (const t of terms.keys()) expect(postings.get(t)!.positions).toBeUndefined();
    }
  });

  it('lays positions out per document, tf of them, the first absolute and the rest as deltas, Rice-coded, with no counts', () => {
    const p = withPositions([2, 9, 10], [8, 5, 4], [[5, 300], [7], [0]]);
    const bytes = encodePositionShard([['ab', p]]);
    // Values 5, 295, 7, 0: k = 6 codes them in 32 bits (k = 5 takes 33, k = 4 38).
    // prettier-ignore
    expect([...bytes]).toEqual([
      0x42, 0x4e, 0x53, 0x50, 5, 1, // magic "BNSP", layout 5, one entry
      0, // the first term of its postings shard
      5, // body bytes
      6, // Rice parameter
      // doc 2 (weight 8, tf 2): 5 = 0 000101, +295 = 1111 0 100111; doc 9: 7 = 0 000111; doc 10: 0 = 0 000000
      0x0b, 0xe9, 0xc3, 0x80,
    ]);
    const got = decodePositionShard(bytes, POS_FILE, ['ab']).get('ab', post([2, 9, 10], [8, 5, 4]))!;
    expect([...got.docs]).toEqual([2, 9, 10]);
    expect([...got.weights]).toEqual([8, 5, 4]);
    expect([...got.posStart!]).toEqual([0, 2, 3, 4]);
    expect([...got.positions!]).toEqual([5, 300, 7, 0]);
  });

  it('encodePositions writes the positions alone, aligned with the document list', () => {
    const w = new ByteWriter();
    encodePositions('ab', withPositions([2, 9, 10], [8, 5, 4], [[5, 300], [7], [0]]), w);
    expect([...w.finish()]).toEqual([5, 0xa7, 0x02, 7, 0]);
  });

  it('round-trips extreme positions and an empty document list', () => {
    const terms: [string, Postings][] = [
      ['a', withPositions([0, 2 ** 32 - 1], [packWeight(3, true), 4], [[0, 1, 2 ** 32 - 1], [2 ** 32 - 1]])],
      ['b', withPositions([], [], [])],
    ];
    const r = decodePositionShard(encodePositionShard(terms), POS_FILE, ['a', 'b']);
    const a = r.get('a', post([0, 2 ** 32 - 1], [packWeight(3, true), 4]))!;
    expect([...a.posStart!]).toEqual([0, 3, 4]);
    expect([...a.positions!]).toEqual([0, 1, 2 ** 32 - 1, 2 ** 32 - 1]);
    const b = r.get('b', post([], []))!;
    expect([...b.posStart!]).toEqual([0]);
    expect([...b.positions!]).toEqual([]);
  });

  it('round-trips an empty position shard', () => {
    const bytes = encodePositionShard([]);
    expect([...bytes]).toEqual([0x42, 0x4e, 0x53, 0x50, 5, 0]);
    const r = decodePositionShard(bytes, POS_FILE, ['ab']);
    expect(r.terms).toBe(0);
    expect(r.has('ab')).toBe(false);
  });

  it('returns null for a term it does not hold', () => {
    const shardTerms = ['中国建设', '建设银行'];
    const r = decodePositionShard(encodePositionShard([['中国建设', withPositions([1], [4], [[3]])]], shardTerms), POS_FILE, shardTerms);
    expect(r.has('中国建设')).toBe(true);
    expect(r.has('建设银行')).toBe(false);
    expect(r.get('建设银行', post([1], [4]))).toBeNull();
    expect(r.get('constructor', post([1], [4]))).toBeNull();
    expect(r.get('__proto__', post([1], [4]))).toBeNull();
  });

  it('serves the same postings from cache and decodes again for another document list', () => {
    const r = decodePositionShard(encodePositionShard([['ab', withPositions([1, 4], [8, 4], [[2, 9], [0]])]]), POS_FILE, ['ab']);
    const base = post([1, 4], [8, 4]);
    const a = r.get('ab', base)!;
    expect(r.get('ab', base)).toBe(a);
    const other = post([1, 4], [8, 4]);
    const b = r.get('ab', other)!;
    expect(b).not.toBe(a);
    expect(b.docs).toBe(other.docs);
    expect([...b.positions!]).toEqual([...a.positions!]);
  });

  it('rejects on encode a term without positions, positions that do not match tf, or that do not ascend', () => {
    expect(() => encodePositionShard([['ab', post([1], [4])]])).toThrow(new RangeError('"ab" has no positions'));
    expect(() => encodePositionShard([['ab', { ...post([1], [4]), positions: Uint32Array.of(3) }]])).toThrow(new RangeError('"ab" has no positions'));
    expect(() =>
      encodePositionShard([
        ['ok', withPositions([0], [4], [[1]])],
        ['ab', post([], [])],
      ]),
    ).toThrow(new RangeError('"ab" has no positions'));
    expect(() => encodePositionShard([['ab', withPositions([1], [8], [[3]])]])).toThrow(new RangeError('"ab" in document 1 has 1 positions for tf 2'));
    expect(() => encodePositionShard([['ab', withPositions([1], [4], [[3, 4]])]])).toThrow(new RangeError('"ab" in document 1 has 2 positions for tf 1'));
    expect(() => encodePositionShard([['ab', withPositions([1, 6], [4, 12], [[0], [3, 9]])]])).toThrow(
      new RangeError('"ab" in document 6 has 2 positions for tf 3'),
    );
    expect(() => encodePositionShard([['ab', withPositions([1], [8], [[3, 3]])]])).toThrow(
      new RangeError('positions of "ab" in document 1 are not strictly ascending'),
    );
    expect(() => encodePositionShard([['ab', withPositions([1], [12], [[3, 9, 5]])]])).toThrow(
      new RangeError('positions of "ab" in document 1 are not strictly ascending'),
    );
    const w = new ByteWriter();
    expect(() => encodePositions('ab', withPositions([1], [8], [[3]]), w)).toThrow(new RangeError('"ab" in document 1 has 1 positions for tf 2'));
  });

  it('rejects on encode a term that is not in the postings shard, and an entry named twice', () => {
    expect(() => encodePositionShard([['ab', withPositions([1], [4], [[3]])]], ['aa', 'ac'])).toThrow(
      new RangeError('"ab" is not a term of the postings shard its positions pair with'),
    );
    expect(() =>
      encodePositionEntries([
        { index: 2, bytes: Uint8Array.of(1) },
        { index: 2, bytes: Uint8Array.of(2) },
      ]),
    ).toThrow(new RangeError('position entries name term 2 after 2: each term once, by its place in the postings shard'));
  });

  it('names terms by their place in the postings shard, as gaps: no term text', () => {
    const shardTerms = ['a', 'b', 'c', 'd', 'e'];
    const bytes = encodePositionShard(
      [
        ['e', withPositions([0], [4], [[9]])],
        ['b', withPositions([0], [4], [[7]])],
      ],
      shardTerms,
    );
    // prettier-ignore
    expect([...bytes]).toEqual([
      0x42, 0x4e, 0x53, 0x50, 5, 2, // magic "BNSP", layout 5, two entries
      1, 2, 2, 0xb0, // term 1 ("b"): gap 1 from the start, 2 bytes, k 2, position 7 = 10 11
      2, 2, 2, 0xc8, // term 4 ("e"): 2 terms skipped, 2 bytes, k 2, position 9 = 110 01
    ]);
    const r = decodePositionShard(bytes, POS_FILE, shardTerms);
    expect([...r.get('b', post([0], [4]))!.positions!]).toEqual([7]);
    expect([...r.get('e', post([0], [4]))!.positions!]).toEqual([9]);
    expect(r.has('c')).toBe(false);
  });
});

describe('decodePositionShard errors', () => {
  const terms = new Map<string, Postings>([
    ['中国建设', withPositions([1, 4, 9], [8, 5, 4], [[3, 200], [0], [17]])],
    ['建设银行', withPositions([0, 100_000], [4, 12], [[5], [1, 2, 3]])],
  ]);
  const shardTerms = sortedTerms(terms);
  const good = encodePositionShard(terms);
  const postingsOf = (t: string) => post([...terms.get(t)!.docs], [...terms.get(t)!.weights]);

  it('throws IndexFormatError starting with the file name for every truncation', () => {
    for (let n = 0; n < good.length; n++) {
      const e = formatError(() => {
        const r = decodePositionShard(good.slice(0, n), POS_FILE, shardTerms);
        for (const t of terms.keys()) r.get(t, postingsOf(t));
      });
      expect(e.message.startsWith(`${POS_FILE}: `), e.message).toBe(true);
      expect(e.file).toBe(POS_FILE);
    }
  });

  it('reports a wrong magic either way round: a postings shard is no position shard', () => {
    expect(formatError(() => decodePositionShard(encodeShard([]), POS_FILE, [])).message).toBe(`${POS_FILE}: expected magic "BNSP", found "BNSS" at byte 4`);
    expect(formatError(() => decodeShard(encodePositionShard([]), FILE)).message).toBe(`${FILE}: expected magic "BNSS", found "BNSP" at byte 4`);
  });

  it('reports an unknown layout', () => {
    const bad = new Uint8Array(good);
    bad[4] = 2;
    expect(formatError(() => decodePositionShard(bad, POS_FILE, shardTerms)).message).toBe(`${POS_FILE}: unknown shard layout 2`);
    bad[4] = 4;
    expect(formatError(() => decodePositionShard(bad, POS_FILE, shardTerms)).message).toBe(`${POS_FILE}: unknown shard layout 4`);
  });

  it('reports trailing bytes after the terms', () => {
    const bad = new Uint8Array(good.length + 1);
    bad.set(good);
    expect(formatError(() => decodePositionShard(bad, POS_FILE, shardTerms)).message).toBe(`${POS_FILE}: trailing bytes after 2 terms`);
  });

  it('reports an entry that names a term past the end of its postings shard when the shard is opened', () => {
    expect(formatError(() => decodePositionShard(good, POS_FILE, ['中国建设'])).message).toBe(`${POS_FILE}: entry 1 names term 1 of a postings shard of 1`);
    expect(formatError(() => decodePositionShard(rawPositionShard([{ gap: 2 ** 40, body: [1] }]), POS_FILE, shardTerms)).message).toBe(
      `${POS_FILE}: entry 0 names term 1099511627776 of a postings shard of 2`,
    );
  });

  it('reports postings with fewer documents than its positions were written for', () => {
    const r = decodePositionShard(good, POS_FILE, shardTerms);
    expect(formatError(() => r.get('中国建设', post([1, 4], [8, 5]))).message).toBe(`${POS_FILE}: positions of "中国建设" have trailing bytes`);
  });

  it('reports postings whose tf asks for more positions than the term has bytes', () => {
    const r = decodePositionShard(good, POS_FILE, shardTerms);
    // 中国建设 has 5 bytes of positions (k and 30 bits); tf 100 in its first document asks for 102 values, at least a bit each.
    expect(formatError(() => r.get('中国建设', post([1, 4, 9], [packWeight(100, false), 5, 4]))).message).toBe(
      `${POS_FILE}: term "中国建设" claims 102 positions in 5 bytes`,
    );
  });

  it('reports postings whose tf asks for fewer positions than the term has', () => {
    const r = decodePositionShard(good, POS_FILE, shardTerms);
    expect(formatError(() => r.get('中国建设', post([1, 4, 9], [4, 5, 4]))).message).toBe(`${POS_FILE}: positions of "中国建设" have trailing bytes`);
    // k 3, values 0 and 1 in the first byte, then a byte more.
    const raw = decodePositionShard(rawPositionShard([{ gap: 0, body: [3, 0x01, 0x01] }]), POS_FILE, ['ab']);
    expect(formatError(() => raw.get('ab', post([0], [8]))).message).toBe(`${POS_FILE}: positions of "ab" have trailing bytes`);
  });

  it('reports postings whose tf asks for more positions than the bytes hold, though not more than their number', () => {
    // Positions 300 and +300 take 10 bits each at k 7: tf 3 fits the 4 bytes by count, but the third code runs out.
    const r = decodePositionShard(encodePositionShard([['ab', withPositions([0], [8], [[300, 600]])]]), POS_FILE, ['ab']);
    expect(formatError(() => r.get('ab', post([0], [12]))).message).toBe(`${POS_FILE}: positions of "ab" end inside a Rice code`);
  });

  it('reports a Rice parameter past 24', () => {
    const r = decodePositionShard(rawPositionShard([{ gap: 0, body: [25, 0] }]), POS_FILE, ['ab']);
    expect(formatError(() => r.get('ab', post([0], [4]))).message).toBe(`${POS_FILE}: positions of "ab" have Rice parameter 25`);
  });

  it('never throws anything but IndexFormatError on a single corrupted byte', () => {
    const rnd = mulberry32(6);
    const base = randomPositionTerms(rnd, 5);
    const bytes = encodePositionShard(base);
    for (let i = 0; i < bytes.length; i++) {
      for (const v of [0x00, 0x7f, 0x80, 0xff]) {
        const bad = new Uint8Array(bytes);
        bad[i] = v;
        try {
          const r = decodePositionShard(bad, POS_FILE, sortedTerms(base));
          for (const [t, p] of base) r.get(t, p);
        } catch (e) {
          expect(e, `byte ${i} = ${v}: ${String(e)}`).toBeInstanceOf(IndexFormatError);
          expect((e as Error).message.startsWith(`${POS_FILE}: `)).toBe(true);
        }
      }
    }
  });
});

describe('weights', () => {
  it('packs tf * 4 + (isWord ? 2 : 0) + (inTitle ? 1 : 0)', () => {
    expect(packWeight(3, true)).toBe(13);
    expect(packWeight(3, false)).toBe(12);
    expect(packWeight(3, false, true)).toBe(14);
    expect(packWeight(3, true, true)).toBe(15);
    expect(packWeight(3, false, false)).toBe(12);
    expect(packWeight(1, false)).toBe(4);
    expect(packWeight(0, true)).toBe(1);
    expect(packWeight(0, false, true)).toBe(2);
  });

  it('unpacks tf, the title flag and the word bit', () => {
    for (const tf of [0, 1, 2, 17, 1000, 2 ** 29, 2 ** 30]) {
      for (const t of [true, false]) {
        for (const word of [true, false]) {
          const w = packWeight(tf, t, word);
          expect(weightTf(w)).toBe(tf);
          expect(weightInTitle(w)).toBe(t);
          expect(weightIsWord(w)).toBe(word);
        }
      }
    }
  });

  it('is not a word unless said so', () => {
    expect(weightIsWord(packWeight(5, true))).toBe(false);
    expect(weightIsWord(packWeight(5, false))).toBe(false);
  });
});
