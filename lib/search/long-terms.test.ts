import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { termUnits } from '../index-format';
import { buildIndex, fsFetcher } from '../indexer';
import { SearchEngine } from '.';

/** Terms longer than the n-grams: matched by chaining the 4-grams that tile them, through their positions. */

let dir = '';
let engine: SearchEngine;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'bns-long-'));
  const src = path.join(dir, 'src');
  await mkdir(src);
  // Each holds one of the term's first two 4-grams; no article holds its last one.
  await writeFile(path.join(src, '2024-01-01-a.md'), '---\ntitle: 甲乙丙丁\ndate: 2024-01-01\n---\n<p>甲乙丙丁。</p>\n');
  await writeFile(path.join(src, '2024-01-02-b.md'), '---\ntitle: 丁戊己庚\ndate: 2024-01-02\n---\n<p>丁戊己庚。</p>\n');
  await buildIndex({ srcDirs: [src], outDir: path.join(dir, 'out'), workers: 0 });
  engine = await SearchEngine.open(fsFetcher(path.join(dir, 'out')));
}, 120_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a term longer than the n-grams', () => {
  it('finds nothing, without asking for positions, when its first 4-grams share no document and a later one is in none', async () => {
    const term = '甲乙丙丁戊己庚辛壬';
    // The case this guards: the 4-grams the term is looked up by, in order, are in a, in b, then in neither.
    expect(termUnits(term).units).toEqual(['甲乙丙丁', '丁戊己庚', '己庚辛壬']);
    const r = await engine.search({ query: term });
    expect(r.total).toBe(0);
    expect(r.exact).toBe(true);
    // As the whole-query phrase too (a query of three words).
    expect((await engine.search({ query: '甲乙丙丁 戊己庚 辛壬' })).total).toBe(0);
  });
});
