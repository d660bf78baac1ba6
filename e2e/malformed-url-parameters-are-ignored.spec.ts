import { expect, searchPage, test, texts } from './fixtures';

test('unknown or malformed URL parameters are ignored, never an error', async ({ page }) => {
  await page.goto(`/?q=${encodeURIComponent('银行')}`);
  const s = searchPage(page);
  await expect(s.status).toHaveText(/^共 [1-9]\d* 篇/);
  const status = (await s.status.innerText()).replace(/ · \d+ 毫秒/, '');
  const titles = await texts(s.resultLinks);

  const junk = ['sort=bogus', 'page=-3', 'page=abc', 'from=2022-13-45', 'to=yesterday', 'bank=', 'utm_source=x', 'q2=%E0%A4%A'];
  await page.goto(`/?q=${encodeURIComponent('银行')}&${junk.join('&')}`);
  await expect(s.status).toHaveText(/^共 [1-9]\d* 篇/);
  expect((await s.status.innerText()).replace(/ · \d+ 毫秒/, '')).toBe(status);
  expect(await texts(s.resultLinks)).toEqual(titles);
  await expect(page.getByRole('combobox', { name: '排序' })).toHaveValue('relevance');
  await expect(page.getByRole('main').getByRole('alert')).toHaveCount(0);
});
