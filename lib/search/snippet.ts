import { foldView, isInsideWord, isWordCode, type CharTable } from '../index-format';

/** A half-open range of UTF-16 code units `[start, end)`. */
export type Range = [number, number];

/** A passage of a document with the query's occurrences marked. */
export interface Snippet {
  text: string;
  highlights: Range[];
}

/** Options of {@link makeSnippet}. */
export interface SnippetOptions {
  /** Length of the passage in UTF-16 code units, ellipses not counted. */
  length: number;
  /** Characters of context kept before the first occurrence. */
  lead: number;
}

export const DEFAULT_SNIPPET_OPTIONS: SnippetOptions = { length: 100, lead: 20 };

interface Occurrence {
  start: number;
  end: number;
  term: number;
}

/**
 * Where the folded terms occur in folded text. A term that begins or ends with a letter or digit must
 * stand as a whole word there, as in matching.
 */
function findInFolded(folded: string, terms: string[]): Occurrence[] {
  const out: Occurrence[] = [];
  terms.forEach((t, term) => {
    if (!t) return;
    const checkStart = isWordCode(t.codePointAt(0)!);
    const last = t.charCodeAt(t.length - 1);
    const checkEnd = isWordCode(last >= 0xdc00 && last <= 0xdfff && t.length > 1 ? t.codePointAt(t.length - 2)! : last);
    let from = 0;
    for (;;) {
      const i = folded.indexOf(t, from);
      if (i < 0) break;
      from = i + 1;
      if (checkStart && isInsideWord(folded, i)) continue;
      if (checkEnd && isInsideWord(folded, i + t.length)) continue;
      out.push({ start: i, end: i + t.length, term });
    }
  });
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** Whether folded text contains the folded term, by the same whole-word rule as matching. */
export function containsTerm(folded: string, term: string): boolean {
  return findInFolded(folded, [term]).length > 0;
}

function mergeRanges(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Range[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

/** Ranges of `source` in which the folded terms occur (folding maps back through its offset map). */
export function highlightRanges(source: string, terms: string[], table: CharTable | null = null): Range[] {
  const f = foldView(source, table);
  return mergeRanges(findInFolded(f.text, terms).map((o) => [f.map[o.start]!, f.map[o.end - 1]! + 1]));
}

function isLow(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 0xdc00 && c <= 0xdfff;
}

/**
 * The passage of about `length` characters that holds the most distinct terms (then the most
 * occurrences, then the earliest), with every occurrence in it marked and an ellipsis where text is cut.
 */
export function makeSnippet(source: string, terms: string[], table: CharTable | null = null, options: Partial<SnippetOptions> = {}): Snippet {
  const opts = { ...DEFAULT_SNIPPET_OPTIONS, ...options };
  const f = foldView(source, table);
  const occ = findInFolded(f.text, terms).map((o) => ({ start: f.map[o.start]!, end: f.map[o.end - 1]! + 1, term: o.term }));
  let best = -1;
  let bestDistinct = 0;
  let bestCount = 0;
  let bestLastEnd = 0;
  for (let i = 0; i < occ.length; i++) {
    const seen = new Set<number>();
    let count = 0;
    let lastEnd = occ[i]!.end;
    for (let j = i; j < occ.length && occ[j]!.end - occ[i]!.start <= opts.length; j++) {
      seen.add(occ[j]!.term);
      count++;
      lastEnd = Math.max(lastEnd, occ[j]!.end);
    }
    if (seen.size > bestDistinct || (seen.size === bestDistinct && count > bestCount)) {
      best = i;
      bestDistinct = seen.size;
      bestCount = count;
      bestLastEnd = lastEnd;
    }
  }
  let a = 0;
  if (best >= 0) {
    const first = occ[best]!.start;
    // Keep some context before the first occurrence, but never so much that the last counted one is cut.
    a = Math.min(first, Math.max(first - opts.lead, bestLastEnd - opts.length));
    a = Math.max(0, Math.min(a, source.length - opts.length));
  }
  let b = Math.min(source.length, a + opts.length);
  if (a > 0 && isLow(source, a)) a--;
  if (b < source.length && isLow(source, b)) b++;
  const prefix = a > 0 ? '…' : '';
  const suffix = b < source.length ? '…' : '';
  const text = prefix + source.slice(a, b).replace(/[\r\n\t]/g, ' ') + suffix;
  const highlights: Range[] = [];
  for (const o of occ) {
    const s = Math.max(o.start, a);
    const e = Math.min(o.end, b);
    if (s < e) highlights.push([s - a + prefix.length, e - a + prefix.length]);
  }
  return { text, highlights: mergeRanges(highlights) };
}

/**
 * A document's text as its non-blank paragraphs (lines), each with the part of `highlights` (ranges over
 * the whole text, ascending) that falls in it: a mark that runs across a line break is cut in two.
 */
export function paragraphsOf(text: string, highlights: readonly Range[]): Snippet[] {
  const out: Snippet[] = [];
  let k = 0;
  let start = 0;
  for (const line of text.split('\n')) {
    const end = start + line.length;
    while (k < highlights.length && highlights[k]![1] <= start) k++;
    if (line.trim() !== '') {
      const marks: Range[] = [];
      for (let j = k; j < highlights.length && highlights[j]![0] < end; j++) {
        const [a, b] = highlights[j]!;
        if (b > start) marks.push([Math.max(a, start) - start, Math.min(b, end) - start]);
      }
      out.push({ text: line, highlights: marks });
    }
    start = end + 1;
  }
  return out;
}
