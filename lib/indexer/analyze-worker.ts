import { parentPort, workerData } from 'node:worker_threads';
import type { SegmenterOptions } from '../ingest';
import { DocAnalyzer, type DocUnits } from './analyze-doc';

/** A batch of documents to analyze, and its answer; see AnalyzePool. */
export interface AnalyzeRequest {
  batch: number;
  docs: { title: string; text: string }[];
}

export interface AnalyzeResponse {
  batch: number;
  units?: DocUnits[];
  error?: string;
}

const analyzer = new DocAnalyzer(workerData as SegmenterOptions);
parentPort!.on('message', (req: AnalyzeRequest) => {
  try {
    const units = req.docs.map((d) => analyzer.analyze(d.title, d.text));
    const transfer = units.flatMap((u) => [u.weights.buffer, u.grams.buffer, u.posStart.buffer, u.positions.buffer]);
    parentPort!.postMessage({ batch: req.batch, units } satisfies AnalyzeResponse, transfer as ArrayBuffer[]);
  } catch (e) {
    parentPort!.postMessage({ batch: req.batch, error: (e as Error).stack ?? String(e) } satisfies AnalyzeResponse);
  }
});
