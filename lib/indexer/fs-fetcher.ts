import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** Reads index files from a folder on disk, for the CLI and tests: the same loader code as over HTTP. */
export function fsFetcher(dir: string): (name: string) => Promise<Uint8Array> {
  return async (name) => new Uint8Array(await readFile(path.join(dir, name)));
}
