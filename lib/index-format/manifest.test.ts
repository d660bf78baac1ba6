import { describe, expect, it } from 'vitest';
import { MANIFEST_FILE, parseManifest, type Manifest, type SegmentInfo } from './manifest';
import { FORMAT_NAME, FORMAT_VERSION } from './version';
import { formatError, jsonMessage } from './test-support';

/** The first segment of {@link valid}: 1200 documents, 3 of them deleted. */
function segment0(): SegmentInfo {
  return {
    generation: 'g-0a1b2c3d4e5f60',
    docCount: 1200,
    shards: { count: 4 },
    positions: { count: 4 },
    fragments: { groupSize: 500, count: 3 },
    ids: { count: 2 },
    deleted: { count: 3, file: 'del-1122334455aabb.bin' },
  };
}

/** The second segment of {@link valid}: 40 documents written by an update, none deleted. */
function segment1(): SegmentInfo {
  return {
    generation: 'g-ffeeddccbbaa99',
    docCount: 40,
    shards: { count: 1 },
    positions: { count: 1 },
    fragments: { groupSize: 500, count: 1 },
    ids: { count: 1 },
    deleted: null,
  };
}

/** A manifest of two segments: 1197 + 40 live documents, tied together by an order file. */
function valid(): Manifest {
  return {
    format: FORMAT_NAME,
    version: FORMAT_VERSION,
    buildId: '0a1b2c3d4e5f60',
    builtAt: '2024-05-01T12:00:00.000Z',
    docCount: 1237,
    avgLength: 812.5,
    segments: [segment0(), segment1()],
    order: 'order-99887766554433.bin',
    chars: { count: 32 },
    banks: [{ name: '中国工商银行', kind: '国有大型商业银行', aliases: ['工商银行', '工行', 'ICBC'] }],
    examples: ['LPR', '普惠金融', '数字人民币'],
    home: null,
    suggest: [],
    readings: [],
    wordFacets: [],
  };
}

/** A manifest of one segment without deletions (what a full build writes). */
function single(): Manifest {
  return { ...valid(), docCount: 1200, segments: [{ ...segment0(), deleted: null }], order: null };
}

/** The empty index: no segment at all. */
function empty(): Manifest {
  return { ...valid(), docCount: 0, avgLength: 0, segments: [], order: null, chars: { count: 0 }, banks: [], examples: [] };
}

/** Applies `patch` to `base`; `undefined` deletes a field. */
function patched<T extends object>(base: T, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base, ...patch };
  for (const [k, v] of Object.entries(patch)) if (v === undefined) delete out[k];
  return out;
}

/** Parses the valid manifest with `patch` applied; `undefined` deletes a field. */
function parseWith(patch: Record<string, unknown>, file?: string, base: Manifest = valid()): Manifest {
  return parseManifest(JSON.stringify(patched(base, patch)), file);
}

function message(patch: Record<string, unknown>, base: Manifest = valid()): string {
  return formatError(() => parseWith(patch, undefined, base)).message;
}

/** The valid manifest with segment `k` patched (`undefined` deletes a field); top-level fields from `top`: a patch for {@link parseWith}. */
function withSegment(k: number, patch: Record<string, unknown>, top: Record<string, unknown> = {}): Record<string, unknown> {
  const segs: unknown[] = valid().segments;
  segs[k] = patched(segs[k] as SegmentInfo, patch);
  return { segments: segs, ...top };
}

function segmentMessage(k: number, patch: Record<string, unknown>, top: Record<string, unknown> = {}): string {
  return message(withSegment(k, patch, top));
}

/** `n` segments of `docCount` documents each, none deleted, with distinct generations. */
function segments(n: number, docCount = 1): SegmentInfo[] {
  return Array.from({ length: n }, (_, k) => ({
    generation: `g-${k.toString(16).padStart(14, '0')}`,
    docCount,
    shards: { count: 1 },
    positions: { count: 1 },
    fragments: { groupSize: 500, count: Math.ceil(docCount / 500) },
    ids: { count: 1 },
    deleted: null,
  }));
}

const VERSION_MESSAGE = (v: string) =>
  `manifest.json: index format version ${v} is not supported (this code reads version ${FORMAT_VERSION}); rebuild the index`;
const ORDER_MESSAGE = 'manifest.json: order must be null for one segment or none, else the name of an order-<hash>.bin file';
const DELETED_MESSAGE = (k: number) => `manifest.json: segments[${k}].deleted must be null or { count (1 to docCount − 1), file: "del-<hash>.bin" }`;

