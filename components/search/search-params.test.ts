import { createLoader } from 'nuqs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SORT, FACETS, type FacetKey } from '@/lib/search';
import {
  articleHref,
  backHref,
  isEmptyState,
  isSafeHttpUrl,
  isSafeSiteLink,
  resultsUrl,
  searchParsers,
  searchUrlKeys,
  toRequest,
  type SearchState,
} from './search-params';

/** A results-page state: nothing asked, with `over` on top. */
function state(over: Partial<SearchState> = {}): SearchState {
  const facets = Object.fromEntries(FACETS.map((f) => [f.key, []])) as unknown as Record<FacetKey, string[]>;
  return { q: '', from: null, to: null, sort: DEFAULT_SORT, literal: false, page: 1, ...facets, ...over };
}

/** Reads a results URL the way the page does (nuqs with the page's parsers). */
const load = createLoader(searchParsers, { urlKeys: searchUrlKeys });
const parse = (url: string): SearchState => load(new URL(url, 'https://site.example').searchParams) as SearchState;

/** The first facet's key: `bank`, whatever the table says, so these tests follow the facet table. */
const FACET = FACETS[0]!.key;
const OTHER = FACETS[1]!.key;

const SITE = 'https://site.example';

/** Links a hostile page could hand us as an article's `url` or a `back` parameter. */
const HOSTILE = [
  'javascript:alert(1)',
  'JavaScript:alert(1)',
  ' javascript:alert(1)',
  'java\tscript:alert(1)',
  'java\nscript:alert(1)',
  '\u0000javascript:alert(1)',
  'javascript://example.com/%0Aalert(1)',
  'data:text/html,<script>alert(1)</script>',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'DATA:image/svg+xml,<svg onload=alert(1)>',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
  'blob:https://site.example/1',
  'ftp://example.com/a',
  'mailto:a@example.com',
];

describe('isSafeHttpUrl', () => {
  it('accepts absolute http and https URLs', () => {
    for (const url of [
      'http://example.com',
      'https://www.xinhuanet.com/fortune/2022-03/09/c_1.htm',
      'https://example.com/a?b=1&c=交通银行#d',
      'HTTPS://EXAMPLE.COM/x',
      'http://127.0.0.1:8080/',
    ]) {
      expect(isSafeHttpUrl(url), url).toBe(true);
    }
  });

  it('rejects javascript:, data: and every other scheme, however it is spelled', () => {
    for (const url of HOSTILE) expect(isSafeHttpUrl(url), JSON.stringify(url)).toBe(false);
  });

  it('rejects relative and protocol-relative URLs: an original article is always on another site', () => {
    for (const url of ['/article/?id=1', 'article/1', '../x', '?q=1', '#top', '//evil.example/x', 'www.example.com', 'example.com/a']) {
      expect(isSafeHttpUrl(url), url).toBe(false);
    }
  });

  it('rejects garbage and nothing', () => {
    for (const url of ['', ' ', 'http://', 'https://', 'http:// example.com', 'not a url', '交通银行', 'http://[::1', null, undefined]) {
      expect(isSafeHttpUrl(url), JSON.stringify(url)).toBe(false);
    }
  });
});

describe('isSafeSiteLink', () => {
  it('accepts a path on this host and an absolute http(s) URL, as the build writes them', () => {
    for (const link of [
      '/emnews/2021/12/08/202112082206672930.html',
      '/2021/12/08/202112082206672930/',
      '/',
      '/foo%20bar/%E6%96%B0%E9%97%BB/a/b/2022/01/07/late.html',
      '/foo/a%20b/z?q%23r/2021/01/10/My-Slug.ok.html',
      '/javascript:alert(1)/2021/12/08/x.html',
      'https://example.org/blog/emnews/2021/12/08/x.html',
      'http://127.0.0.1:4000/x/',
    ]) {
      expect(isSafeSiteLink(link), link).toBe(true);
    }
  });

  it('rejects what a browser reads as another host or scheme, however it is spelled', () => {
    for (const link of [
      ...HOSTILE,
      '//evil.example/x',
      '/\\evil.example/x',
      '/\\/evil.example',
      '/\tx',
      '/\n/evil.example',
      '/ x',
      '/a\u0000b',
      '/a\u007fb',
      // Spaces and controls the browser strips before reading, in front of a second slash.
      ' //evil.example',
      '\t//evil.example',
      '\u0001//evil.example',
      '/\r/evil.example',
      '/\u00a0/evil.example',
      '/\u2028x',
      '\ufeff//evil.example',
    ]) {
      expect(isSafeSiteLink(link), JSON.stringify(link)).toBe(false);
    }
  });

  it('rejects relative paths, garbage and nothing', () => {
    for (const link of ['emnews/x.html', './x', '../x', '?q=1', '#top', 'www.example.org', '', null, undefined]) {
      expect(isSafeSiteLink(link), JSON.stringify(link)).toBe(false);
    }
  });
});

