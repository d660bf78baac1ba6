import { expect, histogram, lastDayOf, searchPage, test, typeQuery } from './fixtures';

test('on a phone the month histogram fits the screen, a tap picks a month and a swipe a range', async ({ page }) => {
  await page.goto('/');
  const s = searchPage(page);
  await typeQuery(page, '银行');
  const h = histogram(page);
  const bars = await h.read();
  expect(bars.length).toBeGreaterThan(8);

  // Above the results, inside the screen, without sideways scrolling.
  const chart = await h.group.boundingBox();
  const width = page.viewportSize()!.width;
  expect(chart!.x).toBeGreaterThanOrEqual(0);
  expect(chart!.x + chart!.width).toBeLessThanOrEqual(width);
  expect(chart!.width).toBeGreaterThan(width * 0.8);
  await expect(h.group).toBeInViewport();
  const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  expect(scroll).toBeLessThanOrEqual(client);

  const busiest = bars.reduce((best, b, i) => (b.count > bars[best]!.count ? i : best), 0);
  await h.bars.nth(busiest).tap();
  await expect.poll(() => new URL(page.url()).searchParams.get('from')).toBe(`${bars[busiest]!.month}-01`);
  await expect(s.status).toHaveText(new RegExp(`^共 ${bars[busiest]!.count} 篇`));

  // A sideways swipe across the bars selects the months it covers. (The chips above moved the chart down.)
  const [a, b] = [1, 6];
  const expected = bars.slice(a, b + 1).reduce((n, x) => n + x.count, 0);
  const now = (await h.group.boundingBox())!;
  const y = now.y + now.height / 2;
  const xOf = (i: number) => now.x + ((i + 0.5) * now.width) / bars.length;
  const cdp = await page.context().newCDPSession(page);
  const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', x: number) =>
    cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y, id: 1 }] });
  await touch('touchStart', xOf(a));
  for (let k = 1; k <= 8; k++) await touch('touchMove', xOf(a) + ((xOf(b) - xOf(a)) * k) / 8);
  await touch('touchEnd', xOf(b));
  await expect.poll(() => new URL(page.url()).searchParams.get('from')).toBe(`${bars[a]!.month}-01`);
  expect(new URL(page.url()).searchParams.get('to')).toBe(lastDayOf(bars[b]!.month));
  await expect(s.status).toHaveText(new RegExp(`^共 ${expected} 篇`));
});
