import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BANKS, FIELDS, TERMS } from '../corpus';
import { gzipSync } from 'node:zlib';
import {
  decodePackHeader,
  deletedFile,
  encodeDeleted,
  FORMAT_NAME,
  FORMAT_VERSION,
  IndexFormatError,
  MANIFEST_FILE,
  memberOfSlot,
  PACK_LAYOUT,
  packHeaderLength,
  parseManifest,
  seal,
  SLOT_BLOCK,
  slotBlocks,
  SLOTTED_PACK_LAYOUT,
  unpackFile,
  type Manifest,
  type SegmentInfo,
} from '../index-format';
import { IndexWriteError, IndexWriter, manifestId, packedSize } from './writer';

let dir = '';

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('packedSize', () => {
  it('is the size of the file IndexWriter writes for the same payload, so the bench floor measures files as stored', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'bns-writer-'));
    const payloads: Record<string, Uint8Array> = {
      // News-like text long enough that gzip's levels give different sizes.
      'a.bin': new TextEncoder().encode(
        Array.from(
          { length: 3000 },
          (_, i) => `${TERMS[(i * 7919) % TERMS.length]}${FIELDS[(i * 104729) % FIELDS.length]}${BANKS[(i * 31) % BANKS.length]!.name}，`,
        ).join(''),
      ),
      'b.bin': Uint8Array.from({ length: 5000 }, (_, i) => (i * 7919) % 251),
      'c.bin': new Uint8Array(0),
    };
    // The payload must tell gzip's levels apart, or this test could not catch a floor that compresses differently.
    expect(gzipSync(seal(payloads['a.bin']!)).length).not.toBe(packedSize(payloads['a.bin']!));
    const writer = await IndexWriter.open(dir);
    const segment = await writer.segment();
    for (const [name, bytes] of Object.entries(payloads)) await segment.add(name, bytes);
    const folder = path.join(dir, await segment.finish());
    expect((await readdir(folder)).sort()).toEqual(Object.keys(payloads));
    for (const [name, bytes] of Object.entries(payloads)) expect((await stat(path.join(folder, name))).size, name).toBe(packedSize(bytes));
  });
});

