import { describe, expect, it } from 'vitest';
import { IndexCorruptError, IndexFormatError } from './errors';
import { packFile, seal, unpackFile } from './files';
import { ByteWriter } from './bytes';
import {
  decodePackHeader,
  encodePack,
  fragmentPackFile,
  memberOfSlot,
  membersOfPack,
  PACK_LAYOUT,
  PACK_MEMBERS,
  packCount,
  packHeaderLength,
  packSlot,
  positionPackFile,
  SLOT_BLOCK,
  slotBlocks,
  SLOTTED_PACK_LAYOUT,
} from './pack';
import { mulberry32 } from './test-support';

const FILE = 'g-0a1b2c3d4e5f60/frag-pack-0.bin';
const text = (s: string) => new TextEncoder().encode(s);

/** Stored files (sealed and gzipped) of various sizes, as the writer puts them in a pack. */
async function members(n: number): Promise<Uint8Array[]> {
  return Promise.all(Array.from({ length: n }, (_, i) => packFile(text(`member ${i} `.repeat(i * 7 + 1)))));
}

/**
 * Stored files of exactly the given lengths, and the payloads they hold. Random bytes hardly compress, so
 * gzip stores them with a near-constant overhead; searching payload sizes (a few payloads each) keeps this
 * true whatever that overhead is. One file after another: the seeded bytes must not depend on timing.
 */
async function storedOfLengths(lengths: readonly number[], seed: number): Promise<{ stored: Uint8Array; payload: Uint8Array }[]> {
  const rnd = mulberry32(seed);
  const out: { stored: Uint8Array; payload: Uint8Array }[] = [];
  search: for (const length of lengths) {
    for (let n = Math.max(0, length - 64); n <= length; n++)
      for (let attempt = 0; attempt < 4; attempt++) {
        const payload = Uint8Array.from({ length: n }, () => Math.floor(rnd() * 256));
        const stored = await packFile(payload);
        if (stored.length === length) {
          out.push({ stored, payload });
          continue search;
        }
      }
    throw new Error(`no payload is stored in exactly ${length} bytes`);
  }
  return out;
}

