import { describe, expect, it } from 'vitest';
import { IndexFormatError } from './errors';
import { parseManifest } from './manifest';
import {
  decodeDeleted,
  decodeOrder,
  deletedFile,
  encodeDeleted,
  encodeOrder,
  homeFile,
  isContentNamed,
  isGenerationName,
  isImmutableIndexPath,
  orderFile,
} from './segments';
import { readingsFile, suggestFile } from './suggest';
import { wordFacetsFile } from './word-facets';
import { FORMAT_NAME, FORMAT_VERSION } from './version';
import { formatError, mulberry32 } from './test-support';

const DEL = 'del-00112233445566.bin';
const ORDER = 'order-00112233445566.bin';

/** "BNSD" and "BNSO", then layout 1. */
const DEL_HEAD = [0x42, 0x4e, 0x53, 0x44, 1];
const ORDER_HEAD = [0x42, 0x4e, 0x53, 0x4f, 1];

const bytes = (...b: number[]) => Uint8Array.from(b);

/** LEB128, as ByteWriter writes it. */
function varint(v: number): number[] {
  const out: number[] = [];
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  return out;
}

/** Encodes then decodes `deleted` of a segment of `docCount` documents. */
function deletedRoundTrip(deleted: number[], docCount: number): number[] {
  const out = decodeDeleted(encodeDeleted(deleted), DEL, docCount);
  expect(out).toBeInstanceOf(Uint32Array);
  return [...out];
}

/** How many live documents each of `count` segments has in `segmentOf`. */
function liveCountsOf(segmentOf: readonly number[], count: number): number[] {
  const out = new Array<number>(count).fill(0);
  for (const s of segmentOf) out[s]!++;
  return out;
}

/** Encodes then decodes `segmentOf` against the live counts it implies. */
function orderRoundTrip(segmentOf: number[], count: number): number[] {
  const out = decodeOrder(encodeOrder(segmentOf), ORDER, liveCountsOf(segmentOf, count));
  expect(out).toBeInstanceOf(Uint16Array);
  return [...out];
}

/** Ascending distinct numbers below `docCount`, each kept with probability `p`. */
function randomDeleted(rand: () => number, docCount: number, p: number): number[] {
  const out: number[] = [];
  for (let d = 0; d < docCount; d++) if (rand() < p) out.push(d);
  return out;
}

describe('file names', () => {
  it('names the root files by their content hash', () => {
    expect(deletedFile('0a1b2c3d4e5f60')).toBe('del-0a1b2c3d4e5f60.bin');
    expect(orderFile('0a1b2c3d4e5f60')).toBe('order-0a1b2c3d4e5f60.bin');
  });

  it('gives names the manifest accepts', () => {
    const segment = (generation: string, deleted: { count: number; file: string } | null) => ({
      generation,
      docCount: 10,
      shards: { count: 1 },
      positions: { count: 1 },
      fragments: { groupSize: 500, count: 1 },
      ids: { count: 1 },
      deleted,
    });
    const manifest = {
      format: FORMAT_NAME,
      version: FORMAT_VERSION,
      buildId: 'ffffffffffffff',
      builtAt: '2024-05-01T12:00:00.000Z',
      docCount: 18,
      avgLength: 100,
      segments: [segment('g-00000000000000', { count: 2, file: deletedFile('0a1b2c3d4e5f60') }), segment('g-00000000000001', null)],
      order: orderFile('99887766554433'),
      chars: { count: 32 },
      banks: [],
      examples: [],
      home: homeFile('00112233445566'),
      suggest: [suggestFile('00112233445566'), suggestFile('66554433221100')],
      readings: [readingsFile('00112233445566')],
      wordFacets: [wordFacetsFile('00112233445566')],
    };
    expect(parseManifest(JSON.stringify(manifest))).toEqual(manifest);
  });
});

