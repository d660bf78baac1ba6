import { expect, searchPage, test, typeQuery } from './fixtures';

test('on a phone the facets fold behind 筛选 and still narrow the results', async ({ page }) => {
  await page.goto('/');
  const s = searchPage(page);
  await typeQuery(page, '银行');

  const toggle = page.getByRole('button', { name: /^筛选/ });
  const firstBank = page.getByRole('group', { name: '银行' }).getByRole('checkbox').first();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(firstBank).toBeHidden();
  // Results come first on a small screen.
  await expect(s.results.first()).toBeInViewport();

  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(firstBank).toBeVisible();
  const count = Number(/(\d+)$/.exec((await firstBank.evaluate((el) => el.closest('label')?.textContent ?? '')).trim())?.[1]);
  await firstBank.check();
  await expect(s.status).toHaveText(new RegExp(`^共 ${count} 篇`));
  await expect(toggle).toHaveText(/已选 1/);
});
