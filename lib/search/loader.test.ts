import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  CHARS_FILE,
  COLUMNS_FILE,
  contentHash,
  encodeColumns,
  encodeFragment,
  encodeIdTable,
  encodeJson,
  encodeShard,
  FORMAT_NAME,
  FORMAT_VERSION,
  fragmentFile,
  generationDir,
  idsFile,
  IndexCorruptError as FormatIndexCorruptError,
  IndexFormatError,
  MANIFEST_FILE,
  NONE,
  NO_DAY,
  seal,
  sealedHash,
  shardFile,
  shardOf,
  TRAILER_LENGTH,
  type Columns,
  type Fragment,
  type Manifest,
  type Postings,
} from '../index-format';
import { DEFAULT_LOADER_OPTIONS, httpFetcher, IndexCorruptError, IndexFetchError, IndexLoader, type Fetcher } from './loader';

const FAST = { retries: 2, retryDelayMs: 1 };

const BUILD_ID = '0a1b2c3d4e5f60';
const GEN = generationDir(BUILD_ID);
const SHARD_COUNT = 2;

/** Path of a build file relative to the manifest, as the loader asks the fetcher for it. */
const at = (file: string, gen = GEN) => `${gen}/${file}`;

const noTrailer = (name: string, length: number) => `${name}: has no content-hash trailer (${length} bytes; truncated, or not written by this indexer)`;
const mismatch = (name: string, actual: string, expected: string) =>
  `${name}: content hash is ${actual}, expected ${expected} (the file is damaged or from another build)`;

function postings(docs: number[], weights: number[]): Postings {
  return { docs: Uint32Array.from(docs), weights: Uint32Array.from(weights) };
}

const COLUMNS: Columns = {
  docCount: 3,
  sources: ['新华社', '人民网'],
  banks: ['中国工商银行', '交通银行'],
  day: Int32Array.from([NO_DAY, 19_723, 19_724]),
  source: Int32Array.from([0, NONE, 1]),
  bankStart: Uint32Array.from([0, 1, 1, 3]),
  bankIds: Uint16Array.from([0, 0, 1]),
  length: Uint32Array.from([120, 80, 300]),
  cluster: Int32Array.from([NONE, 1, 1]),
};

const FRAGMENT: Fragment = {
  first: 0,
  docs: [
    { id: 'a1', title: '工商银行下调LPR', date: null, source: '新华社', url: null, banks: ['中国工商银行'], cluster: null, text: '工商银行\n下调LPR。' },
    { id: 'b2', title: '普惠金融', date: '2024-01-01', source: null, url: 'https://example.com/b2', banks: [], cluster: 'b2', text: '普惠金融。' },
    { id: 'c3', title: '交行 普惠', date: '2024-01-02', source: '人民网', url: null, banks: ['中国工商银行', '交通银行'], cluster: 'b2', text: '交通银行普惠。' },
  ],
};

const TERMS: [string, Postings][] = [
  ['银行', postings([0, 2], [3, 2])],
  ['普惠', postings([1, 2], [3, 3])],
  ['lpr', postings([0], [3])],
];

/** Shard that holds `银行`, so it is never empty. */
const FULL_SHARD = shardOf('银行', SHARD_COUNT);

/**
 * A real index in memory, laid out as the indexer writes it: every file encoded by lib/index-format,
 * sealed, and stored under `g-<buildId>/<name>`; the manifest plain JSON at the top. `payloads` holds the
 * unsealed bytes of each file.
 */
