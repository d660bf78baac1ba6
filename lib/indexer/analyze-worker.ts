import { move, transferableSymbol, valueSymbol } from 'piscina';
import { workerData } from 'node:worker_threads';
import type { SegmenterOptions } from '../ingest';
import { DocAnalyzer, type DocUnits } from './analyze-doc';

/** A batch of documents to analyze; see analyzeDocuments. */
export type AnalyzeTask = { title: string; text: string }[];

const analyzer = new DocAnalyzer(workerData as SegmenterOptions);

/** The piscina task: the units of each document, their typed arrays moved rather than copied. */
export default function analyze(docs: AnalyzeTask): DocUnits[] {
  const units = docs.map((d) => analyzer.analyze(d.title, d.text));
  const transfer = units.flatMap((u) => [u.weights.buffer, u.grams.buffer, u.posStart.buffer, u.positions.buffer]);
  return move({ [transferableSymbol]: transfer, [valueSymbol]: units }) as unknown as DocUnits[];
}
