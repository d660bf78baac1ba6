import { describe, expect, it } from 'vitest';
import { IndexCorruptError } from './errors';
import { CHARS_FILE, COLUMNS_FILE, fragmentFile, generationDir, idsFile, seal, sealedHash, shardFile, TRAILER_LENGTH, unseal } from './files';
import { contentHash } from './hash';
import { mulberry32 } from './test-support';

const utf8 = (s: string) => new TextEncoder().encode(s);

function randomBytes(rnd: () => number, n: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = Math.floor(rnd() * 256);
  return b;
}

function corruptError(fn: () => unknown): IndexCorruptError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(IndexCorruptError);
    return e as IndexCorruptError;
  }
  throw new Error('expected an IndexCorruptError, nothing was thrown');
}

const noTrailer = (file: string, length: number) => `${file}: has no content-hash trailer (${length} bytes; truncated, or not written by this indexer)`;
const mismatch = (file: string, actual: string, expected: string) =>
  `${file}: content hash is ${actual}, expected ${expected} (the file is damaged or from another build)`;

const PAYLOAD = utf8('{"first":0,"docs":[{"id":"a1","title":"工商银行下调LPR"}]}');

describe('file names', () => {
  it('are fixed by what the file holds', () => {
    expect(shardFile(0)).toBe('shard-0.bin');
    expect(shardFile(12)).toBe('shard-12.bin');
    expect(shardFile(65_535)).toBe('shard-65535.bin');
    expect(fragmentFile(0)).toBe('frag-0.json');
    expect(fragmentFile(3)).toBe('frag-3.json');
    expect(idsFile(0)).toBe('ids-0.json');
    expect(idsFile(7)).toBe('ids-7.json');
    expect(COLUMNS_FILE).toBe('columns.bin');
    expect(CHARS_FILE).toBe('chars.json');
  });

  it('are distinct across kinds and numbers', () => {
    const names = [COLUMNS_FILE, CHARS_FILE];
    for (let i = 0; i < 50; i++) names.push(shardFile(i), fragmentFile(i), idsFile(i));
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^[a-z]+(-\d+)?\.(bin|json)$/);
  });

  it('put a build in the folder g-<buildId>', () => {
    expect(generationDir('0a1b2c3d4e5f60')).toBe('g-0a1b2c3d4e5f60');
    expect(`${generationDir('0a1b2c3d4e5f60')}/${shardFile(3)}`).toBe('g-0a1b2c3d4e5f60/shard-3.bin');
  });
});

describe('seal', () => {
  it('appends `#` and the 7-byte content hash of the payload', () => {
    expect(TRAILER_LENGTH).toBe(8);
    const sealed = seal(PAYLOAD);
    expect(sealed.length).toBe(PAYLOAD.length + TRAILER_LENGTH);
    expect(sealed.subarray(0, PAYLOAD.length)).toStrictEqual(PAYLOAD);
    expect(sealed[PAYLOAD.length]).toBe(0x23);
    const hex = Array.from(sealed.subarray(PAYLOAD.length + 1), (b) => b.toString(16).padStart(2, '0')).join('');
    expect(hex).toBe(contentHash(PAYLOAD));
  });

  it('gives fixed bytes for a fixed payload', () => {
    // contentHash(empty) is 0bdcb81aee8d83 (see hash.test.ts).
    expect(Array.from(seal(new Uint8Array(0)))).toStrictEqual([0x23, 0x0b, 0xdc, 0xb8, 0x1a, 0xee, 0x8d, 0x83]);
    // contentHash('a') is 1c2ba782c97901.
    expect(Array.from(seal(utf8('a')))).toStrictEqual([0x61, 0x23, 0x1c, 0x2b, 0xa7, 0x82, 0xc9, 0x79, 0x01]);
  });

  it('does not modify its input and seals a view by its own bytes only', () => {
    const copy = new Uint8Array(PAYLOAD);
    const padded = new Uint8Array(PAYLOAD.length + 10).fill(0xaa);
    padded.set(PAYLOAD, 5);
    const view = padded.subarray(5, 5 + PAYLOAD.length);
    const sealed = seal(view);
    expect(view).toStrictEqual(copy);
    expect(padded[4]).toBe(0xaa);
    expect(padded[5 + PAYLOAD.length]).toBe(0xaa);
    expect(sealed).toStrictEqual(seal(copy));
  });
});