describe('deleted documents: round trips', () => {
  it('writes the magic, the layout, the count and the gaps', () => {
    expect([...encodeDeleted([])]).toEqual([...DEL_HEAD, 0]);
    expect([...encodeDeleted([0])]).toEqual([...DEL_HEAD, 1, 0]);
    expect([...encodeDeleted([3, 4, 200])]).toEqual([...DEL_HEAD, 3, 3, 0, 0xc3, 0x01]);
  });

  it('none', () => {
    expect(deletedRoundTrip([], 0)).toEqual([]);
    expect(deletedRoundTrip([], 1)).toEqual([]);
    expect(deletedRoundTrip([], 1_000_000)).toEqual([]);
  });

  it.each([
    [0, 1],
    [0, 10],
    [9, 10],
    [5, 10],
    [127, 128],
    [128, 129],
    [4_294_967_294, 4_294_967_295],
  ])('one: document %i of %i', (d, docCount) => {
    expect(deletedRoundTrip([d], docCount)).toEqual([d]);
  });

  it('the first and the last document', () => {
    expect(deletedRoundTrip([0, 9], 10)).toEqual([0, 9]);
    expect(deletedRoundTrip([0, 999_999], 1_000_000)).toEqual([0, 999_999]);
  });

  it('every document (the decoder allows it; the manifest does not)', () => {
    const all = Array.from({ length: 300 }, (_, d) => d);
    expect(deletedRoundTrip(all, 300)).toEqual(all);
    // A run of consecutive documents costs a byte each.
    expect(encodeDeleted(all.slice(0, 100))).toHaveLength(DEL_HEAD.length + 1 + 100);
  });

  it('many, at random', () => {
    const rand = mulberry32(8);
    for (const [docCount, p] of [
      [10, 0.5],
      [1000, 0.01],
      [1000, 0.3],
      [100_000, 0.001],
      [5000, 0.9],
    ] as const) {
      const deleted = randomDeleted(rand, docCount, p);
      expect(deletedRoundTrip(deleted, docCount)).toEqual(deleted);
    }
  });

  it('large gaps, across every varint size', () => {
    const deleted = [0, 128, 129 + 127, 129 + 128 + 16_384, 2 ** 21 + 1_000_000, 2 ** 28 + 5, 2 ** 32 - 2];
    expect(deletedRoundTrip(deleted, 2 ** 32 - 1)).toEqual(deleted);
    const gaps = deleted.map((d, i) => d - (i === 0 ? -1 : deleted[i - 1]!) - 1);
    expect([...encodeDeleted(deleted)]).toEqual([...DEL_HEAD, ...varint(deleted.length), ...gaps.flatMap(varint)]);
  });

  it('accepts any array-like of numbers, not only arrays of one kind', () => {
    expect(deletedRoundTrip([...Uint32Array.of(1, 5, 7)], 8)).toEqual([1, 5, 7]);
  });
});

