import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaticServer } from './static-server';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

let dir: string;
let server: Server;

function get(urlPath: string, headers: Record<string, string> = {}): Promise<Answer> {
  const { port } = server.address() as AddressInfo;
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
  server = await startStaticServer({ root: dir, port: 0 });
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(dir, { recursive: true, force: true });
});

describe('startStaticServer', () => {
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
