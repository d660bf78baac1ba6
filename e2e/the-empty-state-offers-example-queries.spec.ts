import { expect, searchPage, test } from './fixtures';

test('the empty page offers the index example queries, and each finds something', async ({ page }) => {
  await page.goto('/');
  const s = searchPage(page);
  await expect(s.status).toHaveText(/^索引收录 [1-9]\d* 篇新闻$/);
  const examples = page.getByRole('region', { name: '试试这些搜索' }).getByRole('link');
  await expect(examples.first()).toBeVisible();
  const first = (await examples.first().innerText()).trim();
  expect(first).not.toBe('');

  await examples.first().click();
  await expect(s.box).toHaveValue(first);
  await expect(s.answered(first)).toBeVisible();
  await expect(s.status).toHaveText(/^共 [1-9]\d* 篇/);
  await expect(s.results.first()).toBeVisible();
});
