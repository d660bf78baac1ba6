import type { SearchState } from './search-params';

/** One filter the reader has set, as it reads on a chip. */
export interface ActiveFilter {
  /** Stable key: `bank:交通银行`, `source:新华网`, `date`. */
  key: string;
  kind: '银行' | '来源' | '日期';
  text: string;
  /** The URL state without this filter. */
  without: Partial<Pick<SearchState, 'bank' | 'source' | 'from' | 'to'>>;
}

/** `2022-01-01 至 2022-03-31`, `2022-01-01 起`, `至 2022-03-31`. */
export function dateRangeText(from: string | null, to: string | null): string {
  if (from && to) return from === to ? from : `${from} 至 ${to}`;
  return from ? `${from} 起` : `至 ${to}`;
}

/** Every filter of a state, in the order of the filter column: banks, sources, then the date range. */
export function activeFilters(s: SearchState): ActiveFilter[] {
  const out: ActiveFilter[] = [];
  for (const b of new Set(s.bank)) if (b.trim()) out.push({ key: `bank:${b}`, kind: '银行', text: b, without: { bank: s.bank.filter((x) => x !== b) } });
  for (const x of new Set(s.source)) if (x.trim()) out.push({ key: `source:${x}`, kind: '来源', text: x, without: { source: s.source.filter((y) => y !== x) } });
  if (s.from || s.to) out.push({ key: 'date', kind: '日期', text: dateRangeText(s.from, s.to), without: { from: null, to: null } });
  return out;
}

const chip =
  'inline-flex max-w-full items-center gap-1.5 rounded-full border border-blue-200 bg-blue-50 py-1 pr-2 pl-3 text-sm text-blue-900 hover:border-blue-400 hover:bg-blue-100 dark:border-blue-800 dark:bg-blue-950 dark:text-blue-100 dark:hover:border-blue-600 dark:hover:bg-blue-900';

/**
 * The active filters as removable chips above the results, and 清除全部, which drops every filter but
 * keeps the words (and the sort order). Nothing is shown when no filter is set.
 */
export function ActiveFilters({ filters, onRemove, onClear }: { filters: readonly ActiveFilter[]; onRemove: (f: ActiveFilter) => void; onClear: () => void }) {
  if (filters.length === 0) return null;
  return (
    <div role="region" aria-label="已选筛选" className="mb-4 flex flex-wrap items-center gap-2">
      <ul className="flex min-w-0 flex-wrap gap-2">
        {filters.map((f) => (
          <li key={f.key} className="min-w-0">
            <button type="button" aria-label={`移除筛选 ${f.kind}：${f.text}`} onClick={() => onRemove(f)} className={chip}>
              <span className="min-w-0 truncate">
                <span className="text-blue-800 dark:text-blue-300">{f.kind}：</span>
                {f.text}
              </span>
              <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3.5 shrink-0">
                <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" strokeWidth="1.75" strokeLinecap="round" />
              </svg>
            </button>
          </li>
        ))}
      </ul>
      <button type="button" onClick={onClear} className="rounded px-1.5 py-1 text-sm text-blue-800 hover:underline dark:text-blue-300">
        清除全部
      </button>
    </div>
  );
}
