import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { IndexCorruptError } from './errors';
import {
  CHAR_SHARDS,
  charShardOf,
  charsFile,
  FACETS_FILE,
  RANK_FILE,
  fragmentFile,
  generationDir,
  idsFile,
  packFile,
  positionsFile,
  seal,
  sealedHash,
  shardFile,
  TRAILER_LENGTH,
  unpackFile,
  unseal,
} from './files';
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
    expect(positionsFile(0)).toBe('pos-0.bin');
    expect(positionsFile(12)).toBe('pos-12.bin');
    expect(positionsFile(65_535)).toBe('pos-65535.bin');
    expect(fragmentFile(0)).toBe('frag-0.bin');
    expect(fragmentFile(3)).toBe('frag-3.bin');
    expect(idsFile(0)).toBe('ids-0.bin');
    expect(idsFile(7)).toBe('ids-7.bin');
    expect(charsFile(0)).toBe('chars-0.bin');
    expect(charsFile(31)).toBe('chars-31.bin');
    expect(RANK_FILE).toBe('rank.bin');
    expect(FACETS_FILE).toBe('facets.bin');
  });

  it('are distinct across kinds and numbers, and all .bin (every file is stored gzipped)', () => {
    const names = [RANK_FILE, FACETS_FILE];
    for (let i = 0; i < 50; i++) names.push(shardFile(i), positionsFile(i), fragmentFile(i), idsFile(i));
    for (let k = 0; k < CHAR_SHARDS; k++) names.push(charsFile(k));
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^[a-z]+(-\d+)?\.bin$/);
  });

  it('put a build in the folder g-<buildId>', () => {
    expect(generationDir('0a1b2c3d4e5f60')).toBe('g-0a1b2c3d4e5f60');
    expect(`${generationDir('0a1b2c3d4e5f60')}/${shardFile(3)}`).toBe('g-0a1b2c3d4e5f60/shard-3.bin');
    expect(`${generationDir('0a1b2c3d4e5f60')}/${positionsFile(3)}`).toBe('g-0a1b2c3d4e5f60/pos-3.bin');
  });
});

