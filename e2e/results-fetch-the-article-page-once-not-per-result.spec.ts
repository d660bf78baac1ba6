import { expect, searchPage, test, typeQuery } from './fixtures';

test('the results page fetches the article page once, not once per result', async ({ page }) => {
  const articleRequests: URL[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith('/article')) articleRequests.push(url);
  });
  await page.goto('/');
  const s = searchPage(page);
  await typeQuery(page, '银行');
  await s.box.fill('贷款');
  await expect(s.answered('贷款')).toBeVisible();
  await expect(s.resultLinks.nth(2)).toBeVisible();
  // The route prefetch is started from an effect; give it, and any per-result prefetch, time to go out.
  await expect.poll(() => articleRequests.length).toBeGreaterThan(0);
  await page.waitForTimeout(500);

  const perResult = articleRequests.filter((u) => u.searchParams.has('id'));
  expect(perResult.map((u) => u.href)).toEqual([]);
  const hrefs = articleRequests.map((u) => u.href);
  expect(hrefs, 'each article-route file requested once across the two queries').toEqual([...new Set(hrefs)]);
});
