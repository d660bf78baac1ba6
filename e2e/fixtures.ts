import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Locator, type Page } from '@playwright/test';

/** The page's function that hands a Content-Security-Policy violation to the test. */
const CSP_BINDING = '__reportCspViolation';

/** Lets a spec that provokes an error on purpose (a failed download, a blocked script) name the messages it expects. */
export interface ConsoleErrors {
  allow(pattern: RegExp): void;
}

/**
 * Every spec's shared check: a page that logs a console error (its own or its search worker's), throws
 * an uncaught exception, opens a dialog (an injected `alert`) or breaks its Content-Security-Policy
 * fails the test, whatever the spec itself asserted.
 */
export const test = base.extend<{ consoleErrors: ConsoleErrors }>({
  consoleErrors: [
    async ({ page }, use) => {
      const problems: string[] = [];
      const allowed: RegExp[] = [];
      const record = (where: string, text: string) => {
        if (!allowed.some((re) => re.test(text))) problems.push(`${where}: ${text}`);
      };
      page.on('console', (m) => {
        if (m.type() === 'error') record('console', `${m.text()} (${m.location().url})`);
      });
      page.on('pageerror', (e) => record('pageerror', `${e.name}: ${e.message}`));
      page.on('worker', (w) =>
        w.on('console', (m) => {
          if (m.type() === 'error') record('worker console', m.text());
        }),
      );
      page.on('dialog', (d) => {
        problems.push(`dialog: ${d.type()} ${d.message()}`);
        void d.dismiss();
      });
      // Reported to the test as they happen, so a violation on a page the test has since left still counts.
      await page.exposeFunction(CSP_BINDING, (text: string) => record('csp violation', text));
      await page.addInitScript((binding) => {
        document.addEventListener('securitypolicyviolation', (e) => {
          const report = (window as unknown as Record<string, (text: string) => void>)[binding];
          report?.(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber} ${e.sample}`);
        });
      }, CSP_BINDING);
      await use({ allow: (pattern) => void allowed.push(pattern) });
      expect(problems, 'console errors, uncaught exceptions, dialogs or CSP violations on the page').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Fragment files (the documents shown on a page), wherever the index build puts them under /search/. */
export const FRAGMENTS = /\/search\/(.*\/)?frag-[^/]*\.bin$/;

/** axe's serious and critical findings on the page as it stands (WCAG 2.1 A and AA, and best practice), one line each. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    );
}

/** The results page's parts, found the way a reader (or a screen reader) finds them. */
export function searchPage(page: Page) {
  return {
    box: page.getByRole('combobox', { name: '搜索…' }),
    /** The suggestions under the box. */
    suggestions: page.getByRole('listbox', { name: '搜索建议' }),
    status: page.getByRole('status'),
    results: page.getByTestId('result'),
    resultLinks: page.getByTestId('result').getByRole('heading').getByRole('link'),
    /** The results section once it shows the answer to `q` (not a stale one). */
    answered: (q: string) => page.locator(`section[data-query="${q.replace(/["\\]/g, '\\$&')}"]`),
  };
}

/** Types `q` into the search box like a person and waits until the results for exactly `q` are shown. */
export async function typeQuery(page: Page, q: string): Promise<void> {
  const s = searchPage(page);
  await s.box.click();
  await s.box.pressSequentially(q, { delay: 30 });
  await expect(s.answered(q)).toBeVisible();
  await expect(s.status).toHaveText(/共 \d+ 篇/);
  await countsShown(page);
  await closeSuggestions(page);
}

/**
 * Waits until the facet lists in view show their counts: a first query's results are painted before them (the
 * lists are `aria-busy` meanwhile), and a test that reads or ticks a count, or that needs the worker idle,
 * starts after. Found by CSS, not by role. On a phone the lists sit in a closed disclosure, and their counts
 * are not asked for until it opens: only lists in view are waited for.
 */
export async function countsShown(page: Page): Promise<void> {
  await expect(page.locator('fieldset[aria-busy="true"]:visible')).toHaveCount(0);
}

/** Each value of the facet list `name` with its count, in the order shown, once the list has its counts. */
export async function countsOf(page: Page, name: string): Promise<string[]> {
  const list = page.getByRole('group', { name });
  await expect(list).toHaveAttribute('aria-busy', 'false');
  return list.locator('label').evaluateAll((labels) => labels.map((l) => (l.textContent ?? '').replace(/\s+/g, ' ').trim()));
}

/** Done typing: the suggestions close (Esc), as a reader's next look (and click) is at the page under them. */
export async function closeSuggestions(page: Page): Promise<void> {
  const s = searchPage(page);
  if (await s.suggestions.isVisible()) {
    await page.keyboard.press('Escape');
    await expect(s.suggestions).toBeHidden();
  }
}

/**
 * Opens the results for `q` on a narrow screen and waits until its first answer is shown and read: the first six
 * results of the page, the rest still to come below them.
 */
export async function firstAnswerOnAPhone(page: Page, q: string): Promise<void> {
  const s = searchPage(page);
  await page.goto(`/?q=${encodeURIComponent(q)}`);
  await expect(s.answered(q)).toBeVisible();
  await expect(s.results).toHaveCount(6);
  await page.waitForLoadState('networkidle');
}

/**
 * Opens the article of the result `link` leads to, then comes back through its 返回搜索结果 link to the results for
 * `q`; returns the title opened.
 */
export async function openThenComeBack(page: Page, link: Locator, q: string): Promise<string> {
  const title = (await link.innerText()).trim();
  await link.scrollIntoViewIfNeeded();
  await link.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await page.getByRole('link', { name: /返回搜索结果/ }).click();
  await expect(searchPage(page).answered(q)).toBeVisible();
  return title;
}

/**
 * Scrolls down to the end of the page of results shown, as a reader does, until every result of it is on the page: a
 * narrow screen's first answer holds the first few, and the rest is read as the reader comes near it.
 */
export async function scrollThroughResults(page: Page): Promise<void> {
  const more = page.getByTestId('more-results');
  // The rest can arrive (and the note go) between finding the note and scrolling to it: then scroll to the next one.
  await expect(async () => {
    if ((await more.count()) > 0) await more.scrollIntoViewIfNeeded({ timeout: 1000 });
    await expect(more).toHaveCount(0, { timeout: 1000 });
  }).toPass();
}

/** The visible text of each locator match, trimmed. */
export async function texts(l: Locator): Promise<string[]> {
  return (await l.allInnerTexts()).map((t) => t.trim());
}

/** Saves a full-page screenshot under test-results/screenshots/ for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = path.join('test-results', 'screenshots');
  await mkdir(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/** One bar of the month histogram, as its button's label reads: `2022年3月，12 篇`. */
export interface MonthBar {
  month: string;
  count: number;
}

/** The month histogram: its bar buttons, and what each says. */
export function histogram(page: Page) {
  const group = page.getByRole('group', { name: '按月筛选' });
  const bars = group.getByRole('button');
  return {
    group,
    bars,
    readout: page.getByTestId('histogram-readout'),
    /** Every bar's month (`YYYY-MM`) and count, left to right. */
    async read(): Promise<MonthBar[]> {
      const labels = await bars.evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label') ?? ''));
      return labels.map((l) => {
        const m = /^(\d{4})年(\d{1,2})月，(\d+) 篇$/.exec(l);
        if (!m) throw new Error(`not a month bar label: ${l}`);
        return { month: `${m[1]}-${m[2]!.padStart(2, '0')}`, count: Number(m[3]) };
      });
    },
  };
}

/** `2022-02` → `2022-02-28`. */
export function lastDayOf(month: string): string {
  const d = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
  return `${month}-${String(d).padStart(2, '0')}`;
}

/** The result count in the status line `共 N 篇 · …`. */
export async function totalOf(page: Page): Promise<number> {
  const text = await page.getByRole('status').innerText();
  const m = /共 (\d+) 篇/.exec(text);
  if (!m) throw new Error(`no total in the status line: ${text}`);
  return Number(m[1]);
}

/** A URL's query parameters as sorted pairs, to compare two URLs whatever order they list them in. */
export function paramsOf(url: string): string[][] {
  return [...new URL(url, 'http://x').searchParams].sort((a, b) => a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]));
}

/** `2022-03` → `2022年3月`, as the histogram says it. */
export function monthName(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
}