/** Bytes of `n` as a LEB128 varint, as the writer of every other varint of the format puts it. */
function varintBytes(n: number): number[] {
  const w = new ByteWriter();
  w.varint(n);
  return [...w.finish()];
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

  // An empty member would give two equal offsets, which decodePackHeader refuses, and an empty slot
  // length, which memberOfSlot refuses: a pack that cannot be read back is not written.
  it('refuses an empty member in either layout', async () => {
    const [one] = await members(1);
    for (const layout of [PACK_LAYOUT, SLOTTED_PACK_LAYOUT] as const) {
      expect(() => encodePack([one!, new Uint8Array(0)], layout), `layout ${layout}`).toThrow(new RangeError('a pack member is never empty'));
      expect(() => encodePack([new Uint8Array(0)], layout), `layout ${layout}`).toThrow(new RangeError('a pack member is never empty'));
    }
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
    ).toBe(`${FILE}: has pack layout 9, where layout 1 is expected`);
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

describe('slotted packs', () => {
  it('takes whole blocks for a member and its length, the varint growing a byte at 128 and at 16384', () => {
    expect(SLOT_BLOCK).toBe(128);
    expect(SLOTTED_PACK_LAYOUT).not.toBe(PACK_LAYOUT);
    // Length byte + member: 1 + 126 leaves a byte of padding, 1 + 127 fills the block, 2 + 128 spills.
    expect(slotBlocks(1)).toBe(1);
    expect(slotBlocks(SLOT_BLOCK - 2)).toBe(1);
    expect(slotBlocks(SLOT_BLOCK - 1)).toBe(1);
    expect(slotBlocks(SLOT_BLOCK)).toBe(2);
    expect(slotBlocks(2 * SLOT_BLOCK - 2)).toBe(2); // 2 + 254 = 256
    expect(slotBlocks(2 * SLOT_BLOCK - 1)).toBe(3);
    expect(slotBlocks(16382)).toBe(128); // 2 + 16382 = 16384
    expect(slotBlocks(16383)).toBe(129);
    expect(slotBlocks(16384)).toBe(129); // 3 + 16384: the length takes three bytes from here
    expect(slotBlocks(2 ** 21 - 3)).toBe(16384); // 3 + 2097149 = 2 ** 21
    expect(slotBlocks(2 ** 21)).toBe(16385); // 4 + 2 ** 21
    // Everywhere: the fewest blocks holding the member behind its length.
    for (let n = 1; n <= 40_000; n++) {
      const need = varintBytes(n).length + n;
      const blocks = slotBlocks(n);
      if (!(Number.isInteger(blocks) && blocks * SLOT_BLOCK >= need && (blocks - 1) * SLOT_BLOCK < need))
        expect(blocks, `member of ${n} bytes`).toBe(Math.ceil(need / SLOT_BLOCK));
    }
  });

  it('round-trips members in slots: the header gives each slot, which holds the stored file byte for byte', async () => {
    const rnd = mulberry32(17);
    // Around each length the varint or the block count changes, and one member whose length takes three bytes.
    const exact = await storedOfLengths([SLOT_BLOCK - 2, SLOT_BLOCK - 1, SLOT_BLOCK, 2 * SLOT_BLOCK - 2, 16_382, 16_384 + 500], 16);
    expect(exact.map((e) => e.stored.length)).toEqual([126, 127, 128, 254, 16_382, 16_884]);
    const texts = Array.from({ length: 20 }, (_, i) => text(`member ${i} `.repeat(1 + Math.floor(rnd() * 300))));
    const all = [...exact.map((e) => e.payload), ...texts];
    const stored = [...exact.map((e) => e.stored), ...(await Promise.all(texts.map(packFile)))];
    // Shuffled, so sizes of every kind sit next to each other.
    const order = all.map((_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const n of [1, 2, 7, order.length]) {
      const picked = order.slice(0, n);
      const pack = encodePack(
        picked.map((i) => stored[i]!),
        SLOTTED_PACK_LAYOUT,
      );
      const offsets = decodePackHeader(pack.subarray(0, packHeaderLength(n)), FILE, n, SLOTTED_PACK_LAYOUT);
      expect(offsets[0]).toBe(packHeaderLength(n));
      expect(offsets[n]).toBe(pack.length);
      for (let k = 0; k < n; k++) {
        const i = picked[k]!;
        const slot = pack.subarray(offsets[k]!, offsets[k + 1]!);
        // The header's offsets are the slot starts: each slot is its member's whole blocks.
        expect(slot.length, `member ${i}`).toBe(slotBlocks(stored[i]!.length) * SLOT_BLOCK);
        // Length first, then the member, then zeros to the end of the slot.
        const prefix = varintBytes(stored[i]!.length);
        expect([...slot.subarray(0, prefix.length)]).toEqual(prefix);
        expect(slot.subarray(prefix.length, prefix.length + stored[i]!.length)).toStrictEqual(stored[i]);
        expect(slot.subarray(prefix.length + stored[i]!.length).every((b) => b === 0)).toBe(true);
        const member = memberOfSlot(slot, FILE);
        expect(member).toStrictEqual(stored[i]);
        expect(await unpackFile(member, FILE)).toStrictEqual(all[i]);
      }
    }
    // The three-byte length, as written.
    const big = exact[5]!.stored;
    const slot = encodePack([big], SLOTTED_PACK_LAYOUT).subarray(packHeaderLength(1));
    expect([...slot.subarray(0, 3)]).toEqual([0x80 | (16_884 % 128), 0x80 | (Math.floor(16_884 / 128) % 128), 1]);
    expect(memberOfSlot(slot, FILE)).toStrictEqual(big);
  });

  it('leaves no padding after a member that fills its last block, and refuses a whole block of it', async () => {
    const stored = (await storedOfLengths([SLOT_BLOCK - 1], 3))[0]!.stored;
    const slot = encodePack([stored], SLOTTED_PACK_LAYOUT).subarray(packHeaderLength(1));
    expect(slot.length).toBe(SLOT_BLOCK);
    expect(slot[0]).toBe(SLOT_BLOCK - 1);
    expect(memberOfSlot(slot, FILE)).toStrictEqual(stored);
    // The same slot with a block of zeros after it: the range of a slot one block too long.
    const long = caught(() => memberOfSlot(Uint8Array.from([...slot, ...new Uint8Array(SLOT_BLOCK)]), FILE));
    expect(long).toBeInstanceOf(IndexCorruptError);
    expect(long.message).toBe(`${FILE}: slot of ${2 * SLOT_BLOCK} bytes says its member takes ${SLOT_BLOCK - 1} (a damaged read, or another slot's range)`);
  });

  describe('memberOfSlot refuses a range that is not one whole slot', () => {
    /** A slotted pack of members whose slots take 3, 1, 2 and 1 blocks, and the range of each slot. */
    async function slottedPack(): Promise<{ pack: Uint8Array; stored: Uint8Array[]; slots: { start: number; end: number }[] }> {
      const stored = (await storedOfLengths([300, 100, 200, 90], 29)).map((e) => e.stored);
      const pack = encodePack(stored, SLOTTED_PACK_LAYOUT);
      const offsets = decodePackHeader(pack.subarray(0, packHeaderLength(4)), FILE, 4, SLOTTED_PACK_LAYOUT);
      const slots = stored.map((_, i) => ({ start: offsets[i]!, end: offsets[i + 1]! }));
      expect(slots.map((r) => (r.end - r.start) / SLOT_BLOCK)).toEqual([3, 1, 2, 1]);
      return { pack, stored, slots };
    }

    const rejects = (slot: Uint8Array, why: string): IndexCorruptError => {
      const e = caught(() => memberOfSlot(slot, FILE));
      expect(e, why).toBeInstanceOf(IndexCorruptError);
      expect((e as IndexCorruptError).file, why).toBe(FILE);
      expect(e.message.startsWith(`${FILE}: slot of ${slot.length} bytes `), why).toBe(true);
      return e as IndexCorruptError;
    };

    it('a slot cut short anywhere in its length or member', async () => {
      const { pack, stored, slots } = await slottedPack();
      for (const [i, { start }] of slots.entries()) {
        const end = start + varintBytes(stored[i]!.length).length + stored[i]!.length;
        for (let cut = start; cut < end; cut++) rejects(pack.slice(start, cut), `slot ${i} cut at ${cut - start}`);
      }
      expect(rejects(new Uint8Array(0), 'nothing').message).toBe(`${FILE}: slot of 0 bytes has no member length`);
      // Cut inside the two-byte length of member 0 (300 bytes).
      expect(rejects(pack.slice(slots[0]!.start, slots[0]!.start + 1), 'one byte').message).toBe(`${FILE}: slot of 1 bytes has no member length`);
      expect(rejects(pack.slice(slots[0]!.start, slots[0]!.start + 100), 'a hundred bytes').message).toBe(
        `${FILE}: slot of 100 bytes says its member takes 300 (a damaged read, or another slot's range)`,
      );
    });

    // Nothing of the member is lost; the loader refuses a range shorter than it asked for before this.
    it('but gives the whole member from a slot cut short in its padding', async () => {
      const { pack, stored, slots } = await slottedPack();
      const { start, end } = slots[0]!;
      expect(memberOfSlot(pack.slice(start, end - 1), FILE)).toStrictEqual(stored[0]);
    });

    it('a slot with any padding byte not zero', async () => {
      const { pack, stored, slots } = await slottedPack();
      for (const [i, { start, end }] of slots.entries()) {
        const padFrom = start + varintBytes(stored[i]!.length).length + stored[i]!.length;
        expect(padFrom, `slot ${i} has padding`).toBeLessThan(end);
        for (let at = padFrom; at < end; at++) {
          const bad = pack.slice(start, end);
          bad[at - start] = 1;
          expect(rejects(bad, `slot ${i}, byte ${at - start}`).message).toBe(
            `${FILE}: slot of ${end - start} bytes has data after its member of ${stored[i]!.length} (a damaged read, or another slot's range)`,
          );
        }
      }
    });

    it('the range of two slots', async () => {
      const { pack, stored, slots } = await slottedPack();
      for (let i = 0; i + 1 < slots.length; i++) {
        const two = pack.slice(slots[i]!.start, slots[i + 1]!.end);
        const e = rejects(two, `slots ${i} and ${i + 1}`);
        expect(e.message).toBe(`${FILE}: slot of ${two.length} bytes says its member takes ${stored[i]!.length} (a damaged read, or another slot's range)`);
      }
    });

    it('a slot of several blocks with its range shifted by a block either way', async () => {
      const { pack, slots } = await slottedPack();
      for (const [i, { start, end }] of slots.entries()) {
        if (end - start === SLOT_BLOCK) continue; // below
        if (end + SLOT_BLOCK <= pack.length) rejects(pack.slice(start + SLOT_BLOCK, end + SLOT_BLOCK), `slot ${i} a block later`);
        if (i > 0) rejects(pack.slice(start - SLOT_BLOCK, end - SLOT_BLOCK), `slot ${i} a block earlier`);
      }
    });

    // A one-block range has no second block to hold a member that is not its own, so its bytes can look
    // like a slot: the end of the slot before when its first byte reads as a length that the padding
    // follows, which the gzip and hash checks of unpackFile refuse (every member read goes through them
    // after memberOfSlot), or a one-block neighbour's own slot, whose hash holds: the loader refuses that
    // one by the documents the fragment holds.
    it('a one-block slot shifted onto the padded end of the slot before, as a read of the member as a whole', async () => {
      // Member 0 takes 2 + 130 bytes, so its slot's last block is its last 4 bytes then zeros; the first of
      // them, made 3, reads as a length that zeros follow. (Member 0 no longer unpacks; it is not read here.)
      const files = await storedOfLengths([130, 100], 41);
      const stored = files.map((f) => f.stored);
      stored[0]![126] = 3;
      const pack = encodePack(stored, SLOTTED_PACK_LAYOUT);
      const offsets = decodePackHeader(pack.subarray(0, packHeaderLength(2)), FILE, 2, SLOTTED_PACK_LAYOUT);
      expect(offsets[1]! - offsets[0]!).toBe(2 * SLOT_BLOCK);
      const read = async (slot: Uint8Array) => unpackFile(memberOfSlot(slot, FILE), FILE);
      expect(await read(pack.slice(offsets[1]!, offsets[2]!))).toStrictEqual(files[1]!.payload);
      const shifted = pack.slice(offsets[1]! - SLOT_BLOCK, offsets[2]! - SLOT_BLOCK);
      expect(memberOfSlot(shifted, FILE)).toStrictEqual(stored[0]!.subarray(127));
      const e = await read(shifted).then(
        () => null,
        (err: unknown) => err,
      );
      expect(e).toBeInstanceOf(IndexCorruptError);
      expect((e as IndexCorruptError).file).toBe(FILE);
    });

    it('zeros, and a length that never ends', () => {
      for (const blocks of [1, 2])
        expect(rejects(new Uint8Array(blocks * SLOT_BLOCK), `${blocks} blocks of zeros`).message).toBe(
          `${FILE}: slot of ${blocks * SLOT_BLOCK} bytes says its member takes 0 (a damaged read, or another slot's range)`,
        );
      // A length runs to eight bytes at most (ByteReader's varint); a ninth is never read.
      const endless = new Uint8Array(SLOT_BLOCK).fill(0x80);
      expect(rejects(endless, 'endless length').message).toBe(`${FILE}: slot of ${SLOT_BLOCK} bytes has no member length`);
    });
  });

  it('reads each header only as the layout it is expected to be', async () => {
    const stored = await members(3);
    const slotted = encodePack(stored, SLOTTED_PACK_LAYOUT);
    const plain = encodePack(stored, PACK_LAYOUT);
    expect(plain).toStrictEqual(encodePack(stored));
    const asPlain = caught(() => decodePackHeader(slotted.subarray(0, packHeaderLength(3)), FILE, 3, PACK_LAYOUT));
    expect(asPlain).toBeInstanceOf(IndexFormatError);
    expect(asPlain.message).toBe(`${FILE}: has pack layout 2, where layout 1 is expected`);
    // The default is the plain layout.
    expect(caught(() => decodePackHeader(slotted.subarray(0, packHeaderLength(3)), FILE, 3)).message).toBe(asPlain.message);
    const asSlotted = caught(() => decodePackHeader(plain.subarray(0, packHeaderLength(3)), FILE, 3, SLOTTED_PACK_LAYOUT));
    expect(asSlotted).toBeInstanceOf(IndexFormatError);
    expect(asSlotted.message).toBe(`${FILE}: has pack layout 1, where layout 2 is expected`);
    // The same members make the same header but for the layout byte and the offsets.
    expect(slotted[4]).toBe(SLOTTED_PACK_LAYOUT);
    expect(plain[4]).toBe(PACK_LAYOUT);
  });
});
