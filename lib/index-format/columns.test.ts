import { describe, expect, it } from 'vitest';
import { ByteReader, ByteWriter } from './bytes';
import {
  decodeFacetValues,
  decodeRankColumns,
  dequantizeLength,
  encodeColumns,
  facetColumn,
  quantizeLength,
  type ColumnFiles,
  type Columns,
  type FacetColumn,
  type FacetValues,
  type FragmentSlots,
  type RankColumns,
} from './columns';
import { dayOf, MIN_DAY, NO_DAY } from './dates';
import { FACETS, type FacetKey } from './facets';
import { SLOT_BLOCK, slotBlocks } from './pack';
import { encodeShard } from './shard';
import { formatError, mulberry32 } from './test-support';

const FILE = 'columns.0123456789abcd.bin';
/** Distinct names for the two payloads where a test checks that each decoder names the file it was given. */
const RANK_NAME = 'rank.0123456789abcd.bin';
const FACETS_NAME = 'facets.fedcba98765432.bin';
const KEYS = FACETS.map((f) => f.key);

/** One document, its facet values as ids into the column's values (any order, repeats and out-of-range ids kept as given). */
interface Doc {
  day: number;
  length: number;
  bank?: number[];
  /** At most one id for a well-formed column; empty for none. */
  source?: number[];
  province?: number[];
}

/** A facet column straight from ids, without {@link facetColumn}'s sorting and deduping. */
function csr(values: string[], perDoc: readonly (readonly number[])[]): FacetColumn {
  const start = new Uint32Array(perDoc.length + 1);
  const ids: number[] = [];
  perDoc.forEach((vs, d) => {
    start[d] = ids.length;
    ids.push(...vs);
  });
  start[perDoc.length] = ids.length;
  return { values, start, ids: Uint32Array.from(ids) };
}

function columnsOf(values: Partial<Record<FacetKey, string[]>>, docs: Doc[]): Columns {
  const facets = {} as Record<FacetKey, FacetColumn>;
  for (const key of KEYS)
    facets[key] = csr(
      values[key] ?? [],
      docs.map((d) => d[key] ?? []),
    );
  return {
    docCount: docs.length,
    day: Int32Array.from(docs.map((d) => d.day)),
    facets,
    length: Uint32Array.from(docs.map((d) => d.length)),
  };
}

/** The ids of document d in a facet column. */
const idsOf = (col: FacetColumn, d: number) => [...col.ids.subarray(col.start[d]!, col.start[d + 1]!)];

/**
 * Decodes both payloads of {@link encodeColumns} and joins them, as the browser does once it has both;
 * the two must agree on the number of documents.
 */
function decodeColumns(files: ColumnFiles, file: string): Columns {
  const rank: RankColumns = decodeRankColumns(files.rank, file);
  const facets: FacetValues = decodeFacetValues(files.facets, file);
  expect(facets.docCount, 'documents in the facets payload').toBe(rank.docCount);
  return { ...rank, ...facets };
}

/** Bytes of both payloads together. */
const size = (files: ColumnFiles) => files.rank.length + files.facets.length;

/** Lengths are stored as one-byte log codes: what a decoder gives back for `n`. */
const stored = (n: number) => dequantizeLength(quantizeLength(n));

/**
 * Compares decoded columns with the encoded ones (whose CSR starts at 0); lengths as {@link stored},
 * everything else exactly.
 */
function expectSameColumns(got: Columns, want: Columns): void {
  expect(got.docCount).toBe(want.docCount);
  expect(got.day).toBeInstanceOf(Int32Array);
  expect(got.length).toBeInstanceOf(Uint32Array);
  expect([...got.day]).toEqual([...want.day]);
  expect([...got.length]).toEqual([...want.length].map(stored));
  expect(Object.keys(got.facets).sort()).toEqual([...KEYS].sort());
  for (const key of KEYS) {
    const g = got.facets[key];
    const w = want.facets[key];
    expect(g.start, key).toBeInstanceOf(Uint32Array);
    expect(g.ids, key).toBeInstanceOf(Uint32Array);
    expect(g.values, key).toEqual(w.values);
    expect([...g.start], key).toEqual([...w.start]);
    expect([...g.ids], key).toEqual([...w.ids]);
  }
}

const BANKS = ['工商银行', '建设银行', '交通银行', '兴业银行', '招商银行'];
const SOURCES = ['新华社', '中国证券报', 'Reuters 路透', ''];
const PROVINCES = ['北京', '上海', '广东', '浙江', '江苏', '四川'];

function randomColumns(rnd: () => number, docCount: number): Columns {
  const docs: Doc[] = [];
  let day = dayOf('2019-01-01');
  const pick = (n: number, max: number) => Array.from({ length: Math.floor(rnd() * (max + 1)) }, () => Math.floor(rnd() * n));
  for (let d = 0; d < docCount; d++) {
    if (rnd() < 0.7) day += Math.floor(rnd() * 3);
    docs.push({
      day: rnd() < 0.1 ? NO_DAY : day,
      bank: pick(BANKS.length, 3), // repeats and any order: the codec keeps ids as given
      source: rnd() < 0.15 ? [] : [Math.floor(rnd() * SOURCES.length)],
      province: pick(PROVINCES.length, 2),
      length: Math.floor(rnd() * (rnd() < 0.05 ? 2 ** 32 : 5000)),
    });
  }
  return columnsOf({ bank: BANKS, source: SOURCES, province: PROVINCES }, docs);
}

/** Writes a facets payload header by hand: magic, layout, documents, then each facet's key, kind and values. */
function header(w: ByteWriter, docCount: number, facets: [key: string, multi: number, values: string[]][], layout = 4, magic = 'BNSF'): void {
  for (const ch of magic) w.u8(ch.charCodeAt(0));
  w.u8(layout);
  w.varint(docCount);
  w.varint(facets.length);
  for (const [key, multi, values] of facets) {
    w.string(key);
    w.u8(multi);
    w.varint(values.length);
    for (const v of values) w.string(v);
  }
}

/** Writes a rank payload header by hand: magic, layout, documents; the days, length codes and slot section follow. */
function rankHeader(w: ByteWriter, docCount: number, layout = 5, magic = 'BNSR'): void {
  for (const ch of magic) w.u8(ch.charCodeAt(0));
  w.u8(layout);
  w.varint(docCount);
}

/** The three facets of {@link FACETS} as the encoder writes them, with the given values. */
const facetHeader = (bank: string[] = [], source: string[] = [], province: string[] = []): [string, number, string[]][] => [
  ['bank', 1, bank],
  ['source', 0, source],
  ['province', 1, province],
];

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** Where `needle` first occurs in `hay`, -1 if nowhere. */
function indexOfBytes(hay: Uint8Array, needle: number[]): number {
  for (let i = 0; i + needle.length <= hay.length; i++) if (needle.every((b, k) => hay[i + k] === b)) return i;
  return -1;
}

describe('FACETS as the columns see them', () => {
  it('has bank (multi-valued), source (single-valued) and province (multi-valued), in that order', () => {
    expect(FACETS.map((f) => [f.key, f.multi])).toEqual([
      ['bank', true],
      ['source', false],
      ['province', true],
    ]);
  });
});

