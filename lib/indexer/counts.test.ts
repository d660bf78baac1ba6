import { appendFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCorpus } from '../corpus';
import { decodeSuggestShard, parseManifest, unpackFile, MANIFEST_FILE, type Manifest } from '../index-format';
import { SearchEngine, type Tally } from '../search';
import { buildIndex } from './build';
import { TermCounter } from './counts';
import { fsFetcher } from './fs-fetcher';
import { loadState } from './state';

let tmp = '';
let out = '';
let manifest: Manifest;
let engine: SearchEngine;
let terms: string[] = [];

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'bns-counts-'));
  const src = path.join(tmp, 'src');
  out = path.join(tmp, 'out');
  const state = path.join(tmp, 'state');
  await writeCorpus(src, { docs: 300, seed: 9 });
  await buildIndex({ srcDirs: [src], outDir: out, stateDir: state, workers: 0 });
  // Rewritten and removed articles leave deleted documents in the first segment; the rewritten ones make a second.
  const files = (await readdir(src)).filter((f) => f.endsWith('.md')).sort();
  for (const f of files.slice(0, 12)) await appendFile(path.join(src, f), '\n<p>更正：本文有修改。</p>\n');
  for (const f of files.slice(-8)) await rm(path.join(src, f));
  await buildIndex({ srcDirs: [src], outDir: out, stateDir: state, workers: 0 });
  manifest = parseManifest(await readFile(path.join(out, MANIFEST_FILE), 'utf8'));
  engine = await SearchEngine.open(fsFetcher(out));
  const entries = [];
  for (const name of manifest.suggest) entries.push(...decodeSuggestShard(await unpackFile(new Uint8Array(await readFile(path.join(out, name))), name), name));
  terms = [...new Set(entries.map((e) => e.term))];
}, 240_000);

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('counting suggested words after an update', () => {
  it('gives, for every suggested word, what searching it finds on the updated index with deleted documents', async () => {
    expect(manifest.segments.length).toBeGreaterThanOrEqual(2);
    expect(manifest.segments[0]!.deleted?.count).toBeGreaterThan(0);
    expect(terms.length).toBeGreaterThan(50);
    const entries = [];
    for (const name of manifest.suggest)
      entries.push(...decodeSuggestShard(await unpackFile(new Uint8Array(await readFile(path.join(out, name))), name), name));
    for (const e of entries) expect(e.count, e.term).toBe((await engine.search({ query: e.term, limit: 0 })).total);
  });

  it('takes a segment’s kept numbers instead of counting the segment again, and subtracts its deleted documents that hold the word', async () => {
    const first = manifest.segments[0]!.generation;
    const fresh = new TermCounter(out, manifest, engine, {});
    const kept = { [first]: {} as Record<string, Tally> };
    for (const term of terms) {
      const whole = await engine.tally(term);
      const summed = await fresh.tally(term);
      expect(summed.total, term).toBe(whole.total);
      // In the answer's order too: most first, then the column's.
      expect(
        Object.entries(summed.facets).map(([k, v]) => [k, Object.entries(v)]),
        term,
      ).toEqual(Object.entries(whole.facets).map(([k, v]) => [k, Object.entries(v)]));
      const own = fresh.counts[first]![term]!;
      kept[first]![term] = { total: own.total + 1000, facets: { ...own.facets, source: { ...own.facets.source, 不存在的来源: 1000 } } };
    }
    // Numbers that were not what the segment holds show through: the segment was not counted again.
    const reusing = new TermCounter(out, manifest, engine, kept);
    for (const term of terms.slice(0, 40)) {
      const t = await reusing.tally(term);
      expect(t.total, term).toBe((await engine.tally(term)).total + 1000);
      expect(t.facets.source['不存在的来源'], term).toBe(1000);
    }
    // The first segment's deleted documents hold some of the words (its count over all its documents is more
    // than its live ones hold), and yet the totals above were right: they were subtracted.
    const others = manifest.segments.slice(1).filter((g) => g.deleted === null);
    expect(others).toHaveLength(manifest.segments.length - 1);
    let deletedHold = 0;
    for (const t of terms) {
      const liveInFirst = (await engine.tally(t)).total - others.reduce((n, g) => n + fresh.counts[g.generation]![t]!.total, 0);
      if (fresh.counts[first]![t]!.total > liveInFirst) deletedHold++;
    }
    expect(deletedHold).toBeGreaterThan(0);
  });

  it('are kept in the update state, per segment of the index served', async () => {
    const state = await loadState(path.join(tmp, 'state'), manifest, null);
    if ('reason' in state) throw new Error(state.reason);
    expect(Object.keys(state.counts).sort()).toEqual(manifest.segments.map((g) => g.generation).sort());
    for (const g of manifest.segments) expect(Object.keys(state.counts[g.generation]!).length).toBeGreaterThan(0);
  });

  it('leave to the whole index a word the postings alone do not decide: an alias, several words, an operator', async () => {
    expect(await engine.countInText('交行', [0, 1])).toBeNull();
    expect(await engine.countInText('交通银行 普惠', [0])).toBeNull();
    expect(await engine.countInText('-贷款', [0])).toBeNull();
    expect(await engine.countInText('普惠 OR 绿色', [0])).toBeNull();
    expect(await engine.countInText('普惠', [])).toBe(0);
  });
});
