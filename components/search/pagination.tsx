/** Page numbers shown around the current one, plus the first and last: `1 … 4 5 [6] 7 8 … 20`. */
function pageNumbers(page: number, pages: number): (number | null)[] {
  const out: (number | null)[] = [];
  const lo = Math.max(1, page - 2);
  const hi = Math.min(pages, page + 2);
  if (lo > 1) out.push(1);
  if (lo > 2) out.push(null);
  for (let p = lo; p <= hi; p++) out.push(p);
  if (hi < pages - 1) out.push(null);
  if (hi < pages) out.push(pages);
  return out;
}

const button =
  'min-w-9 rounded-md border border-slate-300 px-3 py-1.5 text-sm text-slate-800 hover:bg-slate-100 disabled:cursor-not-allowed disabled:opacity-50 dark:border-slate-600 dark:text-slate-100 dark:hover:bg-slate-800';

/** Page links of the results; the page lives in the URL (`page=`), so `onPage` pushes a history entry. */
export function Pagination({ page, pages, onPage }: { page: number; pages: number; onPage: (page: number) => void }) {
  if (pages <= 1) return null;
  return (
    <nav aria-label="分页" className="mt-6 flex flex-wrap items-center justify-center gap-1.5">
      <button type="button" className={button} disabled={page <= 1} onClick={() => onPage(page - 1)}>
        上一页
      </button>
      {pageNumbers(page, pages).map((p, i) =>
        p === null ? (
          <span key={`gap-${i}`} aria-hidden="true" className="px-1 text-slate-500">
            …
          </span>
        ) : (
          <button
            key={p}
            type="button"
            className={`${button} ${p === page ? 'border-blue-700 bg-blue-700 text-white hover:bg-blue-700 dark:border-blue-400 dark:bg-blue-400 dark:text-slate-950 dark:hover:bg-blue-400' : ''}`}
            aria-label={`第 ${p} 页`}
            aria-current={p === page ? 'page' : undefined}
            onClick={() => p !== page && onPage(p)}
          >
            {p}
          </button>
        ),
      )}
      <button type="button" className={button} disabled={page >= pages} onClick={() => onPage(page + 1)}>
        下一页
      </button>
    </nav>
  );
}