describe('SegmentWriter.addToPack', () => {
  it('writes a pack once every member is in, whatever order they finish in, each member the file it stands for', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'bns-pack-writer-'));
    try {
      const writer = await IndexWriter.open(root);
      const segment = await writer.segment();
      const payloads = [3, 0, 2, 1].map((i) => [i, new TextEncoder().encode(`member ${i} `.repeat(200 * (4 - i)))] as const);
      for (const [slot, bytes] of payloads) await segment.addToPack('x-pack-0.bin', slot, 4, `x-${slot}.bin`, bytes);
      const folder = path.join(root, await segment.finish());
      expect(await readdir(folder)).toEqual(['x-pack-0.bin']);
      const packBytes = new Uint8Array(await readFile(path.join(folder, 'x-pack-0.bin')));
      const offsets = decodePackHeader(packBytes.subarray(0, packHeaderLength(4)), 'x-pack-0.bin', 4);
      for (const [slot, bytes] of payloads) {
        const member = packBytes.subarray(offsets[slot]!, offsets[slot + 1]!);
        expect(member.length, `slot ${slot}`).toBe(packedSize(bytes));
        expect(await unpackFile(member, `x-${slot}.bin`)).toStrictEqual(bytes);
      }
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('refuses a slot outside the pack or taken twice, and a segment finished with a pack not full', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'bns-pack-writer-'));
    try {
      const writer = await IndexWriter.open(root);
      const segment = await writer.segment();
      const one = new Uint8Array([1]);
      await segment.addToPack('x-pack-0.bin', 0, 2, 'x-0.bin', one);
      await expect(segment.addToPack('x-pack-0.bin', 0, 2, 'x-0.bin', one)).rejects.toThrow(
        new RangeError('x-pack-0.bin: slot 0 of 2 is not a free slot of this pack of 2'),
      );
      await expect(segment.addToPack('x-pack-0.bin', 2, 2, 'x-2.bin', one)).rejects.toThrow(RangeError);
      await expect(segment.addToPack('x-pack-0.bin', 1, 3, 'x-1.bin', one)).rejects.toThrow(
        new RangeError('x-pack-0.bin: slot 1 of 3 is not a free slot of this pack of 2'),
      );
      await expect(segment.finish()).rejects.toThrow(`${root}: cannot write the new segment: packs x-pack-0.bin are missing members`);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  /** Payloads of a few blocks each once gzipped, for slots of different sizes. */
  const slottedPayloads = () => [3, 0, 2, 1].map((i) => [i, Uint8Array.from({ length: 150 * (i + 1) }, (_, k) => (k * 7919 + i * 104_729) % 251)] as const);

  it('writes a slotted pack, each slot holding its gzipped member, and tells each member’s stored length', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'bns-pack-writer-'));
    try {
      const writer = await IndexWriter.open(root);
      const segment = await writer.segment();
      const payloads = slottedPayloads();
      const stored = new Map<number, number>();
      for (const [slot, bytes] of payloads)
        await segment.addToPack('x-pack-0.bin', slot, 4, `x-${slot}.bin`, bytes, {
          layout: SLOTTED_PACK_LAYOUT,
          stored: (n) => {
            expect(stored.has(slot), `slot ${slot} told twice`).toBe(false);
            stored.set(slot, n);
          },
        });
      const folder = path.join(root, await segment.finish());
      expect(await readdir(folder)).toEqual(['x-pack-0.bin']);
      const packBytes = new Uint8Array(await readFile(path.join(folder, 'x-pack-0.bin')));
      const header = packBytes.subarray(0, packHeaderLength(4));
      expect(() => decodePackHeader(header, 'x-pack-0.bin', 4)).toThrow(new IndexFormatError('x-pack-0.bin', 'has pack layout 2, where layout 1 is expected'));
      const offsets = decodePackHeader(header, 'x-pack-0.bin', 4, SLOTTED_PACK_LAYOUT);
      expect(offsets[4]).toBe(packBytes.length);
      for (const [slot, bytes] of payloads) {
        const range = packBytes.subarray(offsets[slot]!, offsets[slot + 1]!);
        const member = memberOfSlot(range, `x-${slot}.bin`);
        // Told exactly what the slot holds: the member as stored, at the size packedSize gives.
        expect(stored.get(slot), `slot ${slot}`).toBe(member.length);
        expect(member.length, `slot ${slot}`).toBe(packedSize(bytes));
        expect(range.length, `slot ${slot}`).toBe(slotBlocks(member.length) * SLOT_BLOCK);
        expect(await unpackFile(member, `x-${slot}.bin`)).toStrictEqual(bytes);
      }
      // Members of several blocks, so the slots' sizes differ.
      expect(new Set(payloads.map(([slot]) => offsets[slot + 1]! - offsets[slot]!)).size).toBeGreaterThan(1);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('names the layout in the segment, so the same members packed otherwise make another folder', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'bns-pack-writer-'));
    try {
      const names: string[] = [];
      for (const layout of [PACK_LAYOUT, SLOTTED_PACK_LAYOUT, PACK_LAYOUT] as const) {
        const writer = await IndexWriter.open(root);
        const segment = await writer.segment();
        for (const [slot, bytes] of slottedPayloads()) await segment.addToPack('x-pack-0.bin', slot, 4, `x-${slot}.bin`, bytes, { layout });
        names.push(await segment.finish());
      }
      expect(names[1]).not.toBe(names[0]);
      expect(names[2]).toBe(names[0]);
      // The default is the plain layout.
      const writer = await IndexWriter.open(root);
      const segment = await writer.segment();
      for (const [slot, bytes] of slottedPayloads()) await segment.addToPack('x-pack-0.bin', slot, 4, `x-${slot}.bin`, bytes);
      expect(await segment.finish()).toBe(names[0]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('refuses a member of another layout than the pack’s first, and keeps its slot free', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'bns-pack-writer-'));
    try {
      const writer = await IndexWriter.open(root);
      const segment = await writer.segment();
      const one = new Uint8Array([1]);
      await segment.addToPack('x-pack-0.bin', 0, 2, 'x-0.bin', one, { layout: SLOTTED_PACK_LAYOUT });
      await expect(segment.addToPack('x-pack-0.bin', 1, 2, 'x-1.bin', one)).rejects.toThrow(
        new RangeError('x-pack-0.bin: a member of layout 1 in a pack of layout 2'),
      );
      await expect(segment.addToPack('x-pack-0.bin', 1, 2, 'x-1.bin', one, { layout: PACK_LAYOUT })).rejects.toThrow(
        new RangeError('x-pack-0.bin: a member of layout 1 in a pack of layout 2'),
      );
      await segment.addToPack('y-pack-0.bin', 0, 2, 'y-0.bin', one);
      await expect(segment.addToPack('y-pack-0.bin', 1, 2, 'y-1.bin', one, { layout: SLOTTED_PACK_LAYOUT })).rejects.toThrow(
        new RangeError('y-pack-0.bin: a member of layout 2 in a pack of layout 1'),
      );
      // The refused slots are still free for a member of the pack's layout.
      await segment.addToPack('x-pack-0.bin', 1, 2, 'x-1.bin', one, { layout: SLOTTED_PACK_LAYOUT });
      await segment.addToPack('y-pack-0.bin', 1, 2, 'y-1.bin', one);
      const folder = path.join(root, await segment.finish());
      expect((await readdir(folder)).sort()).toEqual(['x-pack-0.bin', 'y-pack-0.bin']);
      const x = new Uint8Array(await readFile(path.join(folder, 'x-pack-0.bin')));
      const y = new Uint8Array(await readFile(path.join(folder, 'y-pack-0.bin')));
      expect(decodePackHeader(x.subarray(0, packHeaderLength(2)), 'x-pack-0.bin', 2, SLOTTED_PACK_LAYOUT).length).toBe(3);
      expect(decodePackHeader(y.subarray(0, packHeaderLength(2)), 'y-pack-0.bin', 2, PACK_LAYOUT).length).toBe(3);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('SegmentWriter.settled', () => {
  it('waits for members still being compressed: none is stored when the adds return, all are once it resolves', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'bns-settled-'));
    try {
      const writer = await IndexWriter.open(root);
      const segment = await writer.segment();
      // Fewer files than are compressed at once, so no add waits for one: gzip answers on a later turn of
      // the event loop, and each add returns before any is compressed.
      const payloads = [0, 1, 2].map((i) => new TextEncoder().encode(`fragment ${i} `.repeat(300 * (i + 1))));
      const stored: (number | undefined)[] = [undefined, undefined, undefined];
      for (const [i, bytes] of payloads.entries())
        await segment.addToPack('f-pack-0.bin', i, 3, `f-${i}.bin`, bytes, { layout: SLOTTED_PACK_LAYOUT, stored: (n) => (stored[i] = n) });
      await segment.add('a.bin', payloads[0]!);
      expect(stored).toEqual([undefined, undefined, undefined]);
      expect(await readdir(segment.tmpDir)).toEqual([]);
      await segment.settled();
      expect(stored).toEqual(payloads.map((p) => packedSize(p)));
      // The full pack and the file are written, before finish.
      expect((await readdir(segment.tmpDir)).sort()).toEqual(['a.bin', 'f-pack-0.bin']);
      const pack = new Uint8Array(await readFile(path.join(segment.tmpDir, 'f-pack-0.bin')));
      const offsets = decodePackHeader(pack.subarray(0, packHeaderLength(3)), 'f-pack-0.bin', 3, SLOTTED_PACK_LAYOUT);
      for (let k = 0; k < 3; k++) expect(memberOfSlot(pack.subarray(offsets[k]!, offsets[k + 1]!), `f-${k}.bin`).length).toBe(stored[k]);
      // Settling again, with nothing added, changes nothing; the segment still finishes.
      await segment.settled();
      expect(await segment.finish()).toMatch(/^g-[0-9a-f]{14}$/);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('resolves once every member is stored when more are added than are compressed at once', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'bns-settled-'));
    try {
      const writer = await IndexWriter.open(root);
      const segment = await writer.segment();
      const count = 40;
      const payloads = Array.from({ length: count }, (_, i) => new TextEncoder().encode(`fragment ${i} `.repeat(100 + 37 * i)));
      const stored = new Uint32Array(count);
      // Packs of 16, 16 and 8 members.
      for (const [i, bytes] of payloads.entries())
        await segment.addToPack(`f-pack-${Math.floor(i / 16)}.bin`, i % 16, i < 32 ? 16 : count - 32, `f-${i}.bin`, bytes, {
          layout: SLOTTED_PACK_LAYOUT,
          stored: (n) => (stored[i] = n),
        });
      await segment.settled();
      expect([...stored]).toEqual(payloads.map((p) => packedSize(p)));
      expect((await readdir(segment.tmpDir)).sort()).toEqual(['f-pack-0.bin', 'f-pack-1.bin', 'f-pack-2.bin']);
      await segment.abort();
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('rejects with IndexWriteError when a file could not be written, after the members were stored', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'bns-settled-'));
    try {
      const writer = await IndexWriter.open(root);
      const segment = await writer.segment();
      const stored: number[] = [];
      const one = new TextEncoder().encode('甲');
      await segment.addToPack('x-pack-0.bin', 0, 2, 'x-0.bin', one, { layout: SLOTTED_PACK_LAYOUT, stored: (n) => stored.push(n) });
      await segment.settled();
      // The folder goes away, so the pack cannot be written once its last member is in.
      await rm(segment.tmpDir, { recursive: true, force: true });
      await segment.addToPack('x-pack-0.bin', 1, 2, 'x-1.bin', one, { layout: SLOTTED_PACK_LAYOUT, stored: (n) => stored.push(n) });
      const e = await segment.settled().then(
        () => null,
        (err: unknown) => err,
      );
      expect(e).toBeInstanceOf(IndexWriteError);
      expect((e as IndexWriteError).outDir).toBe(root);
      expect((e as IndexWriteError).message.startsWith(`${root}: cannot write the new segment: ENOENT`), (e as Error).message).toBe(true);
      expect(((e as IndexWriteError).cause as NodeJS.ErrnoException).code).toBe('ENOENT');
      expect(stored).toEqual([packedSize(one), packedSize(one)]);
      // The failure stays: finish reports it too.
      await expect(segment.finish()).rejects.toThrow(IndexWriteError);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('IndexWriter', () => {
  const draft = (segments: Manifest['segments'], order: string | null = null): Omit<Manifest, 'buildId'> => ({
    format: FORMAT_NAME,
    version: FORMAT_VERSION,
    builtAt: '2026-01-01T00:00:00Z',
    docCount: segments.reduce((n, g) => n + g.docCount - (g.deleted?.count ?? 0), 0),
    avgLength: 1,
    segments,
    order,
    chars: { count: 0 },
    banks: [],
    examples: [],
    home: null,
    suggest: [],
    readings: [],
    wordFacets: [],
  });
  const info = (generation: string, docCount: number, deleted: SegmentInfo['deleted'] = null): SegmentInfo => ({
    generation,
    docCount,
    shards: { count: 1 },
    positions: { count: 1 },
    fragments: { groupSize: 1, count: docCount },
    ids: { count: 1 },
    deleted,
  });

  it('names segments and root files by their content, so writing the same again changes nothing', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'bns-writer-'));
    try {
      const names: string[] = [];
      for (let k = 0; k < 2; k++) {
        const writer = await IndexWriter.open(root);
        const segment = await writer.segment();
        await segment.add('a.bin', new TextEncoder().encode('甲'));
        names.push(await segment.finish());
        names.push(await writer.rootFile(deletedFile, encodeDeleted([0])));
        await writer.abort();
      }
      expect(names[0]).toMatch(/^g-[0-9a-f]{14}$/);
      expect(names[1]).toMatch(/^del-[0-9a-f]{14}\.bin$/);
      expect(names.slice(2)).toEqual(names.slice(0, 2));
      // Nothing temporary is left behind.
      expect((await readdir(root)).sort()).toEqual([names[0], names[1]].sort());
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('keeps what the new manifest, the one it replaces and the kept ones read, and removes the rest', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'bns-writer-'));
    try {
      const manifests: Manifest[] = [];
      for (let k = 0; k < 4; k++) {
        const writer = await IndexWriter.open(root);
        const segment = await writer.segment();
        await segment.add('a.bin', new TextEncoder().encode(`第${k}版`));
        const generation = await segment.finish();
        const del = await writer.rootFile(deletedFile, encodeDeleted([k]));
        // Each manifest reads its own segment, with one document deleted, and nothing else.
        manifests.push(await writer.commit(draft([info(generation, 10, { count: 1, file: del })]), manifests.slice(-2, -1)));
        const served = parseManifest(await readFile(path.join(root, MANIFEST_FILE), 'utf8'));
        expect(served).toEqual(manifests[k]);
      }
      // The last three manifests' files stay: the current, the one it replaced, and the one kept.
      const expected = manifests.slice(-3).flatMap((m) => [m.segments[0]!.generation, m.segments[0]!.deleted!.file]);
      expect((await readdir(root)).filter((e) => e !== MANIFEST_FILE).sort()).toEqual(expected.sort());
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('gives a manifest the same id for the same index, and another for another', () => {
    const a = draft([info('g-00000000000001', 3)]);
    expect(manifestId(a)).toBe(manifestId({ ...a, builtAt: '2030-01-01T00:00:00Z' }));
    expect(manifestId(a)).not.toBe(manifestId(draft([info('g-00000000000002', 3)])));
    expect(manifestId(a)).not.toBe(manifestId(draft([info('g-00000000000001', 3, { count: 1, file: 'del-00000000000000.bin' })])));
  });
});
