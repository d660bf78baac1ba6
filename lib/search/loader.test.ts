import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  CHAR_SHARDS,
  charShardOf,
  charsFile,
  contentHash,
  deletedFile,
  dequantizeLength,
  encodeColumns,
  encodeDeleted,
  encodeFragment,
  encodeIdTable,
  encodeJson,
  encodeOrder,
  encodePositionShard,
  encodeShard,
  FACETS_FILE,
  foldText,
  FORMAT_NAME,
  FORMAT_VERSION,
  fragmentFile,
  generationDir,
  idsFile,
  IndexCorruptError as FormatIndexCorruptError,
  FACETS,
  IndexFormatError,
  MANIFEST_FILE,
  facetColumn,
  NO_DAY,
  orderFile,
  packFile,
  packWeight,
  parseManifest,
  quantizeLength,
  RANK_FILE,
  seal,
  sealedHash,
  positionsFile,
  shardFile,
  shardOf,
  TRAILER_LENGTH,
  type ColumnFiles,
  type Columns,
  type FragmentSlots,
  type FacetValues,
  type Fragment,
  type Manifest,
  type Postings,
  type RankColumns,
  type SegmentInfo,
  decodePackHeader,
  encodePack,
  fragmentPackFile,
  PACK_LAYOUT,
  PACK_MEMBERS,
  SLOT_BLOCK,
  slotBlocks,
  SLOTTED_PACK_LAYOUT,
  packHeaderLength,
  packSlot,
  positionPackFile,
} from '../index-format';
import { DEFAULT_LOADER_OPTIONS, httpFetcher, IndexCorruptError, IndexFetchError, IndexLoader, type ByteRange, type Fetcher } from './loader';

const FAST = { retries: 2, retryDelayMs: 1 };

/** The manifest's id: a hash of the manifest, which names no folder. */
const BUILD_ID = '0a1b2c3d4e5f60';
/** Folder of the (first) segment: named by the segment's own content hash, not by the buildId. */
const GEN = generationDir('5e9a0c1d2b3f47');
const SHARD_COUNT = 2;

/** Path of a build file relative to the manifest, as the loader asks the fetcher for it. */
const at = (file: string, gen = GEN) => `${gen}/${file}`;

const noTrailer = (name: string, length: number) => `${name}: has no content-hash trailer (${length} bytes; truncated, or not written by this indexer)`;
const mismatch = (name: string, actual: string, expected: string) =>
  `${name}: content hash is ${actual}, expected ${expected} (the file is damaged or from another build)`;
const notGzip = (name: string, length: number) => `${name}: is not gzip-compressed (${length} bytes; truncated, or not written by this indexer)`;

/** Whether `message` is the one unpackFile gives when zlib refuses the stream (zlib's own reason in the brackets). */
const isInflateError = (name: string, message: string) =>
  message.startsWith(`${name}: cannot be inflated (`) &&
  message.endsWith('): the file is damaged or truncated') &&
  message.length > `${name}: cannot be inflated (): the file is damaged or truncated`.length;

/** A file of a generation as the indexer stores it: sealed, then gzipped (what packFile writes, synchronously). */
const gzip = (bytes: Uint8Array) => new Uint8Array(gzipSync(bytes));
const pack = (payload: Uint8Array) => gzip(seal(payload));
const gunzip = (bytes: Uint8Array) => new Uint8Array(gunzipSync(bytes));

function postings(docs: number[], weights: number[]): Postings {
  return { docs: Uint32Array.from(docs), weights: Uint32Array.from(weights) };
}

const COLUMNS: Columns = {
  docCount: 3,
  day: Int32Array.from([NO_DAY, 19_723, 19_724]),
  facets: {
    bank: facetColumn([['中国工商银行'], [], ['中国工商银行', '交通银行']]),
    source: facetColumn([['新华社'], [], ['人民网']]),
    province: facetColumn([[], ['青海'], []]),
  },
  length: Uint32Array.from([120, 80, 300]),
};

/** COLUMNS as they decode: lengths are stored as one-byte log codes, so they come back approximate. */
const DECODED_COLUMNS: Columns = { ...COLUMNS, length: COLUMNS.length.map((n) => dequantizeLength(quantizeLength(n))) };

/** What the rank file of a segment with columns `c` holds: each document's day and length. */
const rankOf = (c: Columns, slots: Uint32Array): RankColumns => ({ docCount: c.docCount, day: c.day, length: c.length, slots });
/** The slots (in blocks) of `fragments` stored as the indexer stores them, as a rank file records them. */
const slotsOf = (fragments: Fragment[]): Uint32Array => Uint32Array.from(fragments, (f) => slotBlocks(pack(encodeFragment(f)).length));
/** How the rank file of the fixture's first segment records its fragments: one member of its three documents. */
const SLOTS_A = (): FragmentSlots => ({ groupSize: 3, stored: [pack(encodeFragment(FRAGMENT)).length] });
/** What the facets file of a segment with columns `c` holds: each document's facet values. */
const facetsOf = (c: Columns): FacetValues => ({ docCount: c.docCount, facets: c.facets });

/** Writes a segment's columns as the indexer does, by `put`: days and lengths to RANK_FILE, facet values to FACETS_FILE. */
function putColumns(put: (file: string, payload: Uint8Array) => void, c: Columns, fragments?: FragmentSlots): void {
  const f = encodeColumns(c, fragments);
  put(RANK_FILE, f.rank);
  put(FACETS_FILE, f.facets);
}

/** The two files a segment's columns are stored in: each with the loader method that reads it and its payload in encodeColumns's output. */
const COLUMN_FILES = [
  { file: RANK_FILE, read: (loader: IndexLoader, s: number): Promise<unknown> => loader.rank(s), payload: (f: ColumnFiles) => f.rank },
  { file: FACETS_FILE, read: (loader: IndexLoader, s: number): Promise<unknown> => loader.facetValues(s), payload: (f: ColumnFiles) => f.facets },
];

const FRAGMENT: Fragment = {
  first: 0,
  docs: [
    {
      id: 'a1',
      title: '工商銀行下调LPR',
      date: null,
      source: '新华社',
      url: null,
      banks: ['中国工商银行'],
      cluster: null,
      text: '工商銀行\n下调LPR。',
      chars: { 銀: '银' },
    },
    {
      id: 'b2',
      title: '普惠金融',
      date: '2024-01-01',
      source: null,
      url: 'https://example.com/b2',
      banks: [],
      cluster: 'b2',
      related: [2],
      text: '普惠金融。',
    },
    {
      id: 'c3',
      title: '交行 普惠',
      date: '2024-01-02',
      source: '人民网',
      url: null,
      banks: ['中国工商银行', '交通银行'],
      cluster: 'b2',
      related: [1],
      text: '交通银行普惠。',
    },
  ],
};

const TERMS: [string, Postings][] = [
  ['银行', postings([0, 2], [packWeight(1, true), packWeight(1, false, true)])],
  ['普惠', postings([1, 2], [packWeight(1, true), packWeight(2, true, true)])],
  ['lpr', postings([0], [packWeight(1, true)])],
];

/** A 4-gram with positions, as position shards hold them. */
const GRAM: [string, Postings] = [
  '交通银行',
  { ...postings([1, 2], [packWeight(1, true), packWeight(2, false)]), posStart: Uint32Array.from([0, 1, 3]), positions: Uint32Array.from([4, 7, 30]) },
];

/** Shard that holds `银行`, so it is never empty. */
const FULL_SHARD = shardOf('银行', SHARD_COUNT);

/** The traditional → simplified table of the fixture, spread over its shards by charShardOf like the indexer does. */
const CHAR_TABLE: Record<string, string> = { 國: '国', 銀: '银', 觀: '观', 們: '们', 車: '车', 這: '这', 與: '与', 發: '发' };
const CHAR_TABLE_SHARDS: Record<string, string>[] = Array.from({ length: CHAR_SHARDS }, () => ({}));
for (const [from, to] of Object.entries(CHAR_TABLE)) CHAR_TABLE_SHARDS[charShardOf(from)]![from] = to;

/** A stored index: every file by its path relative to the manifest, packed (`files`) and bare (`payloads`). */
interface TestIndex {
  files: Map<string, Uint8Array>;
  payloads: Map<string, Uint8Array>;
  manifest: Manifest;
}

/** Writes `payload` under `name` (relative to the manifest) as the indexer stores it, keeping the bare bytes too. */
function putFile(index: Omit<TestIndex, 'manifest'>, name: string, payload: Uint8Array): void {
  index.payloads.set(name, payload);
  index.files.set(name, pack(payload));
}

/** Stores `manifest` as the indexer does: plain JSON, at the top. */
function putManifest(files: Map<string, Uint8Array>, manifest: unknown): void {
  files.set(MANIFEST_FILE, new TextEncoder().encode(JSON.stringify(manifest)));
}

/** Writes the fixture's first segment (3 documents, SHARD_COUNT shards, the character table) into folder `gen`. */
function putSegmentA(index: Omit<TestIndex, 'manifest'>, gen: string): SegmentInfo {
  const put = (file: string, payload: Uint8Array) => putFile(index, at(file, gen), payload);
  // Like the indexer, every shard is written, empty ones too; the same for the character table.
  for (let i = 0; i < SHARD_COUNT; i++) {
    const inShard = [...TERMS, GRAM].filter(([t]) => shardOf(t, SHARD_COUNT) === i);
    put(shardFile(i), encodeShard(inShard));
    const shardTerms = inShard.map(([t]) => t).sort();
    put(
      positionsFile(i),
      encodePositionShard(
        [GRAM].filter(([t]) => shardOf(t, SHARD_COUNT) === i),
        shardTerms,
      ),
    );
  }
  put(fragmentFile(0), encodeFragment(FRAGMENT));
  putColumns(put, COLUMNS, SLOTS_A());
  put(idsFile(0), encodeIdTable({ a1: 0, b2: 1, c3: 2 }));
  for (let k = 0; k < CHAR_SHARDS; k++) put(charsFile(k), encodeJson(CHAR_TABLE_SHARDS[k]));
  return {
    generation: gen,
    docCount: 3,
    shards: { count: SHARD_COUNT },
    positions: { count: SHARD_COUNT },
    fragments: { groupSize: 3, count: 1 },
    ids: { count: 1 },
    deleted: null,
  };
}

/** The parts of a manifest that do not depend on its segments. */
function manifestBase(): Omit<Manifest, 'docCount' | 'avgLength' | 'segments' | 'order'> {
  return {
    format: FORMAT_NAME,
    version: FORMAT_VERSION,
    buildId: BUILD_ID,
    builtAt: '2024-05-01T12:00:00.000Z',
    chars: { count: CHAR_SHARDS },
    banks: [{ name: '交通银行', kind: '国有大型商业银行', aliases: ['交行', 'BOCOM'] }],
    examples: ['LPR', '普惠金融'],
    home: null,
    suggest: [],
    readings: [],
    wordFacets: [],
  };
}

/**
 * A real one-segment index in memory, laid out as the indexer writes it: every file encoded by
 * lib/index-format, sealed, gzipped, and stored under `<gen>/<name>`; the manifest plain JSON at the top.
 * `payloads` holds the bare (unsealed, uncompressed) bytes of each file.
 */
function buildIndex(gen = GEN): TestIndex {
  const index = { files: new Map<string, Uint8Array>(), payloads: new Map<string, Uint8Array>() };
  const segment = putSegmentA(index, gen);
  const manifest: Manifest = { ...manifestBase(), docCount: 3, avgLength: 166.67, segments: [segment], order: null };
  putManifest(index.files, manifest);
  return { ...index, manifest };
}

/** Folder of the second segment of the two-segment index. */
const GEN2 = generationDir('c0ffee0123abcd');
/** Shards of the second segment: fewer than the first's, so range checks must be per segment. */
const SHARD_COUNT2 = 1;
/** Id tables of the second segment. */
const IDS_COUNT2 = 2;

/** Terms of the second segment, numbered by its own documents. */
const TERMS2: [string, Postings][] = [
  ['银行', postings([1], [packWeight(1, true)])],
  ['绿色', postings([0], [packWeight(1, true)])],
];
const GRAM2: [string, Postings] = [
  '交通银行',
  { ...postings([1], [packWeight(1, true)]), posStart: Uint32Array.from([0, 1]), positions: Uint32Array.from([0]) },
];

const COLUMNS2: Columns = {
  docCount: 2,
  day: Int32Array.from([19_723, 19_725]),
  facets: {
    bank: facetColumn([['中国建设银行'], ['交通银行']]),
    source: facetColumn([['新华社'], ['人民网']]),
    province: facetColumn([[], []]),
  },
  length: Uint32Array.from([50, 90]),
};
const DECODED_COLUMNS2: Columns = { ...COLUMNS2, length: COLUMNS2.length.map((n) => dequantizeLength(quantizeLength(n))) };

/** The second segment's fragments: one document each (groupSize 1). */
const FRAGMENTS2: Fragment[] = [
  {
    first: 0,
    docs: [
      { id: 'd4', title: '建行绿色债券', date: '2024-01-01', source: '新华社', url: null, banks: ['中国建设银行'], cluster: null, text: '建行发行绿色债券。' },
    ],
  },
  {
    first: 1,
    docs: [
      { id: 'e6', title: '交通银行普惠贷款', date: '2024-01-03', source: '人民网', url: null, banks: ['交通银行'], cluster: null, text: '交通银行普惠贷款。' },
    ],
  },
];
const IDS2: Record<string, number> = { d4: 0, e6: 1 };
/** The id tables of the second segment, split by shardOf like the indexer does. */
const ID_TABLES2: Record<string, number>[] = Array.from({ length: IDS_COUNT2 }, (_, k) =>
  Object.fromEntries(Object.entries(IDS2).filter(([id]) => shardOf(id, IDS_COUNT2) === k)),
);

/** The second segment's own character table: not the index's, which the first segment holds. A mix-up would show. */
const CHAR_TABLE2: Record<string, string> = { 國: '囯' };

