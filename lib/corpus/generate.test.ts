import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import matter from 'gray-matter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  BANKS,
  CENTRAL_BANK,
  GenerateOptionsError,
  MAX_BODY_CHARS,
  MAX_DOCS,
  MIN_BODY_CHARS,
  generateArticles,
  writeCorpus,
  type GeneratedArticle,
} from './index';
import { NEUTRAL_CONTEXT, TOPICS } from './vocabulary';

const N = 2000;
let corpus: GeneratedArticle[] = [];

beforeAll(() => {
  corpus = [...generateArticles({ docs: N, seed: 1 })];
});

/** Visible article text: no front matter, widget, markup, source line, link lines or Markdown marks. */
function plainText(content: string): string {
  const body = content.slice(content.indexOf('\n---\n') + 5);
  return body
    .replace(/<!-- EM_StockImg_Start -->[\s\S]*?<!-- EM_StockImg_End -->/g, '')
    .split('\n')
    .filter((line) => !/^(<http|<>|\[返回)/.test(line.trim()))
    .join('\n')
    .replace(/<[^>]+>/g, '')
    .replace(/（文章来源：[^）]*）/g, '')
    .replace(/^> /gm, '')
    .replace(/\*\*/g, '')
    .replace(/\s+/g, '');
}

function frontLine(content: string, key: string): string {
  const line = content.split('\n').find((l) => l.startsWith(`${key}:`));
  if (line === undefined) throw new Error(`no ${key} line in:\n${content.slice(0, 300)}`);
  return line.slice(key.length + 1).trim();
}

const BANK_WORDS = [...BANKS, CENTRAL_BANK].map((b) => ({ name: b.name, words: [b.name, b.full, ...b.aliases] }));

function banksIn(text: string): string[] {
  return BANK_WORDS.filter((b) => b.words.some((w) => text.includes(w))).map((b) => b.name);
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] ?? 0;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] ?? 0;
      prev[j] = Math.min(up + 1, (prev[j - 1] ?? 0) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length] ?? 0;
}

/** Hashes of a text's character 5-grams (numbers: much faster to compare than strings). */
function shingles(text: string): Set<number> {
  const set = new Set<number>();
  for (let i = 0; i + 5 <= text.length; i++) {
    let h = 0;
    for (let k = i; k < i + 5; k++) h = Math.imul(h ^ text.charCodeAt(k), 0x01000193);
    set.add(h);
  }
  return set;
}

/** Pairs of articles whose character-5-gram sets have Jaccard similarity >= minimum. */
function similarPairs(texts: string[], minimum: number): { a: number; b: number; jaccard: number }[] {
  const sets = texts.map(shingles);
  // Candidates share sampled shingles (1 in 8); shingles common to many articles say nothing.
  const postings = new Map<number, number[]>();
  sets.forEach((set, doc) => {
    for (const g of set) {
      if ((g & 7) !== 0) continue;
      const list = postings.get(g);
      if (list) list.push(doc);
      else postings.set(g, [doc]);
    }
  });
  const shared = new Map<number, number>();
  for (const docs of postings.values()) {
    if (docs.length > 60) continue;
    for (let x = 0; x < docs.length; x++) {
      for (let y = x + 1; y < docs.length; y++) {
        const key = (docs[x] ?? 0) * texts.length + (docs[y] ?? 0);
        shared.set(key, (shared.get(key) ?? 0) + 1);
      }
    }
  }
  const pairs: { a: number; b: number; jaccard: number }[] = [];
  for (const [key, count] of shared) {
    if (count < 4) continue;
    const a = Math.floor(key / texts.length);
    const b = key % texts.length;
    const A = sets[a] ?? new Set<number>();
    const B = sets[b] ?? new Set<number>();
    let inter = 0;
    for (const g of A) if (B.has(g)) inter++;
    const jaccard = inter / (A.size + B.size - inter);
    if (jaccard >= minimum) pairs.push({ a, b, jaccard });
  }
  return pairs;
}

