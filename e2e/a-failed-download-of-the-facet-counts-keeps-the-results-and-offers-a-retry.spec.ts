import { countsShown, expect, searchPage, test } from './fixtures';

test('a failed download of the facet counts keeps the results and offers a retry', async ({ page }) => {
  let failing = true;
  await page.route(/\/facets\.bin$/, (route) => (failing ? route.abort('connectionreset') : route.continue()));

  // Two words: the counts of one offered word alone come stored, without the facet values.
  const query = '银行 贷款';
  await page.goto(`/?q=${encodeURIComponent(query)}`);
  const s = searchPage(page);
  await expect(s.answered(query)).toBeVisible();
  const banks = page.getByRole('group', { name: '银行' });
  // The engine's retries fail too; then the lists say so and the results stay.
  await expect(banks).toContainText('统计失败', { timeout: 15_000 });
  await expect(s.status).toHaveText(/^共 [1-9]\d* 篇/);
  const total = Number(/共 (\d+) 篇/.exec(await s.status.innerText())?.[1]);
  expect(await s.results.count()).toBeGreaterThan(1);
  // No error in place of the results (the page's alert has a 重试 of its own).
  await expect(page.getByRole('alert').filter({ hasText: '重试' })).toHaveCount(0);

  failing = false;
  await banks.getByRole('button', { name: '重试' }).click();
  await countsShown(page);
  await expect(banks.getByRole('checkbox').first()).toBeVisible();
  await expect(banks).not.toContainText('统计失败');
  await expect(s.status).toHaveText(new RegExp(`^共 ${total} 篇`));
});
