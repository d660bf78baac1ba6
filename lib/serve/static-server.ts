/**
 * A static file server for the exported site, answering the way a CDN does.
 *
 * Files are served by `send`, the module under Express's static middleware and kept with it: it resolves a
 * path inside the root, refusing `..`, and answers Range requests as RFC 9110 has them (suffix ranges,
 * If-Range, 416 with the size), HEAD, and conditional GETs from its ETag; sirv and serve-handler parse
 * ranges by hand and skip some of that. `compression`, from the same project, gzips text on the fly.
 * What is ours: the base path, the 404 page, the content types and caching rules, and what a failure does.
 */
import { fstatSync, type ReadStream, type Stats } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createSecureServer } from 'node:http2';
import type { Server } from 'node:net';
import path from 'node:path';
import compression from 'compression';
import send from 'send';
import { isImmutableIndexPath } from '../index-format';
import { BASE_PATH_RULE, isBasePath } from '../site';

/** Options of {@link startStaticServer}. */
export interface StaticServerOptions {
  root: string;
  host: string;
  port: number;
  /** Compress text files with gzip when the client accepts it, as a CDN would (not the index's `.bin` files, stored gzipped already). */
  gzip: boolean;
  /**
   * The path `root` is served under, as in a site that mounts the search at `/search/`: '' for the root,
   * else `/search` (see `isBasePath`); it must match the base path the export was built for. `/search`
   * redirects to `/search/`, and anything outside the prefix is not found.
   */
  basePath: string;
  /**
   * A key and certificate (PEM) to serve HTTPS with HTTP/2, as static hosts and CDNs do (HTTP/1.1 still
   * answers a client that asks for it); null serves plain HTTP/1.1. Over HTTP/1.1 a browser opens at most
   * six connections to a host, so a page's seventh request waits for one of the six to finish.
   */
  tls: { key: string; cert: string } | null;
}

export const DEFAULT_STATIC_SERVER_OPTIONS: Omit<StaticServerOptions, 'root'> = { host: '127.0.0.1', port: 3000, gzip: true, basePath: '', tls: null };

/** The server was given an option it cannot use; the message names the option, the value and the rule. */
export class StaticServerOptionsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StaticServerOptionsError';
  }
}

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

/** The content types gzipped; not `.bin`'s: the index's binary files are stored gzipped already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.txt', '.svg', '.map'].map((ext) => TYPES[ext]));

/** A path `send` refuses (`..`, a NUL, bad percent-encoding) is not found, as on a static host. */
const NOT_FOUND = new Set([400, 403, 404]);

/** What `send` emits on `error`: an http-errors error, with the headers its answer needs (416's `Content-Range`). */
interface SendError extends Error {
  status?: number;
  headers?: Record<string, string>;
}

/** Connect middleware; `compression` reads only Node's request and response, though its typings name Express's. */
type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/**
 * The Accept-Encoding that `compression` sees: the client's gzip entries alone, else identity. The server
 * offers gzip only, where `compression` would prefer brotli: the benchmarks measure transfers as gzip bytes
 * and compare them from run to run.
 */
function gzipOnly(acceptEncoding: string | undefined): string {
  const gzip = (acceptEncoding ?? '').split(',').filter((coding) => /^\s*gzip\s*(;|$)/i.test(coding));
  return gzip.length ? gzip.join(',') : 'identity';
}

/**
 * Whether the file `send` opened is the one it stat()ed for the headers. A file replaced between the two (an update
 * renaming a new manifest over the old) would otherwise be sent with the other's length and ETag.
 */
function isSameFile(fd: number, stat: Stats | undefined): boolean {
  if (!stat) return false;
  try {
    const now = fstatSync(fd);
    return now.dev === stat.dev && now.ino === stat.ino && now.size === stat.size && now.mtimeMs === stat.mtimeMs;
  } catch {
    return false;
  }
}

function clearHeaders(res: ServerResponse): void {
  for (const name of res.getHeaderNames()) res.removeHeader(name);
}

/**
 * The path inside the export that `pathname` names under `basePath`, or null when it lies outside it.
 * `/search/article/` under `/search` is `/article/`; `/searchlight/` and `/` are outside.
 */
function insideBasePath(pathname: string, basePath: string): string | null {
  if (!basePath) return pathname;
  return pathname.startsWith(`${basePath}/`) ? pathname.slice(basePath.length) : null;
}

/** Answers with `/404.html` and status 404, or a plain 'not found' when the export has none. */
function sendNotFound(req: IncomingMessage, res: ServerResponse, root: string): void {
  res.statusCode = 404;
  sendFile(req, res, root, '/404.html', true);
}

/**
 * Serves what `urlPath` (percent-encoded, inside the export) names: `dir/` → `dir/index.html`, `dir` too,
 * `x` → `x.html`. `notFoundPage` serves the 404 page itself: no ranges, validators or 304 for a 404.
 */
