'use client';

import { useEffect, useRef } from 'react';
import { RetryAlert } from '@/components/common/retry-alert';

/** How far below the screen the rest of a page is asked for: a screen ahead of the reader's scrolling. */
const AHEAD = '0px 0px 100% 0px';

/**
 * Where the rest of a page of results will stand: asks for it (`onNear`) once it comes within a screen of
 * view, and says meanwhile that it is on its way. When reading it failed, says so and offers 重试 (`onRetry`),
 * which keeps the focus here (not on the page's body) until the results arrive.
 */
export function MoreResults({ count, failed, onNear, onRetry }: { count: number; failed: boolean; onNear: () => void; onRetry: () => void }) {
  const here = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = here.current;
    // A failed read waits for 重试: asking again on every scroll would fail as often.
    if (el === null || failed) return;
    if (typeof IntersectionObserver !== 'function') {
      onNear();
      return;
    }
    const seen = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && onNear(), { rootMargin: AHEAD });
    seen.observe(el);
    return () => seen.disconnect();
  }, [failed, onNear]);

  return (
    <div ref={here} tabIndex={-1} data-testid="more-results" className="mt-4 outline-none">
      {failed ? (
        <RetryAlert
          message={`本页其余 ${count} 条结果加载失败。`}
          onRetry={() => {
            here.current?.focus();
            onRetry();
          }}
        />
      ) : (
        <div className="space-y-2 py-4">
          <p className="text-sm text-slate-600 dark:text-slate-400">正在加载本页其余 {count} 条结果…</p>
          <div aria-hidden="true" className="animate-pulse space-y-2">
            <div className="h-5 w-2/3 rounded bg-slate-200 dark:bg-slate-800" />
            <div className="h-4 w-1/3 rounded bg-slate-200 dark:bg-slate-800" />
            <div className="h-4 w-full rounded bg-slate-200 dark:bg-slate-800" />
          </div>
        </div>
      )}
    </div>
  );
}
