import type { Route } from '@playwright/test';
import { countsShown, expect, FRAGMENTS, searchPage, test, texts } from './fixtures';

test('an answer that arrives after a newer request was made is dropped', async ({ page }) => {
  // Counts the messages the page receives from its workers, so the test can tell when the held answer
  // has come back rather than guess how long that takes.
  await page.addInitScript(() => {
    const w = window as unknown as { __workerMessages: number; Worker: typeof Worker };
    const Native = w.Worker;
    w.__workerMessages = 0;
    w.Worker = class extends Native {
      constructor(...args: ConstructorParameters<typeof Worker>) {
        super(...args);
        this.addEventListener('message', () => void w.__workerMessages++);
      }
    };
  });
  const workerMessages = () => page.evaluate(() => (window as unknown as { __workerMessages: number }).__workerMessages);

  await page.goto(`/?q=${encodeURIComponent('银行')}`);
  const s = searchPage(page);
  await expect(s.status).toHaveText(/^共 (\d+) 篇/);
  // The facet counts follow the first answer; once they are in, every answer is one message of the worker.
  await countsShown(page);
  const total = Number(/共 (\d+) 篇/.exec(await s.status.innerText())?.[1]);
  test.skip(total < 20, 'needs two disjoint pages of results');

  // Hold back the documents of the first request (newest first) until the second (oldest first) is shown.
  let slow = true;
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  const held: Route[] = [];
  /** Held requests whose response has been handed to the page. */
  let delivered = 0;
  await page.route(FRAGMENTS, async (route) => {
    if (!slow) return route.continue();
    held.push(route);
    await released;
    await route.fulfill({ response: await route.fetch() });
    delivered++;
  });

  const sort = page.getByRole('combobox', { name: '排序' });
  await sort.selectOption('newest');
  await expect.poll(() => held.length, { message: 'the newest-first page asked for its documents' }).toBeGreaterThan(0);
  slow = false;
  await sort.selectOption('oldest');
  await expect(s.answered('银行')).toBeVisible();
  await expect(page).toHaveURL(/[?&]sort=oldest/);
  const oldest = await texts(s.resultLinks);
  const status = (await s.status.innerText()).replace(/ · \d+ 毫秒/, '');

  // Nothing else is asked of the worker from here on, so its next message is the held answer.
  const before = await workerMessages();
  release();
  await expect.poll(() => delivered, { message: 'the held documents were delivered' }).toBe(held.length);
  await expect.poll(workerMessages, { message: 'the held answer came back from the worker' }).toBeGreaterThan(before);
  // The answer is handled in the task that received it; one frame later anything it rendered is painted.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
  await expect(sort).toHaveValue('oldest');
  expect(await texts(s.resultLinks)).toEqual(oldest);
  expect((await s.status.innerText()).replace(/ · \d+ 毫秒/, '')).toBe(status);
});
