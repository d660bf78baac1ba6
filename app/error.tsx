'use client';

import Link from 'next/link';

/** Last resort for a rendering bug: say so plainly and offer a way on, never a blank page. */
export default function ErrorPage({ retry }: { error: unknown; retry: () => void }) {
  return (
    <div role="alert" className="mx-auto max-w-3xl px-4 py-16 text-center">
      <h1 className="text-2xl font-semibold text-slate-900 dark:text-slate-100">页面出错了</h1>
      <p className="mt-3 text-slate-700 dark:text-slate-300">请重试；如果问题仍在，请返回首页重新搜索。</p>
      <div className="mt-6 flex justify-center gap-4">
        <button type="button" onClick={() => retry()} className="rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800">
          重试
        </button>
        <Link href="/" className="rounded-md px-4 py-2 text-sm text-blue-800 hover:underline dark:text-blue-300">
          返回首页
        </Link>
      </div>
    </div>
  );
}
