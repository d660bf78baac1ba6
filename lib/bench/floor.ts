import { encodeFragment, encodePositionShard, encodeShard, FACETS, type FacetKey, type FacetSelection, type FragmentDoc, type Postings } from '../index-format';
import { fsFetcher, packedSize } from '../indexer';
import { DEFAULT_SORT, PAGE_SIZE, SearchEngine, type SearchRequest, type SortOrder } from '../search';
import type { BenchQuery } from './queries';

/** The engine request of a benchmark query: what the search page sends for it (first page, relevance unless `sort` says otherwise). */
export function toSearchRequest(q: BenchQuery, limit = PAGE_SIZE, sort: SortOrder = DEFAULT_SORT): SearchRequest {
  const filters: FacetSelection = {};
  for (const f of FACETS) {
    const v = (q.filters as Partial<Record<FacetKey, string>>)[f.key];
    if (v !== undefined) filters[f.key] = [v];
  }
  return {
    query: q.query,
    filters,
    from: q.filters.year === undefined ? null : `${q.filters.year}-01-01`,
    to: q.filters.year === undefined ? null : `${q.filters.year}-12-31`,
    sort,
    limit,
    offset: 0,
  };
}

/** The floor of one query. */
export interface QueryFloor {
  /** One shard holding only the postings of the query's units, and one position shard of its chain links, as stored. */
  postingsBytes: number;
  /** One fragment of the display data of the hits shown, as stored. */
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
 * What an ideal fetch plan would transfer for one query: only the postings of the units the engine looks
 * up (bank aliases and the whole-query phrase included) as one shard, with the positions of its chain
 * links, plus only the shown hits' display data, each compressed as the index writer compresses its
 * files. Everything else a real fetch moves (the rest of each shard, the facet columns, the character
 * table, whole fragment groups, HTTP headers) is overhead above this floor.
 */
export async function queryFloor(engine: SearchEngine, q: BenchQuery): Promise<QueryFloor> {
  const { postings, positioned } = await engine.lookups(q.query);
  const entries = [...postings].filter((e): e is [string, Postings] => e[1] !== null);
  const withPositions = [...positioned].filter((e): e is [string, Postings] => e[1] !== null);
  // The positions pair with the one shard of `entries`, as the index pairs each position shard with its postings shard.
  const shardTerms = entries.map(([u]) => u).sort();
  const postingsBytes = packedSize(encodeShard(entries)) + (withPositions.length ? packedSize(encodePositionShard(withPositions, shardTerms)) : 0);
  const result = await engine.search(toSearchRequest(q));
  const docs = (await Promise.all(result.hits.map((h) => engine.documentById(h.id)))).filter((d): d is FragmentDoc => d !== null);
  const fragmentsBytes = docs.length ? packedSize(encodeFragment({ first: 0, docs })) : 0;
  return { postingsBytes, fragmentsBytes };
}

/** Every document id our engine returns for the query (all pages). */
export async function allHitIds(engine: SearchEngine, q: BenchQuery): Promise<string[]> {
  const r = await engine.search(toSearchRequest(q, engine.manifest.docCount));
  return r.hits.map((h) => h.id);
}
