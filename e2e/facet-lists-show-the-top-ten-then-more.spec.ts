import { expect, test, typeQuery } from './fixtures';

test('a facet shows its ten biggest values first and the rest behind 更多', async ({ page }) => {
  await page.goto('/');
  await typeQuery(page, '银行');
  const banks = page.getByRole('group', { name: '银行' });
  const boxes = banks.getByRole('checkbox');
  const more = banks.getByRole('button', { name: /^更多（\d+）$/ });
  test.skip((await more.count()) === 0, 'the corpus names ten banks or fewer');

  await expect(boxes).toHaveCount(10);
  const hidden = Number(/(\d+)/.exec(await more.innerText())?.[1]);
  const counts = async () =>
    (await boxes.evaluateAll((els) => els.map((el) => el.closest('label')?.textContent ?? ''))).map((t) => Number(/(\d+)$/.exec(t.trim())?.[1]));
  const top = await counts();
  expect(
    [...top].sort((a, b) => b - a),
    'biggest first',
  ).toEqual(top);

  await more.click();
  await expect(boxes).toHaveCount(10 + hidden);
  const less = banks.getByRole('button', { name: '收起' });
  await expect(less).toHaveAttribute('aria-expanded', 'true');
  const all = await counts();
  expect(Math.min(...top)).toBeGreaterThanOrEqual(Math.max(...all.slice(10)));

  // A value ticked from beyond the top ten stays on the list once it is folded again.
  const last = boxes.last();
  const name = (await last.evaluate((el) => el.closest('label')?.textContent ?? '')).trim().replace(/\d+$/, '');
  await last.check();
  await expect.poll(() => new URL(page.url()).searchParams.getAll('bank')).toEqual([name]);
  await less.click();
  await expect(banks.getByRole('checkbox', { checked: true })).toHaveCount(1);
  await expect(banks.getByRole('checkbox', { checked: true })).toHaveAccessibleName(new RegExp(`^${name}`));
});
