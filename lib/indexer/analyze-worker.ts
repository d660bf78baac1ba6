import { move, transferableSymbol, valueSymbol } from 'piscina';
import { workerData } from 'node:worker_threads';
import type { SegmenterOptions } from '../ingest';
import { DocAnalyzer, toBatch, type UnitBatch } from './analyze-doc';

/** A batch of documents to analyze; see analyzeDocuments. */
export type AnalyzeTask = { title: string; text: string }[];

const analyzer = new DocAnalyzer(workerData as SegmenterOptions);

/** The piscina task: the units of the batch, their typed arrays moved rather than copied. */
export default function analyze(docs: AnalyzeTask): UnitBatch {
  const batch = toBatch(docs.map((d) => analyzer.analyze(d.title, d.text)));
  const transfer = batch.docs.flatMap((u) => [u.refs.buffer, u.weights.buffer, u.grams.buffer, u.posStart.buffer, u.positions.buffer]);
  return move({ [transferableSymbol]: transfer, [valueSymbol]: batch }) as unknown as UnitBatch;
}
