import { closeSuggestions, expect, searchPage, test } from './fixtures';

/** Term shards and the manifest, wherever the index build puts them under /search/. */
const SHARDS = /\/search\/(.*\/)?shard-[^/]*\.bin$/;
const MANIFEST = /\/search\/manifest\.json$/;

test('a failed index download shows an error with 重试, and 重试 recovers', async ({ page, consoleErrors }) => {
  consoleErrors.allow(/Failed to load resource|ERR_FAILED|net::/);
  await page.goto('/');
  const s = searchPage(page);
  await expect(s.status).toHaveText(/索引收录 \d+ 篇/);

  // The host goes away for the term shards only: the manifest and page already loaded.
  await page.route(SHARDS, (route) => route.abort('failed'));
  await s.box.fill('银行');
  const alert = page.getByRole('main').getByRole('alert');
  await expect(alert).toContainText('下载失败', { timeout: 15_000 });
  await expect(s.status).toHaveText('加载失败');
  await closeSuggestions(page);
  const retry = alert.getByRole('button', { name: '重试' });

  await page.unroute(SHARDS);
  await retry.click();
  await expect(alert).toBeHidden();
  await expect(s.status).toHaveText(/^共 [1-9]\d* 篇/);
  await expect(s.results.first()).toBeVisible();
});

test('an index that cannot be reached at all still shows a page with 重试', async ({ page, consoleErrors }) => {
  consoleErrors.allow(/Failed to load resource|ERR_FAILED|net::/);
  await page.route(MANIFEST, (route) => route.abort('failed'));
  await page.goto(`/?q=${encodeURIComponent('银行')}`);
  const alert = page.getByRole('main').getByRole('alert');
  await expect(alert).toContainText('下载失败', { timeout: 15_000 });
  await expect(page.getByRole('combobox', { name: '搜索…' })).toBeVisible();

  await page.unroute(MANIFEST);
  await alert.getByRole('button', { name: '重试' }).click();
  await expect(searchPage(page).status).toHaveText(/^共 [1-9]\d* 篇/);
});