describe('facetColumn', () => {
  it('sorts the values by code unit, not by code point or locale', () => {
    // '𠀀' (U+20000) is the surrogate pair D840 DC00, below '！' (U+FF01) in code units though above it in code points.
    const col = facetColumn([
      ['招商银行', '！'],
      ['工商银行', 'bank'],
      ['Bank', '𠀀', '中国银行'],
    ]);
    expect(col.values).toEqual(['Bank', 'bank', '中国银行', '工商银行', '招商银行', '𠀀', '！']);
    expect(idsOf(col, 0)).toEqual([4, 6]);
    expect(idsOf(col, 1)).toEqual([1, 3]);
    expect(idsOf(col, 2)).toEqual([0, 2, 5]);
  });

  it('dedupes values across and within documents, and gives each document its ids ascending and distinct', () => {
    const col = facetColumn([['y', 'x', 'y', 'x'], [], ['x'], ['z', 'y', 'z'], ['x', 'x']]);
    expect(col.values).toEqual(['x', 'y', 'z']);
    expect(col.start).toBeInstanceOf(Uint32Array);
    expect(col.ids).toBeInstanceOf(Uint32Array);
    expect([...col.start]).toEqual([0, 2, 2, 3, 5, 6]);
    expect([...col.ids]).toEqual([0, 1, 0, 1, 2, 0]);
  });

  it('keeps every document, with or without values, and the empty string as a value', () => {
    const col = facetColumn([[], [''], [], ['a', '']]);
    expect(col.values).toEqual(['', 'a']);
    expect([...col.start]).toEqual([0, 0, 1, 1, 3]);
    expect([...col.ids]).toEqual([0, 0, 1]);
  });

  it('builds an empty column for no documents', () => {
    const col = facetColumn([]);
    expect(col.values).toEqual([]);
    expect([...col.start]).toEqual([0]);
    expect([...col.ids]).toEqual([]);
  });

  it('sorts numbered ids numerically, past ten values', () => {
    const values = Array.from({ length: 12 }, (_, i) => `v${String(i).padStart(2, '0')}`);
    const col = facetColumn([[...values].reverse()]);
    expect(col.values).toEqual(values);
    expect([...col.ids]).toEqual(values.map((_, i) => i));
  });

  it('gives seeded random columns that name each document’s values, ascending and distinct', () => {
    const rnd = mulberry32(7);
    const pool = ['甲', '乙', '丙', '丁', 'a', 'B', ''];
    const perDoc = Array.from({ length: 500 }, () => Array.from({ length: Math.floor(rnd() * 5) }, () => pool[Math.floor(rnd() * pool.length)]!));
    const col = facetColumn(perDoc);
    expect(col.values).toEqual([...new Set(perDoc.flat())].sort());
    expect(col.start.length).toBe(perDoc.length + 1);
    perDoc.forEach((vs, d) => {
      const ids = idsOf(col, d);
      for (let k = 1; k < ids.length; k++) expect(ids[k]!, `document ${d}`).toBeGreaterThan(ids[k - 1]!);
      expect(ids.map((i) => col.values[i])).toEqual([...new Set(vs)].sort());
    });
  });

  it('builds columns the codec round-trips', () => {
    const docs = [
      { banks: ['交通银行', '工商银行', '交通银行'], source: '新华社', provinces: ['上海'] },
      { banks: [], source: null, provinces: [] },
      { banks: ['建设银行'], source: '财新', provinces: ['北京', '上海'] },
    ];
    const facets = {} as Record<FacetKey, FacetColumn>;
    for (const f of FACETS) facets[f.key] = facetColumn(docs.map((d) => f.values(d)));
    const c: Columns = { docCount: 3, day: Int32Array.of(19060, NO_DAY, 19061), facets, length: Uint32Array.of(10, 0, 3) };
    const got = decodeColumns(encodeColumns(c), FILE);
    expectSameColumns(got, c);
    expect(idsOf(got.facets.bank, 0).map((i) => got.facets.bank.values[i])).toEqual(['交通银行', '工商银行']);
    expect(idsOf(got.facets.source, 1)).toEqual([]);
    expect(idsOf(got.facets.source, 2).map((i) => got.facets.source.values[i])).toEqual(['财新']);
    expect(idsOf(got.facets.province, 2).map((i) => got.facets.province.values[i])).toEqual(['上海', '北京']);
  });
});