describe('deleted documents: every rejection gives its exact message', () => {
  it.each([
    [[3, 1], 'deleted documents must be ascending distinct integers, got 1 after 3'],
    [[0, 5, 4], 'deleted documents must be ascending distinct integers, got 4 after 5'],
    [[2, 2], 'deleted documents must be ascending distinct integers, got 2 after 2'],
    [[0, 0], 'deleted documents must be ascending distinct integers, got 0 after 0'],
    [[-1], 'deleted documents must be ascending distinct integers, got -1 after -1'],
    [[-5], 'deleted documents must be ascending distinct integers, got -5 after -1'],
    [[1.5], 'deleted documents must be ascending distinct integers, got 1.5 after -1'],
    [[0, NaN], 'deleted documents must be ascending distinct integers, got NaN after 0'],
    [[Infinity], 'deleted documents must be ascending distinct integers, got Infinity after -1'],
    [[2 ** 60], `varint out of range: ${2 ** 60}`],
  ])('encodeDeleted(%j) throws a RangeError', (deleted, msg) => {
    expect(() => encodeDeleted(deleted)).toThrow(RangeError);
    expect(() => encodeDeleted(deleted)).toThrow(msg);
  });

  it('wrong magic', () => {
    expect(formatError(() => decodeDeleted(encodeOrder([0]), DEL, 10)).message).toBe(`${DEL}: expected magic "BNSD", found "BNSO" at byte 4`);
    expect(formatError(() => decodeDeleted(bytes(0x1f, 0x8b, 8, 0, 1, 0), DEL, 10)).message).toBe(
      `${DEL}: expected magic "BNSD", found "\x1f\x8b\b\0" at byte 4`,
    );
    expect(formatError(() => decodeDeleted(bytes(0x62, 0x6e, 0x73, 0x64, 1, 0), DEL, 10)).message).toBe(
      `${DEL}: expected magic "BNSD", found "bnsd" at byte 4`,
    );
  });

  it.each([[0], [2], [255]])('layout %i', (layout) => {
    const bad = encodeDeleted([1, 2]);
    bad[4] = layout;
    expect(formatError(() => decodeDeleted(bad, DEL, 10)).message).toBe(`${DEL}: has a deleted-documents file layout ${layout}; this code reads layout 1`);
  });

  it('truncated: every prefix of a valid file throws, never returns', () => {
    for (const [deleted, docCount] of [
      [[], 0],
      [[0], 1],
      [[3, 4, 200], 201],
      [[0, 128, 100_000, 2 ** 32 - 2], 2 ** 32 - 1],
    ] as const) {
      const full = encodeDeleted(deleted);
      expect([...decodeDeleted(full, DEL, docCount)]).toEqual(deleted);
      for (let n = 0; n < full.length; n++) {
        const e = formatError(() => decodeDeleted(full.slice(0, n), DEL, docCount));
        expect(e.file, `${n} of ${full.length} bytes`).toBe(DEL);
      }
    }
  });

  it('truncated: the exact messages', () => {
    const full = encodeDeleted([3, 4, 200]);
    expect(formatError(() => decodeDeleted(full.slice(0, 0), DEL, 201)).message).toBe(`${DEL}: needs 4 more bytes at byte 0`);
    expect(formatError(() => decodeDeleted(full.slice(0, 3), DEL, 201)).message).toBe(`${DEL}: needs 4 more bytes at byte 0`);
    expect(formatError(() => decodeDeleted(full.slice(0, 4), DEL, 201)).message).toBe(`${DEL}: unexpected end of file at byte 4`);
    expect(formatError(() => decodeDeleted(full.slice(0, 5), DEL, 201)).message).toBe(`${DEL}: unexpected end of file at byte 5`);
    expect(formatError(() => decodeDeleted(full.slice(0, 8), DEL, 201)).message).toBe(`${DEL}: unexpected end of file at byte 8`);
    // Inside the last gap's varint.
    expect(formatError(() => decodeDeleted(full.slice(0, 9), DEL, 201)).message).toBe(`${DEL}: unexpected end of file at byte 9`);
  });

  it('trailing bytes', () => {
    const full = encodeDeleted([3, 4]);
    expect(formatError(() => decodeDeleted(bytes(...full, 0), DEL, 10)).message).toBe(`${DEL}: has 1 bytes after its end`);
    expect(formatError(() => decodeDeleted(bytes(...full, 1, 2, 3), DEL, 10)).message).toBe(`${DEL}: has 3 bytes after its end`);
    expect(formatError(() => decodeDeleted(bytes(...encodeDeleted([]), 0), DEL, 10)).message).toBe(`${DEL}: has 1 bytes after its end`);
    // Two files end to end.
    expect(formatError(() => decodeDeleted(bytes(...full, ...full), DEL, 10)).message).toBe(`${DEL}: has ${full.length} bytes after its end`);
  });

  it('a deleted number at or past docCount', () => {
    expect(formatError(() => decodeDeleted(encodeDeleted([10]), DEL, 10)).message).toBe(`${DEL}: deletes document 10 of a segment of 10`);
    expect(formatError(() => decodeDeleted(encodeDeleted([2, 10]), DEL, 10)).message).toBe(`${DEL}: deletes document 10 of a segment of 10`);
    expect(formatError(() => decodeDeleted(encodeDeleted([0, 1, 11]), DEL, 10)).message).toBe(`${DEL}: deletes document 11 of a segment of 10`);
    expect(formatError(() => decodeDeleted(encodeDeleted([2 ** 40]), DEL, 10)).message).toBe(`${DEL}: deletes document 1099511627776 of a segment of 10`);
    expect(decodeDeleted(encodeDeleted([9]), DEL, 10)).toEqual(Uint32Array.of(9));
  });

  it('more deletions than docCount', () => {
    expect(formatError(() => decodeDeleted(encodeDeleted([0, 1, 2]), DEL, 2)).message).toBe(`${DEL}: deletes 3 documents of a segment of 2`);
    expect(formatError(() => decodeDeleted(encodeDeleted([0]), DEL, 0)).message).toBe(`${DEL}: deletes 1 documents of a segment of 0`);
    // A huge count is refused before anything is allocated or read.
    expect(formatError(() => decodeDeleted(bytes(...DEL_HEAD, ...varint(2 ** 40)), DEL, 10)).message).toBe(
      `${DEL}: deletes 1099511627776 documents of a segment of 10`,
    );
  });

  it('a varint longer than 8 bytes', () => {
    expect(formatError(() => decodeDeleted(bytes(...DEL_HEAD, ...new Array<number>(9).fill(0x80)), DEL, 10)).message).toBe(
      `${DEL}: varint too long at byte 13`,
    );
  });

  it('names the file it was given', () => {
    const e = formatError(() => decodeDeleted(encodeDeleted([5]), 'data/index/del-ffffffffffffff.bin', 5));
    expect(e).toBeInstanceOf(IndexFormatError);
    expect(e.file).toBe('data/index/del-ffffffffffffff.bin');
    expect(e.message).toBe('data/index/del-ffffffffffffff.bin: deletes document 5 of a segment of 5');
  });
});

