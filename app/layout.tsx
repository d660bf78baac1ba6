import type { Metadata, Viewport } from 'next';
import Link from 'next/link';
import { NuqsAdapter } from 'nuqs/adapters/next/app';
import './globals.css';

export const metadata: Metadata = {
  title: '银行新闻搜索',
  description: '在浏览器中全文检索中国银行业新闻：按银行、来源和日期筛选。',
  // Inline, so the static host needs no favicon file and the browser never asks for a missing one.
  icons: {
    icon: `data:image/svg+xml,${encodeURIComponent(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#1d4ed8"/><circle cx="14" cy="14" r="7" fill="none" stroke="#fff" stroke-width="3"/><path d="M19 19l6 6" stroke="#fff" stroke-width="3" stroke-linecap="round"/></svg>',
    )}`,
  },
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#ffffff' },
    { media: '(prefers-color-scheme: dark)', color: '#020617' },
  ],
};

/** The shell of every page: language, header, and the URL-state adapter the pages' hooks need. */
export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="zh-CN">
      <body className="flex min-h-screen flex-col">
        <a href="#main" className="sr-only rounded bg-blue-700 px-3 py-2 text-white focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50">
          跳到主要内容
        </a>
        <header className="border-b border-slate-200 dark:border-slate-800">
          <div className="mx-auto flex max-w-6xl items-center gap-3 px-4 py-3">
            <Link href="/" className="text-lg font-bold tracking-wide text-slate-900 dark:text-slate-100">
              银行新闻搜索
            </Link>
          </div>
        </header>
        <main id="main" className="flex-1">
          <NuqsAdapter>{children}</NuqsAdapter>
        </main>
        <footer className="border-t border-slate-200 py-4 text-center text-xs text-slate-600 dark:border-slate-800 dark:text-slate-400">
          全文检索在您的浏览器中完成，不向任何服务器发送查询。
        </footer>
      </body>
    </html>
  );
}