function sendFile(req: IncomingMessage, res: ServerResponse, root: string, urlPath: string, notFoundPage = false): void {
  let stat: Stats | undefined;
  let opened = false;
  const file = send(req, urlPath, {
    root,
    dotfiles: 'allow',
    extensions: ['html'],
    cacheControl: false,
    ...(notFoundPage && { acceptRanges: false, etag: false, lastModified: false }),
  });
  file.on('file', (_path: string, s: Stats) => {
    stat = s;
  });
  file.on('headers', (_res: ServerResponse, filePath: string, s: Stats) => {
    const type = TYPES[path.extname(filePath)] ?? 'application/octet-stream';
    res.setHeader('Content-Type', type);
    // A file never gzipped is sent byte for byte, so its tag may be strong, and must be: Chromium asks for a
    // second range of a file it holds part of with If-Range and the tag it was given, and a weak tag never
    // matches If-Range (RFC 9110 §13.1.5), so with send's weak tags every second range of a pack came whole.
    if (!notFoundPage && !COMPRESSIBLE.has(type)) res.setHeader('ETag', `"${s.size.toString(16)}-${Math.floor(s.mtimeMs).toString(16)}"`);
    // Files inside a segment folder, and an index's root files named by their content, never change: cache them forever.
    res.setHeader('Cache-Control', isImmutableIndexPath(filePath) ? 'public, max-age=31536000, immutable' : 'no-cache');
    res.setHeader('X-Content-Type-Options', 'nosniff');
  });
  // A folder named without its slash is its index.html, as the site's routes are (trailingSlash).
  file.on('directory', () => sendFile(req, res, root, `${urlPath}/`, notFoundPage));
  file.on('stream', (stream: ReadStream) => {
    stream.once('open', (fd: number) => {
      opened = true;
      // No byte has been read yet: a reader sees a response broken off, never one whose length is another file's.
      if (!isSameFile(fd, stat)) res.destroy();
    });
  });
  file.on('error', (e: SendError) => {
    // The file opened and its headers are set, so a read that fails now can only break the response off: the
    // reader sees an incomplete response, never a short one that looks whole. A reader who hangs up ends here too.
    if (opened) {
      res.destroy();
      return;
    }
    clearHeaders(res);
    const status = e.status ?? 500;
    if (NOT_FOUND.has(status)) {
      if (notFoundPage) res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
      else sendNotFound(req, res, root);
    } else if (status >= 500) {
      res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`internal error: ${e.message}`);
    } else {
      res.writeHead(status, { ...e.headers, 'Content-Type': 'text/plain; charset=utf-8' }).end(e.message);
    }
  });
  file.pipe(res);
}

/**
 * Serves a static export the way a CDN would: `dir/` → `dir/index.html`, unknown paths → `404.html`
 * with status 404, byte ranges, gzip of text, content-hashed index files cached forever and the manifest
 * never; under `basePath` when one is given.
 * @throws {StaticServerOptionsError} (as a rejection) when `basePath` is not a base path.
 */
export function startStaticServer(options: Partial<StaticServerOptions> & Pick<StaticServerOptions, 'root'>): Promise<Server> {
  const opts = { ...DEFAULT_STATIC_SERVER_OPTIONS, ...options };
  if (!isBasePath(opts.basePath)) {
    return Promise.reject(new StaticServerOptionsError(`basePath must be ${BASE_PATH_RULE}, got ${JSON.stringify(opts.basePath)}`));
  }
  const root = path.resolve(opts.root);
  const gzip = compression({
    // Every text file, however small; and never a range: its Content-Range counts the file's
    // bytes, which gzip would change (expressjs/compression#185).
    threshold: 0,
    filter: (_req, res) => res.statusCode !== 206 && COMPRESSIBLE.has(String(res.getHeader('Content-Type'))),
  }) as unknown as Middleware;
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    // A request's path is a path even when it starts with `//`: new URL('//evil/search/', base) would read
    // `evil` as a host and serve /search/ (or redirect `//evil/search`), where a static host finds nothing.
    const target = req.url ?? '/';
    const url = new URL(target.startsWith('/') ? `http://localhost${target}` : target, 'http://localhost');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    if (opts.basePath && url.pathname === opts.basePath) {
      // As static hosts answer a folder named without its slash: the site's routes all end in one (trailingSlash).
      res.writeHead(301, { Location: `${opts.basePath}/${url.search}` }).end();
      return;
    }
    // RFC 9110 compares If-Range's entity tag strongly, and a text file's tag is weak (one tag stands for it gzipped
    // or not): such a condition never holds, so the answer is the whole file, never a range to splice.
    if (/^\s*W\//.test(String(req.headers['if-range'] ?? ''))) delete req.headers.range;
    const inside = insideBasePath(url.pathname, opts.basePath);
    const serve = (): void => (inside === null ? sendNotFound(req, res, root) : sendFile(req, res, root, inside));
    if (!opts.gzip) {
      serve();
      return;
    }
    req.headers['accept-encoding'] = gzipOnly(req.headers['accept-encoding']);
    gzip(req, res, serve);
  };
  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    try {
      handle(req, res);
    } catch (e) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`internal error: ${(e as Error).message}`);
    }
  };
  // HTTP/2's compatibility API gives the handler request and response objects with the methods it and
  // `send` use (headers, statusCode, writeHead, pipe, destroy); the tests run both protocols.
  const server: Server = opts.tls
    ? createSecureServer({ ...opts.tls, allowHTTP1: true }, listener as unknown as Parameters<typeof createSecureServer>[1])
    : createServer(listener);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve(server));
  });
}
