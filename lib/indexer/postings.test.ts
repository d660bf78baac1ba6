import { describe, expect, it } from 'vitest';
import { ByteWriter, encodePositions, encodePostings, packWeight, weightTf, type Postings } from '../index-format';
import { mulberry32 } from '../index-format/test-support';
import { PostingsBuilder } from './postings';

/** Random postings for `terms` terms over `docs` documents, with positions for every term. */
function randomCorpus(seed: number, terms: number, docs: number): Map<string, Postings> {
  const rand = mulberry32(seed);
  const out = new Map<string, Postings>();
  for (let t = 0; t < terms; t++) {
    // Document frequencies from 1 to all, so chains run from one slice to many of the largest level.
    const df = t === 0 ? docs : 1 + Math.floor(rand() ** 3 * docs);
    const chosen = new Set<number>();
    while (chosen.size < df) chosen.add(Math.floor(rand() * docs));
    const list = [...chosen].sort((a, b) => a - b);
    const weights = list.map(() => packWeight(rand() < 0.7 ? 1 : 1 + Math.floor(rand() * 40), rand() < 0.1, rand() < 0.3));
    const posStart = [0];
    const positions: number[] = [];
    for (const w of weights) {
      let p = Math.floor(rand() * 50);
      for (let k = 0; k < weightTf(w); k++) {
        positions.push(p);
        p += 1 + Math.floor(rand() * 3000);
      }
      posStart.push(positions.length);
    }
    out.set(`t${t}`, {
      docs: Uint32Array.from(list),
      weights: Uint32Array.from(weights),
      posStart: Uint32Array.from(posStart),
      positions: Uint32Array.from(positions),
    });
  }
  return out;
}

/** Feeds the builder document by document, interleaving terms, as the indexer does: by term, or by the id `idOf` gives. */
function feed(b: PostingsBuilder, corpus: Map<string, Postings>, docs: number, idOf?: (term: string) => number): void {
  const byDoc: [string, number][][] = Array.from({ length: docs }, () => []);
  for (const [term, p] of corpus) p.docs.forEach((d, i) => byDoc[d]!.push([term, i]));
  byDoc.forEach((list, d) => {
    for (const [term, i] of list) {
      const p = corpus.get(term)!;
      const positions = Array.from(p.positions!.subarray(p.posStart![i], p.posStart![i + 1]));
      if (idOf) b.addId(idOf(term), d, p.weights[i]!, positions);
      else b.add(term, d, p.weights[i]!, positions);
    }
  });
}

function expected(corpus: Map<string, Postings>, encode: typeof encodePostings): Map<string, Uint8Array> {
  const w = new ByteWriter();
  const out = new Map<string, Uint8Array>();
  for (const [term, p] of corpus) {
    encode(term, p, w);
    out.set(term, w.finish());
    w.reset();
  }
  return out;
}

describe('PostingsBuilder', () => {
  it('gives exactly the bytes of encodePostings, for one to thousands of documents per term', () => {
    const corpus = randomCorpus(7, 300, 3000);
    const b = new PostingsBuilder('docs');
    feed(b, corpus, 3000);
    const want = expected(corpus, encodePostings);
    expect(b.termCount).toBe(300);
    for (let id = 0; id < b.termCount; id++) {
      const e = b.encoded(id);
      expect(e.df, e.term).toBe(corpus.get(e.term)!.docs.length);
      expect(b.byteLength(id)).toBe(e.bytes.length);
      expect(e.bytes, e.term).toStrictEqual(want.get(e.term));
    }
    expect(b.entries).toBe([...corpus.values()].reduce((n, p) => n + p.docs.length, 0));
    expect(b.bytes).toBe([...want.values()].reduce((n, x) => n + x.length, 0));
  });

  it('gives exactly the bytes of encodePositions in a builder of positions', () => {
    const corpus = randomCorpus(11, 120, 2000);
    const b = new PostingsBuilder('positions');
    feed(b, corpus, 2000);
    const want = expected(corpus, encodePositions);
    for (let id = 0; id < b.termCount; id++) {
      const e = b.encoded(id);
      expect(e.bytes, e.term).toStrictEqual(want.get(e.term));
    }
  });

  it('rejects documents out of order, a weight of tf 0, and positions that disagree with tf', () => {
    const b = new PostingsBuilder('positions');
    b.add('交通银行', 5, packWeight(1, false), [3]);
    expect(() => b.add('交通银行', 5, packWeight(1, false), [9])).toThrow(new RangeError('postings of "交通银行" are not strictly ascending: 5 after 5'));
    expect(() => b.add('交通银行', 6, 2, [])).toThrow(new RangeError('"交通银行" in document 6 has weight 2, tf below 1'));
    expect(() => b.add('交通银行', 7, packWeight(2, false), [9])).toThrow(new RangeError('"交通银行" in document 7 has 1 positions for tf 2'));
    expect(() => b.add('交通银行', 8, packWeight(2, false), [9, 9])).toThrow(
      new RangeError('positions of "交通银行" in document 8 are not strictly ascending'),
    );
  });

  it('keeps terms apart that share first characters and lengths', () => {
    const b = new PostingsBuilder('docs');
    const terms = ['银行', '银河', '银', '银行业', 'bank', 'Bank'];
    terms.forEach((t, i) => b.add(t, i, packWeight(i + 1, true)));
    expect(b.keys).toStrictEqual(terms);
    terms.forEach((t, id) => expect(b.encoded(id)).toStrictEqual({ term: t, df: 1, bytes: Uint8Array.from([id * 2 + 1, packWeight(id + 1, true)]) }));
  });

  it('adds by an interned id exactly what it adds by term, and refuses an id it never gave', () => {
    const corpus = randomCorpus(13, 150, 1500);
    const byTerm = new PostingsBuilder('docs');
    feed(byTerm, corpus, 1500);
    // Every term interned first, in reverse (so ids differ from the other builder's), then added by id.
    const byId = new PostingsBuilder('docs');
    const ids = new Map([...corpus.keys()].reverse().map((t) => [t, byId.intern(t)]));
    expect(byId.intern('t0')).toBe(ids.get('t0'));
    feed(byId, corpus, 1500, (t) => ids.get(t)!);
    for (let id = 0; id < byTerm.termCount; id++) {
      const e = byTerm.encoded(id);
      expect(byId.encoded(byId.idOf(e.term)!)).toStrictEqual(e);
    }
    expect([byId.termCount, byId.entries, byId.bytes]).toStrictEqual([byTerm.termCount, byTerm.entries, byTerm.bytes]);
    for (const bad of [150, -1, 0.5, NaN])
      expect(() => byId.addId(bad, 1500, packWeight(1, false))).toThrow(new RangeError(`no term has id ${bad}: 150 terms so far`));
  });
});
