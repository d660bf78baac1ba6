import { expect, searchPage, test } from './fixtures';

/** `交通银行12` (a facet label: name, then count) → [name, count]. */
function parseLabel(label: string): [string, number] {
  const m = /^(.*?)\s*(\d+)$/.exec(label.trim());
  if (!m) throw new Error(`not a facet label: ${label}`);
  return [m[1]!, Number(m[2])];
}

test('a first query shows its results before the facet counts, which then arrive exact', async ({ page }) => {
  // Hold every download of the facet values until the results are on screen.
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  const held: string[] = [];
  await page.route(/\/facets\.bin$/, async (route) => {
    held.push(new URL(route.request().url()).pathname);
    await released;
    await route.continue();
  });

  // Two words: the build stores the counts of one offered word alone (the next spec).
  const query = '银行 贷款';
  await page.goto(`/?q=${encodeURIComponent(query)}`);
  const s = searchPage(page);
  await expect(s.answered(query)).toBeVisible();
  await expect(s.status).toHaveText(/^共 [1-9]\d* 篇/);
  expect(await s.results.count()).toBeGreaterThan(1);
  const banks = page.getByRole('group', { name: '银行' });
  await expect(banks).toHaveAttribute('aria-busy', 'true');
  await expect(banks).toContainText('正在统计…');
  await expect(banks.getByRole('checkbox')).toHaveCount(0);
  // Every facet of the table waits alike.
  await expect(page.getByRole('group', { name: '来源' })).toContainText('正在统计…');
  await expect.poll(() => held.length).toBeGreaterThan(0);

  release();
  await expect(banks).toHaveAttribute('aria-busy', 'false');
  await expect(banks).not.toContainText('正在统计…');
  const box = banks.getByRole('checkbox').first();
  const [bank, count] = parseLabel(await box.evaluate((el) => el.closest('label')?.textContent ?? ''));
  expect(count).toBeGreaterThan(0);
  // Exact: ticking the value finds the number it promised.
  await box.check();
  await expect.poll(() => new URL(page.url()).searchParams.getAll('bank')).toEqual([bank]);
  await expect(s.status).toHaveText(new RegExp(`^共 ${count} 篇`));
});
