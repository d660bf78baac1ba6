import { appendFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCorpus } from '../corpus';
import { decodeWordFacets, FACETS, FACETS_FILE, RANK_FILE, unpackFile } from '../index-format';
import { buildIndex, fsFetcher } from '../indexer';
import { isPreloadPath, SearchEngine, type Fetcher, type SearchOptions, type SearchRequest } from '.';
import { withoutTime } from './test-support';

let tmp = '';
/** One segment, and the same articles changed by an update: two segments, one document deleted. */
const dirs = { single: '', segmented: '' };

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'bns-first-'));
  const src = path.join(tmp, 'src');
  await writeCorpus(src, { docs: 300, seed: 11 });
  dirs.single = path.join(tmp, 'single');
  dirs.segmented = path.join(tmp, 'segmented');
  await buildIndex({ srcDirs: [src], outDir: dirs.single, stateDir: null, mode: 'full', workers: 0 });
  const state = path.join(tmp, 'state');
  await buildIndex({ srcDirs: [src], outDir: dirs.segmented, stateDir: state, mode: 'update', workers: 0 });
  const files = (await readdir(src)).sort();
  await rm(path.join(src, files[3]!));
  await appendFile(path.join(src, files[7]!), '\n\n普惠金融 交通银行 数字人民币 又一段。\n');
  await buildIndex({ srcDirs: [src], outDir: dirs.segmented, stateDir: state, mode: 'update', workers: 0 });
}, 240_000);

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** Requests without a facet filter: a first answer paints them before the facet values arrive. */
const UNFILTERED: SearchRequest[] = [
  { query: '银行' },
  { query: '普惠金融' },
  { query: '交通银行 贷款' },
  { query: '"数字人民币"' },
  { query: '贷款 -交通银行' },
  { query: '银行', sort: 'newest' },
  { query: '银行', sort: 'oldest', offset: 10 },
  { query: '银行', from: '2023-01-01', to: '2023-12-31' },
  { sort: 'oldest' },
  { query: '没有这样的词语吧' },
  { query: '银行', from: '1990-01-01', to: '1990-12-31' },
];

/** Requests with a facet filter: a first answer filters them by the selected values' own document lists. */
const FILTERED: SearchRequest[] = [
  { query: '银行', filters: { bank: ['交通银行'] } },
  { query: '贷款', filters: { source: ['新华网'] }, sort: 'newest' },
  { query: '贷款', filters: { bank: ['交通银行', '建设银行'], source: ['新华网', '金融时报'] } },
  { query: '银行', filters: { bank: ['工商银行'] }, from: '2023-01-01', to: '2023-12-31' },
  { filters: { bank: ['农业银行'] }, sort: 'oldest', offset: 10 },
  { query: '普惠 -交通银行', filters: { bank: ['工商银行', '交通银行'] } },
  { query: '"数字人民币"', filters: { source: ['新华网'] } },
  { query: '银行', filters: { bank: ['没有这家银行'] } },
  { query: '银行', filters: { bank: ['交通银行', '交通银行', ''] } },
  { query: '没有这样的词语吧', filters: { bank: ['交通银行'] } },
  { query: '银行', filters: { bank: ['交通银行'] }, from: '1990-01-01', to: '1990-12-31' },
];

/** An engine over `dir` that records every file it fetches, and can be told to fail some. */
async function recording(
  dir: string,
  fail: (name: string) => boolean = () => false,
  // The path of a query the build stored no facet counts for; those it did are tested below.
  options: Partial<SearchOptions> = { storedFacets: false },
): Promise<{ engine: SearchEngine; fetched: string[] }> {
  const fetched: string[] = [];
  const files = fsFetcher(dir);
  const fetcher: Fetcher = (name, range) => {
    fetched.push(name);
    if (fail(name)) return Promise.reject(new Error(`${name}: refused by the test`));
    return files(name, range);
  };
  return { engine: await SearchEngine.open(fetcher, { ...options, loader: { retries: 0 } }), fetched };
}

const isFacets = (name: string) => path.basename(name) === FACETS_FILE;
const isRank = (name: string) => path.basename(name) === RANK_FILE;

