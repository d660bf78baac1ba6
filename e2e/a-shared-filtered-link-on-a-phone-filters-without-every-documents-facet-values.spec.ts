import { countsOf, expect, scrollThroughResults, searchPage, test, texts } from './fixtures';
import type { Page } from '@playwright/test';
import { WIDE_SCREEN } from '../lib/bench';

const LINK = `/?q=${encodeURIComponent('银行')}&bank=${encodeURIComponent('交通银行')}&source=${encodeURIComponent('新华网')}&source=${encodeURIComponent('金融时报')}`;

/** The status line without the time the answer took, and the titles of the page, read to its end. */
async function answerOf(page: Page): Promise<{ status: string; titles: string[] }> {
  const s = searchPage(page);
  await expect(s.answered('银行')).toBeVisible();
  await expect(s.status).toHaveText(/^共 [1-9]\d* 篇/);
  await scrollThroughResults(page);
  return { status: (await s.status.innerText()).replace(/ · \d+ 毫秒/, ''), titles: await texts(s.resultLinks) };
}

test('a shared filtered link on a phone filters without every document’s facet values, and shows what a wide screen shows', async ({
  page,
  browser,
  baseURL,
}) => {
  const facetValues: string[] = [];
  page.context().on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.endsWith('/facets.bin')) facetValues.push(path);
  });
  await page.goto(LINK);
  const onPhone = await answerOf(page);
  expect(onPhone.titles.length).toBeGreaterThan(0);
  await page.waitForLoadState('networkidle');
  // The filter read the selected values' own lists: every document's values are only for counts, still folded away.
  expect(facetValues).toEqual([]);

  const wide = await browser.newContext({ baseURL, ...WIDE_SCREEN, locale: 'zh-CN' });
  try {
    const desk = await wide.newPage();
    await desk.goto(LINK);
    // Exact: the same total, the same results in the same order, as a wide screen's page, which reads the values.
    expect(await answerOf(desk)).toEqual(onPhone);
    const counts = { bank: await countsOf(desk, '银行'), source: await countsOf(desk, '来源') };

    const toggle = page.getByRole('button', { name: /^筛选/ });
    await toggle.tap();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect({ bank: await countsOf(page, '银行'), source: await countsOf(page, '来源') }).toEqual(counts);
    await expect(page.getByRole('group', { name: '银行' }).getByRole('checkbox', { checked: true })).toHaveCount(1);
    await expect(page.getByRole('group', { name: '来源' }).getByRole('checkbox', { checked: true })).toHaveCount(2);
  } finally {
    await wide.close();
  }
});
