import { parseArgs } from 'node:util';
import { startStaticServer } from '../lib/serve';
import { DEFAULT_HOST, failFor, orFail, parseBasePath, portFrom, type Fail } from './cli';

const fail: Fail = failFor('serve');
let values;
try {
  ({ values } = parseArgs({
    options: { port: { type: 'string' }, host: { type: 'string' }, dir: { type: 'string' }, 'base-path': { type: 'string', default: '' } },
  }));
} catch (e) {
  fail((e as Error).message);
}
const port = orFail(fail, () => portFrom(values.port, process.env.PORT));
const host = values.host ?? DEFAULT_HOST;
const dir = values.dir ?? 'out';
// Only the flag: BASE_PATH is the build's setting, and a stray one must not move a root build's server.
const basePath = orFail(fail, () => parseBasePath('--base-path', values['base-path']));
try {
  await startStaticServer({ root: dir, host, port, basePath });
  console.log(`serving ${dir}/ at http://${host}:${port}${basePath}/`);
} catch (e) {
  console.error(`serve: cannot serve ${dir}/ on ${host}:${port}: ${(e as Error).message}`);
  process.exit(1);
}
