'use client';

import { memo, useId, useState } from 'react';
import type { FacetKey } from '@/lib/search';

/** Values shown before 更多: enough for the big banks, few enough to scan. */
const TOP = 10;

/**
 * A value's checkbox, apart from its count: an answer that only changes the count leaves the input as it
 * is, where re-rendering it would have React reset its name and type (an input's every update does).
 */
const FacetCheckbox = memo(function FacetCheckbox({
  facet,
  value,
  checked,
  onToggle,
}: {
  facet: FacetKey;
  value: string;
  checked: boolean;
  onToggle: (facet: FacetKey, value: string, checked: boolean) => void;
}) {
  return (
    <input
      type="checkbox"
      className="size-4 shrink-0 accent-blue-700 dark:accent-blue-400"
      checked={checked}
      onChange={(e) => onToggle(facet, value, e.currentTarget.checked)}
    />
  );
});

/**
 * One facet as a list of checkboxes, each labelled with its value and count. The top {@link TOP} values
 * show first; selected values always show, even when the current query leaves none of them (count 0),
 * so a reader can always untick what they ticked. While the counts are still to come (`pending`: the
 * results are painted before the facet values arrive), it says so instead of 无, and the selected values show
 * without a count: a filtered answer is painted before its counts too.
 */
export const FacetList = memo(function FacetList({
  facet,
  title,
  counts,
  pending = false,
  onRetry = null,
  selected,
  onToggle,
}: {
  facet: FacetKey;
  title: string;
  /** Value → count, most frequent first. */
  counts: Record<string, number>;
  /** The counts are still being worked out. */
  pending?: boolean;
  /** Set when working the pending counts out failed: asks for them again. */
  onRetry?: (() => void) | null;
  selected: readonly string[];
  /** Called with this list's `facet`, so one stable function serves every list and their rows stay memoized. */
  onToggle: (facet: FacetKey, value: string, checked: boolean) => void;
}) {
  const [expanded, setExpanded] = useState(false);
  const listId = useId();
  const entries: [string, number | null][] = Object.entries(counts);
  for (const s of selected) if (!Object.hasOwn(counts, s)) entries.push([s, pending ? null : 0]);
  const chosen = new Set(selected);
  const visible = expanded ? entries : entries.filter(([v], i) => i < TOP || chosen.has(v));
  const hidden = entries.length - visible.length;

  return (
    <fieldset className="min-w-0" aria-busy={pending && !onRetry}>
      <legend className="mb-2 text-sm font-semibold text-slate-700 dark:text-slate-200">{title}</legend>
      {entries.length > 0 && (
        <ul id={listId} className="space-y-0.5">
          {visible.map(([value, count]) => (
            <li key={value}>
              <label className="flex cursor-pointer items-center gap-2 rounded-md px-1.5 py-1 text-sm hover:bg-slate-100 dark:hover:bg-slate-800">
                <FacetCheckbox facet={facet} value={value} checked={chosen.has(value)} onToggle={onToggle} />
                <span title={value} className="min-w-0 flex-1 truncate text-slate-800 dark:text-slate-100">
                  {value}
                </span>
                {count !== null && <span className="shrink-0 text-xs text-slate-600 tabular-nums dark:text-slate-400">{count}</span>}
              </label>
            </li>
          ))}
        </ul>
      )}
      {(pending || entries.length === 0) && (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {!pending ? (
            '无'
          ) : onRetry ? (
            <>
              统计失败。
              <button type="button" onClick={onRetry} className="text-blue-800 underline-offset-2 hover:underline dark:text-blue-300">
                重试
              </button>
            </>
          ) : (
            '正在统计…'
          )}
        </p>
      )}
      {(hidden > 0 || expanded) && entries.length > TOP && (
        <button
          type="button"
          aria-expanded={expanded}
          aria-controls={listId}
          onClick={() => setExpanded((x) => !x)}
          className="mt-1 rounded px-1.5 py-1 text-sm text-blue-700 hover:underline dark:text-blue-300"
        >
          {expanded ? '收起' : `更多（${hidden}）`}
        </button>
      )}
    </fieldset>
  );
});
