import { expect, searchPage, test, typeQuery } from './fixtures';

/** `青海12` (a facet label: name, then count) → [name, count]. */
function parseLabel(label: string): [string, number] {
  const m = /^(.*?)\s*(\d+)$/.exec(label.trim());
  if (!m) throw new Error(`not a facet label: ${label}`);
  return [m[1]!, Number(m[2])];
}

test('the 省份 facet narrows the results to a province, keeps it in the URL, and shows it as a chip', async ({ page }) => {
  await page.goto('/');
  const s = searchPage(page);
  await typeQuery(page, '银行');

  const provinces = page.getByRole('group', { name: '省份' });
  const boxes = provinces.getByRole('checkbox');
  expect(await boxes.count()).toBeGreaterThan(1);
  const [first, firstCount] = parseLabel(await boxes.nth(0).evaluate((el) => el.closest('label')?.textContent ?? ''));
  const [second, secondCount] = parseLabel(await boxes.nth(1).evaluate((el) => el.closest('label')?.textContent ?? ''));
  expect(firstCount).toBeGreaterThan(0);

  await boxes.nth(0).check();
  await expect.poll(() => new URL(page.url()).searchParams.getAll('province')).toEqual([first]);
  await expect(s.status).toHaveText(new RegExp(`^共 ${firstCount} 篇`));
  await expect(page.getByRole('region', { name: '已选筛选' }).getByRole('button', { name: `移除筛选 省份：${first}` })).toBeVisible();

  // Disjunctive within the facet: its own counts ignore its selection, so a second province adds its articles
  // (an article of both provinces is counted once).
  await provinces.getByRole('checkbox', { name: new RegExp(`^${second}\\s*${secondCount}$`) }).check();
  await expect.poll(() => new URL(page.url()).searchParams.getAll('province')).toEqual([first, second]);
  await expect(page.getByRole('region', { name: '结果' })).toHaveAttribute('aria-busy', 'false');
  await expect(s.status).toHaveText(/^共 \d+ 篇/);
  const both = Number(/共 (\d+) 篇/.exec(await s.status.innerText())?.[1]);
  expect(both).toBeGreaterThanOrEqual(Math.max(firstCount, secondCount));
  expect(both).toBeLessThanOrEqual(firstCount + secondCount);

  // The link reproduces the page.
  await page.goto(page.url());
  await expect(s.status).toHaveText(new RegExp(`^共 ${both} 篇`));
  await expect(provinces.getByRole('checkbox', { checked: true })).toHaveCount(2);
});
