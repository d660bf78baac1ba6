import { describe, expect, it } from 'vitest';
import { IndexCorruptError, IndexFormatError } from './errors';
import type { FacetCounts } from './facets';
import { packFile, seal, sealedHash, unpackFile, unseal } from './files';
import { decodeWordFacets, encodeWordFacets, isWordFacetsFileName, wordFacetsFile, wordFacetsShardOf } from './word-facets';

const ENTRIES = new Map<string, FacetCounts>([
  [
    '普惠金融',
    {
      bank: Object.fromEntries([
        ['工商银行', 40],
        ['交通银行', 12],
        ['__proto__', 1],
      ]),
      source: { 新华网: 30, 人民网: 30 },
      province: {},
    },
  ],
  ['绿色信贷', { bank: {}, source: {}, province: { 浙江: 7 } }],
  ['𠀀𠀁', { bank: { 'Bank of China': 300_000 }, source: { '': 2 }, province: { 北京: 1 } }],
]);

/** Each facet's counts as ordered entries: the answer's order is part of what is stored. */
function ordered(m: Map<string, FacetCounts>): [string, [string, [string, number][]][]][] {
  return [...m].map(([k, c]) => [k, Object.entries(c).map(([f, v]) => [f, Object.entries(v)])]);
}

describe('word facet counts files', () => {
  it('round-trip every word with its counts, values in the order given', () => {
    const back = decodeWordFacets(encodeWordFacets(ENTRIES), 'wfc-x.bin');
    expect(ordered(back)).toEqual(ordered(ENTRIES));
    expect(Object.keys(back.get('普惠金融')!.bank)).toContain('__proto__');
    expect(decodeWordFacets(encodeWordFacets(new Map()), 'wfc-x.bin')).toEqual(new Map());
  });

  it('refuse a count that is not a positive integer when written', () => {
    for (const n of [0, -1, 1.5]) {
      expect(() => encodeWordFacets(new Map([['a', { bank: { x: n }, source: {}, province: {} }]]))).toThrow(RangeError);
    }
  });

  it('reject a file that is not one, is cut short, counts zero or has bytes after its end, naming it', () => {
    const bytes = encodeWordFacets(ENTRIES);
    const bad = (b: Uint8Array) => () => decodeWordFacets(b, 'wfc-00112233445566.bin');
    for (let cut = 1; cut < bytes.length; cut += 7) expect(bad(bytes.subarray(0, bytes.length - cut))).toThrow(/^wfc-00112233445566\.bin: /);
    expect(bad(bytes.subarray(0, bytes.length - 1))).toThrow(IndexFormatError);
    expect(bad(Uint8Array.of(...bytes, 0))).toThrow(/bytes after its end/);
    const one = encodeWordFacets(new Map([['a', { bank: { x: 1 }, source: {}, province: {} }]]));
    // Byte by byte: the magic's first, the layout, and the count of the only value (before the two empty facets).
    const altered: [Uint8Array, number, number, RegExp][] = [
      [bytes, 0, 0x58, /magic/],
      [bytes, 4, 9, /layout 9/],
      [one, one.length - 3, 0, /counts no article for bank "x" of "a"/],
    ];
    for (const [file, at, value, reason] of altered) {
      const changed = Uint8Array.from(file);
      changed[at] = value;
      expect(bad(changed)).toThrow(reason);
    }
  });

  it('are detected when altered on the way, by the content hash they are sealed and named with', async () => {
    const packed = await packFile(encodeWordFacets(ENTRIES));
    const name = wordFacetsFile(sealedHash(seal(encodeWordFacets(ENTRIES)))!);
    expect(ordered(decodeWordFacets(await unpackFile(packed, name), name))).toEqual(ordered(ENTRIES));
    const sealed = seal(encodeWordFacets(ENTRIES));
    sealed[10]! ^= 0xff;
    expect(() => unseal(sealed, name)).toThrow(IndexCorruptError);
    expect(() => unseal(sealed, name)).toThrow(/^wfc-[0-9a-f]{14}\.bin: content hash/);
  });

  it('are content-named, and a word goes to one file of any count', () => {
    expect(wordFacetsFile('00112233445566')).toBe('wfc-00112233445566.bin');
    expect(isWordFacetsFileName(wordFacetsFile('00112233445566'))).toBe(true);
    expect(isWordFacetsFileName('wfc-0011.bin')).toBe(false);
    expect(isWordFacetsFileName('sug-00112233445566.bin')).toBe(false);
    for (const count of [1, 2, 64]) {
      const shard = wordFacetsShardOf('普惠金融', count);
      expect(shard).toBeGreaterThanOrEqual(0);
      expect(shard).toBeLessThan(count);
      expect(wordFacetsShardOf('普惠金融', count)).toBe(shard);
    }
    const spread = new Set(['普惠', '金融', '绿色', '信贷', '科技', '小微', '农村', '数字'].map((w) => wordFacetsShardOf(w, 8)));
    expect(spread.size).toBeGreaterThan(1);
  });
});