describe('parseManifest: valid manifests', () => {
  it('parses a valid manifest of two segments', () => {
    expect(FORMAT_VERSION).toBe(17);
    expect(parseManifest(JSON.stringify(valid()))).toEqual(valid());
  });

  it('parses a manifest of one segment, without an order file', () => {
    expect(parseManifest(JSON.stringify(single()))).toEqual(single());
  });

  it('parses one segment with deletions: still no order file', () => {
    const m = parseWith({ docCount: 1197, segments: [segment0()], order: null });
    expect(m.segments).toEqual([segment0()]);
    expect(m.order).toBeNull();
    expect(m.docCount).toBe(1197);
  });

  it('accepts the empty index: no segment, no order, no char table, empty lists', () => {
    const m = parseManifest(JSON.stringify(empty()));
    expect(m).toEqual(empty());
    expect(m.segments).toEqual([]);
    expect(m.docCount).toBe(0);
    expect(m.order).toBeNull();
    expect(m.chars).toEqual({ count: 0 });
  });

  it('pairs every position shard with a postings shard: the counts must be equal', () => {
    const m = parseWith(withSegment(1, { shards: { count: 64 }, positions: { count: 64 } }));
    expect(m.segments[1]!.shards).toEqual({ count: 64 });
    expect(m.segments[1]!.positions).toEqual({ count: 64 });
    for (const count of [7, 63, 65]) {
      expect(segmentMessage(1, { shards: { count: 64 }, positions: { count } })).toBe(
        'manifest.json: segments[1].positions.count must equal shards.count: position shard i pairs with shard i',
      );
    }
  });

  it('lets each segment have its own shard, fragment and id counts', () => {
    const m = parseManifest(JSON.stringify(valid()));
    expect(m.segments.map((g) => [g.shards.count, g.positions.count, g.fragments.count, g.ids.count])).toEqual([
      [4, 4, 3, 2],
      [1, 1, 1, 1],
    ]);
  });

  it('accepts a character table of 32 shards or none', () => {
    expect(parseWith({ chars: { count: 32 } }).chars).toEqual({ count: 32 });
    expect(parseWith({ chars: { count: 0 } }).chars).toEqual({ count: 0 });
    expect(parseWith({ chars: { count: 32 } }, undefined, single()).chars).toEqual({ count: 32 });
  });

  it('keeps the ranked characters the table has entries for, and accepts a manifest without them', () => {
    expect(parseWith({ chars: { count: 32, ranked: '么著乾' } }).chars).toEqual({ count: 32, ranked: '么著乾' });
    expect(parseWith({ chars: { count: 32, ranked: '' } }).chars).toEqual({ count: 32, ranked: '' });
  });

  it.each([
    ['a table it does not have', { count: 0, ranked: '' }],
    ['a number', { count: 32, ranked: 5 }],
    ['null', { count: 32, ranked: null }],
    ['a character outside the ranked table', { count: 32, ranked: '著銀' }],
    ['ASCII', { count: 32, ranked: 'a' }],
  ])('chars.ranked naming %s is refused', (_what, chars) => {
    const ranked = "manifest.json: chars.ranked must be absent without a table, else a string of the text code's ranked characters";
    expect(message({ chars }, chars.count === 0 ? empty() : undefined)).toBe(ranked);
  });

  it.each([
    [1, 500, 1],
    [499, 500, 1],
    [500, 500, 1],
    [501, 500, 2],
    [1000, 500, 2],
    [1001, 500, 3],
    [7, 1, 7],
    [1200, 1200, 1],
    [1200, 1, 1200],
  ])('accepts a segment of docCount %i with groupSize %i and fragments.count %i', (docCount, groupSize, count) => {
    const m = parseWith({ docCount, segments: [{ ...segment0(), docCount, fragments: { groupSize, count }, deleted: null }] }, undefined, single());
    expect(m.segments[0]!.fragments).toEqual({ groupSize, count });
    expect(m.docCount).toBe(docCount);
  });

  it.each([
    [1, 1239],
    [2, 1238],
    [1199, 41],
  ])('accepts %i deleted documents of the first segment, leaving %i live in the index', (count, docCount) => {
    const m = parseWith(withSegment(0, { deleted: { count, file: 'del-1122334455aabb.bin' } }, { docCount }));
    expect(m.segments[0]!.deleted).toEqual({ count, file: 'del-1122334455aabb.bin' });
  });

  it('accepts deletions in every segment, and a deleted-documents file shared by content', () => {
    const deleted = { count: 1, file: 'del-00000000000000.bin' };
    const m = parseWith({
      docCount: 1238,
      segments: [
        { ...segment0(), deleted },
        { ...segment1(), deleted },
      ],
    });
    expect(m.segments.map((g) => g.deleted)).toEqual([deleted, deleted]);
  });

  it('accepts any 14-hex-digit deleted-documents and order file', () => {
    for (const hash of ['00000000000000', 'ffffffffffffff', '1f0e9d8c7b6a50']) {
      const m = parseWith(withSegment(0, { deleted: { count: 3, file: `del-${hash}.bin` } }, { order: `order-${hash}.bin` }));
      expect(m.segments[0]!.deleted!.file).toBe(`del-${hash}.bin`);
      expect(m.order).toBe(`order-${hash}.bin`);
    }
  });

  it('accepts any 14-hex-digit buildId and generation: the buildId no longer names a folder', () => {
    for (const hash of ['00000000000000', 'ffffffffffffff', '1f0e9d8c7b6a50']) {
      const m = parseWith(withSegment(0, { generation: `g-${hash}` }, { buildId: hash }));
      expect(m.buildId).toBe(hash);
      expect(m.segments[0]!.generation).toBe(`g-${hash}`);
    }
    expect(parseWith({ buildId: 'ffffffffffffff' }).buildId).toBe('ffffffffffffff');
  });

  it('accepts many segments, each with its order', () => {
    const m = parseWith({ docCount: 300, segments: segments(300) });
    expect(m.segments).toHaveLength(300);
    expect(m.segments[299]!.generation).toBe('g-0000000000012b');
  });

  it('accepts 65535 segments, the most an order file can name', () => {
    const m = parseWith({ docCount: 65535, segments: segments(65535) });
    expect(m.segments).toHaveLength(65535);
  });

  it('names manifest.json by default', () => {
    expect(MANIFEST_FILE).toBe('manifest.json');
    expect(formatError(() => parseManifest('')).message.startsWith('manifest.json: ')).toBe(true);
  });
});

