import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { writeCorpus } from '../corpus';
import { buildIndex } from '../indexer';
import type { SearchResult } from '.';

/**
 * For the engine's unit tests (Node only, never bundled): an index of a generated corpus, built once before
 * the tests of the calling file and removed after them. `dir` is the index folder once built.
 */
export function generatedIndex(corpus: { docs: number; seed: number }): { readonly dir: string } {
  const index = { dir: '' };
  let tmp = '';
  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'bns-search-'));
    const src = path.join(tmp, 'src');
    await writeCorpus(src, corpus);
    await buildIndex({ srcDirs: [src], outDir: path.join(tmp, 'out'), stateDir: null, mode: 'full' });
    index.dir = path.join(tmp, 'out');
  }, 120_000);
  afterAll(async () => {
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });
  return index;
}

/** An answer without its time, which differs between two runs of the same search. */
export function withoutTime(r: SearchResult): Omit<SearchResult, 'tookMs'> {
  const { tookMs: _tookMs, ...rest } = r;
  return rest;
}
