import { countsShown, expect, searchPage, test, texts, typeQuery } from './fixtures';

test('a deep link reproduces the results page the reader built by hand', async ({ page, browser }) => {
  await page.goto('/');
  const s = searchPage(page);
  await typeQuery(page, '银行');

  const bank = page.getByRole('group', { name: '银行' }).getByRole('checkbox').first();
  const bankLabel = (await bank.evaluate((el) => el.closest('label')?.textContent ?? '')).trim();
  await bank.check();
  await expect(page).toHaveURL(/[?&]bank=/);
  await page.getByRole('combobox', { name: '排序' }).selectOption('newest');
  await expect(page).toHaveURL(/[?&]sort=newest/);
  await expect(s.answered('银行')).toBeVisible();
  await expect(s.status).toHaveText(/共 \d+ 篇/);

  const url = page.url();
  const status = (await s.status.innerText()).replace(/ · \d+ 毫秒/, '');
  const titles = await texts(s.resultLinks);
  expect(titles.length).toBeGreaterThan(0);

  const fresh = await browser.newPage();
  const errors: string[] = [];
  fresh.on('pageerror', (e) => errors.push(e.message));
  fresh.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await fresh.goto(url);
  const t = searchPage(fresh);
  await expect(t.answered('银行')).toBeVisible();
  await expect(t.box).toHaveValue('银行');
  await expect(t.status).toHaveText(/共 \d+ 篇/);
  expect((await t.status.innerText()).replace(/ · \d+ 毫秒/, '')).toBe(status);
  expect(await texts(t.resultLinks)).toEqual(titles);
  await expect(fresh.getByRole('combobox', { name: '排序' })).toHaveValue('newest');
  // A filtered link's results come before its counts: the label is read once they are in.
  await countsShown(fresh);
  const checked = fresh.getByRole('group', { name: '银行' }).getByRole('checkbox', { checked: true });
  await expect(checked).toHaveCount(1);
  expect((await checked.evaluate((el) => el.closest('label')?.textContent ?? '')).trim()).toBe(bankLabel);
  expect(errors).toEqual([]);
  await fresh.close();
});