/** The first segment's deleted documents in the two-segment index: b2, replaced by the second segment's e6. */
const DELETED: number[] = [1];
/** The segment of each live document in the index's order: a1, d4, c3, e6. */
const ORDER: number[] = [0, 1, 0, 1];
const LIVE_COUNTS = [2, 2];

/** Root file names, by content hash as the indexer names them. */
const DEL_FILE = deletedFile(contentHash(encodeDeleted(DELETED)));
const ORDER_FILE = orderFile(contentHash(encodeOrder(ORDER)));

/**
 * A real index of two segments: the first as in {@link buildIndex} (its document 1 deleted), the second
 * in GEN2 with its own shard count, fragments, id tables and character table; the deleted-documents
 * and order files at the root, next to the manifest.
 */
function buildTwoSegments(): TestIndex {
  const index = { files: new Map<string, Uint8Array>(), payloads: new Map<string, Uint8Array>() };
  const first = putSegmentA(index, GEN);
  const put = (file: string, payload: Uint8Array) => putFile(index, at(file, GEN2), payload);
  put(shardFile(0), encodeShard([...TERMS2, GRAM2]));
  put(positionsFile(0), encodePositionShard([GRAM2], [...TERMS2, GRAM2].map(([t]) => t).sort()));
  for (const [g, f] of FRAGMENTS2.entries()) put(fragmentFile(g), encodeFragment(f));
  putColumns(put, COLUMNS2, { groupSize: 1, stored: FRAGMENTS2.map((_, g) => index.files.get(at(fragmentFile(g), GEN2))!.length) });
  for (const [k, table] of ID_TABLES2.entries()) put(idsFile(k), encodeIdTable(table));
  for (let k = 0; k < CHAR_SHARDS; k++) put(charsFile(k), encodeJson(Object.fromEntries(Object.entries(CHAR_TABLE2).filter(([c]) => charShardOf(c) === k))));
  putFile(index, DEL_FILE, encodeDeleted(DELETED));
  putFile(index, ORDER_FILE, encodeOrder(ORDER));
  const second: SegmentInfo = {
    generation: GEN2,
    docCount: 2,
    shards: { count: SHARD_COUNT2 },
    positions: { count: SHARD_COUNT2 },
    fragments: { groupSize: 1, count: 2 },
    ids: { count: IDS_COUNT2 },
    deleted: null,
  };
  const manifest: Manifest = {
    ...manifestBase(),
    docCount: 4,
    avgLength: 140,
    segments: [{ ...first, deleted: { count: DELETED.length, file: DEL_FILE } }, second],
    order: ORDER_FILE,
  };
  putManifest(index.files, manifest);
  return { ...index, manifest };
}

/** A pack's path: its folder, the kind of its members, its number. */
const PACK_PATH = /^(g-[0-9a-f]{14})\/(frag|pos)-pack-(\d+)\.bin$/;

/** The call a read of the header of the pack holding `name` (`<gen>/frag-0.bin`) counts as. */
function header(name: string): string {
  return `${packed(name).split(' ')[0]} header`;
}

/** How the loader names a packed file (`<gen>/frag-0.bin`) in its errors: the pack, then the file. */
function packed(name: string): string {
  const m = /^(.*\/)(frag|pos)-(\d+)\.bin$/.exec(name);
  if (!m) throw new Error(`${name} is not a packed file`);
  const { pack } = packSlot(Number(m[3]));
  return `${m[1]}${m[2] === 'frag' ? fragmentPackFile(pack) : positionPackFile(pack)} (${m[2]}-${m[3]}.bin)`;
}

/**
 * A fetcher over a Map keyed by path that counts calls per path; `hook` may throw or replace the answer.
 * Fragment groups and position shards are kept in the map under their own names (`<gen>/frag-0.bin`), as
 * the files they stand for, and served as the packs the indexer writes (`<gen>/frag-pack-0.bin`), built
 * from the map when asked: a read of a member counts as a call of its own name (which `hook` sees), a read
 * of a pack's header as one of `<pack> header`.
 */
function mapFetcher(files: Map<string, Uint8Array>, hook?: (name: string, call: number) => Uint8Array | undefined): Fetcher & { calls: Map<string, number> } {
  const calls = new Map<string, number>();
  const count = (name: string): number => {
    const n = (calls.get(name) ?? 0) + 1;
    calls.set(name, n);
    return n;
  };
  const read = (name: string): Uint8Array => {
    const n = count(name);
    const bytes = hook?.(name, n) ?? files.get(name);
    if (!bytes) throw new Error(`no such file ${name}`);
    return bytes;
  };
  const f = async (name: string, range?: ByteRange): Promise<Uint8Array> => {
    const m = PACK_PATH.exec(name);
    if (!m) {
      const bytes = read(name);
      return range ? bytes.slice(range.start, range.end) : bytes;
    }
    const first = Number(m[3]) * PACK_MEMBERS;
    const names: string[] = [];
    for (let i = first; i < first + PACK_MEMBERS && files.has(`${m[1]}/${m[2]}-${i}.bin`); i++) names.push(`${m[1]}/${m[2]}-${i}.bin`);
    if (!names.length || !range) throw new Error(`no such file ${name}, or not read by range`);
    // As the indexer writes them: fragments in slots, positions back to back.
    const layout = m[2] === 'frag' ? SLOTTED_PACK_LAYOUT : PACK_LAYOUT;
    const whole = encodePack(
      names.map((n) => files.get(n)!),
      layout,
    );
    if (range.start === 0 && range.end === packHeaderLength(names.length)) {
      count(`${name} header`);
      return whole.slice(0, range.end);
    }
    const offsets = decodePackHeader(whole.subarray(0, packHeaderLength(names.length)), name, names.length, layout);
    const slot = offsets.indexOf(range.start);
    if (slot < 0 || offsets[slot + 1] !== range.end) throw new Error(`${name}: bytes ${range.start}-${range.end} are no member's`);
    const member = read(names[slot]!);
    // A hook's answer of the member's length is the member damaged in place, still in its slot; any other
    // is the whole answer to the range.
    return layout === SLOTTED_PACK_LAYOUT && member.length === files.get(names[slot]!)!.length ? inSlot(member, range.end - range.start) : member;
  };
  return Object.assign(f, { calls });
}

/** `member` (as a hook may have altered it) in a slot of `size` bytes, as a slotted pack stores it: its length, its bytes, zeros. */
function inSlot(member: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (let v = member.length; ; v = Math.floor(v / 0x80)) {
    out[at++] = v >= 0x80 ? (v % 0x80) | 0x80 : v;
    if (v < 0x80) break;
  }
  out.set(member.subarray(0, size - at), at);
  return out;
}

/** The character-table files a fetcher was asked for, by shard number, with how often. */
function charCalls(fetcher: { calls: Map<string, number> }): [number, number][] {
  const out: [number, number][] = [];
  for (let k = 0; k < CHAR_SHARDS; k++) {
    const n = fetcher.calls.get(at(charsFile(k)));
    if (n !== undefined) out.push([k, n]);
  }
  return out;
}

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection, the promise resolved');
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('the test index', () => {
  it('stores every build file as gzip(seal(payload)) and the manifest as plain JSON', () => {
    const { files, payloads } = buildIndex();
    expect(files.size).toBe(payloads.size + 1);
    for (const [name, payload] of payloads) {
      const file = files.get(name)!;
      expect([file[0], file[1]], name).toStrictEqual([0x1f, 0x8b]);
      expect(gunzip(file), name).toStrictEqual(seal(payload));
    }
    const manifest = files.get(MANIFEST_FILE)!;
    expect(manifest[0]).toBe('{'.charCodeAt(0));
    expect(sealedHash(manifest)).toBeNull();
  });

  it('writes all CHAR_SHARDS character files, each holding exactly the entries charShardOf puts there', () => {
    const { payloads } = buildIndex();
    const merged: Record<string, string> = {};
    for (let k = 0; k < CHAR_SHARDS; k++) {
      const shard = JSON.parse(new TextDecoder().decode(payloads.get(at(charsFile(k)))!)) as Record<string, string>;
      for (const ch of Object.keys(shard)) expect(charShardOf(ch), ch).toBe(k);
      Object.assign(merged, shard);
    }
    expect(merged).toStrictEqual(CHAR_TABLE);
    // Spread over several shards, so fetching only some of them is observable.
    expect(new Set(Object.keys(CHAR_TABLE).map(charShardOf)).size).toBeGreaterThan(4);
  });

  it('has manifests parseManifest accepts, the two-segment one with its root files beside it', () => {
    const one = buildIndex();
    expect(parseManifest(new TextDecoder().decode(one.files.get(MANIFEST_FILE)!))).toStrictEqual(one.manifest);
    const two = buildTwoSegments();
    expect(parseManifest(new TextDecoder().decode(two.files.get(MANIFEST_FILE)!))).toStrictEqual(two.manifest);
    expect(two.manifest.segments.map((g) => g.generation)).toStrictEqual([GEN, GEN2]);
    expect(LIVE_COUNTS).toStrictEqual(two.manifest.segments.map((g) => g.docCount - (g.deleted?.count ?? 0)));
    // Root files sit beside the manifest, stored like every other file.
    for (const name of [DEL_FILE, ORDER_FILE]) expect(gunzip(two.files.get(name)!), name).toStrictEqual(seal(two.payloads.get(name)!));
    // The second segment holds every kind of file under names the first segment uses too: a folder mix-up would show.
    const inFolder = (gen: string) =>
      [...two.files.keys()]
        .filter((n) => n.startsWith(`${gen}/`) && !n.includes('/chars-'))
        .map((n) => n.slice(gen.length + 1))
        .sort();
    expect(inFolder(GEN2)).toStrictEqual(['facets.bin', 'frag-0.bin', 'frag-1.bin', 'ids-0.bin', 'ids-1.bin', 'pos-0.bin', 'rank.bin', 'shard-0.bin']);
    expect(inFolder(GEN)).toStrictEqual(['facets.bin', 'frag-0.bin', 'ids-0.bin', 'pos-0.bin', 'pos-1.bin', 'rank.bin', 'shard-0.bin', 'shard-1.bin']);
    // Each id table of the second segment holds one of its ids.
    expect(ID_TABLES2).toStrictEqual([{ e6: 1 }, { d4: 0 }]);
  });
});

describe('IndexLoader.open', () => {
  it('DEFAULT_LOADER_OPTIONS are 2 retries starting at 200 ms', () => {
    expect(DEFAULT_LOADER_OPTIONS).toStrictEqual({ retries: 2, retryDelayMs: 200 });
  });

  it('fetches and parses the manifest, and nothing else', async () => {
    const { files, manifest } = buildIndex();
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, FAST);
    expect(loader.manifest).toStrictEqual(manifest);
    expect(loader.manifest.chars).toStrictEqual({ count: CHAR_SHARDS });
    expect([...fetcher.calls]).toStrictEqual([[MANIFEST_FILE, 1]]);
  });

  it('reads the manifest as plain JSON, neither sealed nor gzipped', async () => {
    const { files } = buildIndex();
    const loader = await IndexLoader.open(mapFetcher(files), FAST);
    expect(loader.manifest.segments.map((g) => g.generation)).toStrictEqual([GEN]);
    expect(sealedHash(files.get(MANIFEST_FILE)!)).toBeNull();
  });

  it('rejects a gzipped manifest: the manifest is never compressed', async () => {
    const { files } = buildIndex();
    files.set(MANIFEST_FILE, gzip(files.get(MANIFEST_FILE)!));
    const fetcher = mapFetcher(files);
    const e = await rejection(IndexLoader.open(fetcher, FAST));
    expect(e).toBeInstanceOf(IndexFormatError);
    expect((e as IndexFormatError).file).toBe(MANIFEST_FILE);
    expect(e.message.startsWith('manifest.json: not valid JSON (')).toBe(true);
    expect(fetcher.calls.get(MANIFEST_FILE)).toBe(1);
  });

  it('rejects an invalid manifest with IndexFormatError', async () => {
    const { files } = buildIndex();
    files.set(MANIFEST_FILE, new TextEncoder().encode(JSON.stringify({ format: 'something-else' })));
    const e = await rejection(IndexLoader.open(mapFetcher(files), FAST));
    expect(e).toBeInstanceOf(IndexFormatError);
    expect(e.message).toBe(`manifest.json: not a ${FORMAT_NAME} manifest`);
  });

  it('rejects a manifest of format 2, which had charTable instead of chars', async () => {
    const { files, manifest } = buildIndex();
    // JSON.stringify leaves out the undefined chars.
    files.set(MANIFEST_FILE, new TextEncoder().encode(JSON.stringify({ ...manifest, chars: undefined, charTable: true })));
    const e = await rejection(IndexLoader.open(mapFetcher(files), FAST));
    expect(e).toBeInstanceOf(IndexFormatError);
    expect(e.message).toBe(`manifest.json: chars.count must be 0 or ${CHAR_SHARDS}`);
  });

  it('rejects a manifest whose segment folder is not "g-" and 14 hex digits', async () => {
    const { files, manifest } = buildIndex();
    putManifest(files, { ...manifest, segments: [{ ...manifest.segments[0]!, generation: '../secrets' }] });
    const fetcher = mapFetcher(files);
    const e = await rejection(IndexLoader.open(fetcher, FAST));
    expect(e).toBeInstanceOf(IndexFormatError);
    expect(e.message).toBe('manifest.json: segments[0].generation must be "g-" and 14 hex digits');
    expect(fetcher.calls.get(MANIFEST_FILE)).toBe(1);
  });

  it('rejects a manifest of format 7, which named one generation instead of segments', async () => {
    const { files, manifest } = buildIndex();
    const { segments, order, ...rest } = manifest;
    const segment = segments[0]!;
    expect(order).toBeNull();
    putManifest(files, {
      ...rest,
      version: 7,
      generation: segment.generation,
      shards: segment.shards,
      positions: segment.positions,
      fragments: segment.fragments,
      ids: segment.ids,
    });
    const fetcher = mapFetcher(files);
    const e = await rejection(IndexLoader.open(fetcher, FAST));
    expect(e).toBeInstanceOf(IndexFormatError);
    expect(e.message).toBe(`manifest.json: index format version 7 is not supported (this code reads version ${FORMAT_VERSION}); rebuild the index`);
    expect([...fetcher.calls]).toStrictEqual([[MANIFEST_FILE, 1]]);
  });

  it('retries the manifest and names it when it cannot be fetched', async () => {
    const fetcher = mapFetcher(new Map());
    const e = await rejection(IndexLoader.open(fetcher, FAST));
    expect(e).toBeInstanceOf(IndexFetchError);
    expect((e as IndexFetchError).file).toBe('manifest.json');
    expect(e.message).toBe('manifest.json: download failed after 3 attempts: no such file manifest.json');
    expect(fetcher.calls.get(MANIFEST_FILE)).toBe(3);
  });
});

