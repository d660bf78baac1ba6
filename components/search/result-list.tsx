'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { memo, useCallback, useEffect, useRef } from 'react';
import type { SearchHit } from '@/lib/search';
import { HighlightedText } from './highlighted-text';
import { MoreResults } from './more-results';
import { ARTICLE_PATH, articleHref, isSafeSiteLink } from './search-params';

/**
 * sessionStorage key: the article a reader left through its 返回搜索结果 link. The results page focuses
 * that result when it shows it again, so the reader is back where they were, and ↑/↓ go on from there.
 */
export const RETURN_TO_KEY = 'bns:return-to';

/** A hit with the near-duplicates folded under it. */
interface Group {
  hit: SearchHit;
  similar: SearchHit[];
}

/** Folds hits of one near-duplicate cluster under the first of them on this page, keeping the order. */
function groupByCluster(hits: readonly SearchHit[]): Group[] {
  const groups: Group[] = [];
  const byCluster = new Map<string, Group>();
  for (const hit of hits) {
    const group = hit.cluster === null ? undefined : byCluster.get(hit.cluster);
    if (group) {
      group.similar.push(hit);
      continue;
    }
    const g: Group = { hit, similar: [] };
    groups.push(g);
    if (hit.cluster !== null) byCluster.set(hit.cluster, g);
  }
  return groups;
}

/**
 * `2022-03-09T15:56:47+08:00` → `2022-03-09 15:56`, in the wall time it was written in (the index keeps
 * Beijing time); a midnight time is usually a date without a time, so it is left out.
 */
function formatDate(date: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}))?/.exec(date);
  if (!m) return date;
  return m[2] && m[2] !== '00:00' ? `${m[1]} ${m[2]}` : m[1]!;
}

/** Date and source as a reader scans them; a missing date is said, not hidden. */
export function Byline({ date, source }: { date: string | null; source: string | null }) {
  return (
    <>
      {date ? <time dateTime={date}>{formatDate(date)}</time> : <span>日期未知</span>}
      {source && (
        <>
          <span aria-hidden="true"> · </span>
          <span>{source}</span>
        </>
      )}
    </>
  );
}

/** The banks an article names, as small chips. */
export function BankChips({ banks }: { banks: readonly string[] }) {
  if (banks.length === 0) return null;
  return (
    <ul aria-label="相关银行" className="flex flex-wrap gap-1">
      {banks.map((b) => (
        <li key={b} className="rounded-full bg-blue-50 px-2 py-0.5 text-xs text-blue-800 dark:bg-blue-950 dark:text-blue-200">
          {b}
        </li>
      ))}
    </ul>
  );
}

const titleLinkClass = 'text-blue-800 hover:underline dark:text-blue-300';

/**
 * A hit's title as a link: to the article's own page on its site when the index knows one (a plain `<a>`:
 * that page is no route of this app, and must not get its base path), else to the article page here.
 * `resultLink` marks the results' main links, which ↑/↓ move between.
 */
function TitleLink({ hit, query, back, resultLink }: { hit: SearchHit; query: string; back: string; resultLink?: boolean }) {
  const title = <HighlightedText text={hit.title} ranges={hit.titleHighlights} />;
  const marker = resultLink ? { 'data-result-link': hit.id } : {};
  return isSafeSiteLink(hit.link) ? (
    <a href={hit.link} {...marker} className={titleLinkClass}>
      {title}
    </a>
  ) : (
    <Link href={articleHref(hit.id, query, back)} prefetch={false} {...marker} className={titleLinkClass}>
      {title}
    </Link>
  );
}

/**
 * Where a result whose title leads to its own site's page keeps this site's view of it: the text with the
 * query marked, one click away. Nothing when the title leads there already.
 */
function HighlightsLink({ hit, query, back, className = '' }: { hit: SearchHit; query: string; back: string; className?: string }) {
  if (!isSafeSiteLink(hit.link)) return null;
  return (
    <Link
      href={articleHref(hit.id, query, back)}
      prefetch={false}
      aria-label={`全文高亮：${hit.title}`}
      data-highlights-link={hit.id}
      className={`text-sm whitespace-nowrap text-slate-600 underline-offset-2 hover:underline dark:text-slate-400 ${className}`}
    >
      全文高亮
    </Link>
  );
}

/**
 * A result below the fold skips style and layout until it scrolls near (`content-visibility: auto`),
 * so a new page of results costs the frame only what is on screen. Until the browser has seen its real
 * height it stands in with the median content height measured on generated results (20 queries, 197
 * results: 106 px at 1280 px wide, 205 px at 390 px). Its links are not prefetched: the article page is
 * one static route, and a prefetch per result is an observer and a router call per result per query.
 */
