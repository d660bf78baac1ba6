import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_GENERATE_OPTIONS, writeCorpus } from '../corpus';
import { buildIndex } from '.';

/**
 * What the README promises a site operator about the number of files (free static hosts count them:
 * Cloudflare Pages takes 20,000 per site): the index of the demo corpus stays under this many.
 */
const DEMO_FILE_LIMIT = 2_000;

let tmp = '';

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

async function countFiles(dir: string): Promise<number> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).length;
}

describe('the number of index files', () => {
  it('stays under the limit the README states for the demo corpus', async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'bns-file-limit-'));
    const src = path.join(tmp, 'src');
    const out = path.join(tmp, 'out');
    await writeCorpus(src, DEFAULT_GENERATE_OPTIONS);
    const { report } = await buildIndex({ srcDirs: [src], outDir: out, stateDir: null, mode: 'full' });
    expect(report.stats.documents).toBe(DEFAULT_GENERATE_OPTIONS.docs);
    const files = await countFiles(out);
    expect(report.stats.indexFiles).toBeLessThanOrEqual(files);
    // Packs save about 3,450 files here: a file per fragment group and per position shard would be 3,508, not 56.
    expect(files).toBeLessThan(DEMO_FILE_LIMIT);
    expect(files).toBeGreaterThan(DEMO_FILE_LIMIT / 4);
    const readme = await readFile(path.join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    expect(readme).toContain(`under ${DEMO_FILE_LIMIT.toLocaleString('en-US')} files`);
  }, 600_000);
});
