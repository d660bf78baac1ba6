import { describe, expect, it } from 'vitest';
import {
  answerToComplete,
  continues,
  createRequestSequence,
  firstPart,
  isBusy,
  lastPageInstead,
  pageTitle,
  restAsk,
  restOf,
  resultsToCome,
  settled,
  shownError,
  shownResult,
  statusText,
  withCounts,
  type Answered,
  type StatusInput,
} from './search-request';

/** A promise and the functions that settle it, so a test decides the order answers arrive in. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/**
 * The hook's use of the sequence, without React: each request begins a number, and its answer or error
 * is shown only while that number is the latest.
 */
function page() {
  const sequence = createRequestSequence();
  const shown: string[] = [];
  const errors: string[] = [];
  return {
    shown,
    errors,
    request(answer: Promise<string>): Promise<void> {
      const seq = sequence.begin();
      return answer.then(
        (a) => void (sequence.isLatest(seq) && shown.push(a)),
        (e: unknown) => void (sequence.isLatest(seq) && errors.push(String(e))),
      );
    },
  };
}

describe('createRequestSequence', () => {
  it('numbers requests so only the newest is the latest', () => {
    const s = createRequestSequence();
    const a = s.begin();
    expect(s.isLatest(a)).toBe(true);
    const b = s.begin();
    expect(b).toBeGreaterThan(a);
    expect(s.isLatest(a)).toBe(false);
    expect(s.isLatest(b)).toBe(true);
  });

  it('keeps separate counts for separate pages', () => {
    const one = createRequestSequence();
    const two = createRequestSequence();
    const a = one.begin();
    two.begin();
    two.begin();
    expect(one.isLatest(a)).toBe(true);
  });

  it('never lets a late answer replace a newer one', async () => {
    const p = page();
    const slow = deferred<string>();
    const fast = deferred<string>();
    const first = p.request(slow.promise);
    const second = p.request(fast.promise);
    fast.resolve('newer');
    await second;
    slow.resolve('older');
    await first;
    expect(p.shown).toEqual(['newer']);
  });

  it('drops an earlier answer that arrives first, too: the page waits for the newest', async () => {
    const p = page();
    const slow = deferred<string>();
    const fast = deferred<string>();
    const first = p.request(fast.promise);
    const second = p.request(slow.promise);
    fast.resolve('older');
    await first;
    expect(p.shown).toEqual([]);
    slow.resolve('newer');
    await second;
    expect(p.shown).toEqual(['newer']);
  });

  it('never lets a late error replace a newer answer', async () => {
    const p = page();
    const slow = deferred<string>();
    const first = p.request(slow.promise);
    await p.request(Promise.resolve('newer'));
    slow.reject(new Error('shard download failed'));
    await first;
    expect(p.shown).toEqual(['newer']);
    expect(p.errors).toEqual([]);
  });

  it('shows only the last of many answers arriving in reverse order', async () => {
    const p = page();
    const answers = Array.from({ length: 5 }, () => deferred<string>());
    const done = answers.map((a) => p.request(a.promise));
    for (let i = answers.length - 1; i >= 0; i--) answers[i]!.resolve(`answer ${i}`);
    await Promise.all(done);
    expect(p.shown).toEqual(['answer 4']);
  });
});

describe('shownResult', () => {
  it('shows nothing in the empty state, even with an answer kept', () => {
    expect(shownResult({ key: 'a', result: 1 }, null)).toBeNull();
  });

  it('keeps showing the last answer while a newer request is on its way', () => {
    expect(shownResult({ key: 'a', result: 1 }, 'b')).toBe(1);
    expect(shownResult({ key: 'b', result: 2 }, 'b')).toBe(2);
    expect(shownResult(null, 'b')).toBeNull();
  });
});

describe('isBusy', () => {
  it('is busy while the answer shown is not for the current request', () => {
    expect(isBusy(false, 'b', 'a')).toBe(true);
    expect(isBusy(false, 'b', undefined)).toBe(true);
    expect(isBusy(false, 'b', 'b')).toBe(false);
  });

  it('is busy past the loading delay, whatever the answer', () => {
    expect(isBusy(true, 'b', 'b')).toBe(true);
  });

  it('is not busy in the empty state', () => {
    expect(isBusy(false, null, 'a')).toBe(false);
    expect(isBusy(false, null, undefined)).toBe(false);
  });
});

