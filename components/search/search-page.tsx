'use client';

import { useQueryStates } from 'nuqs';
import { useCallback, useEffect, useState } from 'react';
import { FACETS, isSortOrder, PAGE_SIZE, SORT_ORDERS, type FacetKey } from '@/lib/search';
import { ActiveFilters, activeFilters as listFilters, filterCount, NO_FILTERS } from './active-filters';
import { DateInput } from './date-input';
import { Examples } from './examples';
import { FacetList } from './facet-list';
import { FiltersPanel } from './filters-panel';
import { NARROW_FIRST_RESULTS, WIDE_LAYOUT } from './layout';
import { LoadingBar } from './loading-bar';
import { MonthHistogram } from './month-histogram';
import { NoResults } from './no-results';
import { Pagination } from './pagination';
import { QuerySyntax } from './query-syntax';
import { ResultList } from './result-list';
import { SearchBox } from './search-box';
import { ShareButton } from './share-button';
import { isEmptyState, resultsUrl, searchParsers, searchUrlKeys, toRequest, type FilterState } from './search-params';
import { lastPageInstead, pageTitle, statusText } from './search-request';
import { useMediaQuery } from './use-media-query';
import { useSearch } from './use-search';
import { useTitleAfterPaint } from './use-title-after-paint';
import { searchWorker } from './worker-client';
import { RetryAlert } from '@/components/common/retry-alert';

/** Set while the facet values are being read ahead or have been: a read that failed clears it, for the next turn to try again. */
let facetsReadAhead = false;

/**
 * The reader turned to the filters: the facet values a choice needs are read meanwhile (a first query of an
 * offered word has its counts without them). Once, however often the reader points at or tabs into the lists.
 */
function readFacetsAhead(): void {
  if (facetsReadAhead) return;
  facetsReadAhead = true;
  try {
    void searchWorker()
      .readFacetsAhead()
      .then(
        (read) => (facetsReadAhead = read),
        () => (facetsReadAhead = false),
      );
  } catch {
    // No worker (a page that cannot start one): the search that needs the values says so.
    facetsReadAhead = false;
  }
}

/**
 * The results page. Its state is the URL (see {@link searchParsers}); every change of it runs one
 * search in the worker, and an answer that arrives after a newer request was made is dropped, so a slow
 * shard download can never overwrite the results of what the reader typed since.
 */
