import { FACETS } from '@/lib/search';
import type { FilterState, SearchState } from './search-params';

/** The label of the date range's chip, beside the facets' own labels. */
const DATE_LABEL = '日期';

/** One filter the reader has set, as it reads on a chip. */
export interface ActiveFilter {
  /** Stable key: `bank:交通银行`, `source:新华网`, `date`. */
  key: string;
  /** What is filtered: a facet's label (`银行`, `来源`, `省份`) or `日期`. */
  kind: string;
  text: string;
  /** The URL state without this filter. */
  without: Partial<FilterState>;
}

/** `2022-01-01 至 2022-03-31`, `2022-01-01 起`, `至 2022-03-31`. */
function dateRangeText(from: string | null, to: string | null): string {
  if (from && to) return from === to ? from : `${from} 至 ${to}`;
  return from ? `${from} 起` : `至 ${to}`;
}

/** Every filter of a state, in the order of the filter column: each facet's values, then the date range. */
export function activeFilters(s: SearchState): ActiveFilter[] {
  const out: ActiveFilter[] = [];
  for (const f of FACETS) {
    for (const v of new Set(s[f.key])) {
      if (v.trim()) out.push({ key: `${f.key}:${v}`, kind: f.label, text: v, without: { [f.key]: s[f.key].filter((x) => x !== v) } });
    }
  }
  if (s.from || s.to) out.push({ key: 'date', kind: DATE_LABEL, text: dateRangeText(s.from, s.to), without: { from: null, to: null } });
  return out;
}

/** How many filters are set: each selected facet value, and each end of the date range. */
export function filterCount(s: FilterState): number {
  return FACETS.reduce((n, f) => n + s[f.key].length, 0) + (s.from ? 1 : 0) + (s.to ? 1 : 0);
}

/** The filters of a state all dropped, as a URL update: each parameter back to its default. */
export const NO_FILTERS = { ...Object.fromEntries(FACETS.map((f) => [f.key, null])), from: null, to: null } as { [K in keyof FilterState]: null };

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