describe.each(['single', 'segmented'] as const)('a first answer (%s index)', (kind) => {
  it('is the complete answer with its facet counts to come, read without the facet values; search then completes it', async () => {
    const reference = (await recording(dirs[kind])).engine;
    for (const request of UNFILTERED) {
      const full = await reference.search(request);
      expect(full.facetsPending).toBe(false);
      const { engine, fetched } = await recording(dirs[kind]);
      const first = await engine.searchFirst(request);
      const label = JSON.stringify(request);
      expect(fetched.filter(isFacets), label).toEqual([]);
      if (full.total === 0) {
        // Nothing matched: every count is empty, as the values would leave it, and nothing is to come.
        expect(first.facetsPending, label).toBe(false);
        expect(withoutTime(first), label).toEqual(withoutTime(full));
        continue;
      }
      expect(first.facetsPending, label).toBe(true);
      expect(fetched.some(isRank), label).toBe(true);
      expect({ ...withoutTime(first), facets: null, facetsPending: null }, label).toEqual({ ...withoutTime(full), facets: null, facetsPending: null });
      expect(first.facets.month, label).toEqual(full.facets.month);
      for (const f of FACETS) expect(first.facets[f.key], `${label} ${f.key}`).toEqual({});
      const completed = await engine.search(request);
      expect(withoutTime(completed), label).toEqual(withoutTime(full));
      expect(fetched.filter(isFacets), label).toHaveLength(engine.manifest.segments.length);
    }
    // The page without a query is the stored answer, with every count already.
    const home = await (await recording(dirs[kind])).engine.searchFirst({});
    expect(home.facetsPending).toBe(false);
    expect(withoutTime(home)).toEqual(withoutTime(await reference.search({})));
    expect(Object.keys((await reference.search({ query: '银行' })).facets.bank).length).toBeGreaterThan(0);
  });

  it('gives a page read in two parts, its first results and then the rest, as the page read whole, without the facet values', async () => {
    const reference = (await recording(dirs[kind])).engine;
    const isFragment = (name: string) => path.basename(name).startsWith('frag-');
    for (const request of [...UNFILTERED, ...FILTERED]) {
      const page = { limit: 10, offset: 0, ...request };
      const whole = await reference.search(page);
      for (const first of [0, 1, 6, 9]) {
        const label = JSON.stringify({ request, first });
        const { engine, fetched } = await recording(dirs[kind]);
        const head = await engine.searchFirst({ ...page, limit: first }, false);
        // Each result shown reads its own display data, and only those results do.
        expect(fetched.filter(isFragment), label).toHaveLength(head.hits.length);
        const rest = await engine.searchFirst({ ...page, offset: page.offset + first, limit: page.limit - first }, false);
        expect([...head.hits, ...rest.hits], label).toEqual(whole.hits);
        expect([head.total, rest.total], label).toEqual([whole.total, whole.total]);
        expect(fetched.filter(isFacets), label).toEqual([]);
      }
    }
  });

  it('filters by the selected values without the facet values, its counts to come; search then completes it', async () => {
    const reference = (await recording(dirs[kind])).engine;
    const province = Object.keys((await reference.search({ query: '银行' })).facets.province)[0]!;
    let found = 0;
    const withProvince: SearchRequest[] = [
      { query: '贷款', filters: { province: [province], bank: ['工商银行'] } },
      { query: '银行', filters: { province: [province], bank: ['工商银行', '建设银行'], source: ['新华网'] } },
    ];
    for (const request of [...FILTERED, ...withProvince]) {
      const full = await reference.search(request);
      const label = JSON.stringify(request);
      for (const countsShown of [true, false]) {
        const { engine, fetched } = await recording(dirs[kind]);
        const first = await engine.searchFirst(request, countsShown);
        expect(fetched.filter(isFacets), label).toEqual([]);
        expect({ ...withoutTime(first), facets: null, facetsPending: null }, label).toEqual({ ...withoutTime(full), facets: null, facetsPending: null });
        expect(first.facets.month, label).toEqual(full.facets.month);
        if (first.facetsPending) for (const f of FACETS) expect(first.facets[f.key], `${label} ${f.key}`).toEqual({});
        // Complete at once only when nothing matched before the filters: every count is then known.
        else expect(withoutTime(first), label).toEqual(withoutTime(full));
        const completed = await engine.search(request);
        expect(withoutTime(completed), label).toEqual(withoutTime(full));
        expect(fetched.filter(isFacets), label).toHaveLength(engine.manifest.segments.length);
      }
      if (full.total > 0) found++;
    }
    // The filters find documents, so the lists above were compared with answers that have hits and counts.
    expect(found).toBeGreaterThanOrEqual(7);
    expect((await reference.search(FILTERED[0]!)).facets.bank['交通银行']).toBeGreaterThan(0);
    expect((await reference.search(FILTERED[1]!)).facets.source['新华网']).toBeGreaterThan(0);
  });

  it('filters by every document’s facet values when the selected values are more than their lists are worth', async () => {
    const reference = (await recording(dirs[kind])).engine;
    const request = { query: '银行', filters: { bank: ['工商银行', '建设银行', '农业银行', '中国银行', '交通银行'] } };
    const { engine, fetched } = await recording(dirs[kind]);
    const first = await engine.searchFirst(request, false);
    expect(first.facetsPending).toBe(false);
    expect(first.total).toBeGreaterThan(0);
    expect(withoutTime(first)).toEqual(withoutTime(await reference.search(request)));
    expect(fetched.filter(isFacets)).toHaveLength(engine.manifest.segments.length);
  });

  it('is complete at once when the facet values are in memory, and fetches nothing for them again', async () => {
    const { engine, fetched } = await recording(dirs[kind]);
    await engine.search({ query: '银行' });
    const before = fetched.filter(isFacets).length;
    const first = await engine.searchFirst({ query: '贷款' });
    expect(first.facetsPending).toBe(false);
    expect(withoutTime(first)).toEqual(withoutTime(await engine.search({ query: '贷款' })));
    expect(fetched.filter(isFacets)).toHaveLength(before);
  });

  it('tries the facet values again after a failed download', async () => {
    let failures = 1;
    const { engine } = await recording(dirs[kind], (name) => isFacets(name) && failures-- > 0);
    const first = await engine.searchFirst({ query: '银行' });
    expect(first.facetsPending).toBe(true);
    await expect(engine.search({ query: '银行' })).rejects.toThrow(/facets\.bin/);
    const again = await engine.search({ query: '银行' });
    expect(again.facetsPending).toBe(false);
    expect(withoutTime(again)).toEqual(withoutTime(await (await recording(dirs[kind])).engine.search({ query: '银行' })));
  });
});

