import { describe, expect, it } from 'vitest';
import { ByteWriter } from './bytes';
import { dayOf, dayToIsoDate, dayToMonth, decodeColumns, dequantizeLength, encodeColumns, NONE, NO_DAY, quantizeLength, type Columns } from './columns';
import { encodeShard } from './shard';
import { formatError, mulberry32 } from './test-support';

const FILE = 'columns.0123456789abcd.bin';

interface Doc {
  day: number;
  source: number;
  banks: number[];
  length: number;
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
  };
}

/** Lengths are stored as one-byte log codes: what a decoder gives back for `n`. */
const stored = (n: number) => dequantizeLength(quantizeLength(n));

/** Compares decoded columns with the encoded ones; lengths as {@link stored}, everything else exactly. */
function expectSameColumns(got: Columns, want: Columns): void {
  expect(got.docCount).toBe(want.docCount);
  expect(got.sources).toEqual(want.sources);
  expect(got.banks).toEqual(want.banks);
  expect(got.day).toBeInstanceOf(Int32Array);
  expect(got.source).toBeInstanceOf(Int32Array);
  expect(got.bankStart).toBeInstanceOf(Uint32Array);
  expect(got.bankIds).toBeInstanceOf(Uint16Array);
  expect(got.length).toBeInstanceOf(Uint32Array);
  expect([...got.day]).toEqual([...want.day]);
  expect([...got.source]).toEqual([...want.source]);
  expect([...got.bankStart]).toEqual([...want.bankStart]);
  expect([...got.bankIds]).toEqual([...want.bankIds]);
  expect([...got.length]).toEqual([...want.length].map(stored));
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
    });
  }
  return columnsOf(SOURCES, BANKS, docs);
}

