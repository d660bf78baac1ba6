import { expect, searchPage, test, typeQuery } from './fixtures';

test('a query that matches nothing says so and suggests other searches', async ({ page }) => {
  await page.goto('/');
  const s = searchPage(page);
  await typeQuery(page, '量子火锅蜗牛');
  await expect(s.status).toHaveText(/^共 0 篇/);
  await expect(page.getByRole('heading', { name: '没有找到相关新闻' })).toBeVisible();
  await expect(s.results).toHaveCount(0);
  await expect(page.getByRole('region', { name: '或者试试' }).getByRole('link').first()).toBeVisible();
});
