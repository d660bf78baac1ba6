import { describe, expect, it } from 'vitest';
import { forEachUnit, queryUnits, unitSpans, WORD_PREFIX, type UnitSpan } from './analyze';
import { foldText } from './fold';

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const span = (key: string, start: number, end: number, kind: UnitSpan['kind']): UnitSpan => ({ key, start, end, kind });
const keys = (s: string) => unitSpans(s).map((u) => u.key);

describe('unitSpans / forEachUnit', () => {
  it('gives every unigram and bigram of a Chinese run with exact spans', () => {
    expect(unitSpans('交通银行')).toEqual([
      span('交', 0, 1, 'gram1'),
      span('通', 1, 2, 'gram1'),
      span('交通', 0, 2, 'gram2'),
      span('银', 2, 3, 'gram1'),
      span('通银', 1, 3, 'gram2'),
      span('行', 3, 4, 'gram1'),
      span('银行', 2, 4, 'gram2'),
    ]);
  });

  it('forEachUnit emits the same units, in order of their end offset', () => {
    const text = '2022年交通银行 ccb 发布 1.43万亿元';
    const seen: UnitSpan[] = [];
    forEachUnit(text, (key, start, end, kind) => seen.push({ key, start, end, kind }));
    expect(seen).toEqual(unitSpans(text));
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.end).toBeGreaterThanOrEqual(seen[i - 1]!.end);
    for (const u of seen) expect(text.slice(u.start, u.end)).toBe(u.key);
  });

  it('gives a single character its unigram only', () => {
    expect(unitSpans('银')).toEqual([span('银', 0, 1, 'gram1')]);
  });

  it('keeps Latin words whole', () => {
    expect(unitSpans('app')).toEqual([span('app', 0, 3, 'word')]);
    expect(unitSpans('application')).toEqual([span('application', 0, 11, 'word')]);
    expect(keys('application')).not.toContain('app');
    expect(unitSpans('app store')).toEqual([span('app', 0, 3, 'word'), span('store', 4, 9, 'word')]);
    expect(keys('ccb2022')).toEqual(['ccb2022']);
    expect(keys('café déjà')).toEqual(['café', 'déjà']);
  });

  it('keeps decimals as one word', () => {
    expect(unitSpans('6.3565')).toEqual([span('6.3565', 0, 6, 'word')]);
    expect(unitSpans('3.85%')).toEqual([span('3.85', 0, 4, 'word')]);
    expect(keys('lpr 3.85 6.3565')).toEqual(['lpr', '3.85', '6.3565']);
    expect(keys('v2.0')).toEqual(['v2.0']);
    expect(keys('1.2.3')).toEqual(['1.2.3']);
  });

  it('splits on dots that are not between two digits', () => {
    expect(keys('3.')).toEqual(['3']);
    expect(keys('.5')).toEqual(['5']);
    expect(keys('a.b')).toEqual(['a', 'b']);
    expect(keys('3.x')).toEqual(['3', 'x']);
    expect(keys('1..2')).toEqual(['1', '2']);
    expect(keys('1,000')).toEqual(['1', '000']);
  });

  it('splits a number followed by Chinese into a word and grams', () => {
    expect(unitSpans('1.43万亿元')).toEqual([
      span('1.43', 0, 4, 'word'),
      span('万', 4, 5, 'gram1'),
      span('亿', 5, 6, 'gram1'),
      span('万亿', 4, 6, 'gram2'),
      span('元', 6, 7, 'gram1'),
      span('亿元', 5, 7, 'gram2'),
    ]);
  });

  it('handles mixed Chinese and Latin (兴农e贷): no bigram across the Latin letter', () => {
    expect(unitSpans('兴农e贷')).toEqual([
      span('兴', 0, 1, 'gram1'),
      span('农', 1, 2, 'gram1'),
      span('兴农', 0, 2, 'gram2'),
      span('e', 2, 3, 'word'),
      span('贷', 3, 4, 'gram1'),
    ]);
  });

  it('makes no bigram across a space or punctuation', () => {
    expect(keys('银行 贷款')).toEqual(['银', '行', '银行', '贷', '款', '贷款']);
    expect(keys('银行，贷款')).toEqual(['银', '行', '银行', '贷', '款', '贷款']);
  });

  it('treats supplementary Han characters as one gram of two units', () => {
    expect(unitSpans('𠀀𠀁银')).toEqual([
      span('𠀀', 0, 2, 'gram1'),
      span('𠀁', 2, 4, 'gram1'),
      span('𠀀𠀁', 0, 4, 'gram2'),
      span('银', 4, 5, 'gram1'),
      span('𠀁银', 2, 5, 'gram2'),
    ]);
  });

  it('treats kana as grams and skips emoji', () => {
    expect(keys('みずほ')).toEqual(['み', 'ず', 'みず', 'ほ', 'ずほ']);
    expect(keys('银😀行')).toEqual(['银', '行']);
    expect(keys('ab😀cd')).toEqual(['ab', 'cd']);
  });

  it('gives nothing for punctuation-only or empty text', () => {
    expect(unitSpans('')).toEqual([]);
    expect(unitSpans('，。！？、…—()《》"\'.,-%')).toEqual([]);
    expect(unitSpans('   ')).toEqual([]);
    expect(unitSpans('😀🏦')).toEqual([]);
  });
});

