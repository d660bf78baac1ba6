import { describe, expect, it } from 'vitest';
import { IndexFormatError } from '../index-format';
import { fsFetcher } from '../indexer';
import { SearchEngine, type SearchRequest } from '.';
import { generatedIndex, withoutTime } from './test-support';
import { decodeHomeAnswer, encodeHomeAnswer } from './home';

const index = generatedIndex({ docs: 300, seed: 5 });

/** An engine over the index that records every file it fetches. */
async function recording(storedHome: boolean): Promise<{ engine: SearchEngine; fetched: string[] }> {
  const fetched: string[] = [];
  const files = fsFetcher(index.dir);
  const engine = await SearchEngine.open(
    (name, range) => {
      fetched.push(name);
      return files(name, range);
    },
    { storedHome },
  );
  return { engine, fetched };
}

describe('the stored answer without a query', () => {
  it('is the answer the engine works out, from one small file instead of the columns', async () => {
    const stored = await recording(true);
    const computed = await recording(false);
    expect(stored.engine.manifest.home).toMatch(/^home-[0-9a-f]{14}\.bin$/);
    for (const request of [{ sort: 'newest' }, { sort: 'relevance' }, {}, { query: '  ' }] as SearchRequest[]) {
      const a = await stored.engine.search(request);
      const e = await computed.engine.search(request);
      expect(withoutTime(a), JSON.stringify(request)).toEqual(withoutTime(e));
    }
    const newest = await computed.engine.search({ sort: 'newest' });
    expect(newest.total).toBe(300);
    expect(newest.hits).toHaveLength(10);
    expect(newest.facets.bank).not.toEqual({});
    expect(stored.fetched).toEqual(['manifest.json', stored.engine.manifest.home]);
    expect(computed.fetched.some((f) => f.endsWith('/facets.bin'))).toBe(true);
  });

  it('is not used for another request: the second page, a filter, the oldest first, a query', async () => {
    const stored = await recording(true);
    const computed = await recording(false);
    const requests: SearchRequest[] = [
      { offset: 10 },
      { filters: { bank: ['工商银行'] } },
      { sort: 'oldest' },
      { query: '银行' },
      { from: '2022-01-01' },
      { limit: 20 },
    ];
    for (const request of requests) {
      expect(withoutTime(await stored.engine.search(request)), JSON.stringify(request)).toEqual(withoutTime(await computed.engine.search(request)));
    }
    expect(stored.fetched.some((f) => f.endsWith('/facets.bin'))).toBe(true);
  });

  it('round-trips through its file payload, and a payload that is not an answer is refused with the file named', async () => {
    const { engine } = await recording(false);
    const answer = await engine.search({ sort: 'newest' });
    const { tookMs: _t, ...rest } = answer;
    expect(decodeHomeAnswer(encodeHomeAnswer(answer), 'home-x.bin')).toEqual(rest);
    expect(() => decodeHomeAnswer(new TextEncoder().encode('{"total": 1}'), 'home-x.bin')).toThrow(IndexFormatError);
    expect(() => decodeHomeAnswer(new TextEncoder().encode('not json'), 'home-x.bin')).toThrow(/^home-x\.bin: is not JSON/);
  });
});
