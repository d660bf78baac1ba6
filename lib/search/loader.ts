import {
  charShardOf,
  charsFile,
  FACETS_FILE,
  RANK_FILE,
  decodeCharTable,
  decodeFacetValues,
  decodeRankColumns,
  decodeDeleted,
  decodeOrder,
  decodeFragment,
  decodeIdTable,
  decodePositionShard,
  decodePackHeader,
  decodeShard,
  packedLabel,
  fragmentFile,
  fragmentPackFile,
  IndexCorruptError,
  IndexFormatError,
  idsFile,
  MANIFEST_FILE,
  memberOfSlot,
  membersOfPack,
  PACK_LAYOUT,
  PACK_MEMBERS,
  packHeaderLength,
  packSlot,
  parseManifest,
  positionPackFile,
  positionsFile,
  shardFile,
  SLOT_BLOCK,
  SLOTTED_PACK_LAYOUT,
  mayHaveTableEntry,
  tableLookups,
  unpackFile,
  type CharTable,
  type FacetValues,
  type RankColumns,
  type Fragment,
  type IdTable,
  type Manifest,
  type PackLayout,
  type PositionReader,
  type SegmentInfo,
  type ShardReader,
} from '../index-format';

/** Bytes `start` (inclusive) to `end` (exclusive) of a file. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Fetches one file of the index by its path relative to the manifest, or only `range` of it (a member
 * of a pack): over HTTP in the browser, from disk in Node. A range past the file's end may come back short;
 * the loader rejects it.
 */
export type Fetcher = (name: string, range?: ByteRange) => Promise<Uint8Array>;

/** A {@link Fetcher} that tells whether its host has answered a range with the whole file ({@link httpFetcher} does). */
interface RangeReporting {
  wholeFilesForRanges(): boolean;
}