describe.each(['single', 'segmented'] as const)('reading ahead (%s index)', (kind) => {
  it('reads the rank columns before any query, and the first search then reads only its own files and answers as a fresh engine does', async () => {
    const reference = (await recording(dirs[kind])).engine;
    const { engine, fetched } = await recording(dirs[kind]);
    const opened = fetched.length;
    await engine.preload();
    const ahead = fetched.slice(opened);
    expect(ahead.filter(isRank)).toHaveLength(engine.manifest.segments.length);
    expect(ahead.every(isPreloadPath), ahead.join(' ')).toBe(true);
    if (kind === 'segmented') expect(ahead.some((name) => name.startsWith('del-'))).toBe(true);
    for (const request of UNFILTERED) {
      const before = fetched.length;
      const first = await engine.searchFirst(request);
      expect(fetched.slice(before).filter(isPreloadPath), JSON.stringify(request)).toEqual([]);
      expect(withoutTime(await engine.search(request)), JSON.stringify(request)).toEqual(withoutTime(await reference.search(request)));
      expect(first.total).toBe((await reference.search(request)).total);
    }
  });

  it('reads nothing ahead of an index of more documents than it may, its deleted ones counted', async () => {
    const { engine: probe } = await recording(dirs[kind]);
    const held = probe.manifest.segments.reduce((n, s) => n + s.docCount, 0);
    // The segmented index holds deleted documents: a limit of its live documents is still too small.
    if (kind === 'segmented') expect(held).toBeGreaterThan(probe.manifest.docCount);
    else expect(held).toBe(probe.manifest.docCount);
    const { engine, fetched } = await recording(dirs[kind], undefined, { preloadDocs: probe.manifest.docCount - (kind === 'single' ? 1 : 0) });
    const opened = fetched.length;
    await engine.preload();
    expect(fetched.slice(opened)).toEqual([]);
    await engine.search({ query: '银行' });
    expect(fetched.filter(isRank)).toHaveLength(engine.manifest.segments.length);
  });

  it('never fails: a rank file it could not read is read again by the first search', async () => {
    let rankReads = 0;
    const { engine, fetched } = await recording(dirs[kind], (name) => isRank(name) && rankReads++ === 0);
    await expect(engine.preload()).resolves.toBeUndefined();
    expect(rankReads).toBeGreaterThan(0);
    const reads = fetched.filter(isRank).length;
    const answer = await engine.search({ query: '银行' });
    expect(fetched.filter(isRank).length).toBeGreaterThan(reads);
    expect(withoutTime(answer)).toEqual(withoutTime(await (await recording(dirs[kind])).engine.search({ query: '银行' })));
  });
});

