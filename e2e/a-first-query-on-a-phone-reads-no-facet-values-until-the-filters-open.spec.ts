import { countsOf, expect, searchPage, test } from './fixtures';
import { WIDE_SCREEN } from '../lib/bench';

const QUERY = '银行 贷款';

test('a first query on a phone reads no facet values until the filters open, then shows the counts a wide screen shows', async ({ page, browser, baseURL }) => {
  const facetReads: string[] = [];
  page.context().on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.endsWith('/facets.bin') || /\/wfc-[0-9a-f]{14}\.bin$/.test(path)) facetReads.push(path);
  });
  await page.goto(`/?q=${encodeURIComponent(QUERY)}`);
  const s = searchPage(page);
  await expect(s.answered(QUERY)).toBeVisible();
  await expect(s.status).toHaveText(/^共 [1-9]\d* 篇/);
  await page.waitForLoadState('networkidle');
  // The results are all a phone shows with the filters folded: nothing only the counts need was read.
  expect(facetReads).toEqual([]);

  const toggle = page.getByRole('button', { name: /^筛选/ });
  await toggle.tap();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const onPhone = { bank: await countsOf(page, '银行'), source: await countsOf(page, '来源') };
  expect(onPhone.bank.length).toBeGreaterThan(0);

  // Exact: the same counts, in the same order, as a wide screen's page, which counts with the first answer.
  const wide = await browser.newContext({ baseURL, ...WIDE_SCREEN, locale: 'zh-CN' });
  try {
    const desk = await wide.newPage();
    await desk.goto(`/?q=${encodeURIComponent(QUERY)}`);
    await expect(searchPage(desk).answered(QUERY)).toBeVisible();
    expect({ bank: await countsOf(desk, '银行'), source: await countsOf(desk, '来源') }).toEqual(onPhone);
  } finally {
    await wide.close();
  }
});
