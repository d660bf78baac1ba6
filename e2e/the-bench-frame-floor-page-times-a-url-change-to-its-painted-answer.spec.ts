import { BENCH_QUERIES, FRAME_FLOOR_PAGE, frameFloorDriver } from '../lib/bench';
import { expect, test } from './fixtures';

test('the benchmark frame-floor page times a URL change to the frame that paints its answer', async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  // Served in place of the site's own root, so the page runs on an http origin as in the benchmark.
  await page.route(`${origin}/`, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: FRAME_FLOOR_PAGE }));
  const driver = frameFloorDriver(origin);
  await page.goto(`${origin}/`);
  await driver.waitReady(page);
  // When the answer's text changed, by the page's clock, to place it between the two marks.
  await page.evaluate(() => {
    const w = window as unknown as { answerChanges: number[] };
    w.answerChanges = [];
    new MutationObserver(() => w.answerChanges.push(performance.now())).observe(document.getElementById('answer')!, {
      childList: true,
      characterData: true,
      subtree: true,
    });
  });
  for (const q of BENCH_QUERIES.slice(0, 5)) {
    const { ms } = await driver.run(page, q, false);
    const seen = await page.evaluate(() => {
      const start = performance.getEntriesByName('bns:search-start').at(-1)!.startTime;
      const painted = performance.getEntriesByName('bns:results-painted').find((e) => e.startTime >= start)!.startTime;
      const changed = (window as unknown as { answerChanges: number[] }).answerChanges.filter((t) => t >= start);
      return { start, painted, changed, text: document.getElementById('answer')!.textContent };
    });
    // The answer shown is the worker's echo of this query's URL, changed once, after the start and before the painted frame.
    expect(seen.text).toContain(new URLSearchParams({ q: q.query }).toString());
    expect(seen.changed).toHaveLength(1);
    expect(seen.changed[0]!).toBeLessThanOrEqual(seen.painted);
    expect(ms).toBeCloseTo(seen.painted - seen.start, 6);
  }
});
