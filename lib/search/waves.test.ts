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

describe('positions', () => {
  /** An engine that records the position pack members it reads (a range past the header) and the answer to `query`. */
  async function positionsRead(query: string): Promise<{ members: string[]; result: SearchResult }> {
    const files = fsFetcher(out);
    const members: string[] = [];
    const engine = await SearchEngine.open((name, range) => {
      if (/\/pos-pack-\d+\.bin$/.test(name) && range && range.start > 0) members.push(`${name} ${range.start}`);
      return files(name, range);
    });
    return { members, result: await engine.search({ query, limit: 100 }) };
  }

  it('are read for the whole query as one phrase only when its units share a document', async () => {
    // In this corpus 工商银行 and 小微企业 meet in 16 articles but never as 工商银行小微企业, whose 4-grams
    // (工商银行, 行小微企, 小微企业) no article holds all of; 工商银行普惠金融 is written in 3.
    const apart = await positionsRead('工商银行 小微企业');
    expect(apart.result.total).toBeGreaterThan(0);
    expect((await positionsRead('工商银行小微企业')).result.total).toBe(0);
    expect(apart.members).toEqual([]);

    const together = await positionsRead('工商银行 普惠金融');
    const phrase = await positionsRead('工商银行普惠金融');
    expect(phrase.result.total).toBeGreaterThan(0);
    expect(together.members.length).toBeGreaterThan(0);
    // Exactly the articles that hold the phrase get its tier (1,000; a title adds 10,000, whole words and BM25 stay below 1,000).
    const phraseIds = new Set(phrase.result.hits.map((h) => h.id));
    expect(together.result.total).toBeLessThanOrEqual(100);
    for (const h of together.result.hits) expect(h.score % 10_000 >= 1_000, h.id).toBe(phraseIds.has(h.id));
  });

  it('are read for a term longer than four characters that occurs, and give its exact matches', async () => {
    const { members, result } = await positionsRead('数字人民币');
    expect(result.total).toBeGreaterThan(0);
    expect(members.length).toBeGreaterThan(0);
    for (const h of result.hits) expect(`${h.title}${h.snippet.text}`.replace(/\s/g, '')).toContain('数字人民币');
  });
});
