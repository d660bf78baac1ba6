import path from 'node:path';
import { DEFAULT_STATIC_SERVER_OPTIONS } from '../lib/serve';
import { BASE_PATH_RULE, isBasePath } from '../lib/site';

/**
 * What the command-line scripts share: where the index lives, the address the site is served on, and
 * how a command line that cannot run ends (the command's name, the reason, the usage, exit code 2).
 */

/** Where `npm run index` writes the index and `npm run search` reads it; the site serves it as `/search/`. */
export const DEFAULT_INDEX_DIR = 'public/search';

/**
 * Where `npm run index` keeps the update state of the index in `outDir` when `--state` names no other
 * place: `.index-state/` of the working directory (never inside what is served), one folder per index.
 */
export function defaultStateDir(outDir: string): string {
  const rel = path.relative(process.cwd(), path.resolve(outDir));
  return path.join('.index-state', rel.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '') || 'root');
}

/** The host `npm start` and `npm run serve` listen on: this machine only, since the server is for testing. */
export const DEFAULT_HOST = DEFAULT_STATIC_SERVER_OPTIONS.host;

/** The port `npm start` and `npm run serve` listen on when neither `--port` nor `PORT` says otherwise. */
export const DEFAULT_PORT = DEFAULT_STATIC_SERVER_OPTIONS.port;

/** The Chromium the bench and `npm run screenshot` start when `CHROMIUM_PATH` names none: Debian's. */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/** A command line that cannot run as given; the message names the flag (or variable) and the value. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

/**
 * Ends the script for a command line it cannot run. Give the variable that holds one this type
 * explicitly (`const fail: Fail = failFor(...)`): only then does TypeScript treat a call as the end of
 * the script, so that a value assigned in a `try` whose `catch` calls it counts as assigned.
 */
export type Fail = (message: string) => never;

/**
 * The {@link Fail} of the script named `name` (`index` for `npm run index`): it prints
 * `<name>: <message>`, then `usage` when given, to stderr, and exits with code 2.
 */
export function failFor(name: string, usage?: string): Fail {
  return (message) => {
    console.error(usage === undefined ? `${name}: ${message}` : `${name}: ${message}\n${usage}`);
    process.exit(2);
  };
}

/** What `parse` returns; a {@link CliError} it throws ends the script through `fail`, any other error propagates. */
export function orFail<T>(fail: Fail, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof CliError) fail(e.message);
    throw e;
  }
}

/**
 * `text` as a TCP port: decimal digits only, 0 to 65535 (0 lets the system choose). `name` is the flag or
 * variable it came from, for the error.
 * @throws {CliError} when `text` is anything else, such as `''`, `'80.5'`, `'0x50'` or `'70000'`.
 */
export function parsePort(name: string, text: string): number {
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) throw new CliError(`${name} must be a port number, got ${JSON.stringify(text)}`);
  return Number(text);
}

/**
 * The port to listen on: `--port` when given, else the `PORT` environment variable when set, else
 * {@link DEFAULT_PORT}. Errors name whichever of the two was used.
 * @throws {CliError} when the value used is not a port number.
 */
export function portFrom(flag: string | undefined, env: string | undefined): number {
  if (flag !== undefined) return parsePort('--port', flag);
  if (env !== undefined) return parsePort('PORT', env);
  return DEFAULT_PORT;
}

/**
 * `text` as the path the site is served under: '' (the root) or `/search`, `/news/search` (see
 * `isBasePath`). `name` is the flag or variable it came from, for the error.
 * @throws {CliError} when `text` is anything else, such as `'search'`, `'/search/'` or `'/a b'`.
 */
export function parseBasePath(name: string, text: string): string {
  if (!isBasePath(text)) throw new CliError(`${name} must be ${BASE_PATH_RULE}, got ${JSON.stringify(text)}`);
  return text;
}

/**
 * The base path to build for: `--base-path` when given, else the `BASE_PATH` environment variable when
 * set, else '' (the root). Errors name whichever of the two was used.
 * @throws {CliError} when the value used is not a base path.
 */
export function basePathFrom(flag: string | undefined, env: string | undefined): string {
  if (flag !== undefined) return parseBasePath('--base-path', flag);
  if (env !== undefined) return parseBasePath('BASE_PATH', env);
  return DEFAULT_STATIC_SERVER_OPTIONS.basePath;
}