describe('IndexLoader: decoding real files', () => {
  it('loads and decodes each shard by number from the generation folder', async () => {
    const { files, manifest } = buildIndex();
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, FAST);
    for (const [term, p] of TERMS) {
      const i = shardOf(term, manifest.segments[0]!.shards.count);
      const shard = await loader.shard(0, i);
      expect(shard.get(term)).toStrictEqual(p);
      expect(shard.get('absent')).toBe(null);
      expect(fetcher.calls.get(`${GEN}/shard-${i}.bin`)).toBe(1);
    }
  });

  it('loads a position shard by number and attaches its positions to the postings from the postings shard', async () => {
    const { files, manifest } = buildIndex();
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, FAST);
    const [term, p] = GRAM;
    const docsOnly = (await loader.shard(0, shardOf(term, manifest.segments[0]!.shards.count))).get(term)!;
    expect(docsOnly).toStrictEqual({ docs: p.docs, weights: p.weights });
    const i = shardOf(term, manifest.segments[0]!.shards.count);
    const withPositions = (await loader.positionShard(0, i)).get(term, docsOnly);
    expect(withPositions).toStrictEqual(p);
    expect(fetcher.calls.get(`${GEN}/pos-${i}.bin`)).toBe(1);
    expect(() => loader.positionShard(0, SHARD_COUNT)).toThrow(new RangeError(`position shard ${SHARD_COUNT} does not exist: this index has ${SHARD_COUNT}`));
  });

  it('reads the header of a position shard’s pack when asked to prefetch it, once, and then only the member', async () => {
    const { files } = buildIndex();
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, FAST);
    const [term, p] = GRAM;
    const i = shardOf(term, SHARD_COUNT);
    loader.prefetchPositions(0, i);
    loader.prefetchPositions(0, i);
    await new Promise((r) => setTimeout(r, 10));
    expect([...fetcher.calls]).toStrictEqual([
      [MANIFEST_FILE, 1],
      [header(at(positionsFile(i))), 1],
    ]);
    const docsOnly = (await loader.shard(0, i)).get(term)!;
    expect((await loader.positionShard(0, i)).get(term, docsOnly)).toStrictEqual(p);
    expect(fetcher.calls.get(header(at(positionsFile(i))))).toBe(1);
    expect(fetcher.calls.get(at(positionsFile(i)))).toBe(1);
    expect(() => loader.prefetchPositions(0, SHARD_COUNT)).toThrow(
      new RangeError(`position shard ${SHARD_COUNT} does not exist: this index has ${SHARD_COUNT}`),
    );
  });

  it('rejects a pack whose header is damaged, or holds another number of members than the manifest says', async () => {
    const { files, manifest } = buildIndex();
    const name = at(fragmentFile(0));
    const pack0 = at(fragmentPackFile(0));
    const whole = encodePack([files.get(name)!]);
    const flipped = whole.slice();
    flipped[6] = flipped[6]! ^ 1;
    const serving =
      (bytes: Uint8Array): Fetcher =>
      async (n, range) =>
        n === pack0 && range ? bytes.slice(range.start, range.end) : mapFetcher(files)(n, range);
    const damaged = await rejection((await IndexLoader.open(serving(flipped), FAST)).fragment(0, 0));
    expect(damaged).toBeInstanceOf(IndexCorruptError);
    expect(damaged.message).toMatch(new RegExp(`^${pack0}: content hash is [0-9a-f]{14}, expected [0-9a-f]{14}`));
    // The manifest says one fragment group: the header of a pack of three is longer than the range read for one.
    expect(manifest.segments[0]!.fragments.count).toBe(1);
    const three = encodePack([files.get(name)!, files.get(name)!, files.get(name)!]);
    const wrongCount = await rejection((await IndexLoader.open(serving(three), FAST)).fragment(0, 0));
    expect(wrongCount).toBeInstanceOf(IndexCorruptError);
    expect((wrongCount as IndexCorruptError).file).toBe(pack0);
  });

  it('reads members past the first pack, the last of a short last pack, and concurrent members of one pack with one header read', async () => {
    const files = new Map<string, Uint8Array>();
    const count = PACK_MEMBERS + 2;
    const docOf = (i: number): Fragment => ({ first: i, docs: [{ ...FRAGMENT.docs[0]!, id: `d${i}` }] });
    for (let i = 0; i < count; i++) files.set(at(fragmentFile(i)), pack(encodeFragment(docOf(i))));
    const segment: SegmentInfo = {
      generation: GEN,
      docCount: count,
      shards: { count: 1 },
      positions: { count: 1 },
      fragments: { groupSize: 1, count },
      ids: { count: 1 },
      deleted: null,
    };
    putManifest(files, { ...manifestBase(), docCount: count, avgLength: 100, segments: [segment], order: null });
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, FAST);
    const read = await Promise.all([0, 1, 2, PACK_MEMBERS - 1, PACK_MEMBERS, count - 1].map((g) => loader.fragment(0, g)));
    expect(read.map((f) => f.docs[0]!.id)).toStrictEqual(['d0', 'd1', 'd2', `d${PACK_MEMBERS - 1}`, `d${PACK_MEMBERS}`, `d${count - 1}`]);
    expect(fetcher.calls.get(header(at(fragmentFile(0))))).toBe(1);
    expect(fetcher.calls.get(header(at(fragmentFile(PACK_MEMBERS))))).toBe(1);
    expect(header(at(fragmentFile(PACK_MEMBERS)))).toBe(`${GEN}/frag-pack-1.bin header`);
  });

  it('retries a pack header damaged on the way, as any file', async () => {
    const { files } = buildIndex();
    const pack0 = at(fragmentPackFile(0));
    const base = mapFetcher(files);
    let headerReads = 0;
    const fetcher: Fetcher = async (name, range) => {
      const bytes = await base(name, range);
      if (name !== pack0 || range?.start !== 0) return bytes;
      const damaged = bytes.slice();
      if (++headerReads === 1) damaged[10] = damaged[10]! ^ 1;
      return damaged;
    };
    expect(await (await IndexLoader.open(fetcher, FAST)).fragment(0, 0)).toStrictEqual(FRAGMENT);
    expect(headerReads).toBe(2);
  });

  it('decodes an empty shard', async () => {
    const { files } = buildIndex();
    files.set(at(shardFile(0)), pack(encodeShard([])));
    const loader = await IndexLoader.open(mapFetcher(files), FAST);
    const shard = await loader.shard(0, 0);
    expect(shard.terms).toBe(0);
    expect(shard.get('银行')).toBe(null);
  });

  it('loads the columns, lengths as their one-byte codes stand for: days and lengths from the rank file alone, facet values from the facets file', async () => {
    const { files } = buildIndex();
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, FAST);
    const rank = await loader.rank(0);
    expect(rank).toStrictEqual(rankOf(DECODED_COLUMNS, slotsOf([FRAGMENT])));
    for (let d = 0; d < COLUMNS.docCount; d++) expect(Math.abs(rank.length[d]! - COLUMNS.length[d]!)).toBeLessThanOrEqual(COLUMNS.length[d]! * 0.03);
    // Ranking needs no facet values: they are not fetched until asked for.
    expect([...fetcher.calls.keys()]).toStrictEqual([MANIFEST_FILE, `${GEN}/rank.bin`]);
    expect(await loader.facetValues(0)).toStrictEqual(facetsOf(DECODED_COLUMNS));
    expect([...fetcher.calls]).toStrictEqual([
      [MANIFEST_FILE, 1],
      [`${GEN}/rank.bin`, 1],
      [`${GEN}/facets.bin`, 1],
    ]);
  });

  it('refuses a column file of another number of documents than its segment, naming the file', async () => {
    for (const [file, docCount] of [
      [RANK_FILE, 2],
      [FACETS_FILE, 4],
    ] as const) {
      const { files } = buildIndex();
      const short: Columns = {
        docCount,
        day: new Int32Array(docCount),
        length: new Uint32Array(docCount),
        facets: Object.fromEntries(FACETS.map((f) => [f.key, facetColumn(Array.from({ length: docCount }, () => []))])) as Columns['facets'],
      };
      const encoded = encodeColumns(short);
      files.set(`${GEN}/${file}`, pack(file === RANK_FILE ? encoded.rank : encoded.facets));
      const loader = await IndexLoader.open(mapFetcher(files), FAST);
      const read = file === RANK_FILE ? loader.rank(0) : loader.facetValues(0);
      await expect(read).rejects.toThrow(IndexFormatError);
      await expect(read).rejects.toThrow(`${GEN}/${file}: holds ${docCount} documents; the manifest says 3`);
    }
  });

  it('loads a fragment from its pack (the header, then its range) and an id table from its fixed .bin name', async () => {
    const { files } = buildIndex();
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, FAST);
    expect(await loader.fragment(0, 0)).toStrictEqual(FRAGMENT);
    expect(await loader.ids(0, 0)).toStrictEqual({ a1: 0, b2: 1, c3: 2 });
    expect([...fetcher.calls]).toStrictEqual([
      [MANIFEST_FILE, 1],
      [header(at(fragmentFile(0))), 1],
      [`${GEN}/frag-0.bin`, 1],
      [`${GEN}/ids-0.bin`, 1],
    ]);
  });

  it('reads a fragment at the range its rank file gives once that file is in, with no pack header, and gets what the header would give', async () => {
    const { files } = buildTwoSegments();
    const viaHeader = await IndexLoader.open(mapFetcher(files), FAST);
    const fetcher = mapFetcher(files);
    const viaSlots = await IndexLoader.open(fetcher, FAST);
    await viaSlots.rank(1);
    for (const g of [0, 1]) expect(await viaSlots.fragment(1, g)).toStrictEqual(await viaHeader.fragment(1, g));
    expect([...fetcher.calls]).toStrictEqual([
      [MANIFEST_FILE, 1],
      [at(RANK_FILE, GEN2), 1],
      [at(fragmentFile(0), GEN2), 1],
      [at(fragmentFile(1), GEN2), 1],
    ]);
    // The other segment's rank file is not in memory: its fragment is read through its pack's header.
    await viaSlots.fragment(0, 0);
    expect(fetcher.calls.get(header(at(fragmentFile(0))))).toBe(1);
  });

  it('reads a fragment through its pack header when the rank file holds another number of slots than the manifest has groups', async () => {
    const { files } = buildIndex();
    putColumns((file, payload) => files.set(at(file), pack(payload)), COLUMNS);
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, FAST);
    expect((await loader.rank(0)).slots).toHaveLength(0);
    expect(await loader.fragment(0, 0)).toStrictEqual(FRAGMENT);
    expect(fetcher.calls.get(header(at(fragmentFile(0))))).toBe(1);
  });

  it('reads a fragment through its pack header when the rank file’s slot sizes disagree with the pack', async () => {
    const { files } = buildTwoSegments();
    // The first slot one block longer than it is: both derived ranges miss their slots.
    const stored = FRAGMENTS2.map((f, g) => pack(encodeFragment(f)).length + (g === 0 ? SLOT_BLOCK : 0));
    putColumns((file, payload) => files.set(at(file, GEN2), pack(payload)), COLUMNS2, { groupSize: 1, stored });
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, { retries: 0, retryDelayMs: 1 });
    await loader.rank(1);
    expect(await loader.fragment(1, 0)).toStrictEqual(FRAGMENTS2[0]);
    expect(await loader.fragment(1, 1)).toStrictEqual(FRAGMENTS2[1]);
    expect(fetcher.calls.get(header(at(fragmentFile(0), GEN2)))).toBe(1);
  });

  it('keeps the character entries a fragment document carries, and only where it has them', async () => {
    const { files } = buildIndex();
    const loader = await IndexLoader.open(mapFetcher(files), FAST);
    const [a1, b2] = (await loader.fragment(0, 0)).docs;
    expect(a1!.chars).toStrictEqual({ 銀: '银' });
    expect(foldText(a1!.title, a1!.chars)).toBe('工商银行下调lpr');
    expect('chars' in b2!).toBe(false);
  });

  it('loads a file written by the async packFile exactly like the fixture file', async () => {
    const { files, payloads } = buildIndex();
    const fromSync = await IndexLoader.open(mapFetcher(files), FAST);
    const packed = new Map(files);
    for (const [name, payload] of payloads) {
      const file = await packFile(payload);
      expect(gunzip(file), name).toStrictEqual(seal(payload));
      packed.set(name, file);
    }
    const fetcher = mapFetcher(packed);
    const fromAsync = await IndexLoader.open(fetcher, FAST);
    expect(await fromAsync.rank(0)).toStrictEqual(await fromSync.rank(0));
    expect(await fromAsync.rank(0)).toStrictEqual(rankOf(DECODED_COLUMNS, slotsOf([FRAGMENT])));
    expect(await fromAsync.facetValues(0)).toStrictEqual(await fromSync.facetValues(0));
    expect(await fromAsync.facetValues(0)).toStrictEqual(facetsOf(DECODED_COLUMNS));
    expect(await fromAsync.fragment(0, 0)).toStrictEqual(FRAGMENT);
    expect(await fromAsync.ids(0, 0)).toStrictEqual(await fromSync.ids(0, 0));
    for (let i = 0; i < SHARD_COUNT; i++) {
      const [a, b] = [await fromAsync.shard(0, i), await fromSync.shard(0, i)];
      expect(a.keys()).toStrictEqual(b.keys());
      for (const t of a.keys()) expect(a.get(t)).toStrictEqual(b.get(t));
    }
    expect(await fromAsync.charTable('中國銀行')).toStrictEqual(await fromSync.charTable('中國銀行'));
    // The packFile bytes were the ones read.
    expect(fetcher.calls.get(at(RANK_FILE))).toBe(1);
    expect(fetcher.calls.get(at(FACETS_FILE))).toBe(1);
  });

  it('loads from the generation the manifest names, never from another build', async () => {
    const old = buildIndex('g-ffffffffffffff');
    const current = buildIndex();
    const files = new Map([...old.files, ...current.files]);
    // The old build's columns differ, days and facet values both: a mix-up of either file would show.
    putColumns((file, payload) => files.set(at(file, 'g-ffffffffffffff'), pack(payload)), {
      ...COLUMNS,
      day: Int32Array.from([19_000, 19_001, 19_002]),
      facets: { ...COLUMNS.facets, source: facetColumn([['旧'], [], []]) },
    });
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, FAST);
    expect(await loader.rank(0)).toStrictEqual(rankOf(DECODED_COLUMNS, slotsOf([FRAGMENT])));
    expect(await loader.facetValues(0)).toStrictEqual(facetsOf(DECODED_COLUMNS));
    await loader.shard(0, FULL_SHARD);
    await loader.fragment(0, 0);
    await loader.charTable('國');
    // The manifest, the two column files, a shard, a fragment (at the range the rank file's slots give: no
    // pack header), a part of the character table.
    expect(fetcher.calls.size).toBe(6);
    for (const name of fetcher.calls.keys()) if (name !== MANIFEST_FILE) expect(name.startsWith(`${GEN}/`), name).toBe(true);
  });

  it('a correctly packed file whose layout is wrong is an IndexFormatError, not retried', async () => {
    const { files } = buildIndex();
    const name = at(shardFile(FULL_SHARD));
    files.set(name, pack(new TextEncoder().encode('not a shard')));
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, FAST);
    const e = await rejection(loader.shard(0, FULL_SHARD));
    expect(e).toBeInstanceOf(IndexFormatError);
    expect((e as IndexFormatError).file).toBe(name);
    expect(e.message.startsWith(`${name}: `)).toBe(true);
    expect(fetcher.calls.get(name)).toBe(1);
  });

  it('a character shard that is not a table of single characters is an IndexFormatError naming it', async () => {
    const { files } = buildIndex();
    const k = charShardOf('國');
    const name = at(charsFile(k));
    files.set(name, pack(encodeJson({ 國: '国家' })));
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, FAST);
    const e = await rejection(loader.charTable('國'));
    expect(e).toBeInstanceOf(IndexFormatError);
    expect(e.message).toBe(`${name}: expected an object of single characters`);
    expect(fetcher.calls.get(name)).toBe(1);
  });

  it('decodes the payload only: the inflated file is the sealed JSON, the fragment its JSON', async () => {
    const { files } = buildIndex();
    const name = at(fragmentFile(0));
    const inflated = gunzip(files.get(name)!);
    expect(inflated.length).toBe(encodeFragment(FRAGMENT).length + TRAILER_LENGTH);
    expect(sealedHash(inflated)).toBe(contentHash(encodeFragment(FRAGMENT)));
    const loader = await IndexLoader.open(mapFetcher(files), FAST);
    expect((await loader.fragment(0, 0)).docs.map((d) => d.id)).toStrictEqual(['a1', 'b2', 'c3']);
  });
});

