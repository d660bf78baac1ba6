import { mkdir, open, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import type { ClusterSketch } from '../ingest';
import { FORMAT_VERSION, type Manifest } from '../index-format';

/**
 * What an update needs to know about the index it updates, kept beside it and never served: each
 * document's source file and content hash, where it lives (segment and number), and what clustering and
 * BM25 need of it without reading it again. One file per manifest, `state-<buildId>.json.gz`, written
 * before that manifest is published, so whatever moment a run is killed at, the manifest being served
 * has its state.
 */

/** Layout of the state file; a state of another layout is ignored (the next run rebuilds in full). */
export const STATE_LAYOUT = 1;

/** One document of the index as the update remembers it. */
export interface StateDoc {
  /** The source file's absolute path: what identifies it from one run to the next. */
  file: string;
  /** Content hash of the file's bytes. */
  hash: string;
  id: string;
  path: string;
  title: string;
  date: string | null;
  source: string | null;
  banks: string[];
  provinces: string[];
  link: string | null;
  cluster: string | null;
  /** Folded length, exactly, for the mean length BM25 needs. */
  length: number;
  /** The words of 3 to 5 characters the segmenter cut in it: candidates for the manifest's examples. */
  words: string[];
  sketch: ClusterSketch;
}

/** The documents of one segment, by their number in it; null for a deleted one. */
export interface StateSegment {
  generation: string;
  docs: (StateDoc | null)[];
}

export interface IndexState {
  layout: number;
  format: number;
  /** The manifest this state describes. */
  buildId: string;
  /** What makes two runs build different indexes from the same files (the link template…): a change means a full rebuild. */
  settings: string;
  segments: StateSegment[];
  /** Files that did not read, by path and content hash, with the reason: reported again while they stay as they are. */
  errors: { file: string; hash: string; path: string; reason: string }[];
  /** The manifests published before this one, newest first: their files stay served a while. */
  previous: Manifest[];
}

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

function stateFile(dir: string, buildId: string): string {
  return path.join(dir, `state-${buildId}.json.gz`);
}

/**
 * The state of the index whose manifest is `manifest`, or the reason there is none fit for an update
 * (missing, damaged, of another layout or format, or made with other settings).
 */
export async function loadState(dir: string, manifest: Manifest, settings: string): Promise<IndexState | { reason: string }> {
  const file = stateFile(dir, manifest.buildId);
  let state: IndexState;
  try {
    state = JSON.parse((await gunzipAsync(await readFile(file))).toString('utf8')) as IndexState;
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
    return { reason: missing ? `no update state for the index served (${file})` : `the update state ${file} is damaged (${(e as Error).message})` };
  }
  if (state.layout !== STATE_LAYOUT || state.format !== FORMAT_VERSION) return { reason: `the update state ${file} is of another version` };
  if (state.buildId !== manifest.buildId) return { reason: `the update state ${file} describes another index` };
  if (state.settings !== settings) return { reason: 'the settings changed (--link, --site-url, --timezone or the segmenter)' };
  const generations = manifest.segments.map((g) => g.generation);
  const ok =
    Array.isArray(state.segments) &&
    state.segments.length === generations.length &&
    state.segments.every((g, s) => g.generation === generations[s] && g.docs.length === manifest.segments[s]!.docCount);
  if (!ok) return { reason: `the update state ${file} does not match the index served` };
  return state;
}

/** Writes the state for the manifest it names, atomically, and removes states of manifests no longer kept. */
export async function saveState(dir: string, state: IndexState): Promise<void> {
  await mkdir(dir, { recursive: true });
  const target = stateFile(dir, state.buildId);
  const tmp = `${target}.tmp-${process.pid}`;
  await writeFile(tmp, await gzipAsync(JSON.stringify(state)));
  await rename(tmp, target);
}

/** Removes the states of manifests other than `keep` (the one served and any about to be). */
export async function pruneStates(dir: string, keep: readonly string[]): Promise<void> {
  const names = new Set(keep.map((id) => path.basename(stateFile(dir, id))));
  for (const entry of await readdir(dir).catch(() => [] as string[]))
    if (entry.startsWith('state-') && !names.has(entry)) await rm(path.join(dir, entry), { force: true });
}

/** A second run on the same index while one runs. */
export class IndexBusyError extends Error {
  constructor(
    readonly lockFile: string,
    pid: number,
  ) {
    super(`${lockFile}: another npm run index (process ${pid}) is updating this index; wait for it to finish, or remove the file if it is not running`);
    this.name = 'IndexBusyError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the index's lock (a file holding this process's id), so that two runs never interleave; a lock
 * left by a process that no longer runs (killed) is taken over. Returns the function that releases it.
 * @throws {IndexBusyError} while another live process holds it.
 */
export async function lockIndex(dir: string): Promise<() => Promise<void>> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, 'lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const h = await open(file, 'wx');
      await h.writeFile(String(process.pid));
      await h.close();
      return () => rm(file, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(await readFile(file, 'utf8').catch(() => ''));
      if (Number.isInteger(pid) && pid > 0 && alive(pid)) throw new IndexBusyError(file, pid);
      await rm(file, { force: true });
    }
  }
  throw new IndexBusyError(file, 0);
}
