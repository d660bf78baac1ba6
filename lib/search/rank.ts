import { NO_DAY, weightInTitle, weightIsWord, weightTf, type Postings, type RankColumns } from '../index-format';
import { alignTo } from './postings';
import type { ParsedQuery } from './query';
import type { SortOrder } from './request';

/** Score steps of the relevance tiers; BM25 sums stay well below {@link TIER_WORD}. */
const TIER_TITLE = 10_000;
const TIER_PHRASE = 1_000;
const TIER_WORD = 100;

/** BM25's parameters and what it needs of the index. */
export interface RankContext {
  k1: number;
  b: number;
  /** Live documents, for the inverse document frequency. */
  docCount: number;
  /** Mean folded document length. */
  avgLength: number;
  columns: RankColumns;
}

/**
 * Relevance in strict tiers, as readers rank: terms in the title (each such clause adds
 * {@link TIER_TITLE}) above terms only in the body; the whole query as one phrase ({@link TIER_PHRASE})
 * above scattered terms (added by the caller, {@link withPhraseTier}, as it may know only where the page needs
 * it); terms standing as whole words, by the segmenter's accurate mode
 * ({@link TIER_WORD} each), above the same characters inside longer words; then BM25 over each term's
 * units (averaged, so a long term does not outweigh a short one), which stays far below a tier step.
 * Alternatives of a clause count by their best. Ties are the caller's to break ({@link pageOrder}).
 */
export function score(docs: Uint32Array, parsed: ParsedQuery, postings: Map<string, Postings | null>, ctx: RankContext): Float64Array {
  const n = ctx.docCount;
  const avg = ctx.avgLength || 1;
  const { k1, b } = ctx;
  const aligned = new Map<string, { weights: Uint32Array; idf: number }>();
  for (const term of parsed.clauses.flat()) {
    for (const u of term.units) {
      const p = postings.get(u);
      if (!p || aligned.has(u)) continue;
      // A one-unit query's matches are often its postings' own array: then they align already.
      const weights = p.docs === docs ? p.weights : alignTo({ docs: p.docs, values: p.weights }, docs);
      aligned.set(u, { weights, idf: Math.log(1 + (n - p.docs.length + 0.5) / (p.docs.length + 0.5)) });
    }
  }
  // The query's shape flattened into arrays, each term's units resolved once, not per document: the loop over
  // the matches (60,000 at 100,000 articles) then reads typed arrays and numbers only.
  const weights: Uint32Array[] = [];
  const idf: number[] = [];
  const termFirst: number[] = [0];
  const termMissing: number[] = [];
  const wholeUnit: number[] = [];
  const divisor: number[] = [];
  const clauseFirst: number[] = [0];
  for (const clause of parsed.clauses) {
    for (const term of clause) {
      let missing = 0;
      for (const u of term.units) {
        const a = aligned.get(u);
        if (!a) missing = 1;
        else {
          weights.push(a.weights);
          idf.push(a.idf);
        }
      }
      termFirst.push(weights.length);
      termMissing.push(missing);
      wholeUnit.push(term.units.length === 1 && term.units[0] === term.folded ? 1 : 0);
      divisor.push(Math.max(1, term.units.length));
    }
    clauseFirst.push(termMissing.length);
  }
  return bm25InTiers(docs, ctx.columns.length, k1, b, avg, weights, Float64Array.from(idf), {
    termFirst: Int32Array.from(termFirst),
    termMissing: Uint8Array.from(termMissing),
    wholeUnit: Uint8Array.from(wholeUnit),
    divisor: Float64Array.from(divisor),
    clauseFirst: Int32Array.from(clauseFirst),
  });
}

/** A query's clauses, terms and units as {@link bm25InTiers} reads them: clause c's terms are `clauseFirst[c] .. clauseFirst[c + 1]`, term t's units `termFirst[t] .. termFirst[t + 1]`. */
interface FlatQuery {
  termFirst: Int32Array;
  /** 1 where a unit of the term has no postings: it is in no document, so the term is in no title. */
  termMissing: Uint8Array;
  /** 1 where the term is one unit, the whole term: a whole word by the segmenter then earns its tier. */
  wholeUnit: Uint8Array;
  divisor: Float64Array;
  clauseFirst: Int32Array;
}

/**
 * The per-match loop of {@link score}, a small function over typed arrays of its own, so that a JIT compiles
 * it alone, small, and no change in the objects around it deoptimizes it (DESIGN.md, "Where a warm query's
 * time goes in the browser"). `weights[u]` and `idf[u]` are unit u's, aligned to `docs`.
 */