export function SearchPage() {
  const [state, setState] = useQueryStates(searchParsers, { urlKeys: searchUrlKeys });
  const empty = isEmptyState(state);
  const [filtersOpen, setFiltersOpen] = useState(false);
  // The facet counts are in view beside the results on a wide screen; on a phone, once the reader opens 筛选.
  const wide = useMediaQuery(WIDE_LAYOUT);
  const countsShown = wide || filtersOpen;
  // Without a query or a filter the page lists the newest articles: the same request, answered from what the build
  // stored, whole. A narrow screen's first answer shows the results its first two screens can hold.
  const firstResults = wide || empty ? PAGE_SIZE : NARROW_FIRST_RESULTS;
  const { info, result, loading, busy, error, countsFailed, more, moreFailed, loadMore, retry } = useSearch(toRequest(state), countsShown, firstResults);

  // The tab and the history list name the query of the results shown, so a reader can tell past searches apart.
  useTitleAfterPaint(pageTitle(state.q, busy && result !== null && !error));

  const pages = result ? Math.ceil(result.total / PAGE_SIZE) : 0;
  // A query's results, found or not; without one, the newest articles when there are any.
  const showsList = !empty || (result?.total ?? 0) > 0;
  const examples = info?.examples ?? [];
  const filters = listFilters(state);
  const clearFilters = () => void setState({ ...NO_FILTERS, page: null }, { history: 'push' });
  const dropFilter = (without: Partial<FilterState>) => void setState({ ...without, page: null }, { history: 'push' });

  // The handlers an answer's render passes down stay the same functions from render to render (updating from the
  // state nuqs holds, not the render's), so the memoized lists, box and chart skip what an answer leaves as it was.
  const toggle = useCallback(
    (facet: FacetKey, value: string, checked: boolean) =>
      void setState(
        (s) => {
          const current = s[facet].filter((v) => v !== value);
          return { [facet]: checked ? [...current, value] : current, page: null };
        },
        { history: 'push' },
      ),
    [setState],
  );
  const onQuery = useCallback((q: string) => void setState({ q: q || null, literal: null, page: null }, { history: 'replace' }), [setState]);
  const commitFrom = useCallback((from: string | null) => void setState({ from, page: null }, { history: 'push' }), [setState]);
  const commitTo = useCallback((to: string | null) => void setState({ to, page: null }, { history: 'push' }), [setState]);
  const selectMonths = useCallback((from: string | null, to: string | null) => void setState({ from, to, page: null }, { history: 'push' }), [setState]);

  // A page past the last (a link kept while articles were removed, a hand-edited URL) shows the last one, and the URL says so.
  const lastPage = lastPageInstead(state.page, pages, busy);
  useEffect(() => {
    if (lastPage !== null) void setState({ page: lastPage === 1 ? null : lastPage }, { history: 'replace' });
  }, [lastPage, setState]);

  const status = statusText({ error, empty, docCount: info?.docCount ?? null, busy, result, page: state.page, pages });

  return (
    <div className="mx-auto w-full max-w-6xl px-4 pb-16">
      <div className="mx-auto max-w-3xl pt-6 md:pt-10">
        <SearchBox value={state.q} onQuery={onQuery} />
        <div className="mt-3 flex flex-wrap items-center justify-between gap-x-4 gap-y-2 text-sm text-slate-700 dark:text-slate-300">
          <p role="status" aria-live="polite" aria-atomic="true" data-testid="status">
            {status}
          </p>
          {showsList && (
            <div className="flex items-center gap-3">
              <ShareButton />
              <label className="flex items-center gap-2">
                排序
                {/* The URL holds the order; the browser keeps none to restore on a history step. */}
                <select
                  autoComplete="off"
                  value={state.sort}
                  onChange={(e) => {
                    const sort = e.currentTarget.value;
                    if (isSortOrder(sort)) void setState({ sort, page: null }, { history: 'push' });
                  }}
                  className="rounded-md border border-slate-300 bg-white px-2 py-1 text-slate-900 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100"
                >
                  {SORT_ORDERS.map((s) => (
                    <option key={s.key} value={s.key}>
                      {s.label}
                    </option>
                  ))}
                </select>
              </label>
            </div>
          )}
        </div>
        {result && result.pinyin && !busy && (
          <p className="mt-1 text-sm text-slate-700 dark:text-slate-300" data-testid="pinyin-notice">
            已按拼音搜索：<strong className="font-semibold">{result.pinyin.to}</strong>
            <button
              type="button"
              onClick={() => void setState({ literal: true, page: null }, { history: 'push' })}
              className="ml-3 text-blue-800 underline-offset-2 hover:underline dark:text-blue-300"
            >
              仍然搜索“{result.pinyin.from}”
            </button>
          </p>
        )}
        {result && result.expanded.length > 0 && !busy && (
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">已同时搜索：{result.expanded.map((x) => `${x.term} → ${x.to}`).join('，')}</p>
        )}
      </div>

      {error && <RetryAlert message={error} onRetry={retry} className="mx-auto mt-6 max-w-3xl" />}

      {empty && !error && (
        <div className="mx-auto mt-8 max-w-3xl">
          <p className="text-slate-700 dark:text-slate-300">输入银行名称、业务或事件，例如“交通银行 普惠金融”。</p>
          <QuerySyntax />
          <Examples examples={examples} heading="试试这些搜索" />
        </div>
      )}

      {!error && showsList && (
        <div className="mt-6 flex flex-col gap-6 md:flex-row">
          <FiltersPanel activeCount={filterCount(state)} open={filtersOpen} onOpenChange={setFiltersOpen} onIntent={readFacetsAhead}>
            {FACETS.map((f) => (
              <FacetList
                key={f.key}
                facet={f.key}
                title={f.label}
                counts={result?.facets[f.key] ?? {}}
                pending={result?.facetsPending ?? false}
                onRetry={countsFailed ? retry : null}
                selected={state[f.key]}
                onToggle={toggle}
              />
            ))}
            <fieldset className="space-y-2">
              <legend className="mb-2 text-sm font-semibold text-slate-700 dark:text-slate-200">日期</legend>
              <DateInput label="从" value={state.from} onCommit={commitFrom} />
              <DateInput label="到" value={state.to} onCommit={commitTo} />
            </fieldset>
          </FiltersPanel>

          <section
            aria-label={empty ? '最新新闻' : '结果'}
            aria-busy={busy}
            data-query={result && !busy ? result.query : undefined}
            className="relative min-w-0 flex-1"
          >
            {loading && result && <LoadingBar />}
            {empty && <h2 className="mb-3 text-lg font-semibold text-slate-900 dark:text-slate-100">最新新闻</h2>}
            <ActiveFilters filters={filters} onRemove={(f) => dropFilter(f.without)} onClear={clearFilters} />
            {result && <MonthHistogram counts={result.facets.month} from={state.from} to={state.to} onSelect={selectMonths} />}
            {!result && loading && (
              <ul aria-hidden="true" className="space-y-6">
                {[0, 1, 2].map((i) => (
                  <li key={i} className="animate-pulse space-y-2">
                    <div className="h-5 w-2/3 rounded bg-slate-200 dark:bg-slate-800" />
                    <div className="h-4 w-1/3 rounded bg-slate-200 dark:bg-slate-800" />
                    <div className="h-4 w-full rounded bg-slate-200 dark:bg-slate-800" />
                  </li>
                ))}
              </ul>
            )}
            {result && result.total === 0 && !empty && (
              <NoResults state={state} filters={filters} examples={examples} corrections={result.corrections} onDrop={(f) => dropFilter(f.without)} />
            )}
            {result && result.hits.length > 0 && (
              <>
                <ResultList
                  hits={result.hits}
                  query={result.pinyin?.to ?? result.query}
                  back={resultsUrl(state)}
                  more={more}
                  moreFailed={moreFailed}
                  onMore={loadMore}
                />
                <Pagination page={state.page} pages={pages} onPage={(p) => void setState({ page: p === 1 ? null : p }, { history: 'push', scroll: true })} />
              </>
            )}
          </section>
        </div>
      )}
    </div>
  );
}
