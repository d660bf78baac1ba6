import Link from 'next/link';

/** Any path the site does not have (served as 404.html by the static host). */
export default function NotFound() {
  return (
    <div className="mx-auto max-w-3xl px-4 py-16 text-center">
      <h1 className="text-2xl font-semibold text-slate-900 dark:text-slate-100">页面不存在</h1>
      <p className="mt-3 text-slate-700 dark:text-slate-300">您访问的地址没有内容。</p>
      <p className="mt-6">
        <Link href="/" className="text-blue-800 hover:underline dark:text-blue-300">
          返回搜索
        </Link>
      </p>
    </div>
  );
}
