import { parseArgs } from 'node:util';
import { startStaticServer } from '../lib/serve';
import { DEFAULT_HOST, failFor, orFail, portFrom, type Fail } from './cli';

const fail: Fail = failFor('serve');
let values;
try {
  ({ values } = parseArgs({
    options: { port: { type: 'string' }, host: { type: 'string' }, dir: { type: 'string' } },
  }));
} catch (e) {
  fail((e as Error).message);
}
const port = orFail(fail, () => portFrom(values.port, process.env.PORT));
const host = values.host ?? DEFAULT_HOST;
const dir = values.dir ?? 'out';
try {
  await startStaticServer({ root: dir, host, port });
  console.log(`serving ${dir}/ at http://${host}:${port}/`);
} catch (e) {
  console.error(`serve: cannot serve ${dir}/ on ${host}:${port}: ${(e as Error).message}`);
  process.exit(1);
}