describe('parseManifest: each invalid field gives its exact message', () => {
  it('malformed JSON', () => {
    for (const text of ['', '{', '{"format":}', 'undefined']) {
      const e = formatError(() => parseManifest(text));
      expect(e.message).toBe(`manifest.json: not valid JSON (${jsonMessage(text)})`);
      expect(e.file).toBe('manifest.json');
    }
  });

  it.each([['null'], ['42'], ['"manifest"'], ['true'], ['[]'], ['[{"format":"bank-news-search-index"}]']])('not an object: %s', (text) => {
    expect(formatError(() => parseManifest(text)).message).toBe('manifest.json: expected a JSON object');
  });

  it('format', () => {
    const msg = 'manifest.json: not a bank-news-search-index manifest';
    expect(message({ format: undefined })).toBe(msg);
    expect(message({ format: 'something-else' })).toBe(msg);
    expect(formatError(() => parseManifest('{}')).message).toBe(msg);
  });

  it('version 999 is not supported and asks for a rebuild', () => {
    expect(message({ version: 999 })).toBe(
      `manifest.json: index format version 999 is not supported (this code reads version ${FORMAT_VERSION}); rebuild the index`,
    );
  });

  it('other unsupported versions', () => {
    expect(message({ version: 0 })).toBe(VERSION_MESSAGE('0'));
    expect(message({ version: undefined })).toBe(VERSION_MESSAGE('undefined'));
    expect(message({ version: null })).toBe(VERSION_MESSAGE('null'));
    expect(message({ version: '9' })).toBe(VERSION_MESSAGE('"9"'));
    expect(message({ version: 9.5 })).toBe(VERSION_MESSAGE('9.5'));
    for (const version of [1, 2, 3, 4, 5, 6, 7, 8, 10]) expect(message({ version })).toBe(VERSION_MESSAGE(String(version)));
  });

  it.each([
    [undefined],
    [null],
    [42],
    [''],
    ['0A1B2C3D4E5F60'],
    ['0a1b2c3d4e5f6'],
    ['0a1b2c3d4e5f600'],
    ['0a1b2c3d4e5f6g'],
    [' 0a1b2c3d4e5f60'],
    ['0a1b2c3d4e5f60\n'],
    ['g-0a1b2c3d4e5f60'],
  ])('buildId %j', (buildId) => {
    expect(message({ buildId })).toBe('manifest.json: buildId must be 14 hex digits');
  });

  it.each([[undefined], [null], [42], [{}]])('builtAt %j', (builtAt) => {
    expect(message({ builtAt })).toBe('manifest.json: builtAt must be a string');
  });

  it.each([[-1], [1.5], ['1237'], [null], [undefined]])('docCount %s', (docCount) => {
    expect(message({ docCount })).toBe('manifest.json: docCount must be a non-negative integer');
  });

  it.each([['812'], [null], [undefined], [-1], [-0.5], [{}]])('avgLength %s', (avgLength) => {
    expect(message({ avgLength })).toBe('manifest.json: avgLength must be a non-negative number');
  });

  it.each([[undefined], [null], [{}], [{ 0: segment0() }], ['g-0a1b2c3d4e5f60'], [2]])('segments %j', (segments) => {
    expect(message({ segments })).toBe('manifest.json: segments must be a list');
  });

  it('at most 65535 segments: the order file names them in 16 bits', () => {
    expect(message({ segments: new Array(65536).fill(null) })).toBe('manifest.json: has 65536 segments; at most 65535 can be ordered');
    expect(message({ segments: new Array(70000).fill(null) })).toBe('manifest.json: has 70000 segments; at most 65535 can be ordered');
    expect(message({ docCount: 65536, segments: segments(65536) })).toBe('manifest.json: has 65536 segments; at most 65535 can be ordered');
    // 65535 pass the count, and each is then checked.
    expect(message({ segments: new Array(65535).fill(null) })).toBe('manifest.json: segments[0] must be an object');
  });

  it('rejects a manifest of this version in the version 7 layout (one generation, top-level counts)', () => {
    const { segments: _, order: __, ...rest } = single();
    const v7shape = { ...rest, ...segment0(), deleted: undefined };
    expect(formatError(() => parseManifest(JSON.stringify(v7shape))).message).toBe('manifest.json: segments must be a list');
  });
});

