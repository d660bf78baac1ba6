import Link from 'next/link';
import { resultsHref } from './search-params';

/** The index's example queries as links, under a heading that names why they are offered. */
export function Examples({ examples, heading }: { examples: readonly string[]; heading: string }) {
  if (examples.length === 0) return null;
  return (
    <section aria-label={heading} className="mt-4">
      <h2 className="text-sm font-medium text-slate-700 dark:text-slate-300">{heading}</h2>
      <ul className="mt-2 flex flex-wrap gap-2">
        {examples.map((ex) => (
          <li key={ex}>
            <Link
              href={resultsHref(ex)}
              className="inline-block rounded-full border border-slate-300 px-3 py-1 text-sm text-blue-800 hover:bg-slate-100 dark:border-slate-600 dark:text-blue-300 dark:hover:bg-slate-800"
            >
              {ex}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
