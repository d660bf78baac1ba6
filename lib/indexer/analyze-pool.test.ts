import { describe, expect, it } from 'vitest';
import { DEFAULT_SEGMENTER_OPTIONS } from '../ingest';
import type { DocUnits } from './analyze-doc';
import { analyzeDocuments, AnalyzeWorkerError } from './analyze-pool';

const docs = Array.from({ length: 300 }, (_, i) => ({
  title: `第${i}篇 招商银行`,
  text: `普惠型小微企业贷款第${i}笔，LPR 为 ${(3 + i / 100).toFixed(2)}%。`.repeat(1 + (i % 7)),
}));

async function all(gen: AsyncGenerator<DocUnits>): Promise<DocUnits[]> {
  const out: DocUnits[] = [];
  for await (const u of gen) out.push(u);
  return out;
}

describe('analyzeDocuments', () => {
  it('gives in worker threads, in document order, what it gives in this thread', async () => {
    const inThread = await all(analyzeDocuments(docs, 0, DEFAULT_SEGMENTER_OPTIONS));
    const threaded = await all(analyzeDocuments(docs, 2, DEFAULT_SEGMENTER_OPTIONS));
    expect(threaded).toHaveLength(docs.length);
    expect(threaded).toStrictEqual(inThread);
  });

  it('stops its workers when the caller stops early', async () => {
    let n = 0;
    for await (const _ of analyzeDocuments(docs, 1, DEFAULT_SEGMENTER_OPTIONS)) if (++n === 40) break;
    expect(n).toBe(40);
  });

  it('rejects with an AnalyzeWorkerError when a worker fails on a document', async () => {
    const bad = [...docs.slice(0, 100), { title: null as unknown as string, text: 'x' }, ...docs.slice(100)];
    await expect(all(analyzeDocuments(bad, 1, DEFAULT_SEGMENTER_OPTIONS))).rejects.toBeInstanceOf(AnalyzeWorkerError);
  });
});
