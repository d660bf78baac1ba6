import { IndexFormatError } from '../index-format';
import type { SearchResult } from './engine';
import { PAGE_SIZE, type CheckedRequest } from './request';

/**
 * The request a page opened without a query makes: the newest articles, first page. An empty query scores
 * every document 0, and relevance breaks ties by the newer document, so relevance asks the same.
 */
export function isHomeRequest(req: CheckedRequest): boolean {
  return (
    req.query.trim() === '' &&
    (req.sort === 'newest' || req.sort === 'relevance') &&
    req.offset === 0 &&
    req.limit === PAGE_SIZE &&
    req.fromDay === null &&
    req.toDay === null &&
    Object.values(req.filters).every((v) => v.length === 0)
  );
}

/** The payload of a `home-<hash>.bin` file: the engine's answer to {@link isHomeRequest}, as JSON, without its timing. */
export function encodeHomeAnswer(result: SearchResult): Uint8Array {
  const stored: Omit<SearchResult, 'tookMs'> & { tookMs?: number } = { ...result, query: '' };
  delete stored.tookMs;
  return new TextEncoder().encode(JSON.stringify(stored));
}

/**
 * Reads a home file's payload (its hash already checked by the loader).
 * @throws {IndexFormatError} naming `file` when it is not an answer.
 */
export function decodeHomeAnswer(bytes: Uint8Array, file: string): Omit<SearchResult, 'tookMs'> {
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    throw new IndexFormatError(file, `is not JSON (${(e as Error).message})`);
  }
  const r = raw as Partial<SearchResult> | null;
  const ok =
    typeof r === 'object' &&
    r !== null &&
    Number.isInteger(r.total) &&
    Array.isArray(r.hits) &&
    r.hits.length <= PAGE_SIZE &&
    typeof r.facets === 'object' &&
    r.facets !== null &&
    Array.isArray(r.expanded) &&
    typeof r.exact === 'boolean' &&
    r.pinyin === null &&
    Array.isArray(r.corrections);
  if (!ok) throw new IndexFormatError(file, 'is not a stored answer: expected total, hits, facets, expanded, exact, pinyin and corrections');
  return r as Omit<SearchResult, 'tookMs'>;
}
