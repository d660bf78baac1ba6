import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { BenchStepError, errorMessage } from './errors';
import { idFromPagefindUrl } from './pagefind-index';

/** Count, total size and largest size of a set of files. */
export interface FileTotals {
  files: number;
  bytes: number;
  largest: number;
}

/** Every regular file under `dir`, recursively, as paths relative to it (posix separators). */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    for (const e of await readdir(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(r);
      else if (e.isFile()) out.push(r);
    }
  };
  await walk('');
  return out.sort();
}

/** Files under `dir` that `keep` accepts, counted and summed. */
export async function totals(dir: string, keep: (rel: string) => boolean = () => true): Promise<FileTotals> {
  let files = 0;
  let bytes = 0;
  let largest = 0;
  for (const rel of await listFiles(dir)) {
    if (!keep(rel)) continue;
    files++;
    const size = (await stat(path.join(dir, rel))).size;
    bytes += size;
    largest = Math.max(largest, size);
  }
  return { files, bytes, largest };
}

/**
 * Pagefind's index files in its bundle folder: the entry file, metadata, word index chunks, filter chunks
 * and fragments. Its JavaScript, WebAssembly and UI bundles are code, like our own JavaScript bundle,
 * and are not counted.
 */
export function isPagefindIndexFile(rel: string): boolean {
  return rel === 'pagefind-entry.json' || /\.pf_(meta|index|filter|fragment)$/.test(rel);
}

/** Pagefind's files a browser fetches only to start the engine (before any query). */
export function isPagefindInitFile(rel: string): boolean {
  return /(^|\/)(pagefind\.js|pagefind-worker\.js|pagefind-entry\.json|wasm\.[^/]*\.pagefind|pagefind\.[^/]*\.pf_meta)$/.test(rel);
}

/** Pagefind's files holding search data a query may fetch: word index chunks, filter chunks, fragments. */
export function isPagefindQueryFile(rel: string): boolean {
  return /\.pf_(index|filter|fragment)$/.test(rel);
}

/** Decodes one of Pagefind's data files: gzip, then a `pagefind_dcd` signature before the payload. */
function pagefindPayload(bytes: Uint8Array, file: string): string {
  const raw = gunzipSync(bytes);
  const sig = 'pagefind_dcd';
  const text = raw.toString('utf8');
  if (!text.startsWith(sig)) throw new BenchStepError('read pagefind fragment', file, 'no pagefind_dcd signature');
  return text.slice(sig.length);
}

/**
 * Maps each Pagefind page hash (a result's `id`) to our article id, from the fragments on disk: a
 * fragment names its record's URL, which carries our id. Grouped fragment files (Pagefind bundles them
 * when there are very many pages) are objects keyed by page hash.
 * @throws {@link BenchStepError} naming a fragment that cannot be read.
 */
export async function readPagefindIds(bundleDir: string): Promise<Map<string, string>> {
  const dir = path.join(bundleDir, 'fragment');
  const ids = new Map<string, string>();
  for (const name of await readdir(dir)) {
    if (!name.endsWith('.pf_fragment')) continue;
    const file = path.join(dir, name);
    let json: unknown;
    try {
      json = JSON.parse(pagefindPayload(await readFile(file), file));
    } catch (e) {
      throw new BenchStepError('read pagefind fragment', file, errorMessage(e), { cause: e });
    }
    const add = (hash: string, f: unknown) => {
      const url = typeof f === 'object' && f !== null ? (f as { url?: unknown }).url : undefined;
      const id = typeof url === 'string' ? idFromPagefindUrl(url) : null;
      if (id !== null) ids.set(hash, id);
    };
    if (typeof json === 'object' && json !== null && 'url' in json) add(name.slice(0, -'.pf_fragment'.length), json);
    else if (typeof json === 'object' && json !== null) for (const [hash, f] of Object.entries(json)) add(hash, f);
  }
  return ids;
}
