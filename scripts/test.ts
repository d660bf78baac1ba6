import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { parseArgs } from 'node:util';

/**
 * `npm test`: every test, static checks, unit and browser. Runs ESLint, the type check, Prettier's check
 * and knip (each one test), then Vitest; installs what the browser tests need when it is missing (a
 * Chromium, CJK fonts and Jekyll), builds a test corpus, index and static site (at the root and under /search/),
 * runs Playwright, and ends with
 * one line `tests: N passed, N failed, N skipped`. `--unit-only` runs the checks and Vitest,
 * `--e2e-only` Playwright alone.
 */
const { values } = parseArgs({
  options: {
    'unit-only': { type: 'boolean', default: false },
    'e2e-only': { type: 'boolean', default: false },
  },
});

const E2E_CORPUS = 'data/e2e-corpus';
const E2E_SITE = '.e2e/site';
/** The same site built for a sub-path, as when it is dropped into an existing site at /search/; the index is at /search/search/. */
const E2E_SUBPATH_SITE = '.e2e/site-sub';
const E2E_BASE_PATH = '/search';
const RESULTS = 'test-results';
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };

function sh(cmd: string, args: string[], extraEnv: Record<string, string> = {}): number {
  console.log(`\n> ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...env, ...extraEnv } });
  return r.status ?? 1;
}

function quiet(cmd: string, args: string[]): { status: number; out: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env });
  return { status: r.status ?? 1, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

const total: Counts = { passed: 0, failed: 0, skipped: 0 };
/** A runner failed outside any test; it is also counted as a failed test. */
let broken = false;

/** The closing line, in the one shape tools read, and the exit code: 1 when anything failed. */
function finish(): never {
  console.log(`\ntests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  process.exit(total.failed > 0 || broken ? 1 : 0);
}

/** Stops before the remaining tests, counting the step that could not be done as one failed test. */
function die(message: string): never {
  console.error(`\ntest: ${message}`);
  total.failed += 1;
  finish();
}

function playwrightChromium(): string | null {
  const r = quiet('node', ['-e', "process.stdout.write(require('playwright-core').chromium.executablePath())"]);
  return r.status === 0 && r.out && existsSync(r.out) ? r.out : null;
}

/** Finds a Chromium: CHROMIUM_PATH, Debian's, or Playwright's own; installs one when none is found. */
function ensureChromium(): string {
  const found = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p)) ?? playwrightChromium();
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && quiet('which', ['apt-get']).status === 0) {
    console.log('test: no Chromium found; installing Debian chromium and fonts-noto-cjk');
    if (
      sh('apt-get', ['update']) === 0 &&
      sh('apt-get', ['install', '-y', 'chromium', 'fonts-noto-cjk'], { DEBIAN_FRONTEND: 'noninteractive' }) === 0 &&
      existsSync('/usr/bin/chromium')
    ) {
      return '/usr/bin/chromium';
    }
  } else if (sh('npx', ['playwright', 'install', 'chromium']) === 0) {
    const p = playwrightChromium();
    if (p) return p;
  }
  die(
    'no Chromium for the browser tests. Install one: `sudo apt-get install chromium fonts-noto-cjk` (Debian/Ubuntu), or `npx playwright install chromium`, or set CHROMIUM_PATH to a Chromium binary.',
  );
}

/** Without CJK fonts Chinese renders as boxes, which screenshots and layout checks would not show as an error. */
function ensureCjkFonts(): void {
  const r = quiet('fc-list', [':lang=zh']);
  if (r.status === 0 && r.out.trim()) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && quiet('which', ['apt-get']).status === 0) {
    console.log('test: no CJK font found; installing fonts-noto-cjk');
    if (sh('apt-get', ['install', '-y', '--no-install-recommends', 'fonts-noto-cjk'], { DEBIAN_FRONTEND: 'noninteractive' }) === 0) return;
  }
  console.warn('test: warning: no CJK font found (`fc-list :lang=zh` is empty); install fonts-noto-cjk or Chinese text renders as boxes');
}

/**
 * The spec that follows result links into a real Jekyll site builds one with Debian's `jekyll` (no
 * bundler, no network): installed here when missing (as root, with apt-get), else the spec skips and says why.
 */
function ensureJekyll(): void {
  if (quiet('jekyll', ['--version']).status === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && quiet('which', ['apt-get']).status === 0) {
    console.log('test: no jekyll found; installing Debian jekyll');
    const install = () => sh('apt-get', ['install', '-y', '--no-install-recommends', 'jekyll'], { DEBIAN_FRONTEND: 'noninteractive' }) === 0;
    // The package lists may be stale: update them only when the install needs it.
    if ((install() || (sh('apt-get', ['update']) === 0 && install())) && quiet('jekyll', ['--version']).status === 0) return;
  }
  console.warn(
    'test: warning: no jekyll (`jekyll --version` fails), so the spec that builds a Jekyll site skips; install it with `sudo apt-get install jekyll`',
  );
}

