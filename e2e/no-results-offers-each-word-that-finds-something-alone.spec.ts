import { expect, searchPage, test } from './fixtures';

const FOUND = '青鸾普惠贷';
const NOWHERE = '量子火锅蜗牛';

test('when the whole query finds nothing, each of its words that finds something alone is offered, with its count', async ({ page }) => {
  await page.goto(`/?q=${encodeURIComponent(`${FOUND} ${NOWHERE}`)}`);
  const s = searchPage(page);
  await expect(s.status).toHaveText(/^共 0 篇/);
  const parts = page.getByRole('region', { name: '分开搜索' }).getByRole('link');
  // Only the word that finds something: a suggestion that finds nothing would be a fake one.
  await expect(parts).toHaveText([`${FOUND}（2 篇）`]);
  await expect(page.getByRole('region', { name: '或者试试' }).getByRole('link').first()).toBeVisible();

  await parts.click();
  await expect(s.box).toHaveValue(FOUND);
  await expect(s.answered(FOUND)).toBeVisible();
  await expect(s.status).toHaveText(/^共 2 篇/);

  // A one-word query has nothing to split.
  await page.goto(`/?q=${encodeURIComponent(NOWHERE)}`);
  await expect(s.status).toHaveText(/^共 0 篇/);
  await expect(page.getByRole('heading', { name: '没有找到相关新闻' })).toBeVisible();
  await expect(page.getByRole('region', { name: '或者试试' })).toBeVisible();
  await expect(page.getByRole('region', { name: '分开搜索' })).toHaveCount(0);
});
