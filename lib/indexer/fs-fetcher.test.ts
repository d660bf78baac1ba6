import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FS_FETCHER_OPTIONS, fsFetcher } from './fs-fetcher';

let dir = '';
const bytes = Uint8Array.from({ length: 4096 }, (_, i) => i % 251);

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'fs-fetcher-'));
  await writeFile(path.join(dir, 'pack.bin'), bytes);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const openFiles = async () => (await readdir('/proc/self/fd')).length;

describe('fsFetcher', () => {
  it('reads a range as a Range request does, and a whole file without one', async () => {
    const fetcher = fsFetcher(dir);
    expect(await fetcher('pack.bin', { start: 10, end: 20 })).toEqual(bytes.subarray(10, 20));
    expect(await fetcher('pack.bin')).toEqual(bytes);
    // Past the end a read is short, as a 206 for a range past the end is; the loader's checks refuse it.
    expect((await fetcher('pack.bin', { start: 4090, end: 5000 })).length).toBe(6);
  });

  it('answers the manifest it is given instead of the file', async () => {
    const manifest = { format: 13 } as unknown as Parameters<typeof fsFetcher>[1];
    const got = await fsFetcher(dir, manifest)('manifest.json');
    expect(JSON.parse(new TextDecoder().decode(got))).toEqual({ format: 13 });
  });

  it.runIf(process.platform === 'linux')(
    'keeps at most maxOpenFiles files open however many reads are asked at once (every hit of a large answer)',
    async () => {
      const fetcher = fsFetcher(dir, undefined, { maxOpenFiles: 4 });
      const before = await openFiles();
      const reads = Array.from({ length: 2000 }, (_, i) => fetcher('pack.bin', { start: i % 4000, end: (i % 4000) + 8 }));
      let most = 0;
      let settled = false;
      const all = Promise.all(reads).finally(() => (settled = true));
      while (!settled) {
        most = Math.max(most, (await openFiles()) - before);
        await new Promise((resolve) => setImmediate(resolve));
      }
      const got = await all;
      got.forEach((b, i) => expect(b).toEqual(bytes.subarray(i % 4000, (i % 4000) + 8)));
      // The readdir of /proc/self/fd holds one descriptor itself.
      expect(most).toBeLessThanOrEqual(4 + 1);
      expect(most).toBeGreaterThan(0);
    },
  );

  it('reads more ranges at once than the process may hold files open with the default options', async () => {
    expect(DEFAULT_FS_FETCHER_OPTIONS.maxOpenFiles).toBeLessThan(256);
    const fetcher = fsFetcher(dir);
    const got = await Promise.all(Array.from({ length: 3000 }, (_, i) => fetcher('pack.bin', { start: i, end: i + 1 })));
    expect(got.every((b, i) => b.length === 1 && b[0] === bytes[i])).toBe(true);
  });
});
