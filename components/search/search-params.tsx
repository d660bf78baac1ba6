import { createParser, parseAsNativeArrayOf, parseAsString, parseAsStringLiteral } from 'nuqs';
import { DEFAULT_SORT, FACETS, isIsoDay, PAGE_SIZE, SORT_ORDERS, type FacetKey, type SearchRequest, type SortOrder } from '@/lib/search';

/** Highest page a URL may ask for; anything larger is malformed and ignored. */
const MAX_PAGE = 10_000;

const parseAsIsoDay = createParser({
  parse: (v: string) => (isIsoDay(v) ? v : null),
  serialize: (v: string) => v,
});

const parseAsPage = createParser({
  parse: (v: string) => {
    if (!/^\d{1,6}$/.test(v)) return null;
    const n = Number(v);
    return n >= 1 && n <= MAX_PAGE ? n : null;
  },
  serialize: (n: number) => String(n),
});

/** `literal=1`: search Latin letters as typed, not as the pinyin they spell. Any other value is the default. */
const parseAsLiteral = createParser<boolean>({
  parse: (v: string) => (v === '1' ? true : null),
  serialize: () => '1',
});

const facetParsers = Object.fromEntries(FACETS.map((f) => [f.key, parseAsNativeArrayOf(parseAsString)])) as Record<
  FacetKey,
  ReturnType<typeof parseAsNativeArrayOf<string>>
>;

/**
 * The results page's URL contract: `/?q=&<facet>=&<facet>=&from=&to=&sort=&literal=&page=`, one repeated parameter
 * per facet of `FACETS` (`bank`, `source`, `province`). Each parser returns null (the default) for a value
 * it does not understand, so a malformed link still shows a page.
 */
export const searchParsers = {
  q: parseAsString.withDefault(''),
  ...facetParsers,
  from: parseAsIsoDay,
  to: parseAsIsoDay,
  sort: parseAsStringLiteral(SORT_ORDERS.map((s) => s.key)).withDefault(DEFAULT_SORT),
  literal: parseAsLiteral.withDefault(false),
  page: parseAsPage.withDefault(1),
};

/** URL parameter names of the state's keys: a facet's `param` where it differs from its key. */
export const searchUrlKeys = Object.fromEntries(FACETS.filter((f) => f.param !== f.key).map((f) => [f.key, f.param]));

/**
 * The article page's URL contract: `/article/?id=&q=&back=`. `back` is the results page the reader came
 * from (`/?q=…&bank=…&page=…`, see {@link resultsUrl}), so its 返回 link returns there, even after a reload.
 */
export const articleParsers = {
  id: parseAsString.withDefault(''),
  q: parseAsString.withDefault(''),
  back: parseAsString.withDefault(''),
};

/** The URL state of the results page, parsed: the selected values of each facet under its key. */
export type SearchState = {
  q: string;
  from: string | null;
  to: string | null;
  sort: SortOrder;
  /** Letters searched as typed, never as pinyin (see `SearchRequest.literal`). */
  literal: boolean;
  page: number;
} & Record<FacetKey, string[]>;

/** The state's filters: the facets' values and the date range. */
export type FilterState = Pick<SearchState, FacetKey | 'from' | 'to'>;

/** Distinct non-empty values, in order: `bank=&bank=x&bank=x` is just `x`. */
function distinctValues(values: readonly string[]): string[] {
  return [...new Set(values.filter((v) => v.trim() !== ''))];
}

/** A request for one page of results: where the page starts and how many it holds are always set. */
export type PageRequest = SearchRequest & { limit: number; offset: number };

/** The engine request for a URL state. */
export function toRequest(s: SearchState): PageRequest {
  return {
    query: s.q,
    filters: Object.fromEntries(FACETS.map((f) => [f.key, distinctValues(s[f.key])])),
    from: s.from,
    to: s.to,
    sort: s.sort,
    literal: s.literal,
    limit: PAGE_SIZE,
    offset: (s.page - 1) * PAGE_SIZE,
  };
}

/** True when the reader has asked for nothing yet: no words and no filter, so the empty state shows. */
export function isEmptyState(s: SearchState): boolean {
  return s.q.trim() === '' && FACETS.every((f) => distinctValues(s[f.key]).length === 0) && !s.from && !s.to;
}

/** The article page's route, whatever the article. */
export const ARTICLE_PATH = '/article/';

/**
 * Link to an article page, carrying the query so the article can mark it, and the results page it was
 * opened from (a {@link resultsUrl}) so the article can lead back to exactly that page.
 */
export function articleHref(id: string, q: string, back?: string): string {
  const base = `${ARTICLE_PATH}?id=${encodeURIComponent(id)}&q=${encodeURIComponent(q)}`;
  return back ? `${base}&back=${encodeURIComponent(back)}` : base;
}

/** The results page's parameters in URL order; anything else in a `back` link is dropped. */
const RESULT_KEYS = ['q', ...FACETS.map((f) => f.param), 'from', 'to', 'sort', 'literal', 'page'];

function serialize(pairs: readonly (readonly [string, string])[]): string {
  const query = pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
  return query ? `/?${query}` : '/';
}

/**
 * The results page for a state, as a same-site URL: `/?q=…&bank=…&from=…&sort=…&page=…`, defaults left
 * out. The share button copies the address bar; this is what result links hand to the article page.
 */
export function resultsUrl(s: SearchState): string {
  const pairs: [string, string][] = [];
  if (s.q) pairs.push(['q', s.q]);
  for (const f of FACETS) for (const v of distinctValues(s[f.key])) pairs.push([f.param, v]);
  if (s.from) pairs.push(['from', s.from]);
  if (s.to) pairs.push(['to', s.to]);
  if (s.sort !== DEFAULT_SORT) pairs.push(['sort', s.sort]);
  if (s.literal) pairs.push(['literal', '1']);
  if (s.page > 1) pairs.push(['page', String(s.page)]);
  return serialize(pairs);
}

/**
 * The results page a `back` parameter names, rebuilt from its known parameters only: whatever a link
 * carries, the answer is a path on this site (`/?…`), never another origin or a `javascript:` URL.
 * Null when `back` is not a results-page URL.
 */
export function backHref(back: string): string | null {
  if (back !== '/' && !back.startsWith('/?')) return null;
  const params = new URLSearchParams(back.slice(2));
  const pairs: [string, string][] = [];
  for (const k of RESULT_KEYS) for (const v of params.getAll(k)) if (v !== '') pairs.push([k, v]);
  return serialize(pairs);
}

/** Link back to the results for `q`. */
export function resultsHref(q: string): string {
  return q ? `/?q=${encodeURIComponent(q)}` : '/';
}

/** True for a URL that may become a link: absolute http(s) only, never `javascript:` or `data:`. */
export function isSafeHttpUrl(url: string | null | undefined): url is string {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * True for an article's link to its own page on the site it comes from (`SearchHit.link`) that may become
 * a link: an absolute http(s) URL ({@link isSafeHttpUrl}), or a path on this host starting with exactly
 * one `/`. A second `/` or a backslash would make the browser read another host (`//evil.example`,
 * `/\evil.example`), and it drops tabs and newlines before reading, so none of those may appear.
 */
export function isSafeSiteLink(link: string | null | undefined): link is string {
  if (!link) return false;
  if (link.startsWith('/')) return /^\/(?![/\\])[^\\\s\u0000-\u001f\u007f]*$/u.test(link);
  return isSafeHttpUrl(link);
}
