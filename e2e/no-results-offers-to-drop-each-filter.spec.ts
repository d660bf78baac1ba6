import { expect, searchPage, test } from './fixtures';

/** e2e/fixtures/articles/same-story-*.md: two reports of 2023-06-12 that name 交通银行 only. */
const TOKEN = '青鸾普惠贷';

test('when filters leave nothing, a button per filter drops it and says what that would find', async ({ page }) => {
  await page.goto(`/?q=${encodeURIComponent(TOKEN)}&bank=${encodeURIComponent('工商银行')}&from=2023-07-01`);
  const s = searchPage(page);
  await expect(s.status).toHaveText(/^共 0 篇/);
  const drops = page.getByRole('region', { name: '去掉筛选条件' }).getByRole('button');
  // Dropping either filter alone still finds nothing here, and the buttons say so.
  await expect(drops).toHaveText(['去掉 银行：工商银行（0 篇）', '去掉 日期：2023-07-01 起（0 篇）']);

  await drops.filter({ hasText: '日期' }).click();
  await expect(page).not.toHaveURL(/[?&]from=/);
  await expect(page).toHaveURL(/[?&]bank=/);
  await expect(s.status).toHaveText(/^共 0 篇/);
  await expect(drops).toHaveText(['去掉 银行：工商银行（2 篇）']);

  await drops.click();
  await expect(s.status).toHaveText(/^共 2 篇/);
  await expect(page).not.toHaveURL(/[?&]bank=/);
  await expect(s.box).toHaveValue(TOKEN);
  await expect(page.getByRole('region', { name: '去掉筛选条件' })).toHaveCount(0);
});