describe('statusText', () => {
  const base: StatusInput = { error: null, empty: false, docCount: 2000, busy: false, result: { total: 128, tookMs: 3.4 }, page: 1, pages: 13 };

  it('says the count, the time and the page', () => {
    expect(statusText(base)).toBe('共 128 篇 · 3 毫秒 · 第 1/13 页');
    expect(statusText({ ...base, page: 4 })).toBe('共 128 篇 · 3 毫秒 · 第 4/13 页');
  });

  it('leaves out the page when there is only one', () => {
    expect(statusText({ ...base, result: { total: 7, tookMs: 12.6 }, pages: 1 })).toBe('共 7 篇 · 13 毫秒');
    expect(statusText({ ...base, result: { total: 0, tookMs: 0.2 }, pages: 0 })).toBe('共 0 篇 · 0 毫秒');
  });

  it('says it is searching while busy or before any answer, even with an old answer shown', () => {
    expect(statusText({ ...base, busy: true })).toBe('正在搜索…');
    expect(statusText({ ...base, result: null })).toBe('正在搜索…');
  });

  it('describes the index in the empty state, once it is open', () => {
    expect(statusText({ ...base, empty: true })).toBe('索引收录 2000 篇新闻');
    expect(statusText({ ...base, empty: true, docCount: null })).toBe('正在加载索引…');
    expect(statusText({ ...base, empty: true, busy: true, result: null })).toBe('索引收录 2000 篇新闻');
    expect(statusText({ ...base, empty: true, page: 2 })).toBe('索引收录 2000 篇新闻 · 第 2/13 页');
    expect(statusText({ ...base, empty: true, page: 2, busy: true })).toBe('索引收录 2000 篇新闻');
  });

  it('says a failure first, whatever else is known', () => {
    expect(statusText({ ...base, error: '索引文件下载失败，请检查网络后重试。' })).toBe('加载失败');
    expect(statusText({ ...base, error: 'x', empty: true })).toBe('加载失败');
  });
});

describe('lastPageInstead', () => {
  it('names the last page for a page past it, once the answer to that page is in', () => {
    expect(lastPageInstead(9, 3, false)).toBe(3);
    expect(lastPageInstead(4, 3, false)).toBe(3);
    expect(lastPageInstead(2, 1, false)).toBe(1);
  });

  it('leaves a page that exists, an answer that finds nothing, and a page still searching alone', () => {
    expect(lastPageInstead(3, 3, false)).toBeNull();
    expect(lastPageInstead(1, 1, false)).toBeNull();
    expect(lastPageInstead(5, 0, false)).toBeNull();
    expect(lastPageInstead(9, 3, true)).toBeNull();
  });
});

describe('pageTitle', () => {
  it('names the query of the request in the URL, trimmed', () => {
    expect(pageTitle('  交通银行 普惠金融 ', false)).toBe('交通银行 普惠金融 - 银行新闻搜索');
  });

  it('is the site name without a query', () => {
    expect(pageTitle('', false)).toBe('银行新闻搜索');
    expect(pageTitle('   ', false)).toBe('银行新闻搜索');
  });

  it('keeps the title of the answer shown while the answer to a newer request is on its way', () => {
    expect(pageTitle('绿色信贷', true)).toBeNull();
  });
});

describe('shownError', () => {
  const key = JSON.stringify({ query: '绿色信贷' });
  const other = JSON.stringify({ query: '普惠金融' });

  it('shows a search failure while its request is the one in the URL', () => {
    expect(shownError({ key, message: '加载失败' }, key)).toBe('加载失败');
  });

  it('does not show a search failure for a newer request, before the newer one has cleared it', () => {
    expect(shownError({ key, message: '加载失败' }, other)).toBeNull();
    expect(shownError({ key, message: '加载失败' }, null)).toBeNull();
  });

  it('shows a failure to open the index whatever the request', () => {
    expect(shownError({ key: undefined, message: '索引无法打开' }, other)).toBe('索引无法打开');
    expect(shownError({ key: undefined, message: '索引无法打开' }, null)).toBe('索引无法打开');
  });

  it('shows nothing without a failure', () => {
    expect(shownError(null, key)).toBeNull();
  });
});

