import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_GENERATE_OPTIONS, writeCorpus } from '../lib/corpus';
import { startStaticServer } from '../lib/serve';
import { exportBasePath } from '../lib/site';
import { DEFAULT_HOST, DEFAULT_INDEX_DIR, failFor, orFail, portFrom, type Fail } from './cli';

/**
 * `npm start`: the demo on a fresh machine. Generates the demo corpus when absent, brings the index up to
 * date with it (an update; in full with --fresh), builds the static site for the root when it does not carry the current index
 * or was built for another path, and serves it.
 */
const fail: Fail = failFor('start');
let values;
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string' },
      docs: { type: 'string', default: String(DEFAULT_GENERATE_OPTIONS.docs) },
      fresh: { type: 'boolean', default: false },
    },
  }));
} catch (e) {
  fail((e as Error).message);
}
const CORPUS = 'data/demo';
const INDEX = DEFAULT_INDEX_DIR;
const port = orFail(fail, () => portFrom(values.port, process.env.PORT));
const docs = Number(values.docs);

function run(what: string, cmd: string, args: string[]): void {
  console.log(`\n> ${what}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  if (r.status !== 0) {
    console.error(`start: ${what} failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
}

const read = (p: string) => (existsSync(p) ? readFileSync(p, 'utf8') : null);

if (!existsSync(CORPUS) || readdirSync(CORPUS).length === 0) {
  console.log(`> generating ${docs} demo articles into ${CORPUS}`);
  const w = await writeCorpus(CORPUS, { ...DEFAULT_GENERATE_OPTIONS, docs });
  console.log(`  wrote ${w.files} files`);
}
// Always: an index that is up to date costs an update that reads nothing; one of an older format is rebuilt.
run(values.fresh ? 'rebuilding the search index' : 'updating the search index', 'npx', [
  'tsx',
  'scripts/index.ts',
  '--src',
  CORPUS,
  '--out',
  INDEX,
  ...(values.fresh ? ['--full'] : []),
]);
// out/ may be a build for a sub-path (`npm run build -- --base-path /search`), which the root cannot serve.
const page = read('out/index.html');
if (values.fresh || page === null || exportBasePath(page) !== '' || read('out/search/manifest.json') !== read(`${INDEX}/manifest.json`)) {
  run('building the static site', 'npx', ['tsx', 'scripts/build.ts', '--base-path', '']);
}
await startStaticServer({ root: 'out', host: DEFAULT_HOST, port });
console.log(`\n银行新闻搜索 is running at http://${DEFAULT_HOST}:${port}/  (Ctrl-C to stop)`);