describe('queryUnits', () => {
  it('needs the bigrams of a Chinese run', () => {
    expect(queryUnits('交通银行')).toEqual(['交通', '通银', '银行']);
    expect(queryUnits('银行')).toEqual(['银行']);
    expect(queryUnits('普惠型')).toEqual(['普惠', '惠型']);
  });

  it('needs the unigram of a single character', () => {
    expect(queryUnits('银')).toEqual(['银']);
    expect(queryUnits('𠀀')).toEqual(['𠀀']);
  });

  it('needs whole words', () => {
    expect(queryUnits('app')).toEqual(['app']);
    expect(queryUnits('application')).toEqual(['application']);
    expect(queryUnits('app store')).toEqual(['app', 'store']);
  });

  it('keeps decimals as one unit', () => {
    expect(queryUnits('6.3565')).toEqual(['6.3565']);
    expect(queryUnits('3.85')).toEqual(['3.85']);
    expect(queryUnits('1.43万亿元')).toEqual(['1.43', '万亿', '亿元']);
  });

  it('handles mixed terms', () => {
    expect(queryUnits('兴农e贷')).toEqual(['兴农', 'e', '贷']);
    expect(queryUnits('交通 bank')).toEqual(['交通', 'bank']);
    expect(queryUnits('银,贷款')).toEqual(['银', '贷款']);
    expect(queryUnits('2022年')).toEqual(['2022', '年']);
    expect(queryUnits('𠀀𠀁')).toEqual(['𠀀𠀁']);
  });

  it('removes duplicates and keeps the first-seen order', () => {
    expect(queryUnits('银行银行')).toEqual(['银行', '行银']);
    expect(queryUnits('ccb ccb icbc')).toEqual(['ccb', 'icbc']);
    expect(queryUnits('银 银')).toEqual(['银']);
  });

  it('gives [] for punctuation only', () => {
    expect(queryUnits('')).toEqual([]);
    expect(queryUnits('，。！？')).toEqual([]);
    expect(queryUnits('...')).toEqual([]);
  });

  it('works on folded queries: traditional and full-width forms give the same units', () => {
    const table = { 銀: '银', 國: '国' };
    expect(queryUnits(foldText('中國銀行', table))).toEqual(queryUnits(foldText('中国银行')));
    expect(queryUnits(foldText('ＣＣＢ　２０２２'))).toEqual(['ccb', '2022']);
    expect(queryUnits(foldText('交通\n银行'))).toEqual(['交通', '通银', '银行']);
  });

  it('does not blow up on a 2,000-character query', () => {
    const rnd = mulberry32(42);
    const alphabet = [...'交通银行中国人民建设农业工商招商兴农贷款利率发布abcxyz0123456789. ，'];
    let q = '';
    for (let i = 0; i < 2000; i++) q += alphabet[Math.floor(rnd() * alphabet.length)]!;
    const t0 = performance.now();
    const units = queryUnits(q);
    const spans = unitSpans(q);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(units.length).toBeGreaterThan(0);
    expect(units.length).toBeLessThanOrEqual(spans.length);
    expect(new Set(units).size).toBe(units.length);

    expect(queryUnits('银'.repeat(2000))).toEqual(['银银']);
    expect(unitSpans('银'.repeat(2000))).toHaveLength(2000 + 1999);
    expect(queryUnits('a'.repeat(2000))).toEqual(['a'.repeat(2000)]);
    expect(queryUnits('1.'.repeat(1000))).toEqual(['1.'.repeat(999) + '1']);
    expect(queryUnits('，'.repeat(2000))).toEqual([]);
  });
});

describe('WORD_PREFIX', () => {
  it('is "=", a character that never starts an n-gram or word unit', () => {
    expect(WORD_PREFIX).toBe('=');
    expect(unitSpans(WORD_PREFIX)).toEqual([]);
  });
});
