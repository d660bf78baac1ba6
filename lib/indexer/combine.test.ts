import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateArticles } from '../corpus';
import { SearchEngine, type SearchResult } from '../search';
import { FORMAT_VERSION } from '../index-format';
import { buildIndex, combineIndexes, CombineError, fsFetcher } from '.';

/**
 * A corpus larger than one machine is built in parts (one per job) and joined: the joined index must
 * answer as a full build of all the parts' files, near-duplicates that pair across parts included.
 */

let dir = '';
const PARTS = ['a', 'b', 'c'];
const REQUESTS = ['银行', '普惠', '交通银行', '交行', '贷款 -信用卡', '"小微 企业"', '建设银行 OR 工商银行', ''].flatMap((query) =>
  (['relevance', 'newest', 'oldest'] as const).map((sort) => ({ query, sort, limit: 100 })),
);

async function answers(outDir: string): Promise<unknown[]> {
  const engine = await SearchEngine.open(fsFetcher(outDir));
  const out: unknown[] = [];
  for (const r of REQUESTS) {
    const a: Partial<SearchResult> = await engine.search(r);
    delete a.tookMs;
    out.push(a);
  }
  for (const id of (await engine.search({ query: '', limit: 100 })).hits.map((h) => h.id)) out.push(await engine.getDocument(id, '交行'));
  return out;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'bns-combine-'));
  // Every third article to each part, so that near-duplicates (3 % of the generated stories) fall in different parts.
  let i = 0;
  for (const p of PARTS) await mkdir(path.join(dir, 'src', p), { recursive: true });
  for (const a of generateArticles({ docs: 360, seed: 8 })) await writeFile(path.join(dir, 'src', PARTS[i++ % 3]!, a.fileName), a.content);
  for (const p of PARTS)
    await buildIndex({ srcDirs: [path.join(dir, 'src', p)], outDir: path.join(dir, 'parts', p), stateDir: path.join(dir, 'parts', p, '.state'), workers: 0 });
}, 300_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const parts = () => PARTS.map((p) => ({ outDir: path.join(dir, 'parts', p), stateDir: path.join(dir, 'parts', p, '.state') }));

describe('combineIndexes', () => {
  it('joins parts as segments of one index that answers as a full build of all their files', async () => {
    const out = path.join(dir, 'joined');
    const { report, manifest } = await combineIndexes({ parts: parts(), outDir: out, stateDir: path.join(dir, 'joined-state'), workers: 0 });
    const full = path.join(dir, 'full');
    const reference = await buildIndex({ srcDirs: PARTS.map((p) => path.join(dir, 'src', p)), outDir: full, workers: 0 });
    expect(report.stats.update.kind).toBe('combine');
    // Near-duplicates across parts were written again, into one more segment.
    expect(report.stats.update.rewritten).toBeGreaterThan(0);
    expect(manifest.segments).toHaveLength(4);
    expect(manifest.docCount).toBe(reference.manifest.docCount);
    expect(manifest.avgLength).toBe(reference.manifest.avgLength);
    expect(manifest.examples).toEqual(reference.manifest.examples);
    // The offered words' facet counts, summed over the joined segments: the same files as the full build's.
    expect(manifest.wordFacets.length).toBeGreaterThan(0);
    expect(manifest.wordFacets).toEqual(reference.manifest.wordFacets);
    expect(report.documents).toEqual(reference.report.documents);
    expect(await answers(out)).toEqual(await answers(full));
    // The joined index holds its own copies of the parts' segments, and nothing it does not read.
    const names = (await readdir(out)).filter((n) => n !== 'manifest.json').sort();
    const reads = manifest.segments.flatMap((g) => [g.generation, ...(g.deleted ? [g.deleted.file] : [])]);
    expect(names).toEqual(
      [
        ...new Set([...reads, ...(manifest.order ? [manifest.order] : []), manifest.home!, ...manifest.suggest, ...manifest.readings, ...manifest.wordFacets]),
      ].sort(),
    );
  }, 300_000);

  it('is then updated like any index built from files: nothing to read, and the merge policy applies', async () => {
    const out = path.join(dir, 'joined');
    const state = path.join(dir, 'joined-state');
    const next = await buildIndex({ srcDirs: PARTS.map((p) => path.join(dir, 'src', p)), outDir: out, stateDir: state, workers: 0 });
    // Four small segments are one tier: the update merges them, reading no file.
    expect(next.report.stats.update).toMatchObject({ kind: 'update', added: 0, changed: 0, removed: 0, segments: 1 });
    expect(await answers(out)).toEqual(await answers(path.join(dir, 'full')));
  }, 300_000);

  it('refuses parts that cannot be joined, naming the part and the reason', async () => {
    const out = path.join(dir, 'refused');
    const stateDir = path.join(dir, 'refused-state');
    const [a] = parts();
    await expect(combineIndexes({ parts: [a!, { outDir: path.join(dir, 'nowhere'), stateDir }], outDir: out, stateDir })).rejects.toThrow(
      new CombineError(path.join(dir, 'nowhere'), `has no index of format ${FORMAT_VERSION} (build it with npm run index)`),
    );
    await expect(combineIndexes({ parts: [a!, { ...a!, stateDir: path.join(dir, 'no-state') }], outDir: out, stateDir })).rejects.toThrow(
      /has no update state in .*no-state/,
    );
    // The same part twice holds every id twice.
    await expect(
      combineIndexes({
        parts: [a!, { outDir: path.join(dir, 'parts', 'a-copy'), stateDir: path.join(dir, 'parts', 'a-copy', '.state') }],
        outDir: out,
        stateDir,
      }),
    ).rejects.toThrow(/has no index/);
    await buildIndex({
      srcDirs: [path.join(dir, 'src', 'a')],
      outDir: path.join(dir, 'parts', 'a-copy'),
      stateDir: path.join(dir, 'parts', 'a-copy', '.state'),
      workers: 0,
    });
    await expect(
      combineIndexes({
        parts: [a!, { outDir: path.join(dir, 'parts', 'a-copy'), stateDir: path.join(dir, 'parts', 'a-copy', '.state') }],
        outDir: out,
        stateDir,
      }),
    ).rejects.toThrow(/holds document .*, as does .*parts\/a: give the files distinct names, or index them together/);
    await buildIndex({
      srcDirs: [path.join(dir, 'src', 'b')],
      outDir: path.join(dir, 'parts', 'b-linked'),
      stateDir: path.join(dir, 'parts', 'b-linked', '.state'),
      workers: 0,
      link: { permalink: 'date', siteUrl: null, timeZone: 'Asia/Shanghai' },
    });
    await expect(
      combineIndexes({
        parts: [a!, { outDir: path.join(dir, 'parts', 'b-linked'), stateDir: path.join(dir, 'parts', 'b-linked', '.state') }],
        outDir: out,
        stateDir,
      }),
    ).rejects.toThrow(/was built with other settings/);
  }, 300_000);
});