describe('character table shards', () => {
  it('are 32, chosen by code point modulo 32', () => {
    expect(CHAR_SHARDS).toBe(32);
    expect(charShardOf('A')).toBe(1); // U+0041 = 65
    expect(charShardOf('國')).toBe(11); // U+570B = 22283 = 696 * 32 + 11
    expect(charShardOf('国')).toBe(0x56fd % 32);
    expect(charShardOf('\u0000')).toBe(0);
    expect(charShardOf('\u001f')).toBe(31);
    expect(charShardOf(' ')).toBe(0);
  });

  it('use the whole code point of an astral character, not its first UTF-16 unit', () => {
    // '𠀁' is U+20001, written as the surrogates D840 DC01; D840 % 32 would give 0.
    expect(charShardOf('𠀁')).toBe(1);
    expect(charShardOf('𠀀')).toBe(0);
    expect(charShardOf('𪚥')).toBe(0x2a6a5 % 32);
    expect(charShardOf('😀')).toBe(0x1f600 % 32);
  });

  it('looks only at the first character', () => {
    expect(charShardOf('國家')).toBe(charShardOf('國'));
  });

  it('spreads every BMP character over all 32 shards evenly', () => {
    const counts = new Array<number>(CHAR_SHARDS).fill(0);
    for (let c = 0; c < 0x10000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      counts[charShardOf(String.fromCharCode(c))]!++;
    }
    expect(counts).toEqual(new Array<number>(CHAR_SHARDS).fill((0x10000 - 0x800) / CHAR_SHARDS));
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
        const e = corruptError(() => unseal(bad, 'g-0a1b2c3d4e5f60/frag-0.bin'));
        expect(e.file, `byte ${i} +${delta}`).toBe('g-0a1b2c3d4e5f60/frag-0.bin');
        if (i < PAYLOAD.length) {
          const actual = contentHash(bad.subarray(0, PAYLOAD.length));
          expect(actual, `byte ${i} +${delta}`).not.toBe(expected);
          expect(e.message).toBe(mismatch('g-0a1b2c3d4e5f60/frag-0.bin', actual, expected));
        } else if (i === PAYLOAD.length) {
          expect(e.message).toBe(noTrailer('g-0a1b2c3d4e5f60/frag-0.bin', sealed.length));
        } else {
          expect(e.message).toBe(mismatch('g-0a1b2c3d4e5f60/frag-0.bin', expected, sealedHash(bad)!));
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
    expect(corruptError(() => unseal(new Uint8Array(0), 'chars-3.bin')).message).toBe(
      'chars-3.bin: has no content-hash trailer (0 bytes; truncated, or not written by this indexer)',
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
    expect(corruptError(() => unseal(mixed, 'ids-0.bin')).message).toBe(mismatch('ids-0.bin', contentHash(utf8('build one')), contentHash(utf8('build two'))));
  });

  it('names the file it was given in IndexCorruptError', () => {
    const e = corruptError(() => unseal(new Uint8Array([1, 2, 3]), 'g-ffffffffffffff/ids-3.bin'));
    expect(e.name).toBe('IndexCorruptError');
    expect(e.file).toBe('g-ffffffffffffff/ids-3.bin');
    expect(e.message).toBe('g-ffffffffffffff/ids-3.bin: has no content-hash trailer (3 bytes; truncated, or not written by this indexer)');
  });
});

async function corruptErrorAsync(fn: () => Promise<unknown>): Promise<IndexCorruptError> {
  try {
    await fn();
  } catch (e) {
    expect(e).toBeInstanceOf(IndexCorruptError);
    return e as IndexCorruptError;
  }
  throw new Error('expected an IndexCorruptError, nothing was thrown');
}

const notGzip = (file: string, length: number) => `${file}: is not gzip-compressed (${length} bytes; truncated, or not written by this indexer)`;
/** The reason inside the parentheses is zlib's own (e.g. "unexpected end of file"), so only its shape is fixed. */
const cannotInflate = (file: string) => new RegExp(`^${file.replace(/[.\\/-]/g, '\\$&')}: cannot be inflated \\(.+\\): the file is damaged or truncated$`);

describe('packFile / unpackFile', () => {
  const FILE = 'g-0a1b2c3d4e5f60/frag-0.bin';

  it('packFile gzips the sealed payload', async () => {
    const packed = await packFile(PAYLOAD);
    expect(packed).toBeInstanceOf(Uint8Array);
    expect([packed[0], packed[1], packed[2]]).toEqual([0x1f, 0x8b, 8]); // gzip magic, deflate
    expect(new Uint8Array(gunzipSync(packed))).toStrictEqual(seal(PAYLOAD));
  });

  it('round-trips the empty payload, every small length and random content', async () => {
    const rnd = mulberry32(0x9a11);
    const payloads: Uint8Array[] = [new Uint8Array(0), PAYLOAD, utf8('工商银行'.repeat(5000))];
    for (let n = 1; n <= 40; n++) payloads.push(randomBytes(rnd, n));
    for (let k = 0; k < 10; k++) payloads.push(randomBytes(rnd, Math.floor(rnd() * 100_000)));
    for (const [i, payload] of payloads.entries()) {
      const out = await unpackFile(await packFile(payload), FILE);
      expect(out.length, `payload ${i}`).toBe(payload.length);
      expect(Buffer.compare(out, payload), `payload ${i}`).toBe(0);
    }
  });

  it('compresses repetitive text', async () => {
    const text = utf8('工商银行下调LPR，'.repeat(2000));
    expect((await packFile(text)).length).toBeLessThan(text.length / 20);
  });

  it('reads a file gzipped by another gzip writer', async () => {
    expect(await unpackFile(new Uint8Array(gzipSync(seal(PAYLOAD), { level: 9 })), FILE)).toStrictEqual(PAYLOAD);
  });

  it('rejects a payload that is not gzip, with the exact message', async () => {
    const sealed = seal(PAYLOAD);
    expect((await corruptErrorAsync(() => unpackFile(sealed, FILE))).message).toBe(notGzip(FILE, sealed.length));
    expect((await corruptErrorAsync(() => unpackFile(PAYLOAD, FILE))).message).toBe(notGzip(FILE, PAYLOAD.length));
    expect((await corruptErrorAsync(() => unpackFile(new Uint8Array(0), FILE))).message).toBe(notGzip(FILE, 0));
    const zeros = new Uint8Array(100);
    expect((await corruptErrorAsync(() => unpackFile(zeros, FILE))).message).toBe(notGzip(FILE, 100));
    // The first byte of the gzip magic alone is not enough.
    const half = await packFile(PAYLOAD);
    half[1] = 0x8c;
    expect((await corruptErrorAsync(() => unpackFile(half, FILE))).message).toBe(notGzip(FILE, half.length));
  });

  it('rejects every truncation: too short for gzip, or a stream that ends early', async () => {
    const packed = await packFile(utf8('工商银行下调LPR'.repeat(20)));
    for (let n = 0; n < packed.length; n++) {
      const e = await corruptErrorAsync(() => unpackFile(packed.slice(0, n), FILE));
      expect(e.file).toBe(FILE);
      // 18 bytes: a 10-byte header and an 8-byte trailer, the least a gzip file can be.
      if (n < 18) expect(e.message, `length ${n}`).toBe(notGzip(FILE, n));
      else expect(e.message, `length ${n}`).toMatch(cannotInflate(FILE));
    }
  });

  it('rejects a truncated stream with a message that says so', async () => {
    const packed = await packFile(PAYLOAD);
    const e = await corruptErrorAsync(() => unpackFile(packed.slice(0, packed.length - 4), FILE));
    expect(e.message).toMatch(cannotInflate(FILE));
  });

  it('rejects a byte flipped in the middle, naming the file', async () => {
    const packed = await packFile(utf8('工商银行下调LPR，建设银行发布“建行惠懂你”3.0'.repeat(10)));
    const bad = packed.slice();
    const mid = Math.floor(packed.length / 2);
    bad[mid] = bad[mid]! ^ 0xff;
    const e = await corruptErrorAsync(() => unpackFile(bad, FILE));
    expect(e.file).toBe(FILE);
    expect(e.message.startsWith(`${FILE}: `), e.message).toBe(true);
  });

  it('rejects a flip of any byte after the gzip header, naming the file', async () => {
    // Header bytes 4..9 (modification time, extra flags, OS) carry no content, so they are not checked.
    const packed = await packFile(PAYLOAD);
    for (let i = 10; i < packed.length; i++) {
      const bad = packed.slice();
      bad[i] = bad[i]! ^ 0xff;
      const e = await corruptErrorAsync(() => unpackFile(bad, FILE));
      expect(e.file, `byte ${i}`).toBe(FILE);
      expect(e.message.startsWith(`${FILE}: `), `byte ${i}: ${e.message}`).toBe(true);
    }
  });

  it('rejects a gzip stream whose own CRC trailer is wrong', async () => {
    const packed = await packFile(PAYLOAD);
    const bad = packed.slice();
    bad[bad.length - 8] = bad[bad.length - 8]! ^ 1; // first byte of the CRC-32
    expect((await corruptErrorAsync(() => unpackFile(bad, FILE))).message).toMatch(cannotInflate(FILE));
  });

  it('rejects valid gzip of something with a wrong content-hash trailer, with the exact message', async () => {
    const a = seal(utf8('build one'));
    const b = seal(utf8('build two'));
    const mixed = new Uint8Array(a.length);
    mixed.set(a.subarray(0, a.length - TRAILER_LENGTH));
    mixed.set(b.subarray(b.length - TRAILER_LENGTH), a.length - TRAILER_LENGTH);
    const e = await corruptErrorAsync(() => unpackFile(new Uint8Array(gzipSync(mixed)), FILE));
    expect(e.message).toBe(mismatch(FILE, contentHash(utf8('build one')), contentHash(utf8('build two'))));
  });

  it('rejects valid gzip of an unsealed payload, with the exact message', async () => {
    const e = await corruptErrorAsync(() => unpackFile(new Uint8Array(gzipSync(PAYLOAD)), FILE));
    expect(e.message).toBe(noTrailer(FILE, PAYLOAD.length));
  });
});
