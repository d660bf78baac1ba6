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
  MANIFEST_FILE,
  packHeaderLength,
  parseManifest,
  seal,
  unpackFile,
  type Manifest,
  type SegmentInfo,
} from '../index-format';
import { IndexWriter, manifestId, packedSize } from './writer';

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
