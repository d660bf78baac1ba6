import { isGramCode, isWordCode } from './fold';

/**
 * Index units are what postings are keyed by: every Chinese character and every pair of adjacent
 * Chinese characters (so any Chinese substring can be found, 普惠 inside 普惠型, without trusting a
 * dictionary), and whole words of letters and digits (so `app` never matches `application`).
 * Segmenter words (jieba) are kept in a separate namespace, prefixed by {@link WORD_PREFIX}, and used
 * only for ranking.
 */
export const WORD_PREFIX = '=';

/** A unit found in folded text, with its UTF-16 range. */
export interface UnitSpan {
  key: string;
  start: number;
  end: number;
  kind: 'gram1' | 'gram2' | 'word';
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Calls `emit` for every index unit of already-folded text, in order. */
export function forEachUnit(folded: string, emit: (key: string, start: number, end: number, kind: UnitSpan['kind']) => void): void {
  const len = folded.length;
  let i = 0;
  let prevGramStart = -1;
  let prevGramEnd = -1;
  while (i < len) {
    const cp = folded.codePointAt(i)!;
    const w = cp > 0xffff ? 2 : 1;
    if (isGramCode(cp)) {
      emit(folded.slice(i, i + w), i, i + w, 'gram1');
      if (prevGramEnd === i && prevGramStart >= 0) emit(folded.slice(prevGramStart, i + w), prevGramStart, i + w, 'gram2');
      prevGramStart = i;
      prevGramEnd = i + w;
      i += w;
      continue;
    }
    prevGramStart = -1;
    if (isWordCode(cp)) {
      const start = i;
      i += w;
      while (i < len) {
        const c = folded.codePointAt(i)!;
        if (isWordCode(c)) {
          i += c > 0xffff ? 2 : 1;
        } else if (c === 0x2e && isDigit(folded.charCodeAt(i - 1)) && isDigit(folded.charCodeAt(i + 1))) {
          i += 1;
        } else break;
      }
      emit(folded.slice(start, i), start, i, 'word');
      continue;
    }
    i += w;
  }
}

/** All unit spans of folded text. */
export function unitSpans(folded: string): UnitSpan[] {
  const out: UnitSpan[] = [];
  forEachUnit(folded, (key, start, end, kind) => out.push({ key, start, end, kind }));
  return out;
}

/**
 * The units a folded query term needs: a lone Chinese character needs its unigram, a longer Chinese run
 * needs its bigrams (which imply the unigrams), words need themselves. Duplicates removed, order kept.
 */
export function queryUnits(foldedTerm: string): string[] {
  const spans = unitSpans(foldedTerm);
  const covered = new Set<number>();
  for (const s of spans) {
    if (s.kind === 'gram2') {
      covered.add(s.start);
      covered.add(s.end - 1);
    }
  }
  const keys: string[] = [];
  for (const s of spans) {
    if (s.kind === 'gram1' && (covered.has(s.start) || covered.has(s.end - 1))) continue;
    keys.push(s.key);
  }
  return [...new Set(keys)];
}
