import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

function get(urlPath: string, headers: Record<string, string> = {}, from: Server = server): Promise<Answer> {
  const { port } = from.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: urlPath, headers, agent: false }, (res) => {
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
  /** What a client sees of a response the server broke off, as against one it never answered. */
  const BROKEN_OFF = /socket hang up|aborted|ECONNRESET/;

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
