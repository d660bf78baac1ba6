/**
 * The oracle: normalization and query evaluation, written independently of lib/index-format (fold,
 * analyze). Every document's title and text are normalized (NFKC, lower case, traditional → simplified,
 * whitespace removed between Chinese characters, a line break removed next to one, whitespace collapsed
 * elsewhere) and each query term is looked
 * up by plain string search, with a whole-word check for terms that begin or end with a letter or digit.
 * It is slow on purpose: it has to be obviously right, not fast.
 */
import { toSimplifiedCharwise } from '../ingest';

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const SPACES = /[\s\u200b]+/gu;
const LINE_BREAK = /[\n\v\f\r\u2028\u2029]/;
const DIGIT = /[0-9]/;

function isCjkChar(ch: string | undefined): boolean {
  return ch !== undefined && CJK.test(ch);
}

/** A letter or digit of a script written with spaces (Latin, digits…): Chinese characters are not. */
function isLatinWordChar(ch: string | undefined): boolean {
  return ch !== undefined && LETTER_OR_DIGIT.test(ch) && !CJK.test(ch);
}

/** Code point ending just before UTF-16 offset i, as a string. */
function charBefore(s: string, i: number): string | undefined {
  if (i <= 0) return undefined;
  const lo = s.charCodeAt(i - 1);
  if (lo >= 0xdc00 && lo <= 0xdfff && i >= 2) return s.slice(i - 2, i);
  return s[i - 1];
}

function charAt(s: string, i: number): string | undefined {
  if (i >= s.length) return undefined;
  return String.fromCodePoint(s.codePointAt(i)!);
}

/** Reader-visible text → the comparable text the oracle searches. */
export function normalizeForOracle(s: string): string {
  const t = toSimplifiedCharwise(s.normalize('NFKC').toLowerCase());
  return t.replace(SPACES, (m: string, offset: number, all: string) => {
    const before = charBefore(all, offset);
    const after = charAt(all, offset + m.length);
    if (before === undefined || after === undefined) return '';
    if (isCjkChar(before) && isCjkChar(after)) return '';
    // A line wrapped next to a Chinese character (兴农 / e贷) is no gap either.
    return LINE_BREAK.test(m) && (isCjkChar(before) || isCjkChar(after)) ? '' : ' ';
  });
}

/** Whether offset i of normalized text is part of a word: a letter or digit, or a decimal point inside a number. */
function partOfWordAt(s: string, i: number): boolean {
  const ch = s[i];
  if (ch === undefined) return false;
  if (ch === '.') return DIGIT.test(s[i - 1] ?? '') && DIGIT.test(s[i + 1] ?? '');
  return isLatinWordChar(charAt(s, i));
}

/**
 * Ctrl-F with whole words: whether normalized `hay` contains normalized `needle`, where a needle that
 * begins (ends) with a letter or digit must not continue a word there (`app` is not in `application`).
 */
function containsWhole(hay: string, needle: string): boolean {
  if (!needle) return false;
  const checkStart = isLatinWordChar(charAt(needle, 0));
  const checkEnd = isLatinWordChar(charBefore(needle, needle.length));
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + 1)) {
    const end = i + needle.length;
    if (checkStart && i > 0) {
      const before = hay.charCodeAt(i - 1);
      const beforeIsLowSurrogate = before >= 0xdc00 && before <= 0xdfff;
      if (partOfWordAt(hay, beforeIsLowSurrogate ? i - 2 : i - 1)) continue;
    }
    if (checkEnd && partOfWordAt(hay, end)) continue;
    return true;
  }
  return false;
}

/** One query term: as typed, and normalized. */
export interface OracleTerm {
  raw: string;
  text: string;
  phrase: boolean;
}

/** A parsed query: every clause must match (a clause is an OR of terms), no excluded term may. */
export interface OracleQuery {
  clauses: OracleTerm[][];
  excluded: OracleTerm[];
}