describe('generateArticles: determinism', () => {
  it('gives byte-identical output for the same seed', () => {
    const again = [...generateArticles({ docs: N, seed: 1 })];
    expect(again).toEqual(corpus);
  });

  it('gives different output for a different seed', () => {
    const other = [...generateArticles({ docs: 200, seed: 2 })];
    const same = other.filter((a, i) => a.content === corpus[i]?.content).length;
    expect(same).toBe(0);
  });

  it('does not let the corpus size change an article: a small corpus is a prefix of a large one', () => {
    expect([...generateArticles({ docs: 150, seed: 1 })]).toEqual(corpus.slice(0, 150));
  });

  it('accepts seeds beyond 32 bits without folding them onto small ones', () => {
    const big = [...generateArticles({ docs: 20, seed: 2 ** 32 + 1 })];
    const small = corpus.slice(0, 20);
    expect(big.filter((a, i) => a.content === small[i]?.content)).toHaveLength(0);
  });
});

describe('generateArticles: options', () => {
  it.each([0, -1, 1.5, Number.NaN, MAX_DOCS + 1])('rejects docs = %s with a message naming it', (docs) => {
    expect(() => generateArticles({ docs, seed: 1 }).next()).toThrow(GenerateOptionsError);
    expect(() => generateArticles({ docs, seed: 1 }).next()).toThrow(String(docs));
  });

  it.each([0.5, Number.POSITIVE_INFINITY, 2 ** 60])('rejects seed = %s', (seed) => {
    expect(() => generateArticles({ docs: 1, seed }).next()).toThrow(GenerateOptionsError);
  });
});

