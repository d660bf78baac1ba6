import type { Page } from '@playwright/test';
import { expect, histogram, screenshot, searchPage, test, typeQuery } from './fixtures';

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  expect(scroll, 'page is wider than the screen').toBeLessThanOrEqual(client);
}

/** The body background's lightness, 0 (black) to 1 (white), whatever colour syntax the CSS used. */
async function backgroundLightness(page: Page): Promise<number> {
  return page.evaluate(() => {
    const ctx = document.createElement('canvas').getContext('2d')!;
    ctx.fillStyle = getComputedStyle(document.body).backgroundColor;
    ctx.fillRect(0, 0, 1, 1);
    const [r, g, b] = ctx.getImageData(0, 0, 1, 1).data;
    return (0.2126 * r! + 0.7152 * g! + 0.0722 * b!) / 255;
  });
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the pages fit the screen without sideways scrolling (${colorScheme})`, async ({ page }, testInfo) => {
    // Three pages, each searched, measured and photographed whole: more than the default 30 s on a loaded machine.
    test.setTimeout(90_000);
    const tag = `${testInfo.project.name}-${colorScheme}`;
    await page.emulateMedia({ colorScheme });

    await page.goto('/');
    const s = searchPage(page);
    await expect(s.status).toHaveText(/索引收录 \d+ 篇/);
    await expectNoSidewaysScroll(page);
    await screenshot(page, `${tag}-empty`);

    await typeQuery(page, '银行');
    await expectNoSidewaysScroll(page);
    await screenshot(page, `${tag}-results`);

    const lightness = await backgroundLightness(page);
    if (colorScheme === 'dark') expect(lightness, 'dark mode follows the system setting').toBeLessThan(0.2);
    else expect(lightness).toBeGreaterThan(0.9);

    // Filtered: a bank and a range of months, so the chips and the marked histogram show.
    const bank = (await s.results.getByRole('list', { name: '相关银行' }).getByRole('listitem').first().innerText()).trim();
    await page.goto(`/?q=${encodeURIComponent('银行')}&bank=${encodeURIComponent(bank)}`);
    await expect(s.answered('银行')).toBeVisible();
    const h = histogram(page);
    const bars = await h.read();
    const last = bars.length - 1;
    await h.bars.nth(Math.max(0, last - 14)).click();
    await expect(page).toHaveURL(/[?&]from=/);
    await h.bars.nth(last).click({ modifiers: ['Shift'] });
    await expect(page.getByRole('region', { name: '已选筛选' }).getByRole('button', { name: /^移除筛选/ })).toHaveCount(2);
    await expect(s.answered('银行')).toBeVisible();
    await page.mouse.move(0, 0);
    await expectNoSidewaysScroll(page);
    await screenshot(page, `${tag}-filtered`);

    await s.resultLinks.first().click();
    await expect(page.locator('article mark').first()).toBeVisible();
    await expectNoSidewaysScroll(page);
    await screenshot(page, `${tag}-article`);
  });
}
