import { isHomeFileName } from '../lib/index-format';
import { isPreloadPath } from '../lib/search';
import { indexPath } from '../lib/bench';
import { expect, searchPage, test, typeQuery } from './fixtures';

test('the search page reads the rank columns after its first answer and before the first query, which does not read them again', async ({ page }) => {
  // Events in the order the browser reports them: a request's start, or its end.
  const events: { path: string; kind: 'start' | 'end'; afterQuery: boolean }[] = [];
  let queried = false;
  const note = (kind: 'start' | 'end') => (r: { url(): string }) => {
    const path = indexPath(r.url());
    if (path !== null) events.push({ path, kind, afterQuery: queried });
  };
  page.context().on('request', note('start'));
  page.context().on('requestfinished', note('end'));
  await page.goto('/');
  const s = searchPage(page);
  await expect(s.status).toHaveText(/索引收录/);
  await expect(page.locator('section[data-query=""]')).toBeVisible();
  // Every read started before the reader types has ended, the rank columns among them.
  await expect.poll(() => events.filter((e) => isPreloadPath(e.path) && e.kind === 'end').length).toBeGreaterThan(0);
  await expect.poll(() => events.filter((e) => e.kind === 'start').length).toBe(events.filter((e) => e.kind === 'end').length);

  const before = [...new Set(events.map((e) => e.path))];
  expect(
    before.filter((p) => p !== 'manifest.json' && !isHomeFileName(p) && !isPreloadPath(p)),
    'before a query: the manifest, the newest articles and the rank columns only',
  ).toEqual([]);
  // The newest articles the page opens on come first: the columns would share their download on a slow link.
  const homeEnd = events.findIndex((e) => isHomeFileName(e.path) && e.kind === 'end');
  const rankStart = events.findIndex((e) => isPreloadPath(e.path) && e.kind === 'start');
  expect(homeEnd).toBeGreaterThanOrEqual(0);
  expect(rankStart).toBeGreaterThan(homeEnd);

  queried = true;
  await typeQuery(page, '贷款');
  const during = events.filter((e) => e.afterQuery && e.kind === 'start').map((e) => e.path);
  expect(
    during.some((p) => /^g-[0-9a-f]{14}\/shard-\d+\.bin$/.test(p)),
    'the query reads its own postings',
  ).toBe(true);
  expect(during.filter(isPreloadPath), 'and not the rank columns again').toEqual([]);
  await expect(s.results.first()).toBeVisible();
});
