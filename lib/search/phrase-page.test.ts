import { describe, expect, it } from 'vitest';
import { fsFetcher } from '../indexer';
import { SearchEngine, type Fetcher, type SearchRequest, type SearchResult } from '.';
import { generatedIndex, withoutTime } from './test-support';

/**
 * The whole query as one phrase ranks its holders first. Which documents hold it, the engine reads from
 * the phrase's positions or from the text of the best candidates, whichever downloads less; the page must
 * be the same either way.
 */

const TERMS = ['工商银行', '建设银行', '农业银行', '中国银行', '普惠金融', '小微企业', '乡村振兴', '绿色金融', '科技金融', '实体经济'];

const index = generatedIndex({ docs: 1_000, seed: 11 });

/**
 * A fresh engine's answer to `request`, with how many position pack members it read; `wholePacks`: its
 * fetcher says the host answers ranges with whole files, as httpFetcher says of such a host.
 */
async function cold(request: SearchRequest, wholePacks = false): Promise<{ result: SearchResult; members: number }> {
  const files = fsFetcher(index.dir);
  let members = 0;
  const fetcher: Fetcher = (name, range) => {
    if (/\/pos-pack-\d+\.bin$/.test(name) && range && range.start > 0) members++;
    return files(name, range);
  };
  const engine = await SearchEngine.open(Object.assign(fetcher, { wholeFilesForRanges: () => wholePacks }), { maxLimit: 1_000 });
  return { result: await engine.search(request), members };
}

/** The answer of an engine that holds the phrase's positions already, so that it places the phrase by them. */
async function byPositions(request: SearchRequest): Promise<SearchResult> {
  const engine = await SearchEngine.open(fsFetcher(index.dir), { maxLimit: 1_000 });
  await engine.lookups(request.query ?? '');
  return engine.search(request);
}

const holdsPhrase = (score: number) => score % 10_000 >= 1_000;

describe('the whole-query phrase on a page', () => {
  it('puts the same documents on every page whether it reads the positions or the text of the best candidates', async () => {
    const paths = { text: 0, positions: 0 };
    const shapes: Omit<SearchRequest, 'query'>[] = [{ limit: 10 }, { limit: 10, offset: 10 }, { limit: 3, offset: 4 }, { limit: 100 }, { limit: 1_000 }];
    for (const a of TERMS) {
      for (const b of TERMS) {
        if (a === b) continue;
        for (const shape of shapes) {
          const request = { ...shape, query: `${a} ${b}` };
          const { result, members } = await cold(request);
          expect(withoutTime(result), JSON.stringify(request)).toEqual(withoutTime(await byPositions(request)));
          if (result.hits.some((h) => holdsPhrase(h.score))) paths[members > 0 ? 'positions' : 'text']++;
        }
      }
    }
    // Both ways were taken, each on pages that show holders of the phrase.
    expect(paths.text).toBeGreaterThan(0);
    expect(paths.positions).toBeGreaterThan(0);
  });

  it('reads text only until the page is settled: the candidates left unread could not reach it', async () => {
    const query = '工商银行 普惠金融';
    const all = (await cold({ query, limit: 1_000 })).result;
    const holders = all.hits.filter((h) => holdsPhrase(h.score));
    expect(holders.length).toBeGreaterThan(3);
    const files = fsFetcher(index.dir);
    const texts = new Set<string>();
    const engine = await SearchEngine.open((name, range) => {
      if (/\/frag-pack-\d+\.bin$/.test(name) && range && range.start > 0) texts.add(`${name} ${range.start}`);
      return files(name, range);
    });
    const page = await engine.search({ query, limit: 3 });
    expect(page.hits.map((h) => h.id)).toEqual(all.hits.slice(0, 3).map((h) => h.id));
    expect(page.hits.every((h) => holdsPhrase(h.score))).toBe(true);
    // The page's own three and at most two more pages' worth of candidates, not every match.
    expect(texts.size).toBeGreaterThanOrEqual(3);
    expect(texts.size).toBeLessThanOrEqual(9);
    expect(texts.size).toBeLessThan(all.total);
  });

  it('reads the positions where the host answers ranges with whole packs, in which each document read would cost 64', async () => {
    const request = { query: '工商银行 普惠金融', limit: 10 };
    expect((await cold(request)).members).toBe(0);
    const { result, members } = await cold(request, true);
    expect(members).toBeGreaterThan(0);
    expect(result.hits.some((h) => holdsPhrase(h.score))).toBe(true);
    expect(withoutTime(result)).toEqual(withoutTime(await byPositions(request)));
  });

  it('places a filtered page and a page past the holders as the positions do', async () => {
    for (const request of [
      { query: '工商银行 普惠金融', filters: { bank: ['工商银行'] } },
      { query: '工商银行 普惠金融', limit: 10, offset: 20 },
      { query: '普惠金融 小微企业', from: '2021-01-01', to: '2023-12-31' },
    ] satisfies SearchRequest[]) {
      const { result } = await cold(request);
      expect(result.total, JSON.stringify(request)).toBeGreaterThan(0);
      expect(withoutTime(result), JSON.stringify(request)).toEqual(withoutTime(await byPositions(request)));
    }
  });
});
