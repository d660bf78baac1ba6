import { expect, paramsOf, searchPage, test, texts, typeQuery } from './fixtures';

test('an article leads back to the results page exactly as the reader left it, even after a reload', async ({ page }) => {
  await page.goto('/');
  const s = searchPage(page);
  await typeQuery(page, '银行');
  await page.getByRole('combobox', { name: '排序' }).selectOption('oldest');
  await page.getByLabel('从').fill('2019-01-01');
  await page.getByLabel('从').blur();
  await expect(page).toHaveURL(/[?&]from=2019-01-01/);
  await expect(s.answered('银行')).toBeVisible();
  const next = page.getByRole('navigation', { name: '分页' }).getByRole('button', { name: '下一页' });
  test.skip(!(await next.isVisible()), 'the corpus has a single page of results');
  await next.click();
  await expect(page).toHaveURL(/[?&]page=2/);
  await expect(s.answered('银行')).toBeVisible();

  const left = page.url();
  const status = (await s.status.innerText()).replace(/ · \d+ 毫秒/, '');
  const titles = await texts(s.resultLinks);
  const opened = s.resultLinks.nth(1);
  const openedTitle = titles[1]!;
  await opened.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(openedTitle);

  const back = page.getByRole('link', { name: /返回搜索结果/ });
  expect(paramsOf((await back.getAttribute('href'))!)).toEqual(paramsOf(left));
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(openedTitle);
  expect(paramsOf((await back.getAttribute('href'))!)).toEqual(paramsOf(left));

  await back.click();
  await expect(s.answered('银行')).toBeVisible();
  expect(new URL(page.url()).pathname).toBe('/');
  expect(paramsOf(page.url())).toEqual(paramsOf(left));
  expect((await s.status.innerText()).replace(/ · \d+ 毫秒/, '')).toBe(status);
  expect(await texts(s.resultLinks)).toEqual(titles);
  await expect(page.getByRole('combobox', { name: '排序' })).toHaveValue('oldest');
  await expect(page.getByLabel('从')).toHaveValue('2019-01-01');
  // And at the same place: the article the reader had opened holds the focus, ready for ↓/↑.
  await expect(s.resultLinks.nth(1)).toBeFocused();
});
