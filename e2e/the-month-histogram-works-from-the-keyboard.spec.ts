import { expect, histogram, lastDayOf, monthName, test, typeQuery } from './fixtures';

test('the month histogram is one tab stop: arrows move, Enter picks a month, Shift+Enter a range', async ({ page }) => {
  await page.goto('/');
  await typeQuery(page, '银行');
  const h = histogram(page);
  const bars = await h.read();
  expect(bars.length).toBeGreaterThan(6);
  const params = () => new URL(page.url()).searchParams;

  // One tab stop for the whole chart (roving tabindex), on the latest month while nothing is chosen.
  const stop = h.group.locator('button[tabindex="0"]');
  await expect(stop).toHaveCount(1);
  await expect(stop).toHaveAttribute('aria-label', new RegExp(`^${bars.at(-1)!.month.slice(0, 4)}年`));
  await page.getByRole('combobox', { name: '排序' }).focus();
  // Tab reaches the chart after the filter column; keep tabbing until a bar is focused.
  for (let i = 0; i < 200 && !(await h.bars.evaluateAll((bs) => bs.includes(document.activeElement as HTMLButtonElement))); i++)
    await page.keyboard.press('Tab');
  await expect(h.bars.last()).toBeFocused();

  await page.keyboard.press('Home');
  await expect(h.bars.first()).toBeFocused();
  // The chart says which month the focus is on, for the eye as the label does for a screen reader.
  await expect(h.readout).toHaveText(`${monthName(bars[0]!.month)} · ${bars[0]!.count} 篇`);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(h.bars.nth(2)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect.poll(() => params().get('from')).toBe(`${bars[2]!.month}-01`);
  expect(params().get('to')).toBe(lastDayOf(bars[2]!.month));
  await expect(h.bars.nth(2)).toHaveAttribute('aria-pressed', 'true');
  await expect(h.bars.nth(2)).toBeFocused();

  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(h.bars.nth(5)).toBeFocused();
  await page.keyboard.press('Shift+Enter');
  await expect.poll(() => params().get('to')).toBe(lastDayOf(bars[5]!.month));
  expect(params().get('from')).toBe(`${bars[2]!.month}-01`);
  const pressed = await h.bars.evaluateAll((bs) => bs.map((x) => x.getAttribute('aria-pressed') === 'true'));
  expect(pressed).toEqual(bars.map((_, i) => i >= 2 && i <= 5));

  // Space picks one month again; picking the chosen month once more lets the date filter go.
  await page.keyboard.press('ArrowLeft');
  await expect(h.bars.nth(4)).toBeFocused();
  await page.keyboard.press('Space');
  await expect.poll(() => params().get('from')).toBe(`${bars[4]!.month}-01`);
  expect(params().get('to')).toBe(lastDayOf(bars[4]!.month));
  await page.keyboard.press('Enter');
  await expect(page).not.toHaveURL(/[?&](from|to)=/);

  await page.keyboard.press('End');
  await expect(h.bars.last()).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(h.bars.last()).not.toBeFocused();
  expect(await h.bars.evaluateAll((bs) => bs.includes(document.activeElement as HTMLButtonElement)), 'Tab leaves the chart').toBe(false);
});
