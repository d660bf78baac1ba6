import { expect, searchPage, test, typeQuery } from './fixtures';

test('typing replaces the history entry, committing a filter pushes one', async ({ page }) => {
  await page.goto('/');
  const s = searchPage(page);
  const length = () => page.evaluate(() => history.length);
  const before = await length();

  await typeQuery(page, '银行');
  expect(await length(), 'one entry for the whole typed query, not one per keystroke').toBe(before);

  const firstBank = page.getByRole('group', { name: '银行' }).getByRole('checkbox').first();
  await firstBank.check();
  await expect(page).toHaveURL(/[?&]bank=/);
  expect(await length()).toBe(before + 1);

  await page.goBack();
  await expect(page).not.toHaveURL(/[?&]bank=/);
  await expect(page).toHaveURL(/[?&]q=%E9%93%B6%E8%A1%8C/);
  await expect(firstBank).not.toBeChecked();
  await expect(s.box).toHaveValue('银行');
});
