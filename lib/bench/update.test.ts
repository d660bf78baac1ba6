import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateArticles } from '../corpus';
import { buildIndex } from '../indexer';
import type { SearchResult } from '../search';
import { BenchOptionsError } from './errors';
import { BENCH_QUERIES } from './queries';
import {
  answerDifference,
  APPENDED_SENTENCE,
  appendSentence,
  applyCorpusChange,
  changedCount,
  compareAnswers,
  countUnchanged,
  hashFiles,
  newArticleDay,
  newArticles,
  planCorpusChange,
  redate,
} from './update';

const names = (n: number) =>
  Array.from({ length: n }, (_, i) => `2024-0${1 + (i % 9)}-1${i % 10}-20240${1 + (i % 9)}1${i % 10}${String(i).padStart(10, '0')}.md`);

describe('the corpus change plan', () => {
  it('rewrites and removes k/10 files each, disjoint, drawn from the whole corpus', () => {
    const all = names(2000);
    const p = planCorpusChange(all, 100, 1);
    expect(p.add).toBe(100);
    expect(p.rewrite).toHaveLength(10);
    expect(p.remove).toHaveLength(10);
    expect(new Set([...p.rewrite, ...p.remove]).size).toBe(20);
    for (const n of [...p.rewrite, ...p.remove]) expect(all).toContain(n);
    expect(p.rewrite).toEqual([...p.rewrite].sort());
    // Spread out: not just the first or the newest files.
    const places = [...p.rewrite, ...p.remove].map((n) => [...all].sort().indexOf(n));
    expect(Math.max(...places) - Math.min(...places)).toBeGreaterThan(1000);
  });

  it('is the same for the same names and seed, in any order, and another for another seed', () => {
    const all = names(500);
    expect(planCorpusChange([...all].reverse(), 50, 7)).toEqual(planCorpusChange(all, 50, 7));
    expect(planCorpusChange(all, 50, 8).rewrite).not.toEqual(planCorpusChange(all, 50, 7).rewrite);
  });

  it('finds the newest day from the file names', () => {
    expect(planCorpusChange(['2023-01-02-202301020000000001.md', '2024-12-26-202412260000000002.md', '2024-03-05-202403050000000003.md'], 1, 1).newestDay).toBe(
      '2024-12-26',
    );
  });

  it('rounds k/10, and refuses what the corpus cannot give', () => {
    expect([1, 4, 5, 15, 100, 1000].map(changedCount)).toEqual([0, 0, 1, 2, 10, 100]);
    expect(planCorpusChange(names(10), 4, 1)).toMatchObject({ rewrite: [], remove: [] });
    expect(() => planCorpusChange(names(10), 0, 1)).toThrow(BenchOptionsError);
    expect(() => planCorpusChange(names(10), 60, 1)).toThrow('update 60 rewrites and removes 6 files each, more than the 10 there');
    expect(() => planCorpusChange(['notes.md'], 1, 1)).toThrow('corpus file "notes.md" is not named YYYY-MM-DD-<id>.md');
  });
});

describe('the new articles', () => {
  it('come a day after the newest, a batch of 100 a day', () => {
    expect(newArticleDay('2024-12-31', 0)).toBe('2025-01-01');
    expect(newArticleDay('2024-12-31', 99)).toBe('2025-01-01');
    expect(newArticleDay('2024-12-31', 100)).toBe('2025-01-02');
    expect(newArticleDay('2024-02-28', 0)).toBe('2024-02-29');
  });

  it('are redated in the name, the id, the front matter and the footer, time and zone kept', () => {
    const a = {
      fileName: '2023-06-14-202306140123456789.md',
      content: '---\ntitle: "x"\ndate: "2023-06-14 09:08:07 +0800"\n---\n<p>正文 2023-06-14</p>\n\n<http://example.com/news/1344,202306140123456789.html>\n',
    };
    expect(redate(a, '2025-01-02')).toEqual({
      fileName: '2025-01-02-202501020123456789.md',
      content: '---\ntitle: "x"\ndate: "2025-01-02 09:08:07 +0800"\n---\n<p>正文 2023-06-14</p>\n\n<http://example.com/news/1344,202501020123456789.html>\n',
    });
    expect(() => redate({ ...a, fileName: 'x.md' }, '2025-01-02')).toThrow(RangeError);
    expect(() => redate({ ...a, content: 'no front matter' }, '2025-01-02')).toThrow(RangeError);
  });

  it('are generated articles of another seed, all newer than the corpus and none of its names', () => {
    const corpus = [...generateArticles({ docs: 50, seed: 1 })];
    const newest = corpus
      .map((a) => a.fileName.slice(0, 10))
      .sort()
      .at(-1)!;
    const fresh = newArticles(150, 1, newest);
    expect(fresh).toHaveLength(150);
    expect(new Set(fresh.map((a) => a.fileName)).size).toBe(150);
    for (const a of fresh) {
      expect(a.fileName.slice(0, 10) > newest).toBe(true);
      expect(a.content).toMatch(new RegExp(`^date: "?${a.fileName.slice(0, 10)} `, 'm'));
      expect(corpus.map((c) => c.content)).not.toContain(a.content);
    }
    expect(fresh.filter((a) => a.fileName.startsWith(newArticleDay(newest, 0)))).toHaveLength(100);
    expect(newArticles(150, 1, newest)).toEqual(fresh);
  });

  it('append one sentence to a rewritten body', () => {
    expect(appendSentence('---\ntitle: x\n---\n正文。\n\n')).toBe(`---\ntitle: x\n---\n正文。\n\n${APPENDED_SENTENCE}\n`);
  });
});

