import { expect, searchPage, test, texts, typeQuery } from './fixtures';

/** A facet checkbox's value, without its count. */
const valueOf = async (box: import('@playwright/test').Locator) =>
  (await box.evaluate((el) => el.closest('label')?.textContent ?? '')).trim().replace(/\s*\d+$/, '');

test('each active filter shows as a chip above the results, and removing a chip drops only that filter', async ({ page }) => {
  await page.goto('/');
  const s = searchPage(page);
  await typeQuery(page, '银行');
  const chips = page.getByRole('region', { name: '已选筛选' });
  await expect(chips).toHaveCount(0);

  const bankBox = page.getByRole('group', { name: '银行' }).getByRole('checkbox').first();
  const bank = await valueOf(bankBox);
  await bankBox.check();
  const sourceBox = page.getByRole('group', { name: '来源' }).getByRole('checkbox').first();
  const source = await valueOf(sourceBox);
  await sourceBox.check();
  await page.getByLabel('从').fill('2019-01-01');
  await page.getByLabel('从').blur();
  await expect(page).toHaveURL(/[?&]from=2019-01-01/);
  await expect(s.answered('银行')).toBeVisible();

  const buttons = chips.getByRole('button', { name: /^移除筛选/ });
  expect(await buttons.evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label')))).toEqual([
    `移除筛选 银行：${bank}`,
    `移除筛选 来源：${source}`,
    '移除筛选 日期：2019-01-01 起',
  ]);
  expect(await texts(buttons)).toEqual([`银行：${bank}`, `来源：${source}`, '日期：2019-01-01 起']);
  // Above the results.
  const chipsBox = (await chips.boundingBox())!;
  expect(chipsBox.y + chipsBox.height).toBeLessThanOrEqual((await s.results.first().boundingBox())!.y);

  await chips.getByRole('button', { name: `移除筛选 银行：${bank}` }).click();
  await expect(page).not.toHaveURL(/[?&]bank=/);
  await expect(page).toHaveURL(/[?&]source=/);
  await expect(page).toHaveURL(/[?&]from=2019-01-01/);
  await expect(bankBox).not.toBeChecked();
  await expect(buttons).toHaveCount(2);

  await chips.getByRole('button', { name: '移除筛选 日期：2019-01-01 起' }).click();
  await expect(page).not.toHaveURL(/[?&]from=/);
  await expect(page.getByLabel('从')).toHaveValue('');
  await expect(buttons).toHaveCount(1);
  await expect(sourceBox).toBeChecked();
  await expect(s.box).toHaveValue('银行');
});
