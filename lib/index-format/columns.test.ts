import { describe, expect, it } from 'vitest';
import { ByteWriter } from './bytes';
import { dayOf, dayToIsoDate, dayToMonth, decodeColumns, encodeColumns, NONE, NO_DAY, type Columns } from './columns';
import { encodeShard } from './shard';
import { formatError, mulberry32 } from './test-support';

const FILE = 'columns.0123456789abcd.bin';

interface Doc {
  day: number;
  source: number;
  banks: number[];
  length: number;
  cluster: number;
}

function columnsOf(sources: string[], banks: string[], docs: Doc[]): Columns {
  const bankStart = new Uint32Array(docs.length + 1);
  const ids: number[] = [];
  docs.forEach((d, i) => {
    bankStart[i] = ids.length;
    ids.push(...d.banks);
  });
  bankStart[docs.length] = ids.length;
  return {
    docCount: docs.length,
    sources,
    banks,
    day: Int32Array.from(docs.map((d) => d.day)),
    source: Int32Array.from(docs.map((d) => d.source)),
    bankStart,
    bankIds: Uint16Array.from(ids),
    length: Uint32Array.from(docs.map((d) => d.length)),
    cluster: Int32Array.from(docs.map((d) => d.cluster)),
  };
}

function expectSameColumns(got: Columns, want: Columns): void {
  expect(got.docCount).toBe(want.docCount);
  expect(got.sources).toEqual(want.sources);
  expect(got.banks).toEqual(want.banks);
  expect(got.day).toBeInstanceOf(Int32Array);
  expect(got.source).toBeInstanceOf(Int32Array);
  expect(got.bankStart).toBeInstanceOf(Uint32Array);
  expect(got.bankIds).toBeInstanceOf(Uint16Array);
  expect(got.length).toBeInstanceOf(Uint32Array);
  expect(got.cluster).toBeInstanceOf(Int32Array);
  expect([...got.day]).toEqual([...want.day]);
  expect([...got.source]).toEqual([...want.source]);
  expect([...got.bankStart]).toEqual([...want.bankStart]);
  expect([...got.bankIds]).toEqual([...want.bankIds]);
  expect([...got.length]).toEqual([...want.length]);
  expect([...got.cluster]).toEqual([...want.cluster]);
}

const SOURCES = ['新华社', '中国证券报', 'Reuters 路透', ''];
const BANKS = ['工商银行', '建设银行', '交通银行', '兴业银行', '招商银行'];

function randomColumns(rnd: () => number, docCount: number): Columns {
  const docs: Doc[] = [];
  let day = dayOf('2019-01-01');
  for (let d = 0; d < docCount; d++) {
    if (rnd() < 0.7) day += Math.floor(rnd() * 3);
    const nb = Math.floor(rnd() * 4);
    const banks: number[] = [];
    for (let k = 0; k < nb; k++) banks.push(Math.floor(rnd() * BANKS.length));
    docs.push({
      day: rnd() < 0.1 ? NO_DAY : day,
      source: rnd() < 0.15 ? NONE : Math.floor(rnd() * SOURCES.length),
      banks,
      length: Math.floor(rnd() * (rnd() < 0.05 ? 2 ** 32 : 5000)),
      cluster: rnd() < 0.7 || d === 0 ? NONE : Math.floor(rnd() * d),
    });
  }
  return columnsOf(SOURCES, BANKS, docs);
}

