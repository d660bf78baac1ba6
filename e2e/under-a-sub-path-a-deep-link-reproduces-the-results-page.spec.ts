import { countsShown, expect, searchPage, test, texts, typeQuery } from './fixtures';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test('under a sub-path, the address 分享 copies reproduces the results page, its index fetched from under the sub-path', async ({ page, browser, baseURL }) => {
  const base = new URL(baseURL!);
  await page.goto('./');
  const s = searchPage(page);
  await typeQuery(page, '银行');
  const bank = page.getByRole('group', { name: '银行' }).getByRole('checkbox').first();
  const bankLabel = (await bank.evaluate((el) => el.closest('label')?.textContent ?? '')).trim();
  await bank.check();
  await expect(page).toHaveURL(/[?&]bank=/);
  await expect(s.answered('银行')).toBeVisible();
  await expect(s.status).toHaveText(/共 \d+ 篇/);
  const status = (await s.status.innerText()).replace(/ · \d+ 毫秒/, '');
  const titles = await texts(s.resultLinks);
  expect(titles.length).toBeGreaterThan(0);

  await page.getByRole('button', { name: '分享' }).click();
  await expect(page.getByRole('button', { name: '已复制' })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(new URL(copied).pathname).toBe(base.pathname);
  expect(new URL(copied).searchParams.getAll('bank')).toHaveLength(1);

  const fresh = await browser.newPage();
  const requested: URL[] = [];
  fresh.on('request', (r) => requested.push(new URL(r.url())));
  await fresh.goto(copied);
  const t = searchPage(fresh);
  await expect(t.answered('银行')).toBeVisible();
  await expect(t.box).toHaveValue('银行');
  expect((await t.status.innerText()).replace(/ · \d+ 毫秒/, '')).toBe(status);
  expect(await texts(t.resultLinks)).toEqual(titles);
  // A filtered link's results come before its counts: the label is read once they are in.
  await countsShown(fresh);
  const checked = fresh.getByRole('group', { name: '银行' }).getByRole('checkbox', { checked: true });
  await expect(checked).toHaveCount(1);
  expect((await checked.evaluate((el) => el.closest('label')?.textContent ?? '')).trim()).toBe(bankLabel);

  // Pages, scripts, the worker and every index file come from under the sub-path; the index from its search/ folder.
  const ours = requested.filter((u) => u.origin === base.origin);
  expect(ours.map((u) => u.pathname).filter((p) => !p.startsWith(base.pathname))).toEqual([]);
  const index = ours.filter((u) => /\/(manifest\.json|g-[0-9a-f]+\/)/.test(u.pathname));
  expect(index.map((u) => u.pathname)).toContain(`${base.pathname}search/manifest.json`);
  expect(index.filter((u) => !u.pathname.startsWith(`${base.pathname}search/`))).toEqual([]);
  await fresh.close();
});
