import { describe, expect, it } from 'vitest';
import { rankedTableKeys } from '../index-format';
import { simplifiedCharTable } from '../ingest';
import { fsFetcher } from '../indexer';
import { SearchEngine, type SearchResult, type SortOrder } from '.';
import { generatedIndex, withoutTime } from './test-support';

/** The round trips of a first query: on a phone each costs a latency, so what can be asked together is. */

const index = generatedIndex({ docs: 150, seed: 11 });

/** An engine whose character-table files are held back until `release`, recording every file asked for. */
async function gated(): Promise<{ engine: SearchEngine; fetched: string[]; release: () => void }> {
  const files = fsFetcher(index.dir);
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
    // 赁 is not among the text code's ranked characters, so the table is read for it.
    const query = '住房租赁';
    const { engine, fetched, release } = await gated();
    const answer = engine.search({ query });
    const deadline = Date.now() + 5_000;
    while (!fetched.some(isShard) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(fetched.some((n) => /\/chars-\d+\.bin$/.test(n))).toBe(true);
    expect(fetched.filter(isShard).length).toBeGreaterThan(0);
    release();
    const result = await answer;

    // The same answer as an engine that waits for nothing, from exactly the shards the query's units need.
    const plain = await SearchEngine.open(fsFetcher(index.dir));
    expect(withoutTime(result)).toEqual(withoutTime(await plain.search({ query })));
    expect(result.total).toBeGreaterThan(0);
    const needed: string[] = [];
    const files = fsFetcher(index.dir);
    const measuring = await SearchEngine.open((name, range) => {
      needed.push(name);
      return files(name, range);
    });
    await measuring.lookups(query);
    expect([...new Set(fetched.filter(isShard))].sort()).toEqual([...new Set(needed.filter(isShard))].sort());
  });

  it('of ranked characters reads no part of the character table, and answers as an engine that reads it', async () => {
    const files = fsFetcher(index.dir);
    const manifest = JSON.parse(new TextDecoder().decode(await files('manifest.json'))) as { chars: { count: number; ranked?: string } };
    expect(manifest.chars.ranked).toBe(rankedTableKeys(simplifiedCharTable()));
    const fetched: string[] = [];
    const engine = await SearchEngine.open((name, range) => {
      fetched.push(name);
      return files(name, range);
    });
    // The manifest of an earlier build, without the list: every character's part of the table is read.
    const { ranked: _ranked, ...unlisted } = manifest.chars;
    const readsAll = await SearchEngine.open(async (name, range) =>
      name === 'manifest.json' ? new TextEncoder().encode(JSON.stringify({ ...manifest, chars: unlisted })) : files(name, range),
    );
    const isChars = (n: string) => /\/chars-\d+\.bin$/.test(n);
    for (const query of ['普惠金融', '交通银行 贷款', '小微企业 -贷款', '"绿色金融"', '著名', '乾坤', 'LPR']) {
      const before = fetched.length;
      const answer = await engine.search({ query });
      expect(withoutTime(answer), query).toEqual(withoutTime(await readsAll.search({ query })));
      if (!/[著乾]/.test(query)) expect(fetched.slice(before).filter(isChars), query).toEqual([]);
    }
    expect((await engine.search({ query: '普惠金融' })).total).toBeGreaterThan(0);
    // A ranked character with an entry (著 → 着) and one outside the ranked table (銀) are still looked up and folded.
    expect(fetched.filter(isChars).length).toBeGreaterThan(0);
    const traditional = await engine.search({ query: '交通銀行 貸款' });
    expect(traditional.total).toBe((await readsAll.search({ query: '交通银行 贷款' })).total);
    expect(await engine.suggest('普惠')).toEqual(await readsAll.suggest('普惠'));
  });

  it('in traditional characters still finds what the simplified query finds', async () => {
    const engine = await SearchEngine.open(fsFetcher(index.dir));
    const simplified = await engine.search({ query: '交通银行 贷款' });
    const traditional = await engine.search({ query: '交通銀行 貸款' });
    expect(simplified.total).toBeGreaterThan(0);
    expect(traditional.hits.map((h) => h.id)).toEqual(simplified.hits.map((h) => h.id));
    expect(traditional.total).toBe(simplified.total);
  });
});

describe('positions', () => {
  /**
   * An engine that records the position pack members (a range past the header) and the term shards it reads,
   * and its answer to `query` sorted by `sort`.
   */
  async function positionsRead(query: string, sort: SortOrder = 'relevance'): Promise<{ members: string[]; shards: string[]; result: SearchResult }> {
    const files = fsFetcher(index.dir);
    const members: string[] = [];
    const shards: string[] = [];
    const engine = await SearchEngine.open((name, range) => {
      if (/\/pos-pack-\d+\.bin$/.test(name) && range && range.start > 0) members.push(`${name} ${range.start}`);
      if (isShard(name)) shards.push(name);
      return files(name, range);
    });
    return { members, shards, result: await engine.search({ query, limit: 100, sort }) };
  }

  it('are read for the whole query as one phrase only when its units share a document', async () => {
    // In this corpus 工商银行 and 小微企业 meet in 16 articles but never as 工商银行小微企业, whose 4-grams
    // (工商银行, 行小微企, 小微企业) no article holds all of; 工商银行普惠金融 is written in 3.
    const apart = await positionsRead('工商银行 小微企业');
    expect(apart.result.total).toBeGreaterThan(0);
    expect((await positionsRead('工商银行小微企业')).result.total).toBe(0);
    expect(apart.members).toEqual([]);

    // When they share one, the phrase's holders come from its positions or from the text of the best
    // candidates, whichever downloads less (phrase-page.test.ts); the tier is the same.
    const together = await positionsRead('工商银行 普惠金融');
    const phrase = await positionsRead('工商银行普惠金融');
    expect(phrase.result.total).toBeGreaterThan(0);
    // Exactly the articles that hold the phrase get its tier (1,000; a title adds 10,000, whole words and BM25 stay below 1,000).
    const phraseIds = new Set(phrase.result.hits.map((h) => h.id));
    expect(together.result.total).toBeLessThanOrEqual(100);
    for (const h of together.result.hits) expect(h.score % 10_000 >= 1_000, h.id).toBe(phraseIds.has(h.id));
  });

  it('and the postings of the units across the terms are not read when the answer is sorted by date, which the phrase does not order', async () => {
    const query = '工商银行 普惠金融';
    const ranked = await positionsRead(query);
    for (const sort of ['newest', 'oldest'] as const) {
      const byDate = await positionsRead(query, sort);
      expect(byDate.members, sort).toEqual([]);
      // 商银行普, 银行普惠 and 行普惠金 belong to the phrase alone.
      expect(new Set(byDate.shards).size, sort).toBeLessThan(new Set(ranked.shards).size);
      expect(byDate.result.total, sort).toBe(ranked.result.total);
      // The same answer as an engine that has every position in memory already.
      const warm = await SearchEngine.open(fsFetcher(index.dir));
      await warm.search({ query, limit: 100 });
      expect(withoutTime(byDate.result), sort).toEqual(withoutTime(await warm.search({ query, limit: 100, sort })));
    }
  });

  it('are read for a term longer than four characters that occurs, and give its exact matches', async () => {
    const { members, result } = await positionsRead('数字人民币');
    expect(result.total).toBeGreaterThan(0);
    expect(members.length).toBeGreaterThan(0);
    for (const h of result.hits) expect(`${h.title}${h.snippet.text}`.replace(/\s/g, '')).toContain('数字人民币');
  });
});
