import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { finishExport } from '../lib/site';
import { basePathFrom, failFor, orFail, type Fail } from './cli';

/**
 * `npm run build [-- --base-path /search]`: the static site from `public/search` into `out/`, for the
 * root or for the path given (the flag, else BASE_PATH). Runs `next build` with BASE_PATH set for
 * next.config.ts, then gives every page its Content-Security-Policy and writes `.nojekyll`.
 */
const USAGE = 'usage: npm run build -- [--base-path /search]';
const fail: Fail = failFor('build', USAGE);
let values;
try {
  ({ values } = parseArgs({ options: { 'base-path': { type: 'string' } } }));
} catch (e) {
  fail((e as Error).message);
}
const basePath = orFail(fail, () => basePathFrom(values['base-path'], process.env.BASE_PATH));

const r = spawnSync('npx', ['next', 'build'], { stdio: 'inherit', env: { ...process.env, BASE_PATH: basePath, NEXT_TELEMETRY_DISABLED: '1' } });
if (r.status !== 0) {
  console.error(`build: next build failed (exit ${r.status ?? r.signal})`);
  process.exit(1);
}
try {
  const { pages } = await finishExport('out');
  console.log(`build: out/ is the site at ${basePath}/: ${pages.length} pages with a Content-Security-Policy, and .nojekyll`);
} catch (e) {
  console.error(`build: cannot finish out/: ${(e as Error).message}`);
  process.exit(1);
}
