import { expect, test } from './fixtures';

test('an article id the index does not know shows a friendly message, not an error', async ({ page }) => {
  await page.goto(`/article/?id=no-such-article-${Date.now()}&q=${encodeURIComponent('银行')}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('找不到这篇文章');
  await expect(page.getByRole('main').getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('link', { name: '搜索“银行”' })).toHaveAttribute('href', '/?q=%E9%93%B6%E8%A1%8C');

  await page.goto('/article/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('找不到这篇文章');
});

test('a path the site does not have shows the 404 page with a way home', async ({ page, consoleErrors }) => {
  consoleErrors.allow(/404/);
  const res = await page.goto('/no/such/page/');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('页面不存在');
  await page.getByRole('link', { name: '返回搜索' }).click();
  await expect(page.getByRole('combobox', { name: '搜索…' })).toBeVisible();
});