function bm25InTiers(
  docs: Uint32Array,
  lengths: Uint32Array,
  k1: number,
  b: number,
  avg: number,
  weights: readonly Uint32Array[],
  idf: Float64Array,
  q: FlatQuery,
): Float64Array {
  const { termFirst, termMissing, wholeUnit, divisor, clauseFirst } = q;
  const clauses = clauseFirst.length - 1;
  const scores = new Float64Array(docs.length);
  for (let i = 0; i < docs.length; i++) {
    const norm = k1 * (1 - b + (b * lengths[docs[i]!]!) / avg);
    let total = 0;
    for (let c = 0; c < clauses; c++) {
      let best = 0;
      for (let t = clauseFirst[c]!; t < clauseFirst[c + 1]!; t++) {
        let s = 0;
        let allInTitle = termMissing[t] === 0;
        let asWord = false;
        for (let u = termFirst[t]!; u < termFirst[t + 1]!; u++) {
          const w = weights[u]![i]!;
          if (w === 0) {
            allInTitle = false;
            continue;
          }
          const tf = weightTf(w);
          s += (idf[u]! * tf * (k1 + 1)) / (tf + norm);
          if (!weightInTitle(w)) allInTitle = false;
          if (wholeUnit[t] === 1 && weightIsWord(w)) asWord = true;
        }
        s /= divisor[t]!;
        if (s > 0 && allInTitle) s += TIER_TITLE;
        if (s > 0 && asWord) s += TIER_WORD;
        best = Math.max(best, s);
      }
      total += best;
    }
    scores[i] = total;
  }
  return scores;
}

/** A score `s` of {@link score}, given without the phrase, for a document that holds the whole query as one phrase. */
export function withPhraseTier(s: number): number {
  return s + TIER_PHRASE;
}

/** The order of relevance over places with `scores`: the higher score first, and of equal ones the newer document (the later place). */
export function relevanceBefore(scores: Float64Array): (x: number, y: number) => boolean {
  return (x, y) => scores[x]! > scores[y]! || (scores[x] === scores[y] && x > y);
}

/**
 * The `k` best of `0..n-1` by `before` (a strict order), best first. A bounded heap whose root is the
 * worst kept: most of 20,000 matches cost one comparison with it, where sorting them all cost a few
 * milliseconds per query.
 */
export function topIndexes(n: number, k: number, before: (a: number, b: number) => boolean): number[] {
  const cmp = (a: number, b: number) => (before(a, b) ? -1 : before(b, a) ? 1 : 0);
  if (k >= n) return Array.from({ length: n }, (_, i) => i).sort(cmp);
  if (k <= 0) return [];
  const heap: number[] = [];
  const down = (at: number) => {
    for (;;) {
      const l = 2 * at + 1;
      if (l >= heap.length) return;
      const r = l + 1;
      const worse = r < heap.length && before(heap[l]!, heap[r]!) ? r : l;
      if (!before(heap[at]!, heap[worse]!)) return;
      [heap[at], heap[worse]] = [heap[worse]!, heap[at]!];
      at = worse;
    }
  };
  for (let i = 0; i < n; i++) {
    if (heap.length < k) {
      heap.push(i);
      for (let at = heap.length - 1; at > 0;) {
        const up = (at - 1) >> 1;
        if (!before(heap[up]!, heap[at]!)) break;
        [heap[at], heap[up]] = [heap[up]!, heap[at]!];
        at = up;
      }
    } else if (before(i, heap[0]!)) {
      heap[0] = i;
      down(0);
    }
  }
  return heap.sort(cmp);
}

/**
 * Places in `final` (ascending document numbers, which follow date order with the undated first) of the
 * page `offset .. offset + limit` in the requested order. Relevance breaks equal scores by the newer
 * document; newest is a reverse scan; oldest puts the undated last.
 */
export function pageOrder(final: Uint32Array, sort: SortOrder, scores: Float64Array | null, columns: RankColumns, offset: number, limit: number): number[] {
  if (sort === 'relevance' && scores) {
    return topIndexes(final.length, offset + limit, relevanceBefore(scores)).slice(offset);
  }
  if (sort === 'newest') {
    const out: number[] = [];
    for (let r = offset; r < Math.min(final.length, offset + limit); r++) out.push(final.length - 1 - r);
    return out;
  }
  const dated: number[] = [];
  const undated: number[] = [];
  for (let i = 0; i < final.length; i++) (columns.day[final[i]!] === NO_DAY ? undated : dated).push(i);
  return dated.concat(undated).slice(offset, offset + limit);
}
