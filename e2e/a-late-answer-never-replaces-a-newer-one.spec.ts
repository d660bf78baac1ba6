import type { Route } from '@playwright/test';
import { expect, searchPage, test, texts } from './fixtures';

/** Fragment files (the documents shown on a page), wherever the index build puts them under /search/. */
const FRAGMENTS = /\/search\/(.*\/)?frag-[^/]*\.bin$/;

test('an answer that arrives after a newer request was made is dropped', async ({ page }) => {
  await page.goto(`/?q=${encodeURIComponent('银行')}`);
  const s = searchPage(page);
  await expect(s.status).toHaveText(/^共 (\d+) 篇/);
  const total = Number(/共 (\d+) 篇/.exec(await s.status.innerText())?.[1]);
  test.skip(total < 20, 'needs two disjoint pages of results');

  // Hold back the documents of the first request (newest first) until the second (oldest first) is shown.
  let slow = true;
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  const held: Route[] = [];
  await page.route(FRAGMENTS, async (route) => {
    if (!slow) return route.continue();
    held.push(route);
    await released;
    await route.continue();
  });

  const sort = page.getByRole('combobox', { name: '排序' });
  await sort.selectOption('newest');
  await expect.poll(() => held.length, { message: 'the newest-first page asked for its documents' }).toBeGreaterThan(0);
  slow = false;
  await sort.selectOption('oldest');
  await expect(s.answered('银行')).toBeVisible();
  await expect(page).toHaveURL(/[?&]sort=oldest/);
  const oldest = await texts(s.resultLinks);
  const status = (await s.status.innerText()).replace(/ · \d+ 毫秒/, '');

  release();
  // Let the held answer travel back through the worker.
  await page.evaluate(() => new Promise((r) => setTimeout(r, 500)));
  await expect(sort).toHaveValue('oldest');
  expect(await texts(s.resultLinks)).toEqual(oldest);
  expect((await s.status.innerText()).replace(/ · \d+ 毫秒/, '')).toBe(status);
});
