/**
 * Folding turns display text into the text that is indexed and searched: NFKC (full-width ＣＣＢ２０２２
 * becomes ccb2022), lower case, traditional → simplified through a per-character table, whitespace
 * collapsed and removed entirely between two Chinese characters (a line break inside 贯/彻 is not a gap).
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

function isSpaceCode(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200b) || c === 0xfeff || c === 0x2028 || c === 0x2029;
}

const foldCache = new Map<number, string>();

function foldUnit(c: number): string {
  if (c < 0x80) return c >= 0x41 && c <= 0x5a ? String.fromCharCode(c + 32) : String.fromCharCode(c);
  let f = foldCache.get(c);
  if (f === undefined) {
    const ch = String.fromCharCode(c);
    let n = ch.normalize('NFKC');
    if (n.length !== 1) n = ch;
    const lower = n.toLowerCase();
    f = lower.length === 1 ? lower : n;
    foldCache.set(c, f);
  }
  return f;
}

/**
 * Folds `source` for indexing and searching.
 * @param table traditional → simplified characters; omit to leave characters as they are.
 */
export function fold(source: string, table?: CharTable | null): FoldedText {
  const out: string[] = [];
  const map = new Uint32Array(source.length);
  let n = 0;
  let pendingSpace = -1;
  let lastWasGram = false;
  const len = source.length;
  for (let i = 0; i < len; i++) {
    const c = source.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < len) {
      const d = source.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        const cp = (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
        const gram = isGramCode(cp);
        if (pendingSpace >= 0 && !(gram && lastWasGram) && n > 0) {
          out.push(' ');
          map[n++] = pendingSpace;
        }
        pendingSpace = -1;
        out.push(source[i]!, source[i + 1]!);
        map[n++] = i;
        map[n++] = i + 1;
        lastWasGram = gram;
        i++;
        continue;
      }
    }
    let f = foldUnit(c);
    if (table && f.length === 1) f = table[f] ?? f;
    const fc = f.charCodeAt(0);
    if (isSpaceCode(fc)) {
      if (pendingSpace < 0) pendingSpace = i;
      continue;
    }
    const gram = isGramCode(fc);
    if (pendingSpace >= 0 && !(gram && lastWasGram) && n > 0) {
      out.push(' ');
      map[n++] = pendingSpace;
    }
    pendingSpace = -1;
    out.push(f);
    map[n++] = i;
    lastWasGram = gram;
  }
  return { text: out.join(''), map: map.slice(0, n) };
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

/** {@link fold} without the offset map. */
export function foldText(source: string, table?: CharTable | null): string {
  return fold(source, table).text;
}