function ResultItem({ group, query, back }: { group: Group; query: string; back: string }) {
  const { hit, similar } = group;
  return (
    <li
      className="-mx-3 border-b border-slate-200 px-3 py-4 [contain-intrinsic-size:auto_13rem] [content-visibility:auto] last:border-b-0 has-[h2_a:focus-visible]:rounded-lg has-[h2_a:focus-visible]:bg-blue-50 has-[h2_a:focus-visible]:shadow-[inset_4px_0_0_var(--color-blue-600)] md:[contain-intrinsic-size:auto_6.5rem] dark:border-slate-800 dark:has-[h2_a:focus-visible]:bg-slate-900 dark:has-[h2_a:focus-visible]:shadow-[inset_4px_0_0_var(--color-blue-400)]"
      data-testid="result"
    >
      <article>
        <h2 className="text-lg leading-snug font-semibold">
          <TitleLink hit={hit} query={query} back={back} resultLink />
        </h2>
        <div className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-600 dark:text-slate-400">
          <span data-testid="byline">
            <Byline date={hit.date} source={hit.source} />
          </span>
          <BankChips banks={hit.banks} />
          <HighlightsLink hit={hit} query={query} back={back} />
        </div>
        {hit.snippet.text && (
          <p className="mt-2 text-[0.95rem] leading-relaxed break-words text-slate-800 dark:text-slate-200">
            <HighlightedText text={hit.snippet.text} ranges={hit.snippet.highlights} />
          </p>
        )}
        {similar.length > 0 && (
          <details className="mt-2 text-sm">
            <summary className="cursor-pointer text-slate-700 dark:text-slate-300">另有 {similar.length} 篇相似报道</summary>
            <ul className="mt-1 space-y-1 pl-4">
              {similar.map((s) => (
                <li key={s.id}>
                  <TitleLink hit={s} query={query} back={back} />
                  <span className="ml-2 text-slate-600 dark:text-slate-400">
                    <Byline date={s.date} source={s.source} />
                  </span>
                  <HighlightsLink hit={s} query={query} back={back} className="ml-2" />
                </li>
              ))}
            </ul>
          </details>
        )}
      </article>
    </li>
  );
}

/** The results' main links in `list`, in page order: the ones ↑/↓ move between and a return focuses. */
function resultLinks(list: HTMLOListElement | null): HTMLAnchorElement[] {
  return Array.from(list?.querySelectorAll<HTMLAnchorElement>('a[data-result-link]') ?? []);
}

function isSearchBox(el: EventTarget | null): el is HTMLInputElement {
  return el instanceof HTMLInputElement && el.type === 'search' && el.closest('form[role="search"]') !== null;
}

/**
 * One page of results; hits of the same story fold under the first (另有 N 篇相似报道). `back` is the
 * results page's own URL, handed to each article so it can lead back here.
 *
 * Keyboard: ↓ in the search box moves to the first result's title link, ↓/↑ move from result to result
 * (the result in focus is marked), ↑ on the first goes back to the box, and Enter opens the article, as
 * any link does. Focus moves for real, so screen readers and Tab follow it.
 *
 * `more` results of the page are still to be read (a narrow screen's first answer holds the first few): they are
 * asked for (`onMore`) when the reader comes near them (↓ brings each result it moves to into view), or comes back
 * to one of them from its article.
 */
export const ResultList = memo(function ResultList({
  hits,
  query,
  back,
  more,
  moreFailed,
  onMore,
}: {
  hits: readonly SearchHit[];
  query: string;
  back: string;
  more: number;
  moreFailed: boolean;
  onMore: () => void;
}) {
  const list = useRef<HTMLOListElement>(null);
  const router = useRouter();
  // The result a reader came back to from its article, until it is on the page.
  const returnTo = useRef<string | null>(null);
  // After 重试 for the rest of the page: the result that takes the focus when it arrives (the first of the rest).
  const focusOnArrival = useRef<number | null>(null);
  const retryMore = useCallback(() => {
    focusOnArrival.current = resultLinks(list.current).length;
    onMore();
  }, [onMore]);

  useEffect(() => {
    const at = focusOnArrival.current;
    const link = at === null ? undefined : resultLinks(list.current)[at];
    if (!link) return;
    focusOnArrival.current = null;
    link.focus();
  }, [hits]);

  // The result links are not prefetched one by one (see ResultItem); the article page is one route
  // whatever its id, so fetching it once here keeps a click on any result as quick.
  useEffect(() => {
    router.prefetch(ARTICLE_PATH);
  }, [router]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (
        (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') ||
        e.defaultPrevented ||
        e.altKey ||
        e.ctrlKey ||
        e.metaKey ||
        e.shiftKey ||
        e.isComposing ||
        e.keyCode === 229
      )
        return;
      const links = resultLinks(list.current);
      if (links.length === 0) return;
      const at = links.indexOf(e.target as HTMLAnchorElement);
      let next: HTMLElement | undefined;
      if (isSearchBox(e.target)) next = e.key === 'ArrowDown' ? links[0] : undefined;
      else if (at >= 0)
        next =
          e.key === 'ArrowDown'
            ? links[at + 1]
            : at === 0
              ? (document.querySelector<HTMLInputElement>('form[role="search"] input[type="search"]') ?? undefined)
              : links[at - 1];
      if (!next) return;
      e.preventDefault();
      next.focus();
      if (next instanceof HTMLAnchorElement) next.closest('li')?.scrollIntoView({ block: 'nearest' });
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  // Back from an article through its link: focus the result the reader had opened, reading the rest of the page first
  // when it is there.
  useEffect(() => {
    try {
      const id = sessionStorage.getItem(RETURN_TO_KEY);
      sessionStorage.removeItem(RETURN_TO_KEY);
      if (id) returnTo.current = id;
    } catch {
      // Storage the browser denies: there is nothing to come back to.
    }
    const id = returnTo.current;
    if (!id) return;
    const link = resultLinks(list.current).find((a) => a.dataset.resultLink === id);
    if (!link && more > 0) {
      onMore();
      return;
    }
    returnTo.current = null;
    link?.focus({ preventScroll: true });
    link?.closest('li')?.scrollIntoView({ block: 'center' });
  }, [hits, more, onMore]);

  return (
    <>
      <ol ref={list} aria-label="搜索结果" className="list-none">
        {groupByCluster(hits).map((g) => (
          <ResultItem key={g.hit.id} group={g} query={query} back={back} />
        ))}
      </ol>
      {more > 0 && <MoreResults count={more} failed={moreFailed} onNear={onMore} onRetry={retryMore} />}
    </>
  );
});
