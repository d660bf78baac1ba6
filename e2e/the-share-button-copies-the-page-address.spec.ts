import { expect, searchPage, test, typeQuery } from './fixtures';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test('分享 copies the address of the results page and says 已复制', async ({ page }) => {
  await page.goto('/');
  const s = searchPage(page);
  await typeQuery(page, '银行');
  await page.getByRole('group', { name: '银行' }).getByRole('checkbox').first().check();
  await page.getByRole('combobox', { name: '排序' }).selectOption('oldest');
  await expect(page).toHaveURL(/[?&]bank=.*sort=oldest|sort=oldest.*[?&]bank=/);
  await expect(s.answered('银行')).toBeVisible();

  await page.evaluate(() => navigator.clipboard.writeText('nothing yet'));
  const share = page.getByRole('button', { name: '分享' });
  await share.click();
  await expect(page.getByRole('button', { name: '已复制' })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(await page.evaluate(() => location.href));
  expect(new URL(copied).searchParams.get('q')).toBe('银行');
  expect(new URL(copied).searchParams.get('sort')).toBe('oldest');
  expect(new URL(copied).searchParams.getAll('bank')).toHaveLength(1);

  // The confirmation goes away by itself, and the button can be used again.
  await expect(share).toBeVisible({ timeout: 5_000 });
});
