import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { constants, gzip, gzipSync } from 'node:zlib';
import { contentHash, generationDir, MANIFEST_FILE, parseManifest, seal, sealedHash, type Manifest } from '../index-format';

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

async function readManifestIfAny(outDir: string): Promise<Manifest | null> {
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

/**
 * Writes a new build beside the one being served and swaps it in with one atomic rename.
 *
 * Files are sealed (content-hash trailer), gzipped and written into a temporary folder inside `outDir`; at commit
 * the folder is renamed to the build's generation folder `g-<buildId>`, and only then is the manifest
 * renamed over the old one. A build that fails or is killed at any point leaves the old manifest and its
 * generation folder serving; the next build removes the leftovers. The previous generation is kept one
 * more build, for readers whose page loaded the old manifest a moment ago.
 */
export class IndexWriter {
  readonly tmpDir: string;
  private readonly hashes: string[] = [];
  /** Bytes written so far. */
  bytes = 0;
  /** Files written so far. */
  files = 0;

  private constructor(readonly outDir: string) {
    this.tmpDir = path.join(outDir, `${TMP_PREFIX}${process.pid}-${Date.now().toString(36)}`);
  }

  /** Creates the temporary folder and removes leftovers of builds that were killed. */
  static async open(outDir: string): Promise<IndexWriter> {
    const w = new IndexWriter(path.resolve(outDir));
    try {
      await mkdir(w.outDir, { recursive: true });
      for (const entry of await readdir(w.outDir)) {
        if (entry.startsWith(TMP_PREFIX)) await rm(path.join(w.outDir, entry), { recursive: true, force: true });
      }
      await mkdir(w.tmpDir);
    } catch (e) {
      throw new IndexWriteError(w.outDir, `cannot prepare the temporary folder: ${(e as Error).message}`, { cause: e });
    }
    return w;
  }

  private readonly inFlight = new Set<Promise<void>>();

  /**
   * Seals, gzips (as `packFile` does, at the highest level) and writes one file of the build. Returns once
   * the file is queued; fewer than {@link IN_FLIGHT} are compressed at a time, and a failure surfaces
   * from a later `add` or from `commit`.
   */
  async add(name: string, payload: Uint8Array): Promise<void> {
    const sealed = seal(payload);
    this.hashes.push(`${name}:${sealedHash(sealed)}`);
    const task = (async () => {
      const packed = await gzipAsync(sealed, GZIP);
      await writeFile(path.join(this.tmpDir, name), packed);
      this.bytes += packed.length;
      this.files++;
    })();
    this.inFlight.add(task);
    // Settled tasks leave the set; a rejection is raised by the race below or by flush, never unhandled.
    task.then(
      () => this.inFlight.delete(task),
      () => {},
    );
    if (this.inFlight.size >= IN_FLIGHT) await Promise.race(this.inFlight);
  }

  /** Waits for every queued file; throws the first failure. */
  private async flush(): Promise<void> {
    await Promise.all(this.inFlight);
  }

  /**
   * Moves the build into its generation folder, swaps the manifest in atomically, and prunes generations
   * older than the previous one. Returns the manifest as written.
   */
  async commit(draft: Omit<Manifest, 'buildId' | 'generation'>): Promise<Manifest> {
    try {
      await this.flush();
    } catch (e) {
      throw new IndexWriteError(this.outDir, `cannot write the new index: ${(e as Error).message}`, { cause: e });
    }
    const buildId = contentHash(new TextEncoder().encode(this.hashes.sort().join('\n')));
    const generation = generationDir(buildId);
    const manifest: Manifest = { ...draft, buildId, generation };
    try {
      const previous = await readManifestIfAny(this.outDir);
      const target = path.join(this.outDir, generation);
      const exists = await stat(target).then(
        () => true,
        () => false,
      );
      if (exists) await rm(this.tmpDir, { recursive: true, force: true });
      else await rename(this.tmpDir, target);
      const tmpManifest = path.join(this.outDir, `${TMP_PREFIX}manifest-${process.pid}.json`);
      const json = new TextEncoder().encode(JSON.stringify(manifest));
      await writeFile(tmpManifest, json);
      this.bytes += json.length;
      this.files++;
      await rename(tmpManifest, path.join(this.outDir, MANIFEST_FILE));
      const keep = new Set([generation, previous?.generation]);
      for (const entry of await readdir(this.outDir)) {
        if (entry.startsWith('g-') && !keep.has(entry)) await rm(path.join(this.outDir, entry), { recursive: true, force: true });
      }
    } catch (e) {
      throw new IndexWriteError(this.outDir, `cannot swap the new index in: ${(e as Error).message}`, { cause: e });
    } finally {
      await this.abort();
    }
    return manifest;
  }

  /** Removes the temporary folder; the served index is untouched. */
  async abort(): Promise<void> {
    await Promise.allSettled(this.inFlight);
    await rm(this.tmpDir, { recursive: true, force: true });
  }
}