describe('sealedHash', () => {
  it('reads the hash a sealed file carries', () => {
    expect(sealedHash(seal(PAYLOAD))).toBe(contentHash(PAYLOAD));
    expect(sealedHash(seal(new Uint8Array(0)))).toBe('0bdcb81aee8d83');
  });

  it('is null without a trailer', () => {
    expect(sealedHash(new Uint8Array(0))).toBeNull();
    expect(sealedHash(new Uint8Array(7).fill(0x23))).toBeNull();
    expect(sealedHash(PAYLOAD)).toBeNull();
    const noMark = seal(PAYLOAD);
    noMark[PAYLOAD.length] = 0x24;
    expect(sealedHash(noMark)).toBeNull();
  });

  it('returns whatever 7 bytes follow the mark, as 14 lower-case hex digits', () => {
    expect(sealedHash(new Uint8Array([0x23, 0, 0, 0, 0, 0, 0, 0]))).toBe('00000000000000');
    expect(sealedHash(new Uint8Array([9, 0x23, 0xff, 0xfe, 0x0a, 0, 1, 2, 3]))).toBe('fffe0a00010203');
  });
});

describe('unseal', () => {
  it('round-trips payloads of every small length and random content', () => {
    const rnd = mulberry32(0xbadc0de);
    for (let n = 0; n <= 64; n++) {
      const payload = randomBytes(rnd, n);
      const out = unseal(seal(payload), 'x.bin');
      expect(out).toStrictEqual(payload);
    }
    for (let k = 0; k < 50; k++) {
      const payload = randomBytes(rnd, Math.floor(rnd() * 5000));
      const out = unseal(seal(payload), 'x.bin');
      expect(out.length).toBe(payload.length);
      expect(Buffer.compare(out, payload), `payload ${k}`).toBe(0);
    }
  });

  it('round-trips a payload that itself ends like a trailer', () => {
    const inner = seal(PAYLOAD);
    expect(unseal(seal(inner), 'x.bin')).toStrictEqual(inner);
    expect(unseal(unseal(seal(inner), 'x.bin'), 'x.bin')).toStrictEqual(PAYLOAD);
  });

  it('returns the payload without the trailer, as a view of the input', () => {
    const sealed = seal(PAYLOAD);
    const out = unseal(sealed, 'x.bin');
    expect(out.length).toBe(sealed.length - TRAILER_LENGTH);
    expect(out.buffer).toBe(sealed.buffer);
    expect(new TextDecoder().decode(out)).toBe(new TextDecoder().decode(PAYLOAD));
  });

  it('detects every single-byte corruption, in the payload, the mark and the hash', () => {
    const sealed = seal(PAYLOAD);
    const expected = contentHash(PAYLOAD);
    for (let i = 0; i < sealed.length; i++) {
      for (const delta of [1, 0x80, 0xff]) {
        const bad = sealed.slice();
        bad[i] = (bad[i]! + delta) & 0xff;
        const e = corruptError(() => unseal(bad, 'g-0a1b2c3d4e5f60/frag-0.json'));
        expect(e.file, `byte ${i} +${delta}`).toBe('g-0a1b2c3d4e5f60/frag-0.json');
        if (i < PAYLOAD.length) {
          const actual = contentHash(bad.subarray(0, PAYLOAD.length));
          expect(actual, `byte ${i} +${delta}`).not.toBe(expected);
          expect(e.message).toBe(mismatch('g-0a1b2c3d4e5f60/frag-0.json', actual, expected));
        } else if (i === PAYLOAD.length) {
          expect(e.message).toBe(noTrailer('g-0a1b2c3d4e5f60/frag-0.json', sealed.length));
        } else {
          expect(e.message).toBe(mismatch('g-0a1b2c3d4e5f60/frag-0.json', expected, sealedHash(bad)!));
          expect(sealedHash(bad)).not.toBe(expected);
        }
      }
    }
  });

  it('detects every single-byte corruption of random payloads', () => {
    const rnd = mulberry32(42);
    for (let k = 0; k < 20; k++) {
      const sealed = seal(randomBytes(rnd, 1 + Math.floor(rnd() * 100)));
      for (let i = 0; i < sealed.length; i++) {
        const bad = sealed.slice();
        bad[i] = (bad[i]! + 1 + Math.floor(rnd() * 255)) & 0xff;
        expect(bad[i]).not.toBe(sealed[i]);
        corruptError(() => unseal(bad, 'x.bin'));
      }
    }
  });

  it('detects every truncation', () => {
    const sealed = seal(PAYLOAD);
    for (let n = 0; n < sealed.length; n++) {
      const cut = sealed.slice(0, n);
      const e = corruptError(() => unseal(cut, 'g-0a1b2c3d4e5f60/shard-1.bin'));
      expect(e.file).toBe('g-0a1b2c3d4e5f60/shard-1.bin');
      const carried = sealedHash(cut);
      if (carried === null) expect(e.message, `length ${n}`).toBe(noTrailer('g-0a1b2c3d4e5f60/shard-1.bin', n));
      else expect(e.message, `length ${n}`).toBe(mismatch('g-0a1b2c3d4e5f60/shard-1.bin', contentHash(cut.subarray(0, n - TRAILER_LENGTH)), carried));
    }
  });

  it('detects a byte appended or removed at the front', () => {
    const sealed = seal(PAYLOAD);
    const longer = new Uint8Array(sealed.length + 1);
    longer.set(sealed, 1);
    corruptError(() => unseal(longer, 'x.bin'));
    corruptError(() => unseal(sealed.subarray(1), 'x.bin'));
    const tail = new Uint8Array(sealed.length + 1);
    tail.set(sealed);
    expect(corruptError(() => unseal(tail, 'x.bin')).message).toBe(noTrailer('x.bin', sealed.length + 1));
  });

  it('rejects a file without a trailer with the exact message', () => {
    expect(corruptError(() => unseal(PAYLOAD, 'g-0a1b2c3d4e5f60/columns.bin')).message).toBe(noTrailer('g-0a1b2c3d4e5f60/columns.bin', PAYLOAD.length));
    expect(corruptError(() => unseal(new Uint8Array(0), 'chars.json')).message).toBe(
      'chars.json: has no content-hash trailer (0 bytes; truncated, or not written by this indexer)',
    );
    expect(corruptError(() => unseal(new Uint8Array(7).fill(0x23), 'a.bin')).message).toBe(
      'a.bin: has no content-hash trailer (7 bytes; truncated, or not written by this indexer)',
    );
  });

  it('rejects the sealed file of another payload (swapped trailer)', () => {
    const a = seal(utf8('build one'));
    const b = seal(utf8('build two'));
    const mixed = new Uint8Array(a.length);
    mixed.set(a.subarray(0, a.length - TRAILER_LENGTH));
    mixed.set(b.subarray(b.length - TRAILER_LENGTH), a.length - TRAILER_LENGTH);
    expect(corruptError(() => unseal(mixed, 'ids-0.json')).message).toBe(mismatch('ids-0.json', contentHash(utf8('build one')), contentHash(utf8('build two'))));
  });

  it('names the file it was given in IndexCorruptError', () => {
    const e = corruptError(() => unseal(new Uint8Array([1, 2, 3]), 'g-ffffffffffffff/ids-3.json'));
    expect(e.name).toBe('IndexCorruptError');
    expect(e.file).toBe('g-ffffffffffffff/ids-3.json');
    expect(e.message).toBe('g-ffffffffffffff/ids-3.json: has no content-hash trailer (3 bytes; truncated, or not written by this indexer)');
  });
});