/** `payload` sealed, then changed by `damage`, then gzipped: a file whose compression is sound but whose content is not. */
function packDamaged(payload: Uint8Array, damage: (sealed: Uint8Array) => void): Uint8Array {
  const sealed = seal(payload).slice();
  damage(sealed);
  return gzip(sealed);
}

describe('IndexLoader: gzip and content hash checks', () => {
  it('re-exports the IndexCorruptError of lib/index-format', () => {
    expect(IndexCorruptError).toBe(FormatIndexCorruptError);
  });

  it('rejects a payload damaged after sealing with IndexCorruptError and the exact message of unseal, after retrying', async () => {
    const { files, payloads } = buildIndex();
    const name = at(shardFile(FULL_SHARD));
    const payload = payloads.get(name)!;
    let inflated!: Uint8Array;
    files.set(
      name,
      packDamaged(payload, (s) => {
        s[0] = s[0]! ^ 1;
        inflated = s;
      }),
    );
    const expected = contentHash(payload);
    const actual = contentHash(inflated.subarray(0, inflated.length - TRAILER_LENGTH));
    expect(actual).not.toBe(expected);
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, FAST);
    const e = await rejection(loader.shard(0, FULL_SHARD));
    expect(e).toBeInstanceOf(IndexCorruptError);
    expect(e.name).toBe('IndexCorruptError');
    expect((e as IndexCorruptError).file).toBe(name);
    expect(e.message).toBe(mismatch(name, actual, expected));
    // A damaged download may be transient, so it is retried like a failed one.
    expect(fetcher.calls.get(name)).toBe(3);
  });

  it.each(COLUMN_FILES)('rejects a single flipped byte at the end of the payload ($file)', async ({ file, read, payload: of }) => {
    const { files, payloads } = buildIndex();
    const name = at(file);
    const payload = payloads.get(name)!;
    const bad = payload.slice();
    bad[bad.length - 1] = bad[bad.length - 1]! ^ 1;
    files.set(
      name,
      packDamaged(payload, (s) => s.set(bad)),
    );
    const loader = await IndexLoader.open(mapFetcher(files), FAST);
    const e = await rejection(read(loader, 0));
    expect(e).toBeInstanceOf(IndexCorruptError);
    const expected = contentHash(of(encodeColumns(COLUMNS, SLOTS_A())));
    expect(contentHash(payload)).toBe(expected);
    expect(e.message).toBe(mismatch(`${GEN}/${file}`, contentHash(bad), expected));
  });

  it('rejects a damaged trailer hash', async () => {
    const { files, payloads } = buildIndex();
    const name = at(idsFile(0));
    let inflated!: Uint8Array;
    files.set(
      name,
      packDamaged(payloads.get(name)!, (s) => {
        s[s.length - 1] = s[s.length - 1]! ^ 0x10;
        inflated = s;
      }),
    );
    const loader = await IndexLoader.open(mapFetcher(files), FAST);
    const e = await rejection(loader.ids(0, 0));
    expect(e).toBeInstanceOf(IndexCorruptError);
    const carried = sealedHash(inflated)!;
    expect(carried).not.toBe(contentHash(payloads.get(name)!));
    expect(e.message).toBe(mismatch(name, contentHash(payloads.get(name)!), carried));
  });

  it('rejects a file sealed for another payload (same name, other build)', async () => {
    const { files, payloads } = buildIndex();
    const name = at(shardFile(FULL_SHARD));
    const otherShard = seal(encodeShard([['银行', postings([1], [packWeight(1, true)])]]));
    // This build's payload with the other file's trailer.
    files.set(
      name,
      packDamaged(payloads.get(name)!, (s) => s.set(otherShard.subarray(otherShard.length - TRAILER_LENGTH), s.length - TRAILER_LENGTH)),
    );
    const loader = await IndexLoader.open(mapFetcher(files), FAST);
    const e = await rejection(loader.shard(0, FULL_SHARD));
    expect(e).toBeInstanceOf(IndexCorruptError);
    expect(e.message).toBe(mismatch(name, contentHash(payloads.get(name)!), sealedHash(otherShard)!));
  });

  it('rejects every flipped byte of the compressed stream with IndexCorruptError naming the file', async () => {
    const { files } = buildIndex();
    const name = at(fragmentFile(0));
    const good = files.get(name)!;
    let current = good;
    const fetcher = mapFetcher(files, (n) => (n === name ? current : undefined));
    const loader = await IndexLoader.open(fetcher, { retries: 0, retryDelayMs: 1 });
    let inflateErrors = 0;
    // Bytes 0-9 are the gzip header (its time stamp and OS bytes may change freely); from 10 on, the
    // deflate stream and the gzip trailer (CRC-32 and length).
    for (let i = 10; i < good.length; i++) {
      current = good.slice();
      current[i] = current[i]! ^ 0xff;
      const e = await rejection(loader.fragment(0, 0));
      expect(e, `byte ${i}`).toBeInstanceOf(IndexCorruptError);
      expect((e as IndexCorruptError).file, `byte ${i}`).toBe(packed(name));
      if (isInflateError(packed(name), e.message)) inflateErrors++;
      else expect(e.message, `byte ${i}`).toMatch(/: content hash is [0-9a-f]{14}, expected [0-9a-f]{14} \(the file is damaged or from another build\)$/);
    }
    // zlib checks the CRC-32 itself, so most damage is caught while inflating.
    expect(inflateErrors).toBeGreaterThan(0);
    expect(fetcher.calls.get(name)).toBe(good.length - 10);
    // Failures are not cached: the sound file still loads.
    current = good;
    expect(await loader.fragment(0, 0)).toStrictEqual(FRAGMENT);
  });

  it.each(COLUMN_FILES)('retries a file damaged inside the compressed stream, then reports why zlib refused it ($file)', async ({ file, read }) => {
    const { files } = buildIndex();
    const name = at(file);
    const bad = files.get(name)!.slice();
    // The CRC-32 of the gzip trailer: the stream inflates, then fails its check.
    bad[bad.length - 8] = bad[bad.length - 8]! ^ 1;
    files.set(name, bad);
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, FAST);
    const e = await rejection(read(loader, 0));
    expect(e).toBeInstanceOf(IndexCorruptError);
    expect((e as IndexCorruptError).file).toBe(name);
    expect(isInflateError(name, e.message), e.message).toBe(true);
    expect(fetcher.calls.get(name)).toBe(3);
  });

  it('rejects a truncated compressed file', async () => {
    const { files } = buildIndex();
    const name = at(fragmentFile(0));
    const good = files.get(name)!;
    for (const cut of [good.length - 1, good.length - 4, good.length - 8, good.length - 9, Math.floor(good.length / 2), 18]) {
      files.set(name, good.slice(0, cut));
      const loader = await IndexLoader.open(mapFetcher(files), FAST);
      const e = await rejection(loader.fragment(0, 0));
      expect(e, `cut at ${cut}`).toBeInstanceOf(IndexCorruptError);
      expect((e as IndexCorruptError).file).toBe(packed(name));
      expect(isInflateError(packed(name), e.message), `cut at ${cut}: ${e.message}`).toBe(true);
    }
    // Shorter than any gzip file (header and trailer alone are 18 bytes): not gzip at all.
    for (const cut of [17, 10, 2]) {
      files.set(name, good.slice(0, cut));
      const loader = await IndexLoader.open(mapFetcher(files), FAST);
      const e = await rejection(loader.fragment(0, 0));
      expect(e, `cut at ${cut}`).toBeInstanceOf(IndexCorruptError);
      expect(e.message).toBe(notGzip(packed(name), cut));
    }
  });

  it('rejects an empty download', async () => {
    const { files } = buildIndex();
    const name = at(charsFile(charShardOf('國')));
    files.set(name, new Uint8Array(0));
    const loader = await IndexLoader.open(mapFetcher(files), FAST);
    const e = await rejection(loader.charTable('國'));
    expect(e).toBeInstanceOf(IndexCorruptError);
    expect((e as IndexCorruptError).file).toBe(name);
    expect(e.message).toBe(notGzip(`${GEN}/chars-11.bin`, 0));
  });

  it.each(COLUMN_FILES)('rejects a file written without gzip (sealed only), after retrying ($file)', async ({ file, read }) => {
    const { files, payloads } = buildIndex();
    const name = at(file);
    const sealed = seal(payloads.get(name)!);
    files.set(name, sealed);
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, FAST);
    const e = await rejection(read(loader, 0));
    expect(e).toBeInstanceOf(IndexCorruptError);
    expect((e as IndexCorruptError).file).toBe(name);
    expect(e.message).toBe(notGzip(name, sealed.length));
    expect(e.message).toBe(`g-5e9a0c1d2b3f47/${file}: is not gzip-compressed (${sealed.length} bytes; truncated, or not written by this indexer)`);
    expect(fetcher.calls.get(name)).toBe(3);
  });

  it('rejects a file written without gzip even when it is long and JSON', async () => {
    const { files, payloads } = buildIndex();
    const name = at(fragmentFile(0));
    const sealed = seal(payloads.get(name)!);
    expect(sealed.length).toBeGreaterThan(18);
    files.set(name, sealed);
    const loader = await IndexLoader.open(mapFetcher(files), FAST);
    expect((await rejection(loader.fragment(0, 0))).message).toBe(notGzip(packed(name), sealed.length));
  });

  it.each(COLUMN_FILES)('rejects a gzipped file written without a trailer ($file)', async ({ file, read }) => {
    const { files, payloads } = buildIndex();
    const name = at(file);
    const raw = payloads.get(name)!;
    expect(sealedHash(raw)).toBeNull();
    files.set(name, gzip(raw));
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, FAST);
    const e = await rejection(read(loader, 0));
    expect(e).toBeInstanceOf(IndexCorruptError);
    expect((e as IndexCorruptError).file).toBe(name);
    expect(e.message).toBe(noTrailer(name, raw.length));
    expect(fetcher.calls.get(name)).toBe(3);
  });

  it('rejects a file gzipped twice', async () => {
    const { files } = buildIndex();
    const name = at(idsFile(0));
    const twice = gzip(files.get(name)!);
    files.set(name, twice);
    const loader = await IndexLoader.open(mapFetcher(files), FAST);
    const e = await rejection(loader.ids(0, 0));
    expect(e).toBeInstanceOf(IndexCorruptError);
    // Inflated once, it is the inner gzip file, which has no trailer.
    expect(e.message).toBe(noTrailer(name, gunzip(twice).length));
  });

  it('accepts a damaged first download when a retry brings the right bytes', async () => {
    const { files } = buildIndex();
    const name = at(shardFile(FULL_SHARD));
    const truncated = files.get(name)!.slice(0, -4);
    const fetcher = mapFetcher(files, (n, call) => (n === name && call === 1 ? truncated : undefined));
    const loader = await IndexLoader.open(fetcher, FAST);
    const shard = await loader.shard(0, FULL_SHARD);
    expect(shard.get('银行')).toStrictEqual(TERMS[0]![1]);
    expect(fetcher.calls.get(name)).toBe(2);
  });

  it('reports the last attempt: corrupt then unreachable is an IndexFetchError', async () => {
    const { files } = buildIndex();
    const name = at(shardFile(FULL_SHARD));
    const fetcher = mapFetcher(files, (n, call) => {
      if (n !== name) return undefined;
      if (call < 3) return new Uint8Array([1, 2, 3]);
      throw new Error('network down');
    });
    const loader = await IndexLoader.open(fetcher, FAST);
    const e = await rejection(loader.shard(0, FULL_SHARD));
    expect(e).toBeInstanceOf(IndexFetchError);
    expect(e.message).toBe(`${name}: download failed after 3 attempts: network down`);
  });

  it('reports the last attempt: unreachable then corrupt is an IndexCorruptError', async () => {
    const { files } = buildIndex();
    const name = at(shardFile(FULL_SHARD));
    const fetcher = mapFetcher(files, (n, call) => {
      if (n !== name) return undefined;
      if (call < 3) throw new Error('network down');
      return new Uint8Array([1, 2, 3]);
    });
    const loader = await IndexLoader.open(fetcher, FAST);
    const e = await rejection(loader.shard(0, FULL_SHARD));
    expect(e).toBeInstanceOf(IndexCorruptError);
    expect(e.message).toBe(notGzip(name, 3));
    expect(fetcher.calls.get(name)).toBe(3);
  });

  it('reports the last attempt: each corrupt in its own way, the last one decides the message', async () => {
    const { files, payloads } = buildIndex();
    const name = at(shardFile(FULL_SHARD));
    const unsealed = gzip(payloads.get(name)!);
    const fetcher = mapFetcher(files, (n, call) => {
      if (n !== name) return undefined;
      if (call === 1) return new Uint8Array(0);
      if (call === 2) return files.get(name)!.slice(0, -4);
      return unsealed;
    });
    const loader = await IndexLoader.open(fetcher, FAST);
    const e = await rejection(loader.shard(0, FULL_SHARD));
    expect(e).toBeInstanceOf(IndexCorruptError);
    expect(e.message).toBe(noTrailer(name, payloads.get(name)!.length));
  });
});

