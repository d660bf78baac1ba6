import { assignIds, assignPaths, isIngestError, readArticle } from './article';
import { DEFAULT_INGEST_OPTIONS, listSourceFiles, type IngestOptions } from './read';
import type { Article, IngestError } from './types';

/** Everything read from the input roots. */
export interface IngestResult {
  /** Articles in file order (roots as given, then relative path). */
  articles: Article[];
  /** Files that could not be read, with the reason; `path` as in {@link Article.path}. */
  errors: IngestError[];
}

/**
 * Lists, reads, and assigns ids and unique paths in one call: what the indexer and CLI
 * need when they do not stream. Reads a few files at a time to keep memory flat.
 */
export async function ingest(roots: string[], opts: IngestOptions = DEFAULT_INGEST_OPTIONS): Promise<IngestResult> {
  const files = await listSourceFiles(roots, opts);
  const ids = assignIds(files);
  const paths = assignPaths(files);
  const results = new Array<Article | IngestError>(files.length);
  const concurrency = 8;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const index = next++;
      const file = files[index];
      if (!file) continue;
      const read = await readArticle(file);
      const path = paths.get(file.absPath) ?? read.path;
      results[index] = isIngestError(read) ? { ...read, path } : { id: ids.get(file.absPath) ?? path, ...read, path };
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const articles: Article[] = [];
  const errors: IngestError[] = [];
  for (const r of results) {
    if (!r) continue;
    if (isIngestError(r)) errors.push(r);
    else articles.push(r);
  }
  return { articles, errors };
}
