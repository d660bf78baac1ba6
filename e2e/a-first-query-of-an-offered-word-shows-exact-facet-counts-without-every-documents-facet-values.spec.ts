import { expect, searchPage, test } from './fixtures';

/** `交通银行12` (a facet label: name, then count) → [name, count]. */
function parseLabel(label: string): [string, number] {
  const m = /^(.*?)\s*(\d+)$/.exec(label.trim());
  if (!m) throw new Error(`not a facet label: ${label}`);
  return [m[1]!, Number(m[2])];
}

test('a first query of an offered word shows exact facet counts without every document’s facet values', async ({ page }) => {
  const read: string[] = [];
  page.context().on('request', (r) => read.push(new URL(r.url()).pathname));

  await page.goto(`/?q=${encodeURIComponent('银行')}`);
  const s = searchPage(page);
  await expect(s.answered('银行')).toBeVisible();
  await expect(s.status).toHaveText(/^共 [1-9]\d* 篇/);
  const banks = page.getByRole('group', { name: '银行' });
  await expect(banks).toHaveAttribute('aria-busy', 'false');
  await expect(banks).not.toContainText('正在统计…');
  const box = banks.getByRole('checkbox').first();
  await expect(box).toBeVisible();
  expect(read.filter((p) => /\/wfc-[0-9a-f]{14}\.bin$/.test(p))).toHaveLength(1);
  expect(read.filter((p) => p.endsWith('/facets.bin'))).toEqual([]);

  // Exact: ticking the value (which reads the facet values, to filter by them) finds the number it promised.
  const [bank, count] = parseLabel(await box.evaluate((el) => el.closest('label')?.textContent ?? ''));
  expect(count).toBeGreaterThan(0);
  await box.check();
  await expect.poll(() => new URL(page.url()).searchParams.getAll('bank')).toEqual([bank]);
  await expect(s.status).toHaveText(new RegExp(`^共 ${count} 篇`));
  expect(read.filter((p) => p.endsWith('/facets.bin')).length).toBeGreaterThan(0);
});
