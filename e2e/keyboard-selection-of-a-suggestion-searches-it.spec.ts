import { expect, searchPage, test } from './fixtures';

test('↓ highlights a suggestion, Enter searches it, and the count shown is what the search finds', async ({ page }) => {
  await page.goto('/');
  const s = searchPage(page);
  await expect(s.status).toHaveText(/^索引收录 \d+ 篇/);
  await s.box.click();
  await s.box.pressSequentially('交行', { delay: 30 });
  const option = s.suggestions.getByRole('option').first();
  await expect(option).toContainText('交通银行');
  const count = /(\d+) 篇$/.exec(await option.innerText())?.[1];

  await page.keyboard.press('ArrowDown');
  await expect(option).toHaveAttribute('aria-selected', 'true');
  await expect(s.box).toHaveAttribute('aria-activedescendant', (await option.getAttribute('id'))!);
  await page.keyboard.press('Enter');
  await expect(s.box).toHaveValue('交通银行');
  await expect(s.suggestions).toBeHidden();
  await expect(s.answered('交通银行')).toBeVisible();
  await expect(s.status).toHaveText(new RegExp(`^共 ${count} 篇`));

  // Esc closes the list and keeps the text; Tab leaves the box with the list closed; a click searches too.
  await s.box.fill('');
  await s.box.pressSequentially('交', { delay: 30 });
  await expect(s.suggestions).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(s.suggestions).toBeHidden();
  await expect(s.box).toHaveValue('交');
  await s.box.pressSequentially('通', { delay: 30 });
  await expect(s.suggestions).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(s.suggestions).toBeHidden();
  await s.box.click();
  await s.box.press('End');
  await s.box.pressSequentially('银', { delay: 30 });
  await s.suggestions.getByRole('option', { name: /交通银行/ }).click();
  await expect(s.answered('交通银行')).toBeVisible();
});
