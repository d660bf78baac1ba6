import { expect, searchPage, test } from './fixtures';
import { WIDE_SCREEN } from '../lib/bench';

const QUERY = '银行 贷款';

test('turning to a wide layout on a phone completes the counts of the answer shown', async ({ page }) => {
  await page.goto(`/?q=${encodeURIComponent(QUERY)}`);
  const s = searchPage(page);
  await expect(s.answered(QUERY)).toBeVisible();
  const banks = page.locator('fieldset', { has: page.locator('legend', { hasText: /^银行$/ }) });
  // Folded away, the counts were not asked for.
  await expect(banks).toBeHidden();
  await expect(banks).toHaveAttribute('aria-busy', 'true');
  await expect(s.status).toHaveText(/^共 [1-9]\d* 篇/);
  const status = await s.status.textContent();

  await page.setViewportSize(WIDE_SCREEN.viewport);
  await expect(banks).toBeVisible();
  await expect(banks).toHaveAttribute('aria-busy', 'false');
  await expect(banks.getByRole('checkbox').first()).toBeVisible();
  // The same answer, completed: its total, and the time of the first answer, which the reader waited for.
  await expect(s.status).toHaveText(status ?? '');
});
