import { ByteReader, ByteWriter } from './bytes';
import { IndexFormatError } from './errors';
import { fnv1a } from './hash';

/**
 * Suggestions as the reader types (搜索建议): small immutable root files `sug-<hash>.bin`, each holding the
 * completions of the keys that begin with some characters. A key is what a reader types: a frequent word
 * itself, a bank's alias (交行 → 交通银行), the pinyin of either in full or by initials (jiaotongyinhang,
 * jtyh). A key's file follows from its head (its first character, or its first two when that is a Latin
 * letter), so one keystroke fetches at most one file, and every later keystroke of the same word reads it
 * from memory. Keys are folded as queries are (simplified, lower case).
 */

const MAGIC = 'BNSG';
const LAYOUT = 1;

/** One completion: typing a prefix of `key` offers `term`, which finds `count` articles. */
export interface SuggestEntry {
  key: string;
  /** What is searched, and shown. */
  term: string;
  /** What the key spells when it is not the term itself: the alias (交行 for 交通银行, also behind jh), or '' (the term, or its pinyin). */
  via: string;
  /** What searching `term` finds: `total` of the engine's answer. */
  count: number;
}

/** Root file holding suggestion shard content `hash`. */
export function suggestFile(hash: string): string {
  return `sug-${hash}.bin`;
}

const SUGGEST_NAME = /^sug-[0-9a-f]{14}\.bin$/;

/** A name {@link suggestFile} gives. */
export function isSuggestFileName(name: string): boolean {
  return SUGGEST_NAME.test(name);
}

/** Characters a key's file is chosen by: the first, or the first two when it is ASCII (pinyin and Latin words need two to mean much). */
export function suggestHead(key: string): string {
  if (key === '') return '';
  const first = String.fromCodePoint(key.codePointAt(0)!);
  return first.charCodeAt(0) < 0x80 ? key.slice(0, 2) : first;
}

/** Whether `typed` is long enough to look up: one character, or two when it begins with an ASCII one. */
export function canSuggest(typed: string): boolean {
  const head = suggestHead(typed);
  return head !== '' && (head.charCodeAt(0) >= 0x80 || head.length === 2);
}

/** The file (of `count`) holding the keys that begin as `key` does. */
export function suggestShardOf(key: string, count: number): number {
  return fnv1a(suggestHead(key)) % count;
}

/** Encodes one suggestion file: its entries, in the order given. */
export function encodeSuggestShard(entries: readonly SuggestEntry[]): Uint8Array {
  const w = new ByteWriter();
  for (let i = 0; i < MAGIC.length; i++) w.u8(MAGIC.charCodeAt(i));
  w.u8(LAYOUT);
  w.varint(entries.length);
  for (const e of entries) {
    if (!Number.isInteger(e.count) || e.count < 0) throw new RangeError(`suggestion "${e.term}": count must be a non-negative integer, got ${e.count}`);
    w.string(e.key);
    w.string(e.term);
    w.string(e.via);
    w.varint(e.count);
  }
  return w.finish();
}

/**
 * Decodes a suggestion file.
 * @throws {IndexFormatError} naming `file` when it is not one.
 */
export function decodeSuggestShard(bytes: Uint8Array, file: string): SuggestEntry[] {
  const r = new ByteReader(bytes, file);
  r.magic(MAGIC);
  const layout = r.u8();
  if (layout !== LAYOUT) throw new IndexFormatError(file, `has suggestion layout ${layout}; this code reads layout ${LAYOUT}`);
  const n = r.varint();
  const out: SuggestEntry[] = [];
  for (let i = 0; i < n; i++) {
    const key = r.string();
    const term = r.string();
    const via = r.string();
    out.push({ key, term, via, count: r.varint() });
  }
  if (!r.done) throw new IndexFormatError(file, `has ${r.buf.length - r.pos} bytes after its end`);
  return out;
}

/**
 * The readings of characters (拼音, toneless, every reading of a polyphonic one: 行 → xing, hang, heng) in
 * small immutable root files `py-<hash>.bin`, a character's file chosen by {@link readingsShardOf}. They
 * let the browser spell a query that finds nothing in pinyin and offer the terms that sound the same
 * (普会 → 普惠) without a pinyin dictionary in its code; read only then.
 */
const READINGS_MAGIC = 'BNSY';

/** Root file holding readings shard content `hash`. */
export function readingsFile(hash: string): string {
  return `py-${hash}.bin`;
}

const READINGS_NAME = /^py-[0-9a-f]{14}\.bin$/;

/** A name {@link readingsFile} gives. */
export function isReadingsFileName(name: string): boolean {
  return READINGS_NAME.test(name);
}

/** The file (of `count`) holding the readings of character `char`. */
export function readingsShardOf(char: string, count: number): number {
  return fnv1a(char) % count;
}

/** Encodes one readings file: each character with its readings, in the order given. */
export function encodeReadings(readings: ReadonlyMap<string, readonly string[]>): Uint8Array {
  const w = new ByteWriter();
  for (let i = 0; i < READINGS_MAGIC.length; i++) w.u8(READINGS_MAGIC.charCodeAt(i));
  w.u8(LAYOUT);
  w.varint(readings.size);
  for (const [char, syllables] of readings) {
    if ([...char].length !== 1 || syllables.length === 0 || !syllables.every((s) => /^[a-z]+$/.test(s))) {
      throw new RangeError(`readings of "${char}": one character with one or more syllables of a to z, got ${JSON.stringify(syllables)}`);
    }
    w.string(char);
    w.string(syllables.join(' '));
  }
  return w.finish();
}

/**
 * Decodes a readings file.
 * @throws {IndexFormatError} naming `file` when it is not one.
 */
export function decodeReadings(bytes: Uint8Array, file: string): Map<string, string[]> {
  const r = new ByteReader(bytes, file);
  r.magic(READINGS_MAGIC);
  const layout = r.u8();
  if (layout !== LAYOUT) throw new IndexFormatError(file, `has readings layout ${layout}; this code reads layout ${LAYOUT}`);
  const n = r.varint();
  const out = new Map<string, string[]>();
  for (let i = 0; i < n; i++) {
    const char = r.string();
    const syllables = r.string().split(' ');
    if (!syllables.every((s) => /^[a-z]+$/.test(s))) throw new IndexFormatError(file, `has readings of "${char}" that are not syllables of a to z`);
    out.set(char, syllables);
  }
  if (!r.done) throw new IndexFormatError(file, `has ${r.buf.length - r.pos} bytes after its end`);
  return out;
}
