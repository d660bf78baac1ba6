import { describe, expect, it } from 'vitest';
import { IndexFormatError } from './errors';
import {
  canSuggest,
  decodeReadings,
  decodeSuggestShard,
  encodeReadings,
  encodeSuggestShard,
  isReadingsFileName,
  isSuggestFileName,
  readingsFile,
  readingsShardOf,
  suggestFile,
  suggestHead,
  suggestShardOf,
  type SuggestEntry,
} from './suggest';

const ENTRIES: SuggestEntry[] = [
  { key: '交行', term: '交通银行', via: '交行', count: 17 },
  { key: 'jtyh', term: '交通银行', via: '', count: 17 },
  { key: '普惠', term: '普惠', via: '', count: 0 },
  { key: '𠀀𠀁', term: '𠀀𠀁', via: '', count: 300_000 },
];

describe('suggestion files', () => {
  it('round-trip their entries in order', () => {
    expect(decodeSuggestShard(encodeSuggestShard(ENTRIES), 'sug-x.bin')).toEqual(ENTRIES);
    expect(decodeSuggestShard(encodeSuggestShard([]), 'sug-x.bin')).toEqual([]);
  });

  it('refuse a negative or fractional count when written', () => {
    expect(() => encodeSuggestShard([{ key: 'a', term: 'a', via: '', count: -1 }])).toThrow(RangeError);
    expect(() => encodeSuggestShard([{ key: 'a', term: 'a', via: '', count: 1.5 }])).toThrow(RangeError);
  });

  it('reject a file that is not one, is cut short or has bytes after its end, naming it', () => {
    const bytes = encodeSuggestShard(ENTRIES);
    const bad = (b: Uint8Array) => () => decodeSuggestShard(b, 'sug-00112233445566.bin');
    expect(bad(bytes.subarray(0, bytes.length - 3))).toThrow(IndexFormatError);
    expect(bad(bytes.subarray(0, bytes.length - 3))).toThrow(/^sug-00112233445566\.bin: /);
    expect(bad(Uint8Array.of(...bytes, 0))).toThrow(/bytes after its end/);
    const other = Uint8Array.from(bytes);
    other[0] = 0x58;
    expect(bad(other)).toThrow(/magic/);
    const later = Uint8Array.from(bytes);
    later[4] = 9;
    expect(bad(later)).toThrow(/layout 9/);
  });

  it('are content-named, and a key goes to the file of its head: one Chinese character, or two Latin ones', () => {
    expect(suggestFile('00112233445566')).toBe('sug-00112233445566.bin');
    expect(isSuggestFileName(suggestFile('00112233445566'))).toBe(true);
    expect(isSuggestFileName('sug-0011.bin')).toBe(false);
    expect(suggestHead('交通银行')).toBe('交');
    expect(suggestHead('𠀀𠀁')).toBe('𠀀');
    expect(suggestHead('jtyh')).toBe('jt');
    expect(suggestHead('')).toBe('');
    expect(canSuggest('交')).toBe(true);
    expect(canSuggest('j')).toBe(false);
    expect(canSuggest('jt')).toBe(true);
    expect(canSuggest('')).toBe(false);
    for (const count of [1, 2, 16, 64]) {
      expect(suggestShardOf('交通银行', count)).toBe(suggestShardOf('交', count));
      expect(suggestShardOf('jiaotong', count)).toBe(suggestShardOf('ji', count));
      expect(suggestShardOf('交通银行', count)).toBeLessThan(count);
    }
  });
});

describe('readings files', () => {
  const READINGS = new Map([
    ['行', ['xing', 'hang', 'heng']],
    ['惠', ['hui']],
    ['绿', ['lv', 'lu']],
    ['𠀀', ['qiu']],
  ]);

  it('round-trip every reading of each character, in order', () => {
    expect(decodeReadings(encodeReadings(READINGS), 'py-x.bin')).toEqual(READINGS);
    expect(decodeReadings(encodeReadings(new Map()), 'py-x.bin')).toEqual(new Map());
  });

  it('refuse, when written, anything but one character with syllables of a to z', () => {
    expect(() => encodeReadings(new Map([['银行', ['yin']]]))).toThrow(RangeError);
    expect(() => encodeReadings(new Map([['行', []]]))).toThrow(RangeError);
    expect(() => encodeReadings(new Map([['行', ['xíng']]]))).toThrow(RangeError);
    expect(() => encodeReadings(new Map([['行', ['xing hang']]]))).toThrow(RangeError);
  });

  it('reject a file that is not one, is cut short or has bytes after its end, naming it', () => {
    const bytes = encodeReadings(READINGS);
    const bad = (b: Uint8Array) => () => decodeReadings(b, 'py-00112233445566.bin');
    expect(bad(bytes.subarray(0, bytes.length - 3))).toThrow(IndexFormatError);
    expect(bad(bytes.subarray(0, bytes.length - 3))).toThrow(/^py-00112233445566\.bin: /);
    expect(bad(Uint8Array.of(...bytes, 0))).toThrow(/bytes after its end/);
    expect(bad(encodeSuggestShard(ENTRIES))).toThrow(/magic/);
    const later = Uint8Array.from(bytes);
    later[4] = 9;
    expect(bad(later)).toThrow(/layout 9/);
  });

  it('are content-named, a character in one file of any number', () => {
    expect(readingsFile('00112233445566')).toBe('py-00112233445566.bin');
    expect(isReadingsFileName(readingsFile('00112233445566'))).toBe(true);
    expect(isReadingsFileName(suggestFile('00112233445566'))).toBe(false);
    for (const count of [1, 2, 16]) for (const c of READINGS.keys()) expect(readingsShardOf(c, count)).toBeLessThan(count);
  });
});