function buildIndex(buildId = BUILD_ID): { files: Map<string, Uint8Array>; payloads: Map<string, Uint8Array>; manifest: Manifest } {
  const gen = generationDir(buildId);
  const files = new Map<string, Uint8Array>();
  const payloads = new Map<string, Uint8Array>();
  const put = (file: string, payload: Uint8Array) => {
    payloads.set(at(file, gen), payload);
    files.set(at(file, gen), seal(payload));
  };
  // Like the indexer, every shard is written, empty ones too.
  for (let i = 0; i < SHARD_COUNT; i++) put(shardFile(i), encodeShard(TERMS.filter(([t]) => shardOf(t, SHARD_COUNT) === i)));
  put(COLUMNS_FILE, encodeColumns(COLUMNS));
  put(fragmentFile(0), encodeFragment(FRAGMENT));
  put(idsFile(0), encodeIdTable({ a1: 0, b2: 1, c3: 2 }));
  put(CHARS_FILE, encodeJson({ 國: '国', 銀: '银' }));
  const manifest: Manifest = {
    format: FORMAT_NAME,
    version: FORMAT_VERSION,
    buildId,
    builtAt: '2024-05-01T12:00:00.000Z',
    generation: gen,
    docCount: 3,
    avgLength: 166.67,
    shards: { count: SHARD_COUNT },
    fragments: { groupSize: 3, count: 1 },
    ids: { count: 1 },
    charTable: true,
    banks: [{ name: '交通银行', kind: '国有大型商业银行', aliases: ['交行', 'BOCOM'] }],
    examples: ['LPR', '普惠金融'],
  };
  files.set(MANIFEST_FILE, new TextEncoder().encode(JSON.stringify(manifest)));
  return { files, payloads, manifest };
}

/** A fetcher over a Map keyed by path that counts calls per path; `hook` may throw or replace the answer. */
function mapFetcher(files: Map<string, Uint8Array>, hook?: (name: string, call: number) => Uint8Array | undefined): Fetcher & { calls: Map<string, number> } {
  const calls = new Map<string, number>();
  const f = async (name: string): Promise<Uint8Array> => {
    const n = (calls.get(name) ?? 0) + 1;
    calls.set(name, n);
    const replaced = hook?.(name, n);
    if (replaced) return replaced;
    const bytes = files.get(name);
    if (!bytes) throw new Error(`no such file ${name}`);
    return bytes;
  };
  return Object.assign(f, { calls });
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

describe('IndexLoader.open', () => {
  it('DEFAULT_LOADER_OPTIONS are 2 retries starting at 200 ms', () => {
    expect(DEFAULT_LOADER_OPTIONS).toStrictEqual({ retries: 2, retryDelayMs: 200 });
  });

  it('fetches and parses the manifest, and nothing else', async () => {
    const { files, manifest } = buildIndex();
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, FAST);
    expect(loader.manifest).toStrictEqual(manifest);
    expect([...fetcher.calls]).toStrictEqual([[MANIFEST_FILE, 1]]);
  });

  it('reads the manifest as plain JSON, without a trailer', async () => {
    const { files } = buildIndex();
    const loader = await IndexLoader.open(mapFetcher(files), FAST);
    expect(loader.manifest.generation).toBe(GEN);
    expect(sealedHash(files.get(MANIFEST_FILE)!)).toBeNull();
  });

  it('rejects an invalid manifest with IndexFormatError', async () => {
    const { files } = buildIndex();
    files.set(MANIFEST_FILE, new TextEncoder().encode(JSON.stringify({ format: 'something-else' })));
    const e = await rejection(IndexLoader.open(mapFetcher(files), FAST));
    expect(e).toBeInstanceOf(IndexFormatError);
    expect(e.message).toBe(`manifest.json: not a ${FORMAT_NAME} manifest`);
  });

  it('rejects a manifest whose generation is not its build', async () => {
    const { files, manifest } = buildIndex();
    files.set(MANIFEST_FILE, new TextEncoder().encode(JSON.stringify({ ...manifest, generation: 'g-ffffffffffffff' })));
    const fetcher = mapFetcher(files);
    const e = await rejection(IndexLoader.open(fetcher, FAST));
    expect(e).toBeInstanceOf(IndexFormatError);
    expect(e.message).toBe('manifest.json: generation must be "g-" followed by the buildId');
    expect(fetcher.calls.get(MANIFEST_FILE)).toBe(1);
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
      const i = shardOf(term, manifest.shards.count);
      const shard = await loader.shard(i);
      expect(shard.get(term)).toStrictEqual(p);
      expect(shard.get('absent')).toBe(null);
      expect(fetcher.calls.get(`${GEN}/shard-${i}.bin`)).toBe(1);
    }
  });

  it('decodes an empty shard', async () => {
    const { files } = buildIndex();
    files.set(at(shardFile(0)), seal(encodeShard([])));
    const loader = await IndexLoader.open(mapFetcher(files), FAST);
    const shard = await loader.shard(0);
    expect(shard.terms).toBe(0);
    expect(shard.get('银行')).toBe(null);
  });

  it('loads the columns', async () => {
    const { files } = buildIndex();
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, FAST);
    expect(await loader.columns()).toStrictEqual(COLUMNS);
    expect([...fetcher.calls.keys()]).toStrictEqual([MANIFEST_FILE, `${GEN}/columns.bin`]);
  });

  it('loads fragments, id tables and the char table, each from its fixed name', async () => {
    const { files } = buildIndex();
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, FAST);
    expect(await loader.fragment(0)).toStrictEqual(FRAGMENT);
    expect(await loader.ids(0)).toStrictEqual({ a1: 0, b2: 1, c3: 2 });
    expect(await loader.charTable()).toStrictEqual({ 國: '国', 銀: '银' });
    expect([...fetcher.calls]).toStrictEqual([
      [MANIFEST_FILE, 1],
      [`${GEN}/frag-0.json`, 1],
      [`${GEN}/ids-0.json`, 1],
      [`${GEN}/chars.json`, 1],
    ]);
  });

  it('loads from the generation the manifest names, never from another build', async () => {
    const old = buildIndex('ffffffffffffff');
    const current = buildIndex();
    const files = new Map([...old.files, ...current.files]);
    // The old build's columns differ: a mix-up would show.
    files.set(at(COLUMNS_FILE, 'g-ffffffffffffff'), seal(encodeColumns({ ...COLUMNS, sources: ['旧'] })));
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, FAST);
    expect(await loader.columns()).toStrictEqual(COLUMNS);
    await loader.shard(FULL_SHARD);
    await loader.fragment(0);
    for (const name of fetcher.calls.keys()) if (name !== MANIFEST_FILE) expect(name.startsWith(`${GEN}/`), name).toBe(true);
  });

  it('charTable() is null without fetching when the manifest says there is none', async () => {
    const { files, manifest } = buildIndex();
    files.set(MANIFEST_FILE, new TextEncoder().encode(JSON.stringify({ ...manifest, charTable: false })));
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, FAST);
    expect(await loader.charTable()).toBe(null);
    expect([...fetcher.calls.keys()]).toStrictEqual([MANIFEST_FILE]);
  });

  it('a correctly sealed file whose layout is wrong is an IndexFormatError, not retried', async () => {
    const { files } = buildIndex();
    const name = at(shardFile(FULL_SHARD));
    files.set(name, seal(new TextEncoder().encode('not a shard')));
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, FAST);
    const e = await rejection(loader.shard(FULL_SHARD));
    expect(e).toBeInstanceOf(IndexFormatError);
    expect((e as IndexFormatError).file).toBe(name);
    expect(e.message.startsWith(`${name}: `)).toBe(true);
    expect(fetcher.calls.get(name)).toBe(1);
  });

  it('decodes the payload only: a sealed fragment decodes as its JSON', async () => {
    const { files } = buildIndex();
    const name = at(fragmentFile(0));
    const sealed = files.get(name)!;
    expect(sealed.length).toBe(encodeFragment(FRAGMENT).length + TRAILER_LENGTH);
    const loader = await IndexLoader.open(mapFetcher(files), FAST);
    expect((await loader.fragment(0)).docs.map((d) => d.id)).toStrictEqual(['a1', 'b2', 'c3']);
  });
});

