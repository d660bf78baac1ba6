import { expect, searchPage, test, typeQuery } from './fixtures';

test('/ focuses the search box from anywhere and Esc clears it', async ({ page }) => {
  await page.goto('/');
  const s = searchPage(page);
  await typeQuery(page, '银行');

  await s.resultLinks.first().focus();
  await expect(s.box).not.toBeFocused();
  await page.keyboard.press('/');
  await expect(s.box).toBeFocused();
  await expect(s.box).toHaveValue('银行');

  await page.keyboard.press('Escape');
  await expect(s.box).toHaveValue('');
  await expect(page).not.toHaveURL(/[?&]q=/);
  await expect(s.status).toHaveText(/^索引收录 \d+ 篇/);
  // Back to the page without a query: the newest articles, no results of 银行.
  await expect(page.getByRole('region', { name: '最新新闻' })).toBeVisible();
  await expect(s.answered('银行')).toHaveCount(0);

  // Typing a / into the box is just a character.
  await page.keyboard.type('a/b');
  await expect(s.box).toHaveValue('a/b');
});
