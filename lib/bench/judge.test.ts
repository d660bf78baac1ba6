import { describe, expect, it } from 'vitest';
import { normalizeForOracle } from '../oracle';
import { fileKind, ourResultsUrl, pagefindFilters } from './browser';
import { isPagefindIndexFile, isPagefindInitFile, isPagefindQueryFile } from './files';
import { expectedIds, passesFilters, scoreRetrieval, type JudgedDoc } from './judge';
import { idFromPagefindUrl, pagefindUrl, yearOf } from './pagefind-index';

const doc = (id: string, title: string, text: string, extra: Partial<JudgedDoc> = {}): JudgedDoc => ({
  id,
  fields: [normalizeForOracle(title), normalizeForOracle(text)],
  banks: [],
  source: null,
  year: null,
  ...extra,
});

describe('judging against the substring oracle', () => {
  const docs = [
    doc('a', '工商银行普惠金融', '普惠型小微企业贷款', { banks: ['工商银行'], source: '新华网', year: '2022' }),
    doc('b', '建设银行', '普惠e贷上线', { banks: ['建设银行'], source: '新华网', year: '2023' }),
    doc('c', '其他', '银色的行李箱', { banks: [], source: null, year: null }),
  ];

  it('expects every document holding all terms as substrings, filters applied', () => {
    expect(expectedIds(docs, { query: '普惠', filters: {}, kind: 'substring' })).toEqual(new Set(['a', 'b']));
    expect(expectedIds(docs, { query: '普惠 小微', filters: {}, kind: 'two terms' })).toEqual(new Set(['a']));
    expect(expectedIds(docs, { query: '普惠', filters: { bank: '建设银行' }, kind: 'filtered' })).toEqual(new Set(['b']));
    expect(expectedIds(docs, { query: '普惠', filters: { year: 2022 }, kind: 'filtered' })).toEqual(new Set(['a']));
    expect(expectedIds(docs, { query: '银行', filters: {}, kind: 'common' })).toEqual(new Set(['a', 'b']));
  });

  it('applies each filter to the value the ingest reports, and a document without the value fails it', () => {
    expect(passesFilters(docs[0]!, { bank: '工商银行', source: '新华网', year: 2022 })).toBe(true);
    expect(passesFilters(docs[0]!, { source: '人民网' })).toBe(false);
    expect(passesFilters(docs[2]!, { year: 2022 })).toBe(false);
    expect(passesFilters(docs[2]!, {})).toBe(true);
  });

  it('scores recall over the expected and precision over the returned, duplicates once', () => {
    expect(scoreRetrieval(new Set(['a', 'b']), ['a', 'a', 'x'])).toEqual({ returned: 2, correct: 1, recall: 0.5, precision: 0.5 });
    expect(scoreRetrieval(new Set(), ['x'])).toEqual({ returned: 1, correct: 0, recall: null, precision: 0 });
    expect(scoreRetrieval(new Set(['a']), [])).toEqual({ returned: 0, correct: 0, recall: 0, precision: null });
  });
});

describe('mapping between the two systems', () => {
  it('carries our article id through a Pagefind URL', () => {
    for (const id of ['2022-03-07-202203075102625025', '0:a/b c?d&e']) expect(idFromPagefindUrl(pagefindUrl(id))).toBe(id);
    expect(idFromPagefindUrl('/elsewhere/')).toBeNull();
  });

  it('takes the year as written, in the article’s own time zone', () => {
    expect(yearOf('2022-12-31T23:30:00+08:00')).toBe('2022');
    expect(yearOf(null)).toBeNull();
  });

  it('puts a query in our page URL the way the page reads it', () => {
    expect(ourResultsUrl({ query: '普惠 小微', filters: {}, kind: 'two terms' })).toBe(`/?q=${encodeURIComponent('普惠 小微').replace(/%20/g, '+')}`);
    const u = new URLSearchParams(ourResultsUrl({ query: '普惠', filters: { bank: '工商银行', source: '新华网', year: 2021 }, kind: 'filtered' }).slice(2));
    expect([...u]).toEqual([
      ['q', '普惠'],
      ['bank', '工商银行'],
      ['source', '新华网'],
      ['from', '2021-01-01'],
      ['to', '2021-12-31'],
    ]);
  });

  it('gives Pagefind one value per filter, the year as a string', () => {
    expect(pagefindFilters({ bank: '工商银行', year: 2021 })).toEqual({ bank: '工商银行', year: '2021' });
    expect(pagefindFilters({})).toEqual({});
  });

  it('sorts files into index data, engine start-up and query data', () => {
    expect(isPagefindIndexFile('index/zh-cn_c6b52a1.pf_index')).toBe(true);
    expect(isPagefindIndexFile('pagefind-entry.json')).toBe(true);
    expect(isPagefindIndexFile('pagefind.js')).toBe(false);
    expect(isPagefindIndexFile('wasm.unknown.pagefind')).toBe(false);
    expect(isPagefindInitFile('wasm.unknown.pagefind')).toBe(true);
    expect(isPagefindInitFile('pagefind.zh-cn_784b5ad5b873d.pf_meta')).toBe(true);
    expect(isPagefindQueryFile('fragment/zh-cn_55961aa.pf_fragment')).toBe(true);
    expect(isPagefindQueryFile('pagefind.zh-cn_784b5ad5b873d.pf_meta')).toBe(false);
    expect(fileKind(new URL('http://h/search/g-0123456789abcd/shard-12.bin'))).toBe('shard');
    expect(fileKind(new URL('http://h/search/g-0123456789abcd/frag-3.json'))).toBe('frag');
    expect(fileKind(new URL('http://h/pagefind/index/zh-cn_1.pf_index'))).toBe('pf_index');
  });
});