describe('IndexLoader: retries', () => {
  it('succeeds after two failures with retries 2', async () => {
    const { files } = buildIndex();
    const name = at(shardFile(FULL_SHARD));
    const fetcher = mapFetcher(files, (n, call) => {
      if (n === name && call <= 2) throw new Error(`network down ${call}`);
      return undefined;
    });
    const loader = await IndexLoader.open(fetcher, { retries: 2, retryDelayMs: 1 });
    const shard = await loader.shard(0, FULL_SHARD);
    expect(shard.keys()).toStrictEqual(
      [...TERMS, GRAM]
        .map(([t]) => t)
        .filter((t) => shard.has(t))
        .sort(),
    );
    expect(shard.has('银行')).toBe(true);
    expect(fetcher.calls.get(name)).toBe(3);
  });

  it('fails with IndexFetchError naming the file after 3 attempts', async () => {
    const { files } = buildIndex();
    const name = at(shardFile(FULL_SHARD));
    const fetcher = mapFetcher(files, (n, call) => {
      if (n === name) throw new Error(`network down ${call}`);
      return undefined;
    });
    const loader = await IndexLoader.open(fetcher, FAST);
    const e = await rejection(loader.shard(0, FULL_SHARD));
    expect(e).toBeInstanceOf(IndexFetchError);
    expect(e.name).toBe('IndexFetchError');
    expect((e as IndexFetchError).file).toBe(name);
    expect(e.message).toBe(`${name}: download failed after 3 attempts: network down 3`);
    expect((e.cause as Error).message).toBe('network down 3');
    expect(fetcher.calls.get(name)).toBe(3);
  });

  it.each(COLUMN_FILES)('keeps only the reason of an IndexFetchError from the fetcher ($file)', async ({ file, read }) => {
    const { files } = buildIndex();
    const name = at(file);
    const fetcher = mapFetcher(files, (n) => {
      if (n === name) throw new IndexFetchError(n, 'HTTP 503 Service Unavailable');
      return undefined;
    });
    const loader = await IndexLoader.open(fetcher, FAST);
    const e = await rejection(read(loader, 0));
    expect(e).toBeInstanceOf(IndexFetchError);
    expect(e.message).toBe(`${name}: download failed after 3 attempts: HTTP 503 Service Unavailable`);
    expect((e as IndexFetchError).reason).toBe('download failed after 3 attempts: HTTP 503 Service Unavailable');
  });

  it('reports a non-Error rejection as text', async () => {
    const fetcher: Fetcher = () => Promise.reject('offline');
    const e = await rejection(IndexLoader.open(fetcher, { retries: 0, retryDelayMs: 1 }));
    expect(e.message).toBe('manifest.json: download failed after 1 attempts: offline');
  });

  it('catches a fetcher that throws synchronously', async () => {
    const fetcher = (() => {
      throw new Error('sync');
    }) as unknown as Fetcher;
    const e = await rejection(IndexLoader.open(fetcher, FAST));
    expect(e).toBeInstanceOf(IndexFetchError);
    expect(e.message).toBe('manifest.json: download failed after 3 attempts: sync');
  });

  it('the number of attempts follows the retries option', async () => {
    const fetcher = mapFetcher(new Map());
    const e = await rejection(IndexLoader.open(fetcher, { retries: 4, retryDelayMs: 1 }));
    expect(e.message).toBe('manifest.json: download failed after 5 attempts: no such file manifest.json');
    expect(fetcher.calls.get(MANIFEST_FILE)).toBe(5);
  });

  it('retries a build file as often as the retries option says', async () => {
    const { files } = buildIndex();
    const name = at(fragmentFile(0));
    const fetcher = mapFetcher(files, (n) => (n === name ? new Uint8Array(0) : undefined));
    const loader = await IndexLoader.open(fetcher, { retries: 0, retryDelayMs: 1 });
    const slot = slotBlocks(files.get(name)!.length) * SLOT_BLOCK;
    expect((await rejection(loader.fragment(0, 0))).message).toBe(
      `${packed(name)}: bytes ${packHeaderLength(1)}–${packHeaderLength(1) + slot - 1} came back as 0 bytes, not ${slot} (a truncated range)`,
    );
    expect(fetcher.calls.get(name)).toBe(1);
  });

  it('waits retryDelayMs before the first retry and doubles the delay after each', async () => {
    vi.useFakeTimers();
    const fetcher = mapFetcher(new Map());
    const p = rejection(IndexLoader.open(fetcher, { retries: 2, retryDelayMs: 100 }));
    await vi.advanceTimersByTimeAsync(0);
    expect(fetcher.calls.get(MANIFEST_FILE)).toBe(1);
    await vi.advanceTimersByTimeAsync(99);
    expect(fetcher.calls.get(MANIFEST_FILE)).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fetcher.calls.get(MANIFEST_FILE)).toBe(2);
    await vi.advanceTimersByTimeAsync(199);
    expect(fetcher.calls.get(MANIFEST_FILE)).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(fetcher.calls.get(MANIFEST_FILE)).toBe(3);
    expect((await p).message).toBe('manifest.json: download failed after 3 attempts: no such file manifest.json');
  });

  it.each(COLUMN_FILES)('waits between retries of a corrupt build file too ($file)', async ({ file, read }) => {
    const { files } = buildIndex();
    const name = at(file);
    const fetcher = mapFetcher(files, (n) => (n === name ? new Uint8Array([1]) : undefined));
    const loader = await IndexLoader.open(fetcher, { retries: 1, retryDelayMs: 100 });
    vi.useFakeTimers();
    const p = rejection(read(loader, 0));
    await vi.advanceTimersByTimeAsync(0);
    expect(fetcher.calls.get(name)).toBe(1);
    await vi.advanceTimersByTimeAsync(99);
    expect(fetcher.calls.get(name)).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fetcher.calls.get(name)).toBe(2);
    expect((await p).message).toBe(notGzip(name, 1));
  });
});

describe('IndexLoader: caching', () => {
  it('fetches a file once even when it is requested concurrently', async () => {
    const { files } = buildIndex();
    const name = at(shardFile(FULL_SHARD));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const calls: string[] = [];
    const fetcher: Fetcher = async (n) => {
      calls.push(n);
      if (n !== MANIFEST_FILE) await gate;
      return files.get(n)!;
    };
    const loader = await IndexLoader.open(fetcher, FAST);
    const pending = Array.from({ length: 5 }, () => loader.shard(0, FULL_SHARD));
    await new Promise((r) => setTimeout(r, 5));
    expect(calls).toStrictEqual([MANIFEST_FILE, name]);
    release();
    const shards = await Promise.all(pending);
    for (const s of shards) expect(s).toBe(shards[0]);
    expect(await loader.shard(0, FULL_SHARD)).toBe(shards[0]);
    expect(calls).toStrictEqual([MANIFEST_FILE, name]);
  });

  it('keeps different files apart: each shard, fragment and id table once', async () => {
    const { files } = buildIndex();
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, FAST);
    const [s0, s1, s0b, f, i] = await Promise.all([loader.shard(0, 0), loader.shard(0, 1), loader.shard(0, 0), loader.fragment(0, 0), loader.ids(0, 0)]);
    expect(s0b).toBe(s0);
    expect(s1).not.toBe(s0);
    expect(f).toStrictEqual(FRAGMENT);
    expect(i).toStrictEqual({ a1: 0, b2: 1, c3: 2 });
    expect([...fetcher.calls].sort()).toStrictEqual(
      [
        [MANIFEST_FILE, 1],
        [`${GEN}/shard-0.bin`, 1],
        [`${GEN}/shard-1.bin`, 1],
        [header(at(fragmentFile(0))), 1],
        [`${GEN}/frag-0.bin`, 1],
        [`${GEN}/ids-0.bin`, 1],
      ].sort(),
    );
  });

  it('fetches each column file once across calls', async () => {
    const { files } = buildIndex();
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, FAST);
    const [a, b, c, d] = await Promise.all([loader.rank(0), loader.rank(0), loader.facetValues(0), loader.facetValues(0)]);
    expect(a).toBe(b);
    expect(c).toBe(d);
    expect(await loader.rank(0)).toBe(a);
    expect(await loader.facetValues(0)).toBe(c);
    expect(fetcher.calls.get(at(RANK_FILE))).toBe(1);
    expect(fetcher.calls.get(at(FACETS_FILE))).toBe(1);
  });

  it('does not cache a failed load: a later call fetches again', async () => {
    const { files } = buildIndex();
    const name = at(shardFile(FULL_SHARD));
    const fetcher = mapFetcher(files, (n, call) => {
      if (n === name && call <= 3) throw new Error(`network down ${call}`);
      return undefined;
    });
    const loader = await IndexLoader.open(fetcher, FAST);
    const e = await rejection(loader.shard(0, FULL_SHARD));
    expect(e).toBeInstanceOf(IndexFetchError);
    expect(fetcher.calls.get(name)).toBe(3);
    const shard = await loader.shard(0, FULL_SHARD);
    expect(shard.terms).toBeGreaterThan(0);
    expect(fetcher.calls.get(name)).toBe(4);
    expect(await loader.shard(0, FULL_SHARD)).toBe(shard);
    expect(fetcher.calls.get(name)).toBe(4);
  });

  it('does not cache a corrupt file: a later call fetches again', async () => {
    const { files } = buildIndex();
    const name = at(shardFile(FULL_SHARD));
    const truncated = files.get(name)!.slice(0, -4);
    const fetcher = mapFetcher(files, (n, call) => (n === name && call <= 3 ? truncated : undefined));
    const loader = await IndexLoader.open(fetcher, FAST);
    expect(await rejection(loader.shard(0, FULL_SHARD))).toBeInstanceOf(IndexCorruptError);
    expect(fetcher.calls.get(name)).toBe(3);
    expect((await loader.shard(0, FULL_SHARD)).terms).toBeGreaterThan(0);
    expect(fetcher.calls.get(name)).toBe(4);
  });

  it('does not cache a file that failed to decode: a later call fetches again', async () => {
    const { files } = buildIndex();
    const name = at(shardFile(FULL_SHARD));
    const junk = pack(new TextEncoder().encode('not a shard'));
    const fetcher = mapFetcher(files, (n, call) => (n === name && call === 1 ? junk : undefined));
    const loader = await IndexLoader.open(fetcher, FAST);
    expect(await rejection(loader.shard(0, FULL_SHARD))).toBeInstanceOf(IndexFormatError);
    expect(fetcher.calls.get(name)).toBe(1);
    expect((await loader.shard(0, FULL_SHARD)).terms).toBeGreaterThan(0);
    expect(fetcher.calls.get(name)).toBe(2);
  });

  it('callers waiting on a failed load all see the failure, and the next call retries', async () => {
    const { files } = buildIndex();
    const name = at(shardFile(FULL_SHARD));
    let fail = true;
    const fetcher = mapFetcher(files, (n) => {
      if (n === name && fail) throw new Error('down');
      return undefined;
    });
    const loader = await IndexLoader.open(fetcher, FAST);
    const errors = await Promise.all([rejection(loader.shard(0, FULL_SHARD)), rejection(loader.shard(0, FULL_SHARD))]);
    expect(errors[0]).toBe(errors[1]);
    expect(fetcher.calls.get(name)).toBe(3);
    fail = false;
    expect((await loader.shard(0, FULL_SHARD)).terms).toBeGreaterThan(0);
    expect(fetcher.calls.get(name)).toBe(4);
  });
});

