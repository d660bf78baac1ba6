import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SegmenterError } from './errors';
import { createSegmenter, DEFAULT_SEGMENTER_OPTIONS, lazyWordBoundaries, USER_DICT_PATH, wordBoundaries } from './segment';

describe('createSegmenter', () => {
  const { words } = createSegmenter();

  it('runs with HMM on: Latin abbreviations, numbers and 普惠型 stay whole', () => {
    const tokens = words('打造CCB建融家园长租社区约200个，普惠型小微企业贷款增长');
    expect(tokens).toContain('CCB');
    expect(tokens).toContain('200');
    expect(tokens).toContain('普惠型');
    expect(tokens).not.toContain('C');
  });

  it('cuts in accurate mode: each word once, no sub-words, so 银行 is no word inside 交通银行', () => {
    const tokens = words('交通银行持续加大金融支持力度');
    expect(tokens).toContain('交通银行');
    expect(tokens).not.toContain('银行');
    expect(tokens).not.toContain('交通');
    expect(words('银行表示')).toContain('银行');
  });

  it('knows our dictionary words', () => {
    const tokens = words('交行推进普惠金融，支持小微企业，试点数字人民币');
    expect(tokens).toEqual(['交行', '推进', '普惠金融', '支持', '小微企业', '试点', '数字人民币']);
  });

  it('keeps the bank name whole before a branch name', () => {
    expect(words('交通银行青海省分行')).toEqual(['交通银行', '青海省', '分行']);
  });

  it('drops whitespace and punctuation-only tokens', () => {
    const tokens = words('银行， “理财” ——  产品！\n');
    expect(tokens).toEqual(['银行', '理财', '产品']);
  });

  it('folds traditional and full-width text before segmenting', () => {
    expect(words('中國建設銀行')).toEqual(words('中国建设银行'));
    expect(words('ＣＣＢ')).toEqual(['CCB']);
  });

  it('returns nothing for empty text', () => {
    expect(words('')).toEqual([]);
  });
});

describe('segmenter setup', () => {
  it('refuses a missing dictionary instead of letting nodejieba abort the process', () => {
    const missing = path.join(path.dirname(USER_DICT_PATH), 'no-such.dict.utf8');
    expect(() => createSegmenter({ userDictPaths: [missing] })).toThrow(SegmenterError);
    expect(() => createSegmenter({ userDictPaths: [missing] })).toThrow(missing);
  });

  it('refuses to reload with different dictionaries in the same process', () => {
    createSegmenter();
    expect(() => createSegmenter({ userDictPaths: [USER_DICT_PATH] })).toThrow(/only once per process/);
    expect(() => createSegmenter(DEFAULT_SEGMENTER_OPTIONS)).not.toThrow();
  });

  it('ships a user dictionary without whole branch names', () => {
    const words = readFileSync(USER_DICT_PATH, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => l.split(' ')[0] ?? '');
    expect(words.length).toBeGreaterThan(50);
    expect(words.filter((w) => /(?:分行|支行|营业部)$/.test(w))).toEqual([]);
  });
});

describe('lazyWordBoundaries', () => {
  it('answers as wordBoundaries does on the whole text', () => {
    const text = '其中行业龙头表现较好，中行和工行。交通银行 CCB\n在平台中查询青海省西宁市的数据，三明治';
    const whole = wordBoundaries(text);
    const lazy = lazyWordBoundaries(text);
    for (let offset = 0; offset <= text.length; offset++) expect(lazy(offset), String(offset)).toBe(whole.has(offset));
  });
});