describe('encodeColumns / decodeRankColumns / decodeFacetValues', () => {
  it('round-trips seeded random columns with unknown days, documents without a source and the multi-valued CSR', () => {
    const rnd = mulberry32(31);
    for (const n of [1, 2, 10, 300, 2000]) {
      const c = randomColumns(rnd, n);
      expectSameColumns(decodeColumns(encodeColumns(c), FILE), c);
    }
  });

  it('round-trips a fixed example', () => {
    const c = columnsOf({ bank: ['工商银行', '交通银行', '兴业银行'], source: ['新华社', '财新'], province: ['北京', '广东'] }, [
      { day: NO_DAY, length: 0 },
      { day: dayOf('2022-03-09T23:30:00+08:00'), bank: [2, 0], source: [0], province: [1], length: 1234 },
      { day: NO_DAY, bank: [1], source: [1], length: 7 },
      { day: dayOf('2022-03-10'), bank: [0, 1, 2], province: [0, 1], length: 99 },
      { day: 0, source: [1], length: 2 ** 32 - 1 },
    ]);
    const got = decodeColumns(encodeColumns(c), FILE);
    expectSameColumns(got, c);
    expect([...got.day]).toEqual([NO_DAY, 19060, NO_DAY, 19061, 0]);
    expect(idsOf(got.facets.bank, 3)).toEqual([0, 1, 2]);
    expect(idsOf(got.facets.bank, 1)).toEqual([2, 0]); // as given: the codec does not sort
    expect(idsOf(got.facets.bank, 0)).toEqual([]);
    expect([0, 1, 2, 3, 4].map((d) => idsOf(got.facets.source, d))).toEqual([[], [0], [1], [], [1]]);
    expect([...got.facets.source.start]).toEqual([0, 0, 1, 2, 2, 3]);
    expect([0, 1, 2, 3, 4].map((d) => idsOf(got.facets.province, d))).toEqual([[], [1], [], [0, 1], []]);
    // Short lengths come back exactly; longer ones to within a step of the log scale.
    expect([got.length[0], got.length[2], got.length[3]]).toEqual([0, 7, 101]); // 99 → code 80 → 2^(80/12) - 1 ≈ 100.6
    expect(Math.abs(got.length[1]! - 1234) / 1234).toBeLessThanOrEqual(0.03);
  });

  it('round-trips the empty string as a single value, distinct from none', () => {
    const c = columnsOf({ source: ['', 'a'] }, [
      { day: 1, source: [0], length: 1 },
      { day: 1, length: 1 },
      { day: 1, source: [1], length: 1 },
    ]);
    const got = decodeColumns(encodeColumns(c), FILE);
    expectSameColumns(got, c);
    expect([0, 1, 2].map((d) => idsOf(got.facets.source, d))).toEqual([[0], [], [1]]);
  });

  it('round-trips a corpus of identical documents', () => {
    const c = columnsOf(
      {},
      Array.from({ length: 300 }, () => ({ day: 1, length: 1 })),
    );
    expectSameColumns(decodeColumns(encodeColumns(c), FILE), c);
  });

  it('writes the facets in FACETS order whatever the order of the keys of Columns.facets', () => {
    const c = columnsOf({ bank: ['x'], source: ['s'], province: ['p'] }, [{ day: 1, bank: [0], source: [0], province: [0], length: 1 }]);
    const reversed: Columns = { ...c, facets: Object.fromEntries([...KEYS].reverse().map((k) => [k, c.facets[k]])) as Columns['facets'] };
    expect(Object.keys(reversed.facets)).toEqual(['province', 'source', 'bank']);
    expect(encodeColumns(reversed)).toEqual(encodeColumns(c));
    expect(encodeColumns(reversed).facets).toEqual(encodeColumns(c).facets);
    expect(encodeColumns(reversed).rank).toEqual(encodeColumns(c).rank);
  });

  it('spends two rank bytes and three facet bytes per plain document, and ends the rank payload with the length codes and the slot section: there is no cluster section', () => {
    const doc = (length: number): Doc => ({ day: 1, length });
    const alone = Array.from({ length: 100 }, () => doc(1));
    const files = (docs: Doc[]) => encodeColumns(columnsOf({}, docs));
    // Per document: in the rank payload its day delta and length code, in the facets payload its bank count,
    // source byte and province count, and nothing more.
    expect(files(alone).rank.length).toBe(files(alone.slice(0, 99)).rank.length + 2);
    expect(files(alone).facets.length).toBe(files(alone.slice(0, 99)).facets.length + 3);
    expect(size(files(alone))).toBe(size(files(alone.slice(0, 99))) + 5);
    // Rank header 6 bytes: magic 4, layout 1, 100 documents 1. Then the first day 3 bytes (day 1 is
    // 1 - MIN_DAY + 1 = 100002, zigzag 200004), the other 99 days one each (delta 0), then the length codes
    // at one byte each, then the slot section, 4 bytes when no fragment slots are given (group size 1, no
    // members, intercept 0, slope 0), and nothing after.
    expect(files([]).rank.length).toBe(6 + 4);
    expect(files(alone).rank.length).toBe(6 + 3 + 99 + 100 + 4);
    // Facets header 34 bytes: magic 4, layout 1, 100 documents 1, 3 facets 1; then per facet its key (length
    // and UTF-8), kind 1 and 0 values 1: bank 1 + 4 + 2, source 1 + 6 + 2, province 1 + 8 + 2. Then bank
    // counts, sources and province counts at one byte each, and nothing after: no days, no length codes.
    expect(files([]).facets.length).toBe(34);
    expect(files(alone).facets.length).toBe(34 + 3 * 100);
    expect(size(files([]))).toBe(6 + 4 + 34);
    expect(size(files(alone))).toBe(6 + 3 + 99 + 100 + 4 + 34 + 3 * 100);
    // The 100 bytes before the slot section are the length codes, in document order.
    const lengths = Array.from({ length: 100 }, (_, i) => i);
    const { rank, facets } = encodeColumns(columnsOf({}, lengths.map(doc)));
    expect([...rank.subarray(rank.length - 4 - 100, rank.length - 4)]).toEqual(lengths.map(quantizeLength));
    expect([...rank.subarray(rank.length - 4)]).toEqual([1, 0, 0, 0]);
    // The facets payload holds no length code: it ends with the 100 province counts, all 0, and is the
    // same as when every length is 1.
    expect([...facets.subarray(facets.length - 100)]).toEqual(lengths.map(() => 0));
    expect(facets).toEqual(files(alone).facets);
  });

  it('round-trips single values with one byte each below 255 values and as varints from 255 on', () => {
    for (const count of [1, 253, 254, 255, 256, 300, 1000]) {
      const values = Array.from({ length: count }, (_, i) => `source ${i}`);
      const picks = [[0], [count - 1], [Math.floor(count / 2)], [], [count - 1], [0]];
      const c = columnsOf(
        { source: values },
        picks.map((source) => ({ day: 1, source, length: 1 })),
      );
      const got = decodeColumns(encodeColumns(c), FILE);
      expectSameColumns(got, c);
      expect(
        picks.map((_, d) => idsOf(got.facets.source, d)),
        `${count} values`,
      ).toEqual(picks);
    }
  });

  it('spends one byte per single value when there are 254 values, and more on large ids when there are 255 or more', () => {
    const files = (count: number, source: number, docs: number) => {
      const values = Array.from({ length: count }, (_, i) => String(i % 10).repeat(3));
      return encodeColumns(
        columnsOf(
          { source: values },
          Array.from({ length: docs }, () => ({ day: 1, source: [source], length: 1 })),
        ),
      );
    };
    const grows = (count: number, source: number) => {
      const [one, eleven] = [files(count, source, 1), files(count, source, 11)];
      return { rank: eleven.rank.length - one.rank.length, facets: eleven.facets.length - one.facets.length, both: size(eleven) - size(one) };
    };
    // Per document: in the rank payload day and length, whatever the values; in the facets payload bank
    // count, source, province count. Value 200 is written as 201: one byte as a u8, two as a varint (201 >= 128).
    expect(grows(254, 200)).toEqual({ rank: 10 * 2, facets: 10 * 3, both: 10 * 5 });
    expect(grows(255, 200)).toEqual({ rank: 10 * 2, facets: 10 * 4, both: 10 * 6 });
    expect(grows(255, 100)).toEqual({ rank: 10 * 2, facets: 10 * 3, both: 10 * 5 });
  });

  it('writes a single value as id + 1 and none as 0: bytes below 255 values, varints from 255 on', () => {
    // The facets payload ends with the single values, then two province counts (0): the length codes are in
    // the rank payload.
    const tail = (count: number, sourceBytes: number) => {
      const values = Array.from({ length: count }, (_, i) => `s${i}`);
      const { facets } = encodeColumns(
        columnsOf({ source: values }, [
          { day: 1, source: [200], length: 0 },
          { day: 1, length: 0 },
        ]),
      );
      return [...facets.subarray(facets.length - sourceBytes - 2)];
    };
    expect(tail(254, 2)).toEqual([201, 0, 0, 0]);
    expect(tail(255, 3)).toEqual([0xc9, 0x01, 0, 0, 0]);
    expect(tail(255, 4)[0]).toBe(0); // the last bank count: nothing else is in between
  });

  it('round-trips days before 1970 other than -1 and days out of order', () => {
    const c = columnsOf({}, [
      { day: dayOf('1969-12-30'), length: 1 },
      { day: 20000, length: 1 },
      { day: 5, length: 1 },
      { day: -400, length: 1 },
      { day: -1, length: 1 },
      { day: NO_DAY, length: 1 },
      { day: 0, length: 1 },
    ]);
    expectSameColumns(decodeColumns(encodeColumns(c), FILE), c);
  });

  it('keeps MIN_DAY (1696-03-17) and stores any earlier day as unknown', () => {
    const days = [MIN_DAY, MIN_DAY - 1, dayOf('1696-01-01'), -2_000_000, MIN_DAY + 1, 19060, MIN_DAY];
    const got = decodeColumns(
      encodeColumns(
        columnsOf(
          {},
          days.map((day) => ({ day, length: 1 })),
        ),
      ),
      FILE,
    );
    expect([...got.day]).toEqual([MIN_DAY, NO_DAY, NO_DAY, NO_DAY, MIN_DAY + 1, 19060, MIN_DAY]);
    expect(dayOf('1696-03-17')).toBe(MIN_DAY);
  });

  it('round-trips zero documents', () => {
    const c = columnsOf({ bank: ['b'], source: ['a'], province: ['p'] }, []);
    const got = decodeColumns(encodeColumns(c), FILE);
    expectSameColumns(got, c);
    for (const key of KEYS) expect([...got.facets[key].start], key).toEqual([0]);
  });

  it('starts the rank payload with the BNSR magic and layout 5, then the documents, and ends it with the slot section', () => {
    const { rank } = encodeColumns(columnsOf({}, []));
    // prettier-ignore
    expect([...rank]).toEqual([
      0x42, 0x4e, 0x53, 0x52, 5, // magic, layout
      0, // documents, so no days and no length codes
      1, 0, // slot section: group size 1 (the default), no members
      0, 0, // intercept and slope: nothing to fit, and nothing after
    ]);
  });

  it('starts the facets payload with the BNSF magic and layout 4, then the facet keys, kinds and values', () => {
    const { facets } = encodeColumns(columnsOf({}, []));
    // prettier-ignore
    expect([...facets]).toEqual([
      0x42, 0x4e, 0x53, 0x46, 4, // magic, layout
      0, // documents
      3, // facets
      4, ...ascii('bank'), 1, 0, // key, multi-valued, 0 values
      6, ...ascii('source'), 0, 0, // key, single-valued, 0 values
      8, ...ascii('province'), 1, 0, // key, multi-valued, 0 values, and nothing after
    ]);
  });

  it('lays the rank columns out one after another and ends with the slot section after the length codes', () => {
    const { rank } = encodeColumns(
      columnsOf({ bank: ['x', 'y'], source: ['a'], province: ['p'] }, [
        { day: NO_DAY, bank: [1], source: [0], length: 7 },
        { day: 0, province: [0], length: 0 },
        { day: 1, bank: [0, 1], source: [0], length: 1 },
      ]),
    );
    // prettier-ignore
    expect([...rank]).toEqual([
      0x42, 0x4e, 0x53, 0x52, 5, // magic, layout
      3, // documents
      0, 0xc2, 0x9a, 0x0c, 2, // days as zigzag deltas of day - MIN_DAY + 1: unknown (0), day 0 (+100001 → 200002), day 1 (+1 → 2)
      36, 0, 12, // length codes: round(log2(1 + n) * 12)
      1, 0, 0, 0, // slot section of no fragment slots: group size 1, no members, intercept 0, slope 0, and nothing after
    ]);
  });

  it('lays the facet columns out one after another and ends after the last facet', () => {
    const { facets } = encodeColumns(
      columnsOf({ bank: ['x', 'y'], source: ['a'], province: ['p'] }, [
        { day: NO_DAY, bank: [1], source: [0], length: 7 },
        { day: 0, province: [0], length: 0 },
        { day: 1, bank: [0, 1], source: [0], length: 1 },
      ]),
    );
    // prettier-ignore
    expect([...facets]).toEqual([
      0x42, 0x4e, 0x53, 0x46, 4, // magic, layout
      3, // documents
      3, // facets
      4, 0x62, 0x61, 0x6e, 0x6b, 1, 2, 1, 0x78, 1, 0x79, // "bank", multi-valued, values "x", "y"
      6, 0x73, 0x6f, 0x75, 0x72, 0x63, 0x65, 0, 1, 1, 0x61, // "source", single-valued, value "a"
      8, 0x70, 0x72, 0x6f, 0x76, 0x69, 0x6e, 0x63, 0x65, 1, 1, 1, 0x70, // "province", multi-valued, value "p"
      1, 0, 2, // bank counts (no days before them)
      1, 0, 1, // bank ids
      1, 0, 1, // sources, one byte each, id + 1: "a", none, "a"
      0, 1, 0, // province counts
      0, // province ids, and nothing after them: no length codes
    ]);
  });

  it('decodes the rank payload into days, lengths and slots only, and the facets payload into facet columns only', () => {
    const c = columnsOf({ bank: ['x', 'y'], source: ['a'], province: ['p'] }, [
      { day: NO_DAY, bank: [1], source: [0], length: 7 },
      { day: 0, province: [0], length: 0 },
      { day: 1, bank: [0, 1], source: [0], length: 1 },
    ]);
    const files = encodeColumns(c);
    expect(Object.keys(files).sort()).toEqual(['facets', 'rank']);
    const rank = decodeRankColumns(files.rank, RANK_NAME);
    expect(Object.keys(rank).sort()).toEqual(['day', 'docCount', 'length', 'slots']);
    expect(rank.docCount).toBe(3);
    expect(rank.day).toBeInstanceOf(Int32Array);
    expect(rank.length).toBeInstanceOf(Uint32Array);
    // No fragment slots were given: none are decoded.
    expect(rank.slots).toBeInstanceOf(Uint32Array);
    expect([...rank.slots!]).toEqual([]);
    expect([...rank.day]).toEqual([NO_DAY, 0, 1]);
    expect([...rank.length]).toEqual([7, 0, 1]);
    const facets = decodeFacetValues(files.facets, FACETS_NAME);
    expect(Object.keys(facets).sort()).toEqual(['docCount', 'facets']);
    expect(facets.docCount).toBe(3);
    expectSameColumns({ ...rank, ...facets }, c);
  });

  it('writes the same rank payload whatever the facet values: ranking need not wait for them', () => {
    const c = randomColumns(mulberry32(41), 500);
    const other = randomColumns(mulberry32(42), 500);
    const refaceted: Columns = { ...c, facets: other.facets };
    expect(encodeColumns(refaceted).facets).not.toEqual(encodeColumns(c).facets);
    expect(encodeColumns(refaceted).rank).toEqual(encodeColumns(c).rank);
    expectSameColumns(decodeColumns(encodeColumns(refaceted), FILE), refaceted);
    // One document's values changed, added or removed; or no facet values at all.
    const docs: Doc[] = [
      { day: 19060, bank: [0], source: [0], province: [0], length: 300 },
      { day: 19061, length: 20 },
    ];
    const base = encodeColumns(columnsOf({ bank: ['x', 'y'], source: ['a', 'b'], province: ['p'] }, docs));
    for (const changed of [
      [{ ...docs[0]!, bank: [1] }, docs[1]!],
      [{ ...docs[0]!, source: [1] }, docs[1]!],
      [{ ...docs[0]!, source: [] }, docs[1]!],
      [docs[0]!, { ...docs[1]!, bank: [0, 1], province: [0] }],
    ]) {
      const files = encodeColumns(columnsOf({ bank: ['x', 'y'], source: ['a', 'b'], province: ['p'] }, changed));
      expect(files.facets, JSON.stringify(changed)).not.toEqual(base.facets);
      expect(files.rank, JSON.stringify(changed)).toEqual(base.rank);
    }
    const bare = encodeColumns(
      columnsOf(
        {},
        docs.map(({ day, length }) => ({ day, length })),
      ),
    );
    expect(bare.facets).not.toEqual(base.facets);
    expect(bare.rank).toEqual(base.rank);
  });

  it('writes the same facets payload whatever the days and lengths: facet values need not be fetched again', () => {
    const c = randomColumns(mulberry32(43), 500);
    const other = randomColumns(mulberry32(44), 500);
    const redated: Columns = { ...c, day: other.day, length: other.length };
    expect(encodeColumns(redated).rank).not.toEqual(encodeColumns(c).rank);
    expect(encodeColumns(redated).facets).toEqual(encodeColumns(c).facets);
    expectSameColumns(decodeColumns(encodeColumns(redated), FILE), redated);
    // One document's day or length changed, a day made unknown or one before MIN_DAY.
    const values = { bank: ['x', 'y'], source: ['a', 'b'], province: ['p'] };
    const docs: Doc[] = [
      { day: 19060, bank: [0], source: [0], province: [0], length: 300 },
      { day: 19061, bank: [1], length: 20 },
    ];
    const base = encodeColumns(columnsOf(values, docs));
    for (const changed of [
      [{ ...docs[0]!, day: 19059 }, docs[1]!],
      [{ ...docs[0]!, length: 3000 }, docs[1]!],
      [docs[0]!, { ...docs[1]!, day: NO_DAY }],
      [docs[0]!, { ...docs[1]!, day: MIN_DAY - 1, length: 0 }],
    ]) {
      const files = encodeColumns(columnsOf(values, changed));
      expect(files.rank, JSON.stringify(changed)).not.toEqual(base.rank);
      expect(files.facets, JSON.stringify(changed)).toEqual(base.facets);
    }
  });

  // Document d's values are ids[start[d] .. start[d + 1]), so start need not begin at 0: ids before
  // start[0] belong to no document and are not written.
  it('writes multi-valued ids from start[0] on and rebuilds the CSR from 0', () => {
    const c = columnsOf({ bank: ['x', 'y'] }, [{ day: 1, bank: [1], length: 1 }]);
    const shifted: Columns = { ...c, facets: { ...c.facets, bank: { values: ['x', 'y'], start: Uint32Array.of(1, 2), ids: Uint32Array.of(0, 1) } } };
    const got = decodeColumns(encodeColumns(shifted), FILE);
    expect([...got.facets.bank.start]).toEqual([0, 1]);
    expect([...got.facets.bank.ids]).toEqual([1]);
    expect(encodeColumns(shifted)).toEqual(encodeColumns(c));
  });

  it('ignores ids before start[0], even ones naming no value, over several documents and in every facet', () => {
    const c = columnsOf({ bank: ['x', 'y'], source: ['s', 't'], province: ['p'] }, [
      { day: 1, bank: [1], source: [1], length: 1 },
      { day: 1, province: [0], length: 1 },
      { day: 1, bank: [0, 1], source: [0], length: 1 },
    ]);
    const shifted: Columns = {
      ...c,
      facets: {
        bank: { values: ['x', 'y'], start: Uint32Array.of(2, 3, 3, 5), ids: Uint32Array.of(7, 7, 1, 0, 1) },
        source: { values: ['s', 't'], start: Uint32Array.of(1, 2, 2, 3), ids: Uint32Array.of(9, 1, 0) },
        province: { values: ['p'], start: Uint32Array.of(3, 3, 4, 4), ids: Uint32Array.of(5, 5, 5, 0) },
      },
    };
    const files = encodeColumns(shifted);
    expect(files).toEqual(encodeColumns(c));
    const got = decodeColumns(files, FILE);
    expect([...got.facets.bank.start]).toEqual([0, 1, 1, 3]);
    expect([...got.facets.bank.ids]).toEqual([1, 0, 1]);
    expect([...got.facets.source.start]).toEqual([0, 1, 1, 2]);
    expect([...got.facets.source.ids]).toEqual([1, 0]);
    expect([...got.facets.province.start]).toEqual([0, 0, 1, 1]);
    expect([...got.facets.province.ids]).toEqual([0]);
  });

  it('throws a RangeError naming the document and facet when a single-valued facet has two values for one document', () => {
    const c = columnsOf({ source: ['新华社', '财新'] }, [
      { day: 1, source: [0], length: 1 },
      { day: 1, source: [0, 1], length: 1 },
    ]);
    expect(() => encodeColumns(c)).toThrow(RangeError);
    expect(() => encodeColumns(c)).toThrow('document 1 has 2 values of the single-valued facet source');
    // So does a column facetColumn built from two values of one document.
    const two: Columns = { ...c, facets: { ...c.facets, source: facetColumn([['新华社'], ['财新', '新华社']]) } };
    expect(() => encodeColumns(two)).toThrow(new RangeError('document 1 has 2 values of the single-valued facet source'));
    // The same value twice is still two values.
    const twice = columnsOf({ source: ['新华社'] }, [{ day: 1, source: [0, 0], length: 1 }]);
    expect(() => encodeColumns(twice)).toThrow(new RangeError('document 0 has 2 values of the single-valued facet source'));
  });
});