describe('IndexLoader: character table', () => {
  it('is null, fetching nothing, when the manifest has no table', async () => {
    const { files, manifest } = buildIndex();
    for (let k = 0; k < CHAR_SHARDS; k++) files.delete(at(charsFile(k)));
    files.set(MANIFEST_FILE, new TextEncoder().encode(JSON.stringify({ ...manifest, chars: { count: 0 } })));
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, FAST);
    expect(loader.manifest.chars.count).toBe(0);
    expect(await loader.charTable('中國銀行')).toBe(null);
    expect(await loader.charTable('LPR')).toBe(null);
    expect(await loader.charTable('')).toBe(null);
    expect([...fetcher.calls.keys()]).toStrictEqual([MANIFEST_FILE]);
  });

  it('fetches only the shards of the characters of the text, each once', async () => {
    const { files } = buildIndex();
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, FAST);
    const table = await loader.charTable('中國銀行：國行');
    // 中 U+4E2D → 13, 國 U+570B → 11, 銀 U+9280 → 0, 行 U+884C → 12, ： U+FF1A folds to ASCII ':' (no shard).
    expect([charShardOf('中'), charShardOf('國'), charShardOf('銀'), charShardOf('行')]).toStrictEqual([13, 11, 0, 12]);
    expect(charCalls(fetcher)).toStrictEqual([
      [0, 1],
      [11, 1],
      [12, 1],
      [13, 1],
    ]);
    // Whole shards arrive: 觀 shares shard 0 with 銀, so it comes along.
    expect(table).toStrictEqual({ 國: '国', 銀: '银', 觀: '观' });
    expect(foldText('中國銀行', table)).toBe('中国银行');
  });

  it('fetches nothing for ASCII-only text and returns the table as far as it is loaded', async () => {
    const { files } = buildIndex();
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, FAST);
    const empty = await loader.charTable('LPR 2024 bank-of-china');
    expect(empty).toStrictEqual({});
    expect(await loader.charTable('')).toBe(empty);
    expect(charCalls(fetcher)).toStrictEqual([]);
    await loader.charTable('這');
    const later = await loader.charTable('BOCOM');
    expect(later).toBe(empty);
    expect(later).toStrictEqual({ 這: '这' });
    expect(charCalls(fetcher)).toStrictEqual([[charShardOf('這'), 1]]);
  });

  it('fetches no shard for a ranked character the manifest says has no entry, and still those of the others', async () => {
    const { files, manifest } = buildIndex();
    // 國 is not among the text code's ranked characters; 中, 行, 国 and 银 are, and the manifest lists 行 as having an entry.
    files.set(MANIFEST_FILE, new TextEncoder().encode(JSON.stringify({ ...manifest, chars: { count: CHAR_SHARDS, ranked: '行' } })));
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, FAST);
    expect(await loader.charTable('中国银')).toStrictEqual({});
    expect(charCalls(fetcher)).toStrictEqual([]);
    await loader.charTable('中國');
    expect(charCalls(fetcher)).toStrictEqual([[charShardOf('國'), 1]]);
    await loader.charTable('行');
    expect(charCalls(fetcher)).toStrictEqual([
      [charShardOf('國'), 1],
      [charShardOf('行'), 1],
    ]);
    // Without the list, as in the manifests of earlier builds, every character's shard is read.
    const { files: plainFiles } = buildIndex();
    const plain = mapFetcher(plainFiles);
    await (await IndexLoader.open(plain, FAST)).charTable('中国银');
    expect(charCalls(plain)).toStrictEqual([...new Set([charShardOf('中'), charShardOf('国'), charShardOf('银')])].sort((a, b) => a - b).map((k) => [k, 1]));
  });

  it('fetches nothing for full-width ASCII, which NFKC folds to ASCII', async () => {
    const { files } = buildIndex();
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, FAST);
    expect(await loader.charTable('ＬＰＲ　２０２４')).toStrictEqual({});
    expect(charCalls(fetcher)).toStrictEqual([]);
  });

  it('returns one table that grows across calls, never fetching a shard twice', async () => {
    const { files } = buildIndex();
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, FAST);
    const first = await loader.charTable('國');
    expect(first).toStrictEqual({ 國: '国' });
    expect(charCalls(fetcher)).toStrictEqual([[11, 1]]);
    const second = await loader.charTable('國與銀');
    expect(second).toBe(first);
    expect(second).toStrictEqual({ 國: '国', 與: '与', 銀: '银', 觀: '观' });
    expect(charCalls(fetcher)).toStrictEqual([
      [0, 1],
      [7, 1],
      [11, 1],
    ]);
    expect(await loader.charTable('與國銀觀')).toBe(first);
    expect(charCalls(fetcher)).toStrictEqual([
      [0, 1],
      [7, 1],
      [11, 1],
    ]);
  });

  it('fetches a shard once when calls that need it overlap', async () => {
    const { files } = buildIndex();
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, FAST);
    const [a, b, c] = await Promise.all([loader.charTable('國'), loader.charTable('國們'), loader.charTable('們國')]);
    expect(b).toBe(a);
    expect(c).toBe(a);
    expect(a).toStrictEqual({ 國: '国', 們: '们' });
    expect(charCalls(fetcher)).toStrictEqual([
      [charShardOf('國'), 1],
      [charShardOf('們'), 1],
    ]);
  });

  it('does not cache a failed shard: the next call fetches it again, and not the ones that loaded', async () => {
    const { files } = buildIndex();
    const failing = at(charsFile(charShardOf('國')));
    const fetcher = mapFetcher(files, (n, call) => {
      if (n === failing && call <= 3) throw new Error(`network down ${call}`);
      return undefined;
    });
    const loader = await IndexLoader.open(fetcher, FAST);
    const e = await rejection(loader.charTable('國銀'));
    expect(e).toBeInstanceOf(IndexFetchError);
    expect(e.message).toBe(`${failing}: download failed after 3 attempts: network down 3`);
    expect(charCalls(fetcher)).toStrictEqual([
      [0, 1],
      [11, 3],
    ]);
    const table = await loader.charTable('國銀');
    expect(table).toStrictEqual({ 國: '国', 銀: '银', 觀: '观' });
    expect(charCalls(fetcher)).toStrictEqual([
      [0, 1],
      [11, 4],
    ]);
  });

  it('does not cache a corrupt shard: the next call fetches it again', async () => {
    const { files } = buildIndex();
    const name = at(charsFile(charShardOf('們')));
    const sound = files.get(name)!;
    files.set(name, sound.slice(0, -4));
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, FAST);
    const e = await rejection(loader.charTable('我們'));
    expect(e).toBeInstanceOf(IndexCorruptError);
    expect((e as IndexCorruptError).file).toBe(name);
    expect(fetcher.calls.get(name)).toBe(3);
    files.set(name, sound);
    expect(await loader.charTable('我們')).toStrictEqual({ 們: '们' });
    expect(fetcher.calls.get(name)).toBe(4);
  });

  it('looks a compatibility ideograph up as NFKC makes it, as fold does', async () => {
    const { files } = buildIndex();
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, FAST);
    // U+F902 (compatibility 車) and U+2F9E (Kangxi radical ⾞) both normalize to 車 U+8ECA, shard 10.
    expect('\uF902'.normalize('NFKC')).toBe('車');
    expect('\u2F9E'.normalize('NFKC')).toBe('車');
    expect([charShardOf('\uF902'), charShardOf('\u2F9E'), charShardOf('車')]).toStrictEqual([2, 30, 10]);
    const table = await loader.charTable('\uF902\u2F9E');
    expect(charCalls(fetcher)).toStrictEqual([[10, 1]]);
    expect(table).toStrictEqual({ 車: '车' });
    expect(foldText('\uF902\u2F9E', table)).toBe('车车');
  });

  it('looks a capital letter up as lower case, as fold does', async () => {
    const { files } = buildIndex();
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, FAST);
    // Ā U+0100 is in shard 0; fold looks up ā U+0101, in shard 1.
    await loader.charTable('Ā');
    expect(charCalls(fetcher)).toStrictEqual([[1, 1]]);
  });

  it('uses the whole code point of an astral character', async () => {
    const { files } = buildIndex();
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, FAST);
    // 𠀁 is U+20001 (shard 1), written as the surrogates D840 DC01 (D840 alone would give shard 0).
    expect(charShardOf('𠀁')).toBe(1);
    const table = await loader.charTable('𠀁');
    expect(charCalls(fetcher)).toStrictEqual([[1, 1]]);
    expect(table).toStrictEqual({});
    // Next to other characters, each keeps its own shard.
    // 😀 U+1F600 is in shard 0, with 銀 and 觀.
    expect(charShardOf('😀')).toBe(0);
    expect(await loader.charTable('𪚥國😀')).toStrictEqual({ 國: '国', 銀: '银', 觀: '观' });
    expect(charCalls(fetcher)).toStrictEqual(
      [1, charShardOf('𪚥'), charShardOf('國'), charShardOf('😀')]
        .filter((k, i, all) => all.indexOf(k) === i)
        .sort((a, b) => a - b)
        .map((k) => [k, 1]),
    );
    expect(foldText('𠀁國', table)).toBe('𠀁国');
  });

  it('folds a whole query like the full table would, from the shards it fetched', async () => {
    const { files } = buildIndex();
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, FAST);
    const query = '這些們發車 與 觀 LPR';
    const table = await loader.charTable(query);
    expect(foldText(query, table)).toBe(foldText(query, CHAR_TABLE));
    expect(foldText(query, table)).toBe('这些们发车与观 lpr');
    // 這 25, 些 U+4E9B 27, 們 17, 發 28, 車 10, 與 7, 觀 0: never all 32.
    expect(charCalls(fetcher).length).toBe(new Set([...'這些們發車與觀'].map(charShardOf)).size);
    expect(charCalls(fetcher).length).toBeLessThan(CHAR_SHARDS);
  });
});

/** Runs `fn`, expecting it to throw a RangeError at once (before anything is fetched), and returns its message. */
function rangeMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(RangeError);
    return (e as RangeError).message;
  }
  throw new Error('expected a RangeError, nothing was thrown');
}

