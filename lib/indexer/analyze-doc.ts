import { createSegmenter, simplifiedCharTable, type SegmenterOptions } from '../ingest';
import { foldText, forEachUnit, isGramCode, MAX_GRAM, packWeight } from '../index-format';

/** What the index keeps of one document, computed apart from every other document (so in any thread). */
export interface DocUnits {
  /** Every unit of title and body, once each. */
  keys: string[];
  /** Packed weight of each key (tf, in title, cut as a whole word). */
  weights: Uint32Array;
  /** Indexes into `keys` of the MAX_GRAM-token units, whose positions are kept. */
  grams: Uint32Array;
  /** Positions of `grams[i]` are `positions[posStart[i] .. posStart[i + 1])`. */
  posStart: Uint32Array;
  positions: Uint32Array;
  /** Folded length of title and body, for BM25. */
  length: number;
  /** Words the segmenter cut: of 3 to 5 characters anywhere (the example queries), of 2 to 8 in the title (the suggestions). */
  words: string[];
}

/** Folds, cuts into units and segments documents; one per thread, as nodejieba loads its dictionaries once. */
export class DocAnalyzer {
  private readonly table = simplifiedCharTable();
  private readonly segmenter;
  private readonly tf = new Map<string, number>();
  private readonly inTitle = new Set<string>();
  private readonly at = new Map<string, number[]>();
  private readonly words = new Set<string>();

  constructor(segmenter: SegmenterOptions) {
    this.segmenter = createSegmenter(segmenter);
  }

  analyze(rawTitle: string, rawText: string): DocUnits {
    const { tf, inTitle, at, words } = this;
    tf.clear();
    inTitle.clear();
    at.clear();
    words.clear();
    const title = foldText(rawTitle, this.table);
    const body = foldText(rawText, this.table);
    // Positions count tokens through the title, then, after a gap so no n-gram chains across, the body.
    let offset = 0;
    const count = (key: string, _s: number, _e: number, tokens: number, first: number) => {
      tf.set(key, (tf.get(key) ?? 0) + 1);
      if (tokens === MAX_GRAM) {
        const list = at.get(key);
        if (list) list.push(offset + first);
        else at.set(key, [offset + first]);
      }
    };
    const titleTokens = forEachUnit(title, (key, s, e, tokens, first) => {
      inTitle.add(key);
      count(key, s, e, tokens, first);
    });
    offset = titleTokens + 1;
    forEachUnit(body, count);
    for (const w of this.segmenter.words(`${title}\n${body}`)) {
      if (w.length >= 2 && isGramCode(w.codePointAt(0)!) && tf.has(w)) words.add(w);
    }
    const keys = [...tf.keys()];
    const weights = new Uint32Array(keys.length);
    const grams = new Uint32Array(at.size);
    const posStart = new Uint32Array(at.size + 1);
    let total = 0;
    for (const list of at.values()) total += list.length;
    const positions = new Uint32Array(total);
    let g = 0;
    let n = 0;
    keys.forEach((key, i) => {
      weights[i] = packWeight(tf.get(key)!, inTitle.has(key), words.has(key));
      const list = at.get(key);
      if (!list) return;
      grams[g] = i;
      posStart[g++] = n;
      for (const p of list) positions[n++] = p;
    });
    posStart[g] = n;
    // Words of 3 to 5 characters anywhere (the examples' candidates) and the title's of 2 to 8 (the suggestions' too).
    const offered = new Set([...words].filter((w) => w.length >= 3 && w.length <= 5));
    for (const w of this.segmenter.words(title)) if (w.length >= 2 && w.length <= 8 && words.has(w)) offered.add(w);
    return { keys, weights, grams, posStart, positions, length: title.length + body.length, words: [...offered] };
  }
}

/** A document of a {@link UnitBatch}: its {@link DocUnits} with each key an index into the batch's `keys`. */
export type BatchDoc = Omit<DocUnits, 'keys'> & {
  /** The batch key of each unit, in the order of `DocUnits.keys` (so `weights` and `grams` index it as they did `keys`). */
  refs: Uint32Array;
};

/**
 * The units of consecutive documents with each distinct key once: what crosses from a worker thread. A unit
 * recurs across the documents of a batch (consecutive news articles share most of theirs), and each key sent
 * is a string to copy, allocate and look up in the postings' dictionaries on the building thread.
 */
export interface UnitBatch {
  /** Every distinct unit of the batch, in order of first occurrence. */
  keys: string[];
  /** The batch's documents, in order. */
  docs: BatchDoc[];
}

/** `units` as one {@link UnitBatch}. */
export function toBatch(units: readonly DocUnits[]): UnitBatch {
  const index = new Map<string, number>();
  const keys: string[] = [];
  const docs = units.map(({ keys: own, ...rest }) => {
    const refs = new Uint32Array(own.length);
    own.forEach((key, i) => {
      let k = index.get(key);
      if (k === undefined) {
        k = keys.length;
        keys.push(key);
        index.set(key, k);
      }
      refs[i] = k;
    });
    return { ...rest, refs };
  });
  return { keys, docs };
}
