import { expect, searchPage, test } from './fixtures';

/** `YYYY-MM-DD` of each result shown, in order (the date line of each result). */
async function shownDays(page: import('@playwright/test').Page): Promise<string[]> {
  const texts = await searchPage(page).results.allInnerTexts();
  return texts.map((t) => /\d{4}-\d{2}-\d{2}/.exec(t)?.[0] ?? '');
}

test('the home page lists the newest articles with facets, pages on, and a bank facet alone browses that bank', async ({ page }) => {
  await page.goto('/');
  const s = searchPage(page);
  await expect(s.status).toHaveText(/^索引收录 [1-9]\d* 篇新闻$/);
  const latest = page.getByRole('region', { name: '最新新闻' });
  await expect(latest.getByRole('heading', { name: '最新新闻' })).toBeVisible();
  // Ten articles a page; a near-duplicate folds under its first report, so a page may show fewer rows.
  await expect(s.results.first()).toBeVisible();
  expect(await s.results.count()).toBeGreaterThanOrEqual(5);
  expect(await s.results.count()).toBeLessThanOrEqual(10);
  const days = await shownDays(page);
  expect(days.every((d) => d !== '')).toBe(true);
  expect([...days].sort().reverse()).toEqual(days);

  // The next page goes on where the first stopped.
  await page.getByRole('navigation', { name: '分页' }).getByRole('button', { name: '第 2 页' }).click();
  await expect(page).toHaveURL(/[?&]page=2/);
  await expect(s.status).toHaveText(/第 2\/\d+ 页/);
  const next = await shownDays(page);
  expect(next[0]! <= days[days.length - 1]!).toBe(true);

  // A bank chosen with no query browses that bank's news, newest first, every result naming it.
  await page.goto('/');
  const bankFacet = page.getByRole('group', { name: '银行' });
  const first = bankFacet.getByRole('checkbox').first();
  const label = (await first.locator('xpath=ancestor::label').innerText()).trim();
  const bank = label.replace(/\s*[\d,]+$/, '');
  const count = Number(/([\d,]+)$/.exec(label)?.[1]?.replace(/,/g, ''));
  await first.check();
  await expect(page).toHaveURL(/[?&]bank=/);
  await expect(s.status).toHaveText(new RegExp(`^共 ${count} 篇`));
  await expect(s.results.first()).toContainText(bank);
  expect(await s.box.inputValue()).toBe('');

  // Typing replaces the list with results.
  await page.goto('/');
  await s.box.fill('银行');
  await expect(s.answered('银行')).toBeVisible();
  await expect(page.getByRole('region', { name: '最新新闻' })).toHaveCount(0);
});
