import type { SuggestEntry } from '../index-format';

/** One completion offered as a reader types. */
export interface Suggestion {
  /** What searching it searches. */
  term: string;
  /** What searching `term` finds. */
  count: number;
  /** The alias the reader's letters spelt, when it is not the term itself (交行 for 交通银行), else ''. */
  via: string;
}

/** Completions listed at most. */
export const MAX_SUGGESTIONS = 8;
/** Corrections offered at most for a query that finds nothing. */
const MAX_CORRECTIONS = 3;
/** Pinyin spellings of a query tried at most: each polyphonic character multiplies them (乐 has four readings). */
const MAX_SPELLINGS = 16;

function byCountThenTerm(a: Suggestion, b: Suggestion): number {
  return b.count - a.count || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0);
}

/**
 * The completions of `prefix` (folded as a query is) among `entries`: one per term, the term's own key
 * before an alias's, most found first, at most {@link MAX_SUGGESTIONS}.
 */
export function completions(entries: readonly SuggestEntry[], prefix: string): Suggestion[] {
  if (prefix === '') return [];
  const best = new Map<string, Suggestion>();
  for (const e of entries) {
    if (!e.key.startsWith(prefix)) continue;
    const had = best.get(e.term);
    if (!had || (had.via !== '' && (e.via === '' || e.via < had.via))) best.set(e.term, { term: e.term, count: e.count, via: e.via });
  }
  return [...best.values()].sort(byCountThenTerm).slice(0, MAX_SUGGESTIONS);
}

/** Lower-case Latin letters only: what may be pinyin. */
export function mayBePinyin(text: string): boolean {
  return /^[a-z]{2,}$/.test(text);
}

/**
 * What a query of Latin letters stands for when it is exactly the pinyin (in full or by initials) of an
 * offered term: the one found most; null when it is none.
 */
export function pinyinTarget(entries: readonly SuggestEntry[], letters: string): Suggestion | null {
  if (!mayBePinyin(letters)) return null;
  let best: Suggestion | null = null;
  for (const e of entries) {
    if (e.key !== letters || e.key === e.term) continue;
    const s = { term: e.term, count: e.count, via: e.via };
    if (!best || byCountThenTerm(s, best) < 0) best = s;
  }
  return best;
}

/** Whether `a` becomes `b` by one character substituted, inserted or removed (code points). */
export function oneEditApart(a: string, b: string): boolean {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > 1 || a === b) return false;
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  if (x.length === y.length) return x.slice(i + 1).join('') === y.slice(i + 1).join('');
  const [longer, shorter] = x.length > y.length ? [x, y] : [y, x];
  return longer.slice(i + 1).join('') === shorter.slice(i).join('');
}

/**
 * The pinyin spellings of a word, one reading of each of its characters in turn (`readings`, undefined where a
 * character has none), at most {@link MAX_SPELLINGS}; none when some character has no reading.
 */
export function spellings(readings: readonly (readonly string[] | undefined)[]): string[] {
  let out = [''];
  for (const r of readings) {
    if (!r || r.length === 0) return [];
    out = out.flatMap((s) => r.map((syllable) => s + syllable)).slice(0, MAX_SPELLINGS);
  }
  return readings.length === 0 ? [] : out;
}

/**
 * The offered terms that sound as `folded` does (普会 → 普惠; 交航 → 交通银行 by its alias 交行): a word of as many
 * characters, other than `folded`, whose full pinyin is one of `spelt` (the spellings of `folded`); most found first.
 */
export function soundAlike(entries: readonly SuggestEntry[], spelt: readonly string[], folded: string): Suggestion[] {
  const keys = new Set(spelt);
  const length = [...folded].length;
  const best = new Map<string, Suggestion>();
  for (const e of entries) {
    const word = e.via || e.term;
    // A key of as many letters as characters is the word's initials, not its sound.
    if (!keys.has(e.key) || word === folded || [...word].length !== length || e.key.length <= length || best.has(e.term)) continue;
    best.set(e.term, { term: e.term, count: e.count, via: e.via });
  }
  return [...best.values()].sort(byCountThenTerm);
}

/** The corrections offered for a query that finds nothing: terms that sound the same first, then those one edit away; each term once, at most {@link MAX_CORRECTIONS}. */
export function correctionsOf(sounding: readonly Suggestion[], near: readonly Suggestion[]): Suggestion[] {
  const seen = new Set<string>();
  return [...sounding, ...near].filter((s) => !seen.has(s.term) && seen.add(s.term)).slice(0, MAX_CORRECTIONS);
}

/**
 * The offered terms one edit away from `folded` (交通很行 → 交通银行; 普会 → 普惠), most found first, at most
 * {@link MAX_CORRECTIONS}. Only whole terms count, never their pinyin or an alias.
 */
export function nearestTerms(entries: readonly SuggestEntry[], folded: string): Suggestion[] {
  const best = new Map<string, Suggestion>();
  for (const e of entries) {
    if (e.key !== e.term || best.has(e.term) || !oneEditApart(folded, e.term)) continue;
    best.set(e.term, { term: e.term, count: e.count, via: '' });
  }
  return [...best.values()].sort(byCountThenTerm).slice(0, MAX_CORRECTIONS);
}
