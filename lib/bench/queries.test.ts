import { describe, expect, it } from 'vitest';
import { articleFromText, bankDictionary } from '../ingest';
import { generateArticles } from '../corpus';
import { BENCH_QUERIES, BenchQueryError, CORPUS_VOCABULARY, selectBenchQueries, type BenchVocabulary } from './queries';

describe('the benchmark query list', () => {
  it('is exactly what the rule picks from the generator vocabulary (so it cannot drift unnoticed)', () => {
    expect(selectBenchQueries(CORPUS_VOCABULARY)).toEqual(BENCH_QUERIES);
  });

  it('is deterministic: the rule gives the same list every time', () => {
    expect(selectBenchQueries(CORPUS_VOCABULARY)).toEqual(selectBenchQueries(CORPUS_VOCABULARY));
  });

  it('has 50 distinct queries of one to three terms, with and without filters, common and rare', () => {
    expect(BENCH_QUERIES).toHaveLength(50);
    expect(new Set(BENCH_QUERIES.map((q) => JSON.stringify([q.query, q.filters]))).size).toBe(50);
    const terms = BENCH_QUERIES.map((q) => q.query.split(' ').length);
    expect(new Set(terms)).toEqual(new Set([1, 2, 3]));
    const filtered = BENCH_QUERIES.filter((q) => Object.keys(q.filters).length > 0);
    expect(filtered.length).toBe(15);
    for (const k of ['bank', 'source', 'year'] as const) expect(filtered.some((q) => q.filters[k] !== undefined)).toBe(true);
    for (const kind of ['common', 'rare', 'substring', 'long', 'two terms', 'three terms'] as const) {
      expect(BENCH_QUERIES.some((q) => q.kind === kind)).toBe(true);
    }
  });

  it('uses no bank alias (our engine widens aliases, Pagefind does not)', () => {
    const aliases = new Set(bankDictionary().flatMap((b) => b.aliases.map((a) => a.toLowerCase())));
    for (const q of BENCH_QUERIES) for (const w of q.query.split(' ')) expect(aliases.has(w.toLowerCase()), w).toBe(false);
  });

  it('filters only by values the ingest reports (canonical bank names, outlet names as sources)', () => {
    const banks = new Set(bankDictionary().map((b) => b.name));
    const sources = new Set<string>();
    const years = new Set<string>();
    for (const a of generateArticles({ docs: 400, seed: 1 })) {
      const r = articleFromText(a.content, a.fileName);
      if ('reason' in r) continue;
      if (r.source) sources.add(r.source);
      if (r.date) years.add(r.date.slice(0, 4));
    }
    for (const q of BENCH_QUERIES) {
      if (q.filters.bank !== undefined) expect(banks.has(q.filters.bank), q.filters.bank).toBe(true);
      if (q.filters.source !== undefined) expect(sources.has(q.filters.source), q.filters.source).toBe(true);
      if (q.filters.year !== undefined) expect(years.has(String(q.filters.year)), String(q.filters.year)).toBe(true);
    }
  });

  it('refuses a vocabulary too short to fill the list, naming the list', () => {
    const short: BenchVocabulary = { ...CORPUS_VOCABULARY, fields: CORPUS_VOCABULARY.fields.slice(0, 1) };
    expect(() => selectBenchQueries(short)).toThrow(BenchQueryError);
    expect(() => selectBenchQueries(short)).toThrow(/FIELDS/);
  });

  it('refuses a term that is a bank alias', () => {
    const v: BenchVocabulary = { ...CORPUS_VOCABULARY, terms: ['交行', ...CORPUS_VOCABULARY.terms] };
    expect(() => selectBenchQueries(v)).toThrow(/"交行" is a bank alias/);
  });
});
