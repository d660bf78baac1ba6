import { IndexFormatError } from './errors';
import { decodeText, encodeText } from './text-code';

/** Everything shown for one document: fetched only for the results on screen and the article page. */
export interface FragmentDoc {
  id: string;
  title: string;
  date: string | null;
  source: string | null;
  url: string | null;
  banks: string[];
  /** Id of the first member of the document's near-duplicate cluster, or null. */
  cluster: string | null;
  /**
   * Document numbers of the other members of its near-duplicate cluster, ascending, present only when
   * there are any: the article page lists them, and nothing else needs clusters.
   */
  related?: number[];
  /** Clean display text, paragraphs separated by `\n`. */
  text: string;
  /**
   * The traditional → simplified entries of the characters in this document's title and text, present
   * only when there are any: folding a result for highlights needs these, never the whole table.
   */
  chars?: Record<string, string>;
}

/** A fragment file: the documents numbered `first .. first + docs.length - 1`. */
export interface Fragment {
  first: number;
  docs: FragmentDoc[];
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Fragments are JSON in the index's text code (`text-code.ts`): text dominates them, and ranked
 * characters gzip 19 % smaller than UTF-16, which was 8 % smaller than UTF-8 (2,000 fragments of
 * generated news; real articles 18 %). Every cold query saves that much of its fragment bytes too.
 */
export function encodeFragment(f: Fragment): Uint8Array {
  return encodeText(JSON.stringify(f));
}

/** Parses JSON of the index (text, or UTF-8 bytes); throws {@link IndexFormatError} naming `file` if it is not JSON. */
function parseJson(json: string | Uint8Array, file: string): unknown {
  try {
    return JSON.parse(typeof json === 'string' ? json : decoder.decode(json));
  } catch (e) {
    throw new IndexFormatError(file, `not valid JSON (${(e as Error).message})`);
  }
}

function isStringOrNull(v: unknown): v is string | null {
  return v === null || typeof v === 'string';
}

/** Decodes and checks a fragment file; throws {@link IndexFormatError} naming `file` if malformed. */
export function decodeFragment(bytes: Uint8Array, file: string): Fragment {
  const raw = parseJson(decodeText(bytes, file), file);
  const f = raw as Partial<Fragment>;
  if (typeof f !== 'object' || f === null || !Number.isInteger(f.first) || (f.first as number) < 0 || !Array.isArray(f.docs)) {
    throw new IndexFormatError(file, 'expected { first, docs[] }');
  }
  for (const [i, d] of f.docs.entries()) {
    const ok =
      typeof d === 'object' && d !== null && typeof d.id === 'string' && typeof d.title === 'string' && typeof d.text === 'string' &&
      isStringOrNull(d.date) && isStringOrNull(d.source) && isStringOrNull(d.url) && isStringOrNull(d.cluster) &&
      Array.isArray(d.banks) && d.banks.every((b) => typeof b === 'string') && (d.chars === undefined || isCharTable(d.chars)) &&
      (d.related === undefined || (Array.isArray(d.related) && d.related.every((n) => Number.isInteger(n) && n >= 0)));
    if (!ok) throw new IndexFormatError(file, `document ${i} is malformed`);
  }
  return f as Fragment;
}

/** Id lookup files map document ids to numbers, sharded by id hash so the article page fetches one small file. */
export type IdTable = Record<string, number>;

export function encodeIdTable(t: IdTable): Uint8Array {
  return encoder.encode(JSON.stringify(t));
}

export function decodeIdTable(bytes: Uint8Array, file: string): IdTable {
  const raw = parseJson(bytes, file);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || !Object.values(raw).every((v) => Number.isInteger(v) && v >= 0)) {
    throw new IndexFormatError(file, 'expected an object of id → document number');
  }
  return raw as IdTable;
}

function isCharTable(raw: unknown): raw is Record<string, string> {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw) && Object.entries(raw).every(([k, v]) => [...k].length === 1 && typeof v === 'string' && [...v].length === 1);
}

/** Decodes one shard of the traditional → simplified table shipped for folding queries in the browser. */
export function decodeCharTable(bytes: Uint8Array, file: string): Record<string, string> {
  const raw = parseJson(bytes, file);
  if (!isCharTable(raw)) throw new IndexFormatError(file, 'expected an object of single characters');
  return raw;
}

export function encodeJson(value: unknown): Uint8Array {
  return encoder.encode(JSON.stringify(value));
}
