import fs, { existsSync, renameSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { connect } from 'node:http2';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo, Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startStaticServer, StaticServerOptionsError } from './static-server';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

let dir: string;
let server: Server;
/** The same folder served under the base path `/search`. */
let under: Server;

/** A pack file of the index, 64 bytes 0, 1, … 63, so that a range's bytes name their offsets. */
const PACK = '/search/g-0123456789abcd/pack-0.bin';
const PACK_BYTES = Buffer.from(Array.from({ length: 64 }, (_, i) => i));

/** What a client sees of a response the server broke off, as against one it never answered. */
const BROKEN_OFF = /socket hang up|aborted|ECONNRESET/;

function get(urlPath: string, headers: Record<string, string> = {}, from: Server = server, method = 'GET'): Promise<Answer> {
  const { port } = from.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: urlPath, method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    // A server that never answers fails the test quickly rather than at the test timeout.
    req.setTimeout(5000, () => req.destroy(new Error(`no answer to ${urlPath} in 5 s`)));
    req.end();
  });
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'bns-serve-'));
  await mkdir(path.join(dir, 'article'));
  await writeFile(path.join(dir, 'index.html'), '<p>首页</p>');
  await writeFile(path.join(dir, 'article', 'index.html'), '<p>文章</p>');
  await writeFile(path.join(dir, '404.html'), '<p>找不到</p>');
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify({ docCount: 2, text: '银行'.repeat(200) }));
  await mkdir(path.join(dir, 'search', 'g-0123456789abcd'), { recursive: true });
  for (const f of ['search/g-0123456789abcd/shard-0.bin', 'search/del-0123456789abcd.bin', 'search/order-0123456789abcd.bin', 'search/del-notahash.bin'])
    await writeFile(path.join(dir, f), 'x');
  await writeFile(path.join(dir, PACK), PACK_BYTES);
  await writeFile(path.join(dir, 'about.html'), '<p>关于</p>');
  server = await startStaticServer({ root: dir, port: 0 });
  under = await startStaticServer({ root: dir, port: 0, basePath: '/search' });
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await new Promise<void>((resolve) => under.close(() => resolve()));
  await rm(dir, { recursive: true, force: true });
});