describe('encodeColumns / decodeColumns', () => {
  it('round-trips seeded random columns with NONE days, sources and clusters and the banks CSR', () => {
    const rnd = mulberry32(31);
    for (const n of [1, 2, 10, 300, 2000]) {
      const c = randomColumns(rnd, n);
      expectSameColumns(decodeColumns(encodeColumns(c), FILE), c);
    }
  });

  it('round-trips a fixed example', () => {
    const c = columnsOf(['新华社', '财新'], ['工商银行', '交通银行', '兴业银行'], [
      { day: NO_DAY, source: NONE, banks: [], length: 0, cluster: NONE },
      { day: dayOf('2022-03-09T23:30:00+08:00'), source: 0, banks: [2, 0], length: 1234, cluster: NONE },
      { day: NO_DAY, source: 1, banks: [1], length: 7, cluster: 1 },
      { day: dayOf('2022-03-10'), source: NONE, banks: [0, 1, 2], length: 99, cluster: 1 },
      { day: 0, source: 1, banks: [], length: 2 ** 32 - 1, cluster: NONE },
    ]);
    const got = decodeColumns(encodeColumns(c), FILE);
    expectSameColumns(got, c);
    expect([...got.day]).toEqual([NO_DAY, 19060, NO_DAY, 19061, 0]);
    expect([...got.bankIds.subarray(got.bankStart[3]!, got.bankStart[4]!)]).toEqual([0, 1, 2]);
    expect([...got.bankIds.subarray(got.bankStart[0]!, got.bankStart[1]!)]).toEqual([]);
  });

  it('round-trips days before 1970 other than -1 and days out of order', () => {
    const c = columnsOf([], [], [
      { day: dayOf('1969-12-30'), source: NONE, banks: [], length: 1, cluster: NONE },
      { day: 20000, source: NONE, banks: [], length: 1, cluster: NONE },
      { day: 5, source: NONE, banks: [], length: 1, cluster: NONE },
      { day: -400, source: NONE, banks: [], length: 1, cluster: NONE },
    ]);
    expectSameColumns(decodeColumns(encodeColumns(c), FILE), c);
  });

  it('round-trips zero documents', () => {
    const c = columnsOf(['a'], ['b'], []);
    const bytes = encodeColumns(c);
    const got = decodeColumns(bytes, FILE);
    expectSameColumns(got, c);
    expect([...got.bankStart]).toEqual([0]);
  });

  it('starts with the BNSC magic and layout 1', () => {
    const bytes = encodeColumns(columnsOf([], [], []));
    expect([...bytes]).toEqual([0x42, 0x4e, 0x53, 0x43, 1, 0, 0, 0]);
  });

  it('does not read bankStart[0] from the input: the CSR is rebuilt from counts', () => {
    const c = columnsOf([], ['x', 'y'], [{ day: 1, source: NONE, banks: [1], length: 1, cluster: NONE }]);
    const shifted: Columns = { ...c, bankStart: Uint32Array.from([1, 2]), bankIds: Uint16Array.from([0, 1]) };
    const got = decodeColumns(encodeColumns(shifted), FILE);
    expect([...got.bankStart]).toEqual([0, 1]);
    expect([...got.bankIds]).toEqual([1]);
  });
});

describe('decodeColumns errors', () => {
  const good = encodeColumns(
    columnsOf(['新华社'], ['工商银行', '交通银行'], [
      { day: 19060, source: 0, banks: [0, 1], length: 300, cluster: NONE },
      { day: 19061, source: NONE, banks: [1], length: 20, cluster: 0 },
    ]),
  );

  it('throws IndexFormatError starting with the file name for every truncation', () => {
    for (let n = 0; n < good.length; n++) {
      const e = formatError(() => decodeColumns(good.slice(0, n), FILE));
      expect(e.message.startsWith(`${FILE}: `), e.message).toBe(true);
      expect(e.file).toBe(FILE);
    }
  });

  it('reports a wrong magic', () => {
    expect(formatError(() => decodeColumns(encodeShard([]), FILE)).message).toBe(`${FILE}: expected magic "BNSC", found "BNSS" at byte 4`);
  });

  it('reports an unknown layout', () => {
    const bad = new Uint8Array(good);
    bad[4] = 9;
    expect(formatError(() => decodeColumns(bad, FILE)).message).toBe(`${FILE}: unknown columns layout 9`);
  });

  it('reports trailing bytes', () => {
    const bad = new Uint8Array(good.length + 2);
    bad.set(good);
    expect(formatError(() => decodeColumns(bad, FILE)).message).toBe(`${FILE}: trailing bytes after the last document`);
  });

  it('reports a source out of range', () => {
    const c = columnsOf(['新华社'], [], [
      { day: 1, source: 0, banks: [], length: 1, cluster: NONE },
      { day: 1, source: 5, banks: [], length: 1, cluster: NONE },
    ]);
    expect(formatError(() => decodeColumns(encodeColumns(c), FILE)).message).toBe(`${FILE}: document 1 names source 5 of 1`);
  });

  it('reports a bank out of range', () => {
    const c = columnsOf([], ['a', 'b'], [{ day: 1, source: NONE, banks: [1, 7], length: 1, cluster: NONE }]);
    expect(formatError(() => decodeColumns(encodeColumns(c), FILE)).message).toBe(`${FILE}: document 0 names bank 7 of 2`);
  });

  // BUG (columns.ts:74-81): decodeColumns passes counts read from the file straight to Array.from and
  // typed-array constructors, so a corrupted source count or document count throws a plain RangeError
  // ("Invalid array length", "Invalid typed array length: 1099511627776") instead of an IndexFormatError
  // naming the file, as its doc comment promises (and a count of a few hundred million allocates
  // gigabytes before failing).
  it('reports a corrupted source count as IndexFormatError, not RangeError', () => {
    const w = new ByteWriter();
    for (const ch of 'BNSC') w.u8(ch.charCodeAt(0));
    w.u8(1);
    w.varint(1); // docCount
    w.varint(2 ** 33); // sources
    const e = formatError(() => decodeColumns(w.finish(), FILE));
    expect(e.message.startsWith(`${FILE}: `)).toBe(true);
  });

  it('reports a corrupted document count as IndexFormatError, not RangeError', () => {
    const w = new ByteWriter();
    for (const ch of 'BNSC') w.u8(ch.charCodeAt(0));
    w.u8(1);
    w.varint(2 ** 40); // docCount
    w.varint(0); // sources
    w.varint(0); // banks
    const e = formatError(() => decodeColumns(w.finish(), FILE));
    expect(e.message.startsWith(`${FILE}: `)).toBe(true);
  });
});

