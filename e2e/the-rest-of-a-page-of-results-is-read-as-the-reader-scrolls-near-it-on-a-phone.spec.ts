import { expect, firstAnswerOnAPhone, FRAGMENTS, scrollThroughResults, searchPage, test, texts } from './fixtures';
import { WIDE_SCREEN } from '../lib/bench';

const QUERY = '银行';

test('the rest of a page of results is read as the reader scrolls near it on a phone, and is the page a wide screen shows', async ({
  page,
  browser,
  baseURL,
}) => {
  const fragments: string[] = [];
  page.context().on('request', (r) => {
    if (FRAGMENTS.test(new URL(r.url()).pathname)) fragments.push(r.url());
  });
  const s = searchPage(page);
  // The first answer holds the results of the first two screens; the rest of the page waits below them.
  await firstAnswerOnAPhone(page, QUERY);
  await expect(s.status).toHaveText(/^共 [1-9]\d{2,} 篇/);
  const more = page.getByTestId('more-results');
  await expect(more).toContainText('其余 4 条结果');
  await expect(more).not.toBeInViewport();
  const first = fragments.length;
  expect(first).toBeGreaterThan(0);
  expect(first).toBeLessThanOrEqual(6);
  await expect(s.results).toHaveCount(6);

  await scrollThroughResults(page);
  await expect(s.results).toHaveCount(10);
  expect(fragments.length).toBeGreaterThan(first);
  const onPhone = await texts(s.resultLinks);

  const wide = await browser.newContext({ baseURL, ...WIDE_SCREEN, locale: 'zh-CN' });
  try {
    const deskFragments: string[] = [];
    wide.on('request', (r) => {
      if (FRAGMENTS.test(new URL(r.url()).pathname)) deskFragments.push(r.url());
    });
    const desk = await wide.newPage();
    await desk.goto(`/?q=${encodeURIComponent(QUERY)}`);
    const d = searchPage(desk);
    await expect(d.answered(QUERY)).toBeVisible();
    await desk.waitForLoadState('networkidle');
    // The phone's first answer read fewer results' display data than the whole page's.
    expect(first).toBeLessThan(deskFragments.length);
    // A wide screen's first answer holds the whole page, and the phone's two parts are that page.
    await expect(desk.getByTestId('more-results')).toHaveCount(0);
    await expect(d.results).toHaveCount(10);
    expect(onPhone).toEqual(await texts(d.resultLinks));
  } finally {
    await wide.close();
  }
});
