import { countsShown, expect, FRAGMENTS, screenshot, searchPage, seriousViolations, test } from './fixtures';

for (const colorScheme of ['light', 'dark'] as const) {
  test(`results being replaced by a slow search stay readable, with a loading bar above them (${colorScheme})`, async ({ page }) => {
    // A full axe run takes a few seconds, longer on a busy machine.
    test.setTimeout(60_000);
    await page.emulateMedia({ colorScheme });
    await page.goto(`/?q=${encodeURIComponent('银行')}`);
    const s = searchPage(page);
    const section = page.getByRole('region', { name: '结果' });
    const bar = page.getByTestId('loading-bar');
    await expect(s.answered('银行')).toBeVisible();
    await countsShown(page);
    await expect(bar).toHaveCount(0);

    // Hold the next page's documents, so the search lasts past the loading delay for as long as the test looks.
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let held = 0;
    await page.route(FRAGMENTS, async (route) => {
      held++;
      await released;
      await route.fulfill({ response: await route.fetch() });
    });
    const shown = await s.resultLinks.first().innerText();
    await page.getByRole('combobox', { name: '排序' }).selectOption('newest');
    await expect.poll(() => held, { message: 'the newest-first page asked for its documents' }).toBeGreaterThan(0);

    await expect(bar).toBeVisible();
    await expect(section).toHaveAttribute('aria-busy', 'true');
    // The old answer is still there to read, at full contrast.
    await expect(s.resultLinks.first()).toHaveText(shown);
    expect(await seriousViolations(page), 'while the search runs').toEqual([]);
    await screenshot(page, `loading-${colorScheme}-${test.info().project.name}`);

    release();
    await expect(section).toHaveAttribute('aria-busy', 'false');
    await expect(bar).toHaveCount(0);
    await expect(page).toHaveURL(/[?&]sort=newest/);
  });
}
