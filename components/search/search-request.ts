/**
 * The rules of the results page's request sequence, free of React and the worker so each has a unit
 * test: which answer may be shown, when the page counts as searching, and what its status line says.
 * {@link useSearch} (use-search.ts) applies them.
 */

/** Numbers requests in the order they are made, so an answer can tell whether a newer request was made since. */
export interface RequestSequence {
  /** Starts a request; its number is newer than every number given before. */
  begin(): number;
  /** True while `seq` is the newest request begun: only then may its answer (or its error) be shown. */
  isLatest(seq: number): boolean;
}

/**
 * A new {@link RequestSequence}. Answers arrive in any order (a shard download can take longer than the
 * search typed after it), and only the newest request's may change the page: a late answer never
 * replaces a newer one.
 */
export function createRequestSequence(): RequestSequence {
  let latest = 0;
  return {
    begin: () => ++latest,
    isLatest: (seq) => seq === latest,
  };
}

/** An answer, and the request (its `key`, the request as JSON) it answers. */
export interface Answered<T> {
  key: string;
  result: T;
}

/**
 * The result the page shows for the request `key` (null: the empty state, nothing asked): the last
 * answer, even one to an earlier request while the new one is on its way, so the old results stay in
 * place instead of flickering out.
 */
export function shownResult<T>(answer: Answered<T> | null, key: string | null): T | null {
  return key === null ? null : (answer?.result ?? null);
}

/**
 * The shown answer whose facet counts the page should ask for now, or null: one to the request in the URL (`key`;
 * an earlier request's answer stays shown while the next is on its way, and is left as it is), whose counts are
 * to come (`facetsPending`), while the reader can see counts (`countsShown`: the filter column is in view), and
 * not the one already `asked` for. A phone whose filters stay folded never downloads what only counts need.
 */
export function answerToComplete<T extends { facetsPending: boolean }>(
  answer: Answered<T> | null,
  key: string | null,
  countsShown: boolean,
  asked: Answered<T> | null,
): Answered<T> | null {
  return answer !== null && answer.key === key && answer.result.facetsPending && countsShown && answer !== asked ? answer : null;
}

/**
 * What the page shows once `complete` (the counted answer) arrives for `pending`: its counts with the first
 * answer's time, which is the one the reader waited for; `shown` unchanged when another answer replaced `pending` meanwhile.
 */
export function withCounts<T extends { tookMs: number }>(shown: Answered<T> | null, pending: Answered<T>, complete: T): Answered<T> | null {
  return shown === pending ? { key: pending.key, result: { ...complete, tookMs: pending.result.tookMs } } : shown;
}

/**
 * A failure to show: opening the index (`key` undefined), which fails every request, or one request's search
 * (`key`, the request as JSON).
 */
export interface Failure {
  key: string | undefined;
  message: string;
}

/**
 * The reader-facing error for the request `key`: a search's failure only while its request is the one in the URL,
 * so the render that follows a new request never shows (or names the tab after) the old one's error.
 */
export function shownError(failure: Failure | null, key: string | null): string | null {
  return failure !== null && (failure.key === undefined || failure.key === key) ? failure.message : null;
}

/**
 * True while the page is searching: past the loading delay, or showing no answer to the request in the
 * URL yet. The second needs no timer and no render of its own: it follows from the answer's key.
 */
export function isBusy(loading: boolean, key: string | null, answerKey: string | undefined): boolean {
  return loading || (key !== null && answerKey !== key);
}

/** What the status line needs to know. */
export interface StatusInput {
  error: string | null;
  /** Nothing asked yet (the page lists the newest articles): the status describes the index. */
  empty: boolean;
  /** Documents in the index, null until the index has been opened. */
  docCount: number | null;
  busy: boolean;
  /** The answer shown, null when there is none. */
  result: { total: number; tookMs: number } | null;
  page: number;
  pages: number;
}

/** The results page's status line (a polite live region): failure, the index's size, searching, or the count and time. */
export function statusText({ error, empty, docCount, busy, result, page, pages }: StatusInput): string {
  if (error) return '加载失败';
  // Without a query the page lists the newest articles: past the first page, the status says which page.
  if (empty)
    return docCount === null ? '正在加载索引…' : `索引收录 ${docCount} 篇新闻${!busy && result && page > 1 && pages > 1 ? ` · 第 ${page}/${pages} 页` : ''}`;
  if (busy || !result) return '正在搜索…';
  return `共 ${result.total} 篇 · ${Math.round(result.tookMs)} 毫秒${pages > 1 ? ` · 第 ${page}/${pages} 页` : ''}`;
}

/**
 * The document's title for the request in the URL: its query (so the tab and the history list tell past searches
 * apart), or null while the page shows the answer to an earlier request (`pending`) and keeps that one's title
 * until the new answer or its error is shown.
 */
export function pageTitle(query: string, pending: boolean): string | null {
  if (pending) return null;
  const q = query.trim();
  return q ? `${q} - 银行新闻搜索` : '银行新闻搜索';
}

/**
 * The page a results page should show instead of `page`: the last one when `page` lies past it (a link
 * kept while articles were removed, a hand-edited URL), null when `page` is fine or there is nothing to show
 * (`pages` is 0). Only an answer to the request in the URL (not `busy`) may decide it.
 */
export function lastPageInstead(page: number, pages: number, busy: boolean): number | null {
  return !busy && pages > 0 && page > pages ? pages : null;
}

/** What a request for a page of results needs here: where the page starts and how many it holds. */
interface PagePart {
  limit: number;
  offset: number;
}

/**
 * The part of the page `request` asks for whose results a first answer shows: its first `first` results, or the
 * whole page when `first` covers it. The rest of the page is {@link restOf} it, read when the reader comes near it.
 */
export function firstPart<R extends PagePart>(request: R, first: number): R {
  return first < request.limit ? { ...request, limit: Math.max(0, first) } : request;
}

/** The results of the page `request` asks for that follow the `shown` first ones, or null when none do. */
export function restOf<R extends PagePart>(request: R, shown: number): R | null {
  return shown < request.limit ? { ...request, offset: request.offset + shown, limit: request.limit - shown } : null;
}

/** How many results of the page `request` asks for are still to be read, `shown` being read of the `total` that match. */
export function resultsToCome(request: PagePart, total: number, shown: number): number {
  return Math.max(0, Math.min(request.limit, total - request.offset) - shown);
}

/** The rest of a page of results, read after its first answer: the request it continues (as JSON), from which result on, its hits. */
export interface PageRest<H> {
  key: string;
  from: number;
  hits: readonly H[];
}

/**
 * Whether `rest` continues the answer shown: one to the same request, from where that answer's results end. So a
 * page whose first answer held the whole page (the layout turned wide meanwhile) never shows a result twice.
 */
export function continues<H>(rest: PageRest<H>, answer: Answered<{ hits: readonly H[] }> | null): boolean {
  return answer !== null && rest.key === answer.key && rest.from === answer.result.hits.length;
}

/** What names one read of the rest of `answer`'s page: its request and the result the rest starts at. */
export function restAsk(answer: Answered<{ hits: readonly unknown[] }> | null): string | null {
  return answer === null ? null : `${answer.key}@${answer.result.hits.length}`;
}

/**
 * The read of a rest in flight once `ask` has settled, however: none when it was `ask`, so the page can ask again
 * (after a failure, or when the reader comes back to a page left before its rest arrived); else the newer one.
 */
export function settled(inFlight: string | null, ask: string): string | null {
  return inFlight === ask ? null : inFlight;
}
