import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { charRanksModule, LEADING_PUNCTUATION, rankCharacters, rankJiebaCharacters } from './char-ranks';

describe('rankCharacters', () => {
  it('puts punctuation first, then characters by the summed frequency of the words holding them', () => {
    const dict = ['银行 100 n', '行长 30 n', '中国 50 ns', '国 5 n', 'abc 999 eng', '𠀀 999 n', 'bad line', '你 x n'].join('\n');
    expect(rankCharacters(dict, { size: 100 })).toBe(LEADING_PUNCTUATION + '行银国中长');
    expect(rankCharacters(dict, { size: 3 })).toBe(LEADING_PUNCTUATION.slice(0, 3));
  });

  it('breaks ties by code point', () => {
    expect(rankCharacters('乙 1\n甲 1', { size: 100 }).slice(LEADING_PUNCTUATION.length)).toBe('乙甲'.split('').sort().join(''));
  });

  it("reproduces the committed table from nodejieba's dictionary", () => {
    const committed = readFileSync(fileURLToPath(new URL('../index-format/char-ranks.ts', import.meta.url)), 'utf8');
    expect(committed).toBe(charRanksModule(rankJiebaCharacters()));
  });
});
