'use client';

import { useQueryStates } from 'nuqs';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { SearchResult, SortOrder } from '@/lib/search';
import { ActiveFilters, activeFilters as listFilters } from './active-filters';
import { DateInput } from './date-input';
import { Examples } from './examples';
import { FacetList } from './facet-list';
import { FiltersPanel } from './filters-panel';
import { MonthHistogram } from './month-histogram';
import { NoResults } from './no-results';
import { Pagination } from './pagination';
import { ResultList } from './result-list';
import { SearchBox } from './search-box';
import type { IndexInfo } from './search.worker';
import { ShareButton } from './share-button';
import { isEmptyState, PAGE_SIZE, resultsUrl, searchParsers, toRequest } from './search-params';
import { describeSearchError, searchWorker } from './worker-client';
import { RetryAlert } from '@/components/common/retry-alert';

const SORT_LABELS: Record<SortOrder, string> = { relevance: '相关度', newest: '最新', oldest: '最早' };

/**
 * A search that answers sooner never dims the old results: dimming them for a few milliseconds is a
 * flicker, and a render plus a style pass that delay the new results' frame. The page says it is
 * searching at once all the same (status 正在搜索…, `aria-busy`, no `data-query`), with
 * no render of its own: that follows from the answer being for another request than the one in the URL.
 */
const LOADING_DELAY_MS = 150;

/**
 * The results page. Its state is the URL (see {@link searchParsers}); every change of it runs one
 * search in the worker, and an answer that arrives after a newer request was made is dropped, so a slow
 * shard download can never overwrite the results of what the reader typed since.
 */
