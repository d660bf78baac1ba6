import { CHAR_RANKS } from './char-ranks';

/**
 * Folding turns display text into the text that is indexed and searched: NFKC (full-width ＣＣＢ２０２２
 * becomes ccb2022), lower case, traditional → simplified through a per-character table, whitespace
 * collapsed and removed entirely between two Chinese characters (a line break inside 贯/彻 is not a gap), and
 * a line break next to a Chinese character is removed too (兴农 / e贷 wrapped after 农 is 兴农e贷).
 *
 * Folding works one UTF-16 unit at a time and records where each folded unit came from, so a match found
 * in folded text maps back to exact ranges of the original for highlighting. The build and the browser
 * run this same function, which is what keeps index and query in step.
 */

/** Traditional → simplified, one character to one character. */
export type CharTable = Readonly<Record<string, string>>;

/** Folded text plus, for every folded UTF-16 unit, the offset of the source unit it came from. */
export interface FoldedText {
  text: string;
  map: Uint32Array;
}

/** Han ideographs and Japanese kana: scripts written without spaces, searched by character n-grams. */
export function isGramCode(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x3040 && cp <= 0x30ff) ||
    (cp >= 0x20000 && cp <= 0x323af) ||
    cp === 0x3007
  );
}

const WORD_RE = /[\p{L}\p{N}]/u;
const wordCache = new Map<number, boolean>();

/** Letters and digits of scripts written with spaces (Latin, Greek, Cyrillic, digits): matched as whole words. */
export function isWordCode(cp: number): boolean {
  if (cp < 0x80) return (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a);
  if (isGramCode(cp)) return false;
  let v = wordCache.get(cp);
  if (v === undefined) {
    v = WORD_RE.test(String.fromCodePoint(cp));
    wordCache.set(cp, v);
  }
  return v;
}

function isLineBreakCode(c: number): boolean {
  return (c >= 0x0a && c <= 0x0d) || c === 0x2028 || c === 0x2029;
}

function isSpaceCode(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200b) || c === 0xfeff || c === 0x2028 || c === 0x2029;
}

/** Folded BMP unit per UTF-16 unit, computed on first sight; 0 = not yet. */
const foldCache = new Uint16Array(0x10000);

function foldUnit(c: number): number {
  if (c < 0x80) return c >= 0x41 && c <= 0x5a ? c + 32 : c;
  let f = foldCache[c]!;
  if (f === 0) {
    const ch = String.fromCharCode(c);
    let n = ch.normalize('NFKC');
    if (n.length !== 1) n = ch;
    const lower = n.toLowerCase();
    f = (lower.length === 1 ? lower : n).charCodeAt(0);
    foldCache[c] = f;
  }
  return f;
}

/**
 * Table answers of the current {@link fold} call by unit, valid where `lookedUpIn[c] === call`: a table
 * is a plain object, often chained through prototypes, and asking it for every character of a long text
 * cost about three times the rest of folding. A table may grow between calls, so nothing is kept longer.
 */
const lookedUpIn = new Uint32Array(0x10000);
const lookedUp = new Uint16Array(0x10000);
let call = 0;

/** Builds a string from the first `n` UTF-16 units in slices, as `String.fromCharCode` takes a bounded number of arguments. */
export function unitsToString(units: Uint16Array, n: number): string {
  let s = '';
  for (let i = 0; i < n; i += 8192) s += String.fromCharCode.apply(null, units.subarray(i, Math.min(n, i + 8192)) as unknown as number[]);
  return s;
}

/**
 * Buffers that {@link foldInto} writes, grown to the longest text folded so far and kept: a fresh typed
 * array costs tens of microseconds in a browser worker, which made allocation about half of the time of
 * folding ten results for their snippets.
 */
let units = new Uint16Array(1024);
let offsets = new Uint32Array(1024);

