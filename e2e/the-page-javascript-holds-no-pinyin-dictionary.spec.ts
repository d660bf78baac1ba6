import { gzipSync } from 'node:zlib';
import { expect, searchPage, test } from './fixtures';

/** Readings with tone marks, as pinyin-pro's dictionary (the build's) spells them: none belongs in the page's code. */
const DICTIONARY_MARKS = ['háng', 'zhōng', 'yín', 'jiāo'];

test('the JavaScript the search page and its worker load holds no pinyin dictionary', async ({ page }) => {
  const scripts = new Map<string, Buffer>();
  page.on('response', async (res) => {
    if (!new URL(res.url()).pathname.endsWith('.js') || !res.ok()) return;
    try {
      scripts.set(res.url(), await res.body());
    } catch {
      // A response without a body (a redirect) is no script.
    }
  });
  await page.goto('/');
  const s = searchPage(page);
  await s.box.click();
  await s.box.pressSequentially('jt', { delay: 30 });
  await expect(s.suggestions.getByRole('option', { name: /交通银行/ })).toBeVisible();
  expect(scripts.size).toBeGreaterThan(0);
  let gzipped = 0;
  for (const [url, body] of scripts) {
    const text = body.toString('utf8');
    for (const mark of DICTIONARY_MARKS) expect(text.includes(mark), `${url} holds "${mark}"`).toBe(false);
    gzipped += gzipSync(body, { level: 9 }).length;
  }
  console.info(`the search page loaded ${scripts.size} scripts, ${(gzipped / 1024).toFixed(1)} KB gzipped`);
});