describe('order: round trips', () => {
  it('writes the magic, the layout and the runs of (segment, length)', () => {
    expect([...encodeOrder([])]).toEqual([...ORDER_HEAD, 0]);
    expect([...encodeOrder([0])]).toEqual([...ORDER_HEAD, 1, 0, 1]);
    expect([...encodeOrder([0, 0, 0, 1, 1, 0])]).toEqual([...ORDER_HEAD, 3, 0, 3, 1, 2, 0, 1]);
    expect([...encodeOrder([299, 299])]).toEqual([...ORDER_HEAD, 1, ...varint(299), 2]);
  });

  it('no live document', () => {
    expect(orderRoundTrip([], 0)).toEqual([]);
    expect(decodeOrder(encodeOrder([]), ORDER, [])).toEqual(new Uint16Array(0));
  });

  it('one segment: a single run', () => {
    const all = new Array<number>(10_000).fill(0);
    expect(orderRoundTrip(all, 1)).toEqual(all);
    expect(encodeOrder(all)).toHaveLength(ORDER_HEAD.length + 1 + 1 + varint(10_000).length);
  });

  it('runs: an update adds one run at the end, and the file stays a few bytes', () => {
    const segmentOf = [...new Array<number>(5000).fill(0), ...new Array<number>(30).fill(1), ...new Array<number>(2).fill(2)];
    expect(orderRoundTrip(segmentOf, 3)).toEqual(segmentOf);
    expect([...encodeOrder(segmentOf)]).toEqual([...ORDER_HEAD, 3, 0, ...varint(5000), 1, 30, 2, 2]);
  });

  it('runs out of segment order, and a segment in several runs', () => {
    const segmentOf = [2, 2, 0, 1, 1, 1, 0, 0, 2];
    expect(orderRoundTrip(segmentOf, 3)).toEqual(segmentOf);
  });

  it('alternating segments: one run per document', () => {
    const segmentOf = Array.from({ length: 1001 }, (_, d) => d % 2);
    expect(orderRoundTrip(segmentOf, 2)).toEqual(segmentOf);
    expect(encodeOrder(segmentOf)).toHaveLength(ORDER_HEAD.length + varint(1001).length + 2 * 1001);
  });

  it('many segments: 300, in random runs', () => {
    const rand = mulberry32(300);
    const segmentOf: number[] = [];
    for (let s = 0; s < 300; s++) segmentOf.push(s); // every segment has a live document
    while (segmentOf.length < 20_000) {
      const s = Math.floor(rand() * 300);
      const n = 1 + Math.floor(rand() * 40);
      for (let i = 0; i < n; i++) segmentOf.push(s);
    }
    for (let i = segmentOf.length - 1; i > 300; i--) {
      if (rand() < 0.1) {
        const j = 300 + Math.floor(rand() * (i - 300));
        [segmentOf[i], segmentOf[j]] = [segmentOf[j]!, segmentOf[i]!];
      }
    }
    expect(orderRoundTrip(segmentOf, 300)).toEqual(segmentOf);
  });

  it('the highest segment number a manifest allows (65534)', () => {
    const segmentOf = Array.from({ length: 65535 }, (_, d) => 65534 - d);
    expect(orderRoundTrip(segmentOf, 65535)).toEqual(segmentOf);
  });

  it('accepts a typed array', () => {
    const segmentOf = Uint16Array.of(1, 1, 0, 2, 2, 2);
    expect([...decodeOrder(encodeOrder(segmentOf), ORDER, [1, 2, 3])]).toEqual([1, 1, 0, 2, 2, 2]);
  });

  it('decodes runs split in two as one (a file the encoder never writes)', () => {
    expect([...decodeOrder(bytes(...ORDER_HEAD, 3, 0, 1, 0, 2, 1, 1), ORDER, [3, 1])]).toEqual([0, 0, 0, 1]);
  });
});

