import { describe, expect, it } from 'vitest';
import { ByteWriter } from './bytes';
import { encodeColumns } from './columns';
import { IndexFormatError } from './errors';
import { decodeShard, encodeShard, packWeight, weightInTitle, weightTf, type Postings } from './shard';
import { formatError, mulberry32 } from './test-support';

const FILE = 'shard-3.0a1b2c3d4e5f60.bin';
const post = (docs: number[], weights: number[]): Postings => ({ docs: Uint32Array.from(docs), weights: Uint32Array.from(weights) });

function randomTerms(rnd: () => number, count: number): Map<string, Postings> {
  const chars = [...'交通银行中国人民建设农业工商招商兴农贷款利率发布abcxyz0123456789𠀀😀'];
  const terms = new Map<string, Postings>();
  while (terms.size < count) {
    const len = 1 + Math.floor(rnd() * 4);
    let t = rnd() < 0.2 ? '=' : '';
    for (let i = 0; i < len; i++) t += chars[Math.floor(rnd() * chars.length)]!;
    const df = 1 + Math.floor(rnd() * 60);
    const docs: number[] = [];
    const weights: number[] = [];
    let d = Math.floor(rnd() * 1000);
    for (let i = 0; i < df; i++) {
      docs.push(d);
      weights.push(packWeight(1 + Math.floor(rnd() * (rnd() < 0.1 ? 100_000 : 20)), rnd() < 0.3));
      d += 1 + Math.floor(rnd() * (rnd() < 0.1 ? 1_000_000 : 50));
    }
    terms.set(t, post(docs, weights));
  }
  return terms;
}

/** Hand-built shard: magic, layout, count, then per term string, df, byte length, body. */
function rawShard(terms: { term: string; df: number; body: number[]; flags?: number }[], layout = 2): Uint8Array {
  const w = new ByteWriter();
  for (const ch of 'BNSS') w.u8(ch.charCodeAt(0));
  w.u8(layout);
  w.varint(terms.length);
  for (const t of terms) {
    w.string(t.term);
    w.varint(t.df);
    w.varint(t.flags ?? 0);
    w.varint(t.body.length);
    w.bytes(Uint8Array.from(t.body));
  }
  return w.finish();
}

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
    const one = post([0], [2]);
    const r = decodeShard(encodeShard([['银行', one], ['=银行', one], ['ccb', one], ['2022', one], ['𠀀', one], ['😀', one], ['交通', one]]), FILE);
    expect(r.keys()).toEqual(['2022', '=银行', 'ccb', '交通', '银行', '😀', '𠀀']); // U+D83D < U+D840
  });

  it('returns null for a missing term and false from has()', () => {
    const r = decodeShard(encodeShard([['银行', post([1, 5], [2, 3])]]), FILE);
    expect(r.get('银')).toBeNull();
    expect(r.get('')).toBeNull();
    expect(r.get('constructor')).toBeNull();
    expect(r.get('__proto__')).toBeNull();
    expect(r.has('银')).toBe(false);
    expect(r.has('银行')).toBe(true);
  });

  it('decodes a term once and then serves it from cache', () => {
    const r = decodeShard(encodeShard([['银行', post([1, 5], [2, 3])]]), FILE);
    const a = r.get('银行');
    expect(r.get('银行')).toBe(a);
  });

  it('round-trips an empty shard', () => {
    const bytes = encodeShard([]);
    expect([...bytes]).toEqual([0x42, 0x4e, 0x53, 0x53, 2, 0]);
    const r = decodeShard(bytes, FILE);
    expect(r.terms).toBe(0);
    expect(r.keys()).toEqual([]);
    expect(r.get('x')).toBeNull();
  });

  it('round-trips extreme values: doc 0, doc 2^32-1, zero and huge weights, an empty posting list', () => {
    const terms: [string, Postings][] = [
      ['a', post([0, 1, 2 ** 32 - 1], [0, 2 ** 32 - 1, 1])],
      ['b', post([2 ** 32 - 1], [7])],
      ['c', post([], [])],
    ];
    const r = decodeShard(encodeShard(terms), FILE);
    expect([...r.get('a')!.docs]).toEqual([0, 1, 2 ** 32 - 1]);
    expect([...r.get('a')!.weights]).toEqual([0, 2 ** 32 - 1, 1]);
    expect([...r.get('b')!.docs]).toEqual([2 ** 32 - 1]);
    expect([...r.get('c')!.docs]).toEqual([]);
  });

  it('lays postings out as delta-coded varints prefixed by their byte length', () => {
    const bytes = encodeShard([['ab', post([3, 5, 200], [1, 2, 3])]]);
    expect([...bytes]).toEqual([
      0x42, 0x4e, 0x53, 0x53, 2, 1, // magic, layout, one term
      2, 0x61, 0x62, // "ab"
      3, // df
      0, // flags: no positions
      7, // body bytes
      3, 1, 2, 2, 0xc3, 0x01, 3, // 3 w1, +2 w2, +195 w3
    ]);
  });

  it('round-trips positions and lays them out after each weight, delta-coded', () => {
    const p: Postings = { docs: Uint32Array.of(2, 9), weights: Uint32Array.of(4, 3), posStart: Uint32Array.of(0, 2, 3), positions: Uint32Array.of(5, 300, 7) };
    const bytes = encodeShard([['ab', p]]);
    expect([...bytes]).toEqual([
      0x42, 0x4e, 0x53, 0x53, 2, 1, // magic, layout, one term
      2, 0x61, 0x62, // "ab"
      2, // df
      1, // flags: positions
      8, // body bytes
      2, 4, 5, 0xa7, 0x02, // doc 2, weight 4 (tf 2), positions 5, +295
      7, 3, 7, // doc +7, weight 3 (tf 1, in title), position 7
    ]);
    const got = decodeShard(bytes, FILE).get('ab')!;
    expect([...got.posStart!]).toEqual([0, 2, 3]);
    expect([...got.positions!]).toEqual([5, 300, 7]);
  });

  it('rejects positions that do not match tf or do not ascend', () => {
    expect(() => encodeShard([['ab', { docs: Uint32Array.of(1), weights: Uint32Array.of(4), posStart: Uint32Array.of(0, 1), positions: Uint32Array.of(3) }]])).toThrow(
      new RangeError('"ab" in document 1 has 1 positions for tf 2'),
    );
    expect(() => encodeShard([['ab', { docs: Uint32Array.of(1), weights: Uint32Array.of(4), posStart: Uint32Array.of(0, 2), positions: Uint32Array.of(3, 3) }]])).toThrow(
      new RangeError('positions of "ab" in document 1 are not strictly ascending'),
    );
  });

  it('reports unknown term flags', () => {
    expect(formatError(() => decodeShard(rawShard([{ term: 'ab', df: 1, body: [1, 2], flags: 2 }]), FILE)).message).toBe(`${FILE}: term "ab" has unknown flags 2`);
  });

  it('rejects postings that are not strictly ascending, naming the term', () => {
    expect(() => encodeShard([['银行', post([1, 5, 5], [2, 2, 2])]])).toThrow(new RangeError('postings of "银行" are not strictly ascending'));
    expect(() => encodeShard([['ok', post([1], [2])], ['ccb', post([9, 3], [2, 2])]])).toThrow(
      new RangeError('postings of "ccb" are not strictly ascending'),
    );
    try {
      encodeShard([['x', post([2, 1], [0, 0])]]);
    } catch (e) {
      expect(e).toBeInstanceOf(RangeError);
      expect(e).not.toBeInstanceOf(IndexFormatError);
    }
  });
});