describe('dayOf / dayToIsoDate / dayToMonth', () => {
  it('takes the calendar day as written, whatever the offset', () => {
    expect(dayOf('2022-03-09')).toBe(19060);
    expect(dayOf('2022-03-09T23:30:00+08:00')).toBe(19060);
    expect(dayOf('2022-03-09T00:30:00+08:00')).toBe(19060);
    expect(dayOf('2022-03-09T23:30:00-05:00')).toBe(19060);
    expect(dayOf('2022-03-09T00:00:00Z')).toBe(19060);
    expect(dayOf('2022-03-09T23:59:59.999+14:00')).toBe(19060);
    expect(dayOf('2022-03-09 08:00')).toBe(19060);
  });

  it('counts days since 1970-01-01', () => {
    expect(dayOf('1970-01-01')).toBe(0);
    expect(dayOf('1970-01-02')).toBe(1);
    expect(dayOf('2000-01-01')).toBe(10957);
    expect(dayOf('2024-02-29')).toBe(19782);
    expect(dayOf('2024-03-01')).toBe(19783);
    expect(dayOf('1969-12-30')).toBe(-2);
  });

  it('gives NO_DAY for null, empty, unparseable and impossible dates', () => {
    expect(NO_DAY).toBe(-2147483648);
    expect(dayOf(null)).toBe(NO_DAY);
    expect(dayOf('')).toBe(NO_DAY);
    expect(dayOf('March 9, 2022')).toBe(NO_DAY);
    expect(dayOf('20220309')).toBe(NO_DAY);
    expect(dayOf('2022/03/09')).toBe(NO_DAY);
    expect(dayOf('22-03-09')).toBe(NO_DAY);
    expect(dayOf(' 2022-03-09')).toBe(NO_DAY);
    expect(dayOf('2022-02-30')).toBe(NO_DAY);
    expect(dayOf('2022-13-01')).toBe(NO_DAY);
  });

  it('does not confuse 1969-12-31 with an unknown date', () => {
    expect(dayOf('1969-12-31')).toBe(-1);
    expect(dayOf('1969-12-31')).not.toBe(NO_DAY);
  });

  it('formats day numbers back to dates and months', () => {
    expect(dayToIsoDate(19060)).toBe('2022-03-09');
    expect(dayToIsoDate(0)).toBe('1970-01-01');
    expect(dayToIsoDate(19782)).toBe('2024-02-29');
    expect(dayToIsoDate(-2)).toBe('1969-12-30');
    expect(dayToMonth(19060)).toBe('2022-03');
    expect(dayToMonth(19782)).toBe('2024-02');
    expect(dayToMonth(dayOf('2022-12-31T23:30:00-10:00'))).toBe('2022-12');
    expect(dayToMonth(dayOf('2023-01-01T00:10:00+14:00'))).toBe('2023-01');
  });

  it('round-trips every day of several years', () => {
    const start = dayOf('2015-01-01');
    const end = dayOf('2026-12-31');
    for (let d = start; d <= end; d++) {
      const iso = dayToIsoDate(d);
      expect(dayOf(iso)).toBe(d);
      expect(dayOf(`${iso}T23:30:00+08:00`)).toBe(d);
      expect(dayToMonth(d)).toBe(iso.slice(0, 7));
    }
  });
});
