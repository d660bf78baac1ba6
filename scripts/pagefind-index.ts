import { parseArgs } from 'node:util';
import { buildPagefindIndex } from '../lib/bench';
import { failFor, type Fail } from './cli';

/**
 * `tsx scripts/pagefind-index.ts --src <dir>... --out <dir>`: the Pagefind side of `npm run bench`, run as
 * its own process so that its build time and peak memory are measured apart from the benchmark's.
 */
const USAGE = 'usage: tsx scripts/pagefind-index.ts --src <dir> [--src <dir>]... --out <pagefind-bundle-dir>';
const fail: Fail = failFor('pagefind-index', USAGE);
let values;
try {
  ({ values } = parseArgs({ options: { src: { type: 'string', multiple: true }, out: { type: 'string' } } }));
} catch (e) {
  fail((e as Error).message);
}
if (!values.src?.length || !values.out) {
  fail('--src and --out are required');
}
try {
  const r = await buildPagefindIndex(values.src, values.out);
  console.log(`pagefind-index: indexed ${r.documents} articles (${r.errors} unreadable) into ${values.out}`);
} catch (e) {
  console.error(`pagefind-index: ${(e as Error).message}`);
  process.exit(1);
}
