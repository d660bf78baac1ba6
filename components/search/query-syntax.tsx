import { QUERY_SYNTAX } from '@/lib/search';

/**
 * The query syntax as a reader is told it: each construct's example and what it finds, read from
 * lib/search's `QUERY_SYNTAX`, the one place that states it, so help text cannot drift from the parser.
 * With `widening`, only the constructs that find more than the words alone: what a search that found
 * nothing can try.
 */
export function QuerySyntax({ widening = false, className = 'mt-2' }: { widening?: boolean; className?: string }) {
  const rows = widening ? QUERY_SYNTAX.filter((r) => r.widens) : QUERY_SYNTAX;
  if (rows.length === 0) return null;
  return (
    <dl className={`flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-700 dark:text-slate-300 ${className}`}>
      {rows.map((r) => (
        <div key={r.example} className="flex min-w-0 items-baseline gap-1.5">
          <dt>
            <code className="rounded bg-slate-100 px-1.5 py-0.5 text-slate-900 dark:bg-slate-800 dark:text-slate-100">{r.example}</code>
          </dt>
          <dd>{r.finds}</dd>
        </div>
      ))}
    </dl>
  );
}