it('names as read ahead only the rank columns of a segment and the deletions and order files', () => {
  for (const yes of ['g-0123456789abcd/rank.bin', 'del-0123456789abcd.bin', 'order-0123456789abcd.bin']) expect(isPreloadPath(yes), yes).toBe(true);
  for (const no of [
    'rank.bin',
    'g-0123456789abcd/facets.bin',
    'g-0123456789abcd/shard-3.bin',
    'x/g-0123456789abcd/rank.bin',
    'g-0123456789abc/rank.bin',
    'home-0123456789abcd.bin',
    'manifest.json',
  ])
    expect(isPreloadPath(no), no).toBe(false);
});

it('the segmented index has two segments and a deletion, so the first answers above renumber across them', async () => {
  const { engine } = await recording(dirs.segmented);
  expect(engine.manifest.segments.length).toBeGreaterThan(1);
  expect(engine.manifest.segments.some((s) => s.deleted !== null)).toBe(true);
});

/** The words the build stored facet counts for in the index of `dir`. */
async function storedWords(dir: string, engine: SearchEngine): Promise<string[]> {
  const words: string[] = [];
  for (const name of engine.manifest.wordFacets) {
    words.push(...decodeWordFacets(await unpackFile(new Uint8Array(await readFile(path.join(dir, name))), name), name).keys());
  }
  return words;
}

const isWordFacets = (name: string) => path.basename(name).startsWith('wfc-');

