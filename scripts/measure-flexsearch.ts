import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import FlexSearch from 'flexsearch';
import { foldText, forEachUnit } from '../lib/index-format';
import { ingest, simplifiedCharTable } from '../lib/ingest';

/**
 * `npm run measure:flexsearch -- --src data/demo`: the measurement behind not using FlexSearch for the
 * postings (docs/DESIGN.md). It indexes the same units our index uses, configured as the research notes
 * prescribe for pre-segmented text, and reports the export's size and how many pieces it comes in:
 * a reader would have to download all of it, since its chunks cannot be looked up by term.
 */
interface FlexIndex {
  add(id: number, text: string): void;
  export(cb: (key: string, data: string) => void | Promise<void>): Promise<void>;
}
const { Index, Encoder } = FlexSearch as unknown as { Index: new (o: object) => FlexIndex; Encoder: new (o: object) => unknown };

const { values } = parseArgs({ options: { src: { type: 'string', default: 'data/demo' } } });
const { articles } = await ingest([values.src]);
const table = simplifiedCharTable();
for (const maxGram of [2, 4]) {
  const index = new Index({ tokenize: 'strict', encoder: new Encoder({ split: ' ', numeric: false, dedupe: false, normalize: (s: string) => s }) });
  const t0 = performance.now();
  articles.forEach((a, i) => {
    const keys: string[] = [];
    forEachUnit(foldText(`${a.title} ${a.text}`, table), (k) => keys.push(k), maxGram);
    index.add(i, keys.join(' '));
  });
  const addMs = performance.now() - t0;
  let raw = 0;
  let gz = 0;
  let chunks = 0;
  await index.export((_key, data) => {
    chunks++;
    raw += Buffer.byteLength(data);
    gz += gzipSync(data).length;
  });
  console.log(
    `flexsearch, units up to ${maxGram}-grams: ${articles.length} docs, add ${(addMs / 1000).toFixed(1)} s, ` +
      `export ${chunks} chunks, ${(raw / 1e6).toFixed(1)} MB raw, ${(gz / 1e6).toFixed(2)} MB gzip`,
  );
}
