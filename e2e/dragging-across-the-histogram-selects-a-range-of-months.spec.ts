import type { Locator } from '@playwright/test';
import { expect, histogram, lastDayOf, monthName, searchPage, test, typeQuery } from './fixtures';

async function centre(l: Locator): Promise<{ x: number; y: number }> {
  const box = await l.boundingBox();
  if (!box) throw new Error('bar not laid out');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** The fill colour a month's bar is drawn with. */
async function fillOf(page: import('@playwright/test').Page, month: string): Promise<string> {
  return page.locator(`svg rect[data-month="${month}"]`).evaluate((r) => getComputedStyle(r).fill);
}

test('dragging across the histogram selects the range of months it covers, and marks it', async ({ page }) => {
  await page.goto('/');
  const s = searchPage(page);
  await typeQuery(page, '银行');
  const h = histogram(page);
  const bars = await h.read();
  expect(bars.length).toBeGreaterThan(8);
  const [a, b] = [2, 7];
  const expected = bars.slice(a, b + 1).reduce((n, x) => n + x.count, 0);
  expect(expected).toBeGreaterThan(0);

  const start = await centre(h.bars.nth(a));
  const end = await centre(h.bars.nth(b));
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(end.x, end.y, { steps: 10 });
  // While dragging, the chart says what the range holds before anything is committed.
  await expect(h.readout).toHaveText(`${monthName(bars[a]!.month)} 至 ${monthName(bars[b]!.month)} · ${expected} 篇`);
  await expect(page).not.toHaveURL(/[?&]from=/);
  await page.mouse.up();

  await expect.poll(() => new URL(page.url()).searchParams.get('from')).toBe(`${bars[a]!.month}-01`);
  expect(new URL(page.url()).searchParams.get('to')).toBe(lastDayOf(bars[b]!.month));
  await expect(s.status).toHaveText(new RegExp(`^共 ${expected} 篇`));
  const pressed = await h.bars.evaluateAll((bs) => bs.map((x) => x.getAttribute('aria-pressed') === 'true'));
  expect(pressed).toEqual(bars.map((_, i) => i >= a && i <= b));

  // Marked on screen: a bar inside the range is drawn in another colour than one outside it.
  await page.mouse.move(0, 0);
  const inside = bars.slice(a + 1, b).find((x) => x.count > 0);
  const outside = bars.slice(b + 1).find((x) => x.count > 0) ?? bars.slice(0, a).find((x) => x.count > 0);
  expect(inside && outside, 'a drawn bar inside and one outside the range').toBeTruthy();
  expect(await fillOf(page, inside!.month)).not.toBe(await fillOf(page, outside!.month));
});
