import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { SearchHit, SearchResult } from '@/lib/search';
import type { PageRequest } from './search-params';
import type { IndexInfo } from './search.worker';
import {
  answerToComplete,
  continues,
  createRequestSequence,
  firstPart,
  isBusy,
  restAsk,
  restOf,
  resultsToCome,
  settled,
  shownError,
  shownResult,
  withCounts,
  type Answered,
  type Failure,
  type PageRest,
} from './search-request';
import { describeSearchError, searchWorker } from './worker-client';

/**
 * A search that answers sooner never shows the loading bar above the old results: a bar for a few
 * milliseconds is a flicker, and a render plus a style pass that delay the new results' frame. The page
 * says it is searching at once all the same (status 正在搜索…, `aria-busy`, no `data-query`), with no
 * render of its own: that follows from the answer being for another request than the one in the URL.
 */
const LOADING_DELAY_MS = 150;

/** What the results page shows of its searches. */
export interface SearchView {
  /** The index's size and example queries, once it is open. */
  info: IndexInfo | null;
  /** The answer shown: the newest that arrived, possibly to an earlier request (see `busy`); null in the empty state. */
  result: SearchResult | null;
  /** The request has taken longer than the loading delay: the loading bar shows above the results, or placeholders stand in for them. */
  loading: boolean;
  /** The shown result is not (yet) the answer to the current request. */
  busy: boolean;
  /** A reader-facing sentence when opening the index or the search failed. */
  error: string | null;
  /** Results of the shown answer's page that are still to be read (see `firstResults`); 0 while a newer request is on its way. */
  more: number;
  /** Reading the rest of the page failed; {@link SearchView.loadMore} tries again. */
  moreFailed: boolean;
  /** Reads the rest of the shown answer's page: once, however often it is called, until that fails. */
  loadMore: () => void;
  /** The shown answer's facet counts could not be worked out (their download failed); its results stand. */
  countsFailed: boolean;
  /** Opens the index and runs the current search again, after an error. */
  retry: () => void;
}

/**
 * Runs `request` in the search worker whenever it changes (null: the empty state, nothing to search),
 * and opens the index for its description. Only the newest request's answer or error is ever shown (see
 * {@link createRequestSequence}), so a slow shard download can never overwrite the results of what the
 * reader typed since. Sets the benchmark's `bns:search-start` and `bns:results-painted` marks (lib/bench).
 *
 * The results are painted first; the facet counts are asked for while `countsShown` (the filter column is in
 * view), so a phone whose filters stay folded reads none of what only the counts need, and opening them
 * completes the answer shown. Likewise a first answer holds the page's first `firstResults` results, whose
 * display data it reads; the rest of the page follows when the page asks for it (`loadMore`).
 */
