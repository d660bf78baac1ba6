import { describe, expect, it } from 'vitest';
import { contentHash, fnv1a } from './hash';
import { shardOf } from './shard';
import { mulberry32 } from './test-support';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('contentHash', () => {
  it('gives fixed values for fixed inputs (computed once; a change here breaks every cached build)', () => {
    expect(contentHash(utf8('交通银行 ccb 2022'))).toBe('17483a1a48a6a5');
    expect(contentHash(new Uint8Array(0))).toBe('0bdcb81aee8d83');
    expect(contentHash(utf8('a'))).toBe('1c2ba782c97901');
  });

  it('is stable across calls and across views of the same bytes', () => {
    const bytes = utf8('中国人民银行 发布 LPR 3.85%');
    const copy = new Uint8Array(bytes);
    const padded = new Uint8Array(bytes.length + 10);
    padded.set(bytes, 5);
    const view = padded.subarray(5, 5 + bytes.length);
    expect(contentHash(bytes)).toBe(contentHash(bytes));
    expect(contentHash(copy)).toBe(contentHash(bytes));
    expect(contentHash(view)).toBe(contentHash(bytes));
  });

  it('changes when any single byte changes', () => {
    const base = utf8('交通银行 ccb 2022');
    const h = contentHash(base);
    const seen = new Set<string>([h]);
    for (let i = 0; i < base.length; i++) {
      for (const delta of [1, 0x80]) {
        const changed = new Uint8Array(base);
        changed[i] = (changed[i]! + delta) & 0xff;
        const h2 = contentHash(changed);
        expect(h2, `byte ${i} +${delta}`).not.toBe(h);
        seen.add(h2);
      }
    }
    expect(seen.size).toBe(1 + base.length * 2);
  });

  it('changes when a byte is appended or removed', () => {
    const base = utf8('abc');
    expect(contentHash(utf8('abcd'))).not.toBe(contentHash(base));
    expect(contentHash(utf8('ab'))).not.toBe(contentHash(base));
    expect(contentHash(new Uint8Array([0]))).not.toBe(contentHash(new Uint8Array(0)));
    expect(contentHash(new Uint8Array([0, 0]))).not.toBe(contentHash(new Uint8Array([0])));
  });

  it('depends on the seed', () => {
    const b = utf8('seeded');
    expect(contentHash(b, 0)).toBe(contentHash(b));
    expect(contentHash(b, 1)).not.toBe(contentHash(b, 0));
  });

  it('is always exactly 14 lower-case hex characters', () => {
    const rnd = mulberry32(0xc0ffee);
    for (let k = 0; k < 500; k++) {
      const b = new Uint8Array(Math.floor(rnd() * 64));
      for (let i = 0; i < b.length; i++) b[i] = Math.floor(rnd() * 256);
      const h = contentHash(b, Math.floor(rnd() * 1000));
      expect(h).toMatch(/^[0-9a-f]{14}$/);
    }
  });

  it('is a 53-bit number, so it fits the 7 bytes of a file trailer', () => {
    const rnd = mulberry32(0x5eed);
    for (let k = 0; k < 500; k++) {
      const b = new Uint8Array(Math.floor(rnd() * 64));
      for (let i = 0; i < b.length; i++) b[i] = Math.floor(rnd() * 256);
      const n = parseInt(contentHash(b), 16);
      expect(Number.isSafeInteger(n)).toBe(true);
      expect(n).toBeLessThanOrEqual(0x1fffffffffffff);
    }
  });
});

describe('fnv1a', () => {
  it('matches the published 32-bit FNV-1a test vectors', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
  });

  it('returns an unsigned 32-bit integer and works on UTF-16 units', () => {
    for (const s of ['银行', '交通银行', '=银行', '😀', 'x'.repeat(1000)]) {
      const h = fnv1a(s);
      expect(Number.isInteger(h)).toBe(true);
      expect(h).toBeGreaterThanOrEqual(0);
      expect(h).toBeLessThan(2 ** 32);
    }
    expect(fnv1a('银行')).not.toBe(fnv1a('行银'));
  });
});

describe('shardOf', () => {
  it('is deterministic and within range', () => {
    for (const count of [1, 2, 7, 64, 256]) {
      for (const t of ['银', '银行', 'ccb', '=交通银行', '2022', '1.43']) {
        const s = shardOf(t, count);
        expect(s).toBe(fnv1a(t) % count);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThan(count);
        expect(shardOf(t, count)).toBe(s);
      }
    }
    expect(shardOf('anything', 1)).toBe(0);
  });
});
