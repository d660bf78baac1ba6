import { isGramCode, isWordCode } from './fold';

/**
 * Index units are what postings are keyed by. Folded text is read as tokens: every Chinese character is
 * a token, and so is every whole word of letters and digits (`shibor`, `6.3565`) and every percent or
 * per-mille sign. Tokens written next to
 * each other, with no space or punctuation between, form a run (兴农e贷 is one run of four tokens). The
 * units are every token and every n-gram of up to {@link MAX_GRAM} adjacent tokens of a run.
 *
 * So any run of up to MAX_GRAM tokens, which covers nearly every Chinese word and bank name a reader
 * types (交通银行, 普惠, 兴农e贷, 1.43万亿), is one exact lookup, whatever a dictionary thinks of it, and a
 * Latin word only ever matches whole (`app` never matches `application`). Longer runs need the chain of
 * their n-grams and a check against the text. Segmenter words (jieba) are not units: a unit's weight
 * says whether the segmenter cut it as a whole word, for ranking only.
 */

/** Longest n-gram indexed, in tokens. Part of the format: changing it changes the index. */
export const MAX_GRAM = 4;

/** A unit found in folded text, with its UTF-16 range and its length in tokens. */
export interface UnitSpan {
  key: string;
  start: number;
  end: number;
  tokens: number;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Signs that change what a number means (3.85%, 5‰): tokens of their own, so 3.85% is one exact unit. */
function isSignCode(c: number): boolean {
  return c === 0x25 || c === 0x2030 || c === 0x2031;
}

function wordAt(s: string, i: number): boolean {
  if (i < 0 || i >= s.length) return false;
  const c = s.charCodeAt(i);
  const start = c >= 0xdc00 && c <= 0xdfff && i > 0 ? i - 1 : i;
  return isWordCode(s.codePointAt(start)!);
}

/**
 * Whether offset `i` of folded text (the gap before `s[i]`) lies inside one word token, by the same
 * rule as {@link tokenize}: between two letters or digits, or next to a dot that joins two digits (3.85).
 * Text matches of a term that begins or ends with a letter or digit must not start or end inside a word.
 */
export function isInsideWord(s: string, i: number): boolean {
  if (i <= 0 || i >= s.length) return false;
  if (wordAt(s, i - 1) && wordAt(s, i)) return true;
  const prev = s.charCodeAt(i - 1);
  const next = s.charCodeAt(i);
  if (prev === 0x2e && isDigit(s.charCodeAt(i - 2)) && isDigit(next)) return true;
  return next === 0x2e && isDigit(prev) && isDigit(s.charCodeAt(i + 1));
}

/** Token spans of folded text: `[start, end, runId]` triples; tokens of one run share the run id. */
export function tokenize(folded: string): { starts: number[]; ends: number[]; runs: number[] } {
  const starts: number[] = [];
  const ends: number[] = [];
  const runs: number[] = [];
  const len = folded.length;
  let run = 0;
  let adjacent = false;
  let i = 0;
  while (i < len) {
    const cp = folded.codePointAt(i)!;
    const w = cp > 0xffff ? 2 : 1;
    if (isGramCode(cp) || isSignCode(cp)) {
      if (!adjacent) run++;
      starts.push(i);
      ends.push(i + w);
      runs.push(run);
      adjacent = true;
      i += w;
      continue;
    }
    if (isWordCode(cp)) {
      const start = i;
      i += w;
      while (i < len) {
        const c = folded.codePointAt(i)!;
        if (isWordCode(c)) i += c > 0xffff ? 2 : 1;
        else if (c === 0x2e && isDigit(folded.charCodeAt(i - 1)) && isDigit(folded.charCodeAt(i + 1))) i += 1;
        else break;
      }
      if (!adjacent) run++;
      starts.push(start);
      ends.push(i);
      runs.push(run);
      adjacent = true;
      continue;
    }
    adjacent = false;
    i += w;
  }
  return { starts, ends, runs };
}

/**
 * Calls `emit` for every index unit of already-folded text: each token, then its n-grams ending there.
 * `firstToken` is the index of the unit's first token in the text, its position.
 */
export function forEachUnit(
  folded: string,
  emit: (key: string, start: number, end: number, tokens: number, firstToken: number) => void,
  maxGram = MAX_GRAM,
): number {
  const { starts, ends, runs } = tokenize(folded);
  for (let t = 0; t < starts.length; t++) {
    for (let n = 1; n <= maxGram && t - n + 1 >= 0 && runs[t - n + 1] === runs[t]; n++) {
      const s = starts[t - n + 1]!;
      emit(folded.slice(s, ends[t]), s, ends[t]!, n, t - n + 1);
    }
  }
  return starts.length;
}

/** All unit spans of folded text. */
export function unitSpans(folded: string): UnitSpan[] {
  const out: UnitSpan[] = [];
  forEachUnit(folded, (key, start, end, tokens) => out.push({ key, start, end, tokens }));
  return out;
}

/** A MAX_GRAM-gram of a long term and its token offset in the term. */
export interface ChainLink {
  unit: string;
  offset: number;
}

/** What a folded query term needs from the index. */
export interface TermUnits {
  /** Units that must all be present. */
  units: string[];
  /**
   * For a term that is one run longer than MAX_GRAM tokens: MAX_GRAM-grams of it at token offsets 0, 3,
   * 6, …, and the last one, so that neighbours overlap by at least one token; a document matches when
   * each occurs at its offset from one start position (positions are indexed for exactly these n-grams,
   * and the overlap proves the tokens between are one unbroken run). Empty otherwise.
   */
  chain: ChainLink[];
  /**
   * True when the units are only necessary, not sufficient, and positions cannot settle it: the term has
   * several runs (a phrase with spaces) or characters that are no token (`3.85%`). Such a term is checked
   * against the text.
   */
  needsCheck: boolean;
}

/** Offsets of the MAX_GRAM-grams that tile a run of `n` tokens with overlaps: 0, 3, 6, …, n - maxGram. */
function tileOffsets(n: number, maxGram: number): number[] {
  const last = n - maxGram;
  const out: number[] = [];
  for (let k = 0; k < last; k += Math.max(1, maxGram - 1)) out.push(k);
  out.push(last);
  return out;
}

/**
 * The units a folded query term needs: each run of up to MAX_GRAM tokens is itself a unit; a longer run
 * needs the MAX_GRAM-grams that tile it (see {@link TermUnits.chain}). Duplicates removed, order kept.
 */
export function termUnits(foldedTerm: string, maxGram = MAX_GRAM): TermUnits {
  const { starts, ends, runs } = tokenize(foldedTerm);
  const keys: string[] = [];
  const chain: ChainLink[] = [];
  let covered = 0;
  let runCount = 0;
  for (let t = 0; t < starts.length;) {
    let e = t;
    while (e + 1 < starts.length && runs[e + 1] === runs[t]) e++;
    const n = e - t + 1;
    runCount++;
    covered += ends[e]! - starts[t]!;
    if (n <= maxGram) keys.push(foldedTerm.slice(starts[t], ends[e]));
    else {
      for (const k of tileOffsets(n, maxGram)) {
        const unit = foldedTerm.slice(starts[t + k], ends[t + k + maxGram - 1]);
        keys.push(unit);
        chain.push({ unit, offset: k });
      }
    }
    t = e + 1;
  }
  const needsCheck = runCount > 1 || covered !== foldedTerm.length;
  return { units: [...new Set(keys)], chain: runCount === 1 && !needsCheck ? chain : [], needsCheck };
}

/** {@link termUnits} without the flag. */
export function queryUnits(foldedTerm: string): string[] {
  return termUnits(foldedTerm).units;
}
