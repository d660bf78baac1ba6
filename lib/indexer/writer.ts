import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { contentHash, MANIFEST_FILE, parseManifest, type Manifest } from '../index-format';

/** Writing the index failed; the index already in `outDir` is untouched. */
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

/** Names every file the manifest references. */
export function referencedFiles(m: Manifest): string[] {
  const names = [...m.shards.files, m.columns, ...m.fragments.files, ...m.ids.files, m.charTable];
  return names.filter((n): n is string => typeof n === 'string');
}

async function readManifestIfAny(outDir: string): Promise<Manifest | null> {
  try {
    return parseManifest(await readFile(path.join(outDir, MANIFEST_FILE), 'utf8'), path.join(outDir, MANIFEST_FILE));
  } catch {
    return null;
  }
}

/**
 * Writes a new index generation beside the one being served and swaps it in with one atomic rename.
 *
 * Every file except the manifest is named by its content hash, so new files never overwrite old ones:
 * they are written into a temporary folder, moved into `outDir` (new names only), and only then is the
 * manifest renamed over the old one. A build that fails or is killed at any point leaves the old manifest
 * and all its files in place; the next build clears the leftovers. Files of the previous generation are
 * kept one more build, for readers whose page loaded the old manifest a moment ago.
 */
export class IndexWriter {
  readonly tmpDir: string;
  private readonly names = new Set<string>();
  bytes = 0;

  private constructor(readonly outDir: string) {
    this.tmpDir = path.join(path.dirname(outDir), `.${path.basename(outDir)}.tmp-${process.pid}-${Date.now().toString(36)}`);
  }

  /** Creates the temporary folder and removes leftovers of builds that were killed. */
  static async open(outDir: string): Promise<IndexWriter> {
    const w = new IndexWriter(path.resolve(outDir));
    const parent = path.dirname(w.outDir);
    try {
      await mkdir(parent, { recursive: true });
      const prefix = `.${path.basename(w.outDir)}.tmp-`;
      for (const entry of await readdir(parent)) {
        if (entry.startsWith(prefix)) await rm(path.join(parent, entry), { recursive: true, force: true });
      }
      await mkdir(w.tmpDir, { recursive: true });
    } catch (e) {
      throw new IndexWriteError(w.outDir, `cannot prepare the temporary folder: ${(e as Error).message}`, { cause: e });
    }
    return w;
  }

  /** Writes one immutable file named `<stem>.<hash>.<ext>` and returns its name. */
  async add(stem: string, ext: string, bytes: Uint8Array): Promise<string> {
    const name = `${stem}.${contentHash(bytes)}.${ext}`;
    if (this.names.has(name)) return name;
    this.names.add(name);
    this.bytes += bytes.length;
    await writeFile(path.join(this.tmpDir, name), bytes);
    return name;
  }

  get fileCount(): number {
    return this.names.size;
  }

  /** Moves the files in, then swaps the manifest in atomically, then prunes generations older than the previous one. */
  async commit(manifest: Manifest): Promise<void> {
    const missing = referencedFiles(manifest).filter((n) => !this.names.has(n));
    if (missing.length > 0) throw new IndexWriteError(this.outDir, `the manifest names files that were not written: ${missing.slice(0, 3).join(', ')}`);
    try {
      await mkdir(this.outDir, { recursive: true });
      const previous = await readManifestIfAny(this.outDir);
      for (const name of this.names) {
        const target = path.join(this.outDir, name);
        const exists = await stat(target).then(
          () => true,
          () => false,
        );
        if (exists) continue;
        await rename(path.join(this.tmpDir, name), target);
      }
      const tmpManifest = path.join(this.tmpDir, MANIFEST_FILE);
      await writeFile(tmpManifest, JSON.stringify(manifest));
      await rename(tmpManifest, path.join(this.outDir, MANIFEST_FILE));
      const keep = new Set([MANIFEST_FILE, ...this.names, ...(previous ? referencedFiles(previous) : [])]);
      for (const entry of await readdir(this.outDir)) {
        if (!keep.has(entry) && /\.[0-9a-f]{14}\.[a-z]+$/.test(entry)) await rm(path.join(this.outDir, entry), { force: true });
      }
    } catch (e) {
      throw new IndexWriteError(this.outDir, `cannot swap the new index in: ${(e as Error).message}`, { cause: e });
    } finally {
      await this.abort();
    }
  }

  /** Removes the temporary folder; the served index is untouched. */
  async abort(): Promise<void> {
    await rm(this.tmpDir, { recursive: true, force: true });
  }
}
