import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../lib/bench';
import { startStaticServer } from '../lib/serve';
import { exportBasePath } from '../lib/site';
import { DEFAULT_CHROMIUM_PATH, DEFAULT_HOST, failFor, type Fail } from './cli';

/**
 * `npm run screenshot`: the picture at the top of the README, taken from the built demo site (`npm start`
 * builds it) in Chromium, so that it can be taken again whenever the page changes.
 */
const USAGE = `usage: npm run screenshot -- [--site out] [--out docs/screenshot.png] [--query 普惠金融] [--width 1280] [--height 860]
Chromium: CHROMIUM_PATH, else ${DEFAULT_CHROMIUM_PATH}.`;
const fail: Fail = failFor('screenshot', USAGE);
let values;
try {
  ({ values } = parseArgs({
    options: {
      site: { type: 'string', default: 'out' },
      out: { type: 'string', default: 'docs/screenshot.png' },
      query: { type: 'string', default: '普惠金融' },
      width: { type: 'string', default: '1280' },
      height: { type: 'string', default: '860' },
    },
  }));
} catch (e) {
  fail((e as Error).message);
}
const width = Number(values.width);
const height = Number(values.height);
if (!Number.isInteger(width) || !Number.isInteger(height) || width < 320 || height < 320)
  fail('--width and --height must be whole numbers of pixels, at least 320');

const page = `${values.site}/index.html`;
if (!existsSync(page)) fail(`${page} does not exist: run \`npm start\` (or \`npm run build\`) first`);
const basePath = exportBasePath(readFileSync(page, 'utf8'));
if (basePath === null) fail(`${page} loads no Next.js scripts: is ${values.site}/ a build of this site?`);

const server = await startStaticServer({ root: values.site, host: DEFAULT_HOST, port: 0, basePath });
const { port } = server.address() as AddressInfo;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
try {
  const tab = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 1, colorScheme: 'light', locale: 'zh-CN' });
  await tab.goto(`http://${DEFAULT_HOST}:${port}${basePath}/?q=${encodeURIComponent(values.query)}`);
  // The answer is painted once the status line gives the count; the first result's highlight confirms it.
  await tab
    .getByRole('status')
    .filter({ hasText: /^共 [1-9]/ })
    .waitFor({ timeout: 30_000 });
  await tab.getByTestId('result').first().locator('mark').first().waitFor();
  await tab.screenshot({ path: values.out, animations: 'disabled', caret: 'hide' });
  console.log(`wrote ${values.out}: ${width}×${height}, ${basePath}/?q=${values.query}`);
} catch (e) {
  console.error(`screenshot: ${(e as Error).message}`);
  process.exitCode = 1;
} finally {
  await browser.close();
  server.close();
}
