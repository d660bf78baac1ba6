import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isIngestError, readArticle } from './article';
import { clusterArticles } from './cluster';
import { PROVINCE_CITIES } from './dict/banks';
import { compareCodeUnits } from './read';
import type { Article } from './types';

/**
 * Measures ingest against the hand-written labels in ../shared/corpus/labels.json. The corpus
 * is third-party text and stays outside the repository; without it this suite is skipped.
 */
const SHARED = path.resolve(process.cwd(), '..', 'shared');
const LABELS_PATH = path.join(SHARED, 'corpus', 'labels.json');
const exists = existsSync(LABELS_PATH);
if (!exists) {
  console.warn(`lib/ingest/labels.test.ts: SKIPPED, ${SHARED} is absent (labels.json and the labelled corpus live there).`);
}

interface Label {
  title: string | null;
  titleHint?: string;
  date: string | null;
  source: string | null;
  url?: string | null;
  banks: string[];
  sameStoryAs?: string[];
}

/**
 * Pairs our clustering joins that labels.json does not mark as the same story. Each was read and
 * judged a label omission (reported to the maintainers rather than loosening this test):
 * identical body text and titles differing only by a final 。; the same 40亿 figure one minute
 * apart with titles differing only by 元. Any other unlabelled pair fails the test.
 */
const UNLABELLED_SAME_STORY: [string, string][] = [
  ['2021-12-08-202112082206748961.md', '2021-12-08-202112082206749391.md'],
  ['2021-12-08-202112082206757673.md', '2021-12-08-202112082206761079.md'],
];