/** A file of the index could not be downloaded, even after retries. */
export class IndexFetchError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${reason}`, options);
    this.name = 'IndexFetchError';
  }
}

export { IndexCorruptError };

/** Options of {@link IndexLoader}. */
export interface LoaderOptions {
  /** Further attempts after a failed download. */
  retries: number;
  /** Delay before the first retry, doubled after each. */
  retryDelayMs: number;
}

export const DEFAULT_LOADER_OPTIONS: LoaderOptions = { retries: 2, retryDelayMs: 200 };

/**
 * Fetches from `baseUrl` with the browser's fetch: the manifest always fresh, every other file from cache
 * when possible, a range with a Range request. A host that ignores the Range header (Cloudflare Pages and
 * Render do) sends the whole file with 200: it is read correctly, at the cost of the whole pack, which is
 * then kept so that the pack's other ranges cost nothing more.
 */
export function httpFetcher(baseUrl: string): Fetcher & RangeReporting {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  const wholePacks = new Map<string, Uint8Array>();
  let keptBytes = 0;
  let wholeForRange = false;
  const keep = (name: string, body: Uint8Array) => {
    wholePacks.set(name, body);
    keptBytes += body.length;
    // The oldest first: a Map iterates in insertion order.
    for (const [old, bytes] of wholePacks) {
      if (keptBytes <= WHOLE_PACKS_KEPT_BYTES) break;
      wholePacks.delete(old);
      keptBytes -= bytes.length;
    }
  };
  const fetcher: Fetcher = async (name, range) => {
    const kept = range && wholePacks.get(name);
    if (kept) return kept.subarray(range.start, range.end);
    const init: RequestInit = { cache: name === MANIFEST_FILE ? 'no-store' : 'force-cache' };
    if (range) init.headers = { Range: `bytes=${range.start}-${range.end - 1}` };
    const res = await fetch(base + name, init);
    if (!res.ok) throw new IndexFetchError(name, `HTTP ${res.status} ${res.statusText}`.trim());
    const body = new Uint8Array(await res.arrayBuffer());
    if (!range) return body;
    if (res.status === 206) {
      const sent = res.headers.get('Content-Range');
      const asked = `bytes ${range.start}-${range.end - 1}/`;
      if (sent !== null && !sent.startsWith(asked)) throw new IndexFetchError(name, `asked for ${asked.slice(0, -1)}, the server sent ${sent}`);
      return body;
    }
    // A body too short for the range is no whole file: keeping it would fail every later read of the pack.
    if (body.length >= range.end) keep(name, body);
    wholeForRange = true;
    return body.subarray(range.start, range.end);
  };
  return Object.assign(fetcher, { wholeFilesForRanges: () => wholeForRange });
}

/** At most this much of packs sent whole is kept (about a hundred fragment packs); older ones are read again. */
const WHOLE_PACKS_KEPT_BYTES = 8 * 1024 * 1024;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Loads the manifest and, on demand, the immutable files it names: each downloaded once, retried on
 * failure, checked against the content hash in its trailer, decoded, and kept for later queries.
 */
export class IndexLoader {
  private readonly cache = new Map<string, Promise<unknown>>();
  private readonly table: Record<string, string> = {};
  private readonly loadedTables = new WeakSet<object>();
  /** Per segment's rank columns, where each fragment slot starts, in blocks from the first slot. */
  private readonly slotStarts = new WeakMap<RankColumns, Float64Array>();

  private constructor(
    private readonly fetcher: Fetcher,
    readonly manifest: Manifest,
    private readonly opts: LoaderOptions,
  ) {}

  /**
   * Whether the host has answered a range with the whole file (when the fetcher can tell): then a member
   * of a pack costs the whole pack, the first time.
   */
  get wholeFilesForRanges(): boolean {
    const f = this.fetcher as Fetcher & Partial<RangeReporting>;
    return f.wholeFilesForRanges?.() ?? false;
  }

  /** Fetches and checks the manifest. */
  static async open(fetcher: Fetcher, options: Partial<LoaderOptions> = {}): Promise<IndexLoader> {
    const opts = { ...DEFAULT_LOADER_OPTIONS, ...options };
    const bytes = await fetchWithRetry(fetcher, MANIFEST_FILE, opts);
    return new IndexLoader(fetcher, parseManifest(new TextDecoder().decode(bytes)), opts);
  }

  private checkNumber(what: string, i: number, count: number): void {
    if (!Number.isInteger(i) || i < 0 || i >= count) throw new RangeError(`${what} ${i} does not exist: this index has ${count}`);
  }

  private segment(s: number): SegmentInfo {
    this.checkNumber('segment', s, this.manifest.segments.length);
    return this.manifest.segments[s]!;
  }

  /**
   * `name` (relative to the manifest), downloaded once, checked and decoded. `key` tells apart decodings
   * of one file that depend on more than its bytes (a root file two segments share).
   */
  private load<T>(name: string, decode: (bytes: Uint8Array, name: string) => T, key = name): Promise<T> {
    return this.cached(key, () => fetchWithRetry(this.fetcher, name, this.opts, { packed: true }).then((b) => decode(b, name)));
  }

  /** What `make` gives, made once per `key` and kept; a failure is forgotten, so a later call tries again. */
  private cached<T>(key: string, make: () => Promise<T>): Promise<T> {
    let p = this.cache.get(key) as Promise<T> | undefined;
    if (!p) {
      p = make();
      this.cache.set(key, p);
      p.catch(() => this.cache.delete(key));
    }
    return p;
  }

  /** The member (or slot) offsets of pack `pack` (a file of folder `dir`) of `n` members in `layout`, read from its header once. */
  private packHeader(dir: string, pack: string, n: number, layout: PackLayout = PACK_LAYOUT): Promise<Uint32Array> {
    const name = `${dir}/${pack}`;
    return this.cached(`${name} header`, async () => {
      let offsets: Uint32Array = new Uint32Array(0);
      // Decoded inside the retries: a header damaged on the way is fetched again, as any file is.
      await fetchWithRetry(this.fetcher, name, this.opts, {
        range: { start: 0, end: packHeaderLength(n) },
        check: (b) => (offsets = decodePackHeader(b, name, n, layout)),
      });
      return offsets;
    });
  }

  /**
   * The payload of member `i` of a kind with `count` members, packed by `packFile` in folder `dir`: its
   * range as `range` gives it, or else as the pack's header does, inflated and checked against the
   * member's own hash. `label` names it in errors: the pack, and the file it stands for.
   */
  private async member(
    dir: string,
    packFile: (p: number) => string,
    i: number,
    count: number,
    label: string,
    { layout = PACK_LAYOUT, range }: { layout?: PackLayout; range?: ByteRange | null } = {},
  ): Promise<Uint8Array> {
    const { pack, slot } = packSlot(i);
    let read = range;
    if (!read) {
      const offsets = await this.packHeader(dir, packFile(pack), membersOfPack(pack, count), layout);
      read = { start: offsets[slot]!, end: offsets[slot + 1]! };
    }
    return fetchWithRetry(this.fetcher, `${dir}/${packFile(pack)}`, this.opts, { packed: true, range: read, label, slotted: layout === SLOTTED_PACK_LAYOUT });
  }

  /**
   * The range of fragment member `g`'s slot in its pack, from the slot sizes in segment `s`'s rank file,
   * when that file is in memory or on its way (a search reads it first); null when it is not, as for an
   * article page opened alone, which reads the pack's header (277 bytes) rather than the rank file.
   * @throws {IndexFormatError} naming the rank file when it holds another number of slots than the manifest's fragment groups.
   */
  private async fragmentSlot(s: number, g: number): Promise<ByteRange | null> {
    const seg = this.segment(s);
    if (!this.cache.has(`${seg.generation}/${RANK_FILE}`)) return null;
    const rank = await this.rank(s);
    let starts = this.slotStarts.get(rank);
    if (!starts) {
      const blocks = rank.slots ?? new Uint32Array(0);
      if (blocks.length !== seg.fragments.count)
        throw new IndexFormatError(`${seg.generation}/${RANK_FILE}`, `holds ${blocks.length} fragment slots; the manifest says ${seg.fragments.count}`);
      starts = new Float64Array(blocks.length + 1);
      for (let i = 0; i < blocks.length; i++) starts[i + 1] = starts[i]! + blocks[i]!;
      this.slotStarts.set(rank, starts);
    }
    const { pack } = packSlot(g);
    const first = pack * PACK_MEMBERS;
    const at = packHeaderLength(membersOfPack(pack, seg.fragments.count)) + (starts[g]! - starts[first]!) * SLOT_BLOCK;
    return { start: at, end: at + (starts[g + 1]! - starts[g]!) * SLOT_BLOCK };
  }

  /** Term shard `i` of segment `s`. */
  shard(s: number, i: number): Promise<ShardReader> {
    const g = this.segment(s);
    this.checkNumber('shard', i, g.shards.count);
    return this.load(`${g.generation}/${shardFile(i)}`, decodeShard);
  }

  /** Position shard `i` of segment `s`. */
  positionShard(s: number, i: number): Promise<PositionReader> {
    const g = this.segment(s);
    this.checkNumber('position shard', i, g.positions.count);
    const label = packedLabel(g.generation, positionPackFile(packSlot(i).pack), positionsFile(i));
    return this.cached(`${g.generation}/${positionsFile(i)}`, async () => {
      // A position shard names its terms by their place in the postings shard it pairs with.
      const [shard, bytes] = await Promise.all([this.shard(s, i), this.member(g.generation, positionPackFile, i, g.positions.count, label)]);
      return decodePositionShard(bytes, label, shard.keys());
    });
  }

  /**
   * What reading position shard `i` of segment `s` would download: its member's length in bytes, from its
   * pack's header (which a query's prefetch has usually read already); 0 once the shard is loaded or on its way.
   */
  async positionShardBytes(s: number, i: number): Promise<number> {
    const g = this.segment(s);
    this.checkNumber('position shard', i, g.positions.count);
    if (this.cache.has(`${g.generation}/${positionsFile(i)}`)) return 0;
    const { pack, slot } = packSlot(i);
    const offsets = await this.packHeader(g.generation, positionPackFile(pack), membersOfPack(pack, g.positions.count));
    return offsets[slot + 1]! - offsets[slot]!;
  }

  /**
   * Starts reading the header of the pack holding position shard `i` of segment `s`, without waiting: a
   * query that may need the positions asks for it beside the term shard, so that reading them later takes
   * one round trip, not two. A failure is the later read's to report.
   */
  prefetchPositions(s: number, i: number): void {
    const g = this.segment(s);
    this.checkNumber('position shard', i, g.positions.count);
    const { pack } = packSlot(i);
    this.packHeader(g.generation, positionPackFile(pack), membersOfPack(pack, g.positions.count)).catch(() => {});
  }

  /** The days and lengths of segment `s`, deleted documents included. */
  rank(s: number): Promise<RankColumns> {
    return this.load(`${this.segment(s).generation}/${RANK_FILE}`, (bytes, file) => this.ofSegment(s, decodeRankColumns(bytes, file), file));
  }

  /** The facet values of segment `s`, deleted documents included. */
  facetValues(s: number): Promise<FacetValues> {
    return this.load(`${this.segment(s).generation}/${FACETS_FILE}`, (bytes, file) => this.ofSegment(s, decodeFacetValues(bytes, file), file));
  }

  /** Refuses columns of another number of documents than segment `s` has: the two column files are read apart, and a renumbering would read past one. */
  private ofSegment<T extends { docCount: number }>(s: number, columns: T, file: string): T {
    const { docCount } = this.segment(s);
    if (columns.docCount !== docCount) throw new IndexFormatError(file, `holds ${columns.docCount} documents; the manifest says ${docCount}`);
    return columns;
  }

  /** Fragment group `g` of segment `s`. */
  fragment(s: number, g: number): Promise<Fragment> {
    const seg = this.segment(s);
    this.checkNumber('fragment group', g, seg.fragments.count);
    const label = packedLabel(seg.generation, fragmentPackFile(packSlot(g).pack), fragmentFile(g));
    const read = async (range: ByteRange | null): Promise<Fragment> => {
      const f = decodeFragment(
        await this.member(seg.generation, fragmentPackFile, g, seg.fragments.count, label, { layout: SLOTTED_PACK_LAYOUT, range }),
        label,
      );
      // A slot is checked against its own hash: a range that lands whole on a neighbouring slot passes that.
      if (f.first !== g * seg.fragments.groupSize)
        throw new IndexFormatError(label, `holds the documents from ${f.first}, not from ${g * seg.fragments.groupSize} (another slot's range)`);
      return f;
    };
    return this.cached(`${seg.generation}/${fragmentFile(g)}`, async () => {
      const range = await this.fragmentSlot(s, g).catch(() => null);
      if (!range) return read(null);
      // Slot sizes that disagree with the pack, or a rank file that did not load, cost a header read, never the result.
      return read(range).catch(() => read(null));
    });
  }

  /** Id table `k` of segment `s`. */
  ids(s: number, k: number): Promise<IdTable> {
    const g = this.segment(s);
    this.checkNumber('id table', k, g.ids.count);
    return this.load(`${g.generation}/${idsFile(k)}`, decodeIdTable);
  }

  /** The deleted documents of segment `s`, ascending (empty when it has none). */
  deleted(s: number): Promise<Uint32Array> {
    const g = this.segment(s);
    if (!g.deleted) return Promise.resolve(new Uint32Array(0));
    const { count, file } = g.deleted;
    // Files are named by content, so two segments may share one: it is fetched once, and each segment checks it against its own counts.
    return this.load(file, (bytes, name) => decodeDeleted(bytes, name, Number.MAX_SAFE_INTEGER)).then((out) => {
      const last = out[out.length - 1];
      if (last !== undefined && last >= g.docCount) throw new IndexFormatError(file, `deletes document ${last} of a segment of ${g.docCount}`);
      if (out.length !== count) throw new IndexFormatError(file, `deletes ${out.length} documents; the manifest says ${count}`);
      return out;
    });
  }

  /** The payload of the root file `name` the manifest names (a stored answer), downloaded once and checked, then decoded by `decode`. */
  rootFile<T>(name: string, decode: (bytes: Uint8Array, name: string) => T): Promise<T> {
    return this.load(name, decode);
  }

  /** The segment of each live document in date order; null with one segment. */
  order(liveCounts: readonly number[]): Promise<Uint16Array> | null {
    const file = this.manifest.order;
    return file === null ? null : this.load(file, (bytes, name) => decodeOrder(bytes, name, liveCounts), `${file} ${liveCounts.join(',')}`);
  }

  /**
   * The traditional → simplified entries `fold` may look up for `text` (characters as fold sees them,
   * after NFKC and lower-casing), from only the shards of the table those characters live in, and none for
   * a ranked character the manifest says has no entry (`chars.ranked`). Null when the index has no table.
   */
  async charTable(text: string): Promise<CharTable | null> {
    const count = this.manifest.chars.count;
    if (count === 0) return null;
    const wanted = new Set<number>();
    const { ranked } = this.manifest.chars;
    for (const c of tableLookups(String(text))) if (mayHaveTableEntry(c, ranked)) wanted.add(charShardOf(c));
    // One table grows as shards arrive: fold only looks up characters it meets, so a superset is as good.
    const folder = this.manifest.segments[0]!.generation;
    const parts = await Promise.all([...wanted].map((k) => this.load(`${folder}/${charsFile(k)}`, decodeCharTable)));
    for (const part of parts) {
      if (this.loadedTables.has(part)) continue;
      this.loadedTables.add(part);
      Object.assign(this.table, part);
    }
    return this.table;
  }
}