describe('order: every rejection gives its exact message', () => {
  it('wrong magic', () => {
    expect(formatError(() => decodeOrder(encodeDeleted([0]), ORDER, [1])).message).toBe(`${ORDER}: expected magic "BNSO", found "BNSD" at byte 4`);
    expect(formatError(() => decodeOrder(bytes(0x62, 0x6e, 0x73, 0x6f, 1, 0), ORDER, [])).message).toBe(
      `${ORDER}: expected magic "BNSO", found "bnso" at byte 4`,
    );
  });

  it.each([[0], [2], [255]])('layout %i', (layout) => {
    const bad = encodeOrder([0, 1]);
    bad[4] = layout;
    expect(formatError(() => decodeOrder(bad, ORDER, [1, 1])).message).toBe(`${ORDER}: has an order file layout ${layout}; this code reads layout 1`);
  });

  it('truncated: every prefix of a valid file throws, never returns', () => {
    for (const [segmentOf, count] of [
      [[], 0],
      [[0], 1],
      [[0, 0, 0, 1, 1, 0], 2],
      [[...new Array<number>(200).fill(299), 0, 150], 300],
    ] as const) {
      const full = encodeOrder(segmentOf);
      const live = liveCountsOf(segmentOf, count);
      expect([...decodeOrder(full, ORDER, live)]).toEqual(segmentOf);
      for (let n = 0; n < full.length; n++) {
        const e = formatError(() => decodeOrder(full.slice(0, n), ORDER, live));
        expect(e.file, `${n} of ${full.length} bytes`).toBe(ORDER);
      }
    }
  });

  it('truncated: the exact messages', () => {
    const full = encodeOrder([0, 0, 0, 1, 1, 0]);
    const live = [4, 2];
    expect(formatError(() => decodeOrder(full.slice(0, 0), ORDER, live)).message).toBe(`${ORDER}: needs 4 more bytes at byte 0`);
    expect(formatError(() => decodeOrder(full.slice(0, 4), ORDER, live)).message).toBe(`${ORDER}: unexpected end of file at byte 4`);
    expect(formatError(() => decodeOrder(full.slice(0, 5), ORDER, live)).message).toBe(`${ORDER}: unexpected end of file at byte 5`);
    // A run's segment without its length.
    expect(formatError(() => decodeOrder(full.slice(0, 7), ORDER, live)).message).toBe(`${ORDER}: unexpected end of file at byte 7`);
    expect(formatError(() => decodeOrder(full.slice(0, full.length - 1), ORDER, live)).message).toBe(`${ORDER}: unexpected end of file at byte 11`);
  });

  it('a run count far beyond the bytes ends at the end of the file', () => {
    expect(formatError(() => decodeOrder(bytes(...ORDER_HEAD, ...varint(2 ** 40), 0, 1), ORDER, [1])).message).toBe(
      `${ORDER}: unexpected end of file at byte ${ORDER_HEAD.length + varint(2 ** 40).length + 2}`,
    );
  });

  it('trailing bytes', () => {
    const full = encodeOrder([0, 1]);
    expect(formatError(() => decodeOrder(bytes(...full, 0), ORDER, [1, 1])).message).toBe(`${ORDER}: has 1 bytes after its end`);
    expect(formatError(() => decodeOrder(bytes(...full, 0, 1), ORDER, [1, 1])).message).toBe(`${ORDER}: has 2 bytes after its end`);
    expect(formatError(() => decodeOrder(bytes(...encodeOrder([]), 7), ORDER, [])).message).toBe(`${ORDER}: has 1 bytes after its end`);
    // Reported before the counts are compared.
    expect(formatError(() => decodeOrder(bytes(...full, 0), ORDER, [5, 5])).message).toBe(`${ORDER}: has 1 bytes after its end`);
  });

  it('an order naming a segment the index lacks', () => {
    expect(formatError(() => decodeOrder(encodeOrder([0, 2]), ORDER, [1, 1])).message).toBe(`${ORDER}: names segment 2 of an index of 2`);
    expect(formatError(() => decodeOrder(encodeOrder([1]), ORDER, [1])).message).toBe(`${ORDER}: names segment 1 of an index of 1`);
    expect(formatError(() => decodeOrder(encodeOrder([0]), ORDER, [])).message).toBe(`${ORDER}: names segment 0 of an index of 0`);
    expect(formatError(() => decodeOrder(encodeOrder([65535]), ORDER, [1])).message).toBe(`${ORDER}: names segment 65535 of an index of 1`);
    expect(formatError(() => decodeOrder(encodeOrder([70_000]), ORDER, [1])).message).toBe(`${ORDER}: names segment 70000 of an index of 1`);
    // Before the run's length is judged.
    expect(formatError(() => decodeOrder(bytes(...ORDER_HEAD, 1, 5, 0), ORDER, [1])).message).toBe(`${ORDER}: names segment 5 of an index of 1`);
  });

  it('a run of 0 documents', () => {
    expect(formatError(() => decodeOrder(bytes(...ORDER_HEAD, 1, 0, 0), ORDER, [1])).message).toBe(`${ORDER}: orders more documents than the 1 live ones`);
    expect(formatError(() => decodeOrder(bytes(...ORDER_HEAD, 2, 0, 1, 1, 0), ORDER, [1, 1])).message).toBe(
      `${ORDER}: orders more documents than the 2 live ones`,
    );
    expect(formatError(() => decodeOrder(bytes(...ORDER_HEAD, 1, 0, 0), ORDER, [0])).message).toBe(`${ORDER}: orders more documents than the 0 live ones`);
  });

  it('more documents than the live ones', () => {
    expect(formatError(() => decodeOrder(encodeOrder([0, 0, 0]), ORDER, [2])).message).toBe(`${ORDER}: orders more documents than the 2 live ones`);
    expect(formatError(() => decodeOrder(encodeOrder([0, 1, 0]), ORDER, [1, 1])).message).toBe(`${ORDER}: orders more documents than the 2 live ones`);
    expect(formatError(() => decodeOrder(encodeOrder([0]), ORDER, [0])).message).toBe(`${ORDER}: orders more documents than the 0 live ones`);
    // A huge run is refused, not filled.
    expect(formatError(() => decodeOrder(bytes(...ORDER_HEAD, 1, 0, ...varint(2 ** 40)), ORDER, [3])).message).toBe(
      `${ORDER}: orders more documents than the 3 live ones`,
    );
  });

  it('fewer documents than the live ones', () => {
    expect(formatError(() => decodeOrder(encodeOrder([0]), ORDER, [2])).message).toBe(`${ORDER}: orders 1 documents, not the 2 live ones`);
    expect(formatError(() => decodeOrder(encodeOrder([]), ORDER, [1])).message).toBe(`${ORDER}: orders 0 documents, not the 1 live ones`);
    expect(formatError(() => decodeOrder(encodeOrder([0, 1, 1]), ORDER, [2, 2])).message).toBe(`${ORDER}: orders 3 documents, not the 4 live ones`);
  });

  it('a segment given the wrong number of documents, however many in all', () => {
    expect(formatError(() => decodeOrder(encodeOrder([0, 0, 0, 1, 1]), ORDER, [2, 3])).message).toBe(
      `${ORDER}: gives segment 0 3 documents, but it has 2 live ones`,
    );
    expect(formatError(() => decodeOrder(encodeOrder([0, 0]), ORDER, [1, 1])).message).toBe(`${ORDER}: gives segment 0 2 documents, but it has 1 live ones`);
    expect(formatError(() => decodeOrder(encodeOrder([1, 1]), ORDER, [1, 1])).message).toBe(`${ORDER}: gives segment 0 0 documents, but it has 1 live ones`);
    expect(formatError(() => decodeOrder(encodeOrder([0, 2, 2, 1]), ORDER, [1, 2, 1])).message).toBe(
      `${ORDER}: gives segment 1 1 documents, but it has 2 live ones`,
    );
  });

  it('names the file it was given', () => {
    const e = formatError(() => decodeOrder(encodeOrder([0]), 'data/index/order-ffffffffffffff.bin', [2]));
    expect(e).toBeInstanceOf(IndexFormatError);
    expect(e.file).toBe('data/index/order-ffffffffffffff.bin');
    expect(e.message).toBe('data/index/order-ffffffffffffff.bin: orders 1 documents, not the 2 live ones');
  });

  it('encodeOrder refuses what no varint can hold', () => {
    expect(() => encodeOrder([-1])).toThrow(RangeError);
    expect(() => encodeOrder([-1])).toThrow('varint out of range: -1');
    expect(() => encodeOrder([0.5])).toThrow('varint out of range: 0.5');
  });
});

