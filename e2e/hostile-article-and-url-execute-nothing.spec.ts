import type { Page } from '@playwright/test';
import { expect, searchPage, test, typeQuery } from './fixtures';

/**
 * e2e/fixtures/articles/hostile-article.md carries <script>, on* handlers, javascript: links and an
 * <img onerror> in its title, and a `javascript:` original URL; hostile-data-url.md a `data:` one (and a
 * `data:` canonical link and a `javascript:` og:url in its body). Every payload sets window.__pwned or calls
 * alert (a dialog fails the test through the shared fixture).
 */
const TOKEN = '赤霞珠防护演练';
const DATA_URL_TOKEN = '紫藤数据链接演练';

/** A URL that runs or embeds something when followed, rather than leading to a page. */
const SCRIPT_SCHEME = /^\s*(javascript|data|vbscript):/i;

async function expectNothingRan(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
  await expect(page.locator('main script, main img, main svg:not([aria-hidden="true"]), main iframe, main object')).toHaveCount(0);
  await expect(page.locator('[onerror], [onload], [onclick]')).toHaveCount(0);
  const targets = await page
    .locator('a[href], area[href], main [src], main [action], main [formaction]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('href') ?? e.getAttribute('src') ?? e.getAttribute('action') ?? e.getAttribute('formaction') ?? ''));
  for (const url of targets) expect(url).not.toMatch(SCRIPT_SCHEME);
  // The same by the browser's own reading of each link, which ignores tabs and newlines inside the scheme.
  const protocols = await page.locator('a[href], area[href]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).protocol));
  expect(protocols.filter((p) => !['http:', 'https:'].includes(p))).toEqual([]);
}

test('a hostile article is shown as text, in the results and on its page', async ({ page }) => {
  await page.goto('/');
  const s = searchPage(page);
  await typeQuery(page, TOKEN);
  await expect(s.results).toHaveCount(1);
  const link = s.resultLinks.first();
  await expect(link).toContainText(TOKEN);
  await expect(link.locator('mark')).toHaveText(TOKEN);
  await expectNothingRan(page);

  await link.click();
  await expect(page).toHaveURL(/\/article\/\?id=hostile-article&q=/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(TOKEN);
  await expect(page.getByText('日期未知')).toBeVisible();
  await expect(page.locator('article').getByText('交通银行提示')).toBeVisible();
  // Only an http(s) original URL becomes a link; this article's is `javascript:`.
  await expect(page.getByRole('link', { name: /查看原文/ })).toHaveCount(0);
  await expectNothingRan(page);
});

test('an article whose original URL is a data: URL shows no link to it', async ({ page }) => {
  await page.goto('/');
  const s = searchPage(page);
  await typeQuery(page, DATA_URL_TOKEN);
  await expect(s.results).toHaveCount(1);
  await expectNothingRan(page);

  await s.resultLinks.first().click();
  await expect(page).toHaveURL(/\/article\/\?id=hostile-data-url&q=/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(DATA_URL_TOKEN);
  await expect(page.locator('article').getByText('只显示为文字')).toBeVisible();
  await expect(page.getByRole('link', { name: /查看原文/ })).toHaveCount(0);
  await expectNothingRan(page);
});

test('hostile URL parameters are shown as text and execute nothing', async ({ page }) => {
  const payload = '<img src=x onerror="window.__pwned=1;alert(1)">';
  await page.goto(
    `/?q=${encodeURIComponent(payload)}&bank=${encodeURIComponent('<script>alert(1)</script>')}&source=${encodeURIComponent('javascript:alert(1)')}`,
  );
  const s = searchPage(page);
  await expect(s.box).toHaveValue(payload);
  await expect(s.status).toHaveText(/共 \d+ 篇/);
  await expect(page.getByRole('checkbox', { name: /<script>alert\(1\)<\/script>/ })).toBeChecked();
  await expectNothingRan(page);

  await page.goto(`/article/?id=${encodeURIComponent('<script>alert(1)</script>')}&q=${encodeURIComponent(payload)}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('找不到这篇文章');
  await expect(page.getByText(payload, { exact: false })).toBeVisible();
  await expectNothingRan(page);
});
