import { expect, searchPage, test, typeQuery } from './fixtures';

test('jtyh finds 交通银行 articles, says it searched the pinyin, and one click searches the letters as typed', async ({ page }) => {
  await page.goto(`/?q=${encodeURIComponent('交通银行')}`);
  const s = searchPage(page);
  await expect(s.answered('交通银行')).toBeVisible();
  const total = /^共 (\d+) 篇/.exec((await s.status.innerText()).trim())?.[1];
  expect(Number(total)).toBeGreaterThan(0);

  await page.goto('/');
  await typeQuery(page, 'jtyh');
  await expect(page.getByTestId('pinyin-notice')).toContainText('已按拼音搜索：交通银行');
  await expect(s.status).toHaveText(new RegExp(`^共 ${total} 篇`));
  await expect(s.results.first()).toContainText('交通银行');

  await page.getByRole('button', { name: '仍然搜索“jtyh”' }).click();
  await expect(page).toHaveURL(/[?&]literal=1/);
  await expect(s.status).toHaveText(/^共 0 篇/);
  await expect(page.getByTestId('pinyin-notice')).toBeHidden();
});
