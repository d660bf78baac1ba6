import { expect, searchPage, test, texts, typeQuery } from './fixtures';

/** `交通银行12` (a facet label: name, then count) → [name, count]. */
function parseLabel(label: string): [string, number] {
  const m = /^(.*?)\s*(\d+)$/.exec(label.trim());
  if (!m) throw new Error(`not a facet label: ${label}`);
  return [m[1]!, Number(m[2])];
}

const total = async (status: string) => Number(/共 (\d+) 篇/.exec(status)?.[1]);

test('ticking a facet value narrows the results to it, with the count it promised', async ({ page }) => {
  await page.goto('/');
  const s = searchPage(page);
  await typeQuery(page, '银行');
  const all = await total(await s.status.innerText());

  const banks = page.getByRole('group', { name: '银行' });
  const box = banks.getByRole('checkbox').first();
  const label = await box.evaluate((el) => el.closest('label')?.textContent ?? '');
  const [bank, count] = parseLabel(label);
  expect(count).toBeGreaterThan(0);
  await expect(banks.getByRole('checkbox', { name: new RegExp(`^${bank}\\s*${count}$`) })).toHaveCount(1);

  await box.check();
  await expect.poll(() => new URL(page.url()).searchParams.getAll('bank')).toEqual([bank]);
  await expect(s.status).toHaveText(new RegExp(`^共 ${count} 篇`));
  for (const chips of await s.results.getByRole('list', { name: '相关银行' }).all()) {
    expect(await texts(chips.getByRole('listitem'))).toContain(bank);
  }

  // 来源 narrows within the bank: its counts are for the results as they are now.
  const sources = page.getByRole('group', { name: '来源' });
  const sourceBox = sources.getByRole('checkbox').first();
  const [, sourceCount] = parseLabel(await sourceBox.evaluate((el) => el.closest('label')?.textContent ?? ''));
  expect(sourceCount).toBeLessThanOrEqual(count);
  await sourceBox.check();
  await expect(page).toHaveURL(/[?&]source=/);
  await expect(s.status).toHaveText(new RegExp(`^共 ${sourceCount} 篇`));

  // A ticked value stays on the list so it can be unticked.
  await sourceBox.uncheck();
  await box.uncheck();
  await expect(s.status).toHaveText(new RegExp(`^共 ${all} 篇`));
  await expect(page).not.toHaveURL(/[?&](bank|source)=/);
});

test('a value chosen in the URL stays visible at zero when the query leaves none of it', async ({ page }) => {
  await page.goto(`/?q=${encodeURIComponent('银行')}&bank=${encodeURIComponent('不存在的银行')}`);
  const s = searchPage(page);
  await expect(s.status).toHaveText(/^共 0 篇/);
  const kept = page.getByRole('group', { name: '银行' }).getByRole('checkbox', { name: /^不存在的银行\s*0$/ });
  await expect(kept).toBeChecked();
  // Unticked, a value with no results has nothing left to show.
  await kept.click();
  await expect(s.status).toHaveText(/^共 [1-9]\d* 篇/);
  await expect(kept).toHaveCount(0);
  await expect(page).not.toHaveURL(/[?&]bank=/);
});
