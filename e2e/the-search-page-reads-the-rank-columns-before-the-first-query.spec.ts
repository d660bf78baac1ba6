import { expect, searchPage, test, typeQuery } from './fixtures';

/** What every search reads whatever its terms: each segment's rank columns (days, lengths, slot sizes). */
const RANK = /\/search\/g-[0-9a-f]{14}\/rank\.bin$/;

test('the search page reads the rank columns before the first query, and the query does not read them again', async ({ page }) => {
  const reads: { path: string; afterQuery: boolean }[] = [];
  let queried = false;
  page.context().on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/search/')) reads.push({ path, afterQuery: queried });
  });
  await page.goto('/');
  const s = searchPage(page);
  await expect(s.status).toHaveText(/索引收录/);
  // The reader has not typed yet: only the manifest, the stored newest articles and the rank columns are read.
  await expect.poll(() => reads.filter((r) => RANK.test(r.path)).length).toBeGreaterThan(0);
  const before = reads.map((r) => r.path);
  expect(
    before.filter((p) => /\/(shard|facets|frag-pack|pos-pack)[-.]/.test(p)),
    'no query data before a query',
  ).toEqual([]);

  queried = true;
  await typeQuery(page, '贷款');
  const during = reads.filter((r) => r.afterQuery).map((r) => r.path);
  expect(
    during.some((p) => /\/shard-\d+\.bin$/.test(p)),
    'the query reads its own postings',
  ).toBe(true);
  expect(
    during.filter((p) => RANK.test(p)),
    'nor the rank columns again',
  ).toEqual([]);
  await expect(s.results.first()).toBeVisible();
});
