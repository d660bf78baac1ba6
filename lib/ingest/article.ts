import { promises as fs } from 'node:fs';
import path from 'node:path';
import { findBanks } from './banks';
import { cleanBody } from './clean';
import {
  cleanTitle,
  dateFromFileName,
  firstSentenceTitle,
  frontMatterDate,
  frontMatterList,
  frontMatterString,
  headlineFromParagraphs,
  parseDate,
  sourceFromTags,
} from './extract';
import { jekyllPost } from './jekyll-post';
import { splitFrontMatter } from './parse';
import { articleProvinces } from './provinces';
import { compareCodeUnits, decodeBytes, type SourceFile } from './read';
import type { Article, IngestError } from './types';

/** Tells an {@link IngestError} from an article. */
export function isIngestError(value: Omit<Article, 'id'> | IngestError): value is IngestError {
  return 'reason' in value;
}

/** Front-matter keys that may hold the original article URL. */
const URL_KEYS = ['url', 'link', 'source_url', 'original_url', 'canonical', 'permalink_original'];

/**
 * Reads one file into an article, or an {@link IngestError} with a reason a person
 * understands (binary file, undecodable bytes, empty file, broken front matter). Never throws
 * for bad input. `path` is the file's relative path; {@link assignPaths} makes paths unique
 * across roots and {@link assignIds} assigns ids.
 */
export async function readArticle(file: SourceFile): Promise<Omit<Article, 'id'> | IngestError> {
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(file.absPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory' : `cannot be read (${code ?? String(error)})`;
    return { path: file.relPath, reason: why };
  }
  return articleFromBytes(bytes, file.relPath);
}

/** {@link readArticle} for bytes already in memory (`relPath` names the file in errors and fallbacks). */
function articleFromBytes(bytes: Uint8Array, relPath: string): Omit<Article, 'id'> | IngestError {
  const decoded = decodeBytes(bytes);
  if (!decoded.ok) return { path: relPath, reason: decoded.reason };
  return articleFromText(decoded.text, relPath, decoded.encoding);
}

/** The article in `text` (already decoded from `encoding`, `\n` line endings). */
export function articleFromText(text: string, relPath: string, encoding = 'utf-8'): Omit<Article, 'id'> | IngestError {
  const split = splitFrontMatter(text);
  if (!split.ok) return { path: relPath, reason: split.reason };
  const fm = split.frontMatter;
  const body = cleanBody(split.body);
  if (body.text === '' && !fm) return { path: relPath, reason: 'empty file (no text after removing markup)' };

  const tags = fm ? frontMatterList(fm, 'tags') : [];
  const categories = fm ? [...frontMatterList(fm, 'categories'), ...frontMatterList(fm, 'category')] : [];

  const title =
    cleanTitle(fm ? frontMatterString(fm, 'title') : null) ??
    cleanTitle(body.htmlTitle) ??
    (body.isHtml ? null : cleanTitle(headlineFromParagraphs(body.paragraphs))) ??
    cleanTitle(firstSentenceTitle(body.text)) ??
    cleanTitle(withoutExtension(path.posix.basename(relPath))) ??
    relPath;

  const date = (fm ? frontMatterDate(fm) : null) ?? parseDate(body.htmlDate) ?? dateFromFileName(relPath);

  const source = sourceFromTags(tags, body.sourceLine) ?? body.sourceLine;

  let url: string | null = null;
  if (fm) {
    for (const key of URL_KEYS) {
      const value = frontMatterString(fm, key)?.trim();
      if (value && /^https?:\/\/\S+$/i.test(value)) {
        url = value;
        break;
      }
    }
  }
  url ??= body.url;

  const mentions = findBanks(`${title}\n${body.text}`);
  return {
    path: relPath,
    title,
    date,
    source,
    url,
    banks: mentions.banks,
    branches: mentions.branches,
    provinces: articleProvinces({ branches: mentions.branches, source, title, text: body.text }),
    text: body.text,
    tags,
    categories: [...new Set(categories)],
    jekyll: jekyllPost(relPath, text, fm, encoding),
  };
}

// ---------------------------------------------------------------------------------------------
// Ids and paths

function withoutExtension(p: string): string {
  return p.replace(/\.[^./]+$/, '');
}

/** Root order as first seen in the (deterministically sorted) list. */
function rootIndices(files: SourceFile[]): Map<string, number> {
  const indices = new Map<string, number>();
  for (const f of files) if (!indices.has(f.root)) indices.set(f.root, indices.size);
  return indices;
}

/**
 * Unique ids: the file name without extension; names that collide use the relative path
 * without extension; if those still collide (same relative path under two roots, or `a.md`
 * beside `a.txt`), the root index is prefixed and then the extension kept. Collisions are
 * counted case-insensitively, since ids become file names on case-insensitive file systems.
 * The result depends only on the set of files, not on their order.
 */
export function assignIds(files: SourceFile[]): Map<string, string> {
  const sorted = [...files].sort((a, b) => compareCodeUnits(a.root, b.root) || compareCodeUnits(a.relPath, b.relPath));
  const roots = rootIndices(sorted);
  const strategies: ((f: SourceFile) => string)[] = [
    (f) => withoutExtension(path.posix.basename(f.relPath)),
    (f) => withoutExtension(f.relPath),
    (f) => `${roots.get(f.root) ?? 0}:${withoutExtension(f.relPath)}`,
    (f) => `${roots.get(f.root) ?? 0}:${f.relPath}`,
  ];
  const ids = new Map<string, string>();
  let pending = sorted;
  for (const [level, strategy] of strategies.entries()) {
    const counts = new Map<string, number>();
    const taken = new Set([...ids.values()].map((id) => id.toLowerCase()));
    for (const f of pending) {
      const key = strategy(f).toLowerCase();
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const next: SourceFile[] = [];
    for (const f of pending) {
      const id = strategy(f);
      const key = id.toLowerCase();
      const last = level === strategies.length - 1;
      if (last || ((counts.get(key) ?? 0) === 1 && !taken.has(key))) ids.set(f.absPath, id);
      else next.push(f);
    }
    pending = next;
    if (pending.length === 0) break;
  }
  return ids;
}

/**
 * `Article.path` values: the relative path, prefixed by the root index (`0:finews/a.md`)
 * only where two roots hold the same relative path.
 */
export function assignPaths(files: SourceFile[]): Map<string, string> {
  const roots = rootIndices(files);
  const counts = new Map<string, number>();
  for (const f of files) counts.set(f.relPath, (counts.get(f.relPath) ?? 0) + 1);
  const paths = new Map<string, string>();
  for (const f of files) {
    paths.set(f.absPath, (counts.get(f.relPath) ?? 0) > 1 ? `${roots.get(f.root) ?? 0}:${f.relPath}` : f.relPath);
  }
  return paths;
}
