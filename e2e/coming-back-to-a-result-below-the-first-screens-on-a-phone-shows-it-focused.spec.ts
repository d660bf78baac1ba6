import { expect, openThenComeBack, scrollThroughResults, searchPage, test } from './fixtures';

test('coming back to a result below the first screens on a phone reads the rest of the page and shows that result, focused', async ({ page }) => {
  const s = searchPage(page);
  await page.goto(`/?q=${encodeURIComponent('银行')}`);
  await expect(s.answered('银行')).toBeVisible();
  await scrollThroughResults(page);
  await expect(s.results).toHaveCount(10);
  const title = await openThenComeBack(page, s.resultLinks.nth(9), '银行');
  // The page comes back with its first results only; the one the reader had opened is read with the rest.
  await expect(s.resultLinks.nth(9)).toHaveText(title);
  await expect(s.resultLinks.nth(9)).toBeFocused();
  await expect(s.resultLinks.nth(9)).toBeInViewport();
});
