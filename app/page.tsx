import { Suspense } from 'react';
import { SearchPage } from '@/components/search/search-page';

/** `/`: the search page. Its state is in the query string, read on the client (static export). */
export default function Home() {
  return (
    <Suspense fallback={<SearchFallback />}>
      <SearchPage />
    </Suspense>
  );
}

/** What the static HTML shows before the client reads the URL: the same frame, nothing interactive yet. */
function SearchFallback() {
  return (
    <div className="mx-auto w-full max-w-6xl px-4 pb-16">
      <div className="mx-auto max-w-3xl pt-6 md:pt-10">
        <div className="h-[3.25rem] rounded-xl border border-slate-300 dark:border-slate-600" />
        <p className="mt-3 text-sm text-slate-700 dark:text-slate-300">正在加载…</p>
      </div>
    </div>
  );
}
