import type { BigIntStats } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fileStamp } from './state';

const NOW = 1_800_000_000_000;
const ms = (t: number) => BigInt(t) * 1_000_000n;
const stats = (over: Partial<Record<'size' | 'mtimeNs' | 'ctimeNs' | 'ino' | 'dev', bigint>> = {}) =>
  ({ size: 1200n, mtimeNs: ms(NOW - 60_000), ctimeNs: ms(NOW - 60_000), ino: 42n, dev: 7n, ...over }) as unknown as BigIntStats;

describe('fileStamp', () => {
  it('is the same for the same file and differs when size, either time, inode or device differs', () => {
    const base = fileStamp(stats(), NOW);
    expect(base).not.toBeNull();
    expect(fileStamp(stats(), NOW + 5_000)).toBe(base);
    for (const over of [{ size: 1201n }, { mtimeNs: ms(NOW - 59_999) }, { ctimeNs: ms(NOW - 50_000) }, { ino: 43n }, { dev: 8n }])
      expect(fileStamp(stats(over), NOW)).not.toBe(base);
  });

  it('vouches for nothing changed within two seconds, by modification or by change time', () => {
    expect(fileStamp(stats({ mtimeNs: ms(NOW - 1_999) }), NOW)).toBeNull();
    expect(fileStamp(stats({ ctimeNs: ms(NOW - 10) }), NOW)).toBeNull();
    expect(fileStamp(stats({ mtimeNs: ms(NOW - 2_000), ctimeNs: ms(NOW - 2_000) }), NOW)).not.toBeNull();
  });
});