describe('changing a corpus on disk', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('rewrites, removes and adds as planned', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'bench-update-'));
    for (const a of generateArticles({ docs: 40, seed: 3 })) writeFileSync(path.join(dir, a.fileName), a.content);
    const plan = planCorpusChange(readdirSync(dir), 20, 3);
    const before = readFileSync(path.join(dir, plan.rewrite[0]!), 'utf8');
    expect(await applyCorpusChange(dir, plan, 3)).toBe(40 + 20 - 2);
    expect(readFileSync(path.join(dir, plan.rewrite[0]!), 'utf8')).toBe(appendSentence(before));
    for (const n of plan.remove) expect(readdirSync(dir)).not.toContain(n);
    expect(readdirSync(dir).filter((n) => n.slice(0, 10) > plan.newestDay)).toHaveLength(20);
  });
});

describe('files left alone by the update', () => {
  it('counts the files with the same path and the same bytes', () => {
    const before = new Map([
      ['manifest.json', 'a'],
      ['g-1/shard-0.bin', 'b'],
      ['g-1/frag-0.bin', 'c'],
      ['del-1.bin', 'd'],
    ]);
    const after = new Map([
      ['manifest.json', 'a2'],
      ['g-1/shard-0.bin', 'b'],
      ['g-1/frag-0.bin', 'c'],
      ['g-2/shard-0.bin', 'b'],
      ['del-2.bin', 'd'],
    ]);
    expect(countUnchanged(before, after)).toBe(2);
    expect(countUnchanged(new Map(), after)).toBe(0);
    expect(countUnchanged(after, after)).toBe(5);
  });

  it('hashes every file of a folder by its relative path', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-hash-'));
    try {
      writeFileSync(path.join(dir, 'a.bin'), 'x');
      mkdirSync(path.join(dir, 'g'));
      writeFileSync(path.join(dir, 'g', 'b.bin'), 'x');
      const h = await hashFiles(dir);
      expect([...h.keys()]).toEqual(['a.bin', 'g/b.bin']);
      expect(h.get('a.bin')).toBe(h.get('g/b.bin'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('answers compared', () => {
  const result = (over: Partial<SearchResult> = {}): SearchResult => ({
    query: '普惠',
    total: 2,
    tookMs: 1.5,
    hits: [
      {
        id: 'a',
        title: 'A',
        date: '2024-01-01T00:00:00+08:00',
        source: 's',
        banks: [],
        url: null,
        link: null,
        score: 1.5,
        snippet: { text: 'x', ranges: [] } as unknown as SearchResult['hits'][number]['snippet'],
        titleHighlights: [],
        cluster: null,
      },
    ],
    facets: {} as SearchResult['facets'],
    facetsPending: false,
    expanded: [],
    exact: true,
    pinyin: null,
    corrections: [],
    ...over,
  });

  it('are equal whatever the time they took', () => {
    expect(answerDifference(result(), result({ tookMs: 99 }))).toBeNull();
  });

  it('name the first difference', () => {
    expect(answerDifference(result(), result({ total: 3 }))).toBe('total 2 ≠ 3');
    expect(answerDifference(result(), result({ hits: [] }))).toBe('1 hits ≠ 0');
    const other = result();
    other.hits[0] = { ...other.hits[0]!, id: 'b', score: 1.2 };
    expect(answerDifference(result(), other)).toBe('hit 1: a (score 1.5) ≠ b (score 1.2)');
    const rescored = result();
    rescored.hits[0] = { ...rescored.hits[0]!, score: 1.4 };
    expect(answerDifference(result(), rescored)).toBe('hit 1 (a): score 1.5 ≠ 1.4');
    expect(answerDifference(result(), result({ exact: false }))).toBe('exact true ≠ false');
  });
});

describe('answers of two indexes on disk', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('are equal between an updated index and a full build of the same files, and not once the files differ', { timeout: 120_000 }, async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'bench-answers-'));
    const src = path.join(dir, 'corpus');
    mkdirSync(src);
    for (const a of generateArticles({ docs: 60, seed: 5 })) writeFileSync(path.join(src, a.fileName), a.content);
    const index = (out: string, state: string | null) =>
      buildIndex({ srcDirs: [src], outDir: path.join(dir, out), stateDir: state && path.join(dir, state), workers: 0 });
    await index('updated', 'state');
    await applyCorpusChange(src, planCorpusChange(readdirSync(src), 20, 5), 5);
    expect((await index('updated', 'state')).report.stats.update.kind).toBe('update');
    await index('full', null);
    const queries = BENCH_QUERIES.slice(0, 6);
    expect(await compareAnswers(path.join(dir, 'updated'), path.join(dir, 'full'), queries)).toEqual({ compared: 21, unequal: 0, examples: [] });

    rmSync(path.join(src, readdirSync(src).sort().at(-1)!));
    await index('fewer', null);
    const diff = await compareAnswers(path.join(dir, 'updated'), path.join(dir, 'fewer'), queries);
    expect(diff.unequal).toBeGreaterThan(0);
    expect(diff.examples).toContainEqual({ query: '', filters: {}, sort: 'relevance', difference: 'total 78 ≠ 77' });
  });
});
