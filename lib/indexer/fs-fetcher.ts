import { open, readFile } from 'node:fs/promises';
import path from 'node:path';
import pLimit from 'p-limit';
import { MANIFEST_FILE, type Manifest } from '../index-format';
import type { Fetcher } from '../search';

/** Options of {@link fsFetcher}. */
export interface FsFetcherOptions {
  /**
   * Files open at once. A caller that asks for every hit's text reads one pack range per document, all at
   * once: at 100,000 articles that is more handles than a process may hold (EMFILE).
   */
  maxOpenFiles: number;
}

export const DEFAULT_FS_FETCHER_OPTIONS: FsFetcherOptions = { maxOpenFiles: 64 };

/**
 * Reads index files from a folder on disk, for the CLI and tests: the same loader code as over HTTP, a
 * range read as a Range request reads it. Given `manifest`, answers `manifest.json` with it instead of the
 * file: an index about to be published, whose other files the writer has already put in `dir`.
 */
export function fsFetcher(dir: string, manifest?: Manifest, options: Partial<FsFetcherOptions> = {}): Fetcher {
  const { maxOpenFiles } = { ...DEFAULT_FS_FETCHER_OPTIONS, ...options };
  const limit = pLimit(maxOpenFiles);
  const manifestBytes = manifest ? new TextEncoder().encode(JSON.stringify(manifest)) : null;
  return async (name, range) => {
    if (manifestBytes && name === MANIFEST_FILE) return manifestBytes;
    const file = path.join(dir, name);
    return limit(async () => {
      if (!range) return new Uint8Array(await readFile(file));
      const handle = await open(file, 'r');
      try {
        const out = new Uint8Array(Math.max(0, range.end - range.start));
        const { bytesRead } = await handle.read(out, 0, out.length, range.start);
        return out.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    });
  };
}