describe('startStaticServer', () => {
  it('lets a cache keep the files of an index named by their content for good, and asks it to revalidate the rest', async () => {
    for (const f of ['/search/g-0123456789abcd/shard-0.bin', '/search/del-0123456789abcd.bin', '/search/order-0123456789abcd.bin'])
      expect((await get(f)).headers['cache-control'], f).toBe('public, max-age=31536000, immutable');
    for (const f of ['/search/del-notahash.bin', '/manifest.json', '/article/']) expect((await get(f)).headers['cache-control'], f).toBe('no-cache');
  });

  it('serves a folder as its index.html, and an unknown path as 404.html with status 404', async () => {
    const page = await get('/article/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body.toString()).toBe('<p>文章</p>');
    const missing = await get('/nope/');
    expect(missing.status).toBe(404);
    expect(missing.body.toString()).toBe('<p>找不到</p>');
  });

  it('gzips text when the client accepts it and sends the length otherwise', async () => {
    const zipped = await get('/manifest.json', { 'accept-encoding': 'gzip' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toBe('Accept-Encoding');
    const plain = await get('/manifest.json');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['content-length']).toBe(String(plain.body.length));
    expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true);
  });

  it('answers a range of a pack file with exactly those bytes, cached forever and never gzipped', async () => {
    const r = await get(PACK, { range: 'bytes=2-5', 'accept-encoding': 'gzip' });
    expect(r.status).toBe(206);
    expect(r.body.equals(PACK_BYTES.subarray(2, 6))).toBe(true);
    expect(r.headers['content-range']).toBe(`bytes 2-5/${PACK_BYTES.length}`);
    expect(r.headers['content-length']).toBe('4');
    expect(r.headers['accept-ranges']).toBe('bytes');
    expect(r.headers['content-type']).toBe('application/octet-stream');
    expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['content-encoding']).toBeUndefined();
  });

  it('answers an open-ended range to the end of the file, a suffix range with its last bytes, and a range past the end up to it', async () => {
    for (const [range, from, to] of [
      ['bytes=10-', 10, 63],
      ['bytes=-4', 60, 63],
      ['bytes=60-1000', 60, 63],
      ['bytes=0-0', 0, 0],
    ] as const) {
      const r = await get(PACK, { range });
      expect(r.status, range).toBe(206);
      expect(r.body.equals(PACK_BYTES.subarray(from, to + 1)), range).toBe(true);
      expect(r.headers['content-range'], range).toBe(`bytes ${from}-${to}/64`);
      expect(r.headers['content-length'], range).toBe(String(to - from + 1));
    }
  });

  it('answers 416 with the size for a range that starts past the end', async () => {
    for (const range of ['bytes=64-', 'bytes=100-200']) {
      const r = await get(PACK, { range });
      expect(r.status, range).toBe(416);
      expect(r.headers['content-range'], range).toBe('bytes */64');
    }
  });

  it('answers the whole file for a range it does not serve: malformed, several at once, another unit, a stale or a weak If-Range', async () => {
    const { etag, 'last-modified': lastModified } = (await get(PACK)).headers;
    const unserved: Record<string, string>[] = [
      { range: 'bytes=abc' },
      { range: 'bytes=0-1,10-11' },
      { range: 'items=0-1' },
      { range: 'bytes=2-5', 'if-range': '"stale"' },
      // A weak tag never matches If-Range (RFC 9110 §13.1.5), even the weak form of the file's own.
      { range: 'bytes=2-5', 'if-range': `W/${String(etag)}` },
    ];
    for (const headers of unserved) {
      const r = await get(PACK, headers);
      expect(r.status, JSON.stringify(headers)).toBe(200);
      expect(r.body.equals(PACK_BYTES), JSON.stringify(headers)).toBe(true);
      expect(r.headers['content-range'], JSON.stringify(headers)).toBeUndefined();
    }
    const fresh = await get(PACK, { range: 'bytes=2-5', 'if-range': String(lastModified) });
    expect(fresh.status).toBe(206);
    expect(fresh.body.equals(PACK_BYTES.subarray(2, 6))).toBe(true);
  });

  it('gives a file sent byte for byte a strong tag, so that a second range asked with If-Range and that tag is a range', async () => {
    // Chromium's cache, holding a pack's header, asks for a member so: with a weak tag it would get the whole pack.
    const first = await get(PACK, { range: 'bytes=0-3' });
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
    const second = await get(PACK, { range: 'bytes=10-19', 'if-range': etag });
    expect(second.status).toBe(206);
    expect(second.body.equals(PACK_BYTES.subarray(10, 20))).toBe(true);
    expect(second.headers['content-range']).toBe('bytes 10-19/64');
    // The same tag on a whole response, and a conditional GET with it is a 304.
    expect((await get(PACK)).headers.etag).toBe(etag);
    expect((await get(PACK, { 'if-none-match': etag })).status).toBe(304);
    // A text file, sent gzipped or not under one tag, keeps a weak one.
    expect(String((await get('/index.html')).headers.etag)).toMatch(/^W\//);
  });

  it('answers HEAD with the headers of a GET and no body, for a range too', async () => {
    const whole = await get(PACK, {}, server, 'HEAD');
    expect(whole.status).toBe(200);
    expect(whole.headers['content-length']).toBe('64');
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(whole.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(whole.body.length).toBe(0);
    const part = await get(PACK, { range: 'bytes=2-5' }, server, 'HEAD');
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe('bytes 2-5/64');
    expect(part.headers['content-length']).toBe('4');
    expect(part.body.length).toBe(0);
    const page = await get('/manifest.json', {}, server, 'HEAD');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['content-length']).toBe(String((await get('/manifest.json')).body.length));
    expect(page.body.length).toBe(0);
  });

  it('answers a request revalidating what it has with 304 and no body', async () => {
    for (const f of [PACK, '/manifest.json']) {
      const { etag } = (await get(f)).headers;
      const r = await get(f, { 'if-none-match': String(etag), 'accept-encoding': 'gzip' });
      expect(r.status, f).toBe(304);
      expect(r.body.length, f).toBe(0);
    }
  });

  it('gzips the whole of any text file but never a range of one, and offers no other coding', async () => {
    const plain = (await get('/manifest.json')).body;
    const part = await get('/manifest.json', { range: 'bytes=0-9', 'accept-encoding': 'gzip' });
    expect(part.status).toBe(206);
    expect(part.headers['content-encoding']).toBeUndefined();
    expect(part.body.equals(plain.subarray(0, 10))).toBe(true);
    // However small: a page of a few bytes is gzipped too.
    const small = await get('/about.html', { 'accept-encoding': 'gzip' });
    expect(small.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(small.body).toString()).toBe('<p>关于</p>');
    for (const [accepts, coding] of [
      ['gzip, deflate, br, zstd', 'gzip'],
      ['br', undefined],
      ['deflate', undefined],
      ['gzip;q=0, br', undefined],
      ['*', undefined],
    ] as const) {
      expect((await get('/manifest.json', { 'accept-encoding': accepts })).headers['content-encoding'], accepts).toBe(coding);
    }
  });

  it('answers the 404 page whole, whatever range or validator is asked', async () => {
    const r = await get('/nope/', { range: 'bytes=0-3', 'if-none-match': '*' });
    expect(r.status).toBe(404);
    expect(r.body.toString()).toBe('<p>找不到</p>');
    expect(r.headers['content-range']).toBeUndefined();
    expect(r.headers['accept-ranges']).toBeUndefined();
    expect(r.headers.etag).toBeUndefined();
  });

  it('serves a folder named without its slash as its index.html, and `x` as x.html', async () => {
    for (const [name, body] of [
      ['/article', '<p>文章</p>'],
      ['/about', '<p>关于</p>'],
      ['/about.html', '<p>关于</p>'],
    ] as const) {
      const r = await get(name);
      expect(r.status, name).toBe(200);
      expect(r.headers['content-type'], name).toBe('text/html; charset=utf-8');
      expect(r.body.toString(), name).toBe(body);
    }
  });

  it('refuses methods other than GET and HEAD with 405, naming those', async () => {
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const r = await get(PACK, {}, server, method);
      expect(r.status, method).toBe(405);
      expect(r.headers.allow, method).toBe('GET, HEAD');
    }
  });

  it('breaks off the response to a file replaced between the look that sized it and its opening, then serves the new one', async () => {
    const file = path.join(dir, 'replaced.json');
    await writeFile(file, '"old"');
    await writeFile(`${file}.next`, '"the new one, longer"');
    // An update renaming the new file over the old one right after the server looked at the old.
    const stat = fs.stat;
    const spy = vi.spyOn(fs, 'stat').mockImplementation(((p: fs.PathLike, done: (e: NodeJS.ErrnoException | null, s: fs.Stats) => void) => {
      stat(p, (e, s) => {
        if (p === file && existsSync(`${file}.next`)) renameSync(`${file}.next`, file);
        done(e, s);
      });
    }) as typeof fs.stat);
    try {
      await expect(get('/replaced.json')).rejects.toThrow(BROKEN_OFF);
    } finally {
      spy.mockRestore();
    }
    const r = await get('/replaced.json');
    expect(r.status).toBe(200);
    expect(r.body.toString()).toBe('"the new one, longer"');
    expect(r.headers['content-length']).toBe(String(r.body.length));
  });

  it('serves the folder under a base path, redirects the bare path to it, and finds nothing outside it', async () => {
    const page = await get('/search/article/', {}, under);
    expect(page.status).toBe(200);
    expect(page.body.toString()).toBe('<p>文章</p>');
    expect((await get('/search/', {}, under)).body.toString()).toBe('<p>首页</p>');
    expect(JSON.parse((await get('/search/manifest.json', {}, under)).body.toString())).toMatchObject({ docCount: 2 });

    for (const [bare, to] of [
      ['/search', '/search/'],
      ['/search?q=%E9%93%B6%E8%A1%8C&page=2', '/search/?q=%E9%93%B6%E8%A1%8C&page=2'],
    ] as const) {
      const r = await get(bare, {}, under);
      expect(r.status, bare).toBe(301);
      expect(r.headers.location, bare).toBe(to);
    }

    for (const outside of [
      '/',
      '/article/',
      '/manifest.json',
      '/searchlight/',
      '/search/nope/',
      '/search/../article/',
      '/search/%2e%2e/article/',
      '/search/%2E%2E/article/',
      // A path starting with // names no host: neither the site under it nor the redirect.
      '//evil.example/search/',
      '//evil.example/search',
      '//evil.example/search/article/',
    ]) {
      const r = await get(outside, {}, under);
      expect(r.status, outside).toBe(404);
      expect(r.body.toString(), outside).toBe('<p>找不到</p>');
    }
  });

  it('never serves a file outside the folder, however the path is encoded', async () => {
    // Each names the folder's own manifest from its parent (`/../<folder>/manifest.json`); read as a path
    // inside the folder it names nothing, so a 200 would be a file reached from outside.
    const up = path.basename(dir);
    for (const [from, prefix] of [
      [server, ''],
      [under, '/search'],
    ] as const) {
      for (const escape of [
        `/..%2f${up}/manifest.json`,
        `/%2e%2e%2f${up}/manifest.json`,
        `/..%2f..%2f..%2f${up}/manifest.json`,
        `/%2e%2e%2F%2e%2e%2F${up}%2Fmanifest.json`,
        `/..%5c${up}/manifest.json`,
      ]) {
        const r = await get(`${prefix}${escape}`, {}, from);
        expect(r.status, `${prefix}${escape}`).toBe(404);
        expect(r.body.toString(), `${prefix}${escape}`).toBe('<p>找不到</p>');
      }
    }
    // …while the same file, named from inside, is there.
    expect((await get('/search/manifest.json', {}, under)).status).toBe(200);
  });

  it('refuses a base path that is not one, naming it', async () => {
    for (const bad of ['search', '/search/', '/a b', '/..']) {
      await expect(startStaticServer({ root: dir, port: 0, basePath: bad }), bad).rejects.toThrow(StaticServerOptionsError);
      await expect(startStaticServer({ root: dir, port: 0, basePath: bad }), bad).rejects.toThrow(`basePath must be`);
      await expect(startStaticServer({ root: dir, port: 0, basePath: bad }), bad).rejects.toThrow(`got ${JSON.stringify(bad)}`);
    }
  });

  // Real files whose stat says "regular file" but whose read fails, for any user (root included):
  // a procfs file with no read permission fails to open, and /proc/self/mem fails at offset 0 (EIO).
  const procfs = existsSync('/proc/self/mem') && existsSync('/proc/sys/vm/drop_caches');

  it.skipIf(!procfs)('answers 500 for a file it cannot open, and keeps serving (Linux only)', async () => {
    await symlink('/proc/sys/vm/drop_caches', path.join(dir, 'unopenable.txt'));
    const r = await get('/unopenable.txt');
    expect(r.status).toBe(500);
    expect((await get('/')).body.toString()).toBe('<p>首页</p>');
  });

  it.skipIf(!procfs)('breaks off the response when a read fails after the headers, and keeps serving (Linux only)', async () => {
    await symlink('/proc/self/mem', path.join(dir, 'unreadable.bin'));
    await expect(get('/unreadable.bin')).rejects.toThrow(BROKEN_OFF);
    await symlink('/proc/self/mem', path.join(dir, 'unreadable.txt'));
    await expect(get('/unreadable.txt', { 'accept-encoding': 'gzip' })).rejects.toThrow(BROKEN_OFF);
    expect((await get('/')).body.toString()).toBe('<p>首页</p>');
  });
});

