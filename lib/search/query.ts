import { foldText, termUnits, type ChainLink, type CharTable } from '../index-format';

/** One searchable term of a query. */
export interface QueryTerm {
  /** As the reader typed it. */
  raw: string;
  /** Folded like the index text. */
  folded: string;
  /** Index units it needs (see `termUnits`). */
  units: string[];
  /** For a term longer than the n-grams: the n-grams that must occur at their offsets from one start. */
  chain: ChainLink[];
  /** The units are necessary but not sufficient: matches must be checked against the text. */
  needsCheck: boolean;
  /** Typed in quotes: must appear as written. */
  phrase: boolean;
}

/**
 * A parsed query: every clause must match (AND), a clause matches when any of its alternatives does (OR),
 * and no excluded term may match.
 */
export interface ParsedQuery {
  clauses: QueryTerm[][];
  excluded: QueryTerm[];
}

/** Longest query we look at; a pasted essay is cut, not rejected. */
export const MAX_QUERY_LENGTH = 500;

const QUOTES: Record<string, string> = { '"': '"', '“': '”', '「': '」', '『': '』' };

interface Token {
  text: string;
  phrase: boolean;
  negated: boolean;
  or: boolean;
}

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  const s = input.slice(0, MAX_QUERY_LENGTH);
  const unclosed = new Set<string>();
  let i = 0;
  while (i < s.length) {
    const ch = s[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    let negated = false;
    let j = i;
    if (ch === '-' || ch === '－') {
      const next = s[i + 1];
      if (next !== undefined && !/\s/.test(next)) {
        negated = true;
        j = i + 1;
      }
    }
    const open = s[j]!;
    const close = QUOTES[open];
    if (close !== undefined && !unclosed.has(close)) {
      const end = s.indexOf(close, j + 1);
      // No closing quote anywhere after here: never search for this one again (keeps parsing linear).
      if (end < 0) unclosed.add(close);
      if (end > j) {
        tokens.push({ text: s.slice(j + 1, end), phrase: true, negated, or: false });
        i = end + 1;
        continue;
      }
    }
    if (s[j] === '|' || s[j] === '｜') {
      tokens.push({ text: s[j]!, phrase: false, negated: false, or: true });
      i = j + 1;
      continue;
    }
    let end = j;
    while (end < s.length && !/[\s|｜]/.test(s[end]!)) end++;
    const text = s.slice(j, end);
    const or = !negated && (text === 'OR' || text === '|' || text === '｜');
    tokens.push({ text, phrase: false, negated, or });
    i = end;
  }
  return tokens;
}

/**
 * Punctuation and spaces around a term are not part of it: `LPR，` and `(贷款)` search and highlight `lpr`
 * and `贷款`. Percent and per-mille signs are kept, because 3.85% means something 3.85 does not.
 */
const EDGE_PUNCT = /^(?:(?![%‰‱])[\p{P}\p{Z}])+|(?:(?![%‰‱])[\p{P}\p{Z}])+$/gu;

/** A term as it is matched: folded, without the punctuation around it. */
export function normalizeTerm(raw: string, table: CharTable | null = null): string {
  return foldText(raw, table).replace(EDGE_PUNCT, '');
}

function makeTerm(raw: string, phrase: boolean, table: CharTable | null): QueryTerm | null {
  const folded = normalizeTerm(raw, table);
  const { units, chain, needsCheck } = termUnits(folded);
  return units.length ? { raw, folded, units, chain, needsCheck, phrase } : null;
}

/**
 * Parses what a reader typed. Never throws: unbalanced quotes, lone operators and any other character
 * are plain text, and text with no letters, digits or Chinese characters is simply no term.
 */
export function parseQuery(input: string, table: CharTable | null = null): ParsedQuery {
  const clauses: QueryTerm[][] = [];
  const excluded: QueryTerm[] = [];
  let joinNext = false;
  for (const tok of tokenize(input)) {
    if (tok.or) {
      joinNext = clauses.length > 0;
      continue;
    }
    const term = makeTerm(tok.text, tok.phrase, table);
    if (!term) continue;
    if (tok.negated) {
      excluded.push(term);
      joinNext = false;
      continue;
    }
    const last = clauses[clauses.length - 1];
    if (joinNext && last) last.push(term);
    else clauses.push([term]);
    joinNext = false;
  }
  return { clauses, excluded };
}

/** One construct of the query language, as the search page explains it to a reader. */
export interface QuerySyntaxRow {
  /** What a reader types: `交通银行 -信用卡`. */
  example: string;
  /** What it finds, as a reader is told it. */
  finds: string;
  /** True when it finds more than its words alone would: what a search that found nothing can try. */
  widens: boolean;
}

/**
 * The query syntax, stated once: {@link parseQuery}'s AND, phrases, exclusion and OR, and the engine's
 * bank-alias expansion. The search page renders these rows as its help text, so help never restates (and
 * drifts from) the parser; query.test.ts parses every example to keep each row true.
 */
export const QUERY_SYNTAX: readonly QuerySyntaxRow[] = [
  { example: '交通银行 普惠', finds: '同时含有两个词', widens: false },
  { example: '“数字人民币”', finds: '引号里的文字原样出现', widens: false },
  { example: '交通银行 -信用卡', finds: '含前一个词、不含后一个词', widens: false },
  { example: '建设银行 OR 工商银行', finds: '含其中任一个词', widens: true },
  { example: '交行', finds: '银行简称也找全称', widens: true },
];
