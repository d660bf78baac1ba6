import { expect, histogram, searchPage, test, totalOf, typeQuery } from './fixtures';

test('清除全部 drops every filter at once but keeps the words and the sort order', async ({ page }) => {
  await page.goto('/');
  const s = searchPage(page);
  await typeQuery(page, '银行');
  const all = await totalOf(page);
  await page.getByRole('combobox', { name: '排序' }).selectOption('newest');
  await expect(page).toHaveURL(/[?&]sort=newest/);

  await page.getByRole('group', { name: '银行' }).getByRole('checkbox').first().check();
  await page.getByRole('group', { name: '来源' }).getByRole('checkbox').first().check();
  await histogram(page).bars.last().click();
  await expect(page).toHaveURL(/[?&]from=.*[?&]?to=/);
  const chips = page.getByRole('region', { name: '已选筛选' });
  await expect(chips.getByRole('button', { name: /^移除筛选/ })).toHaveCount(3);

  await chips.getByRole('button', { name: '清除全部' }).click();
  await expect(page).not.toHaveURL(/[?&](bank|source|from|to)=/);
  const params = new URL(page.url()).searchParams;
  expect(params.get('q')).toBe('银行');
  expect(params.get('sort')).toBe('newest');
  await expect(s.box).toHaveValue('银行');
  await expect(chips).toHaveCount(0);
  await expect(page.getByRole('checkbox', { checked: true })).toHaveCount(0);
  await expect(s.answered('银行')).toBeVisible();
  await expect(s.status).toHaveText(new RegExp(`^共 ${all} 篇`));

  // One step in history: back brings every filter back.
  await page.goBack();
  await expect(chips.getByRole('button', { name: /^移除筛选/ })).toHaveCount(3);
});
