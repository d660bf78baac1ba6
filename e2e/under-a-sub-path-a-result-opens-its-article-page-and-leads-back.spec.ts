import { expect, searchPage, test, typeQuery } from './fixtures';

test('under a sub-path, a result opens its article page, which leads back to the results, also after a reload', async ({ page, baseURL }) => {
  const base = new URL(baseURL!).pathname;
  await page.goto('./');
  await expect(page.getByRole('link', { name: '银行新闻搜索' })).toHaveAttribute('href', base);
  const s = searchPage(page);
  await typeQuery(page, '银行');

  const link = s.resultLinks.first();
  const title = (await link.innerText()).trim();
  expect(await link.getAttribute('href')).toMatch(new RegExp(`^${base}article/\\?id=.+&q=%E9%93%B6%E8%A1%8C&back=`));
  await link.click();
  await expect(page).toHaveURL(new RegExp(`^[^?]*${base}article/\\?id=`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);

  // A full load of the article's own page, from under the sub-path.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.locator('article mark').first()).toHaveText('银行');
  const back = page.getByRole('link', { name: /返回搜索结果/ });
  await expect(back).toHaveAttribute('href', `${base}?q=%E9%93%B6%E8%A1%8C`);

  await back.click();
  await expect(s.answered('银行')).toBeVisible();
  expect(new URL(page.url()).pathname).toBe(base);
  await expect(s.resultLinks.first()).toHaveText(title);
});