describe('decodeRankColumns / decodeFacetValues errors', () => {
  const good = encodeColumns(
    columnsOf({ bank: ['工商银行', '交通银行'], source: ['新华社'], province: ['上海'] }, [
      { day: 19060, bank: [0, 1], source: [0], length: 300 },
      { day: 19061, bank: [1], province: [0], length: 20 },
    ]),
  );

  /** Columns of layout 3, the last single payload ("BNSC"), as its encoder wrote the three documents of the layout tests above. */
  // prettier-ignore
  const layout3 = [
    0x42, 0x4e, 0x53, 0x43, 3, // magic, layout
    3, // documents
    3, // facets
    4, 0x62, 0x61, 0x6e, 0x6b, 1, 2, 1, 0x78, 1, 0x79, // "bank", multi-valued, values "x", "y"
    6, 0x73, 0x6f, 0x75, 0x72, 0x63, 0x65, 0, 1, 1, 0x61, // "source", single-valued, value "a"
    8, 0x70, 0x72, 0x6f, 0x76, 0x69, 0x6e, 0x63, 0x65, 1, 1, 1, 0x70, // "province", multi-valued, value "p"
    0, 0xc2, 0x9a, 0x0c, 2, // days
    1, 0, 2, // bank counts
    1, 0, 1, // bank ids
    1, 0, 1, // sources
    0, 1, 0, // province counts
    0, // province ids
    36, 0, 12, // length codes
  ];

  it('throws IndexFormatError starting with the file name for every truncation of either payload', () => {
    expect(decodeRankColumns(good.rank, RANK_NAME).docCount).toBe(2);
    expect(decodeFacetValues(good.facets, FACETS_NAME).docCount).toBe(2);
    expect(good.rank.length).toBe(16); // magic 4, layout 1, documents 1, days 3 + 1, length codes 2, slot section 4
    for (let n = 0; n < good.rank.length; n++) {
      const e = formatError(() => decodeRankColumns(good.rank.slice(0, n), RANK_NAME));
      expect(e.message.startsWith(`${RANK_NAME}: `), e.message).toBe(true);
      expect(e.file).toBe(RANK_NAME);
    }
    for (let n = 0; n < good.facets.length; n++) {
      const e = formatError(() => decodeFacetValues(good.facets.slice(0, n), FACETS_NAME));
      expect(e.message.startsWith(`${FACETS_NAME}: `), e.message).toBe(true);
      expect(e.file).toBe(FACETS_NAME);
    }
  });

  it('reports a wrong magic, including the other payload of the pair', () => {
    expect(formatError(() => decodeRankColumns(encodeShard([]), FILE)).message).toBe(`${FILE}: expected magic "BNSR", found "BNSS" at byte 4`);
    expect(formatError(() => decodeFacetValues(encodeShard([]), FILE)).message).toBe(`${FILE}: expected magic "BNSF", found "BNSS" at byte 4`);
    expect(formatError(() => decodeRankColumns(good.facets, FILE)).message).toBe(`${FILE}: expected magic "BNSR", found "BNSF" at byte 4`);
    expect(formatError(() => decodeFacetValues(good.rank, FILE)).message).toBe(`${FILE}: expected magic "BNSF", found "BNSR" at byte 4`);
  });

  it('reports an unknown layout, including the previous ones and the other payload’s', () => {
    // The rank payload is at layout 5 since it carries the slot section; the facets payload is still at 4.
    for (const [payload, decode, current, others] of [
      [good.rank, decodeRankColumns, 5, [9, 6, 4, 3, 2, 0]],
      [good.facets, decodeFacetValues, 4, [9, 5, 3, 2, 0]],
    ] as const) {
      const bad = new Uint8Array(payload);
      expect(bad[4]).toBe(current);
      for (const layout of others) {
        bad[4] = layout;
        expect(formatError(() => decode(bad, FILE)).message).toBe(`${FILE}: unknown columns layout ${layout}`);
      }
    }
  });

  it('refuses a file of the previous layout (3, "BNSC", one payload) in both decoders, by its magic', () => {
    const old = Uint8Array.from(layout3);
    expect(formatError(() => decodeRankColumns(old, FILE)).message).toBe(`${FILE}: expected magic "BNSR", found "BNSC" at byte 4`);
    expect(formatError(() => decodeFacetValues(old, FILE)).message).toBe(`${FILE}: expected magic "BNSF", found "BNSC" at byte 4`);
    // With either new magic but its own layout byte, by its layout.
    const withMagic = (magic: string) => Uint8Array.from([...ascii(magic), ...layout3.slice(4)]);
    expect(formatError(() => decodeRankColumns(withMagic('BNSR'), FILE)).message).toBe(`${FILE}: unknown columns layout 3`);
    expect(formatError(() => decodeFacetValues(withMagic('BNSF'), FILE)).message).toBe(`${FILE}: unknown columns layout 3`);
    // And the layout before it (2: magic, layout, documents, sources, banks, days, sources, bank counts, bank ids, lengths).
    const layout2 = Uint8Array.from([0x42, 0x4e, 0x53, 0x43, 2, 1, 1, 1, 0x61, 0, 0xc2, 0x9a, 0x0c, 1, 0, 12]);
    expect(formatError(() => decodeRankColumns(layout2, FILE)).message).toBe(`${FILE}: expected magic "BNSR", found "BNSC" at byte 4`);
    expect(formatError(() => decodeFacetValues(layout2, FILE)).message).toBe(`${FILE}: expected magic "BNSF", found "BNSC" at byte 4`);
  });

  it('rejects a file of the previous layout, relabelled as the current layout of either payload, as IndexFormatError', () => {
    const relabel = (magic: string, layout: number) => Uint8Array.from([...ascii(magic), layout, ...layout3.slice(5)]);
    // Read as facets: the same header, then the days where the bank counts belong: 0, then 200002.
    expect(formatError(() => decodeFacetValues(relabel('BNSF', 4), FILE)).message).toBe(`${FILE}: claims 200002 bank entries in 63 bytes`);
    // Read as rank: 3 documents, whose days (3, 4, 98) and lengths (97, 110, 107) are the first bytes of the
    // facet header; the slot section then reads "bank"'s kind (1) as the group size and its value count (2)
    // as the members, which 3 documents in members of 1 are not.
    expect(formatError(() => decodeRankColumns(relabel('BNSR', 5), FILE)).message).toBe(`${FILE}: has 2 fragment slots of 1 documents for 3 documents`);
  });

  it('rejects a rank payload of the previous rank layout (4), relabelled as 5: it ends where the slot section starts', () => {
    // prettier-ignore
    const layout4 = [
      0x42, 0x4e, 0x53, 0x52, 4, // magic, layout
      3, // documents
      0, 0xc2, 0x9a, 0x0c, 2, // days
      36, 0, 12, // length codes, and nothing after them
    ];
    expect(formatError(() => decodeRankColumns(Uint8Array.from(layout4), FILE)).message).toBe(`${FILE}: unknown columns layout 4`);
    const relabelled = Uint8Array.from([...layout4.slice(0, 4), 5, ...layout4.slice(5)]);
    expect(formatError(() => decodeRankColumns(relabelled, FILE)).message).toBe(`${FILE}: unexpected end of file at byte 14`);
    // It is this code's payload for the same documents but for the layout byte and the slot section.
    const current = encodeColumns(
      columnsOf({ bank: ['x', 'y'], source: ['a'], province: ['p'] }, [
        { day: NO_DAY, bank: [1], source: [0], length: 7 },
        { day: 0, province: [0], length: 0 },
        { day: 1, bank: [0, 1], source: [0], length: 1 },
      ]),
    ).rank;
    expect([...current]).toEqual([...relabelled, 1, 0, 0, 0]);
  });

  it('reports trailing bytes after either payload', () => {
    for (const [payload, decode] of [
      [good.rank, decodeRankColumns],
      [good.facets, decodeFacetValues],
    ] as const) {
      const bad = new Uint8Array(payload.length + 2);
      bad.set(payload);
      expect(formatError(() => decode(bad, FILE)).message).toBe(`${FILE}: trailing bytes after the last column`);
      expect(formatError(() => decode(Uint8Array.from([...payload, 0]), FILE)).message).toBe(`${FILE}: trailing bytes after the last column`);
    }
  });

  it('reports a single value out of range by its document', () => {
    const c = columnsOf({ source: ['新华社'] }, [
      { day: 1, source: [0], length: 1 },
      { day: 1, source: [5], length: 1 },
    ]);
    expect(formatError(() => decodeFacetValues(encodeColumns(c).facets, FILE)).message).toBe(`${FILE}: document 1 names source value 5 of 1`);
    const d = columnsOf({ source: ['新华社'] }, [
      { day: 1, source: [0], length: 1 },
      { day: 1, length: 1 },
      { day: 1, source: [1], length: 1 },
    ]);
    expect(formatError(() => decodeFacetValues(encodeColumns(d).facets, FILE)).message).toBe(`${FILE}: document 2 names source value 1 of 1`);
    // The rank payload knows nothing of facet values and decodes.
    expect(decodeRankColumns(encodeColumns(d).rank, FILE).docCount).toBe(3);
  });

  it('reports a single value out of range with no values at all, and byte 255 with fewer than 255 values', () => {
    const c = columnsOf({}, [{ day: 1, source: [0], length: 1 }]);
    expect(formatError(() => decodeFacetValues(encodeColumns(c).facets, FILE)).message).toBe(`${FILE}: document 0 names source value 0 of 0`);
    const w = new ByteWriter();
    header(
      w,
      1,
      facetHeader(
        [],
        Array.from({ length: 254 }, (_, i) => `s${i}`),
      ),
    );
    w.varint(0); // bank count
    w.u8(255); // source: id 254, one past the last
    w.varint(0); // province count
    expect(formatError(() => decodeFacetValues(w.finish(), FILE)).message).toBe(`${FILE}: document 0 names source value 254 of 254`);
  });

  it('reports a single value out of range with 255 or more values (varint ids)', () => {
    const values = Array.from({ length: 300 }, (_, i) => `s${i}`);
    const c = columnsOf({ source: values }, [{ day: 1, source: [300], length: 1 }]);
    expect(formatError(() => decodeFacetValues(encodeColumns(c).facets, FILE)).message).toBe(`${FILE}: document 0 names source value 300 of 300`);
  });

  it('reports a multi-valued id out of range by its document', () => {
    const c = columnsOf({ bank: ['a', 'b'] }, [{ day: 1, bank: [1, 7], length: 1 }]);
    expect(formatError(() => decodeFacetValues(encodeColumns(c).facets, FILE)).message).toBe(`${FILE}: document 0 names bank value 7 of 2`);
    const d = columnsOf({ bank: ['a', 'b'] }, [
      { day: 1, bank: [0], length: 1 },
      { day: 1, length: 1 },
      { day: 1, bank: [1, 2], length: 1 },
    ]);
    expect(formatError(() => decodeFacetValues(encodeColumns(d).facets, FILE)).message).toBe(`${FILE}: document 2 names bank value 2 of 2`);
    const p = columnsOf({ bank: ['a'], province: ['北京'] }, [{ day: 1, bank: [0], province: [0, 1], length: 1 }]);
    expect(formatError(() => decodeFacetValues(encodeColumns(p).facets, FILE)).message).toBe(`${FILE}: document 0 names province value 1 of 1`);
  });

  it('reports a column missing a facet of FACETS, naming the facet', () => {
    for (const missing of KEYS) {
      const w = new ByteWriter();
      header(
        w,
        1,
        facetHeader().filter(([key]) => key !== missing),
      );
      for (const key of KEYS) if (key !== missing) w.u8(0); // a count or a single value, one byte either way
      expect(formatError(() => decodeFacetValues(w.finish(), FILE)).message, missing).toBe(`${FILE}: has no column for the facet ${missing}`);
    }
    // A key that is not a facet does not stand in for one, and is refused.
    const w = new ByteWriter();
    header(w, 0, [
      ['bank', 1, []],
      ['sources', 0, []],
      ['province', 1, []],
    ]);
    expect(formatError(() => decodeFacetValues(w.finish(), FILE)).message).toBe(`${FILE}: stores the facet sources, which this code does not know`);
    const proto = new ByteWriter();
    header(proto, 0, [
      ['bank', 1, []],
      ['source', 0, []],
      ['province', 1, []],
      ['__proto__', 1, []],
    ]);
    expect(formatError(() => decodeFacetValues(proto.finish(), FILE)).message).toBe(`${FILE}: stores the facet __proto__, which this code does not know`);
    // Nor does a file with no facets at all.
    const none = new ByteWriter();
    header(none, 0, []);
    expect(formatError(() => decodeFacetValues(none.finish(), FILE)).message).toBe(`${FILE}: has no column for the facet bank`);
  });

  it('reports a facet stored twice, and a kind byte that is neither single nor multi', () => {
    const twice = new ByteWriter();
    header(twice, 0, [
      ['bank', 1, ['x']],
      ['bank', 0, []],
      ['source', 0, []],
      ['province', 1, []],
    ]);
    expect(formatError(() => decodeFacetValues(twice.finish(), FILE)).message).toBe(`${FILE}: stores the facet bank twice`);
    const kind = new ByteWriter();
    header(kind, 0, [
      ['bank', 7, []],
      ['source', 0, []],
      ['province', 1, []],
    ]);
    expect(formatError(() => decodeFacetValues(kind.finish(), FILE)).message).toBe(`${FILE}: facet bank has unknown kind 7`);
  });

  it('refuses to encode columns that lack a facet or whose rows do not match the documents', () => {
    const c = columnsOf({}, [{ day: 1, length: 1 }]);
    const { province: _, ...lacking } = c.facets;
    expect(() => encodeColumns({ ...c, facets: lacking as typeof c.facets })).toThrow(/need a province column with 2 row starts/);
    expect(() => encodeColumns({ ...c, docCount: 2, day: new Int32Array(2), length: new Uint32Array(2) })).toThrow(/need a bank column with 3 row starts/);
  });

  it('reports a facet stored with the wrong kind', () => {
    const multi = new ByteWriter();
    header(multi, 0, [
      ['bank', 1, []],
      ['source', 1, []],
      ['province', 1, []],
    ]);
    expect(formatError(() => decodeFacetValues(multi.finish(), FILE)).message).toBe(`${FILE}: stores the facet source as multi-valued`);
    const single = new ByteWriter();
    header(single, 0, [
      ['bank', 0, ['x']],
      ['source', 0, []],
      ['province', 1, []],
    ]);
    expect(formatError(() => decodeFacetValues(single.finish(), FILE)).message).toBe(`${FILE}: stores the facet bank as single-valued`);
    // The encoder's own file with a kind byte flipped.
    const bad = new Uint8Array(good.facets);
    const kindOfProvince = indexOfBytes(bad, [8, ...ascii('province')]) + 9; // the byte after the key
    expect(bad[kindOfProvince]).toBe(1);
    bad[kindOfProvince] = 0;
    expect(formatError(() => decodeFacetValues(bad, FILE)).message).toBe(`${FILE}: stores the facet province as single-valued`);
  });

  it('reports extra bytes after the last facet as trailing bytes, such as days or length codes of the previous layout', () => {
    const w = new ByteWriter();
    header(w, 2, facetHeader());
    w.varint(0); // bank count
    w.varint(0); // bank count
    w.u8(0); // source
    w.u8(0); // source
    w.varint(0); // province count
    w.varint(0); // province count
    const plain = w.finish();
    expect(decodeFacetValues(plain, FILE).docCount).toBe(2);
    expect(plain).toEqual(
      encodeColumns(
        columnsOf({}, [
          { day: NO_DAY, length: 0 },
          { day: NO_DAY, length: 0 },
        ]),
      ).facets,
    );
    const withExtra = (extra: number[]) => Uint8Array.from([...plain, ...extra]);
    for (const extra of [
      [0, 0], // two length codes
      [0], // no cluster members
      [1, 1, 2], // document 1 in document 0's cluster
      [0x42],
    ]) {
      expect(formatError(() => decodeFacetValues(withExtra(extra), FILE)).message, `${extra}`).toBe(`${FILE}: trailing bytes after the last column`);
    }
    // The same after a file the encoder wrote.
    const c = columnsOf({}, [
      { day: 1, length: 1 },
      { day: 2, length: 5 },
    ]);
    const files = encodeColumns(c);
    expectSameColumns(decodeColumns(files, FILE), c);
    expect(formatError(() => decodeFacetValues(Uint8Array.from([...files.facets, 1, 1, 2]), FILE)).message).toBe(
      `${FILE}: trailing bytes after the last column`,
    );
  });

  it('reads a slot section after the length codes, and reports extra bytes after it as trailing bytes, such as a cluster section or facet values', () => {
    const w = new ByteWriter();
    rankHeader(w, 2);
    w.varint(0); // day
    w.varint(0); // day
    w.u8(0); // length
    w.u8(0); // length
    const codesOnly = w.finish();
    w.varint(1); // group size
    w.varint(0); // no fragment slots
    w.varint(0); // intercept
    w.varint(0); // slope
    const plain = w.finish();
    // Without the slot section, the payload ends too soon.
    expect(formatError(() => decodeRankColumns(codesOnly, FILE)).message).toBe(`${FILE}: unexpected end of file at byte ${codesOnly.length}`);
    expect(decodeRankColumns(plain, FILE).docCount).toBe(2);
    expect(plain).toEqual(
      encodeColumns(
        columnsOf({}, [
          { day: NO_DAY, length: 0 },
          { day: NO_DAY, length: 0 },
        ]),
      ).rank,
    );
    const withExtra = (extra: number[]) => Uint8Array.from([...plain, ...extra]);
    for (const extra of [
      [0], // no cluster members
      [1, 1, 2], // document 1 in document 0's cluster
      [0, 0, 0, 0, 0, 0], // bank counts, sources and province counts of the previous layout
      [0x42],
    ]) {
      expect(formatError(() => decodeRankColumns(withExtra(extra), FILE)).message, `${extra}`).toBe(`${FILE}: trailing bytes after the last column`);
    }
    // The same after a file the encoder wrote.
    const c = columnsOf({}, [
      { day: 1, length: 1 },
      { day: 2, length: 5 },
    ]);
    const files = encodeColumns(c);
    expect(formatError(() => decodeRankColumns(Uint8Array.from([...files.rank, 1, 1, 2]), FILE)).message).toBe(`${FILE}: trailing bytes after the last column`);
  });

  it('reports a corrupted multi-valued count as IndexFormatError', () => {
    const w = new ByteWriter();
    header(w, 1, facetHeader(['x']));
    w.varint(2 ** 40); // bank count
    const bytes = w.finish();
    expect(formatError(() => decodeFacetValues(bytes, FILE)).message).toBe(`${FILE}: claims 1099511627776 bank entries in ${bytes.length} bytes`);
    const p = new ByteWriter();
    header(p, 1, facetHeader());
    p.varint(0); // bank count
    p.u8(0); // source
    p.varint(2 ** 40); // province count
    const pb = p.finish();
    expect(formatError(() => decodeFacetValues(pb, FILE)).message).toBe(`${FILE}: claims 1099511627776 province entries in ${pb.length} bytes`);
  });

  // Counts read from the file are checked against its size before anything is allocated, so a corrupted
  // count is an IndexFormatError naming the file, not a RangeError from Array.from or a typed array.
  it('reports a corrupted value count as IndexFormatError, not RangeError', () => {
    const w = new ByteWriter();
    for (const ch of 'BNSF') w.u8(ch.charCodeAt(0));
    w.u8(4);
    w.varint(1); // documents
    w.varint(1); // facets
    w.string('source');
    w.u8(0); // single-valued
    w.varint(2 ** 33); // values
    const bytes = w.finish();
    expect(formatError(() => decodeFacetValues(bytes, FILE)).message).toBe(`${FILE}: claims 8589934592 values of facet source in ${bytes.length} bytes`);
  });

  it('reports a corrupted facet count as IndexFormatError, not RangeError', () => {
    const w = new ByteWriter();
    for (const ch of 'BNSF') w.u8(ch.charCodeAt(0));
    w.u8(4);
    w.varint(1); // documents
    w.varint(2 ** 33); // facets
    const bytes = w.finish();
    expect(formatError(() => decodeFacetValues(bytes, FILE)).message).toBe(`${FILE}: claims 8589934592 facets in ${bytes.length} bytes`);
  });

  it('reports a corrupted document count as IndexFormatError, not RangeError, in either payload', () => {
    const w = new ByteWriter();
    header(w, 2 ** 40, facetHeader());
    const bytes = w.finish();
    expect(formatError(() => decodeFacetValues(bytes, FILE)).message).toBe(`${FILE}: claims 1099511627776 documents in ${bytes.length} bytes`);
    const r = new ByteWriter();
    rankHeader(r, 2 ** 40);
    const rb = r.finish();
    expect(formatError(() => decodeRankColumns(rb, FILE)).message).toBe(`${FILE}: claims 1099511627776 documents in ${rb.length} bytes`);
  });

  it('checks the document count against two bytes a document in the rank payload and one in the facets payload', () => {
    // Rank: every document has a day (at least one byte) and a length code (one byte).
    const rank = (docCount: number, rest: number) => {
      const w = new ByteWriter();
      rankHeader(w, docCount);
      for (let i = 0; i < rest; i++) w.u8(0);
      return w.finish();
    };
    expect(rank(5, 2).length).toBe(8);
    expect(formatError(() => decodeRankColumns(rank(5, 2), FILE)).message).toBe(`${FILE}: claims 5 documents in 8 bytes`);
    expect(formatError(() => decodeRankColumns(rank(4, 2), FILE)).message).toBe(`${FILE}: unexpected end of file at byte 8`); // 4 × 2 bytes fit in 8: read on
    expect(formatError(() => decodeRankColumns(rank(4, 8), FILE)).message).toBe(`${FILE}: unexpected end of file at byte 14`); // no slot section
    expect(decodeRankColumns(Uint8Array.from([...rank(4, 8), 1, 0, 0, 0]), FILE).docCount).toBe(4);
    // Facets: one byte a document.
    const facets = (docCount: number) => {
      const w = new ByteWriter();
      header(w, docCount, []);
      return w.finish();
    };
    expect(facets(8).length).toBe(7); // magic 4, layout 1, documents 1, facets 1
    expect(formatError(() => decodeFacetValues(facets(8), FILE)).message).toBe(`${FILE}: claims 8 documents in 7 bytes`);
    expect(formatError(() => decodeFacetValues(facets(7), FILE)).message).toBe(`${FILE}: has no column for the facet bank`); // 7 × 1 byte fit in 7: read on
  });
});

