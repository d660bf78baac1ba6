import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { startStaticServer } from '../lib/serve';
import { expect, searchPage, test } from './fixtures';

/**
 * With `npm run index -- --link`, a result's title leads to the page Jekyll itself wrote for the post. This
 * builds a real Jekyll site (Debian's jekyll 4.3, offline) from ../shared's posts plus one post with its own
 * permalink, mounts the search built for `/search` in it (`_site/search/`, its index in
 * `_site/search/search/`), serves the whole `_site`, and follows every result link of a few queries: each
 * must be a page Jekyll wrote, HTTP 200, with the article's title on it. Once with Jekyll's default `date`
 * style and the search copied into the built site, once with `permalink: pretty` and the search in the
 * site's source for Jekyll to copy (the README's two recipes).
 */

const POSTS = path.resolve('..', 'shared', 'corpus', 'finews');
/** The search exported for `/search`, which `npm test` builds (its own index in `search/` is replaced here). */
const SUBPATH_SITE = process.env.E2E_SUBPATH_SITE || '.e2e/site-sub';
/** Words of those posts: together their first pages of results reach most of them. */
const QUERIES = ['美元', '目标价', '涨', '公司', '市场', '资金', '人民币', 'A股', '2021'];

/** The post this spec adds: its front matter `permalink` (with a Chinese folder) must win over the site's style. */
const OWN = {
  file: '2022-03-09-own-permalink.md',
  title: '招商银行推出自定义链接测试专页',
  link: '/%E4%B8%93%E9%A2%98/2022/own-page/',
  text: [
    '---',
    'layout: post',
    'title: "招商银行推出自定义链接测试专页"',
    'date: 2022-03-09 21:30:00',
    'categories: tests',
    'permalink: /专题/:year/own-page/',
    '---',
    '<p>招商银行今日推出自定义链接测试专页，这篇文章由测试写成。</p>',
    '',
  ].join('\n'),
};

/**
 * A post dated 20:30 without an offset: YAML reads that as UTC, so in Beijing (the site's timezone) Jekyll
 * dates it the next day. Found by 美元.
 */
const LATE = {
  file: '2022-03-09-late-evening.md',
  link: { date: '/tests/2022/03/10/late-evening.html', pretty: '/tests/2022/03/10/late-evening/' },
  text: [
    '---',
    'layout: post',
    'title: "人民币兑美元晚间收盘测试报道"',
    'date: 2022-03-09 20:30:00',
    'categories: tests',
    '---',
    '<p>人民币兑美元晚间收盘，这篇文章由测试写成。</p>',
    '',
  ].join('\n'),
};

