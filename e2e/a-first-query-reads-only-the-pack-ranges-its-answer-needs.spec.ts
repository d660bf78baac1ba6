import { expect, searchPage, test } from './fixtures';

/** A pack of the index (pack.ts): fragment groups or position shards, read by range. */
const PACK = /\/(frag|pos)-pack-\d+\.bin$/;

interface Read {
  path: string;
  range: string | null;
  status: number;
}

test('a first query on a fresh page reads only the pack ranges its answer needs', async ({ page }) => {
  const pending: Promise<Read>[] = [];
  page.context().on('requestfinished', (r) => {
    const path = new URL(r.url()).pathname;
    if (!path.endsWith('.bin')) return;
    pending.push(r.response().then((res) => ({ path, range: r.headers()['range'] ?? null, status: res?.status() ?? 0 })));
  });
  await page.goto(`/?q=${encodeURIComponent('贷款')}`);
  const s = searchPage(page);
  await expect(s.answered('贷款')).toBeVisible();
  await expect(s.status).toHaveText(/共 \d+ 篇/);
  const shown = await s.results.count();
  expect(shown).toBeGreaterThan(1);
  // Anything the answer started is finished well within this.
  await page.waitForTimeout(500);
  const reads = await Promise.all(pending);

  const packReads = reads.filter((r) => PACK.test(r.path));
  expect(packReads.length).toBeGreaterThan(0);
  for (const r of packReads) {
    expect(r.range, `${r.path} is read by range, never whole`).toMatch(/^bytes=\d+-\d+$/);
    expect(r.status, `${r.path} ${r.range}`).toBe(206);
  }
  // A header is the range from byte 0; a member's starts after it.
  const isHeader = (r: Read) => r.range!.startsWith('bytes=0-');
  const fragMembers = packReads.filter((r) => r.path.includes('/frag-pack-') && !isHeader(r));
  const fragHeaders = packReads.filter((r) => r.path.includes('/frag-pack-') && isHeader(r));
  // Each result shown is one document, one member: none more.
  expect(fragMembers).toHaveLength(shown);
  // Its range follows from the slot sizes in the rank file the query read first: no fragment pack's header is read.
  expect(reads.some((r) => r.path.endsWith('/rank.bin'))).toBe(true);
  expect(fragHeaders).toEqual([]);
  const keys = reads.map((r) => `${r.path} ${r.range ?? 'whole'}`);
  expect(keys, 'no file or range is read twice').toEqual([...new Set(keys)]);
});
