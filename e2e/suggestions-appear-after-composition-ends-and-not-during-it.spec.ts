import { expect, searchPage, test } from './fixtures';

test('suggestions appear once the input method commits, never while it composes, each with a count', async ({ page }) => {
  await page.goto('/');
  const s = searchPage(page);
  await expect(s.status).toHaveText(/^索引收录 \d+ 篇/);
  await s.box.focus();

  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.imeSetComposition', { text: 'jiao', selectionStart: 4, selectionEnd: 4 });
  await expect(s.box).toHaveValue('jiao');
  await page.evaluate(() => new Promise((r) => setTimeout(r, 600)));
  await expect(s.suggestions).toBeHidden();
  await expect(s.box).toHaveAttribute('aria-expanded', 'false');

  await cdp.send('Input.insertText', { text: '交' });
  await expect(s.box).toHaveValue('交');
  await expect(s.suggestions).toBeVisible();
  await expect(s.box).toHaveAttribute('aria-expanded', 'true');
  const options = s.suggestions.getByRole('option');
  expect(await options.count()).toBeGreaterThan(0);
  expect(await options.count()).toBeLessThanOrEqual(8);
  await expect(options.filter({ hasText: '交通银行' })).toHaveCount(1);
  for (const text of await options.allInnerTexts()) expect(text).toMatch(/\d+ 篇$/);
});
