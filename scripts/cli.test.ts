import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_BUILD_OPTIONS } from '../lib/indexer';
import { BASE_PATH_RULE } from '../lib/site';
import { basePathFrom, CliError, DEFAULT_HOST, DEFAULT_INDEX_DIR, DEFAULT_PORT, failFor, orFail, parseBasePath, parsePort, portFrom } from './cli';

/** The CLI contracts other tools depend on: `npm run index`, `npm run search -- --json`, and `npm run bench`'s flags. */

let dir: string;
let src: string;
let out: string;

function run(script: string, args: string[], env: Record<string, string> = {}): { status: number; stdout: string; stderr: string } {
  // An index's update state goes beside it in the test's folder, not into the checkout's .index-state/.
  const out = args.indexOf('--out');
  if (script === 'index.ts' && out >= 0 && !args.includes('--state')) args = [...args, '--state', `${args[out + 1]}.state`];
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join('scripts', script), ...args], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, ...env },
  });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'bns-cli-'));
  src = path.join(dir, 'posts');
  out = path.join(dir, 'index');
  await mkdir(path.join(src, 'sub'), { recursive: true });
  await writeFile(
    path.join(src, '2022-03-09-a.md'),
    '---\ntitle: 交通银行推出普惠e贷\ndate: 2022-03-09 15:56:47 +0800\ntags: 新华网新闻\n---\n<p>交通银行推出线上产品，服务小微企业。</p>\n',
  );
  await writeFile(path.join(src, 'sub', 'b.txt'), '建设银行发布年报\n\n建设银行青海省分行今年净利润增长。\n');
  await writeFile(path.join(src, 'empty.md'), '');
  await writeFile(path.join(src, 'binary.md'), Buffer.from([0x00, 0x01, 0x02, 0xff]));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('npm run index', () => {
  it('indexes what it can, reports every file once, and exits 0 without --strict', async () => {
    const report = path.join(dir, 'report.json');
    const r = run('index.ts', ['--src', src, '--out', out, '--report', report, '--quiet']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^indexed 2 of 4 files \(2 errors/m);
    expect(r.stderr).toContain(`skipped ${path.join(src, 'empty.md')}: `);
    const json = JSON.parse(await readFile(report, 'utf8')) as {
      documents: {
        id: string;
        path: string;
        title: string;
        date: string | null;
        source: string | null;
        banks: string[];
        provinces: string[];
        cluster: string | null;
        link: string | null;
      }[];
      errors: { path: string; reason: string }[];
      stats: Record<string, number>;
    };
    expect(json.documents.map((d) => d.id).sort()).toEqual(['2022-03-09-a', 'b']);
    const a = json.documents.find((d) => d.id === '2022-03-09-a')!;
    expect(a).toEqual({
      id: '2022-03-09-a',
      path: path.join(src, '2022-03-09-a.md'),
      title: '交通银行推出普惠e贷',
      date: '2022-03-09T15:56:47+08:00',
      source: '新华网',
      banks: ['交通银行'],
      provinces: [],
      cluster: null,
      link: null,
    });
    expect(json.errors.map((e) => path.basename(e.path)).sort()).toEqual(['binary.md', 'empty.md']);
    for (const e of json.errors) expect(e.reason.length).toBeGreaterThan(5);
    expect(json.stats.documents).toBe(2);
    expect(json.stats.errors).toBe(2);
  });

  it('exits 2 naming the flag when --workers is not a whole number from 0 to 64', () => {
    for (const bad of ['-1', 'two', '1.5', '65']) {
      const r = run('index.ts', ['--src', src, '--out', path.join(dir, 'workers'), `--workers=${bad}`]);
      expect(r.status, bad).toBe(2);
      expect(r.stderr).toContain(`index: --workers must be a whole number from 0 to 64, got "${bad}"`);
    }
  });

  it("defaults --workers to the library's default and says so in its usage", () => {
    const r = run('index.ts', ['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`(default: ${DEFAULT_BUILD_OPTIONS.workers} here;`);
  });

  it('exits 1 with --strict when any file could not be read', () => {
    const r = run('index.ts', ['--src', src, '--out', path.join(dir, 'strict'), '--strict', '--quiet']);
    expect(r.status).toBe(1);
  });

  it('exits 2 with the usage on an unknown flag, and 1 on a missing folder, leaving the index as it was', async () => {
    const bad = run('index.ts', ['--srcc', src]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('usage: npm run index');
    const before = await readFile(path.join(out, 'manifest.json'), 'utf8');
    const missing = run('index.ts', ['--src', path.join(dir, 'nope'), '--out', out]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('the index in');
    expect(await readFile(path.join(out, 'manifest.json'), 'utf8')).toBe(before);
  });

  it('exits 2 naming --link, --site-url or --timezone when it cannot make links, before reading any article', async () => {
    const before = await readFile(path.join(out, 'manifest.json'), 'utf8');
    // A missing folder would exit 1 once reading starts: these stop before.
    const nope = ['--src', path.join(dir, 'nope'), '--out', out];
    for (const [args, message] of [
      [['--link', '/:year/:titel/'], /^index: --link "\/:year\/:titel\/": unknown placeholder :titel; Jekyll knows :collection, /],
      [['--link', ':year/:title'], /^index: --link ":year\/:title": must start with \/ or be one of the styles none, date, ordinal, pretty, weekdate$/],
      [['--link', 'date', '--site-url', 'javascript:alert(1)'], /^index: --site-url "javascript:alert\(1\)": must be http or https, not javascript:$/],
      [['--link', 'date', '--timezone', 'Beijing'], /^index: --timezone "Beijing": is not a time zone name/],
      [['--site-url', 'https://example.org'], /^index: --site-url and --timezone go with --link, which is missing$/],
    ] as const) {
      const r = run('index.ts', [...nope, ...args]);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.split('\n')[0], args.join(' ')).toMatch(message);
    }
    expect(await readFile(path.join(out, 'manifest.json'), 'utf8')).toBe(before);
  });
});

describe('npm run search', () => {
  it('prints exactly one JSON object with the contract fields', () => {
    const r = run('search.ts', ['--index', out, '--json', '--', '交通银行']);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0]!) as Record<string, unknown> & { hits: Record<string, unknown>[] };
    expect(Object.keys(result).sort()).toEqual(
      ['corrections', 'exact', 'expanded', 'facets', 'facetsPending', 'hits', 'pinyin', 'query', 'tookMs', 'total'].sort(),
    );
    expect(result.query).toBe('交通银行');
    expect(result.total).toBe(1);
    expect(result.pinyin).toBeNull();
    expect(result.corrections).toEqual([]);
    expect(result.hits[0]).toMatchObject({
      id: '2022-03-09-a',
      title: '交通银行推出普惠e贷',
      source: '新华网',
      banks: ['交通银行'],
      titleHighlights: [[0, 4]],
      link: null,
    });
    expect(result.facets).toEqual({ bank: { 交通银行: 1 }, source: { 新华网: 1 }, province: {}, month: { '2022-03': 1 } });
    expect(result.facetsPending).toBe(false);
  });

  it('gives each hit the link to its post’s page when the index was built with --link', () => {
    const linked = path.join(dir, 'linked');
    const built = run('index.ts', [
      '--src',
      src,
      '--out',
      linked,
      '--link',
      '/:categories/:year/:i_month/:title/',
      '--site-url',
      'https://example.org/',
      '--quiet',
    ]);
    expect(built.status, built.stderr).toBe(0);
    const r = run('search.ts', ['--index', linked, '--json', '--', '银行']);
    const hits = (JSON.parse(r.stdout) as { hits: { id: string; link: string | null }[] }).hits;
    expect(Object.fromEntries(hits.map((h) => [h.id, h.link]))).toEqual({ '2022-03-09-a': 'https://example.org/2022/3/a/', b: null });
  });

  it('applies filters, sort and paging flags', () => {
    const r = run('search.ts', ['--index', out, '--json', '--bank', '建设银行', '--sort', 'newest', '--limit', '1', '--', '银行']);
    const result = JSON.parse(r.stdout) as { total: number; hits: { id: string }[] };
    expect(result.total).toBe(1);
    expect(result.hits.map((h) => h.id)).toEqual(['b']);
  });

  it('filters by every facet of the table, province included, each with its own flag', () => {
    const byProvince = JSON.parse(run('search.ts', ['--index', out, '--json', '--province', '青海', '--', '银行']).stdout) as {
      total: number;
      hits: { id: string }[];
    };
    expect(byProvince.hits.map((h) => h.id)).toEqual(['b']);
    const none = JSON.parse(run('search.ts', ['--index', out, '--json', '--province', '上海', '--', '银行']).stdout) as {
      total: number;
      facets: { province: Record<string, number> };
    };
    expect(none.total).toBe(0);
    expect(none.facets.province).toEqual({ 青海: 1, 上海: 0 });
    expect(run('search.ts', ['--help']).stderr).toContain('[--bank <value>]... [--source <value>]... [--province <value>]...');
  });

  it('rejects bad flags with exit 2 and a message naming the flag', () => {
    const r = run('search.ts', ['--index', out, '--sort', 'sideways', '--', '银行']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--sort must be relevance, newest or oldest');
    expect(run('search.ts', ['--index', out, '--from', '2022/01/01', '--', '银行']).stderr).toContain('--from must be a day written YYYY-MM-DD');
    expect(run('search.ts', ['--index', out, '--to', '2022-02-30', '--', '银行']).stderr).toContain('--to must be a day written YYYY-MM-DD, got "2022-02-30"');
  });

  it('exits 1 naming the folder when there is no index', () => {
    const r = run('search.ts', ['--index', path.join(dir, 'none'), '--', '银行']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`cannot open the index in ${path.join(dir, 'none')}`);
  });
});

describe('npm run bench', () => {
  it('exits 2 naming --build-timeout when it is not a whole number of minutes from 1, before measuring anything', () => {
    for (const [bad, message] of [
      ['0', 'bench: --build-timeout must be at least 1 minute'],
      ['x', 'bench: --build-timeout must be a non-negative integer, got "x"'],
    ] as const) {
      const r = run('bench.ts', ['--docs', '5', '--no-docs', '--build-timeout', bad]);
      expect(r.status, bad).toBe(2);
      expect(r.stderr.split('\n')[0], bad).toBe(message);
    }
  });
});

describe('the shared command line (scripts/cli.ts)', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  /** Runs `fn` with process.exit and console.error captured, returning the exit code and what was printed. */
  function captured(fn: () => void): { code: number | undefined; printed: string } {
    const printed: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      printed.push(args.join(' '));
    });
    vi.spyOn(process, 'exit').mockImplementation((code) => {
      throw Object.assign(new Error('exit'), { exitCode: code });
    });
    try {
      fn();
    } catch (e) {
      return { code: (e as { exitCode?: number }).exitCode, printed: printed.join('\n') };
    }
    return { code: undefined, printed: printed.join('\n') };
  }

  it('has the defaults the scripts and the README name', () => {
    expect(DEFAULT_INDEX_DIR).toBe('public/search');
    expect(DEFAULT_HOST).toBe('127.0.0.1');
    expect(DEFAULT_PORT).toBe(3000);
  });

  it('fails with the command, the message and the usage, and exit code 2', () => {
    expect(captured(() => failFor('search', 'usage: npm run search -- …')('--sort must be relevance'))).toEqual({
      code: 2,
      printed: 'search: --sort must be relevance\nusage: npm run search -- …',
    });
    expect(captured(() => failFor('serve')('--port must be a port number, got "x"'))).toEqual({
      code: 2,
      printed: 'serve: --port must be a port number, got "x"',
    });
  });

  it('turns a CliError into that failure and lets any other error through', () => {
    const fail = failFor('start');
    expect(orFail(fail, () => 8080)).toBe(8080);
    expect(
      captured(() =>
        orFail(fail, () => {
          throw new CliError('PORT must be a port number, got "x"');
        }),
      ),
    ).toEqual({ code: 2, printed: 'start: PORT must be a port number, got "x"' });
    expect(() =>
      orFail(fail, () => {
        throw new RangeError('a bug');
      }),
    ).toThrow(RangeError);
  });

  it('parses a port as decimal digits from 0 to 65535 and names the input and the value otherwise', () => {
    expect([parsePort('--port', '0'), parsePort('--port', '3000'), parsePort('--port', '65535')]).toEqual([0, 3000, 65535]);
    for (const bad of ['', ' 80', '-1', '80.5', '0x50', '1e3', '65536', '99999', 'http']) {
      expect(() => parsePort('PORT', bad), JSON.stringify(bad)).toThrow(new CliError(`PORT must be a port number, got ${JSON.stringify(bad)}`));
    }
  });

  it('takes the port from --port, else PORT, else the default, naming whichever was used when it is bad', () => {
    expect(portFrom('8080', '9090')).toBe(8080);
    expect(portFrom(undefined, '9090')).toBe(9090);
    expect(portFrom(undefined, undefined)).toBe(DEFAULT_PORT);
    expect(() => portFrom('x', '9090')).toThrow('--port must be a port number, got "x"');
    expect(() => portFrom(undefined, 'x')).toThrow('PORT must be a port number, got "x"');
  });

  it("parses a base path as '' or /-separated safe segments and names the input and the value otherwise", () => {
    expect(['', '/search', '/news/search'].map((p) => parseBasePath('--base-path', p))).toEqual(['', '/search', '/news/search']);
    for (const bad of ['/', 'search', '/search/', '/a b', '/../x', '/搜索']) {
      expect(() => parseBasePath('--base-path', bad), bad).toThrow(new CliError(`--base-path must be ${BASE_PATH_RULE}, got ${JSON.stringify(bad)}`));
    }
  });

  it('takes the base path from --base-path, else BASE_PATH, else the root, naming whichever was used when it is bad', () => {
    expect(basePathFrom('/a', '/b')).toBe('/a');
    expect(basePathFrom('', '/b')).toBe('');
    expect(basePathFrom(undefined, '/b')).toBe('/b');
    expect(basePathFrom(undefined, undefined)).toBe('');
    expect(() => basePathFrom('a/', '/b')).toThrow(`--base-path must be ${BASE_PATH_RULE}, got "a/"`);
    expect(() => basePathFrom(undefined, 'b')).toThrow(`BASE_PATH must be ${BASE_PATH_RULE}, got "b"`);
  });

  it('makes npm run build and npm run serve exit 2 on a bad base path, before building or serving anything', () => {
    const build = run('build.ts', ['--base-path', '/search/']);
    expect(build.status).toBe(2);
    expect(build.stderr).toBe(`build: --base-path must be ${BASE_PATH_RULE}, got "/search/"\nusage: npm run build -- [--base-path /search]\n`);
    const env = run('build.ts', [], { BASE_PATH: 'search' });
    expect(env.status).toBe(2);
    expect(env.stderr.split('\n')[0]).toBe(`build: BASE_PATH must be ${BASE_PATH_RULE}, got "search"`);
    const serve = run('serve.ts', ['--base-path', 'search', '--dir', path.join(dir, 'none')]);
    expect(serve.status).toBe(2);
    expect(serve.stderr).toBe(`serve: --base-path must be ${BASE_PATH_RULE}, got "search"\n`);
  });

  it('makes npm run serve exit 2 naming the flag or variable that holds a bad port, before serving anything', () => {
    const flag = run('serve.ts', ['--port', '80.5', '--dir', path.join(dir, 'none')]);
    expect(flag.status).toBe(2);
    expect(flag.stderr).toBe('serve: --port must be a port number, got "80.5"\n');
    const env = run('serve.ts', ['--dir', path.join(dir, 'none')], { PORT: 'eighty' });
    expect(env.status).toBe(2);
    expect(env.stderr).toBe('serve: PORT must be a port number, got "eighty"\n');
  });
});
