import type { BigIntStats } from 'node:fs';
import { link, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import type { ClusterSketch } from '../ingest';
import type { ReportDocument } from './build';
import type { SegmentCounts } from './counts';
import { FORMAT_VERSION, type Manifest } from '../index-format';

/**
 * What an update needs to know about the index it updates, kept beside it and never served: each
 * document's source file and content hash, where it lives (segment and number), and what clustering and
 * BM25 need of it without reading it again. One file per manifest, `state-<buildId>.json.gz`, written
 * before that manifest is published (after the files of its new segments, `segment-<generation>.json.gz`),
 * so whatever moment a run is killed at, the manifest being served has its state.
 */

/** Layout of the state file; a state of another layout is ignored (the next run rebuilds in full). */
export const STATE_LAYOUT = 4;

/** One document of the index as the update remembers it: its line of the build report, and more. */
export interface StateDoc extends ReportDocument {
  /** The source file's absolute path: what identifies it from one run to the next. */
  file: string;
  /** Content hash of the file's bytes. */
  hash: string;
  /**
   * The file's {@link fileStamp} when `hash` was taken, or null when it had changed too recently to vouch
   * for the bytes: while it stays the same, the next run takes `hash` without reading the file.
   */
  stamp: string | null;
  /** Folded length, exactly, for the mean length BM25 needs. */
  length: number;
  /** The words the segmenter cut in it (see `DocUnits.words` in analyze-doc.ts): candidates for the examples and the suggestions. */
  words: string[];
  sketch: ClusterSketch;
}

/** How long a file must have stood unmodified for its stamp to vouch for its bytes, in ms. */
const SETTLED_MS = 2_000;

/**
 * What the file system says of a file (size, modification and change times in nanoseconds, inode), as git's
 * index keeps it to avoid hashing unchanged files: a write changes the times, and the change time cannot be
 * set back. Null when the file changed within {@link SETTLED_MS} of `now`, as a write in the same clock tick
 * after it was hashed could leave all of this equal (git's "racy clean" case); that file is hashed again.
 */
export function fileStamp(st: BigIntStats, now: number): string | null {
  const latest = Number((st.mtimeNs > st.ctimeNs ? st.mtimeNs : st.ctimeNs) / 1_000_000n);
  if (now - latest < SETTLED_MS) return null;
  return `${st.size}:${st.mtimeNs}:${st.ctimeNs}:${st.ino}:${st.dev}`;
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
  /** What searching each suggested word finds in each segment, deleted documents included (see counts.ts); empty in a state that kept none. */
  counts: SegmentCounts;
}

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/**
 * On disk the state is a small file per manifest, naming its segments and their deleted documents, and
 * a file per segment, written once with the segment, holding its documents: an update writes only what
 * it adds, however large the index.
 */
interface StoredState extends Omit<IndexState, 'segments' | 'counts'> {
  segments: { generation: string; deleted: number[] }[];
  counts?: SegmentCounts;
}

/**
 * A document as a segment's state file holds it: the sketch's two long lists of 32-bit integers are in the
 * segment's binary file ({@link sketchFile}), one after the other in document order, with their lengths here.
 */
type StoredDoc = Omit<StateDoc, 'sketch'> & { sketch: Omit<ClusterSketch, 'id' | 'sketch' | 'keys'> & { sizes: [number, number] } };

function stateFile(dir: string, buildId: string): string {
  return path.join(dir, `state-${buildId}.json.gz`);
}

function segmentFile(dir: string, generation: string): string {
  return path.join(dir, `segment-${generation}.json.gz`);
}

/**
 * The sketches of a segment's documents as raw little-endian 32-bit integers: read as they are, where
 * base64 in JSON cost most of an update's time to load at 100,000 documents.
 */
function sketchFile(dir: string, generation: string): string {
  return path.join(dir, `segment-${generation}.u32`);
}

/** Little-endian 32-bit integers of a file, whatever the machine's byte order. */
function readU32(bytes: Buffer): Uint32Array {
  if (bytes.length % 4 !== 0) throw new Error(`a sketch file of ${bytes.length} bytes is not a list of 32-bit integers`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const out = new Uint32Array(bytes.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getUint32(i * 4, true);
  return out;
}

function writeU32(values: readonly ArrayLike<number>[]): Buffer {
  let n = 0;
  for (const v of values) n += v.length;
  const out = Buffer.alloc(n * 4);
  let at = 0;
  for (const v of values) for (let i = 0; i < v.length; i++) at = out.writeUInt32LE(v[i]!, at);
  return out;
}

async function readJson<T>(file: string): Promise<T> {
  return JSON.parse((await gunzipAsync(await readFile(file))).toString('utf8')) as T;
}

async function writeJson(file: string, value: unknown): Promise<void> {
  await writeAtomically(file, await gzipAsync(JSON.stringify(value)));
}

async function writeAtomically(file: string, bytes: Buffer): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}`;
  await writeFile(tmp, bytes);
  await rename(tmp, file);
}

/**
 * The state of the index whose manifest is `manifest`, or the reason there is none fit for an update
 * (missing, damaged, of another layout or format, or made with settings other than `settings`; null takes
 * any settings, for a caller that compares them itself).
 */
export async function loadState(dir: string, manifest: Manifest, settings: string | null): Promise<IndexState | { reason: string; missing: boolean }> {
  const file = stateFile(dir, manifest.buildId);
  let stored: StoredState;
  const docs: (StateDoc | null)[][] = [];
  try {
    stored = await readJson<StoredState>(file);
    if (stored.layout !== STATE_LAYOUT || stored.format !== FORMAT_VERSION) return { reason: `the update state ${file} is of another version`, missing: false };
    for (const g of stored.segments) {
      const list = await readJson<(StoredDoc | null)[]>(segmentFile(dir, g.generation));
      const ints = readU32(await readFile(sketchFile(dir, g.generation)));
      const gone = new Set(g.deleted);
      let at = 0;
      docs.push(
        list.map((d, local) => {
          if (d === null) {
            if (!gone.has(local)) throw new Error(`document ${local} of segment ${g.generation} is missing`);
            return null;
          }
          const { sizes, ...sketch } = d.sketch;
          const [sketchLength, keysLength] = sizes;
          const from = at;
          at += sketchLength + keysLength;
          if (at > ints.length) throw new Error(`the sketch file of segment ${g.generation} ends at document ${local}`);
          if (gone.has(local)) return null;
          // Views of the one array read: a hundred thousand sketches cost no copy and no array of boxed numbers each.
          return { ...d, sketch: { ...sketch, id: d.id, sketch: ints.subarray(from, from + sketchLength), keys: ints.subarray(from + sketchLength, at) } };
        }),
      );
      if (at !== ints.length) throw new Error(`the sketch file of segment ${g.generation} is longer than its documents`);
    }
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
    return { reason: missing ? `no update state for the index served (${file})` : `the update state ${file} is damaged (${(e as Error).message})`, missing };
  }
  if (stored.buildId !== manifest.buildId) return { reason: `the update state ${file} describes another index`, missing: false };
  if (settings !== null && stored.settings !== settings)
    return { reason: 'the settings changed (--link, --site-url, --timezone or the segmenter)', missing: false };
  const ok =
    stored.segments.length === manifest.segments.length &&
    manifest.segments.every(
      (g, s) =>
        g.generation === stored.segments[s]!.generation && docs[s]!.length === g.docCount && (g.deleted?.count ?? 0) === stored.segments[s]!.deleted.length,
    );
  if (!ok) return { reason: `the update state ${file} does not match the index served`, missing: false };
  // A state written before counts were kept has none: they are counted again.
  return { ...stored, counts: stored.counts ?? {}, segments: stored.segments.map((g, s) => ({ generation: g.generation, docs: docs[s]! })) };
}

/**
 * Writes the state for the manifest it names, atomically: the files of its segments but those in `known`
 * (the segments of the state it was loaded from; every document of a segment is in the state that adds it),
 * then its own.
 */
export async function saveState(dir: string, state: IndexState, known: ReadonlySet<string> = new Set()): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const g of state.segments) {
    // Files of a segment the loaded state read whole are kept; any other is written anew, as one left there
    // (by a state found damaged, or a killed run) may not be whole.
    if (known.has(g.generation)) continue;
    const file = segmentFile(dir, g.generation);
    // A segment joined from another index (--combine) may come with deletions: those are never read again.
    await writeAtomically(sketchFile(dir, g.generation), writeU32(g.docs.flatMap((d) => (d === null ? [] : [d.sketch.sketch, d.sketch.keys]))));
    await writeJson(
      file,
      g.docs.map((d): StoredDoc | null => {
        if (d === null) return null;
        const { sketch, ...rest } = d;
        return {
          ...rest,
          sketch: {
            title: sketch.title,
            shingles: sketch.shingles,
            numbers: sketch.numbers,
            day: sketch.day,
            sizes: [sketch.sketch.length, sketch.keys.length],
          },
        };
      }),
    );
  }
  const stored: StoredState = {
    ...state,
    segments: state.segments.map((g) => ({ generation: g.generation, deleted: g.docs.flatMap((d, local) => (d === null ? [local] : [])) })),
  };
  await writeJson(stateFile(dir, state.buildId), stored);
}

/** Removes the states of manifests other than `keep`, and the files of segments none of those reads. */
export async function pruneStates(dir: string, keep: readonly string[]): Promise<void> {
  const names = new Set(keep.map((id) => path.basename(stateFile(dir, id))));
  const segments = new Set<string>();
  for (const id of keep) {
    const stored = await readJson<StoredState>(stateFile(dir, id)).catch(() => null);
    for (const g of stored?.segments ?? []) for (const f of [segmentFile, sketchFile]) segments.add(path.basename(f(dir, g.generation)));
  }
  for (const entry of await readdir(dir).catch(() => [] as string[])) {
    const unused = (entry.startsWith('state-') && !names.has(entry)) || (entry.startsWith('segment-') && !segments.has(entry));
    if (unused) await rm(path.join(dir, entry), { force: true });
  }
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
  // The lock appears with its process id already in it (a hard link of a complete file), never empty.
  const mine = `${file}.${process.pid}-${Date.now().toString(36)}`;
  await writeFile(mine, String(process.pid));
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await link(mine, file);
        const held = await stat(file);
        return async () => {
          const now = await stat(file).catch(() => null);
          if (now?.ino === held.ino) await rm(file, { force: true });
        };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const seen = await stat(file).catch(() => null);
      const pid = Number(await readFile(file, 'utf8').catch(() => ''));
      if (Number.isInteger(pid) && pid > 0 && alive(pid)) throw new IndexBusyError(file, pid);
      if (!seen) continue;
      // Take the stale lock out of the way; if another run replaced it since it was read, put that one back and give way.
      const moved = `${file}.stale-${process.pid}-${attempt}`;
      if (
        !(await rename(file, moved).then(
          () => true,
          () => false,
        ))
      )
        continue;
      const got = await stat(moved);
      if (got.ino !== seen.ino) {
        await link(moved, file).catch(() => {});
        await rm(moved, { force: true });
        throw new IndexBusyError(file, Number(await readFile(file, 'utf8').catch(() => '0')));
      }
      await rm(moved, { force: true });
    }
    throw new IndexBusyError(file, 0);
  } finally {
    await rm(mine, { force: true });
  }
}