describe('startStaticServer over HTTPS', () => {
  let secure: Server;
  let origin: string;

  beforeAll(async () => {
    const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], { keySize: 2048, algorithm: 'sha256' });
    secure = await startStaticServer({ root: dir, port: 0, tls: { key: pems.private, cert: pems.cert } });
    origin = `https://127.0.0.1:${(secure.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => secure.close(() => resolve()));
  });

  /** One request over an HTTP/2 session of its own, as a browser would make it. */
  function get2(urlPath: string, headers: Record<string, string> = {}): Promise<Answer & { alpn: string | false | undefined }> {
    return new Promise((resolve, reject) => {
      const session = connect(origin, { rejectUnauthorized: false });
      session.on('error', reject);
      const stream = session.request({ ':path': urlPath, ...headers });
      const chunks: Buffer[] = [];
      let status = 0;
      let got: Record<string, string | string[] | undefined> = {};
      stream.on('response', (h) => {
        status = Number(h[':status']);
        got = h;
      });
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', reject);
      stream.on('end', () => {
        const alpn = session.alpnProtocol;
        session.close();
        resolve({ status, headers: got, body: Buffer.concat(chunks), alpn });
      });
      stream.end();
    });
  }

  it('speaks HTTP/2 and answers as over HTTP/1.1: a range byte for byte, text gzipped, the 404 page', async () => {
    const r = await get2(PACK, { range: 'bytes=2-5', 'accept-encoding': 'gzip' });
    expect(r.alpn).toBe('h2');
    expect(r.status).toBe(206);
    expect(r.body.equals(PACK_BYTES.subarray(2, 6))).toBe(true);
    expect(r.headers['content-range']).toBe(`bytes 2-5/${PACK_BYTES.length}`);
    expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(r.headers['content-encoding']).toBeUndefined();

    const text = await get2('/manifest.json', { 'accept-encoding': 'gzip' });
    expect(text.status).toBe(200);
    expect(text.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(text.body).equals((await get('/manifest.json')).body)).toBe(true);

    const missing = await get2('/nope/');
    expect(missing.status).toBe(404);
    expect(missing.body.toString()).toBe('<p>找不到</p>');
  });

  it('still answers a client that speaks only HTTP/1.1', async () => {
    const answer = await new Promise<{ version: string; body: string }>((resolve, reject) => {
      const req = httpsRequest(`${origin}/article/`, { rejectUnauthorized: false, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ version: res.httpVersion, body: Buffer.concat(chunks).toString() }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(answer).toEqual({ version: '1.1', body: '<p>文章</p>' });
  });
});