describe.each(['single', 'segmented'] as const)('stored facet counts (%s index)', (kind) => {
  it('answer a first query of one offered word completely, from one small file instead of the facet values', async () => {
    const reference = (await recording(dirs[kind])).engine;
    const words = await storedWords(dirs[kind], reference);
    expect(words.length).toBeGreaterThan(50);
    let withCounts = 0;
    for (const query of words) {
      const full = await reference.search({ query });
      const { engine, fetched } = await recording(dirs[kind], undefined, {});
      const first = await engine.searchFirst({ query });
      expect(first.facetsPending, query).toBe(false);
      expect(withoutTime(first), query).toEqual(withoutTime(full));
      // In the answer's order too: the facet lists show values in it.
      for (const f of FACETS) expect(Object.entries(first.facets[f.key]), `${query} ${f.key}`).toEqual(Object.entries(full.facets[f.key]));
      expect(fetched.filter(isFacets), query).toEqual([]);
      expect(fetched.filter(isWordFacets), query).toHaveLength(1);
      expect(withoutTime(await engine.search({ query, sort: 'newest' })), query).toEqual(withoutTime(await reference.search({ query, sort: 'newest' })));
      if (Object.keys(full.facets.bank).length > 0) withCounts++;
    }
    expect(withCounts).toBeGreaterThan(words.length / 2);
  });

  it('serve the same word however it is written: traditional characters, punctuation at its edges, spaces around it', async () => {
    const reference = (await recording(dirs[kind])).engine;
    expect(await storedWords(dirs[kind], reference)).toContain('银行');
    for (const query of ['銀行', '银行，', ' 银行 ']) {
      const full = await reference.search({ query });
      const { engine, fetched } = await recording(dirs[kind], undefined, {});
      const first = await engine.searchFirst({ query });
      expect(first.facetsPending, query).toBe(false);
      expect(fetched.filter(isFacets), query).toEqual([]);
      expect(withoutTime(first), query).toEqual(withoutTime(full));
      for (const f of FACETS) expect(Object.entries(first.facets[f.key]), `${query} ${f.key}`).toEqual(Object.entries(full.facets[f.key]));
    }
  });

  it('are not read for what they do not count: several words, quotes, an alias, a filter, a date range', async () => {
    const reference = (await recording(dirs[kind])).engine;
    const words = new Set(await storedWords(dirs[kind], reference));
    expect(words.has('银行')).toBe(true);
    const requests: SearchRequest[] = [
      { query: '银行 贷款' },
      { query: '"银行"' },
      { query: '银行 -贷款' },
      { query: '交行' },
      { query: '银行', filters: { bank: ['交通银行'] } },
      { query: '银行', from: '2023-01-01', to: '2023-12-31' },
    ];
    for (const request of requests) {
      const label = JSON.stringify(request);
      const { engine, fetched } = await recording(dirs[kind], undefined, {});
      const answer = await engine.search(request);
      expect(withoutTime(answer), label).toEqual(withoutTime(await reference.search(request)));
      expect(fetched.filter(isFacets), label).toHaveLength(engine.manifest.segments.length);
      expect(fetched.filter(isWordFacets), label).toEqual([]);
    }
  });

  it('are not read by a first answer whose counts are not shown yet, which leaves them to come; search then reads them', async () => {
    const reference = (await recording(dirs[kind])).engine;
    const words = await storedWords(dirs[kind], reference);
    for (const query of [words[0]!, '银行']) {
      const full = await reference.search({ query });
      const { engine, fetched } = await recording(dirs[kind], undefined, {});
      const first = await engine.searchFirst({ query }, false);
      expect(first.facetsPending, query).toBe(true);
      expect(fetched.filter(isWordFacets), query).toEqual([]);
      expect(fetched.filter(isFacets), query).toEqual([]);
      expect({ ...withoutTime(first), facets: full.facets, facetsPending: false }, query).toEqual(withoutTime(full));
      expect(first.facets.month, query).toEqual(full.facets.month);
      // Shown later, the counts come from the word's file as the first answer's would have.
      expect(withoutTime(await engine.search({ query })), query).toEqual(withoutTime(full));
      expect(fetched.filter(isWordFacets), query).toHaveLength(1);
      expect(fetched.filter(isFacets), query).toEqual([]);
    }
  });

  it('are not read by a filtered first answer, nor by one given once the facet values are in memory', async () => {
    const reference = (await recording(dirs[kind])).engine;
    const { engine, fetched } = await recording(dirs[kind], undefined, {});
    const filtered = { query: '银行', filters: { bank: ['交通银行'] } };
    const first = await engine.searchFirst(filtered, false);
    expect(first.facetsPending).toBe(true);
    expect(fetched.filter(isFacets)).toEqual([]);
    expect(withoutTime(await engine.search(filtered))).toEqual(withoutTime(await reference.search(filtered)));
    expect(fetched.filter(isFacets)).toHaveLength(engine.manifest.segments.length);
    const later = await engine.searchFirst({ query: '银行' }, false);
    expect(later.facetsPending).toBe(false);
    expect(withoutTime(later)).toEqual(withoutTime(await reference.search({ query: '银行' })));
    expect(fetched.filter(isWordFacets)).toEqual([]);
  });

  it('leave the facet values unread until the page reads them ahead, once, for a filter; a failed read is tried again', async () => {
    let refusing = true;
    const { engine, fetched } = await recording(dirs[kind], (name) => isFacets(name) && refusing, {});
    expect((await engine.searchFirst({ query: '银行' })).facetsPending).toBe(false);
    expect(fetched.filter(isFacets)).toEqual([]);
    await expect(engine.preloadFacetValues()).resolves.toBe(false);
    const failed = fetched.filter(isFacets).length;
    expect(failed).toBeGreaterThan(0);
    refusing = false;
    await expect(engine.preloadFacetValues()).resolves.toBe(true);
    const read = fetched.filter(isFacets).length;
    // Every segment's values read again: a failed read is forgotten, not kept.
    expect(read - failed).toBe(engine.manifest.segments.length);
    await expect(engine.preloadFacetValues()).resolves.toBe(true);
    const filtered = { query: '银行', filters: { bank: ['交通银行'] } };
    expect(withoutTime(await engine.search(filtered))).toEqual(withoutTime(await (await recording(dirs[kind])).engine.search(filtered)));
    expect(fetched.filter(isFacets)).toHaveLength(read);
  });

  it('leave the counts to come when their file cannot be read, and are read again by the next search', async () => {
    const reference = (await recording(dirs[kind])).engine;
    let refusing = true;
    const { engine, fetched } = await recording(dirs[kind], (name) => isWordFacets(name) && refusing, {});
    const first = await engine.searchFirst({ query: '银行' });
    expect(first.facetsPending).toBe(true);
    expect(fetched.filter(isWordFacets).length).toBeGreaterThan(0);
    refusing = false;
    const read = fetched.filter(isWordFacets).length;
    const completed = await engine.search({ query: '银行' });
    expect(withoutTime(completed)).toEqual(withoutTime(await reference.search({ query: '银行' })));
    expect(fetched.filter(isWordFacets).length).toBeGreaterThan(read);
    expect(fetched.filter(isFacets)).toEqual([]);
  });
});
