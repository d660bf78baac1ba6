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
  /**
   * The document's page on the site the articles come from (`npm run index -- --link`): a path (`/emnews/2021/12/08/x.html`)
   * or an http(s) URL; present only when the build was asked for links and the document is a post.
   */
  link?: string;
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
 * characters gzip 19 % smaller than UTF-16, itself 8 % smaller than UTF-8 (2,000 fragments of
 * generated news; real articles 18 %). Every cold query saves that much of its fragment bytes too.
 *
 * Each document is a row, not an object: `[id, title, date, source, url, banks, cluster, text]`, then its
 * link (a string) when it has one, then `{ related?, chars? }` when it has either. A fragment holds one document up to
 * 50,000 of them, so key names would not be repeated for gzip to share: as objects they would be 5 %
 * of the fragments (133 KB of the 2,000-article demo's 2.86 MB, measured). The link is an element of its own,
 * not a key of the object: `{"link":…}` made the demo's links cost 82.0 KB of fragments instead of 64.4 KB.
 */
export function encodeFragment(f: Fragment): Uint8Array {
  const rows = f.docs.map((d) => {
    const row: unknown[] = [d.id, d.title, d.date, d.source, d.url, d.banks, d.cluster, d.text];
    if (d.link !== undefined) row.push(d.link);
    if (d.related !== undefined || d.chars !== undefined)
      row.push({ ...(d.related !== undefined && { related: d.related }), ...(d.chars !== undefined && { chars: d.chars }) });
    return row;
  });
  return encodeText(JSON.stringify([f.first, rows]));
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
  if (!Array.isArray(raw) || raw.length !== 2 || !Number.isInteger(raw[0]) || (raw[0] as number) < 0 || !Array.isArray(raw[1])) {
    throw new IndexFormatError(file, 'expected [first, documents[]]');
  }
  const docs = (raw[1] as unknown[]).map((row, i) => {
    const doc = docOfRow(row);
    if (!doc) throw new IndexFormatError(file, `document ${i} is malformed`);
    return doc;
  });
  return { first: raw[0] as number, docs };
}

/** The document a fragment row holds, or null when the row is malformed. */
function docOfRow(row: unknown): FragmentDoc | null {
  if (!Array.isArray(row) || row.length < 8 || row.length > 10) return null;
  const [id, title, date, source, url, banks, cluster, text, ...rest] = row as unknown[];
  const ok =
    typeof id === 'string' &&
    typeof title === 'string' &&
    typeof text === 'string' &&
    isStringOrNull(date) &&
    isStringOrNull(source) &&
    isStringOrNull(url) &&
    isStringOrNull(cluster) &&
    Array.isArray(banks) &&
    banks.every((b) => typeof b === 'string');
  if (!ok) return null;
  const doc: FragmentDoc = { id, title, date, source, url, banks: banks as string[], cluster, text };
  if (typeof rest[0] === 'string') {
    // The page checks a link again before it renders one; a row that holds anything but a path or http(s) URL is damaged.
    if (!/^(?:\/(?!\/)|https?:\/\/)/i.test(rest[0])) return null;
    doc.link = rest.shift() as string;
  }
  if (rest.length === 0) return doc;
  const extra = rest[0];
  if (rest.length > 1 || typeof extra !== 'object' || extra === null || Array.isArray(extra)) return null;
  const { related, chars, ...unknown } = extra as { related?: unknown; chars?: unknown };
  if (Object.keys(unknown).length > 0 || (related === undefined && chars === undefined)) return null;
  if (related !== undefined) {
    if (!Array.isArray(related) || !related.every((n) => Number.isInteger(n) && n >= 0)) return null;
    doc.related = related as number[];
  }
  if (chars !== undefined) {
    if (!isCharTable(chars)) return null;
    doc.chars = chars;
  }
  return doc;
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
  return (
    typeof raw === 'object' &&
    raw !== null &&
    !Array.isArray(raw) &&
    Object.entries(raw).every(([k, v]) => [...k].length === 1 && typeof v === 'string' && [...v].length === 1)
  );
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
