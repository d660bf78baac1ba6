import { describe, expect, it } from 'vitest';
import { CHAR_RANKS } from './char-ranks';
import { decodeText, encodeText, MAX_RANKED } from './text-code';
import { formatError } from './test-support';

const bytes = (s: string) => [...encodeText(s)];

describe('CHAR_RANKS', () => {
  it('holds 2,000 distinct BMP characters, none ASCII, punctuation first', () => {
    expect(CHAR_RANKS.length).toBe(2000);
    expect(CHAR_RANKS.length).toBeLessThanOrEqual(MAX_RANKED);
    expect(new Set(CHAR_RANKS).size).toBe(2000);
    expect([...CHAR_RANKS].every((c) => c.charCodeAt(0) >= 0x80 && c.length === 1)).toBe(true);
    expect(CHAR_RANKS.startsWith('，。、')).toBe(true);
    for (const common of '的一是国') expect(CHAR_RANKS.indexOf(common), common).toBeLessThan(96);
    for (const inTable of '银行贷款利率') expect(CHAR_RANKS.indexOf(inTable), inTable).toBeGreaterThanOrEqual(0);
  });
});

describe('text code', () => {
  it('writes ASCII as itself', () => {
    expect(bytes('{"a":1}\n')).toEqual([...new TextEncoder().encode('{"a":1}\n')]);
    expect(bytes('')).toEqual([]);
  });

  it('writes the 150 most frequent characters in one byte (0x80–0xF6, then the control bytes but NUL and \\n, then DEL)', () => {
    expect(bytes(CHAR_RANKS[0]!)).toEqual([0x80]);
    expect(bytes(CHAR_RANKS[118]!)).toEqual([0xf6]);
    expect(bytes(CHAR_RANKS[119]!)).toEqual([0x01]);
    expect(bytes(CHAR_RANKS[127]!)).toEqual([0x09]);
    expect(bytes(CHAR_RANKS[128]!)).toEqual([0x0b]);
    expect(bytes(CHAR_RANKS[148]!)).toEqual([0x1f]);
    expect(bytes(CHAR_RANKS[149]!)).toEqual([0x7f]);
  });

  it('writes the next ones in two bytes, 0xF7–0xFE and the rank past the singles', () => {
    expect(bytes(CHAR_RANKS[150]!)).toEqual([0xf7, 0x00]);
    expect(bytes(CHAR_RANKS[150 + 256]!)).toEqual([0xf8, 0x00]);
    expect(bytes(CHAR_RANKS[1999]!)).toEqual([0xf7 + ((1999 - 150) >> 8), (1999 - 150) & 0xff]);
  });

  it('escapes any other UTF-16 unit as 0xFF and two bytes, big-endian: controls, NUL, unranked characters, surrogates', () => {
    const rare = '鬯';
    expect(CHAR_RANKS.includes(rare)).toBe(false);
    expect(bytes(rare)).toEqual([0xff, 0x9b, 0x2f]);
    expect(bytes('😀')).toEqual([0xff, 0xd8, 0x3d, 0xff, 0xde, 0x00]);
    expect(bytes('é')).toEqual([0xff, 0x00, 0xe9]);
    expect(bytes('\t\u0000\u007f')).toEqual([0xff, 0x00, 0x09, 0xff, 0x00, 0x00, 0xff, 0x00, 0x7f]);
  });

  it('round-trips every kind of string, lone surrogates and long text included', () => {
    const cases = [
      '',
      '中国人民银行发布2022年第四季度货币政策执行报告，指出……',
      'a\ud800b\udc00c',
      '😀 𠀀 鬯 é ÿ \u0000 \u007f \u0080 \uffff',
      CHAR_RANKS,
      '银行，'.repeat(10_000),
    ];
    for (const s of cases) expect(decodeText(encodeText(s), 't.bin')).toBe(s);
  });

  it('reports a code cut short, a rank past the table or a byte 0 with the file and the byte', () => {
    expect(formatError(() => decodeText(new Uint8Array([0x41, 0xf7]), 's.bin')).message).toBe('s.bin: text code cut short at byte 1');
    expect(formatError(() => decodeText(new Uint8Array([0xff, 0x4e]), 's.bin', 10)).message).toBe('s.bin: text code cut short at byte 10');
    expect(formatError(() => decodeText(new Uint8Array([0x80, 0xfe, 0xff]), 's.bin')).message).toBe(
      `s.bin: text code names character ${150 + 7 * 256 + 255} of 2000 at byte 1`,
    );
    expect(formatError(() => decodeText(new Uint8Array([0x41, 0x00]), 's.bin')).message).toBe('s.bin: text code has no byte 0 (at byte 1)');
    expect(decodeText(new Uint8Array([0xfe, (1999 - 150) & 0xff]), 's.bin')).toBe(CHAR_RANKS[1999]);
  });
});
