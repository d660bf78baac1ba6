import { describe, expect, it } from 'vitest';
import * as format from './index';
import { IndexCorruptError, IndexFormatError } from './errors';

describe('public surface of lib/index-format', () => {
  it('exports every runtime function and constant', () => {
    const names = [
      'FORMAT_NAME',
      'FORMAT_VERSION',
      'IndexFormatError',
      'IndexCorruptError',
      'contentHash',
      'fnv1a',
      'CHAR_SHARDS',
      'charShardOf',
      'charsFile',
      'FACETS_FILE',
      'RANK_FILE',
      'fragmentFile',
      'generationDir',
      'idsFile',
      'packFile',
      'positionsFile',
      'decodePackHeader',
      'encodePack',
      'fragmentPackFile',
      'memberOfSlot',
      'membersOfPack',
      'PACK_LAYOUT',
      'PACK_MEMBERS',
      'packedLabel',
      'packCount',
      'packHeaderLength',
      'packSlot',
      'positionPackFile',
      'SLOT_BLOCK',
      'slotBlocks',
      'SLOTTED_PACK_LAYOUT',
      'seal',
      'sealedHash',
      'shardFile',
      'TRAILER_LENGTH',
      'unpackFile',
      'unseal',
      'ByteReader',
      'ByteWriter',
      'fold',
      'foldText',
      'foldView',
      'isGramCode',
      'isWordCode',
      'mayHaveTableEntry',
      'rankedTableKeys',
      'tableLookups',
      'forEachUnit',
      'queryUnits',
      'unitSpans',
      'decodePositionShard',
      'decodeShard',
      'encodePositions',
      'encodePositionEntries',
      'encodePositionShard',
      'encodePostings',
      'encodeShard',
      'encodeShardEntries',
      'packWeight',
      'PLAIN_WEIGHT',
      'shardOf',
      'weightInTitle',
      'weightIsWord',
      'weightTf',
      'decodeFacetValues',
      'decodeRankColumns',
      'dequantizeLength',
      'encodeColumns',
      'facetColumn',
      'quantizeLength',
      'dayOf',
      'dayToMonth',
      'isIsoDay',
      'MIN_DAY',
      'NO_DAY',
      'FACETS',
      'facetTerm',
      'MAX_GRAM',
      'isInsideWord',
      'termUnits',
      'tokenize',
      'decodeCharTable',
      'decodeFragment',
      'decodeIdTable',
      'encodeFragment',
      'encodeIdTable',
      'encodeJson',
      'MANIFEST_FILE',
      'parseManifest',
      'decodeDeleted',
      'decodeOrder',
      'deletedFile',
      'encodeDeleted',
      'encodeOrder',
      'isContentNamed',
      'isDeletedFileName',
      'isGenerationName',
      'isHomeFileName',
      'isImmutableIndexPath',
      'isOrderFileName',
      'orderFile',
      'homeFile',
      'canSuggest',
      'decodeSuggestShard',
      'encodeSuggestShard',
      'decodeReadings',
      'encodeReadings',
      'readingsFile',
      'readingsShardOf',
      'suggestFile',
      'suggestShardOf',
      'suggestHead',
      'decodeWordFacets',
      'encodeWordFacets',
      'wordFacetsFile',
      'wordFacetsShardOf',
    ].sort();
    expect(Object.keys(format).sort()).toEqual(names);
    for (const n of names) expect(format[n as keyof typeof format], n).toBeDefined();
  });

  it('exports the types of chains, position shards and pre-encoded terms', () => {
    const link: format.ChainLink = format.termUnits('中国建设银行').chain[1]!;
    expect(link).toEqual({ unit: '建设银行', offset: 2 });
    const entry: format.EncodedTerm = { term: 'ab', df: 1, bytes: Uint8Array.of(0) };
    // @ts-expect-error EncodedTerm no longer says whether it carries positions: the shard kind does.
    const old: format.EncodedTerm = { term: 'aa', df: 1, bytes: Uint8Array.of(2), withPositions: false };
    expect(format.decodeShard(format.encodeShardEntries([entry, old]), 'shard-0.bin').keys()).toEqual(['aa', 'ab']);
    const positioned: format.PositionEntry = { index: 0, bytes: Uint8Array.of(3) };
    const reader: format.PositionReader = format.decodePositionShard(format.encodePositionEntries([positioned]), 'pos-0.bin', ['aa', 'ab']);
    expect(reader.terms).toBe(1);
    expect(reader.has('aa')).toBe(true);
  });

  it('exports the types of pack layouts and fragment slots', () => {
    const layouts: format.PackLayout[] = [format.PACK_LAYOUT, format.SLOTTED_PACK_LAYOUT];
    expect(layouts).toEqual([1, 2]);
    // @ts-expect-error A layout this code does not read is not a PackLayout.
    const unknown: format.PackLayout = 3;
    expect(unknown).toBe(3);
    const none = format.facetColumn([[], [], []]);
    const columns: format.Columns = {
      docCount: 3,
      day: new Int32Array(3),
      length: Uint32Array.of(100, 200, 300),
      facets: { bank: none, source: none, province: none },
    };
    const fragments: format.FragmentSlots = { groupSize: 2, stored: [300, 40] };
    const rank = format.decodeRankColumns(format.encodeColumns(columns, fragments).rank, 'rank.bin');
    // 2 + 300 bytes take 3 blocks, 1 + 40 bytes one.
    expect([...rank.slots!]).toEqual([3, 1]);
    expect([format.slotBlocks(300), format.slotBlocks(40)]).toEqual([3, 1]);
  });

  it('names the format and its version', () => {
    expect(format.FORMAT_NAME).toBe('bank-news-search-index');
    expect(format.FORMAT_VERSION).toBe(17);
    expect(Number.isInteger(format.FORMAT_VERSION)).toBe(true);
  });
});

