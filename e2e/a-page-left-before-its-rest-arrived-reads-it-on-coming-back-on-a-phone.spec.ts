import type { Route } from '@playwright/test';
import { expect, firstAnswerOnAPhone, FRAGMENTS, scrollThroughResults, searchPage, test } from './fixtures';

test('a page left before the rest of its results arrived reads them when the reader comes back to it on a phone', async ({ page }) => {
  const s = searchPage(page);
  await firstAnswerOnAPhone(page, '银行');

  // The rest is on its way, held, when the reader goes on to the next page.
  const held: Route[] = [];
  let holding = true;
  await page.context().route(FRAGMENTS, (route) => (holding ? void held.push(route) : route.continue()));
  await page.getByTestId('more-results').scrollIntoViewIfNeeded();
  await expect.poll(() => held.length).toBeGreaterThan(0);
  await page.getByRole('navigation', { name: '分页' }).getByRole('button', { name: '下一页' }).click();
  await expect(page).toHaveURL(/[?&]page=2/);
  holding = false;
  await Promise.all(held.map((r) => r.continue()));
  await expect(s.status).toHaveText(/第 2\/\d+ 页/);

  await page.goBack();
  await expect(page).not.toHaveURL(/[?&]page=/);
  await expect(s.status).toHaveText(/第 1\/\d+ 页/);
  await scrollThroughResults(page);
  await expect(s.results).toHaveCount(10);
});