export function useSearch(request: PageRequest | null, countsShown: boolean, firstResults: number): SearchView {
  const [info, setInfo] = useState<IndexInfo | null>(null);
  const [answer, setAnswer] = useState<Answered<SearchResult> | null>(null);
  const [loading, setLoading] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [countsFailedFor, setCountsFailedFor] = useState<Answered<SearchResult> | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [sequence] = useState(createRequestSequence);
  // The request as a value: effects rerun when it changes, not whenever the caller builds a new object.
  const key = request === null ? null : JSON.stringify(request);
  // Read by a search when it starts, which a change of it alone does not start.
  const countsShownNow = useRef(countsShown);
  const firstResultsNow = useRef(firstResults);
  // The request in the URL when a count arrives: one for a request the reader has left is dropped.
  const keyNow = useRef(key);
  useLayoutEffect(() => {
    countsShownNow.current = countsShown;
    firstResultsNow.current = firstResults;
    keyNow.current = key;
  }, [countsShown, firstResults, key]);
  const asked = useRef<Answered<SearchResult> | null>(null);
  // The rest of a page: its hits, which answer's request they continue and from which result on.
  const [rest, setRest] = useState<PageRest<SearchHit> | null>(null);
  const [moreFailedFor, setMoreFailedFor] = useState<string | null>(null);
  const moreAsked = useRef<string | null>(null);

  useEffect(() => {
    let live = true;
    searchWorker()
      .info()
      .then(
        (i) => live && setInfo(i),
        (e: unknown) => live && setFailure({ key: undefined, message: describeSearchError(e) }),
      );
    return () => {
      live = false;
    };
  }, [attempt]);

  useEffect(() => {
    const seq = sequence.begin();
    if (key === null) {
      setLoading(false);
      setFailure(null);
      return;
    }
    setFailure(null);
    const slow = setTimeout(() => sequence.isLatest(seq) && setLoading(true), LOADING_DELAY_MS);
    const request = firstPart(JSON.parse(key) as PageRequest, firstResultsNow.current);
    const failed = (e: unknown) => {
      clearTimeout(slow);
      if (!sequence.isLatest(seq)) return;
      setFailure({ key, message: describeSearchError(e) });
      setLoading(false);
    };
    // Benchmark mark (npm run bench, lib/bench): the request leaves for the worker, debounce already behind it.
    performance.mark('bns:search-start');
    searchWorker()
      .searchFirst(request, countsShownNow.current)
      .then((result) => {
        clearTimeout(slow);
        if (!sequence.isLatest(seq)) return;
        // Rendered in the task that received the answer: left to React's scheduler it waits for a
        // task of its own, behind whatever else is queued, often past the next frame.
        flushSync(() => {
          setAnswer({ key, result });
          setLoading(false);
        });
      }, failed);
  }, [key, attempt, sequence]);

  // The hits are painted; their facet counts follow, once they can be seen. A failure leaves the results up:
  // only the counts are missing, and 重试 searches again.
  useEffect(() => {
    const pending = answerToComplete(answer, key, countsShown, asked.current);
    if (pending === null) return;
    asked.current = pending;
    // The results shown already: counting reads no display data of the rest of the page.
    searchWorker()
      .search(firstPart(JSON.parse(pending.key) as PageRequest, pending.result.hits.length))
      .then(
        (complete) => keyNow.current === pending.key && setAnswer((shown) => withCounts(shown, pending, complete)),
        () => keyNow.current === pending.key && setCountsFailedFor(pending),
      );
  }, [answer, key, countsShown]);

  // Benchmark mark (npm run bench, lib/bench): the first frame after an answer is committed is the one
  // that paints it; a layout effect asks for that frame before the browser can paint without it.
  useLayoutEffect(() => {
    if (!answer) return;
    const frame = requestAnimationFrame(() => performance.mark('bns:results-painted'));
    return () => cancelAnimationFrame(frame);
  }, [answer]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  const busy = isBusy(loading, key, answer?.key);
  const first = shownResult(answer, key);
  const withRest = rest !== null && continues(rest, answer);
  const result = useMemo(() => (first && withRest ? { ...first, hits: [...first.hits, ...rest.hits] } : first), [first, withRest, rest]);
  const answered = useMemo(() => (answer === null ? null : (JSON.parse(answer.key) as PageRequest)), [answer]);
  const more = answered !== null && result !== null && !busy ? resultsToCome(answered, result.total, result.hits.length) : 0;
  const ask = restAsk(answer);

  const loadMore = useCallback(() => {
    if (answer === null || answered === null || ask === null || more === 0 || moreAsked.current === ask) return;
    const from = answer.result.hits.length;
    const pending = restOf(answered, from);
    if (pending === null) return;
    moreAsked.current = ask;
    setMoreFailedFor(null);
    // A first answer's path: the results alone, never what only the counts need.
    searchWorker()
      .searchFirst(pending, false)
      .then(
        (r) => keyNow.current === answer.key && setRest({ key: answer.key, from, hits: r.hits }),
        () => keyNow.current === answer.key && setMoreFailedFor(ask),
      )
      .finally(() => (moreAsked.current = settled(moreAsked.current, ask)));
  }, [answer, answered, more, ask]);

  return {
    info,
    result,
    loading,
    busy,
    error: shownError(failure, key),
    countsFailed: answer !== null && countsFailedFor === answer,
    more,
    moreFailed: more > 0 && moreFailedFor === ask,
    loadMore,
    retry,
  };
}
