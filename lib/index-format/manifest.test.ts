import { describe, expect, it } from 'vitest';
import { MANIFEST_FILE, parseManifest, type Manifest } from './manifest';
import { FORMAT_NAME, FORMAT_VERSION } from './version';
import { formatError, jsonMessage } from './test-support';

function valid(): Manifest {
  return {
    format: FORMAT_NAME,
    version: FORMAT_VERSION,
    buildId: '0a1b2c3d4e5f60',
    builtAt: '2024-05-01T12:00:00.000Z',
    generation: 'g-0a1b2c3d4e5f60',
    docCount: 1200,
    avgLength: 812.5,
    shards: { count: 4 },
    positions: { count: 4 },
    fragments: { groupSize: 500, count: 3 },
    ids: { count: 2 },
    chars: { count: 32 },
    banks: [{ name: '中国工商银行', kind: '国有大型商业银行', aliases: ['工商银行', '工行', 'ICBC'] }],
    examples: ['LPR', '普惠金融', '数字人民币'],
  };
}

/** Parses the valid manifest with `patch` applied; `undefined` deletes a field. */
function parseWith(patch: Record<string, unknown>, file?: string): Manifest {
  const m: Record<string, unknown> = { ...valid(), ...patch };
  for (const [k, v] of Object.entries(patch)) if (v === undefined) delete m[k];
  return parseManifest(JSON.stringify(m), file);
}

function message(patch: Record<string, unknown>): string {
  return formatError(() => parseWith(patch)).message;
}

