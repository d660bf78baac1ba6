import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { writeCorpus } from '../lib/corpus';
import { startStaticServer } from '../lib/serve';

/**
 * `npm start`: the demo on a fresh machine. Generates the demo corpus when absent, builds the index when
 * absent (or with --fresh), builds the static site when it does not carry the current index, and serves it.
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    docs: { type: 'string', default: '2000' },
    fresh: { type: 'boolean', default: false },
  },
});
const CORPUS = 'data/demo';
const INDEX = 'public/search';
const port = Number(values.port ?? process.env.PORT ?? 3000);
const docs = Number(values.docs);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`start: PORT must be a port number, got ${JSON.stringify(values.port ?? process.env.PORT)}`);
  process.exit(2);
}

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
  const w = await writeCorpus(CORPUS, { docs, seed: 1 });
  console.log(`  wrote ${w.files} files`);
}
if (values.fresh || !existsSync(`${INDEX}/manifest.json`)) {
  run('building the search index', 'npx', ['tsx', 'scripts/index.ts', '--src', CORPUS, '--out', INDEX]);
}
if (values.fresh || !existsSync('out/index.html') || read('out/search/manifest.json') !== read(`${INDEX}/manifest.json`)) {
  run('building the static site', 'npx', ['next', 'build']);
}
await startStaticServer({ root: 'out', host: '127.0.0.1', port });
console.log(`\n银行新闻搜索 is running at http://127.0.0.1:${port}/  (Ctrl-C to stop)`);