describe('backHref', () => {
  it('keeps a results-page URL', () => {
    expect(backHref('/')).toBe('/');
    expect(backHref(`/?q=${encodeURIComponent('交通银行 普惠')}&page=2`)).toBe(`/?q=${encodeURIComponent('交通银行 普惠')}&page=2`);
    expect(backHref(`/?q=a&${FACET}=x&${FACET}=y&from=2022-01-01&to=2022-03-31&sort=newest&page=3`)).toBe(
      `/?q=a&${FACET}=x&${FACET}=y&from=2022-01-01&to=2022-03-31&sort=newest&page=3`,
    );
  });

  it('drops unknown and empty parameters, and puts the known ones in URL order', () => {
    expect(backHref('/?utm_source=x&q=a&onload=alert(1)')).toBe('/?q=a');
    expect(backHref('/?page=2&q=a')).toBe('/?q=a&page=2');
    expect(backHref('/?q=&from=')).toBe('/');
  });

  it('refuses anything that is not a results-page path', () => {
    for (const back of [
      ...HOSTILE,
      'https://evil.example/?q=a',
      '//evil.example/?q=a',
      '/\\evil.example/?q=a',
      '\\\\evil.example',
      '/article/?id=1',
      '?q=a',
      ' /?q=a',
      '',
      'https:/evil.example',
    ]) {
      expect(backHref(back), JSON.stringify(back)).toBeNull();
    }
  });

  it('never leads to another origin or another path, whatever the parameters hold', () => {
    const values = [
      '//evil.example',
      'https://evil.example',
      'javascript:alert(1)',
      '/\\evil.example',
      '%2F%2Fevil.example',
      '@evil.example',
      '\r\nLocation: x',
      '#',
      '?',
      '&q=x',
    ];
    for (const v of values) {
      for (const back of [`/?q=${v}`, `/?q=${encodeURIComponent(v)}`, `/?${FACET}=${encodeURIComponent(v)}&page=${v}`]) {
        const out = backHref(back);
        expect(out, back).not.toBeNull();
        const u = new URL(out!, SITE);
        expect(u.origin, back).toBe(SITE);
        expect(u.pathname, back).toBe('/');
        expect(out, back).not.toMatch(/^\s*[a-z][a-z0-9+.-]*:/i);
      }
    }
  });

  it('gives back what resultsUrl made, unchanged', () => {
    const s = state({ q: 'a&b=c #d', [FACET]: ['x'], from: '2022-01-01', sort: 'oldest', page: 4 });
    expect(backHref(resultsUrl(s))).toBe(resultsUrl(s));
  });
});

describe('resultsUrl', () => {
  it('leaves defaults out', () => {
    expect(resultsUrl(state())).toBe('/');
    expect(resultsUrl(state({ q: '交行' }))).toBe(`/?q=${encodeURIComponent('交行')}`);
    expect(resultsUrl(state({ q: 'a', sort: DEFAULT_SORT, page: 1 }))).toBe('/?q=a');
  });

  it('round-trips every part of the state through the URL the page reads', () => {
    const s = state({
      q: '“数字 人民币” -信用卡 OR a&b=c+d%20#e?f',
      [FACET]: ['交通银行', '中国银行'],
      [OTHER]: ['新华网'],
      from: '2022-01-01',
      to: '2022-12-31',
      sort: 'newest',
      page: 3,
    });
    expect(parse(resultsUrl(s))).toEqual(s);
    const letters = state({ q: 'jtyh', literal: true });
    expect(resultsUrl(letters)).toBe('/?q=jtyh&literal=1');
    expect(parse(resultsUrl(letters))).toEqual(letters);
    expect(toRequest(letters).literal).toBe(true);
    expect(parse('/?q=jtyh&literal=yes')).toEqual(state({ q: 'jtyh' }));
  });

  it('round-trips through the article page and back', () => {
    const s = state({ q: '普惠 & 小微', [FACET]: ['交通银行'], page: 2 });
    const article = new URL(articleHref('doc-1', s.q, resultsUrl(s)), SITE);
    expect(article.pathname).toBe('/article/');
    const back = backHref(article.searchParams.get('back')!);
    expect(back).toBe(resultsUrl(s));
    expect(parse(back!)).toEqual(s);
  });

  it('writes each facet value once, and no blank one', () => {
    const s = state({ q: 'a', [FACET]: ['x', 'x', ' ', '', 'y'] });
    expect(resultsUrl(s)).toBe(`/?q=a&${FACET}=x&${FACET}=y`);
    expect(parse(resultsUrl(s))[FACET]).toEqual(['x', 'y']);
  });
});

describe('the URL the page reads', () => {
  it('ignores a malformed value rather than failing: dates that are not days, pages out of range, unknown sorts', () => {
    const s = parse('/?q=a&from=2022-02-30&to=2022-3-1&page=0&sort=random');
    expect(s).toEqual(state({ q: 'a' }));
    expect(parse('/?from=2022-03-09T00:00&to=2022-03-09 ').from).toBeNull();
    expect(parse('/?page=10001').page).toBe(1);
    expect(parse('/?page=2.5').page).toBe(1);
    expect(parse('/?page=-1').page).toBe(1);
  });

  it('keeps real days, and days before the index begins or far ahead (they simply find nothing)', () => {
    expect(parse('/?from=2024-02-29&to=2024-03-01')).toMatchObject({ from: '2024-02-29', to: '2024-03-01' });
    expect(parse('/?from=1600-01-01&to=9999-12-31')).toMatchObject({ from: '1600-01-01', to: '9999-12-31' });
  });

  it('is the empty state with no words and no filter, blank values included', () => {
    expect(isEmptyState(parse('/'))).toBe(true);
    expect(isEmptyState(parse(`/?q=%20%20&${FACET}=&sort=newest&page=3`))).toBe(true);
    expect(isEmptyState(parse(`/?${FACET}=x`))).toBe(false);
    expect(isEmptyState(parse('/?to=2022-01-01'))).toBe(false);
  });
});
