import { expect, firstAnswerOnAPhone, FRAGMENTS, searchPage, test } from './fixtures';

test('a failed read of the rest of a page on a phone says so under the results shown, and 重试 reads it', async ({ page }) => {
  const s = searchPage(page);
  await firstAnswerOnAPhone(page, '银行');

  await page.context().route(FRAGMENTS, (route) => route.abort());
  await page.getByTestId('more-results').scrollIntoViewIfNeeded();
  const alert = page.getByRole('alert').filter({ hasText: '本页其余 4 条结果加载失败' });
  await expect(alert).toBeVisible();
  // What was shown stays.
  await expect(s.results).toHaveCount(6);

  await page.context().unroute(FRAGMENTS);
  await alert.getByRole('button', { name: '重试' }).click();
  await expect(s.results).toHaveCount(10);
  await expect(alert).toHaveCount(0);
  // The focus the 重试 button had goes on to the first result it read, not to the page's body.
  await expect(s.resultLinks.nth(6)).toBeFocused();
});