describe('content-named entries of an index folder', () => {
  const hash = '0123456789abcd';
  it('are the segment folders and the del-, order-, home-, sug-, py- and wfc- files, with 14 hex digits each', () => {
    for (const name of [`g-${hash}`, deletedFile(hash), orderFile(hash), homeFile(hash), suggestFile(hash), readingsFile(hash), wordFacetsFile(hash)])
      expect(isContentNamed(name), name).toBe(true);
    expect(isGenerationName(`g-${hash}`)).toBe(true);
    for (const name of [
      'manifest.json',
      `g-${hash}x`,
      'g-0123456789abc',
      `G-${hash}`,
      `del-${hash}.bin.tmp`,
      'order-notahash0000.bin',
      `home-${hash}.json`,
      `py-${hash}.json`,
      `.tmp-g-${hash}`,
      `g-${hash}/`,
    ])
      expect(isContentNamed(name), name).toBe(false);
    expect(isGenerationName(deletedFile(hash))).toBe(false);
  });

  it('make a path immutable inside a segment folder or as a root file, under any base path', () => {
    for (const p of [
      `/search/g-${hash}/shard-0.bin`,
      `g-${hash}/rank.bin`,
      `g-${hash}/facets.bin`,
      `/srv/site/search/${deletedFile(hash)}`,
      `/${orderFile(hash)}`,
      `/search/${homeFile(hash)}`,
    ])
      expect(isImmutableIndexPath(p), p).toBe(true);
    for (const p of [
      '/search/manifest.json',
      `/search/g-${hash}`,
      `/search/${deletedFile(hash)}/x`,
      '/search/del-notahash.bin',
      '/index.html',
      `/search/g-${hash}x/shard-0.bin`,
    ])
      expect(isImmutableIndexPath(p), p).toBe(false);
  });
});
