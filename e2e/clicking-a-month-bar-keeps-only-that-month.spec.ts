import { expect, histogram, lastDayOf, searchPage, test, texts, typeQuery } from './fixtures';

test('clicking a month bar in the histogram keeps only that month, and clicking it again lets go', async ({ page }) => {
  await page.goto('/');
  const s = searchPage(page);
  await typeQuery(page, '银行');
  const all = Number(/共 (\d+) 篇/.exec(await s.status.innerText())?.[1]);
  const h = histogram(page);
  const bars = await h.read();
  expect(bars.length).toBeGreaterThan(1);
  // The histogram counts the current matches: its bars add up to the dated ones among them.
  expect(bars.reduce((n, b) => n + b.count, 0)).toBeLessThanOrEqual(all);
  const busiest = bars.reduce((best, b, i) => (b.count > bars[best]!.count ? i : best), 0);
  const { month, count } = bars[busiest]!;
  expect(count).toBeGreaterThan(0);

  await h.bars.nth(busiest).click();
  await expect.poll(() => new URL(page.url()).searchParams.get('from')).toBe(`${month}-01`);
  expect(new URL(page.url()).searchParams.get('to')).toBe(lastDayOf(month));
  await expect(s.status).toHaveText(new RegExp(`^共 ${count} 篇`));
  await expect(h.bars.nth(busiest)).toHaveAttribute('aria-pressed', 'true');
  await expect(h.group.locator('[aria-pressed="true"]')).toHaveCount(1);
  // The date inputs follow, and every result shown is from that month.
  await expect(page.getByLabel('从')).toHaveValue(`${month}-01`);
  await expect(page.getByLabel('到')).toHaveValue(lastDayOf(month));
  const days = (await texts(s.results.getByTestId('byline').locator('time'))).map((t) => t.slice(0, 7));
  expect(days.length).toBeGreaterThan(0);
  for (const d of days) expect(d).toBe(month);
  // The whole picture stays: the other months are still there to choose from.
  expect((await h.read()).map((b) => b.month)).toEqual(bars.map((b) => b.month));

  await h.bars.nth(busiest).click();
  await expect(page).not.toHaveURL(/[?&](from|to)=/);
  await expect(s.status).toHaveText(new RegExp(`^共 ${all} 篇`));
  await expect(h.group.locator('[aria-pressed="true"]')).toHaveCount(0);
});
