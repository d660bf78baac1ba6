import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ArticleView } from '@/components/article/article-view';

export const metadata: Metadata = { title: '文章 - 银行新闻搜索' };

/** `/article/?id=&q=`: one article, read from the index on the client. */
export default function ArticlePage() {
  return (
    <Suspense fallback={<p className="mx-auto max-w-3xl px-4 py-8 text-slate-700 dark:text-slate-300">正在加载文章…</p>}>
      <ArticleView />
    </Suspense>
  );
}