describe.skipIf(!exists)('agreement with ../shared/corpus/labels.json', () => {
  const labels = new Map<string, Label>();
  const articles = new Map<string, Omit<Article, 'id'>>();
  const failures: string[] = [];

  beforeAll(async () => {
    const json = JSON.parse(readFileSync(LABELS_PATH, 'utf8')) as Record<string, Record<string, Label> | string>;
    const folders: Record<string, string> = { seeds: path.join(SHARED, 'seeds'), finews: path.join(SHARED, 'corpus', 'finews') };
    for (const [group, folder] of Object.entries(folders)) {
      const entries = json[group];
      if (typeof entries !== 'object') continue;
      for (const [name, label] of Object.entries(entries)) {
        labels.set(name, label);
        const read = await readArticle({ absPath: path.join(folder, name), relPath: name, root: folder });
        if (isIngestError(read)) failures.push(`${name}: ${read.reason}`);
        else articles.set(name, read);
      }
    }
  });

  const article = (name: string): Omit<Article, 'id'> => {
    const a = articles.get(name);
    if (!a) throw new Error(`${name} was not read`);
    return a;
  };

  it('reads every labelled file', () => {
    expect(failures).toEqual([]);
    expect(articles.size).toBe(labels.size);
    expect(labels.size).toBeGreaterThan(70);
  });

  it('agrees on dates exactly, titles and sources wherever labelled; prints agreement', () => {
    let titles = 0;
    let titled = 0;
    let dates = 0;
    let sources = 0;
    let sourced = 0;
    const mismatches: string[] = [];
    for (const [name, label] of labels) {
      const a = article(name);
      if (a.date === label.date) dates++;
      else mismatches.push(`${name} date: ${a.date} ≠ ${label.date}`);
      // Where no title is stated, the hint names the page's own headline line.
      const hinted = label.titleHint ? /standalone line (\S+)/.exec(label.titleHint)?.[1] : undefined;
      const wanted = label.title ?? hinted ?? null;
      if (wanted !== null) {
        titled++;
        if (a.title === wanted) titles++;
        else mismatches.push(`${name} title: ${a.title} ≠ ${wanted}`);
      }
      expect(a.title.trim()).not.toBe('');
      if (label.source !== null) sourced++;
      if (a.source === label.source) {
        if (label.source !== null) sources++;
      } else mismatches.push(`${name} source: ${a.source} ≠ ${label.source}`);
    }
    console.info(
      `labels.json agreement: title ${titles}/${titled}, date ${dates}/${labels.size}, source ${sources}/${sourced} (all ${labels.size} files; null sources also equal)`,
    );
    expect(mismatches).toEqual([]);
  });

  it('agrees on URLs where labelled', () => {
    for (const [name, label] of labels) {
      if (label.url !== undefined) expect(article(name).url, name).toBe(label.url);
    }
  });

  it('finds the labelled banks; prints precision and recall', () => {
    let truePositives = 0;
    let found = 0;
    let expected = 0;
    const differences: string[] = [];
    for (const [name, label] of labels) {
      const got = new Set(article(name).banks);
      const want = new Set(label.banks);
      found += got.size;
      expected += want.size;
      for (const bank of got) if (want.has(bank)) truePositives++;
      if ([...got].sort().join() !== [...want].sort().join()) differences.push(`${name}: ${[...got].join('、')} ≠ ${[...want].join('、')}`);
    }
    const precision = found === 0 ? 1 : truePositives / found;
    const recall = expected === 0 ? 1 : truePositives / expected;
    console.info(
      `labels.json banks: precision ${precision.toFixed(3)} (${truePositives}/${found}), recall ${recall.toFixed(3)} (${truePositives}/${expected}), exact files ${labels.size - differences.length}/${labels.size}`,
    );
    if (differences.length) console.info(differences.join('\n'));
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });

  // labels.json holds no provinces (they are not hand-labelled): this checks what always holds and
  // prints the result for a person to read.
  it('gives provinces as sorted short names, by branch where there are branches; prints them', () => {
    const keys = new Set(Object.keys(PROVINCE_CITIES));
    const counts = new Map<string, number>();
    for (const name of labels.keys()) {
      const a = article(name);
      expect(a.provinces, name).toEqual([...new Set(a.provinces)].sort(compareCodeUnits));
      for (const province of a.provinces) expect(keys.has(province), `${name}: ${province}`).toBe(true);
      const byBranch = new Set(a.branches.flatMap((b) => (b.province === null ? [] : [b.province])));
      if (byBranch.size > 0) expect(a.provinces, name).toEqual([...byBranch].sort(compareCodeUnits));
      const key = a.provinces.join('、') || '(none)';
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const summary = [...counts].sort((x, y) => y[1] - x[1] || compareCodeUnits(x[0], y[0])).map(([k, n]) => `${k} ${n}`);
    console.info(`provinces over ${labels.size} files: ${summary.join(', ')}`);
  });

  it('clusters every sameStoryAs pair and no other pair', () => {
    const clusters = clusterArticles([...articles].map(([id, a]) => ({ id, title: a.title, text: a.text, date: a.date })));
    const key = (a: string, b: string): string => (a < b ? `${a} ${b}` : `${b} ${a}`);
    const labelled = new Set<string>();
    for (const [name, label] of labels) {
      for (const other of label.sameStoryAs ?? []) {
        labelled.add(key(name, other));
        expect(clusters.get(name), `${name} ~ ${other}`).toBeDefined();
        expect(clusters.get(name), `${name} ~ ${other}`).toBe(clusters.get(other));
      }
    }
    const allowed = new Set(UNLABELLED_SAME_STORY.map(([a, b]) => key(a, b)));
    const clustered = [...clusters.keys()];
    const extra: string[] = [];
    for (let i = 0; i < clustered.length; i++) {
      for (let j = i + 1; j < clustered.length; j++) {
        const a = clustered[i] ?? '';
        const b = clustered[j] ?? '';
        if (clusters.get(a) !== clusters.get(b)) continue;
        const pair = key(a, b);
        if (labelled.has(pair)) continue;
        if (allowed.has(pair)) console.info(`clustered, not labelled (judged a label omission): ${pair}`);
        else extra.push(pair);
      }
    }
    expect(extra).toEqual([]);
  });
});
