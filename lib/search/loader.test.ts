import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  contentHash,
  encodeColumns,
  encodeFragment,
  encodeIdTable,
  encodeJson,
  encodeShard,
  FORMAT_NAME,
  FORMAT_VERSION,
  IndexFormatError,
  MANIFEST_FILE,
  NONE,
  NO_DAY,
  shardOf,
  type Columns,
  type Fragment,
  type Manifest,
  type Postings,
} from '../index-format';
import { DEFAULT_LOADER_OPTIONS, httpFetcher, IndexCorruptError, IndexFetchError, IndexLoader, type Fetcher } from './loader';

const FAST = { retries: 2, retryDelayMs: 1 };

/** `prefix.<contentHash>.ext`, as the indexer names immutable files. */
function hashed(prefix: string, ext: string, bytes: Uint8Array): string {
  return `${prefix}.${contentHash(bytes)}.${ext}`;
}

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

/** A real index in memory: every file encoded by lib/index-format and named by its content hash. */
function buildIndex(): { files: Map<string, Uint8Array>; manifest: Manifest; shardFiles: string[] } {
  const files = new Map<string, Uint8Array>();
  const put = (prefix: string, ext: string, bytes: Uint8Array): string => {
    const name = hashed(prefix, ext, bytes);
    files.set(name, bytes);
    return name;
  };
  const shardCount = 2;
  const shardFiles: (string | null)[] = [];
  for (let i = 0; i < shardCount; i++) {
    const mine = TERMS.filter(([t]) => shardOf(t, shardCount) === i);
    shardFiles.push(mine.length ? put(`shard-${i}`, 'bin', encodeShard(mine)) : null);
  }
  const ids = { a1: 0, b2: 1, c3: 2 };
  const manifest: Manifest = {
    format: FORMAT_NAME,
    version: FORMAT_VERSION,
    buildId: 'build-1',
    builtAt: '2024-05-01T12:00:00.000Z',
    docCount: 3,
    avgLength: 166.67,
    shards: { count: shardCount, files: shardFiles },
    columns: put('columns', 'bin', encodeColumns(COLUMNS)),
    fragments: { groupSize: 3, files: [put('frag-0', 'json', encodeFragment(FRAGMENT))] },
    ids: { count: 1, files: [put('ids-0', 'json', encodeIdTable(ids))] },
    charTable: put('chars', 'json', encodeJson({ 國: '国', 銀: '银' })),
    banks: [{ name: '交通银行', kind: '国有大型商业银行', aliases: ['交行', 'BOCOM'] }],
    examples: ['LPR', '普惠金融'],
  };
  files.set(MANIFEST_FILE, new TextEncoder().encode(JSON.stringify(manifest)));
  return { files, manifest, shardFiles: shardFiles.filter((f): f is string => f !== null) };
}

/** A fetcher over a Map that counts calls per file; `hook` may throw or replace the answer. */
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

  it('rejects an invalid manifest with IndexFormatError', async () => {
    const { files } = buildIndex();
    files.set(MANIFEST_FILE, new TextEncoder().encode(JSON.stringify({ format: 'something-else' })));
    const e = await rejection(IndexLoader.open(mapFetcher(files), FAST));
    expect(e).toBeInstanceOf(IndexFormatError);
    expect(e.message).toBe(`manifest.json: not a ${FORMAT_NAME} manifest`);
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
  it('loads and decodes each shard', async () => {
    const { files, manifest } = buildIndex();
    const loader = await IndexLoader.open(mapFetcher(files), FAST);
    for (const [term, p] of TERMS) {
      const file = manifest.shards.files[shardOf(term, manifest.shards.count)]!;
      const shard = await loader.shard(file);
      expect(shard.get(term)).toStrictEqual(p);
      expect(shard.get('absent')).toBe(null);
    }
  });

  it('loads the columns named by the manifest', async () => {
    const { files } = buildIndex();
    const loader = await IndexLoader.open(mapFetcher(files), FAST);
    expect(await loader.columns()).toStrictEqual(COLUMNS);
  });

  it('loads fragments, id tables and the char table', async () => {
    const { files, manifest } = buildIndex();
    const loader = await IndexLoader.open(mapFetcher(files), FAST);
    expect(await loader.fragment(manifest.fragments.files[0]!)).toStrictEqual(FRAGMENT);
    expect(await loader.ids(manifest.ids.files[0]!)).toStrictEqual({ a1: 0, b2: 1, c3: 2 });
    expect(await loader.charTable()).toStrictEqual({ 國: '国', 銀: '银' });
  });

  it('charTable() is null without fetching when the manifest names none', async () => {
    const { files, manifest } = buildIndex();
    files.set(MANIFEST_FILE, new TextEncoder().encode(JSON.stringify({ ...manifest, charTable: null })));
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, FAST);
    expect(await loader.charTable()).toBe(null);
    expect([...fetcher.calls.keys()]).toStrictEqual([MANIFEST_FILE]);
  });

  it('a file whose hash matches but whose layout is wrong is an IndexFormatError, not retried', async () => {
    const { files } = buildIndex();
    const junk = new TextEncoder().encode('not a shard');
    const name = hashed('shard-9', 'bin', junk);
    files.set(name, junk);
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, FAST);
    const e = await rejection(loader.shard(name));
    expect(e).toBeInstanceOf(IndexFormatError);
    expect(e.message.startsWith(`${name}: `)).toBe(true);
    expect(fetcher.calls.get(name)).toBe(1);
  });
});

