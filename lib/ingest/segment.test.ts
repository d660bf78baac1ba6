import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SegmenterError } from './errors';
import { createSegmenter, DEFAULT_SEGMENTER_OPTIONS, USER_DICT_PATH } from './segment';

describe('createSegmenter', () => {
  const { segment } = createSegmenter();

  it('runs with HMM on: Latin abbreviations, numbers and 普惠型 stay whole', () => {
    const tokens = segment('打造CCB建融家园长租社区约200个，普惠型小微企业贷款增长');
    expect(tokens).toContain('CCB');
    expect(tokens).toContain('200');
    expect(tokens).toContain('普惠型');
    expect(tokens).not.toContain('C');
  });

  it('emits search-mode sub-words, so 银行 is found inside bank names', () => {
    const tokens = segment('交通银行持续加大金融支持力度');
    expect(tokens).toEqual(expect.arrayContaining(['交通', '银行', '交通银行']));
  });

  it('knows our dictionary words', () => {
    const tokens = segment('交行推进普惠金融，支持小微企业，试点数字人民币');
    expect(tokens).toEqual(expect.arrayContaining(['交行', '普惠', '普惠金融', '小微企业', '数字人民币']));
  });

  it('still emits the bank name inside a branch name', () => {
    expect(segment('交通银行青海省分行')).toContain('交通银行');
  });

  it('drops whitespace and punctuation-only tokens', () => {
    const tokens = segment('银行， “理财” ——  产品！\n');
    expect(tokens).toEqual(['银行', '理财', '产品']);
  });

  it('folds traditional and full-width text before segmenting', () => {
    expect(segment('中國建設銀行')).toEqual(segment('中国建设银行'));
    expect(segment('ＣＣＢ')).toEqual(['CCB']);
  });

  it('returns nothing for empty text', () => {
    expect(segment('')).toEqual([]);
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
