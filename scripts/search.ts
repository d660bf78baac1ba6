import { parseArgs, type ParseArgsConfig } from 'node:util';
import { fsFetcher } from '../lib/indexer';
import { DEFAULT_SORT, FACETS, isIsoDay, isSortOrder, PAGE_SIZE, SearchEngine, SORT_ORDERS, type FacetSelection, type SearchRequest } from '../lib/search';
import { DEFAULT_INDEX_DIR, failFor, type Fail } from './cli';

const USAGE =
  `usage: npm run search -- --index <dir> ${FACETS.map((f) => `[--${f.flag} <value>]...`).join(' ')} [--from YYYY-MM-DD] [--to YYYY-MM-DD] ` +
  `[--sort ${SORT_ORDERS.map((s) => s.key).join('|')}] [--limit <n>] [--offset <n>] [--json] -- "<query>"`;

const fail: Fail = failFor('search', USAGE);

/** `a, b or c`. */
const oneOf = (names: readonly string[]) => (names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`);

const facetFlags: NonNullable<ParseArgsConfig['options']> = Object.fromEntries(FACETS.map((f) => [f.flag, { type: 'string', multiple: true }]));

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      index: { type: 'string', default: DEFAULT_INDEX_DIR },
      ...facetFlags,
      from: { type: 'string' },
      to: { type: 'string' },
      sort: { type: 'string', default: DEFAULT_SORT },
      limit: { type: 'string', default: String(PAGE_SIZE) },
      offset: { type: 'string', default: '0' },
      json: { type: 'boolean', default: false },
    },
  });
} catch (e) {
  fail((e as Error).message);
}
const { values, positionals } = parsed;
const option = (name: string): unknown => (values as Record<string, unknown>)[name];
const sort = option('sort');
if (!isSortOrder(sort)) fail(`--sort must be ${oneOf(SORT_ORDERS.map((s) => s.key))}, got ${JSON.stringify(sort)}`);
const limit = Number(option('limit'));
const offset = Number(option('offset'));
if (!Number.isInteger(limit) || limit < 0) fail(`--limit must be a non-negative integer, got ${JSON.stringify(option('limit'))}`);
if (!Number.isInteger(offset) || offset < 0) fail(`--offset must be a non-negative integer, got ${JSON.stringify(option('offset'))}`);
const from = option('from') as string | undefined;
const to = option('to') as string | undefined;
for (const [flag, v] of [
  ['--from', from],
  ['--to', to],
] as const) {
  if (v !== undefined && !isIsoDay(v)) fail(`${flag} must be a day written YYYY-MM-DD, got ${JSON.stringify(v)}`);
}
const filters: FacetSelection = {};
for (const f of FACETS) filters[f.key] = (option(f.flag) as string[] | undefined) ?? [];
const index = option('index') as string;

const request: SearchRequest = { query: positionals.join(' '), filters, from: from ?? null, to: to ?? null, sort, limit, offset };

let engine: SearchEngine;
try {
  engine = await SearchEngine.open(fsFetcher(index));
} catch (e) {
  console.error(`search: cannot open the index in ${index}: ${(e as Error).message}`);
  process.exit(1);
}
const result = await engine.search(request);
if (option('json') === true) {
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  const expanded = result.expanded.map((e) => `${e.term} → ${e.to}`).join(', ');
  console.log(`${result.total} results for ${JSON.stringify(result.query)} in ${result.tookMs} ms${expanded ? ` (also searched: ${expanded})` : ''}`);
  result.hits.forEach((h, i) => {
    console.log(`${String(offset + i + 1).padStart(3)}. ${h.title}  [${h.date?.slice(0, 10) ?? '日期未知'} · ${h.source ?? '来源未知'}] ${h.id}`);
    console.log(`     ${h.snippet.text}`);
    if (h.link) console.log(`     ${h.link}`);
  });
}
