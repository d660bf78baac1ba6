import type { Locator } from '@playwright/test';
import { expect, searchPage, test, typeQuery } from './fixtures';

/** A result is marked when it holds the keyboard focus: its background is no longer the page's. */
const marked = (result: Locator) =>
  result.evaluate(
    (li) =>
      getComputedStyle(li).backgroundColor !== getComputedStyle(document.body).backgroundColor && getComputedStyle(li).backgroundColor !== 'rgba(0, 0, 0, 0)',
  );

test('↓ and ↑ move a visible selection through the results and Enter opens the selected article', async ({ page }) => {
  await page.goto('/');
  const s = searchPage(page);
  await typeQuery(page, '银行');
  await expect(s.box).toBeFocused();
  expect(await s.results.count()).toBeGreaterThan(2);

  await page.keyboard.press('ArrowDown');
  await expect(s.resultLinks.nth(0)).toBeFocused();
  expect(await marked(s.results.nth(0))).toBe(true);
  expect(await marked(s.results.nth(1))).toBe(false);

  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(s.resultLinks.nth(2)).toBeFocused();
  expect(await marked(s.results.nth(2))).toBe(true);
  expect(await marked(s.results.nth(0))).toBe(false);

  await page.keyboard.press('ArrowUp');
  await expect(s.resultLinks.nth(1)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(s.box).toBeFocused();
  await expect(s.box).toHaveValue('银行');

  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(s.resultLinks.nth(1)).toBeFocused();
  const title = (await s.resultLinks.nth(1).innerText()).trim();
  const id = new URL((await s.resultLinks.nth(1).getAttribute('href'))!, page.url()).searchParams.get('id');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/article/\\?id=${encodeURIComponent(id!).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}&`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
});
