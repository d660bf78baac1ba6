import { expect, searchPage, test, typeQuery } from './fixtures';

test('↓ brings each result into view, down to the last one below the fold', async ({ page }) => {
  await page.goto('/');
  const s = searchPage(page);
  await typeQuery(page, '银行');
  const n = await s.resultLinks.count();
  expect(n).toBeGreaterThan(5);
  // Results below the fold are not laid out until they come near (content-visibility: auto).
  await expect(s.resultLinks.nth(n - 1)).not.toBeInViewport();

  for (let i = 0; i < n; i++) {
    await page.keyboard.press('ArrowDown');
    await expect(s.resultLinks.nth(i)).toBeFocused();
    await expect(s.resultLinks.nth(i)).toBeInViewport();
  }
});