describe('IndexLoader: segments', () => {
  it('reads each file of a segment from that segment’s own folder, and only the files asked for', async () => {
    const { files } = buildTwoSegments();
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, FAST);
    expect([...fetcher.calls]).toStrictEqual([[MANIFEST_FILE, 1]]);
    // The second segment: its own shard count, documents and tables.
    const shard = await loader.shard(1, 0);
    for (const [term, p] of [...TERMS2, GRAM2]) expect(shard.get(term), term).toStrictEqual(term === GRAM2[0] ? { docs: p.docs, weights: p.weights } : p);
    expect((await loader.positionShard(1, 0)).get(GRAM2[0], shard.get(GRAM2[0])!)).toStrictEqual(GRAM2[1]);
    expect(await loader.rank(1)).toStrictEqual(rankOf(DECODED_COLUMNS2, slotsOf(FRAGMENTS2)));
    expect(await loader.facetValues(1)).toStrictEqual(facetsOf(DECODED_COLUMNS2));
    expect(await loader.fragment(1, 0)).toStrictEqual(FRAGMENTS2[0]);
    expect(await loader.fragment(1, 1)).toStrictEqual(FRAGMENTS2[1]);
    expect(await loader.ids(1, 0)).toStrictEqual({ e6: 1 });
    expect(await loader.ids(1, 1)).toStrictEqual({ d4: 0 });
    // The first segment, as in a one-segment index.
    expect((await loader.shard(0, FULL_SHARD)).get('银行')).toStrictEqual(TERMS[0]![1]);
    expect(await loader.rank(0)).toStrictEqual(rankOf(DECODED_COLUMNS, slotsOf([FRAGMENT])));
    expect(await loader.facetValues(0)).toStrictEqual(facetsOf(DECODED_COLUMNS));
    expect(await loader.fragment(0, 0)).toStrictEqual(FRAGMENT);
    expect(await loader.ids(0, 0)).toStrictEqual({ a1: 0, b2: 1, c3: 2 });
    expect(FULL_SHARD).toBe(1);
    expect([...fetcher.calls]).toStrictEqual([
      ['manifest.json', 1],
      ['g-c0ffee0123abcd/shard-0.bin', 1],
      ['g-c0ffee0123abcd/pos-pack-0.bin header', 1],
      ['g-c0ffee0123abcd/pos-0.bin', 1],
      ['g-c0ffee0123abcd/rank.bin', 1],
      ['g-c0ffee0123abcd/facets.bin', 1],
      // Read after the segment's rank file: at the range its slots give, with no pack header.
      ['g-c0ffee0123abcd/frag-0.bin', 1],
      ['g-c0ffee0123abcd/frag-1.bin', 1],
      ['g-c0ffee0123abcd/ids-0.bin', 1],
      ['g-c0ffee0123abcd/ids-1.bin', 1],
      ['g-5e9a0c1d2b3f47/shard-1.bin', 1],
      ['g-5e9a0c1d2b3f47/rank.bin', 1],
      ['g-5e9a0c1d2b3f47/facets.bin', 1],
      ['g-5e9a0c1d2b3f47/frag-0.bin', 1],
      ['g-5e9a0c1d2b3f47/ids-0.bin', 1],
    ]);
  });

  it('keeps files of the same name in two segments apart', async () => {
    const { files } = buildTwoSegments();
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, FAST);
    // shard-0.bin is empty in the first segment and holds every term in the second.
    const [a, b] = await Promise.all([loader.shard(0, 0), loader.shard(1, 0)]);
    expect(a).not.toBe(b);
    expect(a.terms).toBe(0);
    expect(b.keys()).toStrictEqual(['交通银行', '绿色', '银行']);
    // A position shard pairs with its own segment's postings shard.
    const [term, p] = GRAM;
    const i = shardOf(term, SHARD_COUNT);
    const first = (await loader.shard(0, i)).get(term)!;
    expect((await loader.positionShard(0, i)).get(term, first)).toStrictEqual(p);
    expect((await loader.positionShard(1, 0)).get(term, b.get(term)!)).toStrictEqual(GRAM2[1]);
    const [r0, r1, v0, v1] = await Promise.all([loader.rank(0), loader.rank(1), loader.facetValues(0), loader.facetValues(1)]);
    expect([r0.docCount, r1.docCount, v0.docCount, v1.docCount]).toStrictEqual([3, 2, 3, 2]);
    expect([r0.day.length, r1.day.length, v0.facets.bank.start.length, v1.facets.bank.start.length]).toStrictEqual([3, 2, 4, 3]);
    const [f0, f1] = await Promise.all([loader.fragment(0, 0), loader.fragment(1, 0)]);
    expect([f0.docs.length, f1.docs[0]!.id]).toStrictEqual([3, 'd4']);
    expect([...fetcher.calls.keys()].sort()).toStrictEqual(
      [
        MANIFEST_FILE,
        at(shardFile(0)),
        at(shardFile(1)),
        at(positionsFile(1)),
        header(at(positionsFile(1))),
        at(RANK_FILE),
        at(FACETS_FILE),
        at(fragmentFile(0)),
        at(shardFile(0), GEN2),
        at(positionsFile(0), GEN2),
        header(at(positionsFile(0), GEN2)),
        at(RANK_FILE, GEN2),
        at(FACETS_FILE, GEN2),
        at(fragmentFile(0), GEN2),
      ].sort(),
    );
    expect([...fetcher.calls.values()].every((n) => n === 1)).toBe(true);
  });

  it('reads the character table from the first segment’s folder only', async () => {
    const { files } = buildTwoSegments();
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, FAST);
    // The second segment's chars-11.bin maps 國 otherwise: reading it would show.
    expect(await loader.charTable('國')).toStrictEqual({ 國: '国' });
    expect([...fetcher.calls]).toStrictEqual([
      [MANIFEST_FILE, 1],
      ['g-5e9a0c1d2b3f47/chars-11.bin', 1],
    ]);
  });

  it('rejects a segment number the index lacks with a RangeError naming it, fetching nothing', async () => {
    const { files } = buildTwoSegments();
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, FAST);
    for (const s of [2, 3, 65_535, -1, 0.5, NaN, Infinity]) {
      const message = `segment ${s} does not exist: this index has 2`;
      expect(
        rangeMessage(() => loader.shard(s, 0)),
        `shard(${s}, 0)`,
      ).toBe(message);
      expect(
        rangeMessage(() => loader.positionShard(s, 0)),
        `positionShard(${s}, 0)`,
      ).toBe(message);
      expect(
        rangeMessage(() => loader.rank(s)),
        `rank(${s})`,
      ).toBe(message);
      expect(
        rangeMessage(() => loader.facetValues(s)),
        `facetValues(${s})`,
      ).toBe(message);
      expect(
        rangeMessage(() => loader.fragment(s, 0)),
        `fragment(${s}, 0)`,
      ).toBe(message);
      expect(
        rangeMessage(() => loader.ids(s, 0)),
        `ids(${s}, 0)`,
      ).toBe(message);
      expect(
        rangeMessage(() => loader.deleted(s)),
        `deleted(${s})`,
      ).toBe(message);
    }
    // The segment is checked first: a file number out of range too does not hide it.
    expect(rangeMessage(() => loader.shard(2, 99))).toBe('segment 2 does not exist: this index has 2');
    expect([...fetcher.calls]).toStrictEqual([[MANIFEST_FILE, 1]]);
  });

  it('checks a shard, fragment group or id table number against its own segment’s count', async () => {
    const { files } = buildTwoSegments();
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, FAST);
    // The first segment has 2 shards, 1 fragment group and 1 id table; the second 1, 2 and 2.
    expect(rangeMessage(() => loader.shard(1, 1))).toBe('shard 1 does not exist: this index has 1');
    expect(rangeMessage(() => loader.positionShard(1, 1))).toBe('position shard 1 does not exist: this index has 1');
    expect(rangeMessage(() => loader.fragment(0, 1))).toBe('fragment group 1 does not exist: this index has 1');
    expect(rangeMessage(() => loader.ids(0, 1))).toBe('id table 1 does not exist: this index has 1');
    expect(rangeMessage(() => loader.shard(0, 2))).toBe('shard 2 does not exist: this index has 2');
    expect(rangeMessage(() => loader.fragment(1, 2))).toBe('fragment group 2 does not exist: this index has 2');
    expect(rangeMessage(() => loader.ids(1, 2))).toBe('id table 2 does not exist: this index has 2');
    expect([...fetcher.calls]).toStrictEqual([[MANIFEST_FILE, 1]]);
    // The same numbers exist in the other segment.
    await Promise.all([loader.shard(0, 1), loader.positionShard(0, 1), loader.fragment(1, 1), loader.ids(1, 1)]);
    expect([...fetcher.calls.keys()].sort()).toStrictEqual(
      [
        MANIFEST_FILE,
        at(shardFile(1)),
        at(positionsFile(1)),
        header(at(positionsFile(1))),
        at(fragmentFile(1), GEN2),
        header(at(fragmentFile(1), GEN2)),
        at(idsFile(1), GEN2),
      ].sort(),
    );
  });

  it('rejects a file number a segment lacks, negative or fractional', async () => {
    const { files } = buildIndex();
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, FAST);
    expect(rangeMessage(() => loader.shard(0, SHARD_COUNT))).toBe(`shard ${SHARD_COUNT} does not exist: this index has ${SHARD_COUNT}`);
    expect(rangeMessage(() => loader.shard(0, -1))).toBe(`shard -1 does not exist: this index has ${SHARD_COUNT}`);
    expect(rangeMessage(() => loader.shard(0, 0.5))).toBe(`shard 0.5 does not exist: this index has ${SHARD_COUNT}`);
    expect(rangeMessage(() => loader.positionShard(0, -1))).toBe(`position shard -1 does not exist: this index has ${SHARD_COUNT}`);
    expect(rangeMessage(() => loader.fragment(0, 1))).toBe('fragment group 1 does not exist: this index has 1');
    expect(rangeMessage(() => loader.fragment(0, NaN))).toBe('fragment group NaN does not exist: this index has 1');
    expect(rangeMessage(() => loader.ids(0, 1))).toBe('id table 1 does not exist: this index has 1');
    expect([...fetcher.calls]).toStrictEqual([[MANIFEST_FILE, 1]]);
  });

  it('an index of no segments has nothing to read', async () => {
    const files = new Map<string, Uint8Array>();
    putManifest(files, { ...manifestBase(), chars: { count: 0 }, docCount: 0, avgLength: 0, segments: [], order: null });
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, FAST);
    expect(rangeMessage(() => loader.rank(0))).toBe('segment 0 does not exist: this index has 0');
    expect(rangeMessage(() => loader.facetValues(0))).toBe('segment 0 does not exist: this index has 0');
    expect(rangeMessage(() => loader.shard(0, 0))).toBe('segment 0 does not exist: this index has 0');
    expect(rangeMessage(() => loader.deleted(0))).toBe('segment 0 does not exist: this index has 0');
    expect(loader.order([])).toBeNull();
    expect(await loader.charTable('國')).toBeNull();
    expect([...fetcher.calls]).toStrictEqual([[MANIFEST_FILE, 1]]);
  });

  it('fetches each file once, however often and however concurrently it is asked for, root files too', async () => {
    const { files } = buildTwoSegments();
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, FAST);
    const everything = () =>
      Promise.all([
        loader.shard(0, 1),
        loader.shard(1, 0),
        loader.positionShard(0, 1),
        loader.positionShard(1, 0),
        loader.rank(0),
        loader.rank(1),
        loader.facetValues(0),
        loader.facetValues(1),
        loader.fragment(0, 0),
        loader.fragment(1, 1),
        loader.ids(0, 0),
        loader.ids(1, 0),
        loader.deleted(0),
        loader.order(LIVE_COUNTS)!,
        loader.charTable('國'),
      ]);
    const [a, b] = await Promise.all([everything(), everything()]);
    const c = await everything();
    for (const [k, x] of a.entries()) {
      expect(b[k], `item ${k}`).toBe(x);
      expect(c[k], `item ${k}`).toBe(x);
    }
    expect([...fetcher.calls.keys()].sort()).toStrictEqual(
      [
        MANIFEST_FILE,
        at(shardFile(1)),
        at(positionsFile(1)),
        header(at(positionsFile(1))),
        at(RANK_FILE),
        at(FACETS_FILE),
        at(fragmentFile(0)),
        at(idsFile(0)),
        at(charsFile(charShardOf('國'))),
        at(shardFile(0), GEN2),
        at(positionsFile(0), GEN2),
        header(at(positionsFile(0), GEN2)),
        at(RANK_FILE, GEN2),
        at(FACETS_FILE, GEN2),
        at(fragmentFile(1), GEN2),
        at(idsFile(0), GEN2),
        DEL_FILE,
        ORDER_FILE,
      ].sort(),
    );
    expect([...fetcher.calls.values()].every((n) => n === 1)).toBe(true);
  });
});

describe('IndexLoader: deleted documents', () => {
  it('decodes a segment’s deleted documents from the root file the manifest names', async () => {
    const { files } = buildTwoSegments();
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, FAST);
    const deleted = await loader.deleted(0);
    expect(deleted).toStrictEqual(Uint32Array.from(DELETED));
    expect(DEL_FILE).toMatch(/^del-[0-9a-f]{14}\.bin$/);
    expect([...fetcher.calls]).toStrictEqual([
      [MANIFEST_FILE, 1],
      [DEL_FILE, 1],
    ]);
    expect(await loader.deleted(0)).toBe(deleted);
    expect(fetcher.calls.get(DEL_FILE)).toBe(1);
  });

  it('decodes several deleted documents, ascending', async () => {
    const { files, manifest } = buildTwoSegments();
    const [first, second] = manifest.segments as [SegmentInfo, SegmentInfo];
    const file = deletedFile(contentHash(encodeDeleted([0, 2])));
    putFile({ files, payloads: new Map() }, file, encodeDeleted([0, 2]));
    putManifest(files, { ...manifest, docCount: 3, segments: [{ ...first, deleted: { count: 2, file } }, second] });
    const loader = await IndexLoader.open(mapFetcher(files), FAST);
    expect(await loader.deleted(0)).toStrictEqual(Uint32Array.from([0, 2]));
  });

  it('is empty, fetching nothing, when a segment has no deletions', async () => {
    const two = buildTwoSegments();
    const fetcher = mapFetcher(two.files);
    const loader = await IndexLoader.open(fetcher, FAST);
    expect(loader.manifest.segments[1]!.deleted).toBeNull();
    expect(await loader.deleted(1)).toStrictEqual(new Uint32Array(0));
    expect([...fetcher.calls]).toStrictEqual([[MANIFEST_FILE, 1]]);
    const one = mapFetcher(buildIndex().files);
    expect(await (await IndexLoader.open(one, FAST)).deleted(0)).toStrictEqual(new Uint32Array(0));
    expect([...one.calls]).toStrictEqual([[MANIFEST_FILE, 1]]);
  });

  it('rejects a file whose count disagrees with the manifest with IndexFormatError naming it, every time, fetching it once', async () => {
    for (const [claimed, holds] of [
      [2, [1]],
      [1, [0, 1]],
    ] as const) {
      const { files, manifest } = buildTwoSegments();
      const [first, second] = manifest.segments as [SegmentInfo, SegmentInfo];
      putFile({ files, payloads: new Map() }, DEL_FILE, encodeDeleted(holds));
      putManifest(files, { ...manifest, docCount: 3 - claimed + 2, segments: [{ ...first, deleted: { count: claimed, file: DEL_FILE } }, second] });
      const fetcher = mapFetcher(files);
      const loader = await IndexLoader.open(fetcher, FAST);
      const e = await rejection(loader.deleted(0));
      expect(e).toBeInstanceOf(IndexFormatError);
      expect((e as IndexFormatError).file).toBe(DEL_FILE);
      expect(e.message).toBe(`${DEL_FILE}: deletes ${holds.length} documents; the manifest says ${claimed}`);
      expect(fetcher.calls.get(DEL_FILE)).toBe(1);
      // The file itself is sound (another segment may share it): kept, and checked again on every call.
      expect((await rejection(loader.deleted(0))).message).toBe(e.message);
      expect(fetcher.calls.get(DEL_FILE)).toBe(1);
    }
  });

  it('rejects a file naming a document the segment lacks', async () => {
    const { files } = buildTwoSegments();
    putFile({ files, payloads: new Map() }, DEL_FILE, encodeDeleted([3]));
    const loader = await IndexLoader.open(mapFetcher(files), FAST);
    const e = await rejection(loader.deleted(0));
    expect(e).toBeInstanceOf(IndexFormatError);
    expect(e.message).toBe(`${DEL_FILE}: deletes document 3 of a segment of 3`);
  });

  it('rejects a file of another kind with IndexFormatError naming it', async () => {
    const { files } = buildTwoSegments();
    putFile({ files, payloads: new Map() }, DEL_FILE, encodeOrder(ORDER));
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, FAST);
    const e = await rejection(loader.deleted(0));
    expect(e).toBeInstanceOf(IndexFormatError);
    expect((e as IndexFormatError).file).toBe(DEL_FILE);
    expect(e.message.startsWith(`${DEL_FILE}: `)).toBe(true);
    expect(fetcher.calls.get(DEL_FILE)).toBe(1);
  });

  it('checks the file like any other: a damaged one is an IndexCorruptError naming it, retried and not kept', async () => {
    const { files } = buildTwoSegments();
    const sound = files.get(DEL_FILE)!;
    files.set(DEL_FILE, sound.slice(0, -4));
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, FAST);
    const e = await rejection(loader.deleted(0));
    expect(e).toBeInstanceOf(IndexCorruptError);
    expect((e as IndexCorruptError).file).toBe(DEL_FILE);
    expect(isInflateError(DEL_FILE, e.message), e.message).toBe(true);
    expect(fetcher.calls.get(DEL_FILE)).toBe(3);
    files.set(DEL_FILE, sound);
    expect(await loader.deleted(0)).toStrictEqual(Uint32Array.from(DELETED));
    expect(fetcher.calls.get(DEL_FILE)).toBe(4);
  });

  it('reads a file two segments share once, for both', async () => {
    // Files are named by content: two segments that each deleted their document 1 name the same one.
    const { files, manifest } = buildTwoSegments();
    const [first, second] = manifest.segments as [SegmentInfo, SegmentInfo];
    putManifest(files, { ...manifest, docCount: 3, segments: [first, { ...second, deleted: { count: 1, file: DEL_FILE } }] });
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, FAST);
    expect(await loader.deleted(0)).toStrictEqual(Uint32Array.from([1]));
    expect(await loader.deleted(1)).toStrictEqual(Uint32Array.from([1]));
    expect(fetcher.calls.get(DEL_FILE)).toBe(1);
  });

  it('checks a file two segments share against each segment’s own count', async () => {
    const { files, manifest } = buildTwoSegments();
    const [first, second] = manifest.segments as [SegmentInfo, SegmentInfo];
    // The second segment claims 2 deletions of its 4 documents, but the file both name deletes 1.
    putManifest(files, {
      ...manifest,
      docCount: 4,
      segments: [first, { ...second, docCount: 4, fragments: { groupSize: 1, count: 4 }, deleted: { count: 2, file: DEL_FILE } }],
    });
    const expected = `${DEL_FILE}: deletes 1 documents; the manifest says 2`;
    // Asked for on its own, segment 1 is checked.
    const alone = await IndexLoader.open(mapFetcher(files), FAST);
    expect((await rejection(alone.deleted(1))).message).toBe(expected);
    // Asked for after segment 0 (as SegmentedIndex does, every segment at once), it must be checked all the same.
    const loader = await IndexLoader.open(mapFetcher(files), FAST);
    expect(await loader.deleted(0)).toStrictEqual(Uint32Array.from(DELETED));
    const e = await rejection(loader.deleted(1));
    expect(e).toBeInstanceOf(IndexFormatError);
    expect(e.message).toBe(expected);
  });
});