describe('parseManifest: valid manifests', () => {
  it('parses a valid manifest', () => {
    expect(parseManifest(JSON.stringify(valid()))).toEqual(valid());
  });

  it('accepts an empty corpus: no fragments, no char table, empty lists', () => {
    const m = parseWith({
      docCount: 0,
      avgLength: 0,
      shards: { count: 1 },
      positions: { count: 1 },
      fragments: { groupSize: 1, count: 0 },
      ids: { count: 1 },
      chars: { count: 0 },
      banks: [],
      examples: [],
    });
    expect(m.chars).toEqual({ count: 0 });
    expect(m.fragments).toEqual({ groupSize: 1, count: 0 });
    expect(m.shards).toEqual({ count: 1 });
    expect(m.positions).toEqual({ count: 1 });
  });

  it('pairs every position shard with a postings shard: the counts must be equal', () => {
    const m = parseWith({ shards: { count: 64 }, positions: { count: 64 } });
    expect(m.shards).toEqual({ count: 64 });
    expect(m.positions).toEqual({ count: 64 });
    for (const count of [7, 63, 65]) {
      expect(message({ shards: { count: 64 }, positions: { count } })).toBe(
        'manifest.json: positions.count must equal shards.count: position shard i pairs with shard i',
      );
    }
  });

  it('accepts a character table of 32 shards or none', () => {
    expect(parseWith({ chars: { count: 32 } }).chars).toEqual({ count: 32 });
    expect(parseWith({ chars: { count: 0 } }).chars).toEqual({ count: 0 });
  });

  it.each([
    [0, 500, 0],
    [1, 500, 1],
    [499, 500, 1],
    [500, 500, 1],
    [501, 500, 2],
    [1000, 500, 2],
    [1001, 500, 3],
    [7, 1, 7],
  ])('accepts docCount %i with groupSize %i and fragments.count %i', (docCount, groupSize, count) => {
    expect(parseWith({ docCount, fragments: { groupSize, count } }).fragments).toEqual({ groupSize, count });
  });

  it('accepts any 14-hex-digit buildId with its own generation', () => {
    for (const buildId of ['00000000000000', 'ffffffffffffff', '1f0e9d8c7b6a50']) {
      const m = parseWith({ buildId, generation: `g-${buildId}` });
      expect(m.buildId).toBe(buildId);
      expect(m.generation).toBe(`g-${buildId}`);
    }
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
    expect(message({ version: 999 })).toBe('manifest.json: index format version 999 is not supported (this code reads version 7); rebuild the index');
  });

  it('other unsupported versions', () => {
    expect(message({ version: 0 })).toBe('manifest.json: index format version 0 is not supported (this code reads version 7); rebuild the index');
    expect(message({ version: undefined })).toBe(
      'manifest.json: index format version undefined is not supported (this code reads version 7); rebuild the index',
    );
    expect(message({ version: null })).toBe('manifest.json: index format version null is not supported (this code reads version 7); rebuild the index');
    expect(message({ version: '4' })).toBe('manifest.json: index format version "4" is not supported (this code reads version 7); rebuild the index');
    expect(message({ version: 2 })).toBe('manifest.json: index format version 2 is not supported (this code reads version 7); rebuild the index');
    expect(message({ version: 3 })).toBe('manifest.json: index format version 3 is not supported (this code reads version 7); rebuild the index');
    expect(message({ version: 4 })).toBe('manifest.json: index format version 4 is not supported (this code reads version 7); rebuild the index');
    expect(message({ version: 5 })).toBe('manifest.json: index format version 5 is not supported (this code reads version 7); rebuild the index');
    expect(message({ version: 6 })).toBe('manifest.json: index format version 6 is not supported (this code reads version 7); rebuild the index');
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
  ])('buildId %j', (buildId) => {
    expect(message({ buildId })).toBe('manifest.json: buildId must be 14 hex digits');
  });

  it.each([[undefined], [null], [42], [{}]])('builtAt %j', (builtAt) => {
    expect(message({ builtAt })).toBe('manifest.json: builtAt must be a string');
  });

  it.each([
    [undefined],
    [null],
    [''],
    ['0a1b2c3d4e5f60'],
    ['g-'],
    ['g-ffffffffffffff'],
    ['G-0a1b2c3d4e5f60'],
    ['g-0a1b2c3d4e5f60/'],
    ['./g-0a1b2c3d4e5f60'],
    ['../g-0a1b2c3d4e5f60'],
    ['g-0A1B2C3D4E5F60'],
  ])('generation %j', (generation) => {
    expect(message({ generation })).toBe('manifest.json: generation must be "g-" followed by the buildId');
  });

  it('generation must follow the buildId, not merely look like a generation', () => {
    expect(message({ buildId: 'ffffffffffffff' })).toBe('manifest.json: generation must be "g-" followed by the buildId');
  });

  it.each([[-1], [1.5], ['1200'], [null], [undefined]])('docCount %s', (docCount) => {
    expect(message({ docCount })).toBe('manifest.json: docCount must be a non-negative integer');
  });

  it.each([['812'], [null], [undefined], [-1], [-0.5], [{}]])('avgLength %s', (avgLength) => {
    expect(message({ avgLength })).toBe('manifest.json: avgLength must be a non-negative number');
  });

  it.each([[undefined], [null], [4], [{}], [{ count: 0 }], [{ count: -1 }], [{ count: 1.5 }], [{ count: '1' }], [{ count: null }]])(
    'shards.count %j',
    (shards) => {
      expect(message({ shards })).toBe('manifest.json: shards.count must be a positive integer');
    },
  );

  it.each([[undefined], [null], [2], [{}], [{ count: 0 }], [{ count: -1 }], [{ count: 1.5 }], [{ count: '2' }], [{ count: null }], [{ count: true }]])(
    'positions.count %j',
    (positions) => {
      expect(message({ positions })).toBe('manifest.json: positions.count must be a positive integer');
    },
  );

  it('requires positions even when shards are given (a manifest written before position shards)', () => {
    expect(message({ positions: undefined, shards: { count: 4 } })).toBe('manifest.json: positions.count must be a positive integer');
  });

  it.each([
    [undefined],
    [null],
    [{ count: 3 }],
    [{ groupSize: 0, count: 3 }],
    [{ groupSize: -500, count: 3 }],
    [{ groupSize: 2.5, count: 3 }],
    [{ groupSize: '500', count: 3 }],
  ])('fragments.groupSize %j', (fragments) => {
    expect(message({ fragments })).toBe('manifest.json: fragments.groupSize must be a positive integer');
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
  ])('fragments.count %j with docCount 1200', (fragments) => {
    expect(message({ fragments })).toBe('manifest.json: fragments.count must be ceil(docCount / groupSize)');
  });

  it('fragments.count of an empty corpus is 0', () => {
    expect(message({ docCount: 0, fragments: { groupSize: 500, count: 1 } })).toBe('manifest.json: fragments.count must be ceil(docCount / groupSize)');
  });

  it.each([[undefined], [null], [2], [{}], [{ count: 0 }], [{ count: -1 }], [{ count: 1.5 }], [{ count: '2' }]])('ids.count %j', (ids) => {
    expect(message({ ids })).toBe('manifest.json: ids.count must be a positive integer');
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
    expect(message({ version: 2, docCount: -1 })).toBe('manifest.json: index format version 2 is not supported (this code reads version 7); rebuild the index');
    expect(message({ buildId: 'x', builtAt: null })).toBe('manifest.json: buildId must be 14 hex digits');
    expect(message({ builtAt: null, generation: 'x' })).toBe('manifest.json: builtAt must be a string');
    expect(message({ generation: 'x', docCount: -1 })).toBe('manifest.json: generation must be "g-" followed by the buildId');
    expect(message({ docCount: -1, avgLength: 'x' })).toBe('manifest.json: docCount must be a non-negative integer');
    expect(message({ avgLength: 'x', shards: null })).toBe('manifest.json: avgLength must be a non-negative number');
    expect(message({ shards: null, positions: null })).toBe('manifest.json: shards.count must be a positive integer');
    expect(message({ positions: null, fragments: null })).toBe('manifest.json: positions.count must be a positive integer');
    expect(message({ positions: { count: 0 }, fragments: { groupSize: 0, count: 99 } })).toBe('manifest.json: positions.count must be a positive integer');
    expect(message({ fragments: { groupSize: 0, count: 99 }, ids: null })).toBe('manifest.json: fragments.groupSize must be a positive integer');
    expect(message({ fragments: { groupSize: 500, count: 99 }, ids: null })).toBe('manifest.json: fragments.count must be ceil(docCount / groupSize)');
    expect(message({ ids: null, chars: null })).toBe('manifest.json: ids.count must be a positive integer');
    expect(message({ chars: null, banks: null })).toBe('manifest.json: chars.count must be 0 or 32');
    expect(message({ banks: null, examples: null })).toBe('manifest.json: banks must be a list');
    expect(message({ banks: [1], examples: null })).toBe('manifest.json: banks[0] must be { name, kind, aliases[] } of strings');
  });

  it('names the file it was given', () => {
    const e = formatError(() => parseWith({ version: 999 }, 'data/index/manifest.json'));
    expect(e.file).toBe('data/index/manifest.json');
    expect(e.message).toBe('data/index/manifest.json: index format version 999 is not supported (this code reads version 7); rebuild the index');
  });

  it('rejects a version 2 manifest (charTable flag, JSON fragments) and asks for a rebuild', () => {
    const { chars: _, ...rest } = valid();
    const v2 = { ...rest, version: 2, charTable: true };
    expect(formatError(() => parseManifest(JSON.stringify(v2))).message).toBe(
      'manifest.json: index format version 2 is not supported (this code reads version 7); rebuild the index',
    );
  });

  it('rejects a manifest in the version 1 layout (file lists instead of a generation)', () => {
    const old = {
      ...valid(),
      version: 1,
      generation: undefined,
      shards: { count: 1, files: ['shard-0.0a1b2c3d4e5f60.bin'] },
      columns: 'columns.33333333333333.bin',
      fragments: { groupSize: 500, files: ['frag-0.44444444444444.json'] },
      ids: { count: 1, files: [null] },
      charTable: 'chars.88888888888888.json',
    };
    expect(formatError(() => parseManifest(JSON.stringify(old))).message).toBe(
      'manifest.json: index format version 1 is not supported (this code reads version 7); rebuild the index',
    );
  });
});
