import { dayOf, FACETS, isIsoDay, type FacetKey, type FacetSelection } from '../index-format';

/**
 * The sort orders, in the order a reader is offered them, with their labels: the one table that the
 * engine, the results page's URL and menu, the CLI and the benchmark read.
 */
export const SORT_ORDERS = [
  { key: 'relevance', label: '相关度' },
  { key: 'newest', label: '最新' },
  { key: 'oldest', label: '最早' },
] as const;

/** How results are ordered. */
export type SortOrder = (typeof SORT_ORDERS)[number]['key'];

/** The order of a request that names none (or names one this code does not know). */
export const DEFAULT_SORT: SortOrder = 'relevance';

/** True for a sort order this engine knows. */
export function isSortOrder(v: unknown): v is SortOrder {
  return SORT_ORDERS.some((s) => s.key === v);
}

/** Results per page: the engine's default page size, and the page the results page and the benchmark show. */
export const PAGE_SIZE = 10;

/** What a reader asks: the query text plus filters and a page. Every field is optional. */
export interface SearchRequest {
  query?: string;
  /** Selected values per facet (see `FACETS`): OR within a facet, AND across facets. */
  filters?: FacetSelection;
  /** `YYYY-MM-DD`, inclusive. */
  from?: string | null;
  /** `YYYY-MM-DD`, inclusive. */
  to?: string | null;
  sort?: SortOrder;
  limit?: number;
  offset?: number;
  /** Search the letters as typed, never as the pinyin they may spell. */
  literal?: boolean;
}

/** A request as the engine runs it: every field checked, nothing a reader typed left to throw later. */
export interface CheckedRequest {
  query: string;
  /** Distinct selected values per facet; empty where the facet does not filter. */
  filters: Record<FacetKey, string[]>;
  /** Inclusive day bounds, null where open. */
  fromDay: number | null;
  toDay: number | null;
  sort: SortOrder;
  limit: number;
  offset: number;
  literal: boolean;
}

/**
 * Checks a request that may come from a URL or another thread: anything malformed (a date that is no
 * day, a sort order this engine does not know, a filter that is not a list of strings, a page size out of
 * range) is dropped or clamped, never thrown.
 */
export function checkRequest(input: SearchRequest, pages: { defaultLimit: number; maxLimit: number }): CheckedRequest {
  const request: SearchRequest = typeof input === 'object' && input !== null ? input : {};
  const raw: unknown = request.filters;
  const filters = {} as Record<FacetKey, string[]>;
  for (const f of FACETS) {
    const v = typeof raw === 'object' && raw !== null && Object.hasOwn(raw, f.key) ? (raw as Record<string, unknown>)[f.key] : undefined;
    filters[f.key] = Array.isArray(v) ? [...new Set(v.filter((x): x is string => typeof x === 'string'))] : [];
  }
  const day = (s: unknown) => (isIsoDay(s) ? dayOf(s) : null);
  const whole = (n: unknown, fallback: number) => Math.floor(typeof n === 'number' && Number.isFinite(n) ? n : fallback);
  return {
    query: typeof request.query === 'string' ? request.query : '',
    filters,
    fromDay: day(request.from),
    toDay: day(request.to),
    sort: isSortOrder(request.sort) ? request.sort : DEFAULT_SORT,
    limit: Math.min(pages.maxLimit, Math.max(0, whole(request.limit, pages.defaultLimit))),
    offset: Math.max(0, whole(request.offset, 0)),
    literal: request.literal === true,
  };
}
