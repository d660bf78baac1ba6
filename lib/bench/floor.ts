import { gzipSync } from 'node:zlib';
import { encodeFragment, encodePositionShard, encodeShard, shardOf, type FragmentDoc, type Postings } from '../index-format';
import { fsFetcher } from '../indexer';
import { parseQuery, SearchEngine, type SearchRequest } from '../search';
import type { BenchQuery } from './queries';

/** Results the search page shows per page: the fragments a reader's first page needs. */
export const RESULTS_SHOWN = 10;

/** The engine request of a benchmark query: what the search page sends for it (first page, relevance). */
export function toSearchRequest(q: BenchQuery, limit = RESULTS_SHOWN): SearchRequest {
  return {
    query: q.query,
    banks: q.filters.bank === undefined ? [] : [q.filters.bank],
    sources: q.filters.source === undefined ? [] : [q.filters.source],
    from: q.filters.year === undefined ? null : `${q.filters.year}-01-01`,
    to: q.filters.year === undefined ? null : `${q.filters.year}-12-31`,
    sort: 'relevance',
    limit,
    offset: 0,
  };
}

/** The floor of one query. */
export interface QueryFloor {
  /** gzip of one shard holding only the query's units and words. */
  postingsBytes: number;
  /** gzip of the display data (title, date, source, url, banks, cluster, text) of the hits shown. */
  fragmentsBytes: number;
}

/**
 * Opens our index on disk with the browser's engine code, to compute floors and the full hit lists
 * that recall is judged on.
 */
export async function openOurIndex(indexDir: string): Promise<SearchEngine> {
  // Every hit, not one page: recall is judged on the engine's whole answer. Other options as in the browser.
  return SearchEngine.open(fsFetcher(indexDir), { maxLimit: Number.MAX_SAFE_INTEGER });
}

/**
 * What an ideal fetch plan would transfer for one query: only the postings of the units the
 * engine looks up (as one shard, gzip-compressed), plus only the shown hits' display data (gzip, in the fragments' own encoding).
 * Everything else a real fetch moves (the rest of each shard, the facet columns, the character table,
 * whole fragment groups, HTTP headers) is overhead above this floor. Bank-alias widening is not
 * modelled: the benchmark's queries hold no alias.
 */
export async function queryFloor(engine: SearchEngine, q: BenchQuery): Promise<QueryFloor> {
  const loader = engine.loader;
  const m = engine.manifest;
  const table = await loader.charTable(q.query);
  const parsed = parseQuery(q.query, table);
  // The same lookups SearchEngine.search makes: every term's units.
  const needed = new Set<string>();
  for (const t of [...parsed.clauses.flat(), ...parsed.excluded]) for (const u of t.units) needed.add(u);
  const entries: [string, Postings][] = [];
  for (const unit of needed) {
    const p = (await loader.shard(shardOf(unit, m.shards.count))).get(unit);
    if (p) entries.push([unit, p]);
  }
  // Terms longer than the n-grams also need the positions of their chain links.
  const positioned: [string, Postings][] = [];
  const links = new Set([...parsed.clauses.flat(), ...parsed.excluded].flatMap((t) => t.chain.map((c) => c.unit)));
  for (const unit of links) {
    const p = entries.find(([u]) => u === unit)?.[1];
    const withPositions = p ? (await loader.positionShard(shardOf(unit, m.shards.count))).get(unit, p) : null;
    if (withPositions) positioned.push([unit, withPositions]);
  }
  // The positions pair with the one shard of `entries`, as the index pairs each position shard with its postings shard.
  const shardTerms = entries.map(([u]) => u).sort();
  const postingsBytes = gzipSync(encodeShard(entries)).length + (positioned.length ? gzipSync(encodePositionShard(positioned, shardTerms)).length : 0);

  const result = await engine.search(toSearchRequest(q));
  const docs: FragmentDoc[] = [];
  for (const hit of result.hits) {
    const ids = await loader.ids(shardOf(hit.id, m.ids.count));
    const d = Object.hasOwn(ids, hit.id) ? ids[hit.id] : undefined;
    if (d === undefined) continue;
    const f = await loader.fragment(Math.floor(d / m.fragments.groupSize));
    const doc = f.docs[d - f.first];
    if (doc) docs.push(doc);
  }
  const fragmentsBytes = docs.length ? gzipSync(encodeFragment({ first: 0, docs })).length : 0;
  return { postingsBytes, fragmentsBytes };
}

/** Every document id our engine returns for the query (all pages). */
export async function allHitIds(engine: SearchEngine, q: BenchQuery): Promise<string[]> {
  const r = await engine.search(toSearchRequest(q, engine.manifest.docCount));
  return r.hits.map((h) => h.id);
}