/**
 * Downloads a file, or `range` of it, retrying failures; a packed file (stored gzipped and sealed) is
 * inflated, checked and its payload returned (a damaged download is retried too, as it may be transient).
 * `label` names what was read in a corruption error (a member of a pack names the file it stands for).
 */
async function fetchWithRetry(fetcher: Fetcher, name: string, opts: LoaderOptions, read: RangeRead = {}): Promise<Uint8Array> {
  const { packed = false, range, label = name, check, slotted = false } = read;
  let lastError: unknown;
  for (let attempt = 0; attempt <= opts.retries; attempt++) {
    if (attempt > 0) await sleep(opts.retryDelayMs * 2 ** (attempt - 1));
    try {
      const bytes = range ? await fetcher(name, range) : await fetcher(name);
      if (range && bytes.length !== range.end - range.start)
        throw new IndexCorruptError(
          label,
          `bytes ${range.start}–${range.end - 1} came back as ${bytes.length} bytes, not ${range.end - range.start} (a truncated range)`,
        );
      const stored = slotted ? memberOfSlot(bytes, label) : bytes;
      const payload = packed ? await unpackFile(stored, label) : stored;
      check?.(payload);
      return payload;
    } catch (e) {
      // Bytes that pass their hash but not their layout came as written: fetching them again cannot help.
      if (e instanceof IndexFormatError) throw e;
      lastError = e;
    }
  }
  if (lastError instanceof IndexCorruptError) throw lastError;
  const reason = lastError instanceof IndexFetchError ? lastError.reason : lastError instanceof Error ? lastError.message : String(lastError);
  throw new IndexFetchError(label, `download failed after ${opts.retries + 1} attempts: ${reason}`, { cause: lastError });
}

/** How {@link fetchWithRetry} reads: whole or a range, stored packed or not, named how in errors, checked how before it is returned. */
interface RangeRead {
  packed?: boolean;
  range?: ByteRange;
  /** The range is a slot of a slotted pack: its member is inside, behind its length (pack.ts). */
  slotted?: boolean;
  label?: string;
  /** Throws when the bytes are not what was asked for: a damaged read is retried like a failed one. */
  check?: (bytes: Uint8Array) => void;
}