describe('fragment slots in the rank payload', () => {
  /** The three documents of the layout tests above, with lengths 7, 0 and 1. */
  const three = columnsOf({ bank: ['x', 'y'], source: ['a'], province: ['p'] }, [
    { day: NO_DAY, bank: [1], source: [0], length: 7 },
    { day: 0, province: [0], length: 0 },
    { day: 1, bank: [0, 1], source: [0], length: 1 },
  ]);

  /** Each member's text length as the decoder knows it: the decoded lengths of its documents, summed. */
  function memberLengths(c: Columns, groupSize: number): number[] {
    const out = new Array<number>(Math.ceil(c.docCount / groupSize)).fill(0);
    c.length.forEach((l, d) => (out[Math.floor(d / groupSize)]! += stored(l)));
    return out;
  }

  /**
   * The slot section of `rank`, the rank payload of `c`, read by hand: it takes the place of the 4-byte
   * section of no slots, and everything before it is as without slots.
   */
  function slotSection(c: Columns, rank: Uint8Array): { groupSize: number; members: number; intercept: number; slope: number; corrections: number[] } {
    const bare = encodeColumns(c).rank;
    const at = bare.length - 4;
    expect([...bare.subarray(at)]).toEqual([1, 0, 0, 0]);
    expect(rank.subarray(0, at)).toEqual(bare.subarray(0, at));
    const r = new ByteReader(rank, FILE);
    r.pos = at;
    const [groupSize, members, intercept, slope] = [r.varint(), r.varint(), r.varint(), r.varint()];
    const corrections = Array.from({ length: members }, () => {
      const z = r.varint();
      return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
    });
    expect(r.done, 'nothing after the corrections').toBe(true);
    return { groupSize, members, intercept, slope, corrections };
  }

  /** A rank payload by hand: a document of unknown day for each length code in `codes`, then `section` as varints. */
  function handWritten(codes: number[], section: number[]): Uint8Array {
    const w = new ByteWriter();
    rankHeader(w, codes.length);
    for (const _ of codes) w.varint(0); // unknown day
    for (const q of codes) w.u8(q);
    for (const v of section) w.varint(v);
    return w.finish();
  }

  it('lays the slot section out after the length codes: group size, members, intercept, slope, then a zigzag correction a member', () => {
    // Stored lengths on the line 200 + 100 · length, so the fit is exact: intercept 200 bytes, slope 100
    // bytes a character, written as 102400 per 1024 characters.
    const one = encodeColumns(three, { groupSize: 1, stored: [900, 200, 300] }).rank;
    // prettier-ignore
    expect([...one]).toEqual([
      0x42, 0x4e, 0x53, 0x52, 5, // magic, layout
      3, // documents
      0, 0xc2, 0x9a, 0x0c, 2, // days
      36, 0, 12, // length codes: 7, 0, 1
      1, // group size
      3, // members
      0xc8, 0x01, // intercept 200
      0x80, 0xa0, 0x06, // slope 102400
      // Foretold blocks round((200 · 1024 + 102400 · L) / (1024 · 128)): 7.03 → 7, 1.56 → 2, 2.34 → 2. The slots
      // take ceil((2 + stored) / 128) blocks: 902 → 8, 202 → 2, 302 → 3. Corrections +1, 0, +1 as zigzag:
      2, 0, 2, // and nothing after
    ]);
    expect([...decodeRankColumns(one, FILE).slots!]).toEqual([8, 2, 3]);
    // Documents 0 and 1 in member 0 (length 7 + 0), document 2 alone in member 1 (length 1): the same line.
    const two = encodeColumns(three, { groupSize: 2, stored: [900, 300] }).rank;
    // prettier-ignore
    expect([...two.subarray(14)]).toEqual([
      2, // group size
      2, // members
      0xc8, 0x01, // intercept 200
      0x80, 0xa0, 0x06, // slope 102400
      2, 2, // foretold 7 and 2 blocks, slots of 8 and 3: corrections +1, +1
    ]);
    expect([...decodeRankColumns(two, FILE).slots!]).toEqual([8, 3]);
    expect(two.subarray(0, 14)).toEqual(one.subarray(0, 14));
  });

  it('round-trips the slots of seeded random columns: each member’s slot decodes to exactly the blocks it takes, in full groups and a short last one', () => {
    const rnd = mulberry32(53);
    const edges = [1, SLOT_BLOCK - 2, SLOT_BLOCK - 1, SLOT_BLOCK, 16_382, 16_383, 16_384, 5_000_000];
    for (const groupSize of [1, 3, 64])
      for (const n of [1, 2, 10, 301, 2000]) {
        const c = randomColumns(rnd, n);
        const members = Math.ceil(n / groupSize);
        const bytes = Array.from({ length: members }, () => (rnd() < 0.2 ? edges[Math.floor(rnd() * edges.length)]! : 1 + Math.floor(rnd() * 30_000)));
        const fragments: FragmentSlots = { groupSize, stored: Uint32Array.from(bytes) };
        const files = encodeColumns(c, fragments);
        const rank = decodeRankColumns(files.rank, FILE);
        const what = `${n} documents in members of ${groupSize}`;
        expect(rank.slots, what).toBeInstanceOf(Uint32Array);
        expect([...rank.slots!], what).toEqual(bytes.map(slotBlocks));
        // Days and lengths as ever; the facets payload knows nothing of fragments.
        expectSameColumns(decodeColumns(files, FILE), c);
        expect(files.facets, what).toEqual(encodeColumns(c).facets);
        const section = slotSection(c, files.rank);
        expect([section.groupSize, section.members], what).toEqual([groupSize, members]);
      }
    // A plain array of lengths does as well as a typed one.
    const c = randomColumns(rnd, 7);
    expect(encodeColumns(c, { groupSize: 3, stored: [10, 2000, 30_000] })).toEqual(
      encodeColumns(c, { groupSize: 3, stored: Uint32Array.of(10, 2000, 30_000) }),
    );
  });

  it('spends about a byte a member when the stored lengths follow the text lengths, as a fragment’s gzipped text does', () => {
    const rnd = mulberry32(3);
    for (const groupSize of [1, 3]) {
      const n = 3000;
      const c = columnsOf(
        {},
        Array.from({ length: n }, () => ({ day: 19_000, length: 200 + Math.floor(rnd() * rnd() * 8000) })),
      );
      // 300 bytes of markup and metadata, 1.07 bytes a character, and ± 60 bytes that the text's own words make.
      const bytes = memberLengths(c, groupSize).map((l) => Math.round(300 + 1.07 * l + (rnd() - 0.5) * 120));
      const rank = encodeColumns(c, { groupSize, stored: bytes }).rank;
      const members = bytes.length;
      const grown = rank.length - encodeColumns(c).rank.length;
      expect(grown / members, `group size ${groupSize}`).toBeLessThan(1.2);
      const { intercept, slope, corrections } = slotSection(c, rank);
      // The fit finds the line the lengths were made from.
      expect(Math.abs(intercept - 300), 'intercept').toBeLessThanOrEqual(20);
      expect(Math.abs(slope / 1024 - 1.07), 'slope').toBeLessThanOrEqual(0.01);
      // Every correction fits a one-byte varint, and nine in ten are at most one block.
      expect(Math.max(...corrections.map(Math.abs))).toBeLessThan(64);
      expect(corrections.filter((k) => Math.abs(k) <= 1).length / members).toBeGreaterThanOrEqual(0.9);
      expect([...decodeRankColumns(rank, FILE).slots!]).toEqual(bytes.map(slotBlocks));
    }
  });

  it('refuses to encode slots of empty members, a member count that does not fit the documents, or a stored length below a byte', () => {
    for (const groupSize of [0, -1, 1.5, Number.NaN])
      expect(() => encodeColumns(three, { groupSize, stored: [] }), `group size ${groupSize}`).toThrow(
        new RangeError(`fragment members hold at least one document each, not ${groupSize}`),
      );
    expect(() => encodeColumns(three, { groupSize: 1, stored: [100, 100] })).toThrow(new RangeError('3 documents in members of 1 are 3 members, not 2'));
    expect(() => encodeColumns(three, { groupSize: 1, stored: [100, 100, 100, 100] })).toThrow(
      new RangeError('3 documents in members of 1 are 3 members, not 4'),
    );
    expect(() => encodeColumns(three, { groupSize: 2, stored: [100] })).toThrow(new RangeError('3 documents in members of 2 are 2 members, not 1'));
    expect(() => encodeColumns(columnsOf({}, []), { groupSize: 1, stored: [100] })).toThrow(new RangeError('0 documents in members of 1 are 0 members, not 1'));
    for (const bad of [0, -3, 2.5])
      expect(() => encodeColumns(three, { groupSize: 1, stored: [100, bad, 100] }), `stored ${bad}`).toThrow(
        new RangeError(`fragment member 1 is stored in ${bad} bytes`),
      );
    // No slots at all are always allowed: the payload then has none to give.
    expect([...decodeRankColumns(encodeColumns(three, { groupSize: 5, stored: [] }).rank, FILE).slots!]).toEqual([]);
  });

  it('reports a member count that does not fit the documents, or a slot of fewer than one block, as IndexFormatError naming the file', () => {
    const codes = [36, 0, 12];
    // The section as the encoder writes it for three documents in members of one, with no line to fit.
    expect(encodeColumns(three, { groupSize: 1, stored: [100, 100, 100] }).rank.subarray(14)).toEqual(Uint8Array.of(1, 3, 100, 0, 0, 0, 0));
    const good = handWritten(codes, [1, 3, 100, 0, 0, 0, 0]);
    expect([...decodeRankColumns(good, FILE).slots!]).toEqual([1, 1, 1]);
    for (const [groupSize, members] of [
      [1, 2],
      [1, 4],
      [2, 3],
      [4, 2],
      [0, 3],
      [0, 0],
    ] as const) {
      const e = formatError(() => decodeRankColumns(handWritten(codes, [groupSize, members, 100, 0, ...new Array<number>(members).fill(0)]), FILE));
      expect(e.file).toBe(FILE);
      expect(e.message).toBe(`${FILE}: has ${members} fragment slots of ${groupSize} documents for 3 documents`);
    }
    // A count of slots the file has no room for is refused before anything is allocated.
    const huge = handWritten(codes, [1, 2 ** 40]);
    expect(formatError(() => decodeRankColumns(huge, FILE)).message).toBe(`${FILE}: claims 1099511627776 fragment slots in ${huge.length} bytes`);
    // Foretold 1 block each (intercept 100 of 128 bytes rounds to 1, no slope): a correction of -1 leaves none,
    // and of -3 (zigzag 5) fewer than none.
    expect(formatError(() => decodeRankColumns(handWritten(codes, [1, 3, 100, 0, 0, 1, 0]), FILE)).message).toBe(
      `${FILE}: fragment slot 1 would take 0 blocks`,
    );
    expect(formatError(() => decodeRankColumns(handWritten(codes, [1, 3, 100, 0, 0, 0, 5]), FILE)).message).toBe(
      `${FILE}: fragment slot 2 would take -2 blocks`,
    );
    // The encoder's own payload with its last correction made -1.
    const bad = encodeColumns(three, { groupSize: 1, stored: [100, 100, 100] }).rank.slice();
    bad[bad.length - 1] = 1;
    const e = formatError(() => decodeRankColumns(bad, RANK_NAME));
    expect(e.file).toBe(RANK_NAME);
    expect(e.message).toBe(`${RANK_NAME}: fragment slot 2 would take 0 blocks`);
  });

  it('throws IndexFormatError naming the file for every truncation of a payload with slots, and for bytes after it', () => {
    const c = randomColumns(mulberry32(61), 40);
    const rnd = mulberry32(62);
    for (const groupSize of [1, 3]) {
      const bytes = Array.from({ length: Math.ceil(40 / groupSize) }, () => 1 + Math.floor(rnd() * 40_000));
      const rank = encodeColumns(c, { groupSize, stored: bytes }).rank;
      expect(decodeRankColumns(rank, RANK_NAME).slots!.length).toBe(bytes.length);
      for (let n = 0; n < rank.length; n++) {
        const e = formatError(() => decodeRankColumns(rank.slice(0, n), RANK_NAME));
        expect(e.message.startsWith(`${RANK_NAME}: `), e.message).toBe(true);
        expect(e.file).toBe(RANK_NAME);
      }
      expect(formatError(() => decodeRankColumns(Uint8Array.from([...rank, 0]), RANK_NAME)).message).toBe(`${RANK_NAME}: trailing bytes after the last column`);
    }
  });
});

