import { expect, searchPage, test, texts, typeQuery } from './fixtures';

test('typing a query shows results with the typed words highlighted', async ({ page }) => {
  await page.goto('/');
  const s = searchPage(page);
  await expect(s.box).toBeFocused();
  await expect(page).toHaveTitle('银行新闻搜索');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');

  await typeQuery(page, '银行');

  await expect(page).toHaveURL(/[?&]q=%E9%93%B6%E8%A1%8C(&|$)/);
  await expect(page).toHaveTitle('银行 - 银行新闻搜索');
  await expect(s.status).toHaveText(/^共 [1-9]\d* 篇 · \d+ 毫秒/);
  const count = await s.results.count();
  expect(count).toBeGreaterThan(0);
  expect(count).toBeLessThanOrEqual(10);

  const first = s.results.first();
  const marks = await texts(first.locator('mark'));
  expect(marks.length).toBeGreaterThan(0);
  for (const m of marks) expect(m).toBe('银行');

  // Every result says where it points: its own article page, carrying the query and the way back here.
  const back = encodeURIComponent(`/?q=${encodeURIComponent('银行')}`);
  for (const href of await s.resultLinks.evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
    expect(href).toMatch(new RegExp(`^/article/\\?id=[^&]+&q=%E9%93%B6%E8%A1%8C&back=${back}$`));
  }
  // Each result shows a date, or says it is unknown, and its source when known.
  const bylines = await texts(s.results.getByTestId('byline'));
  expect(bylines).toHaveLength(count);
  for (const b of bylines) expect(b).toMatch(/^(\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?|日期未知)( · .+)?$/);
});
