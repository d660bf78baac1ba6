import { expect, test } from './fixtures';

test('under a sub-path, an unknown address answers 404 with the styled not-found page, which leads to the search', async ({ page, baseURL, consoleErrors }) => {
  const base = new URL(baseURL!).pathname;
  // Chromium reports the page's own 404 status as a console error; it is the answer this test expects.
  consoleErrors.allow(/status of 404/);
  const response = await page.goto('./no-such-page/');
  expect(response?.status()).toBe(404);
  const heading = page.getByRole('heading', { name: '页面不存在' });
  await expect(heading).toBeVisible();
  // Its stylesheet loaded from under the sub-path: text-2xl is 24 px.
  await expect(heading).toHaveCSS('font-size', '24px');

  const home = page.getByRole('link', { name: '返回搜索' });
  await expect(home).toHaveAttribute('href', base);
  await home.click();
  await expect(page.getByRole('combobox', { name: '搜索…' })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe(base);
});