/** Folds `source` into {@link units} and {@link offsets}, returning how many units it wrote. */
function foldInto(source: string, table: CharTable | null | undefined): number {
  const len = source.length;
  // Folding never lengthens text: each unit folds to one unit, and a run of spaces to at most one.
  if (units.length < len) {
    const size = Math.max(len, units.length * 2);
    units = new Uint16Array(size);
    offsets = new Uint32Array(size);
  }
  const out = units;
  const map = offsets;
  let n = 0;
  let pendingSpace = -1;
  let pendingBreak = false;
  let lastWasGram = false;
  // Whitespace before a unit is dropped between two Chinese characters, or when it breaks a line next to one.
  const joins = (gram: boolean) => (gram && lastWasGram) || (pendingBreak && (gram || lastWasGram));
  if (table) {
    call = (call + 1) >>> 0;
    if (call === 0) {
      lookedUpIn.fill(0);
      call = 1;
    }
  }
  for (let i = 0; i < len; i++) {
    const c = source.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < len) {
      const d = source.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        const cp = (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
        const gram = isGramCode(cp);
        if (pendingSpace >= 0 && !joins(gram) && n > 0) {
          out[n] = 0x20;
          map[n++] = pendingSpace;
        }
        pendingSpace = -1;
        pendingBreak = false;
        out[n] = c;
        map[n++] = i;
        out[n] = d;
        map[n++] = i + 1;
        lastWasGram = gram;
        i++;
        continue;
      }
    }
    let fc = foldUnit(c);
    if (table) {
      if (lookedUpIn[fc] === call) fc = lookedUp[fc]!;
      else {
        const t = table[String.fromCharCode(fc)];
        const to = t !== undefined && t.length === 1 ? t.charCodeAt(0) : fc;
        lookedUpIn[fc] = call;
        lookedUp[fc] = to;
        fc = to;
      }
    }
    if (isSpaceCode(fc)) {
      if (pendingSpace < 0) pendingSpace = i;
      if (isLineBreakCode(fc)) pendingBreak = true;
      continue;
    }
    const gram = isGramCode(fc);
    if (pendingSpace >= 0 && !joins(gram) && n > 0) {
      out[n] = 0x20;
      map[n++] = pendingSpace;
    }
    pendingSpace = -1;
    pendingBreak = false;
    out[n] = fc;
    map[n++] = i;
    lastWasGram = gram;
  }
  return n;
}

/**
 * Folds `source` for indexing and searching.
 * @param table traditional → simplified characters; omit to leave characters as they are. An entry that
 * is not exactly one UTF-16 unit is ignored, since the offset map is one entry per unit.
 */
export function fold(source: string, table?: CharTable | null): FoldedText {
  const n = foldInto(source, table);
  return { text: unitsToString(units, n), map: offsets.slice(0, n) };
}

/**
 * {@link fold} for a caller that reads the offset map at once: the map is a view of a buffer that the next
 * fold overwrites, so nothing is allocated for it.
 */
export function foldView(source: string, table?: CharTable | null): FoldedText {
  const n = foldInto(source, table);
  return { text: unitsToString(units, n), map: offsets.subarray(0, n) };
}

/** {@link fold} without the offset map. */
export function foldText(source: string, table?: CharTable | null): string {
  const n = foldInto(source, table);
  return unitsToString(units, n);
}

/**
 * The non-ASCII characters `fold` may look up in a character table for `text`: each code point after
 * NFKC and lower-casing, as fold folds every character whose lower case is one character. A table
 * holding the entries of these characters folds `text` as the whole table would.
 */
export function tableLookups(text: string): Set<string> {
  const out = new Set<string>();
  for (const ch of text) {
    if (ch.codePointAt(0)! < 0x80) continue;
    for (const c of ch.normalize('NFKC').toLowerCase()) if (c.codePointAt(0)! >= 0x80) out.add(c);
  }
  return out;
}

const RANKED = new Set(CHAR_RANKS);

/**
 * The characters of the text code's table ({@link CHAR_RANKS}, the 2,000 most common) that are keys of
 * `table`, in rank order: what a manifest's `chars.ranked` holds. Nearly all of them are simplified already
 * (5 of the 2,000 have an entry in OpenCC's table), so a reader told these needs no part of the table for a
 * query made of ranked characters, which most are.
 */
export function rankedTableKeys(table: CharTable): string {
  return [...CHAR_RANKS].filter((c) => Object.hasOwn(table, c)).join('');
}

/**
 * Whether the table may have an entry for `ch` (one of {@link tableLookups}), given its ranked keys
 * (`chars.ranked`, see {@link rankedTableKeys}): false only for a ranked character they leave out.
 * Without them (undefined) every character may.
 */
export function mayHaveTableEntry(ch: string, rankedKeys: string | undefined): boolean {
  return rankedKeys === undefined || !RANKED.has(ch) || rankedKeys.includes(ch);
}

/** Whether every character of `text` is one of the text code's ranked characters ({@link CHAR_RANKS}). */
export function isRankedText(text: string): boolean {
  for (const c of text) if (!RANKED.has(c)) return false;
  return true;
}
