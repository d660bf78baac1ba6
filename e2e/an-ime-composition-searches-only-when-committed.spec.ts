import { expect, searchPage, test } from './fixtures';

test('no search runs while an IME is composing; the committed text is searched', async ({ page }) => {
  await page.goto('/');
  const s = searchPage(page);
  await expect(s.status).toHaveText(/^索引收录 \d+ 篇/);
  await s.box.focus();

  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.imeSetComposition', { text: 'yinhang', selectionStart: 7, selectionEnd: 7 });
  await expect(s.box).toHaveValue('yinhang');
  // Well past the debounce: the pinyin must not have become a query.
  await page.evaluate(() => new Promise((r) => setTimeout(r, 600)));
  await expect(page).not.toHaveURL(/[?&]q=/);
  await expect(s.status).toHaveText(/^索引收录 \d+ 篇/);

  await cdp.send('Input.insertText', { text: '银行' });
  await expect(s.box).toHaveValue('银行');
  await expect(s.answered('银行')).toBeVisible();
  await expect(s.status).toHaveText(/^共 [1-9]\d* 篇/);
});
