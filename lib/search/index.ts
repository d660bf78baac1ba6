/** Browser-safe search over a sharded index; also used by the CLI and tests in Node. */
export {
  SearchEngine,
  /** @public */
  DEFAULT_SEARCH_OPTIONS,
  isPreloadPath,
  type DocumentView,
  type Lookups,
  type SearchHit,
  type SearchOptions,
  type SearchResult,
  type Tally,
} from './engine';
export { combineFacetCounts, type ResultFacets } from './facets';
export { encodeHomeAnswer } from './home';
export { httpFetcher, IndexCorruptError, IndexFetchError, type ByteRange, type Fetcher, type LoaderOptions } from './loader';
export { parseQuery, MAX_QUERY_LENGTH, QUERY_SYNTAX, type ParsedQuery, type QueryTerm, type QuerySyntaxRow } from './query';
export { DEFAULT_SORT, isSortOrder, PAGE_SIZE, SORT_ORDERS, type SearchRequest, type SortOrder } from './request';
export { paragraphsOf, type Range, type Snippet } from './snippet';
export { MAX_SUGGESTIONS, type Suggestion } from './suggest';
export { FACETS, isIsoDay, type FacetDef, type FacetKey, type FacetSelection } from '../index-format';