describe('IndexLoader: content hash check', () => {
  it('rejects a file whose bytes do not match the hash in its name with IndexCorruptError', async () => {
    const { files, shardFiles } = buildIndex();
    const name = shardFiles[0]!;
    const good = files.get(name)!;
    const bad = good.slice(0, good.length - 1);
    files.set(name, bad);
    const expected = name.split('.')[1]!;
    const actual = contentHash(bad);
    expect(actual).not.toBe(expected);
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, FAST);
    const e = await rejection(loader.shard(name));
    expect(e).toBeInstanceOf(IndexCorruptError);
    expect(e.name).toBe('IndexCorruptError');
    expect((e as IndexCorruptError).file).toBe(name);
    expect(e.message).toBe(`${name}: content hash is ${actual}, expected ${expected} (the file is damaged or from another build)`);
    // A damaged download may be transient, so it is retried like a failed one.
    expect(fetcher.calls.get(name)).toBe(3);
  });

  it('rejects a single flipped byte', async () => {
    const { files, manifest } = buildIndex();
    const name = manifest.columns;
    const bad = files.get(name)!.slice();
    bad[bad.length - 1] = bad[bad.length - 1]! ^ 1;
    files.set(name, bad);
    const loader = await IndexLoader.open(mapFetcher(files), FAST);
    const e = await rejection(loader.columns());
    expect(e).toBeInstanceOf(IndexCorruptError);
    const expected = contentHash(encodeColumns(COLUMNS));
    expect(name).toBe(`columns.${expected}.bin`);
    expect(e.message).toBe(`${name}: content hash is ${contentHash(bad)}, expected ${expected} (the file is damaged or from another build)`);
  });

  it('accepts a damaged first download when a retry brings the right bytes', async () => {
    const { files, shardFiles } = buildIndex();
    const name = shardFiles[0]!;
    const fetcher = mapFetcher(files, (n, call) => (n === name && call === 1 ? new Uint8Array([1, 2, 3]) : undefined));
    const loader = await IndexLoader.open(fetcher, FAST);
    const shard = await loader.shard(name);
    expect(shard.terms).toBeGreaterThan(0);
    expect(fetcher.calls.get(name)).toBe(2);
  });

  it('does not check the manifest or files without a hash in their name', async () => {
    const { files, manifest } = buildIndex();
    const plain = 'frag-plain.json';
    files.set(plain, encodeFragment(FRAGMENT));
    files.set(MANIFEST_FILE, new TextEncoder().encode(JSON.stringify({ ...manifest, fragments: { groupSize: 3, files: [plain] } })));
    const loader = await IndexLoader.open(mapFetcher(files), FAST);
    expect(await loader.fragment(plain)).toStrictEqual(FRAGMENT);
  });
});

