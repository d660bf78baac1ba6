import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** The CLI contracts other tools depend on: `npm run index`, `npm run search -- --json`, and `npm run bench`'s flags. */

let dir: string;
let src: string;
let out: string;

function run(script: string, args: string[]): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join('scripts', script), ...args], { encoding: 'utf8', timeout: 120_000 });
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
  await writeFile(path.join(src, 'sub', 'b.txt'), '建设银行发布年报\n\n建设银行今年净利润增长。\n');
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
      documents: { id: string; path: string; title: string; date: string | null; source: string | null; banks: string[]; cluster: string | null }[];
      errors: { path: string; reason: string }[];
      stats: Record<string, number>;
    };
    expect(json.documents.map((d) => d.id).sort()).toEqual(['2022-03-09-a', 'b']);
    const a = json.documents.find((d) => d.id === '2022-03-09-a')!;
    expect(a).toEqual({ id: '2022-03-09-a', path: path.join(src, '2022-03-09-a.md'), title: '交通银行推出普惠e贷', date: '2022-03-09T15:56:47+08:00', source: '新华网', banks: ['交通银行'], cluster: null });
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
});

describe('npm run search', () => {
  it('prints exactly one JSON object with the contract fields', () => {
    const r = run('search.ts', ['--index', out, '--json', '--', '交通银行']);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0]!) as Record<string, unknown> & { hits: Record<string, unknown>[] };
    expect(Object.keys(result).sort()).toEqual(['exact', 'expanded', 'facets', 'hits', 'query', 'tookMs', 'total'].sort());
    expect(result.query).toBe('交通银行');
    expect(result.total).toBe(1);
    expect(result.hits[0]).toMatchObject({ id: '2022-03-09-a', title: '交通银行推出普惠e贷', source: '新华网', banks: ['交通银行'], titleHighlights: [[0, 4]] });
    expect(result.facets).toEqual({ bank: { 交通银行: 1 }, source: { 新华网: 1 }, month: { '2022-03': 1 } });
  });

  it('applies filters, sort and paging flags', () => {
    const r = run('search.ts', ['--index', out, '--json', '--bank', '建设银行', '--sort', 'newest', '--limit', '1', '--', '银行']);
    const result = JSON.parse(r.stdout) as { total: number; hits: { id: string }[] };
    expect(result.total).toBe(1);
    expect(result.hits.map((h) => h.id)).toEqual(['b']);
  });

  it('rejects bad flags with exit 2 and a message naming the flag', () => {
    const r = run('search.ts', ['--index', out, '--sort', 'sideways', '--', '银行']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--sort must be relevance, newest or oldest');
    expect(run('search.ts', ['--index', out, '--from', '2022/01/01', '--', '银行']).stderr).toContain('--from must be YYYY-MM-DD');
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
