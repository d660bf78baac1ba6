import { isHomeFileName } from '../lib/index-format';
import { isPreloadPath } from '../lib/search';
import { indexPath } from '../lib/bench';
import { expect, searchPage, test } from './fixtures';

test('a page opened on a query reads the rank columns once, and not the newest articles it does not show', async ({ page }) => {
  const reads: string[] = [];
  page.context().on('request', (r) => {
    const p = indexPath(r.url());
    if (p !== null) reads.push(p);
  });
  await page.goto(`/?q=${encodeURIComponent('贷款')}`);
  const s = searchPage(page);
  await expect(s.answered('贷款')).toBeVisible();
  await expect(s.status).toHaveText(/共 \d+ 篇/);
  // Anything the answer or the reading ahead started is under way well within this.
  await page.waitForTimeout(500);
  expect(reads.filter(isHomeFileName)).toEqual([]);
  const rank = reads.filter(isPreloadPath);
  expect(rank.length).toBeGreaterThan(0);
  expect(rank, 'each read once: the query and the reading ahead share it').toEqual([...new Set(rank)]);
});