describe('generateArticles: file shape', () => {
  it('names files YYYY-MM-DD-<digits>.md, uniquely, with the date of the front matter', () => {
    const names = corpus.map((a) => a.fileName);
    expect(new Set(names).size).toBe(N);
    for (const a of corpus) {
      const m = /^(\d{4})-(\d{2})-(\d{2})-(\d{18})\.md$/.exec(a.fileName);
      expect(m, a.fileName).not.toBeNull();
      const [, y, mo, d, digits] = m ?? [];
      expect(digits?.startsWith(`${y}${mo}${d}`)).toBe(true);
      expect(frontLine(a.content, 'date').replace(/^"/, '').startsWith(`${y}-${mo}-${d} `)).toBe(true);
    }
  });

  it('parses every file as Jekyll front matter and a body, tagged 示例数据', () => {
    for (const a of corpus) {
      const parsed = matter(a.content);
      expect(parsed.data.layout, a.fileName).toBe('post');
      expect(typeof parsed.data.title).toBe('string');
      expect((parsed.data.title as string).length).toBeGreaterThan(4);
      expect(String(parsed.data.categories)).toMatch(/^[a-z0-9]+$/);
      expect(String(parsed.data.tags).split(' ')).toContain('示例数据');
      expect(parsed.data.date instanceof Date || typeof parsed.data.date === 'string').toBe(true);
      expect(parsed.content.trim().length).toBeGreaterThan(MIN_BODY_CHARS);
    }
  });

  it('reads unquoted titles back exactly as written', () => {
    const unquoted = corpus.filter((a) => !frontLine(a.content, 'title').startsWith('"'));
    expect(unquoted.length).toBeGreaterThan(N * 0.05);
    for (const a of unquoted) expect(matter(a.content).data.title).toBe(frontLine(a.content, 'title'));
  });

  it('varies the shapes like the real sites do', () => {
    const count = (test: (c: string) => boolean): number => corpus.filter((a) => test(a.content)).length;
    const markdown = count((c) => !c.includes('<p'));
    expect(markdown).toBeGreaterThan(N * 0.05);
    expect(markdown).toBeLessThan(N * 0.4);
    const widget = count((c) => c.includes('<!-- EM_StockImg_Start -->') && c.includes('<!-- EM_StockImg_End -->'));
    expect(widget).toBeGreaterThan(N * 0.02);
    expect(widget).toBeLessThan(N * 0.2);
    expect(count((c) => /^date: \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/m.test(c))).toBeGreaterThan(N * 0.03);
    expect(count((c) => /^date: \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \+0800$/m.test(c))).toBeGreaterThan(N * 0.7);
    expect(count((c) => c.includes('<p class="em_media">（文章来源：'))).toBeGreaterThan(N * 0.5);
    expect(count((c) => c.includes('[返回首页]'))).toBeGreaterThan(N * 0.9);
    // Only example.com links: nothing points at the real sites.
    for (const a of corpus) {
      for (const url of a.content.match(/(?:https?:)?\/\/[^\s")>\]]+/g) ?? []) expect(url, a.fileName).toMatch(/^(?:https?:)?\/\/example\.com\//);
    }
  });
});

describe('generateArticles: content', () => {
  it('spreads dates over at least five years, all within 2019..2024', () => {
    const years = new Set(corpus.map((a) => Number(a.fileName.slice(0, 4))));
    expect(years.size).toBeGreaterThanOrEqual(5);
    for (const a of corpus) {
      const day = a.fileName.slice(0, 10);
      expect(day >= '2019-01-01' && day <= '2024-12-31', a.fileName).toBe(true);
    }
  });

  it(`keeps bodies between ${MIN_BODY_CHARS} and ${MAX_BODY_CHARS} characters, long-tailed`, () => {
    const lengths = corpus.map((a) => plainText(a.content).length).sort((x, y) => x - y);
    expect(lengths[0]).toBeGreaterThanOrEqual(MIN_BODY_CHARS);
    expect(lengths[lengths.length - 1]).toBeLessThanOrEqual(MAX_BODY_CHARS);
    const median = lengths[Math.floor(N / 2)] ?? 0;
    const p95 = lengths[Math.floor(N * 0.95)] ?? 0;
    expect(median).toBeLessThan(1200);
    expect(p95).toBeGreaterThan(median * 2);
    expect(lengths.filter((n) => n > 2500).length).toBeGreaterThan(0);
  });

  it('names banks in almost every article, a few not at all, with a long tail of rare banks', () => {
    const perBank = new Map<string, number>();
    let none = 0;
    for (const a of corpus) {
      const found = banksIn(a.content);
      if (found.length === 0) {
        none++;
        expect(a.content, a.fileName).not.toMatch(/银行|央行|銀行/);
      }
      for (const name of found) perBank.set(name, (perBank.get(name) ?? 0) + 1);
    }
    expect(none).toBeGreaterThan(N * 0.01);
    expect(none).toBeLessThan(N * 0.08);
    const counts = [...perBank.values()].sort((x, y) => y - x);
    expect(perBank.size).toBeGreaterThanOrEqual(40);
    expect(counts[0]).toBeGreaterThan((counts[Math.floor(counts.length / 2)] ?? 0) * 5);
    for (const big of ['工商银行', '建设银行', '农业银行', '中国银行', '交通银行', '招商银行', '中国人民银行']) {
      expect(perBank.get(big) ?? 0, big).toBeGreaterThan(N * 0.03);
    }
  });

  it('writes formal names, short names and aliases, and branch names', () => {
    const all = corpus.map((a) => a.content).join('\n');
    for (const word of ['中国工商银行', '工商银行', '工行', '中国建设银行', '建行', '交行', '招行', '央行']) expect(all).toContain(word);
    expect(all).toMatch(/(?:交通|建设|工商|农业|中国)银行[\u4e00-\u9fff]{2,8}?(?:省|自治区|市)分行/);
    expect(all).toMatch(/[\u4e00-\u9fff]{2,4}银行[\u4e00-\u9fff]{2,4}分行/);
  });

  it('puts traditional characters and full-width letters in a few articles only', () => {
    const traditional = corpus.filter((a) => /銀行/.test(a.content)).length;
    expect(traditional).toBeGreaterThan(0);
    expect(traditional).toBeLessThan(N * 0.05);
    const fullWidth = corpus.filter((a) => /[０-９Ａ-Ｚａ-ｚ]/.test(a.content)).length;
    expect(fullWidth).toBeGreaterThan(0);
    expect(fullWidth).toBeLessThan(N * 0.05);
  });

  it('has about 3% near-duplicates, clearly apart from unrelated articles', () => {
    const texts = corpus.map((a) => plainText(a.content));
    const pairs = similarPairs(texts, 0.5);
    const near = pairs.filter((p) => p.jaccard >= 0.65);
    expect(near.length).toBeGreaterThan(N * 0.015);
    expect(near.length).toBeLessThan(N * 0.06);
    // Nothing in between: a clustering threshold anywhere in 0.5..0.65 gives the same clusters.
    expect(pairs.filter((p) => p.jaccard < 0.65)).toEqual([]);
    for (const { a, b } of near) {
      const first = corpus[a];
      const second = corpus[b];
      if (!first || !second) throw new Error('pair outside the corpus');
      // Same story: the titles differ by at most one edit each from the original.
      const titleA = String(matter(first.content).data.title);
      const titleB = String(matter(second.content).data.title);
      expect(editDistance(titleA, titleB), `${titleA} / ${titleB}`).toBeLessThanOrEqual(2);
      const days = Math.abs(Date.parse(second.fileName.slice(0, 10)) - Date.parse(first.fileName.slice(0, 10))) / 86_400_000;
      expect(days).toBeLessThanOrEqual(2);
    }
  });
});

describe('vocabulary', () => {
  it('keeps bank-free templates free of banks', () => {
    const bankFree = [...NEUTRAL_CONTEXT, ...TOPICS.filter((t) => t.subject === 'none').flatMap((t) => [...t.titles, ...t.sentences, ...t.headings])];
    for (const template of bankFree) {
      expect(template).not.toMatch(/银行|央行|\{B\}|\{BR\}|\{OB|\{ALIAS\}|\{PER\}/);
      expect(banksIn(template)).toEqual([]);
    }
  });
});

describe('writeCorpus', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gen-corpus-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('creates the directory and writes exactly the generated files, byte for byte', async () => {
    const out = join(dir, 'nested', 'a');
    const result = await writeCorpus(out, { docs: 120, seed: 1 });
    const names = (await readdir(out)).sort();
    expect(result.files).toBe(120);
    expect(names).toEqual(
      corpus
        .slice(0, 120)
        .map((a) => a.fileName)
        .sort(),
    );
    let bytes = 0;
    for (const name of names) bytes += (await stat(join(out, name))).size;
    expect(result.bytes).toBe(bytes);
    for (const a of corpus.slice(0, 120)) expect(await readFile(join(out, a.fileName), 'utf8')).toBe(a.content);
  });

  it('writes the same bytes on a second run into another directory', async () => {
    const one = join(dir, 'one');
    const two = join(dir, 'two');
    await writeCorpus(one, { docs: 60, seed: 9 });
    await writeCorpus(two, { docs: 60, seed: 9 });
    const names = (await readdir(one)).sort();
    expect((await readdir(two)).sort()).toEqual(names);
    for (const name of names) expect((await readFile(join(two, name))).equals(await readFile(join(one, name)))).toBe(true);
  });

  it('names the path when the output directory cannot be created', async () => {
    const file = join(dir, 'one', corpus[0]?.fileName ?? 'x');
    await writeCorpus(join(dir, 'one'), { docs: 1, seed: 1 });
    await expect(writeCorpus(join(file, 'sub'), { docs: 1, seed: 1 })).rejects.toThrow(file);
  });
});