describe('IndexLoader: retries', () => {
  it('succeeds after two failures with retries 2', async () => {
    const { files, shardFiles } = buildIndex();
    const name = shardFiles[0]!;
    const fetcher = mapFetcher(files, (n, call) => {
      if (n === name && call <= 2) throw new Error(`network down ${call}`);
      return undefined;
    });
    const loader = await IndexLoader.open(fetcher, { retries: 2, retryDelayMs: 1 });
    const shard = await loader.shard(name);
    expect(shard.keys()).toStrictEqual(TERMS.map(([t]) => t).filter((t) => shard.has(t)).sort());
    expect(fetcher.calls.get(name)).toBe(3);
  });

  it('fails with IndexFetchError naming the file after 3 attempts', async () => {
    const { files, shardFiles } = buildIndex();
    const name = shardFiles[0]!;
    const fetcher = mapFetcher(files, (n, call) => {
      if (n === name) throw new Error(`network down ${call}`);
      return undefined;
    });
    const loader = await IndexLoader.open(fetcher, FAST);
    const e = await rejection(loader.shard(name));
    expect(e).toBeInstanceOf(IndexFetchError);
    expect(e.name).toBe('IndexFetchError');
    expect((e as IndexFetchError).file).toBe(name);
    expect(e.message).toBe(`${name}: download failed after 3 attempts: network down 3`);
    expect((e.cause as Error).message).toBe('network down 3');
    expect(fetcher.calls.get(name)).toBe(3);
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
});

describe('IndexLoader: caching', () => {
  it('fetches a file once even when it is requested concurrently', async () => {
    const { files, shardFiles } = buildIndex();
    const name = shardFiles[0]!;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const calls: string[] = [];
    const fetcher: Fetcher = async (n) => {
      calls.push(n);
      if (n !== MANIFEST_FILE) await gate;
      return files.get(n)!;
    };
    const loader = await IndexLoader.open(fetcher, FAST);
    const pending = Array.from({ length: 5 }, () => loader.shard(name));
    await new Promise((r) => setTimeout(r, 5));
    expect(calls).toStrictEqual([MANIFEST_FILE, name]);
    release();
    const shards = await Promise.all(pending);
    for (const s of shards) expect(s).toBe(shards[0]);
    expect(await loader.shard(name)).toBe(shards[0]);
    expect(calls).toStrictEqual([MANIFEST_FILE, name]);
  });

  it('fetches the columns once across calls', async () => {
    const { files, manifest } = buildIndex();
    const fetcher = mapFetcher(files);
    const loader = await IndexLoader.open(fetcher, FAST);
    const [a, b] = await Promise.all([loader.columns(), loader.columns()]);
    expect(a).toBe(b);
    expect(await loader.columns()).toBe(a);
    expect(fetcher.calls.get(manifest.columns)).toBe(1);
  });

  it('does not cache a failed load: a later call fetches again', async () => {
    const { files, shardFiles } = buildIndex();
    const name = shardFiles[0]!;
    const fetcher = mapFetcher(files, (n, call) => {
      if (n === name && call <= 3) throw new Error(`network down ${call}`);
      return undefined;
    });
    const loader = await IndexLoader.open(fetcher, FAST);
    const e = await rejection(loader.shard(name));
    expect(e).toBeInstanceOf(IndexFetchError);
    expect(fetcher.calls.get(name)).toBe(3);
    const shard = await loader.shard(name);
    expect(shard.terms).toBeGreaterThan(0);
    expect(fetcher.calls.get(name)).toBe(4);
    expect(await loader.shard(name)).toBe(shard);
    expect(fetcher.calls.get(name)).toBe(4);
  });

  it('does not cache a corrupt file: a later call fetches again', async () => {
    const { files, shardFiles } = buildIndex();
    const name = shardFiles[0]!;
    const fetcher = mapFetcher(files, (n, call) => (n === name && call <= 3 ? new Uint8Array([0]) : undefined));
    const loader = await IndexLoader.open(fetcher, FAST);
    expect(await rejection(loader.shard(name))).toBeInstanceOf(IndexCorruptError);
    expect((await loader.shard(name)).terms).toBeGreaterThan(0);
    expect(fetcher.calls.get(name)).toBe(4);
  });

  it('callers waiting on a failed load all see the failure, and the next call retries', async () => {
    const { files, shardFiles } = buildIndex();
    const name = shardFiles[0]!;
    let fail = true;
    const fetcher = mapFetcher(files, (n) => {
      if (n === name && fail) throw new Error('down');
      return undefined;
    });
    const loader = await IndexLoader.open(fetcher, FAST);
    const errors = await Promise.all([rejection(loader.shard(name)), rejection(loader.shard(name))]);
    expect(errors[0]).toBe(errors[1]);
    expect(fetcher.calls.get(name)).toBe(3);
    fail = false;
    expect((await loader.shard(name)).terms).toBeGreaterThan(0);
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
    await f('shard-0.00000000000000.bin');
    await httpFetcher('/search/')('x.bin');
    expect(seen).toStrictEqual([
      ['https://example.com/search/manifest.json', { cache: 'no-store' }],
      ['https://example.com/search/shard-0.00000000000000.bin', { cache: 'force-cache' }],
      ['/search/x.bin', { cache: 'force-cache' }],
    ]);
  });

  it('turns an HTTP error status into IndexFetchError', async () => {
    vi.stubGlobal('fetch', async () => new Response('gone', { status: 404, statusText: 'Not Found' }));
    const e = await rejection(httpFetcher('/search')('shard-1.bin'));
    expect(e).toBeInstanceOf(IndexFetchError);
    expect(e.message).toBe('shard-1.bin: HTTP 404 Not Found');
  });
});