describe('encodeColumns / decodeColumns', () => {
  it('round-trips seeded random columns with NONE days and sources and the banks CSR', () => {
    const rnd = mulberry32(31);
    for (const n of [1, 2, 10, 300, 2000]) {
      const c = randomColumns(rnd, n);
      expectSameColumns(decodeColumns(encodeColumns(c), FILE), c);
    }
  });

  it('round-trips a fixed example', () => {
    const c = columnsOf(['新华社', '财新'], ['工商银行', '交通银行', '兴业银行'], [
      { day: NO_DAY, source: NONE, banks: [], length: 0 },
      { day: dayOf('2022-03-09T23:30:00+08:00'), source: 0, banks: [2, 0], length: 1234 },
      { day: NO_DAY, source: 1, banks: [1], length: 7 },
      { day: dayOf('2022-03-10'), source: NONE, banks: [0, 1, 2], length: 99 },
      { day: 0, source: 1, banks: [], length: 2 ** 32 - 1 },
    ]);
    const got = decodeColumns(encodeColumns(c), FILE);
    expectSameColumns(got, c);
    expect([...got.day]).toEqual([NO_DAY, 19060, NO_DAY, 19061, 0]);
    expect([...got.bankIds.subarray(got.bankStart[3]!, got.bankStart[4]!)]).toEqual([0, 1, 2]);
    expect([...got.bankIds.subarray(got.bankStart[0]!, got.bankStart[1]!)]).toEqual([]);
    expect([...got.source]).toEqual([NONE, 0, 1, NONE, 1]);
    // Short lengths come back exactly; longer ones to within a step of the log scale.
    expect([got.length[0], got.length[2], got.length[3]]).toEqual([0, 7, 101]); // 99 → code 80 → 2^(80/12) - 1 ≈ 100.6
    expect(Math.abs(got.length[1]! - 1234) / 1234).toBeLessThanOrEqual(0.03);
  });

  it('round-trips a corpus of identical documents', () => {
    const doc = () => ({ day: 1, source: NONE, banks: [], length: 1 });
    const c = columnsOf([], [], Array.from({ length: 300 }, doc));
    expectSameColumns(decodeColumns(encodeColumns(c), FILE), c);
  });

  it('spends four bytes per plain document and ends with the length codes: there is no cluster section', () => {
    const doc = (length: number) => ({ day: 1, source: NONE, banks: [], length });
    const alone = Array.from({ length: 100 }, () => doc(1));
    const size = (docs: Doc[]) => encodeColumns(columnsOf([], [], docs)).length;
    // Per document: day delta, source byte, bank count, length code, and nothing more.
    expect(size(alone)).toBe(size(alone.slice(0, 99)) + 4);
    // Header (magic 4, layout 1, 100 documents 1, 0 sources 1, 0 banks 1) 8 bytes; the first day 3 bytes, the
    // other 99 days one each; then sources, bank counts and length codes at one byte each, and nothing after.
    expect(size(alone)).toBe(8 + 3 + 99 + 3 * 100);
    // The last 100 bytes are the length codes, in document order.
    const lengths = Array.from({ length: 100 }, (_, i) => i);
    const bytes = encodeColumns(columnsOf([], [], lengths.map(doc)));
    expect([...bytes.subarray(bytes.length - 100)]).toEqual(lengths.map(quantizeLength));
  });

  it('round-trips sources with one byte each below 255 sources and as varints from 255 on', () => {
    for (const count of [1, 253, 254, 255, 256, 300, 1000]) {
      const sources = Array.from({ length: count }, (_, i) => `source ${i}`);
      const picks = [0, count - 1, Math.floor(count / 2), NONE, count - 1, 0];
      const c = columnsOf(sources, [], picks.map((source) => ({ day: 1, source, banks: [], length: 1 })));
      const got = decodeColumns(encodeColumns(c), FILE);
      expectSameColumns(got, c);
      expect([...got.source], `${count} sources`).toEqual(picks);
    }
  });

  it('spends one byte per source when there are 254, and more on large source numbers when there are 255 or more', () => {
    const size = (count: number, source: number, docs: number) => {
      const sources = Array.from({ length: count }, (_, i) => String(i % 10).repeat(3));
      return encodeColumns(columnsOf(sources, [], Array.from({ length: docs }, () => ({ day: 1, source, banks: [], length: 1 })))).length;
    };
    // Source 200 is written as 201: one byte as a u8, two as a varint (201 >= 128).
    expect(size(254, 200, 11) - size(254, 200, 1)).toBe(10 * 4);
    expect(size(255, 200, 11) - size(255, 200, 1)).toBe(10 * 5);
    expect(size(255, 100, 11) - size(255, 100, 1)).toBe(10 * 4);
  });

  it('round-trips days before 1970 other than -1 and days out of order', () => {
    const c = columnsOf([], [], [
      { day: dayOf('1969-12-30'), source: NONE, banks: [], length: 1 },
      { day: 20000, source: NONE, banks: [], length: 1 },
      { day: 5, source: NONE, banks: [], length: 1 },
      { day: -400, source: NONE, banks: [], length: 1 },
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

  it('starts with the BNSC magic and layout 2', () => {
    const bytes = encodeColumns(columnsOf([], [], []));
    expect([...bytes]).toEqual([0x42, 0x4e, 0x53, 0x43, 2, 0, 0, 0]); // magic, layout, 0 documents, 0 sources, 0 banks, and nothing after
  });

  it('lays the columns out one after another and ends after the length codes', () => {
    const bytes = encodeColumns(
      columnsOf(['a'], ['x', 'y'], [
        { day: NO_DAY, source: 0, banks: [1], length: 7 },
        { day: 0, source: NONE, banks: [], length: 0 },
        { day: 1, source: 0, banks: [0, 1], length: 1 },
      ]),
    );
    expect([...bytes]).toEqual([
      0x42, 0x4e, 0x53, 0x43, 2, // magic, layout
      3, // documents
      1, 1, 0x61, // sources: "a"
      2, 1, 0x78, 1, 0x79, // banks: "x", "y"
      0, 0xc2, 0x9a, 0x0c, 2, // days as zigzag deltas of day - MIN_DAY + 1: unknown (0), day 0 (+100001 → 200002), day 1 (+1 → 2)
      1, 0, 1, // sources, one byte each, + 1: 0, NONE, 0
      1, 0, 2, // bank counts
      1, 0, 1, // bank ids
      36, 0, 12, // length codes: round(log2(1 + n) * 12), and nothing after them
    ]);
  });

  // Document d's banks are bankIds[bankStart[d] .. bankStart[d + 1]), so bankStart need not start at 0:
  // ids before bankStart[0] belong to no document and are not written.
  it('writes the bank ids from bankStart[0] on and rebuilds the CSR from 0', () => {
    const c = columnsOf([], ['x', 'y'], [{ day: 1, source: NONE, banks: [1], length: 1 }]);
    const shifted: Columns = { ...c, bankStart: Uint32Array.from([1, 2]), bankIds: Uint16Array.from([0, 1]) };
    const got = decodeColumns(encodeColumns(shifted), FILE);
    expect([...got.bankStart]).toEqual([0, 1]);
    expect([...got.bankIds]).toEqual([1]);
    expect(encodeColumns(shifted)).toEqual(encodeColumns(c));
  });

  it('ignores ids before bankStart[0], even ones naming no bank, over several documents', () => {
    const c = columnsOf([], ['x', 'y'], [
      { day: 1, source: NONE, banks: [1], length: 1 },
      { day: 1, source: NONE, banks: [], length: 1 },
      { day: 1, source: NONE, banks: [0, 1], length: 1 },
    ]);
    const shifted: Columns = { ...c, bankStart: Uint32Array.from([2, 3, 3, 5]), bankIds: Uint16Array.from([7, 7, 1, 0, 1]) };
    const bytes = encodeColumns(shifted);
    expect(bytes).toEqual(encodeColumns(c));
    const got = decodeColumns(bytes, FILE);
    expect([...got.bankStart]).toEqual([0, 1, 1, 3]);
    expect([...got.bankIds]).toEqual([1, 0, 1]);
  });
});

describe('decodeColumns errors', () => {
  const good = encodeColumns(
    columnsOf(['新华社'], ['工商银行', '交通银行'], [
      { day: 19060, source: 0, banks: [0, 1], length: 300 },
      { day: 19061, source: NONE, banks: [1], length: 20 },
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
    expect(formatError(() => decodeColumns(bad, FILE)).message).toBe(`${FILE}: trailing bytes after the last column`);
  });

  it('reports a source out of range', () => {
    const c = columnsOf(['新华社'], [], [
      { day: 1, source: 0, banks: [], length: 1 },
      { day: 1, source: 5, banks: [], length: 1 },
    ]);
    expect(formatError(() => decodeColumns(encodeColumns(c), FILE)).message).toBe(`${FILE}: document 1 names source 5 of 1`);
  });

  it('reports a source out of range with 255 or more sources (varint sources)', () => {
    const sources = Array.from({ length: 300 }, (_, i) => `s${i}`);
    const c = columnsOf(sources, [], [{ day: 1, source: 300, banks: [], length: 1 }]);
    expect(formatError(() => decodeColumns(encodeColumns(c), FILE)).message).toBe(`${FILE}: document 0 names source 300 of 300`);
  });

  it('reports a bank out of range by its entry in the bank column', () => {
    const c = columnsOf([], ['a', 'b'], [{ day: 1, source: NONE, banks: [1, 7], length: 1 }]);
    expect(formatError(() => decodeColumns(encodeColumns(c), FILE)).message).toBe(`${FILE}: bank entry 1 names bank 7 of 2`);
    const d = columnsOf([], ['a', 'b'], [
      { day: 1, source: NONE, banks: [0], length: 1 },
      { day: 1, source: NONE, banks: [], length: 1 },
      { day: 1, source: NONE, banks: [1, 2], length: 1 },
    ]);
    expect(formatError(() => decodeColumns(encodeColumns(d), FILE)).message).toBe(`${FILE}: bank entry 2 names bank 2 of 2`);
  });

  it('reports extra bytes after the length codes as trailing bytes, such as a cluster section of the previous layout', () => {
    const w = new ByteWriter();
    for (const ch of 'BNSC') w.u8(ch.charCodeAt(0));
    w.u8(2);
    w.varint(2); // documents
    w.varint(0); // sources
    w.varint(0); // banks
    w.varint(0); // day
    w.varint(0); // day
    w.u8(0); // source
    w.u8(0); // source
    w.varint(0); // bank count
    w.varint(0); // bank count
    w.u8(0); // length
    w.u8(0); // length
    const plain = w.finish();
    expect(decodeColumns(plain, FILE).docCount).toBe(2);
    const withExtra = (extra: number[]) => Uint8Array.from([...plain, ...extra]);
    for (const extra of [
      [0], // no cluster members
      [1, 1, 2], // document 1 in document 0's cluster
      [0x42],
    ]) {
      expect(formatError(() => decodeColumns(withExtra(extra), FILE)).message, `${extra}`).toBe(`${FILE}: trailing bytes after the last column`);
    }
    // The same after a file the encoder wrote.
    const c = columnsOf([], [], [{ day: 1, source: NONE, banks: [], length: 1 }, { day: 2, source: NONE, banks: [], length: 5 }]);
    const bytes = encodeColumns(c);
    expectSameColumns(decodeColumns(bytes, FILE), c);
    expect(formatError(() => decodeColumns(Uint8Array.from([...bytes, 1, 1, 2]), FILE)).message).toBe(`${FILE}: trailing bytes after the last column`);
  });

  it('reports a corrupted bank count as IndexFormatError', () => {
    const w = new ByteWriter();
    for (const ch of 'BNSC') w.u8(ch.charCodeAt(0));
    w.u8(2);
    w.varint(1); // documents
    w.varint(0); // sources
    w.varint(1); // banks
    w.string('x');
    w.varint(0); // day
    w.u8(0); // source
    w.varint(2 ** 40); // bank count
    const bytes = w.finish();
    expect(formatError(() => decodeColumns(bytes, FILE)).message).toBe(`${FILE}: claims 1099511627776 bank entries in ${bytes.length} bytes`);
  });

  // Counts read from the file are checked against its size before anything is allocated, so a corrupted
  // count is an IndexFormatError naming the file, not a RangeError from Array.from or a typed array.
  it('reports a corrupted source count as IndexFormatError, not RangeError', () => {
    const w = new ByteWriter();
    for (const ch of 'BNSC') w.u8(ch.charCodeAt(0));
    w.u8(2);
    w.varint(1); // docCount
    w.varint(2 ** 33); // sources
    const bytes = w.finish();
    expect(formatError(() => decodeColumns(bytes, FILE)).message).toBe(`${FILE}: claims 8589934592 sources in ${bytes.length} bytes`);
  });

  it('reports a corrupted document count as IndexFormatError, not RangeError', () => {
    const w = new ByteWriter();
    for (const ch of 'BNSC') w.u8(ch.charCodeAt(0));
    w.u8(2);
    w.varint(2 ** 40); // docCount
    w.varint(0); // sources
    w.varint(0); // banks
    const bytes = w.finish();
    expect(formatError(() => decodeColumns(bytes, FILE)).message).toBe(`${FILE}: claims 1099511627776 documents in ${bytes.length} bytes`);
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
