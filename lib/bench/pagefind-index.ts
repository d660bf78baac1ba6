import pMap from 'p-map';
import * as pagefind from 'pagefind';
import { ingest } from '../ingest';
import { BenchStepError } from './errors';

/** Records sent to Pagefind's service before waiting for answers. */
const RECORDS_IN_FLIGHT = 16;

/** What {@link buildPagefindIndex} did. */
export interface PagefindBuildResult {
  documents: number;
  /** Files the ingest could not read: the same ones our indexer skips. */
  errors: number;
}

/** The URL a Pagefind record gets: carries our article id, so results can be compared id by id. */
export function pagefindUrl(id: string): string {
  return `/article/?id=${encodeURIComponent(id)}`;
}

/** Our article id back from a Pagefind result URL, or null when the URL is not one of ours. */
export function idFromPagefindUrl(url: string): string | null {
  const m = /^\/article\/\?id=([^&]*)$/.exec(url);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]!);
  } catch {
    return null;
  }
}

/** Year of an ISO date as written (`2022-03-09T15:56:47+08:00` → `2022`), the calendar year a reader sees. */
export function yearOf(date: string | null): string | null {
  const m = date ? /^(\d{4})-/.exec(date) : null;
  return m ? m[1]! : null;
}

/**
 * Builds a Pagefind index of the articles under `srcDirs`, read by the same ingest our indexer uses
 * (title, text, date, source, banks), with filters bank, source and year and meta title and date, into
 * `outDir` (the `pagefind/` bundle folder). Pagefind's Node API drives its own binary as a child process.
 * @throws {@link BenchStepError} naming the article or folder Pagefind refused.
 */
export async function buildPagefindIndex(srcDirs: string[], outDir: string): Promise<PagefindBuildResult> {
  const { articles, errors } = await ingest(srcDirs);
  const created = await pagefind.createIndex({ forceLanguage: 'zh-cn' });
  const index = created.index;
  if (!index || created.errors.length) throw new BenchStepError('pagefind createIndex', srcDirs.join(', '), created.errors.join('; ') || 'no index');
  try {
    // Several records in flight: the service answers by message id, and one at a time would measure
    // the pipe's round trips rather than Pagefind (its own CLI indexes files in parallel too).
    await pMap(
      articles,
      async (a) => {
        const filters: Record<string, string[]> = {};
        if (a.banks.length) filters.bank = a.banks;
        if (a.source) filters.source = [a.source];
        const year = yearOf(a.date);
        if (year) filters.year = [year];
        const r = await index.addCustomRecord({
          url: pagefindUrl(a.id),
          // The title is searched too, as our index searches it; Pagefind does not index meta fields.
          content: `${a.title}\n${a.text}`,
          language: 'zh-cn',
          meta: { title: a.title, date: a.date ?? '' },
          filters,
        });
        if (r.errors.length) throw new BenchStepError('pagefind addCustomRecord', a.path, r.errors.join('; '));
      },
      { concurrency: RECORDS_IN_FLIGHT },
    );
    const w = await index.writeFiles({ outputPath: outDir });
    if (w.errors.length) throw new BenchStepError('pagefind writeFiles', outDir, w.errors.join('; '));
  } finally {
    await pagefind.close();
  }
  return { documents: articles.length, errors: errors.length };
}
