import { parseArgs } from 'node:util';
import { fsFetcher } from '../lib/indexer';
import { SearchEngine, type SearchRequest, type SortOrder } from '../lib/search';

const USAGE =
  'usage: npm run search -- --index <dir> [--bank <name>]... [--source <name>]... [--from YYYY-MM-DD] [--to YYYY-MM-DD] ' +
  '[--sort relevance|newest|oldest] [--limit <n>] [--offset <n>] [--json] -- "<query>"';

function fail(message: string): never {
  console.error(`search: ${message}\n${USAGE}`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      index: { type: 'string', default: 'public/search' },
      bank: { type: 'string', multiple: true },
      source: { type: 'string', multiple: true },
      from: { type: 'string' },
      to: { type: 'string' },
      sort: { type: 'string', default: 'relevance' },
      limit: { type: 'string', default: '10' },
      offset: { type: 'string', default: '0' },
      json: { type: 'boolean', default: false },
    },
  });
} catch (e) {
  fail((e as Error).message);
}
const { values, positionals } = parsed;
const sort = values.sort as SortOrder;
if (!['relevance', 'newest', 'oldest'].includes(sort)) fail(`--sort must be relevance, newest or oldest, got ${JSON.stringify(values.sort)}`);
const limit = Number(values.limit);
const offset = Number(values.offset);
if (!Number.isInteger(limit) || limit < 0) fail(`--limit must be a non-negative integer, got ${JSON.stringify(values.limit)}`);
if (!Number.isInteger(offset) || offset < 0) fail(`--offset must be a non-negative integer, got ${JSON.stringify(values.offset)}`);
for (const [flag, v] of [['--from', values.from], ['--to', values.to]] as const) {
  if (v !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(v)) fail(`${flag} must be YYYY-MM-DD, got ${JSON.stringify(v)}`);
}

const request: SearchRequest = {
  query: positionals.join(' '),
  banks: values.bank ?? [],
  sources: values.source ?? [],
  from: values.from ?? null,
  to: values.to ?? null,
  sort,
  limit,
  offset,
};

let engine: SearchEngine;
try {
  engine = await SearchEngine.open(fsFetcher(values.index));
} catch (e) {
  console.error(`search: cannot open the index in ${values.index}: ${(e as Error).message}`);
  process.exit(1);
}
const result = await engine.search(request);
if (values.json) {
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  const expanded = result.expanded.map((e) => `${e.term} → ${e.to}`).join(', ');
  console.log(`${result.total} results for ${JSON.stringify(result.query)} in ${result.tookMs} ms${expanded ? ` (also searched: ${expanded})` : ''}`);
  result.hits.forEach((h, i) => {
    console.log(`${String(offset + i + 1).padStart(3)}. ${h.title}  [${h.date?.slice(0, 10) ?? '日期未知'} · ${h.source ?? '来源未知'}] ${h.id}`);
    console.log(`     ${h.snippet.text}`);
  });
}
