import { open, stat, type FileHandle } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream';
import { createGzip } from 'node:zlib';
import { isImmutableIndexPath } from '../index-format';
import { BASE_PATH_RULE, isBasePath } from '../site';

/** Options of {@link startStaticServer}. */
export interface StaticServerOptions {
  root: string;
  host: string;
  port: number;
  /** Compress text and index files with gzip when the client accepts it, as a CDN would. */
  gzip: boolean;
  /**
   * The path `root` is served under, as in a site that mounts the search at `/search/`: '' for the root,
   * else `/search` (see `isBasePath`); it must match the base path the export was built for. `/search`
   * redirects to `/search/`, and anything outside the prefix is not found.
   */
  basePath: string;
}

export const DEFAULT_STATIC_SERVER_OPTIONS: Omit<StaticServerOptions, 'root'> = { host: '127.0.0.1', port: 3000, gzip: true, basePath: '' };

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

/** Not `.bin`: the index's binary files are stored gzipped already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.txt', '.svg', '.map']);

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

/** A file opened for one response, with its size as of opening. */
interface OpenFile {
  path: string;
  handle: FileHandle;
  size: number;
}

/**
 * Opens what `urlPath` names, or returns null when nothing does. The size comes from the open file, not
 * the path, so that a file replaced after it was found cannot be answered with another's length.
 * A file that vanished or became a folder since it was found is not found; any other failure to open
 * it (no permission, no file descriptors left) is thrown, for a 500.
 */
async function openFile(root: string, urlPath: string): Promise<OpenFile | null> {
  const file = await resolveFile(root, urlPath);
  if (!file) return null;
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return null;
    throw e;
  }
  try {
    const s = await handle.stat();
    if (s.isFile()) return { path: file, handle, size: s.size };
  } catch (e) {
    await handle.close();
    throw e;
  }
  await handle.close();
  return null;
}

/**
 * The path inside the export that `pathname` names under `basePath`, or null when it lies outside it.
 * `/search/article/` under `/search` is `/article/`; `/searchlight/` and `/` are outside.
 */
function insideBasePath(pathname: string, basePath: string): string | null {
  if (!basePath) return pathname;
  return pathname.startsWith(`${basePath}/`) ? pathname.slice(basePath.length) : null;
}

/**
 * Serves a static export the way a CDN would: `dir/` → `dir/index.html`, unknown paths → `404.html`
 * with status 404, gzip, content-hashed index files cached forever and the manifest never; under
 * `basePath` when one is given.
 * @throws {StaticServerOptionsError} (as a rejection) when `basePath` is not a base path.
 */
export function startStaticServer(options: Partial<StaticServerOptions> & Pick<StaticServerOptions, 'root'>): Promise<Server> {
  const opts = { ...DEFAULT_STATIC_SERVER_OPTIONS, ...options };
  if (!isBasePath(opts.basePath)) {
    return Promise.reject(new StaticServerOptionsError(`basePath must be ${BASE_PATH_RULE}, got ${JSON.stringify(opts.basePath)}`));
  }
  const root = path.resolve(opts.root);
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
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
    const inside = insideBasePath(url.pathname, opts.basePath);
    let file = inside === null ? null : await openFile(root, inside);
    let status = 200;
    if (!file) {
      file = await openFile(root, '/404.html');
      status = 404;
      if (!file) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
        return;
      }
    }
    const ext = path.extname(file.path);
    const headers: Record<string, string> = {
      'Content-Type': TYPES[ext] ?? 'application/octet-stream',
      // Files inside a segment folder, and an index's root files named by their content, never change: cache them forever.
      'Cache-Control': isImmutableIndexPath(file.path) ? 'public, max-age=31536000, immutable' : 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    };
    const gzip = opts.gzip && COMPRESSIBLE.has(ext) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    if (gzip) {
      headers['Content-Encoding'] = 'gzip';
      headers.Vary = 'Accept-Encoding';
    } else {
      headers['Content-Length'] = String(file.size);
    }
    res.writeHead(status, headers);
    if (req.method === 'HEAD') {
      await file.handle.close();
      res.end();
      return;
    }
    // The status is on its way, so a read that fails now can only break the response off: pipeline
    // destroys every stream (the reader sees an incomplete response, never a short one that looks whole)
    // and closes the file. A reader who hangs up early ends up here too; neither is the server's failure.
    const source = file.handle.createReadStream();
    const done = (): void => {};
    if (gzip) pipeline(source, createGzip(), res, done);
    else pipeline(source, res, done);
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      // After the headers an error message would be read as the end of the file: break the response off.
      if (res.headersSent) {
        res.destroy();
        return;
      }
      res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`internal error: ${(e as Error).message}`);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve(server));
  });
}
