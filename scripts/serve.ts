import { parseArgs } from 'node:util';
import { startStaticServer } from '../lib/serve';

const { values } = parseArgs({
  options: { port: { type: 'string' }, host: { type: 'string' }, dir: { type: 'string' } },
});
const port = Number(values.port ?? process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`serve: --port must be a port number, got ${JSON.stringify(values.port)}`);
  process.exit(2);
}
const host = values.host ?? '127.0.0.1';
const dir = values.dir ?? 'out';
try {
  await startStaticServer({ root: dir, host, port });
  console.log(`serving ${dir}/ at http://${host}:${port}/`);
} catch (e) {
  console.error(`serve: cannot serve ${dir}/ on ${host}:${port}: ${(e as Error).message}`);
  process.exit(1);
}