describe('answerToComplete', () => {
  const key = '{"query":"银行"}';
  const pending: Answered<{ facetsPending: boolean }> = { key, result: { facetsPending: true } };
  const complete: Answered<{ facetsPending: boolean }> = { key, result: { facetsPending: false } };

  it('asks for the counts of a pending answer while the reader can see counts', () => {
    expect(answerToComplete(pending, key, true, null)).toBe(pending);
  });

  it('leaves them while the filters are folded away', () => {
    expect(answerToComplete(pending, key, false, null)).toBeNull();
  });

  it('asks once per answer: folded and shown again, the same answer is not asked for; a new one (a retry) is', () => {
    expect(answerToComplete(pending, key, true, pending)).toBeNull();
    const again = { ...pending, result: { facetsPending: true } };
    expect(answerToComplete(again, key, true, pending)).toBe(again);
  });

  it("leaves an earlier request's answer, shown while the next is on its way, as it is", () => {
    expect(answerToComplete(pending, '{"query":"银行 贷款"}', true, null)).toBeNull();
    expect(answerToComplete(pending, null, true, null)).toBeNull();
  });

  it('asks for nothing when the counts are there or nothing is shown', () => {
    expect(answerToComplete(complete, key, true, null)).toBeNull();
    expect(answerToComplete(null, key, true, null)).toBeNull();
  });
});

describe('withCounts', () => {
  const pending: Answered<{ tookMs: number; counts: number | null }> = { key: 'a', result: { tookMs: 12, counts: null } };

  it("shows the counted answer with the first answer's time", () => {
    expect(withCounts(pending, pending, { tookMs: 80, counts: 7 })).toEqual({ key: 'a', result: { tookMs: 12, counts: 7 } });
  });

  it('keeps an answer that replaced the pending one meanwhile, even for the same request', () => {
    const newer = { key: 'a', result: { tookMs: 5, counts: null } };
    expect(withCounts(newer, pending, { tookMs: 80, counts: 7 })).toBe(newer);
    expect(withCounts(null, pending, { tookMs: 80, counts: 7 })).toBeNull();
  });
});

describe('firstPart, restOf and resultsToCome', () => {
  const page = { query: '银行', sort: 'relevance' as const, limit: 10, offset: 20 };

  it('split a page into its first results and the rest, which continue where the first end', () => {
    expect(firstPart(page, 6)).toEqual({ ...page, limit: 6 });
    expect(restOf(page, 6)).toEqual({ ...page, offset: 26, limit: 4 });
    expect(firstPart(page, 0)).toEqual({ ...page, limit: 0 });
    expect(restOf(page, 0)).toEqual(page);
  });

  it('leave a page whole when the first results cover it, with no rest', () => {
    expect(firstPart(page, 10)).toBe(page);
    expect(firstPart(page, 12)).toBe(page);
    expect(restOf(page, 10)).toBeNull();
    expect(restOf(page, 12)).toBeNull();
  });

  it('count what is still to be read of the page, which the matches may end before it is full', () => {
    expect(resultsToCome(page, 1000, 6)).toBe(4);
    expect(resultsToCome(page, 1000, 10)).toBe(0);
    // 23 matches: this page (from the 21st) holds 3.
    expect(resultsToCome(page, 23, 3)).toBe(0);
    expect(resultsToCome(page, 23, 1)).toBe(2);
    // A page past the last match holds none.
    expect(resultsToCome(page, 5, 0)).toBe(0);
  });
});

describe('continues, restAsk and settled', () => {
  const key = '{"query":"银行","limit":10,"offset":0}';
  const answer = { key, result: { hits: ['a', 'b', 'c', 'd', 'e', 'f'] } };

  it('join a rest to the answer it continues, from where its results end, and to no other', () => {
    expect(continues({ key, from: 6, hits: ['g'] }, answer)).toBe(true);
    // The page was read whole meanwhile (the layout turned wide): joining would show results twice.
    expect(continues({ key, from: 6, hits: ['g'] }, { key, result: { hits: [...answer.result.hits, 'g', 'h'] } })).toBe(false);
    expect(continues({ key: '{"query":"贷款","limit":10,"offset":0}', from: 6, hits: ['g'] }, answer)).toBe(false);
    expect(continues({ key, from: 6, hits: ['g'] }, null)).toBe(false);
  });

  it('name a read by its request and where the rest starts', () => {
    expect(restAsk(answer)).toBe(`${key}@6`);
    expect(restAsk({ key, result: { hits: [] } })).toBe(`${key}@0`);
    expect(restAsk(null)).toBeNull();
  });

  it('let the page ask again once a read settles, whether it arrived, failed or was left, but keep a newer read', () => {
    expect(settled(`${key}@6`, `${key}@6`)).toBeNull();
    expect(settled('{"query":"贷款"}@6', `${key}@6`)).toBe('{"query":"贷款"}@6');
    expect(settled(null, `${key}@6`)).toBeNull();
  });
});