const CLOSE_QUOTE: Record<string, string> = { '"': '"', '“': '”', '「': '」', '『': '』' };
const KEEP_AT_EDGE = new Set(['%', '‰', '‱']);
const EDGE = /[\p{P}\p{Z}]/u;

function stripEdges(t: string): string {
  let a = 0;
  let b = t.length;
  while (a < b && EDGE.test(t[a]!) && !KEEP_AT_EDGE.has(t[a]!)) a++;
  while (b > a && EDGE.test(t[b - 1]!) && !KEEP_AT_EDGE.has(t[b - 1]!)) b--;
  return t.slice(a, b);
}

function oTerm(raw: string, phrase: boolean): OracleTerm | null {
  const text = stripEdges(normalizeForOracle(raw));
  return LETTER_OR_DIGIT.test(text) ? { raw, text, phrase } : null;
}

/** The query syntax of the product, simply: spaces = AND, -x excludes, "…" phrases, OR and | alternatives. */
export function parseOracleQuery(q: string): OracleQuery {
  type Tok = { kind: 'term'; raw: string; phrase: boolean; negated: boolean } | { kind: 'or' };
  const toks: Tok[] = [];
  let i = 0;
  const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);
  while (i < q.length) {
    if (isSpace(q[i])) {
      i++;
      continue;
    }
    let negated = false;
    if ((q[i] === '-' || q[i] === '－') && i + 1 < q.length && !isSpace(q[i + 1])) {
      negated = true;
      i++;
    }
    const close = CLOSE_QUOTE[q[i]!];
    if (close !== undefined) {
      const end = q.indexOf(close, i + 1);
      if (end > i) {
        toks.push({ kind: 'term', raw: q.slice(i + 1, end), phrase: true, negated });
        i = end + 1;
        continue;
      }
    }
    if (q[i] === '|' || q[i] === '｜') {
      toks.push({ kind: 'or' });
      i++;
      continue;
    }
    let end = i;
    while (end < q.length && !isSpace(q[end]) && q[end] !== '|' && q[end] !== '｜') end++;
    const raw = q.slice(i, end);
    toks.push(raw === 'OR' && !negated ? { kind: 'or' } : { kind: 'term', raw, phrase: false, negated });
    i = end;
  }
  const out: OracleQuery = { clauses: [], excluded: [] };
  let orNext = false;
  for (const t of toks) {
    if (t.kind === 'or') {
      orNext = out.clauses.length > 0;
      continue;
    }
    const term = oTerm(t.raw, t.phrase);
    if (!term) continue;
    if (t.negated) out.excluded.push(term);
    else if (orNext) out.clauses[out.clauses.length - 1]!.push(term);
    else out.clauses.push([term]);
    orNext = false;
  }
  return out;
}

/**
 * Bank aliases: an unquoted term equal to an alias (keys of `aliasTo`, normalized) also matches the
 * bank's canonical name, and an excluded one also excludes it. Widens `q` in place and returns what was added, as the engine reports it.
 */
export function expandOracleAliases(q: OracleQuery, aliasTo: ReadonlyMap<string, string>): { term: string; to: string }[] {
  const expanded: { term: string; to: string }[] = [];
  for (const clause of [...q.clauses, q.excluded]) {
    const negated = clause === q.excluded;
    for (const t of [...clause]) {
      const to = t.phrase ? undefined : aliasTo.get(t.text);
      if (!to) continue;
      const alt = oTerm(to, false)!;
      if (clause.some((c) => c.text === alt.text)) continue;
      clause.push(alt);
      expanded.push(negated ? { term: `-${t.raw}`, to: `-${to}` } : { term: t.raw, to });
    }
  }
  return expanded;
}

/** Whether a document, given as its normalized fields (title, text), matches the query. */
export function oracleMatches(fields: readonly string[], q: OracleQuery): boolean {
  const has = (t: OracleTerm) => fields.some((f) => containsWhole(f, t.text));
  return q.clauses.every((c) => c.some(has)) && !q.excluded.some(has);
}