describe('decodeShard errors', () => {
  const good = encodeShard([
    ['交通', post([1, 4, 9], [2, 3, 4])],
    ['银行', post([0, 100_000], [5, 6])],
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
      sources: [],
      banks: [],
      day: new Int32Array(0),
      source: new Int32Array(0),
      bankStart: new Uint32Array([0]),
      bankIds: new Uint16Array(0),
      length: new Uint32Array(0),
      cluster: new Int32Array(0),
    });
    expect(formatError(() => decodeShard(cols, FILE)).message).toBe(`${FILE}: expected magic "BNSS", found "BNSC" at byte 4`);
    expect(formatError(() => decodeShard(new TextEncoder().encode('{"a":1}'), 'x.bin')).message).toBe('x.bin: expected magic "BNSS", found "{"a"" at byte 4');
  });

  it('reports an unknown layout', () => {
    const bad = new Uint8Array(good);
    bad[4] = 3;
    expect(formatError(() => decodeShard(bad, FILE)).message).toBe(`${FILE}: unknown shard layout 3`);
  });

  it('reports trailing bytes', () => {
    const bad = new Uint8Array(good.length + 1);
    bad.set(good);
    expect(formatError(() => decodeShard(bad, FILE)).message).toBe(`${FILE}: trailing bytes after 3 terms`);
  });

  it('reports a term that is not UTF-8', () => {
    const bytes = rawShard([{ term: 'ab', df: 1, body: [1, 2] }]);
    bytes[7] = 0xff; // first byte of "ab"
    expect(formatError(() => decodeShard(bytes, FILE)).message).toBe(`${FILE}: invalid UTF-8 string at byte 9`);
  });

  it('reports postings with trailing bytes when the term is read', () => {
    const r = decodeShard(rawShard([{ term: 'ab', df: 1, body: [1, 2, 3] }]), FILE);
    expect(r.keys()).toEqual(['ab']);
    expect(formatError(() => r.get('ab')).message).toBe(`${FILE}: postings of "ab" have trailing bytes`);
  });

  it('reports postings shorter than their document count when the shard is opened', () => {
    const e = formatError(() => decodeShard(rawShard([{ term: 'ab', df: 3, body: [1, 2] }]), FILE));
    expect(e.message).toBe(`${FILE}: term "ab" claims 3 postings in 2 bytes`);
  });

  // BUG (shard.ts:105-106): decodeShard trusts the document count read from the file and allocates
  // `new Uint32Array(loc.df)` before checking it against the posting bytes, so a corrupted count
  // throws a plain RangeError ("Invalid typed array length: 1099511627776") instead of an
  // IndexFormatError naming the file (and a count of a few hundred million allocates gigabytes first).
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

describe('weights', () => {
  it('packs tf and the title flag', () => {
    expect(packWeight(3, true)).toBe(7);
    expect(packWeight(3, false)).toBe(6);
    expect(packWeight(0, true)).toBe(1);
    for (const tf of [0, 1, 2, 17, 1000, 2 ** 30]) {
      for (const t of [true, false]) {
        const w = packWeight(tf, t);
        expect(weightTf(w)).toBe(tf);
        expect(weightInTitle(w)).toBe(t);
      }
    }
  });
});