/** A port nothing listens on right now, for the test server. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

function vitestCounts(path: string): Counts | null {
  const r = readJson(path) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number } | null;
  return r ? { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests } : null;
}

function playwrightCounts(path: string): Counts | null {
  const r = readJson(path) as { stats?: { expected: number; unexpected: number; flaky: number; skipped: number } } | null;
  return r?.stats ? { passed: r.stats.expected + r.stats.flaky, failed: r.stats.unexpected, skipped: r.stats.skipped } : null;
}

mkdirSync(RESULTS, { recursive: true });
const add = (c: Counts | null, what: string, status: number) => {
  if (!c) {
    console.error(`test: ${what} produced no results (exit ${status})`);
    broken = true;
    total.failed += 1;
    return;
  }
  total.passed += c.passed;
  total.failed += c.failed;
  total.skipped += c.skipped;
  if (status !== 0 && c.failed === 0) {
    // The runner failed outside any test (a server that did not start, a config error): count it.
    console.error(`test: ${what} exited ${status} without a failing test`);
    broken = true;
    total.failed += 1;
  }
};

/**
 * Static checks, each one test: they run even when an earlier one failed, so that one `npm test` shows
 * every problem. The commands are package.json's, so `npm run <name>` reproduces any one of them.
 */
const CHECKS = [
  ['lint', 'ESLint'],
  ['typecheck', 'type check'],
  ['format:check', 'Prettier'],
  ['knip', 'knip (unused files, exports and dependencies)'],
] as const;

if (!values['e2e-only']) {
  for (const [script, what] of CHECKS) {
    const status = sh('npm', ['run', '--silent', script]);
    if (status === 0) {
      total.passed += 1;
    } else {
      console.error(`test: ${what} failed (npm run ${script} exited ${status})`);
      total.failed += 1;
    }
  }

  const out = `${RESULTS}/vitest.json`;
  rmSync(out, { force: true });
  const status = sh('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
  add(vitestCounts(out), 'vitest', status);
}

if (!values['unit-only']) {
  const chromium = ensureChromium();
  ensureCjkFonts();
  ensureJekyll();
  if (!existsSync(E2E_CORPUS)) {
    if (sh('npx', ['tsx', 'scripts/gen-corpus.ts', '--docs', '300', '--seed', '7', '--out', E2E_CORPUS]) !== 0) die('generating the test corpus failed');
  }
  mkdirSync('.e2e', { recursive: true });
  // The sub-path build first and the root build last, so that out/ is left a root build, as `npm start` serves it.
  if (sh('npx', ['tsx', 'scripts/build.ts', '--base-path', E2E_BASE_PATH]) !== 0) die(`building the site for ${E2E_BASE_PATH}/ failed`);
  rmSync(E2E_SUBPATH_SITE, { recursive: true, force: true });
  cpSync('out', E2E_SUBPATH_SITE, { recursive: true });
  rmSync(`${E2E_SUBPATH_SITE}/search`, { recursive: true, force: true });
  if (sh('npx', ['tsx', 'scripts/build.ts', '--base-path', '']) !== 0) die('building the site failed');
  rmSync(E2E_SITE, { recursive: true, force: true });
  cpSync('out', E2E_SITE, { recursive: true });
  rmSync(`${E2E_SITE}/search`, { recursive: true, force: true });
  if (sh('npx', ['tsx', 'scripts/index.ts', '--src', E2E_CORPUS, '--src', 'e2e/fixtures/articles', '--out', `${E2E_SITE}/search`, '--quiet']) !== 0)
    die('indexing the test corpus failed');
  cpSync(`${E2E_SITE}/search`, `${E2E_SUBPATH_SITE}/search`, { recursive: true });
  const out = `${RESULTS}/playwright.json`;
  rmSync(out, { force: true });
  const port = String(await freePort());
  let subpathPort = String(await freePort());
  while (subpathPort === port) subpathPort = String(await freePort());
  const status = sh('npx', ['playwright', 'test'], {
    CHROMIUM_PATH: chromium,
    PLAYWRIGHT_JSON_OUTPUT_NAME: out,
    E2E_SITE,
    E2E_PORT: port,
    E2E_SUBPATH_SITE,
    E2E_SUBPATH_PORT: subpathPort,
  });
  add(playwrightCounts(out), 'playwright', status);
}

finish();
