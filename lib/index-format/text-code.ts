import { CHAR_RANKS } from './char-ranks';
import { IndexFormatError } from './errors';
import { unitsToString } from './fold';

/**
 * The index's text code, for the strings the index holds most of (fragment text, shard keys). Printable
 * ASCII and `\n` are themselves, one byte each. The other bytes below 0xF7 but 0x00 (the control
 * characters, which JSON never writes raw and keys never hold, DEL, and 0x80–0xF6) are the 150 most
 * frequent characters of {@link CHAR_RANKS}; 0xF7–0xFE and one more byte are the next 2,048; 0xFF and two
 * bytes (big-endian) are any other UTF-16 code unit, so every JavaScript string round-trips, lone
 * surrogates and control characters included.
 *
 * Why not UTF-8 or UTF-16: gzip, which every index file goes through, codes bytes, and a Chinese
 * character spread over two or three bytes of near-random low bits costs it about 13 bits. Ranked,
 * the common characters are one skewed byte: 1,000 fragments of generated news gzip 21 % smaller
 * than in UTF-16 (real articles of ../shared 18 %), shard keys 4–8 % (measured).
 */
const DOUBLE_BASE = 0xf7;
const ESCAPE = 0xff;

/** Bytes that stand for themselves. */
function isLiteral(b: number): boolean {
  return (b >= 0x20 && b < 0x7f) || b === 0x0a;
}

/** The single-byte codes, by rank. */
const SINGLE_CODES = [
  ...Array.from({ length: DOUBLE_BASE - 0x80 }, (_, i) => 0x80 + i),
  ...Array.from({ length: 0x80 }, (_, i) => i).filter((b) => b !== 0 && !isLiteral(b)),
];
const SINGLES = SINGLE_CODES.length;

/** How many characters a table can rank. */
export const MAX_RANKED = SINGLES + (ESCAPE - DOUBLE_BASE) * 256;

const TABLE = Uint16Array.from(CHAR_RANKS, (c) => c.charCodeAt(0));
if (TABLE.length > MAX_RANKED || CHAR_RANKS.length !== TABLE.length) throw new Error(`char-ranks.ts: ${CHAR_RANKS.length} units do not fit the text code`);

/** Byte → the code unit it stands for, for every byte below {@link DOUBLE_BASE}. */
const BYTE_UNIT = new Uint16Array(DOUBLE_BASE);
for (let b = 0; b < DOUBLE_BASE; b++) if (isLiteral(b)) BYTE_UNIT[b] = b;
SINGLE_CODES.forEach((b, rank) => (BYTE_UNIT[b] = TABLE[rank] ?? 0));

/** Code unit → its code: a byte, `0x100 + rank` past the singles, or 0 when escaped. Built on first encode, since the browser only decodes. */
let codeOf: Uint16Array | null = null;

function codes(): Uint16Array {
  if (codeOf) return codeOf;
  const map = new Uint16Array(0x10000);
  for (let b = 0; b < 0x80; b++) if (isLiteral(b)) map[b] = b;
  TABLE.forEach((unit, rank) => {
    if (isLiteral(unit) || map[unit] !== 0) throw new Error(`char-ranks.ts: U+${unit.toString(16)} is printable ASCII or listed twice`);
    map[unit] = rank < SINGLES ? SINGLE_CODES[rank]! : 0x100 + rank - SINGLES;
  });
  return (codeOf = map);
}

/** Encodes `s` in the text code. */
export function encodeText(s: string): Uint8Array {
  const map = codes();
  const out = new Uint8Array(s.length * 3);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i);
    const code = map[unit]!;
    if (code === 0) {
      out[n++] = ESCAPE;
      out[n++] = unit >> 8;
      out[n++] = unit & 0xff;
    } else if (code < 0x100) {
      out[n++] = code;
    } else {
      out[n++] = DOUBLE_BASE + ((code - 0x100) >> 8);
      out[n++] = code & 0xff;
    }
  }
  return out.slice(0, n);
}

/**
 * Decodes bytes of the text code; throws {@link IndexFormatError} naming `file` (and the byte, counted
 * from `offset`) when a code is cut short or names a rank beyond the table.
 */
export function decodeText(bytes: Uint8Array, file: string, offset = 0): string {
  const units = new Uint16Array(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length;) {
    const at = i;
    const b = bytes[i++]!;
    if (b < DOUBLE_BASE) {
      if (b === 0) throw new IndexFormatError(file, `text code has no byte 0 (at byte ${offset + at})`);
      units[n++] = BYTE_UNIT[b]!;
    } else {
      if (i + (b === ESCAPE ? 2 : 1) > bytes.length) throw new IndexFormatError(file, `text code cut short at byte ${offset + at}`);
      if (b === ESCAPE) {
        units[n++] = (bytes[i]! << 8) | bytes[i + 1]!;
        i += 2;
      } else {
        const rank = SINGLES + (b - DOUBLE_BASE) * 256 + bytes[i++]!;
        const unit = TABLE[rank];
        if (unit === undefined) throw new IndexFormatError(file, `text code names character ${rank} of ${TABLE.length} at byte ${offset + at}`);
        units[n++] = unit;
      }
    }
  }
  return unitsToString(units, n);
}