describe('IndexLoader: order of the segments', () => {
  it('is null with one segment, fetching nothing', async () => {
    const { files } = buildIndex();
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, FAST);
    expect(loader.manifest.order).toBeNull();
    expect(loader.order([3])).toBeNull();
    expect(loader.order([])).toBeNull();
    expect([...fetcher.calls]).toStrictEqual([[MANIFEST_FILE, 1]]);
  });

  it('decodes the segment of each live document from the root file the manifest names', async () => {
    const { files } = buildTwoSegments();
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, FAST);
    const pending = loader.order(LIVE_COUNTS);
    expect(pending).not.toBeNull();
    const order = await pending!;
    expect(order).toStrictEqual(Uint16Array.from(ORDER));
    expect(ORDER_FILE).toMatch(/^order-[0-9a-f]{14}\.bin$/);
    expect([...fetcher.calls]).toStrictEqual([
      [MANIFEST_FILE, 1],
      [ORDER_FILE, 1],
    ]);
    expect(await loader.order(LIVE_COUNTS)!).toBe(order);
    expect(fetcher.calls.get(ORDER_FILE)).toBe(1);
  });

  it('rejects live counts the file disagrees with, naming the file, and keeps no failure', async () => {
    const { files } = buildTwoSegments();
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, FAST);
    const more = await rejection(loader.order([3, 2])!);
    expect(more).toBeInstanceOf(IndexFormatError);
    expect((more as IndexFormatError).file).toBe(ORDER_FILE);
    expect(more.message).toBe(`${ORDER_FILE}: orders 4 documents, not the 5 live ones`);
    const shifted = await rejection(loader.order([3, 1])!);
    expect(shifted).toBeInstanceOf(IndexFormatError);
    expect(shifted.message).toBe(`${ORDER_FILE}: gives segment 0 2 documents, but it has 3 live ones`);
    expect(fetcher.calls.get(ORDER_FILE)).toBe(2);
    expect(await loader.order(LIVE_COUNTS)!).toStrictEqual(Uint16Array.from(ORDER));
    expect(fetcher.calls.get(ORDER_FILE)).toBe(3);
  });

  it('rejects a file naming a segment the index lacks', async () => {
    const { files } = buildTwoSegments();
    putFile({ files, payloads: new Map() }, ORDER_FILE, encodeOrder([0, 1, 2, 1]));
    const loader = await IndexLoader.open(mapFetcher(files), FAST);
    const e = await rejection(loader.order(LIVE_COUNTS)!);
    expect(e).toBeInstanceOf(IndexFormatError);
    expect(e.message).toBe(`${ORDER_FILE}: names segment 2 of an index of 2`);
  });

  it('rejects a damaged file with IndexCorruptError naming it, after retrying', async () => {
    const { files, payloads } = buildTwoSegments();
    const payload = payloads.get(ORDER_FILE)!;
    const bad = payload.slice();
    bad[bad.length - 1] = bad[bad.length - 1]! ^ 1;
    files.set(
      ORDER_FILE,
      packDamaged(payload, (s) => s.set(bad)),
    );
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, FAST);
    const e = await rejection(loader.order(LIVE_COUNTS)!);
    expect(e).toBeInstanceOf(IndexCorruptError);
    expect((e as IndexCorruptError).file).toBe(ORDER_FILE);
    expect(e.message).toBe(mismatch(ORDER_FILE, contentHash(bad), contentHash(payload)));
    expect(fetcher.calls.get(ORDER_FILE)).toBe(3);
  });
});

describe('httpFetcher', () => {
  it('fetches the manifest fresh and other files from cache, under the base URL', async () => {
    const seen: [string, RequestInit | undefined][] = [];
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      seen.push([url, init]);
      return new Response(new Uint8Array([1, 2, 3]));
    });
    const f = httpFetcher('https://example.com/search');
    expect(await f(MANIFEST_FILE)).toStrictEqual(new Uint8Array([1, 2, 3]));
    await f(`${GEN}/shard-0.bin`);
    await httpFetcher('/search/')(`${GEN}/rank.bin`);
    expect(seen).toStrictEqual([
      ['https://example.com/search/manifest.json', { cache: 'no-store' }],
      ['https://example.com/search/g-5e9a0c1d2b3f47/shard-0.bin', { cache: 'force-cache' }],
      ['/search/g-5e9a0c1d2b3f47/rank.bin', { cache: 'force-cache' }],
    ]);
  });

  it('reads a range with a Range request, and the same bytes from a server that ignores it and sends the whole file', async () => {
    const whole = Uint8Array.from({ length: 40 }, (_, i) => i);
    const seen: (string | null)[] = [];
    let honoursRange = true;
    vi.stubGlobal('fetch', async (_url: string, init?: RequestInit) => {
      const asked = new Headers(init?.headers).get('Range');
      seen.push(asked);
      const m = /^bytes=(\d+)-(\d+)$/.exec(asked ?? '');
      if (!m || !honoursRange) return new Response(whole);
      const [start, end] = [Number(m[1]), Number(m[2]) + 1];
      return new Response(whole.slice(start, end), { status: 206, headers: { 'Content-Range': `bytes ${start}-${end - 1}/${whole.length}` } });
    });
    const f = httpFetcher('/search');
    expect(await f(`${GEN}/frag-pack-0.bin`, { start: 5, end: 9 })).toStrictEqual(Uint8Array.from([5, 6, 7, 8]));
    expect(f.wholeFilesForRanges()).toBe(false);
    honoursRange = false;
    expect(await f(`${GEN}/frag-pack-0.bin`, { start: 5, end: 9 })).toStrictEqual(Uint8Array.from([5, 6, 7, 8]));
    // The engine weighs reading a pack's members by that (a member costs its whole pack).
    expect(f.wholeFilesForRanges()).toBe(true);
    // The whole pack came: its other ranges are read from it, with no request.
    expect(await f(`${GEN}/frag-pack-0.bin`, { start: 30, end: 33 })).toStrictEqual(Uint8Array.from([30, 31, 32]));
    expect(await f(`${GEN}/shard-0.bin`)).toStrictEqual(whole);
    expect(seen).toStrictEqual(['bytes=5-8', 'bytes=5-8', null]);
  });

  it('reads a pack member through IndexLoader with Range requests, and rejects a range the server cuts short', async () => {
    const { files } = buildIndex();
    const served = mapFetcher(files);
    let cut = 0;
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      const m = /^bytes=(\d+)-(\d+)$/.exec(new Headers(init?.headers).get('Range') ?? '');
      const range = m ? { start: Number(m[1]), end: Number(m[2]) + 1 } : undefined;
      const bytes = await served(url.replace(/^\/search\//, ''), range);
      return new Response(bytes.slice(0, bytes.length - (range ? cut : 0)), { status: range ? 206 : 200 });
    });
    expect(await (await IndexLoader.open(httpFetcher('/search'), FAST)).fragment(0, 0)).toStrictEqual(FRAGMENT);
    cut = 1;
    const e = await rejection((await IndexLoader.open(httpFetcher('/search'), { retries: 0, retryDelayMs: 1 })).fragment(0, 0));
    expect(e).toBeInstanceOf(IndexCorruptError);
    expect(e.message).toBe(
      `${GEN}/frag-pack-0.bin: bytes 0–${packHeaderLength(1) - 1} came back as ${packHeaderLength(1) - 1} bytes, not ${packHeaderLength(1)} (a truncated range)`,
    );
  });

  it('refuses a range the server says is another, and keeps no whole file too short for the range asked', async () => {
    let calls = 0;
    vi.stubGlobal('fetch', async () => {
      calls++;
      return calls === 1
        ? new Response(new Uint8Array(4), { status: 206, headers: { 'Content-Range': 'bytes 10-13/40' } })
        : new Response(new Uint8Array(6), { status: 200 });
    });
    const f = httpFetcher('/search');
    const wrong = await rejection(f(`${GEN}/frag-pack-0.bin`, { start: 5, end: 9 }));
    expect(wrong).toBeInstanceOf(IndexFetchError);
    expect(wrong.message).toBe(`${GEN}/frag-pack-0.bin: asked for bytes 5-8, the server sent bytes 10-13/40`);
    // A 200 of 6 bytes for bytes 5-8 is short (the loader rejects it); it is not kept, so the next read asks again.
    expect(await f(`${GEN}/frag-pack-0.bin`, { start: 5, end: 9 })).toHaveLength(1);
    await f(`${GEN}/frag-pack-0.bin`, { start: 5, end: 9 });
    expect(calls).toBe(3);
  });

  it('turns an HTTP error status into IndexFetchError', async () => {
    vi.stubGlobal('fetch', async () => new Response('gone', { status: 404, statusText: 'Not Found' }));
    const e = await rejection(httpFetcher('/search')(`${GEN}/shard-1.bin`));
    expect(e).toBeInstanceOf(IndexFetchError);
    expect(e.message).toBe('g-5e9a0c1d2b3f47/shard-1.bin: HTTP 404 Not Found');
  });

  it('serves a whole index through IndexLoader', async () => {
    const { files } = buildIndex();
    const missing = 1 - FULL_SHARD;
    files.delete(at(shardFile(missing)));
    vi.stubGlobal('fetch', async (url: string) => {
      const bytes = files.get(url.replace(/^\/search\//, ''));
      return bytes ? new Response(new Uint8Array(bytes)) : new Response('', { status: 404, statusText: 'Not Found' });
    });
    const loader = await IndexLoader.open(httpFetcher('/search'), FAST);
    expect(await loader.rank(0)).toStrictEqual(rankOf(DECODED_COLUMNS, slotsOf([FRAGMENT])));
    expect(await loader.facetValues(0)).toStrictEqual(facetsOf(DECODED_COLUMNS));
    expect((await loader.shard(0, FULL_SHARD)).has('银行')).toBe(true);
    // The files are served as stored, gzip bytes without Content-Encoding: the loader inflates them itself.
    expect(await loader.charTable('這國')).toStrictEqual({ 這: '这', 國: '国' });
    const e = await rejection(loader.shard(0, missing));
    expect(e).toBeInstanceOf(IndexFetchError);
    expect(e.message).toBe(`${GEN}/shard-${missing}.bin: download failed after 3 attempts: HTTP 404 Not Found`);
  });

  it('serves a two-segment index through IndexLoader: segment files from their folders, root files beside the manifest', async () => {
    const { files } = buildTwoSegments();
    const seen: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      seen.push(url);
      const bytes = files.get(url.replace(/^\/search\//, ''));
      return bytes ? new Response(new Uint8Array(bytes)) : new Response('', { status: 404, statusText: 'Not Found' });
    });
    const loader = await IndexLoader.open(httpFetcher('/search'), FAST);
    expect(await loader.deleted(0)).toStrictEqual(Uint32Array.from(DELETED));
    expect(await loader.order(LIVE_COUNTS)!).toStrictEqual(Uint16Array.from(ORDER));
    expect((await loader.shard(1, 0)).has('绿色')).toBe(true);
    expect(await loader.charTable('國')).toStrictEqual({ 國: '国' });
    expect(seen).toStrictEqual([
      '/search/manifest.json',
      `/search/${DEL_FILE}`,
      `/search/${ORDER_FILE}`,
      '/search/g-c0ffee0123abcd/shard-0.bin',
      '/search/g-5e9a0c1d2b3f47/chars-11.bin',
    ]);
  });
});
