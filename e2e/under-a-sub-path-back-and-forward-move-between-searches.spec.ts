import { expect, searchPage, test, typeQuery } from './fixtures';

test('under a sub-path, back and forward move between the searches and stay under it', async ({ page, baseURL }) => {
  const base = new URL(baseURL!).pathname;
  await page.goto('./');
  const s = searchPage(page);
  const bank = page.getByRole('group', { name: '银行' }).getByRole('checkbox').first();
  const sort = page.getByRole('combobox', { name: '排序' });

  await typeQuery(page, '银行');
  await bank.check();
  await expect(page).toHaveURL(/[?&]bank=/);
  await sort.selectOption('oldest');
  await expect(page).toHaveURL(/[?&]sort=oldest/);
  await expect(s.answered('银行')).toBeVisible();

  await page.goBack();
  await expect(page).not.toHaveURL(/[?&]sort=/);
  await expect(sort).toHaveValue('relevance');
  await expect(bank).toBeChecked();
  expect(new URL(page.url()).pathname).toBe(base);

  await page.goBack();
  await expect(page).not.toHaveURL(/[?&]bank=/);
  await expect(bank).not.toBeChecked();
  await expect(s.box).toHaveValue('银行');
  expect(new URL(page.url()).pathname).toBe(base);

  await page.goForward();
  await expect(page).toHaveURL(/[?&]bank=/);
  await expect(bank).toBeChecked();
  await page.goForward();
  await expect(page).toHaveURL(/[?&]sort=oldest/);
  await expect(sort).toHaveValue('oldest');
  await expect(s.answered('银行')).toBeVisible();
  expect(new URL(page.url()).pathname).toBe(base);
});
