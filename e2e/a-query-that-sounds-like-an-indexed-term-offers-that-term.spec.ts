import { expect, searchPage, test } from './fixtures';

test('a query that finds nothing but sounds like an indexed term offers that term first, with its count', async ({ page }) => {
  // 浦汇 is pu hui like 普惠, two characters away from it: only its sound finds it.
  await page.goto(`/?q=${encodeURIComponent('浦汇金融')}`);
  const s = searchPage(page);
  await expect(s.status).toHaveText(/^共 0 篇/);
  const offered = page.getByRole('region', { name: '你是不是要找' }).getByRole('link');
  await expect(offered.first()).toHaveText(/普惠金融（\d+ 篇）/);
  const count = /（(\d+) 篇）/.exec(await offered.first().innerText())?.[1];
  await offered.first().click();
  await expect(s.answered('普惠金融')).toBeVisible();
  await expect(s.box).toHaveValue('普惠金融');
  await expect(s.status).toHaveText(new RegExp(`^共 ${count} 篇`));
});