describe('parseManifest: each invalid segment field gives its exact message, naming the segment', () => {
  it.each([[0], [1]])('segments[%i] not an object', (k) => {
    for (const bad of [null, 42, 'g-0a1b2c3d4e5f60', [], [segment0()], true]) {
      const segs: unknown[] = valid().segments;
      segs[k] = bad;
      expect(message({ segments: segs }), JSON.stringify(bad)).toBe(`manifest.json: segments[${k}] must be an object`);
    }
  });

  it.each([
    [undefined],
    [null],
    [42],
    [''],
    ['0a1b2c3d4e5f60'],
    ['g-'],
    ['g-0a1b2c3d4e5f6'],
    ['g-0a1b2c3d4e5f600'],
    ['G-0a1b2c3d4e5f60'],
    ['g-0a1b2c3d4e5f60/'],
    ['./g-0a1b2c3d4e5f60'],
    ['../g-0a1b2c3d4e5f60'],
    ['g-0A1B2C3D4E5F60'],
    ['g-0a1b2c3d4e5f6g'],
    ['g-0a1b2c3d4e5f60\n'],
  ])('generation %j', (generation) => {
    expect(segmentMessage(0, { generation })).toBe('manifest.json: segments[0].generation must be "g-" and 14 hex digits');
    expect(segmentMessage(1, { generation })).toBe('manifest.json: segments[1].generation must be "g-" and 14 hex digits');
  });

  it.each([[undefined], [null], [0], [-1], [1.5], ['1200'], [true]])('segment docCount %j', (docCount) => {
    expect(segmentMessage(0, { docCount })).toBe('manifest.json: segments[0].docCount must be a positive integer');
    expect(segmentMessage(1, { docCount })).toBe('manifest.json: segments[1].docCount must be a positive integer');
  });

  it('a segment is never empty: an empty index has no segment instead', () => {
    const segment = { ...segment0(), docCount: 0, fragments: { groupSize: 500, count: 0 }, deleted: null };
    expect(message({ docCount: 0, segments: [segment] }, single())).toBe('manifest.json: segments[0].docCount must be a positive integer');
  });

  it.each([[undefined], [null], [4], [{}], [{ count: 0 }], [{ count: -1 }], [{ count: 1.5 }], [{ count: '1' }], [{ count: null }]])(
    'shards.count %j',
    (shards) => {
      expect(segmentMessage(0, { shards })).toBe('manifest.json: segments[0].shards.count must be a positive integer');
      expect(segmentMessage(1, { shards })).toBe('manifest.json: segments[1].shards.count must be a positive integer');
    },
  );

  it.each([
    [undefined],
    [null],
    [2],
    [4],
    [{}],
    [{ count: 0 }],
    [{ count: -1 }],
    [{ count: 1.5 }],
    [{ count: '4' }],
    [{ count: null }],
    [{ count: true }],
    [{ count: 3 }],
    [{ count: 5 }],
  ])('positions %j with shards.count 4', (positions) => {
    expect(segmentMessage(0, { positions })).toBe('manifest.json: segments[0].positions.count must equal shards.count: position shard i pairs with shard i');
    expect(segmentMessage(1, { positions, shards: { count: 4 } })).toBe(
      'manifest.json: segments[1].positions.count must equal shards.count: position shard i pairs with shard i',
    );
  });

  it('requires positions even when shards are given (a segment written before position shards)', () => {
    expect(segmentMessage(0, { positions: undefined, shards: { count: 4 } })).toBe(
      'manifest.json: segments[0].positions.count must equal shards.count: position shard i pairs with shard i',
    );
  });

  it('an invalid shards.count is reported before positions that would match it', () => {
    expect(segmentMessage(0, { shards: { count: 0 }, positions: { count: 0 } })).toBe('manifest.json: segments[0].shards.count must be a positive integer');
  });

  it.each([
    [undefined],
    [null],
    [{ count: 3 }],
    [{ groupSize: 0, count: 3 }],
    [{ groupSize: -500, count: 3 }],
    [{ groupSize: 2.5, count: 3 }],
    [{ groupSize: '500', count: 3 }],
    [{ groupSize: null, count: 3 }],
  ])('fragments.groupSize %j', (fragments) => {
    expect(segmentMessage(0, { fragments })).toBe('manifest.json: segments[0].fragments.groupSize must be a positive integer');
    expect(segmentMessage(1, { fragments })).toBe('manifest.json: segments[1].fragments.groupSize must be a positive integer');
  });

  it.each([
    [{ groupSize: 500 }],
    [{ groupSize: 500, count: null }],
    [{ groupSize: 500, count: '3' }],
    [{ groupSize: 500, count: 2 }],
    [{ groupSize: 500, count: 4 }],
    [{ groupSize: 500, count: 2.4 }],
    [{ groupSize: 500, count: 0 }],
    [{ groupSize: 1200, count: 0 }],
    [{ groupSize: 1, count: 1199 }],
    [{ groupSize: 1, count: 1197 }],
  ])('segments[0].fragments.count %j with docCount 1200 (deleted documents still take their place)', (fragments) => {
    expect(segmentMessage(0, { fragments })).toBe('manifest.json: segments[0].fragments.count must be ceil(docCount / groupSize)');
  });

  it.each([
    [{ groupSize: 500 }],
    [{ groupSize: 500, count: 0 }],
    [{ groupSize: 500, count: 2 }],
    [{ groupSize: 500, count: '1' }],
    [{ groupSize: 500, count: true }],
    [{ groupSize: 39, count: 1 }],
    [{ groupSize: 1, count: 39 }],
    [{ groupSize: 1, count: 41 }],
  ])('segments[1].fragments.count %j with docCount 40', (fragments) => {
    expect(segmentMessage(1, { fragments })).toBe('manifest.json: segments[1].fragments.count must be ceil(docCount / groupSize)');
  });

  it.each([[undefined], [null], [2], [{}], [{ count: 0 }], [{ count: -1 }], [{ count: 1.5 }], [{ count: '2' }], [{ count: true }]])('ids.count %j', (ids) => {
    expect(segmentMessage(0, { ids })).toBe('manifest.json: segments[0].ids.count must be a positive integer');
    expect(segmentMessage(1, { ids })).toBe('manifest.json: segments[1].ids.count must be a positive integer');
  });

  it.each([
    [undefined],
    [false],
    [0],
    ['del-1122334455aabb.bin'],
    [[]],
    [{}],
    [{ count: 3 }],
    [{ file: 'del-1122334455aabb.bin' }],
    [{ count: 0, file: 'del-1122334455aabb.bin' }],
    [{ count: -1, file: 'del-1122334455aabb.bin' }],
    [{ count: 1.5, file: 'del-1122334455aabb.bin' }],
    [{ count: '3', file: 'del-1122334455aabb.bin' }],
    [{ count: null, file: 'del-1122334455aabb.bin' }],
    [{ count: 3, file: null }],
    [{ count: 3, file: 42 }],
    [{ count: 3, file: '' }],
    [{ count: 3, file: 'del-1122334455aabb' }],
    [{ count: 3, file: 'del-1122334455aabb.json' }],
    [{ count: 3, file: 'del-1122334455AABB.bin' }],
    [{ count: 3, file: 'del-1122334455aab.bin' }],
    [{ count: 3, file: 'del-1122334455aabb0.bin' }],
    [{ count: 3, file: 'del-1122334455aabg.bin' }],
    [{ count: 3, file: 'order-1122334455aabb.bin' }],
    [{ count: 3, file: 'g-0a1b2c3d4e5f60/del-1122334455aabb.bin' }],
    [{ count: 3, file: '../del-1122334455aabb.bin' }],
    [{ count: 3, file: 'del-1122334455aabb.bin\n' }],
    [{ count: 3, file: ' del-1122334455aabb.bin' }],
  ])('deleted %j', (deleted) => {
    expect(segmentMessage(0, { deleted })).toBe(DELETED_MESSAGE(0));
    expect(segmentMessage(1, { deleted })).toBe(DELETED_MESSAGE(1));
  });

  it('deleted.count is 1 to docCount − 1: a segment with every document deleted is dropped instead', () => {
    const file = 'del-1122334455aabb.bin';
    expect(segmentMessage(0, { deleted: { count: 1200, file } })).toBe(DELETED_MESSAGE(0));
    expect(segmentMessage(0, { deleted: { count: 1201, file } })).toBe(DELETED_MESSAGE(0));
    expect(segmentMessage(1, { deleted: { count: 40, file } })).toBe(DELETED_MESSAGE(1));
    expect(segmentMessage(1, { deleted: { count: 41, file } })).toBe(DELETED_MESSAGE(1));
    expect(parseWith(withSegment(1, { deleted: { count: 39, file } }, { docCount: 1198 })).segments[1]!.deleted).toEqual({
      count: 39,
      file,
    });
    const one = { ...segment1(), docCount: 1, fragments: { groupSize: 500, count: 1 } };
    expect(message({ docCount: 0, segments: [{ ...one, deleted: { count: 1, file } }] }, single())).toBe(DELETED_MESSAGE(0));
  });

  it('docCount counts the live documents: every segment’s, less the deleted', () => {
    expect(parseWith({ docCount: 1237 }).docCount).toBe(1237);
    expect(message({ docCount: 1240 })).toBe('manifest.json: docCount is 1240, but the segments hold 1237 live documents');
    expect(message({ docCount: 1236 })).toBe('manifest.json: docCount is 1236, but the segments hold 1237 live documents');
    expect(message({ docCount: 0 })).toBe('manifest.json: docCount is 0, but the segments hold 1237 live documents');
    expect(message({ docCount: 1197 })).toBe('manifest.json: docCount is 1197, but the segments hold 1237 live documents');
    expect(message({ docCount: 1199 }, single())).toBe('manifest.json: docCount is 1199, but the segments hold 1200 live documents');
    expect(message({ docCount: 1 }, empty())).toBe('manifest.json: docCount is 1, but the segments hold 0 live documents');
    expect(parseWith({ docCount: 1200 }, undefined, single()).docCount).toBe(1200);
    expect(parseWith({ docCount: 0 }, undefined, empty()).docCount).toBe(0);
  });

  it('segments must be distinct folders', () => {
    const msg = 'manifest.json: segments must be distinct folders';
    expect(segmentMessage(1, { generation: 'g-0a1b2c3d4e5f60' })).toBe(msg);
    const three = [segment0(), segment1(), { ...segment1(), generation: 'g-0a1b2c3d4e5f60' }];
    expect(message({ docCount: 1277, segments: three })).toBe(msg);
    const copies = segments(5);
    copies[4] = { ...copies[4]!, generation: copies[2]!.generation };
    expect(message({ docCount: 5, segments: copies })).toBe(msg);
  });

  it.each([
    [undefined],
    [null],
    [42],
    [''],
    ['order-99887766554433'],
    ['order-99887766554433.json'],
    ['order-9988776655443.bin'],
    ['order-998877665544330.bin'],
    ['order-9988776655443G.bin'],
    ['order-99887766554433.BIN'],
    ['del-99887766554433.bin'],
    ['g-0a1b2c3d4e5f60/order-99887766554433.bin'],
    ['../order-99887766554433.bin'],
    ['order-99887766554433.bin\n'],
  ])('order %j with two segments', (order) => {
    expect(message({ order })).toBe(ORDER_MESSAGE);
  });

  it.each([[undefined], ['order-99887766554433.bin'], [''], [false]])('order %j with one segment or none must be null', (order) => {
    expect(message({ order }, single())).toBe(ORDER_MESSAGE);
    expect(message({ docCount: 1197, segments: [segment0()], order })).toBe(ORDER_MESSAGE);
    expect(message({ order }, empty())).toBe(ORDER_MESSAGE);
  });

  it.each([
    [undefined],
    [null],
    [true],
    [false],
    [32],
    [{}],
    [{ count: 1 }],
    [{ count: 16 }],
    [{ count: 31 }],
    [{ count: 33 }],
    [{ count: 64 }],
    [{ count: -32 }],
    [{ count: 32.5 }],
    [{ count: '32' }],
    [{ count: '0' }],
    [{ count: null }],
    [{ count: true }],
  ])('chars %j', (chars) => {
    expect(message({ chars })).toBe('manifest.json: chars.count must be 0 or 32');
    expect(message({ chars }, empty())).toBe('manifest.json: chars.count must be 0 or 32');
  });

  it('chars.count must be 0 when there is no segment', () => {
    expect(message({ chars: { count: 32 } }, empty())).toBe('manifest.json: chars.count must be 0 when there is no segment to hold the table');
  });

  it('no longer accepts the charTable flag of version 2 in place of chars', () => {
    expect(message({ chars: undefined, charTable: true })).toBe('manifest.json: chars.count must be 0 or 32');
    expect(message({ chars: undefined, charTable: false })).toBe('manifest.json: chars.count must be 0 or 32');
  });

  it('banks', () => {
    expect(message({ banks: undefined })).toBe('manifest.json: banks must be a list');
    expect(message({ banks: {} })).toBe('manifest.json: banks must be a list');
    expect(message({ banks: '工商银行' })).toBe('manifest.json: banks must be a list');
  });

  it.each([
    [[42], 0],
    [[null], 0],
    [['工商银行'], 0],
    [[{ name: '工商银行', kind: '国有', aliases: '工行' }], 0],
    [[{ name: '工商银行', kind: '国有', aliases: [1] }], 0],
    [[{ name: '工商银行', kind: '国有' }], 0],
    [[{ name: '工商银行', aliases: [] }], 0],
    [[{ name: 42, kind: '国有', aliases: [] }], 0],
    [
      [
        { name: '工商银行', kind: '国有', aliases: [] },
        { name: '交通银行', kind: null, aliases: [] },
      ],
      1,
    ],
  ])('banks entry %j', (banks, i) => {
    expect(message({ banks })).toBe(`manifest.json: banks[${i}] must be { name, kind, aliases[] } of strings`);
  });

  it.each([[undefined], ['LPR'], [{}], [[null]], [['LPR', 1]]])('examples %j', (examples) => {
    expect(message({ examples })).toBe('manifest.json: examples must be a list of strings');
  });

  it('checks fields in order: the first problem is reported', () => {
    expect(message({ format: 'x', version: 2 })).toBe('manifest.json: not a bank-news-search-index manifest');
    expect(message({ version: 2, docCount: -1 })).toBe(VERSION_MESSAGE('2'));
    expect(message({ buildId: 'x', builtAt: null })).toBe('manifest.json: buildId must be 14 hex digits');
    expect(message({ builtAt: null, docCount: -1 })).toBe('manifest.json: builtAt must be a string');
    expect(message({ docCount: -1, avgLength: 'x' })).toBe('manifest.json: docCount must be a non-negative integer');
    expect(message({ avgLength: 'x', segments: null })).toBe('manifest.json: avgLength must be a non-negative number');
    expect(message({ segments: null, order: 'x' })).toBe('manifest.json: segments must be a list');
    expect(message({ segments: new Array(65536).fill(null), docCount: 3 })).toBe('manifest.json: has 65536 segments; at most 65535 can be ordered');
    // Within a segment, field by field.
    const first = (patch: Record<string, unknown>) => segmentMessage(0, patch, { docCount: 5, order: null });
    expect(first({ generation: 'x', docCount: 0 })).toBe('manifest.json: segments[0].generation must be "g-" and 14 hex digits');
    expect(first({ docCount: 0, shards: null })).toBe('manifest.json: segments[0].docCount must be a positive integer');
    expect(first({ shards: null, positions: null })).toBe('manifest.json: segments[0].shards.count must be a positive integer');
    expect(first({ positions: null, fragments: null })).toBe(
      'manifest.json: segments[0].positions.count must equal shards.count: position shard i pairs with shard i',
    );
    expect(first({ fragments: { groupSize: 0, count: 99 }, ids: null })).toBe('manifest.json: segments[0].fragments.groupSize must be a positive integer');
    expect(first({ fragments: { groupSize: 500, count: 99 }, ids: null })).toBe(
      'manifest.json: segments[0].fragments.count must be ceil(docCount / groupSize)',
    );
    expect(first({ ids: null, deleted: 'x' })).toBe('manifest.json: segments[0].ids.count must be a positive integer');
    expect(first({ deleted: 'x' })).toBe(DELETED_MESSAGE(0));
    // Segment by segment: the first bad one is named.
    const segs: unknown[] = valid().segments;
    segs[0] = { ...segment0(), ids: null };
    segs[1] = null;
    expect(message({ segments: segs })).toBe('manifest.json: segments[0].ids.count must be a positive integer');
    expect(segmentMessage(1, { ids: null }, { docCount: 5 })).toBe('manifest.json: segments[1].ids.count must be a positive integer');
    // Then the index as a whole.
    expect(segmentMessage(1, { generation: 'g-0a1b2c3d4e5f60' }, { docCount: 5 })).toBe(
      'manifest.json: docCount is 5, but the segments hold 1237 live documents',
    );
    expect(segmentMessage(1, { generation: 'g-0a1b2c3d4e5f60' }, { order: null })).toBe('manifest.json: segments must be distinct folders');
    expect(message({ order: null, chars: null })).toBe(ORDER_MESSAGE);
    expect(message({ order: 'x', chars: { count: 32 } }, empty())).toBe(ORDER_MESSAGE);
    expect(message({ chars: null, banks: null })).toBe('manifest.json: chars.count must be 0 or 32');
    expect(message({ chars: { count: 32 }, banks: null }, empty())).toBe('manifest.json: chars.count must be 0 when there is no segment to hold the table');
    expect(message({ banks: null, examples: null })).toBe('manifest.json: banks must be a list');
    expect(message({ banks: [1], examples: null })).toBe('manifest.json: banks[0] must be { name, kind, aliases[] } of strings');
    const HOME_MESSAGE = 'manifest.json: home must be null or the name of a home-<hash>.bin file';
    expect(message({ home: undefined })).toBe(HOME_MESSAGE);
    expect(message({ home: 'home-0a1b.bin' })).toBe(HOME_MESSAGE);
    expect(message({ home: '../home-0a1b2c3d4e5f60.bin' })).toBe(HOME_MESSAGE);
    expect(parseManifest(JSON.stringify({ ...valid(), home: 'home-0a1b2c3d4e5f60.bin' })).home).toBe('home-0a1b2c3d4e5f60.bin');
    expect(message({ suggest: ['sug-0a1b.bin'] })).toBe('manifest.json: suggest must be a list of sug-<hash>.bin file names');
    const READINGS_MESSAGE = 'manifest.json: readings must be a list of py-<hash>.bin file names';
    expect(message({ readings: undefined })).toBe(READINGS_MESSAGE);
    expect(message({ readings: ['sug-0a1b2c3d4e5f60.bin'] })).toBe(READINGS_MESSAGE);
    expect(parseManifest(JSON.stringify({ ...valid(), readings: ['py-0a1b2c3d4e5f60.bin'] })).readings).toEqual(['py-0a1b2c3d4e5f60.bin']);
    const WORD_FACETS_MESSAGE = 'manifest.json: wordFacets must be a list of wfc-<hash>.bin file names';
    expect(message({ wordFacets: undefined })).toBe(WORD_FACETS_MESSAGE);
    expect(message({ wordFacets: ['py-0a1b2c3d4e5f60.bin'] })).toBe(WORD_FACETS_MESSAGE);
    expect(message({ wordFacets: ['../wfc-0a1b2c3d4e5f60.bin'] })).toBe(WORD_FACETS_MESSAGE);
    expect(parseManifest(JSON.stringify({ ...valid(), wordFacets: ['wfc-0a1b2c3d4e5f60.bin'] })).wordFacets).toEqual(['wfc-0a1b2c3d4e5f60.bin']);
  });

  it('names the file it was given', () => {
    const e = formatError(() => parseWith({ version: 999 }, 'data/index/manifest.json'));
    expect(e.file).toBe('data/index/manifest.json');
    expect(e.message).toBe(
      `data/index/manifest.json: index format version 999 is not supported (this code reads version ${FORMAT_VERSION}); rebuild the index`,
    );
    const s = formatError(() => parseWith(withSegment(1, { ids: null }), 'data/index/manifest.json'));
    expect(s.file).toBe('data/index/manifest.json');
    expect(s.message).toBe('data/index/manifest.json: segments[1].ids.count must be a positive integer');
  });

  it('rejects a version 7 manifest (one generation, top-level counts) and asks for a rebuild', () => {
    const { segments: _, order: __, ...rest } = single();
    const v7 = { ...rest, version: 7, ...segment0(), deleted: undefined };
    expect(formatError(() => parseManifest(JSON.stringify(v7))).message).toBe(VERSION_MESSAGE('7'));
  });

  it('rejects a version 2 manifest (charTable flag, JSON fragments) and asks for a rebuild', () => {
    const { chars: _, ...rest } = valid();
    const v2 = { ...rest, version: 2, charTable: true };
    expect(formatError(() => parseManifest(JSON.stringify(v2))).message).toBe(VERSION_MESSAGE('2'));
  });

  it('rejects a manifest in the version 1 layout (file lists instead of a generation)', () => {
    const old = {
      ...valid(),
      version: 1,
      segments: undefined,
      order: undefined,
      shards: { count: 1, files: ['shard-0.0a1b2c3d4e5f60.bin'] },
      columns: 'columns.33333333333333.bin',
      fragments: { groupSize: 500, files: ['frag-0.44444444444444.json'] },
      ids: { count: 1, files: [null] },
      charTable: 'chars.88888888888888.json',
    };
    expect(formatError(() => parseManifest(JSON.stringify(old))).message).toBe(VERSION_MESSAGE('1'));
  });
});
