/** Browser-safe search over a sharded index; also used by the CLI and tests in Node. */
export {
  SearchEngine,
  DEFAULT_SEARCH_OPTIONS,
  documentTable,
  type DocumentView,
  type SearchHit,
  type SearchOptions,
  type SearchRequest,
  type SearchResult,
  type SortOrder,
} from './engine';
export { httpFetcher, IndexCorruptError, IndexFetchError, IndexLoader, DEFAULT_LOADER_OPTIONS, type Fetcher, type LoaderOptions } from './loader';
export { normalizeTerm, parseQuery, MAX_QUERY_LENGTH, type ParsedQuery, type QueryTerm } from './query';
export { highlightRanges, makeSnippet, DEFAULT_SNIPPET_OPTIONS, type Range, type Snippet, type SnippetOptions } from './snippet';
