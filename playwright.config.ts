import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, PHONE_SCREEN, WIDE_SCREEN } from './lib/bench';

/**
 * Browser tests of the statically exported site (`out/`), served the way a CDN serves it. The machine
 * has Debian's Chromium and no network, so the browser is never downloaded.
 */

/** `npm test` passes a free port, so a server left running elsewhere never collides with the tests. */
const PORT = Number(process.env.E2E_PORT ?? 3100);

/** The exported site to serve: `out/` by default; `npm test` serves a copy with the test index in it. */
const SITE = process.env.E2E_SITE || 'out';

/** `npm test` passes a second free port for the site built for a sub-path. */
const SUBPATH_PORT = Number(process.env.E2E_SUBPATH_PORT ?? 3101);

/** The path the sub-path site is built for and served under, as when dropped into an existing site. */
const BASE_PATH = '/search';

/**
 * The exported site built with `--base-path /search`, its index in `search/` (at the URL /search/search/);
 * `npm test` builds it into .e2e/site-sub.
 */
const SUBPATH_SITE = process.env.E2E_SUBPATH_SITE || '.e2e/site-sub';

/** Specs of the site under a sub-path: only the `subpath` project runs them, with relative URLs (`./?q=…`). */
const SUBPATH_SPECS = /under-a-sub-path-.*\.spec\.ts$/;
/** Specs that must hold at the root and under a sub-path alike; they too use relative URLs. */
const BOTH_SITES_SPECS = /content-security-policy.*\.spec\.ts$/;

/** Specs that test the phone layout, or that must hold on both sizes. */
const PHONE_SPECS = /(on-a-phone|light-and-dark|accessibility).*\.spec\.ts$/;
/** Specs that only make sense on a phone. */
const PHONE_ONLY_SPECS = /on-a-phone.*\.spec\.ts$/;

const chromium = {
  ...devices['Desktop Chrome'],
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS],
  },
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
};

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  workers: 2,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  // `npm test` counts results from the JSON report it names in PLAYWRIGHT_JSON_OUTPUT_NAME.
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : 'list',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'desktop',
      testIgnore: [PHONE_ONLY_SPECS, SUBPATH_SPECS],
      use: { ...chromium, ...WIDE_SCREEN },
    },
    {
      name: 'phone',
      testMatch: PHONE_SPECS,
      use: { ...chromium, ...PHONE_SCREEN },
    },
    {
      name: 'subpath',
      testMatch: [SUBPATH_SPECS, BOTH_SITES_SPECS],
      // The trailing slash matters: specs resolve './?q=…' against it.
      use: { ...chromium, ...WIDE_SCREEN, baseURL: `http://127.0.0.1:${SUBPATH_PORT}${BASE_PATH}/` },
    },
  ],
  webServer: [
    {
      command: `npx tsx scripts/serve.ts --port ${PORT} --dir ${SITE}`,
      url: `http://127.0.0.1:${PORT}/`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      command: `npx tsx scripts/serve.ts --port ${SUBPATH_PORT} --dir ${SUBPATH_SITE} --base-path ${BASE_PATH}`,
      url: `http://127.0.0.1:${SUBPATH_PORT}${BASE_PATH}/`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
  ],
});
