import { BENCH_QUERIES, FRAME_FLOOR_PAGE, frameFloorDriver } from '../lib/bench';
import { expect, test } from './fixtures';

test('the benchmark frame-floor page times a URL change to the frame that paints its answer', async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  // Served in place of the site's own root, so the page runs on an http origin as in the benchmark.
  await page.route(`${origin}/`, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: FRAME_FLOOR_PAGE }));
  const driver = frameFloorDriver(origin);
  await page.goto(`${origin}/`);
  await driver.waitReady(page);
  for (const q of BENCH_QUERIES.slice(0, 5)) {
    const { ms, ids } = await driver.run(page, q, false);
    expect(Number.isFinite(ms) && ms >= 0, `${q.query}: ${ms}`).toBe(true);
    expect(ids).toBeNull();
    // The answer painted is the worker's echo of this query's URL.
    await expect(page.locator('#answer')).toContainText(new URLSearchParams({ q: q.query }).toString());
  }
});
