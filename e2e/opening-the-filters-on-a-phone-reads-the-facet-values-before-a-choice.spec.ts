import { expect, searchPage, test } from './fixtures';

test('opening the filters on a phone reads the facet values before a choice, not with the first answer', async ({ page }) => {
  const facetReads: string[] = [];
  const wordFileReads: string[] = [];
  page.context().on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.endsWith('/facets.bin')) facetReads.push(path);
    if (/\/wfc-[0-9a-f]{14}\.bin$/.test(path)) wordFileReads.push(path);
  });
  await page.goto(`/?q=${encodeURIComponent('银行')}`);
  const s = searchPage(page);
  await expect(s.answered('银行')).toBeVisible();
  const toggle = page.getByRole('button', { name: /^筛选/ });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  // The lists are folded away, so it is the status line that says the answer is in. Nothing only the counts
  // need has been read, not even the offered word's stored counts, and not once the page is idle.
  await expect(s.status).toHaveText(/^共 [1-9]\d* 篇/);
  await page.waitForLoadState('networkidle');
  expect(wordFileReads).toEqual([]);
  expect(facetReads).toEqual([]);

  await toggle.tap();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  // The values a choice needs are read while the reader looks at the lists, before any value is ticked. The
  // counts come from the word's file or, when the values arrived first (a fast link), from the values: the same numbers.
  const banks = page.getByRole('group', { name: '银行' });
  await expect(banks).toHaveAttribute('aria-busy', 'false');
  await expect.poll(() => facetReads.length).toBeGreaterThan(0);
  expect(wordFileReads.length).toBeLessThanOrEqual(1);
  const firstBank = banks.getByRole('checkbox').first();
  const count = Number(/(\d+)$/.exec((await firstBank.evaluate((el) => el.closest('label')?.textContent ?? '')).trim())?.[1]);
  await firstBank.check();
  await expect(s.status).toHaveText(new RegExp(`^共 ${count} 篇`));
});