describe('quantizeLength / dequantizeLength', () => {
  it('round-trips 0 to 0', () => {
    expect(quantizeLength(0)).toBe(0);
    expect(dequantizeLength(0)).toBe(0);
  });

  it('gives a one-byte code, 12 steps per doubling', () => {
    expect(quantizeLength(1)).toBe(12);
    expect(quantizeLength(3)).toBe(24);
    expect(quantizeLength(7)).toBe(36);
    expect(quantizeLength(1023)).toBe(120);
    expect(quantizeLength(2 ** 21 - 1)).toBe(252);
    expect(dequantizeLength(12)).toBe(1);
    expect(dequantizeLength(120)).toBe(1023);
    expect(dequantizeLength(252)).toBe(2 ** 21 - 1);
    for (let n = 0; n <= 100_000; n++) {
      const q = quantizeLength(n);
      if (!(Number.isInteger(q) && q >= 0 && q <= 255)) expect(q, `length ${n}`).toBe('an integer in 0..255');
    }
  });

  it('codes longer lengths no lower than shorter ones', () => {
    let prev = 0;
    for (let n = 0; n <= 100_000; n++) {
      const q = quantizeLength(n);
      if (q < prev) expect(q, `length ${n}`).toBeGreaterThanOrEqual(prev);
      prev = q;
    }
  });

  it('caps at code 255, which stands for about 2.5 million characters', () => {
    expect(dequantizeLength(255)).toBe(2_493_947);
    expect(quantizeLength(2_493_947)).toBe(255);
    expect(quantizeLength(2 ** 32 - 1)).toBe(255);
    expect(stored(2 ** 32 - 1)).toBe(2_493_947);
  });

  it('no longer caps long documents at 1578 characters: lengths from 1000 to 2.4 million decode to within 3 %', () => {
    expect(stored(5000)).toBe(4870);
    expect(stored(100_000)).toBe(98_192);
    const worst = { n: 0, error: 0 };
    for (let n = 1000; n <= 2_400_000; n++) {
      const error = Math.abs(stored(n) - n) / n;
      if (error > worst.error) Object.assign(worst, { n, error });
    }
    expect(worst.error, `length ${worst.n} decodes as ${stored(worst.n)}`).toBeLessThanOrEqual(0.03);
  });

  it('decodes every length up to 2.4 million to within half a step of the log scale and half a character', () => {
    const halfStep = 2 ** (1 / 24) - 1; // 12 steps per doubling
    for (let n = 0; n <= 2_400_000; n++) {
      const off = Math.abs(stored(n) - n);
      if (off > (1 + n) * halfStep + 0.5) expect(off, `length ${n} decodes as ${stored(n)}`).toBeLessThanOrEqual((1 + n) * halfStep + 0.5);
    }
  });

  it('decodes every length from 332 to 100000 to within 3 %, and every shorter one to within 5 %', () => {
    const off: string[] = [];
    for (let n = 1; n <= 100_000; n++) if (Math.abs(stored(n) - n) / n > (n >= 332 ? 0.03 : 0.05)) off.push(`${n} → ${stored(n)}`);
    expect(off).toEqual([]);
    expect(Math.abs(stored(21) - 21) / 21).toBeGreaterThan(0.03);
  });

  it('decodes short lengths exactly', () => {
    for (let n = 0; n <= 16; n++) expect(stored(n)).toBe(n);
  });
});
