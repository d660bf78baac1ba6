import { describe, expect, it } from 'vitest';
import { dayOf } from '../index-format';
import { checkRequest, DEFAULT_SORT, PAGE_SIZE, SORT_ORDERS, type SearchRequest } from './request';

const PAGES = { defaultLimit: PAGE_SIZE, maxLimit: 100 };
const EMPTY = {
  query: '',
  filters: { bank: [], source: [], province: [] },
  fromDay: null,
  toDay: null,
  sort: DEFAULT_SORT,
  limit: PAGE_SIZE,
  offset: 0,
  literal: false,
};

describe('checkRequest', () => {
  it('keeps a well-formed request as it is, dates as day numbers and filter values deduplicated', () => {
    const r: SearchRequest = {
      query: '交通银行',
      filters: { bank: ['交通银行', '交通银行', '建设银行'], province: ['青海'] },
      from: '2022-01-01',
      to: '2022-12-31',
      sort: 'newest',
      limit: 20,
      offset: 40,
      literal: true,
    };
    expect(checkRequest(r, PAGES)).toEqual({
      query: '交通银行',
      filters: { bank: ['交通银行', '建设银行'], source: [], province: ['青海'] },
      fromDay: dayOf('2022-01-01'),
      toDay: dayOf('2022-12-31'),
      sort: 'newest',
      limit: 20,
      offset: 40,
      literal: true,
    });
  });

  it('turns anything malformed, from a URL or another thread, into the defaults instead of throwing', () => {
    const bad: unknown[] = [
      null,
      undefined,
      'q',
      42,
      { query: 42, filters: 'bank', from: '2022-02-30', to: '2022/01/01', sort: 'sideways', limit: 'x', offset: -3 },
      { filters: null, limit: Infinity, offset: NaN, literal: 'yes' },
      { filters: [['bank', ['x']]], sort: '__proto__' },
      { filters: { bank: 'x', source: [1, null, {}], ['__proto__']: ['y'] } },
      JSON.parse('{"filters": {"__proto__": {"bank": ["x"]}}}'),
    ];
    for (const input of bad) expect(checkRequest(input as SearchRequest, PAGES), JSON.stringify(input)).toEqual(EMPTY);
  });

  it('clamps the page size to the largest allowed and rounds fractions down', () => {
    expect(checkRequest({ limit: 1e9, offset: 2.9 }, PAGES)).toMatchObject({ limit: 100, offset: 2 });
    expect(checkRequest({ limit: -5 }, PAGES)).toMatchObject({ limit: 0 });
  });

  it('knows every sort order of the table', () => {
    for (const s of SORT_ORDERS) expect(checkRequest({ sort: s.key }, PAGES).sort).toBe(s.key);
  });
});