describe('IndexLoader: content hash check', () => {
  it('re-exports the IndexCorruptError of lib/index-format', () => {
    expect(IndexCorruptError).toBe(FormatIndexCorruptError);
  });

  it('rejects a damaged payload with IndexCorruptError and the exact message of unseal, after retrying', async () => {
    const { files, payloads } = buildIndex();
    const name = at(shardFile(FULL_SHARD));
    const bad = files.get(name)!.slice();
    bad[0] = bad[0]! ^ 1;
    files.set(name, bad);
    const expected = contentHash(payloads.get(name)!);
    const actual = contentHash(bad.subarray(0, bad.length - TRAILER_LENGTH));
    expect(actual).not.toBe(expected);
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, FAST);
    const e = await rejection(loader.shard(FULL_SHARD));
    expect(e).toBeInstanceOf(IndexCorruptError);
    expect(e.name).toBe('IndexCorruptError');
    expect((e as IndexCorruptError).file).toBe(name);
    expect(e.message).toBe(mismatch(name, actual, expected));
    // A damaged download may be transient, so it is retried like a failed one.
    expect(fetcher.calls.get(name)).toBe(3);
  });

  it('rejects a single flipped byte of the payload end', async () => {
    const { files, payloads } = buildIndex();
    const name = at(COLUMNS_FILE);
    const bad = files.get(name)!.slice();
    const last = bad.length - TRAILER_LENGTH - 1;
    bad[last] = bad[last]! ^ 1;
    files.set(name, bad);
    const loader = await IndexLoader.open(mapFetcher(files), FAST);
    const e = await rejection(loader.columns());
    expect(e).toBeInstanceOf(IndexCorruptError);
    const expected = contentHash(encodeColumns(COLUMNS));
    expect(contentHash(payloads.get(name)!)).toBe(expected);
    expect(e.message).toBe(mismatch(`${GEN}/columns.bin`, contentHash(bad.subarray(0, last + 1)), expected));
  });

  it('rejects a damaged trailer hash', async () => {
    const { files, payloads } = buildIndex();
    const name = at(idsFile(0));
    const bad = files.get(name)!.slice();
    bad[bad.length - 1] = bad[bad.length - 1]! ^ 0x10;
    files.set(name, bad);
    const loader = await IndexLoader.open(mapFetcher(files), FAST);
    const e = await rejection(loader.ids(0));
    expect(e).toBeInstanceOf(IndexCorruptError);
    const carried = sealedHash(bad)!;
    expect(carried).not.toBe(contentHash(payloads.get(name)!));
    expect(e.message).toBe(mismatch(name, contentHash(payloads.get(name)!), carried));
  });

  it('rejects a file written without a trailer', async () => {
    const { files, payloads } = buildIndex();
    const name = at(COLUMNS_FILE);
    const raw = payloads.get(name)!;
    expect(sealedHash(raw)).toBeNull();
    files.set(name, raw);
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, FAST);
    const e = await rejection(loader.columns());
    expect(e).toBeInstanceOf(IndexCorruptError);
    expect((e as IndexCorruptError).file).toBe(name);
    expect(e.message).toBe(noTrailer(name, raw.length));
    expect(e.message).toBe(`g-0a1b2c3d4e5f60/columns.bin: has no content-hash trailer (${raw.length} bytes; truncated, or not written by this indexer)`);
    expect(fetcher.calls.get(name)).toBe(3);
  });

  it('rejects a truncated file', async () => {
    const { files } = buildIndex();
    const name = at(fragmentFile(0));
    const cut = files.get(name)!.slice(0, files.get(name)!.length - 3);
    expect(sealedHash(cut)).toBeNull();
    files.set(name, cut);
    const loader = await IndexLoader.open(mapFetcher(files), FAST);
    const e = await rejection(loader.fragment(0));
    expect(e).toBeInstanceOf(IndexCorruptError);
    expect(e.message).toBe(noTrailer(name, cut.length));
  });

  it('rejects an empty download', async () => {
    const { files } = buildIndex();
    files.set(at(CHARS_FILE), new Uint8Array(0));
    const loader = await IndexLoader.open(mapFetcher(files), FAST);
    const e = await rejection(loader.charTable());
    expect(e).toBeInstanceOf(IndexCorruptError);
    expect(e.message).toBe(noTrailer(`${GEN}/chars.json`, 0));
  });

  it('rejects a file sealed for another payload (same name, other build)', async () => {
    const { files, payloads } = buildIndex();
    const name = at(shardFile(FULL_SHARD));
    const otherShard = seal(encodeShard([['银行', postings([1], [3])]]));
    // This build's payload with the other file's trailer.
    const mixed = new Uint8Array(files.get(name)!);
    mixed.set(otherShard.subarray(otherShard.length - TRAILER_LENGTH), mixed.length - TRAILER_LENGTH);
    files.set(name, mixed);
    const loader = await IndexLoader.open(mapFetcher(files), FAST);
    const e = await rejection(loader.shard(FULL_SHARD));
    expect(e).toBeInstanceOf(IndexCorruptError);
    expect(e.message).toBe(mismatch(name, contentHash(payloads.get(name)!), sealedHash(otherShard)!));
  });

  it('accepts a damaged first download when a retry brings the right bytes', async () => {
    const { files } = buildIndex();
    const name = at(shardFile(FULL_SHARD));
    const fetcher = mapFetcher(files, (n, call) => (n === name && call === 1 ? new Uint8Array([1, 2, 3]) : undefined));
    const loader = await IndexLoader.open(fetcher, FAST);
    const shard = await loader.shard(FULL_SHARD);
    expect(shard.terms).toBeGreaterThan(0);
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
    const e = await rejection(loader.shard(FULL_SHARD));
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
    const e = await rejection(loader.shard(FULL_SHARD));
    expect(e).toBeInstanceOf(IndexCorruptError);
    expect(e.message).toBe(noTrailer(name, 3));
    expect(fetcher.calls.get(name)).toBe(3);
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
    const shard = await loader.shard(FULL_SHARD);
    expect(shard.keys()).toStrictEqual(TERMS.map(([t]) => t).filter((t) => shard.has(t)).sort());
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
    const e = await rejection(loader.shard(FULL_SHARD));
    expect(e).toBeInstanceOf(IndexFetchError);
    expect(e.name).toBe('IndexFetchError');
    expect((e as IndexFetchError).file).toBe(name);
    expect(e.message).toBe(`${name}: download failed after 3 attempts: network down 3`);
    expect((e.cause as Error).message).toBe('network down 3');
    expect(fetcher.calls.get(name)).toBe(3);
  });

  it('keeps only the reason of an IndexFetchError from the fetcher', async () => {
    const { files } = buildIndex();
    const name = at(COLUMNS_FILE);
    const fetcher = mapFetcher(files, (n) => {
      if (n === name) throw new IndexFetchError(n, 'HTTP 503 Service Unavailable');
      return undefined;
    });
    const loader = await IndexLoader.open(fetcher, FAST);
    const e = await rejection(loader.columns());
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
    expect((await rejection(loader.fragment(0))).message).toBe(noTrailer(name, 0));
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

  it('waits between retries of a corrupt build file too', async () => {
    const { files } = buildIndex();
    const name = at(COLUMNS_FILE);
    const fetcher = mapFetcher(files, (n) => (n === name ? new Uint8Array([1]) : undefined));
    const loader = await IndexLoader.open(fetcher, { retries: 1, retryDelayMs: 100 });
    vi.useFakeTimers();
    const p = rejection(loader.columns());
    await vi.advanceTimersByTimeAsync(0);
    expect(fetcher.calls.get(name)).toBe(1);
    await vi.advanceTimersByTimeAsync(99);
    expect(fetcher.calls.get(name)).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fetcher.calls.get(name)).toBe(2);
    expect((await p).message).toBe(noTrailer(name, 1));
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
    const pending = Array.from({ length: 5 }, () => loader.shard(FULL_SHARD));
    await new Promise((r) => setTimeout(r, 5));
    expect(calls).toStrictEqual([MANIFEST_FILE, name]);
    release();
    const shards = await Promise.all(pending);
    for (const s of shards) expect(s).toBe(shards[0]);
    expect(await loader.shard(FULL_SHARD)).toBe(shards[0]);
    expect(calls).toStrictEqual([MANIFEST_FILE, name]);
  });

  it('keeps different files apart: each shard, fragment and id table once', async () => {
    const { files } = buildIndex();
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, FAST);
    const [s0, s1, s0b, f, i] = await Promise.all([loader.shard(0), loader.shard(1), loader.shard(0), loader.fragment(0), loader.ids(0)]);
    expect(s0b).toBe(s0);
    expect(s1).not.toBe(s0);
    expect(f).toStrictEqual(FRAGMENT);
    expect(i).toStrictEqual({ a1: 0, b2: 1, c3: 2 });
    expect([...fetcher.calls].sort()).toStrictEqual(
      [[MANIFEST_FILE, 1], [`${GEN}/shard-0.bin`, 1], [`${GEN}/shard-1.bin`, 1], [`${GEN}/frag-0.json`, 1], [`${GEN}/ids-0.json`, 1]].sort(),
    );
  });

  it('fetches the columns once across calls', async () => {
    const { files } = buildIndex();
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, FAST);
    const [a, b] = await Promise.all([loader.columns(), loader.columns()]);
    expect(a).toBe(b);
    expect(await loader.columns()).toBe(a);
    expect(fetcher.calls.get(at(COLUMNS_FILE))).toBe(1);
  });

  it('fetches the char table once across calls', async () => {
    const { files } = buildIndex();
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, FAST);
    const a = await loader.charTable();
    expect(await loader.charTable()).toBe(a);
    expect(fetcher.calls.get(at(CHARS_FILE))).toBe(1);
  });

  it('does not cache a failed load: a later call fetches again', async () => {
    const { files } = buildIndex();
    const name = at(shardFile(FULL_SHARD));
    const fetcher = mapFetcher(files, (n, call) => {
      if (n === name && call <= 3) throw new Error(`network down ${call}`);
      return undefined;
    });
    const loader = await IndexLoader.open(fetcher, FAST);
    const e = await rejection(loader.shard(FULL_SHARD));
    expect(e).toBeInstanceOf(IndexFetchError);
    expect(fetcher.calls.get(name)).toBe(3);
    const shard = await loader.shard(FULL_SHARD);
    expect(shard.terms).toBeGreaterThan(0);
    expect(fetcher.calls.get(name)).toBe(4);
    expect(await loader.shard(FULL_SHARD)).toBe(shard);
    expect(fetcher.calls.get(name)).toBe(4);
  });

  it('does not cache a corrupt file: a later call fetches again', async () => {
    const { files } = buildIndex();
    const name = at(shardFile(FULL_SHARD));
    const fetcher = mapFetcher(files, (n, call) => (n === name && call <= 3 ? new Uint8Array([0]) : undefined));
    const loader = await IndexLoader.open(fetcher, FAST);
    expect(await rejection(loader.shard(FULL_SHARD))).toBeInstanceOf(IndexCorruptError);
    expect((await loader.shard(FULL_SHARD)).terms).toBeGreaterThan(0);
    expect(fetcher.calls.get(name)).toBe(4);
  });

  it('does not cache a file that failed to decode: a later call fetches again', async () => {
    const { files } = buildIndex();
    const name = at(shardFile(FULL_SHARD));
    const junk = seal(new TextEncoder().encode('not a shard'));
    const fetcher = mapFetcher(files, (n, call) => (n === name && call === 1 ? junk : undefined));
    const loader = await IndexLoader.open(fetcher, FAST);
    expect(await rejection(loader.shard(FULL_SHARD))).toBeInstanceOf(IndexFormatError);
    expect(fetcher.calls.get(name)).toBe(1);
    expect((await loader.shard(FULL_SHARD)).terms).toBeGreaterThan(0);
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
    const errors = await Promise.all([rejection(loader.shard(FULL_SHARD)), rejection(loader.shard(FULL_SHARD))]);
    expect(errors[0]).toBe(errors[1]);
    expect(fetcher.calls.get(name)).toBe(3);
    fail = false;
    expect((await loader.shard(FULL_SHARD)).terms).toBeGreaterThan(0);
    expect(fetcher.calls.get(name)).toBe(4);
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
    await httpFetcher('/search/')(`${GEN}/columns.bin`);
    expect(seen).toStrictEqual([
      ['https://example.com/search/manifest.json', { cache: 'no-store' }],
      ['https://example.com/search/g-0a1b2c3d4e5f60/shard-0.bin', { cache: 'force-cache' }],
      ['/search/g-0a1b2c3d4e5f60/columns.bin', { cache: 'force-cache' }],
    ]);
  });

  it('turns an HTTP error status into IndexFetchError', async () => {
    vi.stubGlobal('fetch', async () => new Response('gone', { status: 404, statusText: 'Not Found' }));
    const e = await rejection(httpFetcher('/search')(`${GEN}/shard-1.bin`));
    expect(e).toBeInstanceOf(IndexFetchError);
    expect(e.message).toBe('g-0a1b2c3d4e5f60/shard-1.bin: HTTP 404 Not Found');
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
    expect(await loader.columns()).toStrictEqual(COLUMNS);
    expect((await loader.shard(FULL_SHARD)).has('银行')).toBe(true);
    const e = await rejection(loader.shard(missing));
    expect(e).toBeInstanceOf(IndexFetchError);
    expect(e.message).toBe(`${GEN}/shard-${missing}.bin: download failed after 3 attempts: HTTP 404 Not Found`);
  });
});