export function SearchPage() {
  const [state, setState] = useQueryStates(searchParsers);
  const [info, setInfo] = useState<IndexInfo | null>(null);
  /** The last answer shown, and the request (its `key`) it answers. */
  const [answer, setAnswer] = useState<{ key: string; result: SearchResult } | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const latest = useRef(0);

  const empty = isEmptyState(state);
  const request = toRequest(state);
  const key = JSON.stringify(request);

  useEffect(() => {
    let live = true;
    searchWorker()
      .info()
      .then(
        (i) => live && setInfo(i),
        (e: unknown) => live && setError(describeSearchError(e)),
      );
    return () => {
      live = false;
    };
  }, [attempt]);

  useEffect(() => {
    const seq = ++latest.current;
    if (empty) {
      setLoading(false);
      setError(null);
      return;
    }
    setError(null);
    const slow = setTimeout(() => seq === latest.current && setLoading(true), LOADING_DELAY_MS);
    // Benchmark mark (npm run bench, lib/bench): the request leaves for the worker, debounce already behind it.
    performance.mark('bns:search-start');
    searchWorker()
      .search(JSON.parse(key))
      .then(
        (result) => {
          clearTimeout(slow);
          if (seq !== latest.current) return;
          // Rendered in the task that received the answer: left to React's scheduler it waits for a
          // task of its own, behind whatever else is queued, often past the next frame.
          flushSync(() => {
            setAnswer({ key, result });
            setLoading(false);
          });
        },
        (e: unknown) => {
          clearTimeout(slow);
          if (seq !== latest.current) return;
          setError(describeSearchError(e));
          setLoading(false);
        },
      );
  }, [key, empty, attempt]);

  // Benchmark mark (npm run bench, lib/bench): the first frame after an answer is committed is the one
  // that paints it; a layout effect asks for that frame before the browser can paint without it.
  useLayoutEffect(() => {
    if (!answer) return;
    const frame = requestAnimationFrame(() => performance.mark('bns:results-painted'));
    return () => cancelAnimationFrame(frame);
  }, [answer]);

  // The tab and the history list name the query, so a reader can tell past searches apart.
  useEffect(() => {
    document.title = state.q.trim() ? `${state.q.trim()} - 银行新闻搜索` : '银行新闻搜索';
  }, [state.q]);

  const result = empty ? null : (answer?.result ?? null);
  const busy = loading || (!empty && answer?.key !== key);
  const pages = result ? Math.ceil(result.total / PAGE_SIZE) : 0;
  const activeFilters = state.bank.length + state.source.length + (state.from ? 1 : 0) + (state.to ? 1 : 0);
  const examples = info?.examples ?? [];
  const filters = listFilters(state);
  const clearFilters = () => void setState({ bank: null, source: null, from: null, to: null, page: null }, { history: 'push' });
  const dropFilter = (without: Partial<Pick<typeof state, 'bank' | 'source' | 'from' | 'to'>>) => void setState({ ...without, page: null }, { history: 'push' });

  const toggle = (facet: 'bank' | 'source', value: string, checked: boolean) => {
    const current = state[facet].filter((v) => v !== value);
    void setState({ [facet]: checked ? [...current, value] : current, page: null }, { history: 'push' });
  };

  let status: string;
  if (error) status = '加载失败';
  else if (empty) status = info ? `索引收录 ${info.docCount} 篇新闻` : '正在加载索引…';
  else if (busy || !result) status = '正在搜索…';
  else status = `共 ${result.total} 篇 · ${Math.round(result.tookMs)} 毫秒${pages > 1 ? ` · 第 ${state.page}/${pages} 页` : ''}`;

  return (
    <div className="mx-auto w-full max-w-6xl px-4 pb-16">
      <div className="mx-auto max-w-3xl pt-6 md:pt-10">
        <SearchBox value={state.q} onQuery={(q) => void setState({ q: q || null, page: null }, { history: 'replace' })} />
        <div className="mt-3 flex flex-wrap items-center justify-between gap-x-4 gap-y-2 text-sm text-slate-700 dark:text-slate-300">
          <p role="status" aria-live="polite" aria-atomic="true" data-testid="status">
            {status}
          </p>
          {!empty && (
            <div className="flex items-center gap-3">
              <ShareButton />
              <label className="flex items-center gap-2">
                排序
                <select
                  value={state.sort}
                  onChange={(e) => void setState({ sort: e.currentTarget.value as SortOrder, page: null }, { history: 'push' })}
                  className="rounded-md border border-slate-300 bg-white px-2 py-1 text-slate-900 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100"
                >
                  {(Object.keys(SORT_LABELS) as SortOrder[]).map((s) => (
                    <option key={s} value={s}>
                      {SORT_LABELS[s]}
                    </option>
                  ))}
                </select>
              </label>
            </div>
          )}
        </div>
        {result && result.expanded.length > 0 && !busy && (
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            已同时搜索：{result.expanded.map((x) => `${x.term} → ${x.to}`).join('，')}
          </p>
        )}
      </div>

      {error && (
        <RetryAlert message={error} onRetry={() => setAttempt((n) => n + 1)} className="mx-auto mt-6 max-w-3xl" />
      )}

      {empty && !error && (
        <div className="mx-auto mt-8 max-w-3xl">
          <p className="text-slate-700 dark:text-slate-300">输入银行名称、业务或事件，例如“交通银行 普惠金融”。支持 “引号短语”、-排除词 和 OR。</p>
          <Examples examples={examples} heading="试试这些搜索" />
        </div>
      )}

      {!empty && !error && (
        <div className="mt-6 flex flex-col gap-6 md:flex-row">
          <FiltersPanel activeCount={activeFilters}>
            <FacetList title="银行" counts={result?.facets.bank ?? {}} selected={state.bank} onToggle={(v, c) => toggle('bank', v, c)} />
            <FacetList title="来源" counts={result?.facets.source ?? {}} selected={state.source} onToggle={(v, c) => toggle('source', v, c)} />
            <fieldset className="space-y-2">
              <legend className="mb-2 text-sm font-semibold text-slate-700 dark:text-slate-200">日期</legend>
              <DateInput label="从" value={state.from} onCommit={(v) => void setState({ from: v, page: null }, { history: 'push' })} />
              <DateInput label="到" value={state.to} onCommit={(v) => void setState({ to: v, page: null }, { history: 'push' })} />
            </fieldset>
          </FiltersPanel>

          <section aria-label="结果" aria-busy={busy} data-query={result && !busy ? result.query : undefined} className={`min-w-0 flex-1 transition-opacity ${loading && result ? 'opacity-60' : ''}`}>
            <ActiveFilters filters={filters} onRemove={(f) => dropFilter(f.without)} onClear={clearFilters} />
            {result && (
              <MonthHistogram counts={result.facets.month} from={state.from} to={state.to} onSelect={(from, to) => void setState({ from, to, page: null }, { history: 'push' })} />
            )}
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
            {result && result.total === 0 && <NoResults state={state} filters={filters} examples={examples} onDrop={(f) => dropFilter(f.without)} />}
            {result && result.total > 0 && result.hits.length === 0 && (
              <div className="rounded-lg border border-slate-200 p-6 dark:border-slate-800">
                <p className="text-slate-800 dark:text-slate-200">没有第 {state.page} 页。</p>
                <button type="button" onClick={() => void setState({ page: null }, { history: 'push' })} className="mt-2 text-sm text-blue-800 hover:underline dark:text-blue-300">
                  回到第 1 页
                </button>
              </div>
            )}
            {result && result.hits.length > 0 && (
              <>
                <ResultList hits={result.hits} query={result.query} back={resultsUrl(state)} />
                <Pagination page={state.page} pages={pages} onPage={(p) => void setState({ page: p === 1 ? null : p }, { history: 'push', scroll: true })} />
              </>
            )}
          </section>
        </div>
      )}
    </div>
  );
}
