import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { generateArticles } from '../lib/corpus';
import type { Manifest } from '../lib/index-format';
import { buildIndex } from '../lib/indexer';
import { startStaticServer } from '../lib/serve';
import { expect, searchPage, test, typeQuery } from './fixtures';

/**
 * An update publishes a new manifest while readers have the page open on the old one. The old page must
 * keep answering (every file its manifest reads stays served), and a page opened afterwards must find the
 * new articles. Runs on its own copy of the exported site, with its own index and update state.
 */

const SITE = process.env.E2E_SITE || 'out';

/** An article only the update brings: its title holds a word no generated article has. */
const NEW = {
  file: '2025-06-01-update-only.md',
  title: '鑫澜银行发布更新专属测试报道',
  text: [
    '---',
    'title: "鑫澜银行发布更新专属测试报道"',
    'date: 2025-06-01 09:00:00 +0800',
    'tags: 新华网新闻',
    '---',
    '<p>鑫澜银行今日发布更新专属测试报道，交通银行普惠金融持续发力。</p>',
    '',
  ].join('\n'),
};

test.describe('an update while the page is open', () => {
  test.describe.configure({ mode: 'serial' });
  let dir = '';
  let server: Server | null = null;
  let origin = '';
  let src = '';
  let index = '';
  let state = '';

  test.beforeAll(async () => {
    test.setTimeout(300_000);
    dir = mkdtempSync(path.join(os.tmpdir(), 'bns-live-'));
    src = path.join(dir, 'src');
    mkdirSync(src);
    let n = 0;
    for (const a of generateArticles({ docs: 120, seed: 5 })) {
      writeFileSync(path.join(src, a.fileName), a.content);
      if (++n === 120) break;
    }
    const site = path.join(dir, 'site');
    cpSync(SITE, site, { recursive: true });
    index = path.join(site, 'search');
    rmSync(index, { recursive: true, force: true });
    state = path.join(dir, 'state');
    await buildIndex({ srcDirs: [src], outDir: index, stateDir: state, workers: 0 });
    server = await startStaticServer({ root: site, port: 0 });
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  test.afterAll(async () => {
    if (server) await new Promise((r) => server!.close(r));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('a page open on the old index keeps answering after an update, and a fresh page finds the new articles', async ({ page, browser }) => {
    test.setTimeout(300_000);
    await page.goto(`${origin}/?q=${encodeURIComponent('银行')}`);
    const before = searchPage(page);
    await expect(before.answered('银行')).toBeVisible();
    const totalBefore = await before.status.textContent();

    // Add an article, and merge it with everything there (a policy of two segments a tier), so that the new
    // manifest reads none of the old one's segments: the open page lives on files kept for it.
    const old = JSON.parse(readFileSync(path.join(index, 'manifest.json'), 'utf8')) as Manifest;
    writeFileSync(path.join(src, NEW.file), NEW.text);
    const merge = { floorDocs: 1_000_000, tierFactor: 10, segmentsPerTier: 2 };
    const { report, manifest } = await buildIndex({ srcDirs: [src], outDir: index, stateDir: state, workers: 0, merge });
    expect(report.stats.update.kind).toBe('update');
    expect(report.stats.update.added).toBe(1);
    expect(manifest.segments.map((g) => g.generation)).not.toContain(old.segments[0]!.generation);
    expect(existsSync(path.join(index, old.segments[0]!.generation))).toBe(true);

    // The open page still reads the old manifest: new queries fetch shards and fragments it names, all still served.
    for (const q of ['普惠', '交通银行', '贷款']) {
      await before.box.clear();
      await typeQuery(page, q);
      await expect(before.status).toHaveText(/^共 [1-9]\d* 篇/);
    }
    await before.box.clear();
    await before.box.pressSequentially('鑫澜', { delay: 30 });
    await expect(before.answered('鑫澜')).toBeVisible();
    await expect(page.getByRole('heading', { name: '没有找到相关新闻' })).toBeVisible();

    // A page opened now reads the new manifest and finds the new article, and one more 银行 article.
    const fresh = await browser.newPage();
    await fresh.goto(`${origin}/?q=${encodeURIComponent('鑫澜')}`);
    const after = searchPage(fresh);
    await expect(after.answered('鑫澜')).toBeVisible();
    await expect(after.results).toHaveCount(1);
    await expect(after.results.first()).toContainText(NEW.title);
    await fresh.goto(`${origin}/?q=${encodeURIComponent('银行')}`);
    await expect(after.answered('银行')).toBeVisible();
    const count = (text: string | null) => Number(/共 (\d+) 篇/.exec(text ?? '')?.[1]);
    expect(count(await after.status.textContent())).toBe(count(totalBefore) + 1);
    await fresh.close();
  });
});
