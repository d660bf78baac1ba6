'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { parseQuery, type Suggestion } from '@/lib/search';
import { activeFilters, type ActiveFilter } from './active-filters';
import { Examples } from './examples';
import { QuerySyntax } from './query-syntax';
import { resultsUrl, toRequest, type SearchState } from './search-params';
import { searchWorker } from './worker-client';

/** The most parts of a query tried one by one: a pasted sentence should not start dozens of searches. */
const MAX_PARTS = 6;

/**
 * The parts of a query that can stand alone: each AND clause (an `A OR B` group stays whole), phrases
 * in quotes again. Exclusions (`-B`) are left out, which is itself a way to find more. Empty when the
 * query is one part: dropping nothing finds nothing new.
 */
function queryParts(q: string): string[] {
  const { clauses, excluded } = parseQuery(q);
  if (clauses.length + excluded.length < 2) return [];
  const parts = clauses.map((c) => c.map((t) => (t.phrase ? `"${t.raw}"` : t.raw)).join(' OR '));
  return [...new Set(parts)].filter((p) => p && p !== q.trim()).slice(0, MAX_PARTS);
}

/** What each suggestion would find: counted by the same engine, so nothing is offered that finds nothing. */
interface Counts {
  /** For `key`: the state the counts belong to, so a late answer is never shown for another query. */
  key: string;
  parts: { q: string; total: number }[];
  drops: Record<string, number>;
}

/**
 * Only the count is wanted: `limit: 0` fetches no fragments and builds no snippets, and a first answer with no
 * counts shown reads no facet values (a filter reads its values' lists).
 */
async function total(s: SearchState): Promise<number> {
  return (await searchWorker().searchFirst({ ...toRequest({ ...s, page: 1 }), limit: 0 }, false)).total;
}

/**
 * The answer to a search that found nothing: what to try instead, each suggestion real. A button per
 * active filter drops that filter (with what it would find), each part of a several-word query that finds
 * something on its own is a link, and the index's example queries follow.
 */
export function NoResults({
  state,
  filters,
  examples,
  corrections,
  onDrop,
}: {
  state: SearchState;
  filters: readonly ActiveFilter[];
  examples: readonly string[];
  /** Indexed terms that sound like the query or are one character away from it (the engine's `corrections`), with their counts. */
  corrections: readonly Suggestion[];
  onDrop: (f: ActiveFilter) => void;
}) {
  const key = JSON.stringify({ ...state, page: 1 } satisfies SearchState);
  const [counts, setCounts] = useState<Counts | null>(null);

  useEffect(() => {
    let live = true;
    // `key` names the state completely; the state is read back from it, not from a render's props.
    const s = JSON.parse(key) as SearchState;
    Promise.all([
      Promise.all(queryParts(s.q).map(async (q) => ({ q, total: await total({ ...s, q }).catch(() => 0) }))),
      Promise.all(activeFilters(s).map(async (f) => [f.key, await total({ ...s, ...f.without }).catch(() => -1)] as const)),
    ]).then(([p, d]) => {
      if (live) setCounts({ key, parts: p.filter((x) => x.total > 0), drops: Object.fromEntries(d.filter(([, n]) => n >= 0)) });
    });
    return () => {
      live = false;
    };
  }, [key]);

  const known = counts?.key === key ? counts : null;

  return (
    <div className="rounded-lg border border-slate-200 p-6 dark:border-slate-800">
      <h2 className="font-semibold text-slate-900 dark:text-slate-100">没有找到相关新闻</h2>
      {corrections.length > 0 && (
        <section aria-label="你是不是要找" className="mt-3">
          <h3 className="text-sm font-medium text-slate-700 dark:text-slate-300">你是不是要找</h3>
          <ul className="mt-2 flex flex-wrap gap-2">
            {corrections.map((c) => (
              <li key={c.term}>
                <Link
                  href={resultsUrl({ ...state, q: c.term, literal: false, page: 1 })}
                  className="inline-flex items-center gap-1 rounded-full border border-slate-300 px-3 py-1 text-blue-800 hover:bg-slate-100 dark:border-slate-600 dark:text-blue-300 dark:hover:bg-slate-800"
                >
                  {c.term}
                  <span className="text-sm text-slate-600 dark:text-slate-400">（{c.count} 篇）</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">
        {filters.length > 0 ? '试试减少筛选条件，或换个说法。' : '试试更短的关键词，或换个说法，也可以这样搜：'}
      </p>
      {filters.length === 0 && <QuerySyntax widening />}
      {filters.length > 0 && (
        <section aria-label="去掉筛选条件" className="mt-4">
          <h3 className="text-sm font-medium text-slate-700 dark:text-slate-300">去掉筛选条件</h3>
          <ul className="mt-2 flex flex-wrap gap-2">
            {filters.map((f) => {
              const n = known?.drops[f.key];
              return (
                <li key={f.key}>
                  <button
                    type="button"
                    onClick={() => onDrop(f)}
                    className="inline-flex items-center gap-1 rounded-full border border-slate-300 px-3 py-1 text-sm text-blue-800 hover:bg-slate-100 dark:border-slate-600 dark:text-blue-300 dark:hover:bg-slate-800"
                  >
                    去掉 {f.kind}：{f.text}
                    {n !== undefined && <span className="text-slate-600 dark:text-slate-400">（{n} 篇）</span>}
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      )}
      {known && known.parts.length > 0 && (
        <section aria-label="分开搜索" className="mt-4">
          <h3 className="text-sm font-medium text-slate-700 dark:text-slate-300">整句没有结果，分开搜索</h3>
          <ul className="mt-2 flex flex-wrap gap-2">
            {known.parts.map(({ q, total: n }) => (
              <li key={q}>
                <Link
                  href={resultsUrl({ ...state, q, page: 1 })}
                  className="inline-flex items-center gap-1 rounded-full border border-slate-300 px-3 py-1 text-sm text-blue-800 hover:bg-slate-100 dark:border-slate-600 dark:text-blue-300 dark:hover:bg-slate-800"
                >
                  {q}
                  <span className="text-slate-600 dark:text-slate-400">（{n} 篇）</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <Examples examples={examples} heading="或者试试" />
    </div>
  );
}
