import { describe, expect, it } from 'vitest';
import { DEFAULT_SEGMENTER_OPTIONS } from '../ingest';
import { DocAnalyzer, type DocUnits, type UnitBatch } from './analyze-doc';
import { analyzeDocuments, AnalyzeWorkerError } from './analyze-pool';

const docs = Array.from({ length: 300 }, (_, i) => ({
  title: `第${i}篇 招商银行`,
  text: `普惠型小微企业贷款第${i}笔，LPR 为 ${(3 + i / 100).toFixed(2)}%。`.repeat(1 + (i % 7)),
}));

/** Each document's units as the analyzer gave them, its keys read back from the batch's. */
async function all(gen: AsyncGenerator<UnitBatch>): Promise<DocUnits[]> {
  const out: DocUnits[] = [];
  for await (const { keys, docs } of gen) {
    expect(new Set(keys).size).toBe(keys.length);
    for (const { refs, ...rest } of docs) out.push({ keys: Array.from(refs, (k) => keys[k]!), ...rest });
  }
  return out;
}

/** Small batches: several per worker, so results arrive from both workers, and more are sent as each returns. */
const BATCH = 8;

describe('analyzeDocuments', () => {
  it('gives in worker threads and in this thread, in document order, what the analyzer gives each document', async () => {
    const analyzer = new DocAnalyzer(DEFAULT_SEGMENTER_OPTIONS);
    const each = docs.map((d) => analyzer.analyze(d.title, d.text));
    const inThread = await all(analyzeDocuments(docs, 0, DEFAULT_SEGMENTER_OPTIONS, BATCH));
    const threaded = await all(analyzeDocuments(docs, 2, DEFAULT_SEGMENTER_OPTIONS, BATCH));
    expect(inThread).toStrictEqual(each);
    expect(threaded).toStrictEqual(each);
  });

  it('refuses a batch that is not a whole number of documents', async () => {
    await expect(all(analyzeDocuments(docs, 0, DEFAULT_SEGMENTER_OPTIONS, 0))).rejects.toThrow(
      new RangeError('analysisBatch must be a whole number of documents, at least 1: 0'),
    );
  });

  it('sends a unit shared by the documents of a batch once', async () => {
    let keys = 0;
    let refs = 0;
    for await (const b of analyzeDocuments(docs, 1, DEFAULT_SEGMENTER_OPTIONS, 128)) {
      keys += b.keys.length;
      for (const u of b.docs) refs += u.refs.length;
    }
    // The documents share their title's bank and most of their text.
    expect(keys * 2).toBeLessThan(refs);
  });

  it('stops its workers when the caller stops early', async () => {
    let n = 0;
    for await (const b of analyzeDocuments(docs, 1, DEFAULT_SEGMENTER_OPTIONS, BATCH)) if ((n += b.docs.length) === 40) break;
    expect(n).toBe(40);
  });

  it('rejects with an AnalyzeWorkerError when a worker fails on a document', async () => {
    const bad = [...docs.slice(0, 100), { title: null as unknown as string, text: 'x' }, ...docs.slice(100)];
    await expect(all(analyzeDocuments(bad, 1, DEFAULT_SEGMENTER_OPTIONS, BATCH))).rejects.toBeInstanceOf(AnalyzeWorkerError);
  });
});
