import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BANKS, FIELDS, TERMS } from '../corpus';
import { gzipSync } from 'node:zlib';
import { FORMAT_NAME, FORMAT_VERSION, seal } from '../index-format';
import { IndexWriter, packedSize } from './writer';

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
    for (const [name, bytes] of Object.entries(payloads)) await writer.add(name, bytes);
    const manifest = await writer.commit({
      format: FORMAT_NAME,
      version: FORMAT_VERSION,
      builtAt: '2026-01-01T00:00:00Z',
      docCount: 0,
      avgLength: 0,
      shards: { count: 1 },
      positions: { count: 1 },
      fragments: { groupSize: 1, count: 0 },
      ids: { count: 1 },
      chars: { count: 0 },
      banks: [],
      examples: [],
    });
    const folder = path.join(dir, manifest.generation);
    expect((await readdir(folder)).sort()).toEqual(Object.keys(payloads));
    for (const [name, bytes] of Object.entries(payloads)) expect((await stat(path.join(folder, name))).size, name).toBe(packedSize(bytes));
  });
});
