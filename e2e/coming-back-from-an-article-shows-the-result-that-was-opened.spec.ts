import { expect, searchPage, test, typeQuery } from './fixtures';

test('coming back from an article opened far down the list shows that result, in view and focused', async ({ page }) => {
  await page.goto('/');
  const s = searchPage(page);
  await typeQuery(page, '银行');
  const n = await s.resultLinks.count();
  expect(n).toBeGreaterThan(5);
  const opened = s.resultLinks.nth(n - 1);
  const title = (await opened.innerText()).trim();
  await opened.scrollIntoViewIfNeeded();
  await opened.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);

  await page.getByRole('link', { name: /返回搜索结果/ }).click();
  await expect(s.answered('银行')).toBeVisible();
  await expect(s.resultLinks.nth(n - 1)).toBeFocused();
  await expect(s.resultLinks.nth(n - 1)).toBeInViewport();
  await expect(s.resultLinks.nth(0)).not.toBeInViewport();
});
