import { ingest } from '../ingest';
import { normalizeForOracle, oracleMatches, parseOracleQuery } from '../oracle';
import { yearOf } from './pagefind-index';
import type { BenchFilters, BenchQuery } from './queries';

/** An article as the oracle sees it: normalized fields to search, and the values filters test. */
export interface JudgedDoc {
  id: string;
  /** Title and text, normalized by the oracle. */
  fields: [string, string];
  banks: readonly string[];
  source: string | null;
  year: string | null;
}

/** Reads the articles through the same ingest both indexes use and prepares them for the oracle. */
export async function loadJudgedDocs(srcDirs: string[]): Promise<JudgedDoc[]> {
  const { articles } = await ingest(srcDirs);
  return articles.map((a) => ({
    id: a.id,
    fields: [normalizeForOracle(a.title), normalizeForOracle(a.text)],
    banks: a.banks,
    source: a.source,
    year: yearOf(a.date),
  }));
}

/** Whether a document passes a query's filters (a bank among its banks, its source, its year). */
export function passesFilters(doc: Pick<JudgedDoc, 'banks' | 'source' | 'year'>, f: BenchFilters): boolean {
  if (f.bank !== undefined && !doc.banks.includes(f.bank)) return false;
  if (f.source !== undefined && doc.source !== f.source) return false;
  if (f.year !== undefined && doc.year !== String(f.year)) return false;
  return true;
}

/** Ids of the documents the substring oracle says the query must find. */
export function expectedIds(docs: readonly JudgedDoc[], q: BenchQuery): Set<string> {
  const parsed = parseOracleQuery(q.query);
  return new Set(docs.filter((d) => passesFilters(d, q.filters) && oracleMatches(d.fields, parsed)).map((d) => d.id));
}

/** How one system's answer to one query compares with the oracle's. */
export interface Retrieval {
  returned: number;
  correct: number;
  /** correct / expected, or null when nothing is expected (the query then says nothing about recall). */
  recall: number | null;
  /** correct / returned, or null when nothing was returned. */
  precision: number | null;
}

/** Compares returned ids with the expected set; duplicates in `returned` count once. */
export function scoreRetrieval(expected: ReadonlySet<string>, returned: Iterable<string>): Retrieval {
  const got = new Set(returned);
  let correct = 0;
  for (const id of got) if (expected.has(id)) correct++;
  return {
    returned: got.size,
    correct,
    recall: expected.size ? correct / expected.size : null,
    precision: got.size ? correct / got.size : null,
  };
}
