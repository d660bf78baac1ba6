import { expect, openThenComeBack, searchPage, test, typeQuery } from './fixtures';

test('coming back from an article opened far down the list shows that result, in view and focused', async ({ page }) => {
  await page.goto('/');
  const s = searchPage(page);
  await typeQuery(page, '银行');
  const n = await s.resultLinks.count();
  expect(n).toBeGreaterThan(5);
  await openThenComeBack(page, s.resultLinks.nth(n - 1), '银行');
  await expect(s.resultLinks.nth(n - 1)).toBeFocused();
  await expect(s.resultLinks.nth(n - 1)).toBeInViewport();
  await expect(s.resultLinks.nth(0)).not.toBeInViewport();
});
