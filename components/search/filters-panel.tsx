'use client';

import { useId } from 'react';

/**
 * The filter column. On a wide screen (`WIDE_LAYOUT`, layout.ts) it is always shown beside the results; on a phone it
 * folds behind a 筛选 button so the results come first, `open` saying whether it is unfolded (the page asks for
 * counts only while they can be seen). `onIntent` is called when the reader turns to it (opens it, points at it,
 * moves focus into it), before any choice: what a choice needs can be read meanwhile.
 */
export function FiltersPanel({
  activeCount,
  open,
  onOpenChange,
  onIntent,
  children,
}: {
  activeCount: number;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onIntent: () => void;
  children: React.ReactNode;
}) {
  const panelId = useId();
  return (
    <aside aria-label="筛选" className="md:w-60 md:shrink-0" onPointerEnter={onIntent} onFocus={onIntent}>
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => onOpenChange(!open)}
        className="flex w-full items-center justify-between rounded-lg border border-slate-300 px-3 py-2 text-sm font-medium text-slate-800 md:hidden dark:border-slate-600 dark:text-slate-100"
      >
        <span>筛选{activeCount > 0 ? `（已选 ${activeCount}）` : ''}</span>
        <span aria-hidden="true">{open ? '▴' : '▾'}</span>
      </button>
      <div id={panelId} className={`${open ? 'block' : 'hidden'} mt-3 space-y-6 md:mt-0 md:block`}>
        {children}
      </div>
    </aside>
  );
}
