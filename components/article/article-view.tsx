'use client';

import Link from 'next/link';
import { useQueryStates } from 'nuqs';
import { useEffect, useRef, useState } from 'react';
import { HighlightedText } from '@/components/search/highlighted-text';
import { BankChips, Byline, RETURN_TO_KEY } from '@/components/search/result-list';
import type { ArticleData } from '@/components/search/search.worker';
import { articleHref, articleParsers, backHref, isSafeHttpUrl, isSafeSiteLink, resultsHref } from '@/components/search/search-params';
import { describeSearchError, searchWorker } from '@/components/search/worker-client';
import { RetryAlert } from '@/components/common/retry-alert';

type Outcome = { kind: 'loading' } | { kind: 'found'; article: ArticleData } | { kind: 'missing' } | { kind: 'error'; message: string };

const linkClass = 'text-blue-800 hover:underline dark:text-blue-300';

/**
 * The article page `/article/?id=&q=&back=`: the clean text with the query marked, its metadata, and the
 * other reports of the same story. An id the index does not know is a friendly message, not an error.
 * 返回搜索结果 leads to `back`, the results page exactly as the reader left it (words, filters, sort,
 * page); a link without it (an old or hand-made one) leads to the results for `q`.
 */
export function ArticleView() {
  const [{ id, q, back: backParam }] = useQueryStates(articleParsers);
  const returnTo = backHref(backParam);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const body = useRef<HTMLDivElement>(null);
  const latest = useRef(0);

  useEffect(() => {
    const seq = ++latest.current;
    if (id === '') {
      setOutcome({ kind: 'missing' });
      return;
    }
    setOutcome({ kind: 'loading' });
    searchWorker()
      .article(id, q)
      .then(
        (article) => seq === latest.current && setOutcome(article ? { kind: 'found', article } : { kind: 'missing' }),
        (e: unknown) => seq === latest.current && setOutcome({ kind: 'error', message: describeSearchError(e) }),
      );
  }, [id, q, attempt]);

  useEffect(() => {
    if (outcome.kind === 'found') document.title = `${outcome.article.title.text} - 银行新闻搜索`;
    else if (outcome.kind === 'missing') document.title = '找不到这篇文章 - 银行新闻搜索';
  }, [outcome]);

  useEffect(() => {
    if (outcome.kind !== 'found') return;
    // The reader came for the query: bring its first occurrence in the text into view.
    body.current?.querySelector('mark')?.scrollIntoView({ block: 'center' });
  }, [outcome]);

  const back = (
    <Link
      href={returnTo ?? resultsHref(q)}
      onClick={() => {
        try {
          sessionStorage.setItem(RETURN_TO_KEY, id);
        } catch {
          // Storage off: the reader still gets the same results page, only without the focus on this one.
        }
      }}
      className={linkClass}
    >
      ← {q || (returnTo && returnTo !== '/') ? '返回搜索结果' : '返回搜索'}
    </Link>
  );

  if (outcome.kind === 'loading') {
    return (
      <div className="mx-auto max-w-3xl px-4 py-8">
        <nav>{back}</nav>
        <p role="status" className="mt-6 text-slate-700 dark:text-slate-300">
          正在加载文章…
        </p>
      </div>
    );
  }

  if (outcome.kind === 'missing') {
    return (
      <div className="mx-auto max-w-3xl px-4 py-8">
        <nav>{back}</nav>
        <h1 className="mt-6 text-2xl font-semibold text-slate-900 dark:text-slate-100">找不到这篇文章</h1>
        <p role="status" className="mt-3 text-slate-700 dark:text-slate-300">
          这个链接指向的文章不在当前索引中，可能已被移除或链接有误。
        </p>
        <p className="mt-4">
          <Link href={resultsHref(q)} className={linkClass}>
            {q ? `搜索“${q}”` : '去搜索'}
          </Link>
        </p>
      </div>
    );
  }

  if (outcome.kind === 'error') {
    return (
      <div className="mx-auto max-w-3xl px-4 py-8">
        <nav>{back}</nav>
        <RetryAlert message={outcome.message} onRetry={() => setAttempt((n) => n + 1)} className="mt-6" />
      </div>
    );
  }

  const { article } = outcome;
  return (
    <div className="mx-auto max-w-3xl px-4 py-8">
      <nav>{back}</nav>
      <article className="mt-6">
        <header>
          <h1 className="text-2xl leading-snug font-semibold break-words text-slate-900 md:text-3xl dark:text-slate-100">
            <HighlightedText text={article.title.text} ranges={article.title.highlights} />
          </h1>
          <div className="mt-3 flex flex-wrap items-center gap-x-3 gap-y-2 text-sm text-slate-600 dark:text-slate-400">
            <span>
              <Byline date={article.date} source={article.source} />
            </span>
            <BankChips banks={article.banks} />
          </div>
          {(isSafeSiteLink(article.link) || isSafeHttpUrl(article.url)) && (
            <p className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm">
              {/* A plain <a>: the article's own page is on its site, no route of this app (and never under its base path). */}
              {isSafeSiteLink(article.link) && (
                <a href={article.link} className={`${linkClass} break-all`}>
                  在本站阅读 →
                </a>
              )}
              {isSafeHttpUrl(article.url) && (
                <a href={article.url} target="_blank" rel="noopener noreferrer nofollow" className={`${linkClass} break-all`}>
                  查看原文 ↗
                </a>
              )}
            </p>
          )}
        </header>
        <div ref={body} className="mt-6 space-y-4 text-[1.05rem] leading-8 break-words text-slate-800 dark:text-slate-200">
          {article.paragraphs.length === 0 ? (
            <p className="text-slate-600 dark:text-slate-400">（本文没有正文）</p>
          ) : (
            article.paragraphs.map((p, i) => (
              <p key={i}>
                <HighlightedText text={p.text} ranges={p.highlights} />
              </p>
            ))
          )}
        </div>
      </article>
      {article.related.length > 0 && (
        <section aria-labelledby="related-heading" className="mt-10 border-t border-slate-200 pt-6 dark:border-slate-800">
          <h2 id="related-heading" className="font-semibold text-slate-900 dark:text-slate-100">
            相似报道（{article.related.length}）
          </h2>
          <ul className="mt-3 space-y-2">
            {article.related.map((r) => (
              <li key={r.id}>
                <Link href={articleHref(r.id, q, returnTo ?? undefined)} className={linkClass}>
                  {r.title}
                </Link>
                <span className="ml-2 text-sm text-slate-600 dark:text-slate-400">
                  <Byline date={r.date} source={r.source} />
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
