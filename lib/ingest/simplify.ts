import { from as openccFrom, to as openccTo } from 'opencc-js/preset';

/**
 * Character-level folding: traditional → simplified and full-width → ASCII.
 *
 * Everything here maps one UTF-16 unit to exactly one UTF-16 unit, so an offset found in
 * folded text is the same offset in the original text. That is what lets matching and
 * highlighting run on folded text while the reader still sees the article as written.
 * Phrase-level OpenCC conversion (which can change lengths) is deliberately not used.
 */

type DictLike = string | readonly (readonly [string, string])[];

function* dictEntries(dict: DictLike): Generator<[string, string]> {
  if (typeof dict === 'string') {
    for (const entry of dict.split('|')) {
      const space = entry.indexOf(' ');
      if (space <= 0) continue;
      // Some entries list alternatives separated by spaces; the first is OpenCC's choice.
      const target = entry.slice(space + 1).split(' ')[0] ?? '';
      yield [entry.slice(0, space), target];
    }
  } else {
    for (const [source, target] of dict) yield [source, target.split(' ')[0] ?? ''];
  }
}

/** Single-unit source → single-unit target pairs of one dictionary group chain. */
function singleCharMap(groups: readonly (readonly DictLike[])[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const group of groups) {
    for (const dict of group) {
      for (const [source, target] of dictEntries(dict)) {
        if (source.length === 1 && target.length === 1 && !map.has(source)) map.set(source, target);
      }
    }
  }
  return map;
}

let table: Record<string, string> | null = null;
/** The table as code unit → code unit (0 = unchanged), for speed on long texts. */
let lookup: Uint16Array | null = null;

function buildTable(): Record<string, string> {
  // Regional variants first (台灣 and 香港 forms such as 綫 → 線), then traditional → simplified.
  const variants = new Map<string, string>();
  for (const region of ['tw', 'hk'] as const) {
    for (const [source, target] of singleCharMap(openccFrom[region] ?? [])) {
      if (!variants.has(source)) variants.set(source, target);
    }
  }
  const toSimplified = singleCharMap(openccTo['cn'] ?? []);
  const result: Record<string, string> = {};
  const sources = new Set<string>([...variants.keys(), ...toSimplified.keys()]);
  for (const source of sources) {
    const standard = variants.get(source) ?? source;
    const simplified = toSimplified.get(standard) ?? standard;
    // Surrogate halves cannot be mapped one unit at a time.
    if (simplified !== source && !isSurrogate(source) && !isSurrogate(simplified)) {
      result[source] = simplified;
    }
  }
  return result;
}

function isSurrogate(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return code >= 0xd800 && code <= 0xdfff;
}

/**
 * The traditional → simplified table: only entries where one traditional UTF-16 unit maps to
 * one different simplified unit. Shipped to the browser so queries fold exactly like the index.
 */
export function simplifiedCharTable(): Record<string, string> {
  table ??= buildTable();
  return table;
}

/**
 * Traditional → simplified, one UTF-16 unit in, one out (`中國建設銀行` → `中国建设银行`), so
 * offsets in the result are offsets in the input.
 */
export function toSimplifiedCharwise(text: string): string {
  if (!lookup) {
    lookup = new Uint16Array(0x10000);
    for (const [from, to] of Object.entries(simplifiedCharTable())) lookup[from.charCodeAt(0)] = to.charCodeAt(0);
  }
  const map = lookup;
  let first = 0;
  while (first < text.length && map[text.charCodeAt(first)] === 0) first++;
  if (first === text.length) return text; // already simplified: the common case
  const codes = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    codes[i] = map[c] || c;
  }
  let out = '';
  for (let i = 0; i < codes.length; i += 8192) {
    out += String.fromCharCode(...codes.subarray(i, i + 8192));
  }
  return out;
}

/** Full-width ASCII (`ＣＣＢ`, `１２３`) and the ideographic space → ASCII, unit for unit. */
export function foldWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u3000]/g, (ch) => (ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0)));
}

/** Lower-cases ASCII letters only, unit for unit (`toLowerCase` can change lengths, e.g. for İ). */
export function lowerAscii(text: string): string {
  return text.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
}

/** Width folding then traditional → simplified; the result has the same length as `text`. */
export function foldText(text: string): string {
  return toSimplifiedCharwise(foldWidth(text));
}
