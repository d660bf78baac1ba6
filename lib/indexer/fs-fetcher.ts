import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { MANIFEST_FILE, type Manifest } from '../index-format';

/**
 * Reads index files from a folder on disk, for the CLI and tests: the same loader code as over HTTP. Given
 * `manifest`, answers `manifest.json` with it instead of the file: an index about to be published, whose
 * other files the writer has already put in `dir`.
 */
export function fsFetcher(dir: string, manifest?: Manifest): (name: string) => Promise<Uint8Array> {
  const manifestBytes = manifest ? new TextEncoder().encode(JSON.stringify(manifest)) : null;
  return async (name) => (manifestBytes && name === MANIFEST_FILE ? manifestBytes : new Uint8Array(await readFile(path.join(dir, name))));
}
