import type { Metadata, Viewport } from 'next';
import Link from 'next/link';
import { NuqsAdapter } from 'nuqs/adapters/next/app';
import './globals.css';

export const metadata: Metadata = {
  title: '银行新闻搜索',
  description: '在浏览器中全文检索中国银行业新闻：按银行、来源和日期筛选。',
  // Inline, so a page load costs no request for it. A PNG (the 32 px rendering of a blue magnifier tile):
  // Chromium builds an SVG favicon into a document of its own again on every change of the URL, 2 to 4 ms
  // of the page's thread in the middle of each search. public/favicon.ico holds the same PNG, because
  // Chromium still asks for /favicon.ico now and then when a link moves to another page of the site.
  icons: {
    icon: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAYAAABzenr0AAADiElEQVR4nMSXbUhTURjH/3f3Oue79qK1tcxVWqFlFKQEQX3oRSv70leTKPGDJCHlt0ojKCgjJJNeKAiiJMiy6AUzoi9KVgYTU9MU52uYLl+2qdvpnK1tLu/urprz9+U82zn3Pv9zznOf5xwBU4g89CMy1Go+yQEphOOSaRuN/wAB+jlC6mlbM8Krrg5VxA05+zinseJA0z6OI7epqcb80k0Id8xQmfDSJUCb3rgHPPcKfoSKSGMiuJXpHVGEH2ugWpbDv3QTS0iSwqowHVkA5ww1UY5mCgoacHKf0CwVsFqjhE4TCJPFhrpGE1q7xjFbmG+BgKRw7lgUJXZZAG4UaJCoC5zWZxyxoeL9b1y8/xOjJhtmgt239uA3IjXo8K4IFGVHIyRIITUMfb8mUXC9F9V1o5gJkgIydoSjJN8zPNp7JlCjH7PbqYnBiF0e4NGfe7kbzz4MY84CoqN4vCvVISzYMfMvzWacvdWHetpOJTlehcLjMdhMW8bwmA07ctowYLRCDl7XtSRf7XL+ucmMjFMd05wz2H+s7yMNSAZ7pjhP/kclKoAFXWpSsN02jxPkXOqCL/KKe2CZcCzmzi0hUC8RIAdRAXFqpcv+2mJG78AkfGHon4C+1b1COo0ScvApoLHdDLk0tltE3yGF6DpNWt1xySukc4Q3bDJTgqiAhjb3rDfEBUIuiTqVy9a3yVs50S2YupTJ8UFIiPUtIml1IDatdQhgs2+YiwCThaD8rdFu83TElRPL4Isymqq5v7v1sMpItxGy8JoHiu70Y3DY8ZaNa1R4UKTF4gh+2rilkTxeX1sFbUyAS/yFu/2Qi2Qq3r89DKWn3QckJqhWb0JH7zgEgYNmSQBSaDqODPOcx70XgzhzU54In8Vob2oozmfHIGaRdGIZM9sQrFLMWAQfkZB7TmrAd8M4HtE9DQ/haeFRQqX0/CxZOX5cbURmocFeMVnQMlgbFU7rySfp6uhzBf4lXqvE1vVBsNpYjTChpdPzQMJKd1Z6lOu3r5WQl7Cn0EwdNnd6PwU5nTlFOFtvIqRPGbOEOWMzd8JE7N4WCnEBhPTBDyJEob4FegOqp2G1B/MkQt/myKpvakem9TPfAj0Z1tMz6bwIYJRXGb13Ut+KSZ6UUXMI/meI+Vb0VqxvJzbuKPwNQRbzbf8KDM8TnrC7GjW7Mf+wy2laZ+W6p+yHR1pbiOv5HwAAAP//0MAw/wAAAAZJREFUAwA1NmKc/wMslQAAAABJRU5ErkJggg==',
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
