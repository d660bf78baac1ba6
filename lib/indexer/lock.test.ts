/**
 * lockIndex (lib/indexer/state.ts): two runs that start together must never both hold the lock. The file
 * system calls are slowed at one point each (as a loaded machine may) to make each interleaving happen every time.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

const slow = vi.hoisted(() => ({ readLock: [] as number[], writeLock: [] as number[] }));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  let reads = 0;
  let opens = 0;
  const isLock = (p: unknown) => typeof p === 'string' && path.basename(p) === 'lock';
  return {
    ...fs,
    // The nth read of a lock file returns its content after readLock[n] ms.
    readFile: (async (p: string, ...rest: unknown[]) => {
      const out = await (fs.readFile as (...a: unknown[]) => Promise<unknown>)(p, ...rest);
      if (isLock(p)) await sleep(slow.readLock[reads++] ?? 0);
      return out;
    }) as typeof fs.readFile,
    // The nth lock file created gets its process id written after writeLock[n] ms.
    open: (async (p: string, flags?: string, mode?: number) => {
      const h = await fs.open(p, flags, mode);
      if (!isLock(p) || flags !== 'wx') return h;
      const delay = slow.writeLock[opens++] ?? 0;
      const writeFile = h.writeFile.bind(h);
      return Object.assign(h, { writeFile: async (...a: Parameters<typeof writeFile>) => (await sleep(delay), writeFile(...a)) });
    }) as typeof fs.open,
  };
});

const { lockIndex } = await import('./state');

let dir = '';
let n = 0;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'bns-lock-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  slow.readLock = [];
  slow.writeLock = [];
});

/** Two runs on one state folder, the second starting `gap` ms after the first: how many hold the lock. */
async function holders(prepare: (lock: string) => Promise<void>, gap: number): Promise<number> {
  const d = path.join(dir, `s${n++}`);
  await mkdir(d, { recursive: true });
  await prepare(path.join(d, 'lock'));
  const first = lockIndex(d);
  await sleep(gap);
  const got = await Promise.allSettled([first, lockIndex(d)]);
  return got.filter((g) => g.status === 'fulfilled').length;
}

describe('lockIndex when two runs start together', () => {
  it('refuses the second run while the first has created the lock but not yet written its process id into it', async () => {
    slow.writeLock = [200];
    expect(await holders(async () => {}, 50)).toBe(1);
  });

  it('lets only one of two runs take over a lock left by a killed process', async () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    // Both read the dead process's id; the second acts on it only after the first has taken the lock.
    slow.readLock = [0, 200];
    expect(await holders((lock) => writeFile(lock, String(dead)), 0)).toBe(1);
  });
});