/** Why this spec cannot run here, or null. */
function missing(): string | null {
  if (spawnSync('jekyll', ['--version']).status !== 0) return 'no jekyll (`npm test` installs Debian’s; else `apt-get install jekyll`)';
  if (!existsSync(POSTS)) return `${POSTS} is absent, so there are no Jekyll posts to build a site from`;
  if (!existsSync(path.join(SUBPATH_SITE, 'index.html'))) return `no search exported for /search in ${SUBPATH_SITE} (\`npm test\` builds it)`;
  return null;
}

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status ?? r.signal}:\n${r.stdout}\n${r.stderr}`);
}

/** Every file under `dir` but `.nojekyll` (which only a site's root needs), by relative path. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name !== '.nojekyll')
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

interface Served {
  origin: string;
  server: Server;
  /** The index the search serves, in the site's source or output. */
  index: string;
  /** Each article's link, as the index's report gives it, and its title by link. */
  linkOf: Map<string, string | null>;
  titleOf: Map<string, string>;
}

/**
 * The two ways the README mounts the search in a Jekyll site: copied into the site Jekyll wrote (`_site/search/`,
 * as a CI job or a bucket upload does), or kept in the site's source as `search/` for Jekyll to copy (GitHub
 * Pages building from a branch), which needs the `include:` line the README gives, since Jekyll skips names
 * that start with `_`.
 */
type Mount = 'output' | 'source';

/** The `_config.yml` line of the README's GitHub Pages recipe. */
const INCLUDE_EXPORT = 'include: [_next, _not-found, "__next*", "_*Manifest.js"]';

/**
 * Builds the Jekyll site in `dir` with `style` (`date` is Jekyll's default), mounts the search and an index
 * made with `--link <style>` in it as `mount` says, and serves it.
 */
async function jekyllSite(dir: string, style: 'date' | 'pretty', mount: Mount): Promise<Served> {
  const src = path.join(dir, `${style}-src`);
  const site = path.join(dir, `${style}-site`);
  mkdirSync(path.join(src, '_posts'), { recursive: true });
  mkdirSync(path.join(src, '_layouts'));
  for (const f of readdirSync(POSTS)) if (f.endsWith('.md')) cpSync(path.join(POSTS, f), path.join(src, '_posts', f));
  writeFileSync(path.join(src, '_posts', OWN.file), OWN.text);
  writeFileSync(path.join(src, '_posts', LATE.file), LATE.text);
  writeFileSync(
    path.join(src, '_config.yml'),
    [
      'timezone: Asia/Shanghai',
      ...(style === 'pretty' ? ['permalink: pretty'] : []),
      ...(mount === 'source' ? [INCLUDE_EXPORT] : []),
      'defaults:',
      '  - scope: { path: "", type: posts }',
      '    values: { layout: post }',
      '',
    ].join('\n'),
  );
  writeFileSync(
    path.join(src, '_layouts', 'post.html'),
    // The icon link keeps Chromium from asking for a /favicon.ico this site lacks.
    '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>{{ page.title }}</title></head><body><h1>{{ page.title }}</h1>{{ content }}</body></html>\n',
  );
  const mounted = path.join(mount === 'source' ? src : site, 'search');
  const mountSearch = () => {
    cpSync(SUBPATH_SITE, mounted, { recursive: true });
    rmSync(path.join(mounted, 'search'), { recursive: true, force: true });
    const index = ['--src', path.join(src, '_posts'), '--out', path.join(mounted, 'search'), '--report', report];
    run('npx', ['tsx', 'scripts/index.ts', ...index, '--link', style, '--workers', '0', '--quiet']);
  };
  const report = path.join(dir, `${style}-report.json`);
  if (mount === 'source') mountSearch();
  run('jekyll', ['build', '--quiet', '--source', src, '--destination', site]);
  if (mount === 'output') mountSearch();
  else expect(filesUnder(path.join(site, 'search')), 'Jekyll copies every file of the search').toEqual(filesUnder(mounted));
  const docs = (JSON.parse(readFileSync(report, 'utf8')) as { documents: { id: string; title: string; link: string | null }[] }).documents;

  const server = await startStaticServer({ root: site, port: 0 });
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    server,
    index: path.join(mounted, 'search'),
    linkOf: new Map(docs.map((d) => [d.id, d.link])),
    titleOf: new Map(docs.flatMap((d) => (d.link ? [[d.link, d.title] as const] : []))),
  };
}

/** The results page for `q` under /search/, answered. */
async function search(page: Page, site: Served, q: string): Promise<void> {
  await page.goto(`${site.origin}/search/?q=${encodeURIComponent(q)}`);
  await expect(searchPage(page).answered(q)).toBeVisible();
}

/**
 * Every title link on the results of {@link QUERIES}, folded near-duplicates too, checked against the
 * index's report: the link of a post Jekyll publishes, else the search's own article page. Returns the
 * site links with the title each shows.
 */
async function resultLinks(page: Page, site: Served): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const q of QUERIES) {
    await search(page, site, q);
    const items = page.getByTestId('result');
    for (const a of await items.locator('a[data-result-link]').all()) {
      const id = (await a.getAttribute('data-result-link'))!;
      const href = (await a.getAttribute('href'))!;
      expect(site.linkOf.has(id), id).toBe(true);
      const link = site.linkOf.get(id);
      if (link) expect(href, id).toBe(link);
      else expect(href.startsWith(`/search/article/?id=${encodeURIComponent(id)}&`), `${id}: ${href}`).toBe(true);
    }
    // Titles, near-duplicates folded under another included, that lead out of the search app to the site.
    for (const a of await items.locator('a[href]:not([data-highlights-link])').all()) {
      const href = (await a.getAttribute('href'))!;
      if (href.startsWith('/search/')) continue;
      const title = (await a.textContent())!.trim();
      expect(site.titleOf.get(href), href).toBe(title);
      found.set(href, title);
    }
  }
  return found;
}

/** Opens each link in the browser: a page Jekyll wrote, with the article's title on it. */
async function followAll(page: Page, site: Served, links: Map<string, string>): Promise<void> {
  for (const [href, title] of links) {
    const response = await page.goto(`${site.origin}${href}`);
    expect(response?.status(), href).toBe(200);
    await expect(page.locator('body'), href).toContainText(title);
  }
}

test.describe('result links into a Jekyll site', () => {
  test.describe.configure({ mode: 'serial' });
  const why = missing();
  test.skip(why !== null, `skipped: ${why}`);

  let dir = '';
  const sites: Partial<Record<'date' | 'pretty', Served>> = {};

  test.beforeAll(async () => {
    test.setTimeout(600_000);
    dir = mkdtempSync(path.join(os.tmpdir(), 'bns-jekyll-'));
    sites.date = await jekyllSite(dir, 'date', 'output');
    sites.pretty = await jekyllSite(dir, 'pretty', 'source');
  });

  test.afterAll(async () => {
    for (const s of Object.values(sites)) await new Promise((r) => s.server.close(r));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test.beforeEach(({ consoleErrors }) => {
    // The posts' own images are on hosts this machine cannot reach; only what lies on other hosts may fail.
    consoleErrors.allow(/Failed to load resource: net::ERR_\w+ \(https?:\/\/(?!127\.0\.0\.1[:/])/);
  });

  for (const style of ['date', 'pretty'] as const) {
    test(`with Jekyll’s ${style} style, every result link opens the page Jekyll wrote for its post`, async ({ page }) => {
      test.setTimeout(300_000);
      const site = sites[style]!;
      const links = await resultLinks(page, site);
      // Most posts of ../shared are on the first page of one of the queries.
      expect(links.size).toBeGreaterThan(30);
      expect([...links.keys()]).toContain(LATE.link[style]);
      for (const href of links.keys())
        expect(href).toMatch(style === 'pretty' ? /^\/(?:\w+\/)?\d{4}\/\d{2}\/\d{2}\/[^/]+\/$/ : /^\/(?:\w+\/)?\d{4}\/\d{2}\/\d{2}\/[^/]+\.html$/);
      await followAll(page, site, links);
    });
  }

  test('`npm run search -- --json` gives each hit the link its title has on the page', async ({ page }) => {
    const site = sites.pretty!;
    for (const q of ['美元', '自定义链接']) {
      const r = spawnSync('npx', ['tsx', 'scripts/search.ts', '--index', site.index, '--json', '--', q], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      const hits = (JSON.parse(r.stdout) as { hits: { id: string; link: string | null }[] }).hits;
      expect(
        hits.some((h) => h.link !== null),
        q,
      ).toBe(true);
      await search(page, site, q);
      const shown = await page
        .getByTestId('result')
        .locator('a[data-result-link]')
        .evaluateAll((as) => as.map((a) => [a.getAttribute('data-result-link'), a.getAttribute('href')]));
      // The page shows the hits in the CLI's order (a near-duplicate folds under the first report); each
      // title link is the hit's link, or the search's own article page for a hit without one.
      const linkOf = new Map(hits.map((h) => [h.id, h.link]));
      const ids = shown.map(([id]) => id!);
      expect(ids.length).toBeGreaterThan(0);
      expect(ids).toEqual(hits.map((h) => h.id).filter((id) => ids.includes(id)));
      for (const [id, href] of shown) {
        const link = linkOf.get(id!);
        if (link) expect(href, id!).toBe(link);
        else expect(href!.startsWith(`/search/article/?id=${encodeURIComponent(id!)}&`), `${id}: ${href}`).toBe(true);
      }
    }
  });

  test('a post’s own permalink wins over the site’s style, and its title opens that page', async ({ page }) => {
    for (const site of [sites.date!, sites.pretty!]) {
      await search(page, site, '自定义链接');
      const title = searchPage(page).resultLinks.first();
      await expect(title).toHaveAttribute('href', OWN.link);
      await title.click();
      await expect(page).toHaveURL(`${site.origin}${OWN.link}`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(OWN.title);
    }
  });

  test('the search’s highlighted view stays one click away, and a file Jekyll does not publish keeps it as its title link', async ({ page }) => {
    const site = sites.date!;
    await search(page, site, '自定义链接');
    await page.getByRole('link', { name: `全文高亮：${OWN.title}` }).click();
    await expect(page).toHaveURL(/\/search\/article\/\?id=2022-03-09-own-permalink&q=/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(OWN.title);
    await expect(page.locator('article mark').first()).toHaveText('自定义链接');
    // The article page leads to the post's page too.
    await expect(page.getByRole('link', { name: '在本站阅读 →' })).toHaveAttribute('href', OWN.link);

    // `-202205262391921712.md` is not named like a post: Jekyll skips it, so it has no page to lead to.
    expect(site.linkOf.get('-202205262391921712')).toBeNull();
    await search(page, site, '霍尼韦尔');
    const only = searchPage(page).resultLinks.first();
    await expect(only).toHaveAttribute('href', /^\/search\/article\/\?id=-202205262391921712&/);
    await expect(page.locator('[data-highlights-link]')).toHaveCount(0);
  });
});
