/**
 * Oracle test: the engine must return exactly the articles a reader expects, where "expects" is decided
 * by an independent, deliberately naive oracle (lib/oracle, shared with the benchmark): every document's
 * title and text are normalized (NFKC, lower case, traditional → simplified, whitespace removed between
 * Chinese characters and collapsed elsewhere) and each query term is looked up by plain string search,
 * Ctrl-F style, with a whole-word check for terms that begin or end with a letter or digit. Nothing from
 * lib/index-format (fold, analyze) is used by the oracle, so a bug there cannot hide itself.
 *
 * Three corpora: ../shared (seeds + corpus/finews, third-party, read in place and skipped when absent),
 * lib/search/fixtures (small articles written for this test), and a generated corpus (400 docs, seed 11).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCorpus } from '../corpus';
import { buildIndex, fsFetcher, type ReportDocument } from '../indexer';
import { expandOracleAliases, normalizeForOracle, oracleMatches, parseOracleQuery, type OracleQuery } from '../oracle';
import { SearchEngine, type SearchResult } from '.';
import { JUDGED_QUERIES, type JudgedQuery } from './judged-queries';

type CorpusName = JudgedQuery['corpus'];

const SHARED = path.resolve(process.cwd(), '..', 'shared');
const SHARED_DIRS = [path.join(SHARED, 'seeds'), path.join(SHARED, 'corpus', 'finews')];
const HAVE_SHARED = SHARED_DIRS.every((d) => existsSync(d));
const FIXTURES = path.resolve(process.cwd(), 'lib', 'search', 'fixtures');
const GENERATED = { docs: 400, seed: 11 };
const BIG = 100_000;

if (!HAVE_SHARED) {
  console.warn(`oracle.test: ${SHARED} is absent, so every query on the 'shared' corpus (seeds + corpus/finews) was SKIPPED.`);
}

// ---------------------------------------------------------------------------------------------------
// The oracle lives in lib/oracle (shared with the benchmark); it imports nothing from lib/index-format.

const normalize = normalizeForOracle;
const oracleParse = parseOracleQuery;
const expandAliases = expandOracleAliases;

interface ODoc {
  id: string;
  fields: string[];
  meta: ReportDocument;
}

function oracleMatch(doc: ODoc, q: OracleQuery): boolean {
  return oracleMatches(doc.fields, q);
}

// ---------------------------------------------------------------------------------------------------
// Corpora.

interface Corpus {
  name: CorpusName;
  engine: SearchEngine;
  docs: ODoc[];
  aliasTo: Map<string, string>;
}

const corpora = new Map<CorpusName, Corpus>();
let tmp = '';

async function openCorpus(name: CorpusName, srcDirs: string[]): Promise<void> {
  const out = path.join(tmp, name, 'search');
  const { report } = await buildIndex({ srcDirs, outDir: out });
  const engine = await SearchEngine.open(fsFetcher(out), { maxLimit: BIG, verifyDocs: BIG });
  const docs: ODoc[] = [];
  for (const meta of report.documents) {
    const view = await engine.getDocument(meta.id);
    if (!view) throw new Error(`${name}: document ${meta.id} of the build report cannot be opened`);
    docs.push({ id: meta.id, fields: [normalize(view.doc.title), normalize(view.doc.text)], meta });
  }
  const aliasTo = new Map<string, string>();
  for (const b of engine.manifest.banks) for (const a of b.aliases) aliasTo.set(normalize(a), b.name);
  corpora.set(name, { name, engine, docs, aliasTo });
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'bns-oracle-'));
  const gen = path.join(tmp, 'generated-src');
  await writeCorpus(gen, GENERATED);
  await openCorpus('fixtures', [FIXTURES]);
  await openCorpus('generated', [gen]);
  if (HAVE_SHARED) await openCorpus('shared', SHARED_DIRS);
}, 300_000);

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------------
// Judging.

interface Tally {
  expected: number;
  returned: number;
  correct: number;
  queries: number;
  exactQueries: number;
}

const tallies = new Map<string, Tally>();

function tally(key: string, expected: Set<string>, returned: string[]): void {
  const t = tallies.get(key) ?? { expected: 0, returned: 0, correct: 0, queries: 0, exactQueries: 0 };
  const correct = returned.filter((id) => expected.has(id)).length;
  t.expected += expected.size;
  t.returned += returned.length;
  t.correct += correct;
  t.queries++;
  if (correct === expected.size && returned.length === expected.size) t.exactQueries++;
  tallies.set(key, t);
}

function facetsOf(docs: ODoc[]): SearchResult['facets'] {
  const bank: Record<string, number> = {};
  const source: Record<string, number> = {};
  const province: Record<string, number> = {};
  const month: Record<string, number> = {};
  for (const { meta } of docs) {
    for (const b of meta.banks) bank[b] = (bank[b] ?? 0) + 1;
    for (const p of meta.provinces) province[p] = (province[p] ?? 0) + 1;
    if (meta.source) source[meta.source] = (source[meta.source] ?? 0) + 1;
    const m = meta.date ? /^(\d{4}-\d{2})-\d{2}/.exec(meta.date) : null;
    if (m) month[m[1]!] = (month[m[1]!] ?? 0) + 1;
  }
  return { bank, source, province, month };
}

const emptyHits: string[] = [];

async function judge(name: CorpusName, query: string, judged: boolean): Promise<void> {
  const c = corpora.get(name)!;
  const parsed = oracleParse(query);
  const expanded = expandAliases(parsed, c.aliasTo);
  const expectedDocs = c.docs.filter((d) => oracleMatch(d, parsed));
  const expected = new Set(expectedDocs.map((d) => d.id));
  const r = await c.engine.search({ query, limit: BIG });
  const returned = r.hits.map((h) => h.id);
  tally(name, expected, returned);
  if (judged) tally('judged', expected, returned);
  if (judged && expected.size === 0) emptyHits.push(`[${name}] ${query}`);
  const got = new Set(returned);
  const missing = [...expected].filter((id) => !got.has(id)).sort();
  const extra = [...got].filter((id) => !expected.has(id)).sort();
  expect({ query, missing, extra }).toEqual({ query, missing: [], extra: [] });
  expect(returned.length).toBe(got.size);
  expect(r.total).toBe(expected.size);
  expect(r.exact).toBe(true);
  expect(r.expanded).toEqual(expanded);
  expect(r.facets).toEqual(facetsOf(expectedDocs));
}

const CORPORA: CorpusName[] = ['fixtures', 'generated', 'shared'];
const usable = (name: CorpusName) => name !== 'shared' || HAVE_SHARED;

describe('judged queries: engine hits = oracle set, exactly (on the corpus each was picked for)', () => {
  for (const j of JUDGED_QUERIES) {
    it.skipIf(!usable(j.corpus))(`[${j.corpus}] ${j.query} — ${j.note}`, async () => {
      await judge(j.corpus, j.query, true);
    });
  }
});

describe('the same queries on the other corpora', () => {
  const seen = new Set<string>();
  for (const name of CORPORA) {
    for (const j of JUDGED_QUERIES) {
      if (j.corpus === name || seen.has(`${name}\u0000${j.query}`)) continue;
      seen.add(`${name}\u0000${j.query}`);
      it.skipIf(!usable(name))(`[${name}] ${j.query}`, async () => {
        await judge(name, j.query, false);
      });
    }
  }
});

describe('the oracle itself, pinned on the fixtures (so it cannot silently agree with a broken engine)', () => {
  const F = (s: string) => `2023-03-${s}`;
  const PINNED: [string, string[]][] = [
    ['贯彻', [F('01-split-lines'), F('03-traditional'), F('13-br-split')]],
    ['中国银行', [F('03-traditional'), F('08-zhongguo-yinhang'), F('09-yinhangye-xiehui'), F('10-yinhangjian')]],
    ['中国银行业协会', [F('03-traditional'), F('09-yinhangye-xiehui')]],
    ['"中国建设银行"', [F('03-traditional')]],
    ['普惠型小微企业', [F('01-split-lines'), F('13-br-split')]],
    ['兴农e贷', [F('01-split-lines'), F('13-br-split')]],
    ['shibor隔夜', [F('02-fullwidth'), F('13-br-split')]],
    ['app', [F('05-latin-app')]],
    ['85%', [F('07-decimal-neighbours')]],
    ['3.85%', [F('06-decimals')]],
    ['11.0', [F('06-decimals')]],
    ['ccb', [F('02-fullwidth'), F('03-traditional'), F('11-ngram-trap')]],
    ['bank', [F('04-latin-words'), F('05-latin-app')]],
    // Each of the three names 建设银行, none 建行: the alias excluded excludes its bank, the quoted one only itself.
    ['ccb -建行', []],
    ['ccb -"建行"', [F('02-fullwidth'), F('03-traditional'), F('11-ngram-trap')]],
  ];
  for (const [query, ids] of PINNED) {
    it(`oracle: ${query}`, () => {
      const c = corpora.get('fixtures')!;
      const q = oracleParse(query);
      expandAliases(q, c.aliasTo);
      expect(
        c.docs
          .filter((d) => oracleMatch(d, q))
          .map((d) => d.id)
          .sort(),
      ).toEqual(ids);
    });
  }
});

describe('paging walks the same answer', () => {
  for (const name of CORPORA) {
    it.skipIf(!usable(name))(`[${name}] pages of 7 concatenate to the single large page, for every sort`, async () => {
      const c = corpora.get(name)!;
      for (const sort of ['relevance', 'newest', 'oldest'] as const) {
        const all = await c.engine.search({ query: '银行', sort, limit: BIG });
        const paged: string[] = [];
        for (let offset = 0; offset < all.total + 7; offset += 7) {
          const page = await c.engine.search({ query: '银行', sort, limit: 7, offset });
          expect(page.total).toBe(all.total);
          paged.push(...page.hits.map((h) => h.id));
        }
        expect(paged).toEqual(all.hits.map((h) => h.id));
      }
    });
  }
});

describe('judged query list', () => {
  it('has at least 60 queries, each with a note', () => {
    expect(JUDGED_QUERIES.length).toBeGreaterThanOrEqual(60);
    for (const j of JUDGED_QUERIES) {
      expect(j.query.trim()).not.toBe('');
      expect(j.note.trim()).not.toBe('');
    }
  });
});

// ---------------------------------------------------------------------------------------------------
// Nothing a reader can type throws.

const HOSTILE = [
  '',
  '   ',
  '\u3000',
  '交'.repeat(2000),
  'a'.repeat(2000),
  '普惠 '.repeat(400),
  '-x '.repeat(700),
  '"'.repeat(2000),
  '，。！？、；：',
  '!!!???...',
  '(c)?[d]',
  '.*+?^${}()|[]\\',
  '<script>alert(1)</script>',
  '"',
  '“',
  '”',
  '"unclosed phrase',
  'closed" odd',
  '""',
  '“”',
  '-',
  '--',
  '－',
  '-"',
  '|',
  '｜',
  '||',
  'OR',
  'OR OR',
  'a OR',
  'OR a',
  '| OR - |',
  '-普惠 -交行',
  '%',
  '3.85%%',
  '\u0000',
  '\ud800',
  '\udc00交',
  '🏦💰',
  '__proto__',
  'constructor',
  'toString',
];

describe('anything a reader can type gives a well-formed answer', () => {
  for (const name of CORPORA) {
    it.skipIf(!usable(name))(`[${name}] hostile input`, async () => {
      const c = corpora.get(name)!;
      for (const query of HOSTILE) {
        let r: SearchResult;
        try {
          r = await c.engine.search({ query, limit: 20 });
        } catch (e) {
          throw new Error(`search threw for ${JSON.stringify(query.slice(0, 40))}: ${(e as Error).message}`);
        }
        expect(r.query).toBe(query);
        expect(Number.isInteger(r.total) && r.total >= 0 && r.total <= c.docs.length).toBe(true);
        expect(r.hits.length).toBe(Math.min(20, r.total));
        expect(new Set(r.hits.map((h) => h.id)).size).toBe(r.hits.length);
        expect(typeof r.exact).toBe('boolean');
        expect(Array.isArray(r.expanded)).toBe(true);
        expect(Number.isFinite(r.tookMs)).toBe(true);
        for (const f of [r.facets.bank, r.facets.source, r.facets.month]) {
          for (const v of Object.values(f)) expect(Number.isInteger(v) && v >= 0 && v <= r.total).toBe(true);
        }
        for (const h of r.hits) {
          expect(typeof h.id).toBe('string');
          expect(Number.isFinite(h.score)).toBe(true);
          for (const [s, e] of h.snippet.highlights) expect(0 <= s && s < e && e <= h.snippet.text.length).toBe(true);
          for (const [s, e] of h.titleHighlights) expect(0 <= s && s < e && e <= h.title.length).toBe(true);
        }
      }
    });
  }
});

afterAll(() => {
  const pct = (a: number, b: number) => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(2)}%`);
  const lines: string[] = [];
  for (const [key, t] of tallies) {
    lines.push(
      `${key}: ${t.queries} queries, ${t.exactQueries} exactly right; recall ${pct(t.correct, t.expected)} (${t.correct}/${t.expected}), precision ${pct(t.correct, t.returned)} (${t.correct}/${t.returned})`,
    );
  }
  const overall = [...tallies]
    .filter(([k]) => k !== 'judged')
    .reduce((a, [, t]) => ({ e: a.e + t.expected, r: a.r + t.returned, c: a.c + t.correct }), { e: 0, r: 0, c: 0 });
  lines.push(`all corpora, all queries: recall ${pct(overall.c, overall.e)}, precision ${pct(overall.c, overall.r)}`);
  if (emptyHits.length) lines.push(`judged queries with no expected match on their own corpus: ${emptyHits.join(', ')}`);
  if (!HAVE_SHARED) lines.push(`'shared' corpus skipped: ${SHARED} is absent`);
  console.log(`oracle summary\n  ${lines.join('\n  ')}`);
});
