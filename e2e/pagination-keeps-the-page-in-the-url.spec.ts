import { expect, searchPage, test, texts, typeQuery } from './fixtures';

test('the next page is a new URL (page=2) that back returns from', async ({ page }) => {
  await page.goto('/');
  const s = searchPage(page);
  await typeQuery(page, '银行');
  const total = Number(/共 (\d+) 篇/.exec(await s.status.innerText())?.[1]);
  test.skip(total <= 10, 'the corpus has a single page of results for 银行');
  const pageOne = await texts(s.resultLinks);

  await page.getByRole('navigation', { name: '分页' }).getByRole('button', { name: '下一页' }).click();
  await expect(page).toHaveURL(/[?&]page=2(&|$)/);
  await expect(s.status).toHaveText(new RegExp(`^共 ${total} 篇 · \\d+ 毫秒 · 第 2/${Math.ceil(total / 10)} 页`));
  await expect(page.getByRole('button', { name: '第 2 页' })).toHaveAttribute('aria-current', 'page');
  const pageTwo = await texts(s.resultLinks);
  expect(pageTwo.length).toBeGreaterThan(0);
  expect(pageTwo).not.toEqual(pageOne);

  await page.goBack();
  await expect(page).not.toHaveURL(/[?&]page=/);
  await expect(s.resultLinks.first()).toHaveText(pageOne[0]!);

  // A new query starts again from the first page.
  await page.goForward();
  await expect(page).toHaveURL(/[?&]page=2/);
  await s.box.fill('银行 贷款');
  await expect(page).not.toHaveURL(/[?&]page=/);
});
