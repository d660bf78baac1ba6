import { expect, searchPage, test, typeQuery } from './fixtures';

/** e2e/fixtures/articles/same-story-*.md: one story from two outlets, which the index clusters. */
const TOKEN = '青鸾普惠贷';

test('reports of the same story fold under the first, and each article lists the others', async ({ page }) => {
  await page.goto('/');
  const s = searchPage(page);
  await typeQuery(page, TOKEN);
  await expect(s.status).toHaveText(/^共 2 篇/);
  await expect(s.results).toHaveCount(1);

  const fold = s.results.first().getByText('另有 1 篇相似报道');
  await expect(fold).toBeVisible();
  const similar = s.results.first().locator('details').getByRole('link');
  await expect(similar).toBeHidden();
  await fold.click();
  await expect(similar).toHaveCount(1);
  await expect(similar).toBeVisible();
  await expect(similar).toHaveAttribute('href', /^\/article\/\?id=same-story-[a-z]+-report&q=/);

  await s.resultLinks.first().click();
  const related = page.getByRole('region', { name: /相似报道/ });
  await expect(related).toBeVisible();
  const other = related.getByRole('link');
  await expect(other).toHaveCount(1);
  const firstId = new URL(page.url()).searchParams.get('id');
  await other.click();
  await expect(page).not.toHaveURL(new RegExp(`id=${firstId}&`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText(TOKEN);
  await expect(page.getByRole('region', { name: /相似报道/ }).getByRole('link')).toHaveAttribute('href', new RegExp(`id=${firstId}&`));
});
