import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS } from './lib/bench';

/**
 * Browser tests of the statically exported site (`out/`), served the way a CDN serves it. The machine
 * has Debian's Chromium and no network, so the browser is never downloaded.
 */

/** `npm test` passes a free port, so a server left running elsewhere never collides with the tests. */
const PORT = Number(process.env.E2E_PORT ?? 3100);

/** The exported site to serve: `out/` by default; `npm test` serves a copy with the test index in it. */
const SITE = process.env.E2E_SITE || 'out';

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
      testIgnore: PHONE_ONLY_SPECS,
      use: { ...chromium, viewport: { width: 1280, height: 800 } },
    },
    {
      name: 'phone',
      testMatch: PHONE_SPECS,
      use: { ...chromium, viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
    },
  ],
  webServer: {
    command: `npx tsx scripts/serve.ts --port ${PORT} --dir ${SITE}`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
