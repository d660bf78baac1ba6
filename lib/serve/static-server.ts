import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { createGzip } from 'node:zlib';

/** Options of {@link startStaticServer}. */
export interface StaticServerOptions {
  root: string;
  host: string;
  port: number;
  /** Compress text and index files with gzip when the client accepts it, as a CDN would. */
  gzip: boolean;
}

export const DEFAULT_STATIC_SERVER_OPTIONS: Omit<StaticServerOptions, 'root'> = { host: '127.0.0.1', port: 3000, gzip: true };

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.bin': 'application/octet-stream',
  '.map': 'application/json; charset=utf-8',
};

/** Not `.bin`: the index's binary files are stored gzipped already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.txt', '.svg', '.map']);
/** Files inside a build generation folder never change: cache them forever. */
const HASHED = /\/g-[0-9a-f]{14}\//;

async function resolveFile(root: string, urlPath: string): Promise<string | null> {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const abs = path.join(root, path.normalize(rel));
  if (abs !== root && !abs.startsWith(root + path.sep)) return null;
  const candidates = [abs, path.join(abs, 'index.html'), `${abs}.html`];
  for (const c of candidates) {
    const s = await stat(c).catch(() => null);
    if (s?.isFile()) return c;
  }
  return null;
}

/**
 * Serves a static export the way a CDN would: `dir/` → `dir/index.html`, unknown paths → `404.html`
 * with status 404, gzip, content-hashed index files cached forever and the manifest never.
 */
export function startStaticServer(options: Partial<StaticServerOptions> & Pick<StaticServerOptions, 'root'>): Promise<Server> {
  const opts = { ...DEFAULT_STATIC_SERVER_OPTIONS, ...options };
  const root = path.resolve(opts.root);
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    let file = await resolveFile(root, url.pathname);
    let status = 200;
    if (!file) {
      file = await resolveFile(root, '/404.html');
      status = 404;
      if (!file) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
        return;
      }
    }
    const ext = path.extname(file);
    const headers: Record<string, string> = {
      'Content-Type': TYPES[ext] ?? 'application/octet-stream',
      'Cache-Control': HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    };
    const gzip = opts.gzip && COMPRESSIBLE.has(ext) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    if (gzip) {
      headers['Content-Encoding'] = 'gzip';
      headers.Vary = 'Accept-Encoding';
    } else {
      headers['Content-Length'] = String((await stat(file)).size);
    }
    res.writeHead(status, headers);
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = createReadStream(file);
    (gzip ? stream.pipe(createGzip()) : stream).pipe(res);
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`internal error: ${(e as Error).message}`);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve(server));
  });
}
