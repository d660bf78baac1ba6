/** Browser-safe search over a sharded index; also used by the CLI and tests in Node. */
export { SearchEngine, DEFAULT_SEARCH_OPTIONS, type DocumentView, type Lookups, type SearchHit, type SearchOptions, type SearchResult } from './engine';
export { type ResultFacets } from './facets';
export { httpFetcher, IndexCorruptError, IndexFetchError, IndexLoader, DEFAULT_LOADER_OPTIONS, type Fetcher, type LoaderOptions } from './loader';
export { normalizeTerm, parseQuery, MAX_QUERY_LENGTH, QUERY_SYNTAX, type ParsedQuery, type QueryTerm, type QuerySyntaxRow } from './query';
export { DEFAULT_SORT, isSortOrder, PAGE_SIZE, SORT_ORDERS, type SearchRequest, type SortOrder } from './request';
export { highlightRanges, makeSnippet, paragraphsOf, DEFAULT_SNIPPET_OPTIONS, type Range, type Snippet, type SnippetOptions } from './snippet';
export { FACETS, isIsoDay, type FacetDef, type FacetKey, type FacetSelection } from '../index-format';
