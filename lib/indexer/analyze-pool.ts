import { createRequire } from 'node:module';
import { Piscina } from 'piscina';
import type { SegmenterOptions } from '../ingest';
import { DocAnalyzer, toBatch, type UnitBatch } from './analyze-doc';
import type { AnalyzeTask } from './analyze-worker';

/** Analysing a document failed inside a worker thread. */
export class AnalyzeWorkerError extends Error {
  constructor(reason: string, options?: { cause?: unknown }) {
    super(`document analysis worker: ${reason}`, options);
    this.name = 'AnalyzeWorkerError';
  }
}

/**
 * The units of every document, in order, in batches of `batch` consecutive documents ({@link UnitBatch}). With
 * `workers` > 0 the analysis runs in that many worker threads, a few batches ahead of the caller, which
 * meanwhile adds the previous documents to the postings; with 0 it runs in this thread. The batches are
 * the same either way.
 */
export async function* analyzeDocuments(
  docs: readonly { title: string; text: string }[],
  workers: number,
  segmenter: SegmenterOptions,
  batch: number,
): AsyncGenerator<UnitBatch> {
  if (!Number.isInteger(batch) || batch < 1) throw new RangeError(`analysisBatch must be a whole number of documents, at least 1: ${batch}`);
  if (workers <= 0) {
    const analyzer = new DocAnalyzer(segmenter);
    for (let next = 0; next < docs.length; next += batch) yield toBatch(docs.slice(next, next + batch).map((d) => analyzer.analyze(d.title, d.text)));
    return;
  }
  const pool = new Piscina<AnalyzeTask, UnitBatch>({
    filename: new URL('./analyze-worker.ts', import.meta.url).href,
    minThreads: workers,
    maxThreads: workers,
    workerData: segmenter,
    // The worker is TypeScript and a worker does not inherit the parent's loader (under vitest there is
    // none): tsx's require hook loads it, as piscina requires its filename before trying import().
    execArgv: [...process.execArgv, '--require', createRequire(import.meta.url).resolve('tsx/cjs')],
  });
  const pending: Promise<UnitBatch>[] = [];
  let next = 0;
  const send = () => {
    const slice = docs.slice(next, next + batch).map((d) => ({ title: d.title, text: d.text }));
    next += slice.length;
    const p = pool.run(slice).catch((e: unknown) => {
      throw new AnalyzeWorkerError((e as Error).message, { cause: e });
    });
    // Rejections are awaited in order below; this keeps an early one from counting as unhandled meanwhile.
    p.catch(() => {});
    pending.push(p);
  };
  try {
    while (next < docs.length && pending.length < workers * 4) send();
    while (pending.length) {
      const batch = await pending.shift()!;
      if (next < docs.length) send();
      yield batch;
    }
  } finally {
    // Tasks already sent finish first: destroying the pool terminates a worker wherever it is, and a
    // worker cut off inside nodejieba's native code can take the process down (seen under load).
    await Promise.allSettled(pending);
    await pool.destroy();
  }
}
