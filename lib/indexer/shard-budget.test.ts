import { appendFile, cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCorpus } from '../corpus';
import { parseManifest, MANIFEST_FILE, type Manifest } from '../index-format';
import { SearchEngine } from '../search';
import { withoutTime } from '../search/test-support';
import { buildIndex, DEFAULT_BUILD_OPTIONS, fsFetcher, shardCount, type BuildOptions } from '.';

const SIZES = { targetShardBytes: 6 * 1024, maxShardBytes: 24 * 1024 };

describe('the number of term shards of a segment', () => {
  it('keeps shards of the target size while the budget holds them', () => {
    expect(shardCount(6 * 1024 * 100, 16_000, SIZES)).toBe(100);
    expect(shardCount(6 * 1024 * 100 + 1, 16_000, SIZES)).toBe(101);
    expect(shardCount(1, 16_000, SIZES)).toBe(1);
    expect(shardCount(0, 16_000, SIZES)).toBe(1);
  });

  it('takes what the budget leaves, down to shards of the largest size, and no fewer', () => {
    // 1,000 shards of 6 KB wanted, 400 left: shards of about 15 KB.
    expect(shardCount(6 * 1024 * 1000, 400, SIZES)).toBe(400);
    // Nothing left, or less than none (segments kept from a larger budget): shards of 24 KB, 250 of them.
    expect(shardCount(6 * 1024 * 1000, 0, SIZES)).toBe(250);
    expect(shardCount(6 * 1024 * 1000, -5_000, SIZES)).toBe(250);
    expect(shardCount(10, 0, SIZES)).toBe(1);
  });

  it('never exceeds 65,536 in a segment', () => {
    expect(shardCount(24 * 1024 * 100_000, 1_000_000, SIZES)).toBe(65_536);
  });

  it('keeps the defaults the design names: 6 KB shards within 16,000, 24 KB past it', () => {
    expect(DEFAULT_BUILD_OPTIONS.targetShardBytes).toBe(6 * 1024);
    expect(DEFAULT_BUILD_OPTIONS.maxShardBytes).toBe(24 * 1024);
    expect(DEFAULT_BUILD_OPTIONS.maxShards).toBe(16_000);
  });
});

/**
 * A small corpus under a small budget, so that a full build spends it and an update finds it spent: the
 * sizes are scaled down from the defaults, as a test corpus is from a real one.
 */
const BUDGET: Partial<BuildOptions> = { workers: 0, targetShardBytes: 2048, maxShardBytes: 64 * 1024, maxShards: 100 };

let tmp = '';
let src = '';
const manifestOf = async (out: string): Promise<Manifest> => parseManifest(await readFile(path.join(out, MANIFEST_FILE), 'utf8'));

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'bns-shard-budget-'));
  src = path.join(tmp, 'src');
  await writeCorpus(src, { docs: 200, seed: 11 });
}, 120_000);

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('the shard budget over an index', () => {
  it('spends it on a full build, gives an update what the kept segments leave, and answers as a full build does', async () => {
    const out = path.join(tmp, 'budget');
    const unbounded = path.join(tmp, 'unbounded');
    const build = (outDir: string, maxShards = BUDGET.maxShards!) => buildIndex({ ...BUDGET, maxShards, srcDirs: [src], outDir, stateDir: `${outDir}-state` });
    await build(out);
    // Without the budget the same files take shards of the target size: many more of them.
    await build(unbounded, Number.MAX_SAFE_INTEGER);
    expect((await manifestOf(out)).segments.map((g) => g.shards.count)).toEqual([BUDGET.maxShards]);
    expect((await manifestOf(unbounded)).segments[0]!.shards.count).toBeGreaterThan(BUDGET.maxShards! * 3);

    // An update of a tenth of the corpus and an edit: with the budget spent, its segment takes shards of the
    // largest size, 32 times the target, so about a thirty-second as many as the same update without the budget
    // (an eighth is asserted: a count rounds up, and a small segment's is small).
    const more = path.join(tmp, 'more');
    await writeCorpus(more, { docs: 20, seed: 12 });
    for (const f of await readdir(more)) await cp(path.join(more, f), path.join(src, `more-${f}`));
    const edited = (await readdir(src)).filter((f) => f.endsWith('.md')).sort()[0]!;
    await appendFile(path.join(src, edited), '\n<p>更正：本文有修改。</p>\n');
    expect((await build(out)).report.stats.update.kind).toBe('update');
    expect((await build(unbounded, Number.MAX_SAFE_INTEGER)).report.stats.update.kind).toBe('update');
    const [kept, added] = (await manifestOf(out)).segments;
    const [, addedUnbounded] = (await manifestOf(unbounded)).segments;
    expect(kept!.shards.count).toBe(BUDGET.maxShards);
    expect(added!.shards.count * 8).toBeLessThanOrEqual(addedUnbounded!.shards.count);

    // The same answers as a full build of the same files under the default sizes.
    const reference = path.join(tmp, 'reference');
    await buildIndex({ workers: 0, srcDirs: [src], outDir: reference, stateDir: null });
    const a = await SearchEngine.open(fsFetcher(out));
    const b = await SearchEngine.open(fsFetcher(reference));
    for (const query of ['银行', '普惠金融', '小微企业 贷款', '工商银行 -贷款', '"数字人民币"', '更正']) {
      for (const req of [{ query }, { query, limit: 200 }, { query, filters: { bank: ['工商银行', '建设银行'] } }]) {
        expect(withoutTime(await a.search(req)), `${query} ${JSON.stringify(req)}`).toEqual(withoutTime(await b.search(req)));
      }
    }
    expect((await a.search({ query: '更正' })).total).toBeGreaterThan(0);
  }, 600_000);

  it('gives a segment that a merge writes the budget of the segments it replaces', async () => {
    const out = path.join(tmp, 'merged');
    // Two segments of the lowest tier merge: the update's and the full build's become one.
    const merge = { floorDocs: 1_000, tierFactor: 10, segmentsPerTier: 2 };
    const build = () => buildIndex({ ...BUDGET, merge, srcDirs: [src], outDir: out, stateDir: `${out}-state` });
    await build();
    expect((await manifestOf(out)).segments.map((g) => g.shards.count)).toEqual([BUDGET.maxShards]);
    const edited = (await readdir(src)).filter((f) => f.endsWith('.md')).sort()[1]!;
    await appendFile(path.join(src, edited), '\n<p>再次更正。</p>\n');
    const { report } = await build();
    expect(report.stats.update.kind).toBe('update');
    // Counted as kept, the merged segment would leave nothing, and the one written would take 64 KB shards: fewer.
    expect((await manifestOf(out)).segments.map((g) => g.shards.count)).toEqual([BUDGET.maxShards]);
  }, 600_000);
});