describe('IndexFormatError', () => {
  it('prefixes the message with the file and keeps the file', () => {
    const e = new IndexFormatError('shard-1.bin', 'unexpected end of file at byte 3');
    expect(e).toBeInstanceOf(Error);
    expect(e).toBeInstanceOf(IndexFormatError);
    expect(e.name).toBe('IndexFormatError');
    expect(e.file).toBe('shard-1.bin');
    expect(e.message).toBe('shard-1.bin: unexpected end of file at byte 3');
    expect(String(e)).toBe('IndexFormatError: shard-1.bin: unexpected end of file at byte 3');
    expect(e.stack).toBeTypeOf('string');
  });

  it('is the class re-exported by the index', () => {
    expect(format.IndexFormatError).toBe(IndexFormatError);
  });
});

describe('IndexCorruptError', () => {
  it('prefixes the message with the file and keeps the file', () => {
    const e = new IndexCorruptError('g-0a1b2c3d4e5f60/shard-1.bin', 'content hash is 00000000000000, expected 11111111111111');
    expect(e).toBeInstanceOf(Error);
    expect(e).toBeInstanceOf(IndexCorruptError);
    expect(e).not.toBeInstanceOf(IndexFormatError);
    expect(e.name).toBe('IndexCorruptError');
    expect(e.file).toBe('g-0a1b2c3d4e5f60/shard-1.bin');
    expect(e.message).toBe('g-0a1b2c3d4e5f60/shard-1.bin: content hash is 00000000000000, expected 11111111111111');
    expect(String(e)).toBe('IndexCorruptError: g-0a1b2c3d4e5f60/shard-1.bin: content hash is 00000000000000, expected 11111111111111');
    expect(e.stack).toBeTypeOf('string');
  });

  it('is the class re-exported by the index', () => {
    expect(format.IndexCorruptError).toBe(IndexCorruptError);
  });
});
