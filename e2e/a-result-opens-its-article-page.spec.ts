import { expect, searchPage, test, texts, typeQuery } from './fixtures';

test('a result opens its article page with the query highlighted and a way back', async ({ page }) => {
  await page.goto('/');
  const s = searchPage(page);
  await typeQuery(page, '银行');

  const link = s.resultLinks.first();
  const title = (await link.innerText()).trim();
  const href = await link.getAttribute('href');
  expect(href).toMatch(/^\/article\/\?id=.+&q=%E9%93%B6%E8%A1%8C&back=/);
  // A flag on the window survives only if the article opens without a page load (the links are not prefetched).
  await page.evaluate(() => ((window as unknown as { bnsSamePage: boolean }).bnsSamePage = true));
  await link.click();

  await expect(page).toHaveURL(new RegExp(`/article/\\?id=.+&q=%E9%93%B6%E8%A1%8C(&|$)`));
  const h1 = page.getByRole('heading', { level: 1 });
  await expect(h1).toHaveText(title);
  expect(await page.evaluate(() => (window as unknown as { bnsSamePage?: boolean }).bnsSamePage)).toBe(true);

  const body = page.locator('article');
  await expect(body.locator('p').first()).toBeVisible();
  const marks = await texts(body.locator('mark'));
  expect(marks.length).toBeGreaterThan(0);
  for (const m of marks) expect(m).toBe('银行');
  // The first occurrence in the body is scrolled into view.
  await expect(page.locator('article > div mark').first()).toBeInViewport();

  await expect(page.getByText(/^\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?$|^日期未知$/).first()).toBeVisible();

  const back = page.getByRole('link', { name: /返回搜索结果/ });
  await expect(back).toHaveAttribute('href', '/?q=%E9%93%B6%E8%A1%8C');
  await back.click();
  await expect(s.answered('银行')).toBeVisible();
  await expect(s.resultLinks.first()).toHaveText(title);
});
