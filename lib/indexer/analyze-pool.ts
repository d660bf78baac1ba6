import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SegmenterOptions } from '../ingest';
import { DocAnalyzer, type DocUnits } from './analyze-doc';
import type { AnalyzeRequest, AnalyzeResponse } from './analyze-worker';

/** Analysing a document failed inside a worker thread. */
export class AnalyzeWorkerError extends Error {
  constructor(reason: string, options?: { cause?: unknown }) {
    super(`document analysis worker: ${reason}`, options);
    this.name = 'AnalyzeWorkerError';
  }
}

/**
 * The URL of tsx's ESM API, resolved from this repository: workers run the TypeScript of lib/ directly,
 * and a worker does not inherit the parent's loader, so it registers tsx itself before importing.
 */
function tsxApiUrl(): string {
  const require = createRequire(import.meta.url);
  const pkgFile = require.resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  return pathToFileURL(path.join(path.dirname(pkgFile), pkg.exports['./esm/api']!.import.default)).href;
}

interface Slot {
  worker: Worker;
  waiting: Map<number, { resolve: (u: DocUnits[]) => void; reject: (e: Error) => void }>;
}

/** Worker threads that each run a {@link DocAnalyzer}, fed batches of documents. */
class AnalyzePool {
  private readonly slots: Slot[] = [];
  private batch = 0;

  constructor(workers: number, segmenter: SegmenterOptions) {
    const entry = new URL('./analyze-worker.ts', import.meta.url).href;
    const boot = `import(${JSON.stringify(tsxApiUrl())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
    for (let i = 0; i < workers; i++) {
      const slot: Slot = { worker: new Worker(boot, { eval: true, workerData: segmenter }), waiting: new Map() };
      slot.worker.on('message', (res: AnalyzeResponse) => {
        const w = slot.waiting.get(res.batch);
        if (!w) return;
        slot.waiting.delete(res.batch);
        if (res.units) w.resolve(res.units);
        else w.reject(new AnalyzeWorkerError(res.error ?? 'no answer'));
      });
      const fail = (e: Error) => {
        for (const w of slot.waiting.values()) w.reject(new AnalyzeWorkerError(e.message, { cause: e }));
        slot.waiting.clear();
      };
      slot.worker.on('error', fail);
      slot.worker.on('exit', (code) => fail(new Error(`exited with code ${code}`)));
      this.slots.push(slot);
    }
  }

  analyze(docs: AnalyzeRequest['docs']): Promise<DocUnits[]> {
    const slot = this.slots.reduce((a, b) => (b.waiting.size < a.waiting.size ? b : a));
    const batch = this.batch++;
    return new Promise((resolve, reject) => {
      slot.waiting.set(batch, { resolve, reject });
      slot.worker.postMessage({ batch, docs } satisfies AnalyzeRequest);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}

/** Documents per message to a worker: enough to make messaging cheap, few enough to keep workers even. */
const BATCH = 32;

/**
 * The {@link DocUnits} of every document, in order. With `workers` > 0 the analysis runs in that many
 * worker threads, a few batches ahead of the caller, which meanwhile adds the previous documents to
 * the postings; with 0 it runs in this thread. The results are the same either way.
 */
export async function* analyzeDocuments(docs: readonly { title: string; text: string }[], workers: number, segmenter: SegmenterOptions): AsyncGenerator<DocUnits> {
  if (workers <= 0) {
    const analyzer = new DocAnalyzer(segmenter);
    for (const d of docs) yield analyzer.analyze(d.title, d.text);
    return;
  }
  const pool = new AnalyzePool(workers, segmenter);
  const pending: Promise<DocUnits[]>[] = [];
  let next = 0;
  const send = () => {
    const slice = docs.slice(next, next + BATCH).map((d) => ({ title: d.title, text: d.text }));
    next += slice.length;
    const p = pool.analyze(slice);
    // Rejections are awaited in order below; this keeps an early one from counting as unhandled meanwhile.
    p.catch(() => {});
    pending.push(p);
  };
  try {
    while (next < docs.length && pending.length < workers * 4) send();
    while (pending.length) {
      const units = await pending.shift()!;
      if (next < docs.length) send();
      yield* units;
    }
  } finally {
    await pool.close();
  }
}
