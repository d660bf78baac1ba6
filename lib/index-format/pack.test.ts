import { describe, expect, it } from 'vitest';
import { IndexCorruptError, IndexFormatError } from './errors';
import { packFile, seal, unpackFile } from './files';
import { decodePackHeader, encodePack, fragmentPackFile, membersOfPack, PACK_MEMBERS, packCount, packHeaderLength, packSlot, positionPackFile } from './pack';

const FILE = 'g-0a1b2c3d4e5f60/frag-pack-0.bin';
const text = (s: string) => new TextEncoder().encode(s);

/** Stored files (sealed and gzipped) of various sizes, as the writer puts them in a pack. */
async function members(n: number): Promise<Uint8Array[]> {
  return Promise.all(Array.from({ length: n }, (_, i) => packFile(text(`member ${i} `.repeat(i * 7 + 1)))));
}

function caught(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a throw');
}

describe('pack names and places', () => {
  it('names packs by kind and number, and puts member i at slot i % PACK_MEMBERS of pack i / PACK_MEMBERS', () => {
    expect(fragmentPackFile(0)).toBe('frag-pack-0.bin');
    expect(positionPackFile(12)).toBe('pos-pack-12.bin');
    expect(packSlot(0)).toStrictEqual({ pack: 0, slot: 0 });
    expect(packSlot(PACK_MEMBERS - 1)).toStrictEqual({ pack: 0, slot: PACK_MEMBERS - 1 });
    expect(packSlot(PACK_MEMBERS)).toStrictEqual({ pack: 1, slot: 0 });
    expect(packSlot(5 * PACK_MEMBERS + 3)).toStrictEqual({ pack: 5, slot: 3 });
  });

  it('counts packs and the members of each, the last one short', () => {
    expect(packCount(1)).toBe(1);
    expect(packCount(PACK_MEMBERS)).toBe(1);
    expect(packCount(PACK_MEMBERS + 1)).toBe(2);
    expect(membersOfPack(0, PACK_MEMBERS + 5)).toBe(PACK_MEMBERS);
    expect(membersOfPack(1, PACK_MEMBERS + 5)).toBe(5);
    expect(membersOfPack(2, PACK_MEMBERS + 5)).toBe(0);
  });
});

describe('encodePack and decodePackHeader', () => {
  it('round-trips: each member read at the offsets the header gives is the stored file, and unpacks to its payload', async () => {
    for (const n of [1, 2, 17, PACK_MEMBERS]) {
      const stored = await members(n);
      const pack = encodePack(stored);
      const offsets = decodePackHeader(pack.subarray(0, packHeaderLength(n)), FILE, n);
      expect(offsets.length).toBe(n + 1);
      expect(offsets[0]).toBe(packHeaderLength(n));
      expect(offsets[n]).toBe(pack.length);
      for (let i = 0; i < n; i++) {
        const member = pack.subarray(offsets[i]!, offsets[i + 1]!);
        expect(member).toStrictEqual(stored[i]);
        expect(new TextDecoder().decode(await unpackFile(member, FILE))).toBe(`member ${i} `.repeat(i * 7 + 1));
      }
    }
  });

  it('has a header whose length follows from the member count alone', () => {
    expect(packHeaderLength(1)).toBe(4 + 1 + 4 + 8 + 8);
    expect(packHeaderLength(PACK_MEMBERS)).toBe(4 + 1 + 4 + 4 * (PACK_MEMBERS + 1) + 8);
  });

  it('refuses no members, or more than a pack holds', async () => {
    expect(() => encodePack([])).toThrow(new RangeError(`a pack holds 1 to ${PACK_MEMBERS} members, not 0`));
    const many = await members(1);
    expect(() => encodePack(Array.from({ length: PACK_MEMBERS + 1 }, () => many[0]!))).toThrow(RangeError);
  });

  it('detects every flipped byte of the header as corruption naming the pack', async () => {
    const pack = encodePack(await members(3));
    const header = pack.slice(0, packHeaderLength(3));
    for (let i = 0; i < header.length; i++) {
      const bad = header.slice();
      bad[i] = bad[i]! ^ 0x40;
      const e = caught(() => decodePackHeader(bad, FILE, 3));
      expect(e, `byte ${i}`).toBeInstanceOf(IndexCorruptError);
      expect((e as IndexCorruptError).file).toBe(FILE);
    }
  });

  it('rejects a truncated range, or the header of a pack of another size than the manifest says', async () => {
    const pack = encodePack(await members(3));
    const short = caught(() => decodePackHeader(pack.subarray(0, packHeaderLength(3) - 1), FILE, 3));
    expect(short).toBeInstanceOf(IndexFormatError);
    expect(short.message).toBe(`${FILE}: pack header is ${packHeaderLength(3) - 1} bytes, expected ${packHeaderLength(3)} for 3 members (a truncated read)`);
    // Read as a pack of 2, the first bytes of a pack of 3 are not a sealed header.
    expect(caught(() => decodePackHeader(pack.subarray(0, packHeaderLength(2)), FILE, 2))).toBeInstanceOf(IndexCorruptError);
  });

  it('rejects a sealed header that is not a pack’s, or whose offsets run backwards', () => {
    const forged = (edit: (view: DataView, bytes: Uint8Array) => void): Uint8Array => {
      const payload = encodePack([new Uint8Array(4), new Uint8Array(4)]).slice(0, packHeaderLength(2) - 8);
      edit(new DataView(payload.buffer), payload);
      return seal(payload);
    };
    expect(
      caught(() =>
        decodePackHeader(
          forged((_, b) => (b[0] = 0x58)),
          FILE,
          2,
        ),
      ).message,
    ).toBe(`${FILE}: expected magic "BNSK", found "XNSK"`);
    expect(
      caught(() =>
        decodePackHeader(
          forged((_, b) => (b[4] = 9)),
          FILE,
          2,
        ),
      ).message,
    ).toBe(`${FILE}: has pack layout 9; this code reads layout 1`);
    expect(
      caught(() =>
        decodePackHeader(
          forged((v) => v.setUint32(5, 3, true)),
          FILE,
          2,
        ),
      ).message,
    ).toBe(`${FILE}: holds 3 members; the manifest says 2`);
    expect(
      caught(() =>
        decodePackHeader(
          forged((v) => v.setUint32(9, 0, true)),
          FILE,
          2,
        ),
      ).message,
    ).toBe(`${FILE}: its first member starts at 0, not after the header at ${packHeaderLength(2)}`);
    const backwards = caught(() =>
      decodePackHeader(
        forged((v) => v.setUint32(13, packHeaderLength(2), true)),
        FILE,
        2,
      ),
    );
    expect(backwards).toBeInstanceOf(IndexFormatError);
    expect(backwards.message).toBe(`${FILE}: member 0 would run from byte ${packHeaderLength(2)} to ${packHeaderLength(2)}: members are never empty`);
  });
});
