import { countsShown, expect, searchPage, test } from './fixtures';

test('a filtered link whose counts fail to download keeps its ticked value, without a count, and offers a retry', async ({ page }) => {
  let failing = true;
  await page.route(/\/facets\.bin$/, (route) => (failing ? route.abort('connectionreset') : route.continue()));

  await page.goto(`/?q=${encodeURIComponent('银行')}&bank=${encodeURIComponent('交通银行')}`);
  const s = searchPage(page);
  await expect(s.answered('银行')).toBeVisible();
  await expect(s.status).toHaveText(/^共 [1-9]\d* 篇/);
  const total = Number(/共 (\d+) 篇/.exec(await s.status.innerText())?.[1]);
  const banks = page.getByRole('group', { name: '银行' });
  await expect(banks).toContainText('统计失败', { timeout: 15_000 });
  // The ticked value stays, to be unticked, and claims no count it does not have.
  const ticked = banks.getByRole('checkbox', { checked: true });
  await expect(ticked).toHaveCount(1);
  const label = banks.locator('label').filter({ has: page.getByRole('checkbox', { checked: true }) });
  await expect(label).toHaveText('交通银行');

  failing = false;
  await banks.getByRole('button', { name: '重试' }).click();
  await countsShown(page);
  await expect(banks).not.toContainText('统计失败');
  // The bank's count ignores its own selection: every result holds it, so it is the total.
  await expect(label).toHaveText(new RegExp(`^交通银行\\s*${total}$`));
  await expect(s.status).toHaveText(new RegExp(`^共 ${total} 篇`));
});
