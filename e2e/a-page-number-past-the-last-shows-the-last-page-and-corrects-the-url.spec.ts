import { expect, searchPage, test, totalOf } from './fixtures';

test('a page number past the last shows the last page, and the URL names it', async ({ page }) => {
  const q = encodeURIComponent('银行');
  await page.goto(`/?q=${q}`);
  const s = searchPage(page);
  await expect(s.answered('银行')).toBeVisible();
  await expect(s.status).toHaveText(/共 \d+ 篇/);
  const total = await totalOf(page);
  const pages = Math.ceil(total / 10);
  test.skip(pages < 2, 'the corpus has a single page of results for 银行');

  await page.goto(`/?q=${q}&page=${pages + 40}`);
  await expect(page).toHaveURL(new RegExp(`[?&]page=${pages}(&|$)`));
  await expect(s.status).toHaveText(new RegExp(`^共 ${total} 篇 · \\d+ 毫秒 · 第 ${pages}/${pages} 页`));
  await expect(s.resultLinks).toHaveCount(total - (pages - 1) * 10);
  await expect(page.getByRole('button', { name: `第 ${pages} 页` })).toHaveAttribute('aria-current', 'page');
  // The corrected URL replaced the wrong one in history: back returns to the first page, not to the one past the last.
  await page.goBack();
  await expect(page).not.toHaveURL(/[?&]page=/);
  await expect(s.status).toHaveText(new RegExp(`^共 ${total} 篇 · \\d+ 毫秒 · 第 1/${pages} 页`));
});
