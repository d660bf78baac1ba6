import { expect, searchPage, test, texts, typeQuery } from './fixtures';

const days = async (page: import('@playwright/test').Page) =>
  (await texts(searchPage(page).results.getByTestId('byline').locator('time'))).map((t) => t.slice(0, 10));

test('sorting by newest and oldest orders results by date, and the date inputs bound them', async ({ page }) => {
  await page.goto('/');
  const s = searchPage(page);
  await typeQuery(page, '银行');
  const sort = page.getByRole('combobox', { name: '排序' });

  await sort.selectOption('newest');
  await expect(page).toHaveURL(/[?&]sort=newest/);
  await expect(s.answered('银行')).toBeVisible();
  const newest = await days(page);
  expect(newest.length).toBeGreaterThan(1);
  expect([...newest].sort().reverse()).toEqual(newest);

  await sort.selectOption('oldest');
  await expect(page).toHaveURL(/[?&]sort=oldest/);
  await expect(s.answered('银行')).toBeVisible();
  const oldest = await days(page);
  expect([...oldest].sort()).toEqual(oldest);

  // Bound the dates to the span of the oldest page: everything shown must fall inside.
  const from = oldest[0]!;
  const to = oldest[oldest.length - 1]!;
  await page.getByLabel('从').fill(from);
  await page.getByLabel('从').blur();
  await expect(page).toHaveURL(new RegExp(`[?&]from=${from}`));
  await page.getByLabel('到').fill(to);
  await page.getByLabel('到').blur();
  await expect(page).toHaveURL(new RegExp(`[?&]to=${to}`));
  await expect(s.answered('银行')).toBeVisible();
  await expect(s.status).toHaveText(/^共 [1-9]\d* 篇/);
  for (const d of await days(page)) {
    expect(d >= from && d <= to, `${d} within ${from}..${to}`).toBe(true);
  }
  await expect(s.results.getByText('日期未知')).toHaveCount(0);
});
