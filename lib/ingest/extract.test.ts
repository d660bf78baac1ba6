import { describe, expect, it } from 'vitest';
import type { CleanParagraph } from './clean';
import {
  cleanTitle,
  dateFromFileName,
  firstSentenceTitle,
  frontMatterDate,
  frontMatterList,
  headlineFromParagraphs,
  parseDate,
  sourceFromTags,
} from './extract';
import { splitFrontMatter } from './parse';

function fm(yaml: string) {
  const r = splitFrontMatter(`---\n${yaml}\n---\n`);
  if (!r.ok || !r.frontMatter) throw new Error(`bad fixture: ${r.ok ? 'no front matter' : r.reason}`);
  return r.frontMatter;
}

describe('parseDate', () => {
  it.each([
    ['2022-03-09 15:56:47 +0800', '2022-03-09T15:56:47+08:00'],
    ['2022-03-09 15:56:47', '2022-03-09T15:56:47+08:00'],
    ['2022-03-09T15:56:47+08:00', '2022-03-09T15:56:47+08:00'],
    ['2022-03-09T07:56:47Z', '2022-03-09T15:56:47+08:00'],
    ['2022-03-09 01:00:00 -0500', '2022-03-09T14:00:00+08:00'],
    ['2022-03-05', '2022-03-05T00:00:00+08:00'],
    ['2022/3/5', '2022-03-05T00:00:00+08:00'],
    ['2022年3月5日', '2022-03-05T00:00:00+08:00'],
    ['2022年3月5日 9:30', '2022-03-05T09:30:00+08:00'],
    ['"2022-03-05 10:00"', '2022-03-05T10:00:00+08:00'],
    // Years are read as written: 0050 is not 1950, and a year below 1000 keeps its four digits.
    ['0050-03-09 12:00', '0050-03-09T12:00:00+08:00'],
    ['0950-03-09', '0950-03-09T00:00:00+08:00'],
  ])('%s → %s', (written, iso) => {
    expect(parseDate(written)).toBe(iso);
  });

  it.each(['', ' +0800', '+0800', 'yesterday', '2022-02-30', '2022-13-01', null, undefined])('%s → null', (written) => {
    expect(parseDate(written)).toBeNull();
  });
});

describe('frontMatterDate', () => {
  it('reads an unquoted date without offset as Beijing time, not UTC', () => {
    expect(frontMatterDate(fm('date: 2021-12-08 10:46:18'))).toBe('2021-12-08T10:46:18+08:00');
  });
  it('keeps an explicit offset', () => {
    expect(frontMatterDate(fm('date: 2021-12-08 10:46:18 +0800'))).toBe('2021-12-08T10:46:18+08:00');
  });
  it('returns null for an empty date with only an offset', () => {
    expect(frontMatterDate(fm('date:  +0800'))).toBeNull();
  });
  it('reads Chinese and slash dates', () => {
    expect(frontMatterDate(fm('date: 2022年3月5日'))).toBe('2022-03-05T00:00:00+08:00');
    expect(frontMatterDate(fm('date: 2022/3/5'))).toBe('2022-03-05T00:00:00+08:00');
  });
});

describe('dateFromFileName', () => {
  it('reads a Jekyll date prefix', () => {
    expect(dateFromFileName('posts/2022-08-18-slug.md')).toBe('2022-08-18T00:00:00+08:00');
  });
  it('ignores digit runs that are not a date prefix', () => {
    expect(dateFromFileName('-202205262391921712.md')).toBeNull();
    expect(dateFromFileName('2022-13-45-x.md')).toBeNull();
  });
});

describe('frontMatterList', () => {
  it('splits a space-separated string and reads a YAML list', () => {
    expect(frontMatterList(fm('tags: 银行 普惠金融'), 'tags')).toEqual(['银行', '普惠金融']);
    expect(frontMatterList(fm('tags:\n  - 银行\n  - 理财'), 'tags')).toEqual(['银行', '理财']);
    expect(frontMatterList(fm('title: x'), 'tags')).toEqual([]);
  });
});

describe('sourceFromTags', () => {
  it('drops the trailing 新闻 the site adds to an outlet name', () => {
    expect(sourceFromTags(['人民日报客户端新闻'], null)).toBe('人民日报客户端');
    expect(sourceFromTags(['新华网新闻'], null)).toBe('新华网');
    expect(sourceFromTags(['河北新闻网新闻'], null)).toBe('河北新闻网');
  });
  it('keeps 新闻 when it is part of the name', () => {
    expect(sourceFromTags(['东财滚动新闻'], null)).toBe('东财滚动新闻');
    expect(sourceFromTags(['澎湃新闻'], null)).toBe('澎湃新闻');
  });
  it('drops 新闻 when the 文章来源 line confirms the stem', () => {
    expect(sourceFromTags(['某某快讯新闻'], '某某快讯')).toBe('某某快讯');
  });
  it('uses a single tag as written, and nothing from several topic tags', () => {
    expect(sourceFromTags(['站长消息'], null)).toBe('站长消息');
    expect(sourceFromTags(['银行', '理财'], null)).toBeNull();
    expect(sourceFromTags([], null)).toBeNull();
  });
});

describe('titles', () => {
  it('cleanTitle trims, collapses spaces and strips stray ASCII quotes', () => {
    expect(cleanTitle('  "招行  发布年报" ')).toBe('招行 发布年报');
    expect(cleanTitle('“股王”重回高位')).toBe('“股王”重回高位');
    expect(cleanTitle('  ')).toBeNull();
    expect(cleanTitle(null)).toBeNull();
  });

  const p = (text: string, headline = false, explicitHeading = false): CleanParagraph => ({ text, headline, explicitHeading });

  it('headlineFromParagraphs prefers the longer headline under a kicker and skips bylines', () => {
    expect(headlineFromParagraphs([p('上一篇文章的最后一段。'), p('某银行江城分行', true), p('用心做好每一笔小额贷款服务', true), p('正文。')])).toBe(
      '用心做好每一笔小额贷款服务',
    );
    expect(headlineFromParagraphs([p('本报记者 张三', true), p('正文。')])).toBeNull();
    expect(headlineFromParagraphs([p('正文。'), p('小标题', true, true)])).toBe('小标题');
  });

  it('firstSentenceTitle shortens to about 40 characters', () => {
    expect(firstSentenceTitle('北向资金净流入超40亿元。数据来自交易所。')).toBe('北向资金净流入超40亿元');
    const long = '某银行今日宣布，将在未来三年内向全省小微企业和个体工商户提供总额不低于五百亿元的专项信用贷款额度，并同步降低利率。';
    const title = firstSentenceTitle(long) ?? '';
    expect(title.endsWith('…')).toBe(true);
    expect([...title].length).toBeLessThanOrEqual(41);
  });
});
