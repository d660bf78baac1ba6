import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { constants, gzip, gzipSync } from 'node:zlib';
import {
  contentHash,
  encodePack,
  generationDir,
  PACK_LAYOUT,
  isContentNamed,
  MANIFEST_FILE,
  parseManifest,
  seal,
  sealedHash,
  type Manifest,
  type PackLayout,
} from '../index-format';

/** Writing the index failed; the index already in `outDir` is untouched. @public */
export class IndexWriteError extends Error {
  constructor(
    readonly outDir: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${outDir}: ${reason}`, options);
    this.name = 'IndexWriteError';
  }
}

/** The manifest in `outDir`, or null when there is none or it does not read. */
export async function readManifestIfAny(outDir: string): Promise<Manifest | null> {
  try {
    return parseManifest(await readFile(path.join(outDir, MANIFEST_FILE), 'utf8'), path.join(outDir, MANIFEST_FILE));
  } catch {
    return null;
  }
}

const TMP_PREFIX = '.tmp-';
const gzipAsync = promisify(gzip);
/** How every file of a generation is compressed: once, for every reader, so at the highest level. */
const GZIP = { level: constants.Z_BEST_COMPRESSION };

/** The size of `payload` as a file of a generation on disk: sealed, then gzipped as {@link IndexWriter} writes it. */
export function packedSize(payload: Uint8Array): number {
  return gzipSync(seal(payload), GZIP).length;
}
/** Files compressed and written at once: zlib runs them on libuv's thread pool, beside the build's own thread. */
const IN_FLIGHT = 8;

/** The id of the manifest `draft` becomes: a hash of everything it reads, so the same index gets the same id. */
export function manifestId(draft: Omit<Manifest, 'buildId'>): string {
  return contentHash(new TextEncoder().encode(JSON.stringify([draft.segments, draft.order, draft.chars, draft.docCount, draft.avgLength, draft.examples])));
}

/** Every file and folder of the index root that `manifest` reads. */
export function filesOf(manifest: Manifest): string[] {
  return [
    ...manifest.segments.flatMap((g) => [g.generation, ...(g.deleted ? [g.deleted.file] : [])]),
    ...(manifest.order ? [manifest.order] : []),
    ...(manifest.home ? [manifest.home] : []),
    ...manifest.suggest,
    ...manifest.readings,
    ...manifest.wordFacets,
  ];
}

/**
 * One segment being written: files are sealed (content-hash trailer), gzipped and written into a temporary
 * folder; {@link SegmentWriter.finish} renames it to `g-<content hash>`, where it never changes again.
 */
export class SegmentWriter {
  private readonly hashes: string[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  /** Packs still waiting for members, by file name. */
  private readonly packs = new Map<string, { members: (Uint8Array | undefined)[]; added: Set<number>; done: number; layout: PackLayout }>();
  /** Bytes written so far. */
  bytes = 0;
  /** Files written so far. */
  files = 0;

  constructor(
    private readonly outDir: string,
    readonly tmpDir: string,
  ) {}

  /**
   * Seals, gzips (as `packFile` does, at the highest level) and writes one file of the segment. Returns once
   * the file is queued; fewer than {@link IN_FLIGHT} are compressed at a time, and a failure surfaces
   * from a later `add` or from `finish`.
   */
  async add(name: string, payload: Uint8Array): Promise<void> {
    await this.queue(name, payload, (packed) => this.write(name, packed));
  }

  /**
   * Seals and gzips `payload`, the file `name`, as member `slot` of the pack file `pack` of `members`
   * members in `layout` (see pack.ts); the pack is written once its last member is in, and `stored` hears
   * the member's stored length. The segment's hash names the member with its pack, and the pack's layout
   * and size, so a segment packed otherwise gets another folder.
   */
  async addToPack(
    pack: string,
    slot: number,
    members: number,
    name: string,
    payload: Uint8Array,
    { layout = PACK_LAYOUT, stored }: { layout?: PackLayout; stored?: (bytes: number) => void } = {},
  ): Promise<void> {
    let open = this.packs.get(pack);
    if (!open) {
      open = { members: new Array<Uint8Array | undefined>(members), added: new Set(), done: 0, layout };
      this.packs.set(pack, open);
      this.hashes.push(`${pack}:layout ${layout}, ${members} members`);
    }
    const filling = open;
    if (!Number.isInteger(slot) || slot < 0 || slot >= members || filling.members.length !== members || filling.added.has(slot))
      throw new RangeError(`${pack}: slot ${slot} of ${members} is not a free slot of this pack of ${filling.members.length}`);
    if (filling.layout !== layout) throw new RangeError(`${pack}: a member of layout ${layout} in a pack of layout ${filling.layout}`);
    filling.added.add(slot);
    await this.queue(`${name}@${pack}`, payload, async (packed) => {
      filling.members[slot] = packed;
      stored?.(packed.length);
      if (++filling.done < members) return;
      this.packs.delete(pack);
      await this.write(pack, encodePack(filling.members as Uint8Array[], layout));
    });
  }

  /** Waits until every file added so far is compressed (and every pack whose members are all in, written). */
  async settled(): Promise<void> {
    try {
      await Promise.all(this.inFlight);
    } catch (e) {
      throw new IndexWriteError(this.outDir, `cannot write the new segment: ${(e as Error).message}`, { cause: e });
    }
  }

  private async write(name: string, bytes: Uint8Array): Promise<void> {
    await writeFile(path.join(this.tmpDir, name), bytes);
    this.bytes += bytes.length;
    this.files++;
  }

  private async queue(name: string, payload: Uint8Array, store: (packed: Uint8Array) => Promise<void>): Promise<void> {
    const sealed = seal(payload);
    this.hashes.push(`${name}:${sealedHash(sealed)}`);
    const task = (async () => store(await gzipAsync(sealed, GZIP)))();
    this.inFlight.add(task);
    // Settled tasks leave the set; a rejection is raised by the race below or by finish, never unhandled.
    task.then(
      () => this.inFlight.delete(task),
      () => {},
    );
    if (this.inFlight.size >= IN_FLIGHT) await Promise.race(this.inFlight);
  }

  /** Waits for every file, then moves the folder to its name; returns that name. Rebuilding the same segment gives the same folder. */
  async finish(): Promise<string> {
    await this.settled();
    const unfilled = [...this.packs.keys()];
    if (unfilled.length) throw new IndexWriteError(this.outDir, `cannot write the new segment: packs ${unfilled.join(', ')} are missing members`);
    const generation = generationDir(contentHash(new TextEncoder().encode(this.hashes.sort().join('\n'))));
    const target = path.join(this.outDir, generation);
    try {
      if (await sameFiles(this.tmpDir, target)) await rm(this.tmpDir, { recursive: true, force: true });
      else {
        if (await exists(target)) await rm(target, { recursive: true, force: true });
        await rename(this.tmpDir, target);
      }
    } catch (e) {
      throw new IndexWriteError(this.outDir, `cannot move the new segment into place: ${(e as Error).message}`, { cause: e });
    }
    return generation;
  }

  /** Stops writing and removes the temporary folder. */
  async abort(): Promise<void> {
    await Promise.allSettled(this.inFlight);
    await rm(this.tmpDir, { recursive: true, force: true });
  }
}

/** Whether folder `b` holds exactly the files of folder `a`, at the same sizes (a folder half copied or half removed does not). */
export async function sameFiles(a: string, b: string): Promise<boolean> {
  const list = async (d: string) => {
    const names = (await readdir(d).catch(() => null))?.sort();
    return names ? Promise.all(names.map(async (n) => `${n}:${(await stat(path.join(d, n))).size}`)) : null;
  };
  const [x, y] = await Promise.all([list(a), list(b)]);
  return x !== null && y !== null && x.join('/') === y.join('/');
}

const exists = (p: string) =>
  stat(p).then(
    () => true,
    () => false,
  );

/**
 * Writes new segments and root files beside those being served, then swaps a new manifest in with one
 * atomic rename. Nothing served is ever overwritten: segment folders and root files are named by their
 * content. A build that fails or is killed at any point leaves the old manifest and everything it reads
 * serving; the next run removes the leftovers. The files of the two manifests before the new one are kept
 * (see {@link IndexWriter.commit}), for readers whose page loaded one of them a moment ago.
 */
export class IndexWriter {
  private readonly segments: SegmentWriter[] = [];
  private tmpCount = 0;
  /** Bytes written so far, the manifest included once committed. */
  get bytes(): number {
    return this.segments.reduce((n, w) => n + w.bytes, this.rootBytes);
  }
  /** Files written so far. */
  get files(): number {
    return this.segments.reduce((n, w) => n + w.files, this.rootFiles);
  }
  private rootBytes = 0;
  private rootFiles = 0;

  private constructor(readonly outDir: string) {}

  /** Creates `outDir` when needed and removes leftovers of runs that were killed. */
  static async open(outDir: string): Promise<IndexWriter> {
    const w = new IndexWriter(path.resolve(outDir));
    try {
      await mkdir(w.outDir, { recursive: true });
      for (const entry of await readdir(w.outDir)) {
        if (entry.startsWith(TMP_PREFIX)) await rm(path.join(w.outDir, entry), { recursive: true, force: true });
      }
    } catch (e) {
      throw new IndexWriteError(w.outDir, `cannot prepare the index folder: ${(e as Error).message}`, { cause: e });
    }
    return w;
  }

  private tmpName(what: string): string {
    return path.join(this.outDir, `${TMP_PREFIX}${what}-${process.pid}-${Date.now().toString(36)}-${this.tmpCount++}`);
  }

  /** Starts a new segment in a temporary folder. */
  async segment(): Promise<SegmentWriter> {
    const dir = this.tmpName('segment');
    try {
      await mkdir(dir);
    } catch (e) {
      throw new IndexWriteError(this.outDir, `cannot create a temporary folder: ${(e as Error).message}`, { cause: e });
    }
    const w = new SegmentWriter(this.outDir, dir);
    this.segments.push(w);
    return w;
  }

  /** Writes a root file named by `name(content hash)`, unless one with that content is there; returns its name. */
  async rootFile(name: (hash: string) => string, payload: Uint8Array): Promise<string> {
    const sealed = seal(payload);
    const file = name(sealedHash(sealed)!);
    const target = path.join(this.outDir, file);
    try {
      if (await exists(target)) return file;
      const packed = await gzipAsync(sealed, GZIP);
      const tmp = this.tmpName('file');
      await writeFile(tmp, packed);
      await rename(tmp, target);
      this.rootBytes += packed.length;
      this.rootFiles++;
    } catch (e) {
      throw new IndexWriteError(this.outDir, `cannot write ${file}: ${(e as Error).message}`, { cause: e });
    }
    return file;
  }

  /**
   * Swaps the manifest in atomically, then removes what neither it, the manifest it replaces, nor `keep`
   * (older manifests still worth serving) reads. Returns the manifest as written.
   */
  async commit(draft: Omit<Manifest, 'buildId'>, keep: readonly Manifest[] = []): Promise<Manifest> {
    const manifest: Manifest = { ...draft, buildId: manifestId(draft) };
    try {
      const previous = await readManifestIfAny(this.outDir);
      const tmpManifest = this.tmpName('manifest');
      const json = new TextEncoder().encode(JSON.stringify(manifest));
      await writeFile(tmpManifest, json);
      this.rootBytes += json.length;
      this.rootFiles++;
      await rename(tmpManifest, path.join(this.outDir, MANIFEST_FILE));
      const kept = new Set([manifest, ...(previous ? [previous] : []), ...keep].flatMap(filesOf));
      for (const entry of await readdir(this.outDir)) {
        if (!isContentNamed(entry) || kept.has(entry)) continue;
        // Out of its name first, so that a run killed while removing it leaves a leftover, never a half folder under a segment's name.
        const doomed = this.tmpName('old');
        await rename(path.join(this.outDir, entry), doomed);
        await rm(doomed, { recursive: true, force: true });
      }
    } catch (e) {
      throw new IndexWriteError(this.outDir, `cannot swap the new index in: ${(e as Error).message}`, { cause: e });
    } finally {
      await this.abort();
    }
    return manifest;
  }

  /** Removes every temporary folder of this run; the served index is untouched. */
  async abort(): Promise<void> {
    await Promise.allSettled(this.segments.map((w) => w.abort()));
  }
}
