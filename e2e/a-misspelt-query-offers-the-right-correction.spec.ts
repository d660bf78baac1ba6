import { expect, searchPage, test } from './fixtures';

test('a misspelt query that finds nothing offers the nearest indexed term with its count, one click away', async ({ page }) => {
  await page.goto(`/?q=${encodeURIComponent('交通很行')}`);
  const s = searchPage(page);
  await expect(s.status).toHaveText(/^共 0 篇/);
  const offered = page.getByRole('region', { name: '你是不是要找' }).getByRole('link', { name: /交通银行/ });
  await expect(offered).toBeVisible();
  const count = /（(\d+) 篇）/.exec(await offered.innerText())?.[1];
  await offered.click();
  await expect(s.answered('交通银行')).toBeVisible();
  await expect(s.box).toHaveValue('交通银行');
  await expect(s.status).toHaveText(new RegExp(`^共 ${count} 篇`));
});
