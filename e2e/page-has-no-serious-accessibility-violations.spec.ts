import { expect, histogram, searchPage, seriousViolations, test, typeQuery } from './fixtures';

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the search and article pages have no serious accessibility violations (${colorScheme})`, async ({ page }) => {
    // Six full axe runs, a few seconds each.
    test.setTimeout(90_000);
    await page.emulateMedia({ colorScheme });
    await page.goto('/');
    const s = searchPage(page);
    await expect(page.getByRole('link', { name: /.+/ }).first()).toBeVisible();
    await expect(s.status).toHaveText(/索引收录 \d+ 篇/);
    expect(await seriousViolations(page), 'empty state').toEqual([]);

    // The suggestions open under the box, one highlighted.
    await s.box.click();
    await s.box.pressSequentially('交', { delay: 30 });
    await expect(s.suggestions.getByRole('option').first()).toBeVisible();
    await page.keyboard.press('ArrowDown');
    await expect(s.suggestions.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
    expect(await seriousViolations(page), 'suggestions open').toEqual([]);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');

    await typeQuery(page, '银行');
    expect(await seriousViolations(page), 'results').toEqual([]);

    // A month chosen in the histogram: the chips and the marked chart.
    await histogram(page).bars.last().click();
    await expect(page.getByRole('region', { name: '已选筛选' })).toBeVisible();
    await expect(s.status).toHaveText(/共 [1-9]\d* 篇/);
    expect(await seriousViolations(page), 'filtered results').toEqual([]);

    // Nothing found with a filter and two words: the drop-filter buttons and the word suggestions.
    await page.goto(`/?q=${encodeURIComponent('银行 zzqqxxyy不存在')}&from=2019-01-01`);
    await expect(page.getByRole('region', { name: '分开搜索' }).getByRole('link')).toHaveCount(1);
    await expect(page.getByRole('region', { name: '去掉筛选条件' }).getByRole('button')).toHaveText([/（\d+ 篇）$/]);
    expect(await seriousViolations(page), 'no results with suggestions').toEqual([]);

    await page.goto(`/?q=${encodeURIComponent('zzqqxxyy不存在')}`);
    await expect(s.status).toHaveText(/共 0 篇/);
    expect(await seriousViolations(page), 'no results').toEqual([]);

    await page.goto(`/?q=${encodeURIComponent('银行')}`);
    await s.resultLinks.first().click();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.locator('article mark').first()).toBeVisible();
    expect(await seriousViolations(page), 'article').toEqual([]);
  });
}
