import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateArticles } from '../corpus';
import { FORMAT_VERSION, MANIFEST_FILE, parseManifest } from '../index-format';
import { SearchEngine, type SearchResult } from '../search';
import { buildIndex, fsFetcher, IndexBusyError } from '.';

/**
 * What an operator running updates from cron relies on: a second run is refused while one runs, a run
 * killed at any moment leaves the previous index serving and the next run recovers on its own, and a
 * state that cannot be trusted is answered with a full rebuild that says why.
 */

let dir = '';
let src = '';
const QUERIES = ['银行', '普惠', '交通银行', '贷款 -信用卡', '"小微 企业"'];

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'bns-reliable-'));
  src = path.join(dir, 'src');
  await mkdir(src);
  let n = 0;
  for (const a of generateArticles({ docs: 400, seed: 21 })) {
    if (n++ >= 300) break;
    await writeFile(path.join(src, a.fileName), a.content);
  }
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function answers(outDir: string): Promise<unknown[]> {
  const engine = await SearchEngine.open(fsFetcher(outDir));
  const out: unknown[] = [];
  for (const query of QUERIES) {
    const r: Partial<SearchResult> = await engine.search({ query, limit: 100 });
    delete r.tookMs;
    out.push(r);
  }
  return out;
}

/** `npm run index` in a child process, with the update state in `state`. */
function indexCli(outDir: string, state: string) {
  return spawn(process.execPath, ['--import', 'tsx', 'scripts/index.ts', '--src', src, '--out', outDir, '--state', state, '--workers', '0', '--quiet'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function finished(child: ReturnType<typeof spawn>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (stderr += b.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

/** Adds, changes and removes a few articles: what a day of news does. */
async function editCorpus(round: number): Promise<void> {
  const files = (await readdir(src)).sort();
  await writeFile(
    path.join(src, `2025-01-0${round + 1}-round${round}.md`),
    `---\ntitle: 第${round}轮更新 交通银行普惠金融\ndate: 2025-01-0${round + 1} 08:00:00 +0800\n---\n<p>第${round}轮：交通银行加大普惠型小微企业贷款投放。</p>\n`,
  );
  const changed = path.join(src, files[round * 7]!);
  await writeFile(changed, `${await readFile(changed, 'utf8')}\n<p>第${round}轮补充：普惠金融持续发力。</p>\n`);
  await rm(path.join(src, files[round * 7 + 3]!));
}

describe('updates that an operator can run from cron', () => {
  it('refuses a second run on the same index while one runs, naming the lock, and lets the first finish', async () => {
    const out = path.join(dir, 'busy', 'search');
    const state = path.join(dir, 'busy', 'state');
    const first = indexCli(out, state);
    const done = finished(first);
    // Wait until the first run holds the lock.
    const lock = path.join(state, 'lock');
    for (let i = 0; i < 600 && !(await readFile(lock, 'utf8').catch(() => '')); i++) await new Promise((r) => setTimeout(r, 50));
    await expect(buildIndex({ srcDirs: [src], outDir: out, stateDir: state, workers: 0 })).rejects.toThrow(IndexBusyError);
    await expect(buildIndex({ srcDirs: [src], outDir: out, stateDir: state, workers: 0 })).rejects.toThrow(
      `${lock}: another npm run index (process ${first.pid}) is updating this index`,
    );
    const r = await done;
    expect(r.code, r.stderr).toBe(0);
    // Its lock is released: the next run goes ahead.
    const next = await buildIndex({ srcDirs: [src], outDir: out, stateDir: state, workers: 0 });
    expect(next.report.stats.update.kind).toBe('unchanged');
  }, 300_000);

  it('killed with SIGKILL at any moment of an update, leaves the previous index serving, and the next run recovers', async () => {
    const out = path.join(dir, 'kill', 'search');
    const state = path.join(dir, 'kill', 'state');
    await buildIndex({ srcDirs: [src], outDir: out, stateDir: state, workers: 0 });
    // Kill points spread over the run: from the start to after the manifest swap.
    for (const [round, delay] of [400, 1200, 2000, 2800, 3600].entries()) {
      const before = await readFile(path.join(out, MANIFEST_FILE), 'utf8');
      const answersBefore = await answers(out);
      await editCorpus(round);
      const child = indexCli(out, state);
      const exit = finished(child);
      await new Promise((r) => setTimeout(r, delay));
      child.kill('SIGKILL');
      await exit;
      // Either the previous index or the complete new one is served, never a mix.
      const now = await readFile(path.join(out, MANIFEST_FILE), 'utf8');
      if (now === before) expect(await answers(out), `round ${round}`).toEqual(answersBefore);
      else parseManifest(now);
      // The next run recovers on its own (a lock left by the killed run is taken over) and gives a full build's answers.
      const next = await buildIndex({ srcDirs: [src], outDir: out, stateDir: state, workers: 0 });
      expect(['update', 'unchanged']).toContain(next.report.stats.update.kind);
      const full = path.join(dir, 'kill', `full-${round}`);
      await buildIndex({ srcDirs: [src], outDir: full, workers: 0 });
      expect(await answers(out), `round ${round}`).toEqual(await answers(full));
    }
  }, 600_000);

  it('answers a damaged or missing state, and an index of an older format, with a full rebuild that says why', async () => {
    const out = path.join(dir, 'damaged', 'search');
    const state = path.join(dir, 'damaged', 'state');
    const first = await buildIndex({ srcDirs: [src], outDir: out, stateDir: state, workers: 0 });
    expect(first.report.stats.update).toMatchObject({ kind: 'full', reason: 'no index yet' });
    const stateFile = path.join(state, `state-${first.manifest.buildId}.json.gz`);
    await writeFile(stateFile, 'not gzip');
    const damaged = await buildIndex({ srcDirs: [src], outDir: out, stateDir: state, workers: 0 });
    expect(damaged.report.stats.update.kind).toBe('full');
    expect(damaged.report.stats.update.reason).toMatch(/^the update state .*state-[0-9a-f]{14}\.json\.gz is damaged/);
    await rm(state, { recursive: true });
    const missing = await buildIndex({ srcDirs: [src], outDir: out, stateDir: state, workers: 0 });
    expect(missing.report.stats.update.reason).toMatch(/^no update state for the index served/);
    // The sketches of a segment, cut short or run long.
    const [sketches] = (await readdir(state)).filter((f) => f.endsWith('.u32'));
    const bytes = await readFile(path.join(state, sketches!));
    for (const wrong of [bytes.subarray(0, bytes.length - 4), Buffer.concat([bytes, Buffer.alloc(8)])]) {
      await writeFile(path.join(state, sketches!), wrong);
      const again = await buildIndex({ srcDirs: [src], outDir: out, stateDir: state, workers: 0 });
      expect(again.report.stats.update.kind).toBe('full');
      expect(again.report.stats.update.reason).toMatch(/^the update state .* is damaged \(the sketch file of segment g-[0-9a-f]+ (ends at document|is longer)/);
    }
    const manifest = JSON.parse(await readFile(path.join(out, MANIFEST_FILE), 'utf8')) as Record<string, unknown>;
    await writeFile(path.join(out, MANIFEST_FILE), JSON.stringify({ ...manifest, version: FORMAT_VERSION - 1 }));
    const older = await buildIndex({ srcDirs: [src], outDir: out, stateDir: state, workers: 0 });
    expect(older.report.stats.update).toMatchObject({
      kind: 'full',
      reason: `the index served was written by index format ${FORMAT_VERSION - 1}; this is format ${FORMAT_VERSION}`,
    });
    // The rebuilt index answers as a build into an empty folder does.
    const fresh = path.join(dir, 'damaged', 'fresh');
    await buildIndex({ srcDirs: [src], outDir: fresh, workers: 0 });
    expect(await answers(out)).toEqual(await answers(fresh));
  }, 300_000);
});
