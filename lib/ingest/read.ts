import { promises as fs } from 'node:fs';
import path from 'node:path';
import { SourceRootError } from './errors';

/** Which files count as articles. */
export interface IngestOptions {
  /** File extensions, with the dot, matched case-insensitively. */
  extensions: string[];
}

/** `.md`, `.markdown`, `.html`, `.txt`. */
export const DEFAULT_INGEST_OPTIONS: IngestOptions = Object.freeze({
  extensions: Object.freeze(['.md', '.markdown', '.html', '.txt']) as string[],
});

/** One input file found under a root. */
export interface SourceFile {
  /** Absolute path on disk. */
  absPath: string;
  /** Path relative to {@link SourceFile.root}, with `/` separators. */
  relPath: string;
  /** The absolute root directory the file was found under. */
  root: string;
}

/**
 * Recursively lists input files under each root. Order is deterministic: roots in the order
 * given, then relative paths by UTF-16 code unit (not locale, which differs between machines).
 * Hidden entries (`.git`, `.DS_Store`) are skipped; a file reachable from two overlapping roots
 * is listed once, under the first. A root may also be a single file.
 *
 * @throws {SourceRootError} when a root does not exist or is not readable.
 */
export async function listSourceFiles(roots: string[], opts: IngestOptions = DEFAULT_INGEST_OPTIONS): Promise<SourceFile[]> {
  const extensions = new Set(opts.extensions.map((ext) => (ext.startsWith('.') ? ext : `.${ext}`).toLowerCase()));
  const seen = new Set<string>();
  const result: SourceFile[] = [];
  for (const given of roots) {
    const root = path.resolve(given);
    let stat;
    try {
      stat = await fs.stat(root);
    } catch (cause) {
      throw new SourceRootError(root, 'input root does not exist or cannot be read', { cause });
    }
    const found: SourceFile[] = [];
    if (stat.isFile()) {
      if (extensions.has(path.extname(root).toLowerCase())) {
        found.push({ absPath: root, relPath: path.basename(root), root: path.dirname(root) });
      }
    } else {
      await walk(root, root, extensions, found, new Set());
    }
    found.sort((a, b) => compareCodeUnits(a.relPath, b.relPath));
    for (const file of found) {
      if (seen.has(file.absPath)) continue;
      seen.add(file.absPath);
      result.push(file);
    }
  }
  return result;
}

async function walk(root: string, dir: string, extensions: Set<string>, out: SourceFile[], visited: Set<string>): Promise<void> {
  // Symlinked directories can form loops; remember real paths already walked.
  const real = await fs.realpath(dir);
  if (visited.has(real)) return;
  visited.add(real);
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (cause) {
    throw new SourceRootError(dir, 'directory cannot be read', { cause });
  }
  // readdir order depends on the file system; sorting makes symlink handling deterministic.
  entries.sort((a, b) => compareCodeUnits(a.name, b.name));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const abs = path.join(dir, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      const target = await fs.stat(abs).catch(() => null);
      if (!target) continue; // dangling link: nothing to read
      isDir = target.isDirectory();
      isFile = target.isFile();
    }
    if (isDir) {
      await walk(root, abs, extensions, out, visited);
    } else if (isFile && extensions.has(path.extname(entry.name).toLowerCase())) {
      out.push({ absPath: abs, relPath: path.relative(root, abs).split(path.sep).join('/'), root });
    }
  }
}

/** Plain UTF-16 code unit order, identical on every machine and locale. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Outcome of {@link decodeBytes}. */
export type DecodeResult = { ok: true; text: string; encoding: 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be' } | { ok: false; reason: string };

/**
 * Bytes → text. UTF-8 (with or without BOM) first, strictly, because GB18030 can decode
 * almost any byte sequence and would turn valid UTF-8 into mojibake; then GB18030 (a superset
 * of GBK and GB2312). UTF-16 only with a BOM: without one it is indistinguishable from binary.
 * Line endings are normalised to `\n`.
 */
export function decodeBytes(bytes: Uint8Array): DecodeResult {
  if (bytes.length === 0) return { ok: false, reason: 'empty file' };
  let text: string | null = null;
  let encoding: 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be' = 'utf-8';
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    try {
      text = new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch {
      return { ok: false, reason: `not valid ${encoding.toUpperCase()} text (it starts with a UTF-16 byte order mark)` };
    }
  } else {
    if (bytes.includes(0)) return { ok: false, reason: 'binary file (contains NUL bytes)' };
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes); // strips a BOM
    } catch {
      try {
        text = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
        encoding = 'gb18030';
      } catch {
        return { ok: false, reason: 'not valid UTF-8 or GB18030 text' };
      }
      // GB18030 maps most byte pairs to some character; control characters in the result
      // mean the bytes were not text in the first place.
      if (controlCharShare(text) > 0.01) {
        return { ok: false, reason: 'not valid UTF-8 or GB18030 text (looks like binary data)' };
      }
    }
  }
  text = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (text.trim() === '') return { ok: false, reason: 'empty file' };
  return { ok: true, text, encoding };
}

function controlCharShare(text: string): number {
  if (text.length === 0) return 0;
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0x7f || c === 0xfffd) controls++;
  }
  return controls / text.length;
}
