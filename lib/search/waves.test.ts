import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCorpus } from '../corpus';
import { buildIndex, fsFetcher } from '../indexer';
import { SearchEngine, type SearchResult } from '.';

/** The round trips of a first query: on a phone each costs a latency, so what can be asked together is. */

let tmp = '';
let out = '';

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'bns-waves-'));
  const src = path.join(tmp, 'src');
  out = path.join(tmp, 'out');
  await writeCorpus(src, { docs: 150, seed: 11 });
  await buildIndex({ srcDirs: [src], outDir: out, stateDir: null, mode: 'full' });
}, 120_000);

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

function withoutTime(r: SearchResult): Omit<SearchResult, 'tookMs'> {
  const { tookMs: _tookMs, ...rest } = r;
  return rest;
}

/** An engine whose character-table files are held back until `release`, recording every file asked for. */
async function gated(): Promise<{ engine: SearchEngine; fetched: string[]; release: () => void }> {
  const files = fsFetcher(out);
  const fetched: string[] = [];
  let release = (): void => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  const engine = await SearchEngine.open(async (name, range) => {
    fetched.push(name);
    if (/\/chars-\d+\.bin$/.test(name)) await gate;
    return files(name, range);
  });
  return { engine, fetched, release };
}

const isShard = (name: string) => /\/shard-\d+\.bin$/.test(name);

describe('a first query', () => {
  it('asks for its term shards while the character table that folds it is still on its way, and for no other shard', async () => {
    const query = '普惠金融';
    const { engine, fetched, release } = await gated();
    const answer = engine.search({ query });
    const deadline = Date.now() + 5_000;
    while (!fetched.some(isShard) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(fetched.some((n) => /\/chars-\d+\.bin$/.test(n))).toBe(true);
    expect(fetched.filter(isShard).length).toBeGreaterThan(0);
    release();
    const result = await answer;

    // The same answer as an engine that waits for nothing, from exactly the shards the query's units need.
    const plain = await SearchEngine.open(fsFetcher(out));
    expect(withoutTime(result)).toEqual(withoutTime(await plain.search({ query })));
    expect(result.total).toBeGreaterThan(0);
    const needed: string[] = [];
    const files = fsFetcher(out);
    const measuring = await SearchEngine.open((name, range) => {
      needed.push(name);
      return files(name, range);
    });
    await measuring.lookups(query);
    expect([...new Set(fetched.filter(isShard))].sort()).toEqual([...new Set(needed.filter(isShard))].sort());
  });

  it('in traditional characters still finds what the simplified query finds', async () => {
    const engine = await SearchEngine.open(fsFetcher(out));
    const simplified = await engine.search({ query: '交通银行 贷款' });
    const traditional = await engine.search({ query: '交通銀行 貸款' });
    expect(simplified.total).toBeGreaterThan(0);
    expect(traditional.hits.map((h) => h.id)).toEqual(simplified.hits.map((h) => h.id));
    expect(traditional.total).toBe(simplified.total);
  });
});
