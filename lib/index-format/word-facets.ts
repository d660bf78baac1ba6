import { ByteReader, ByteWriter } from './bytes';
import { IndexFormatError } from './errors';
import { FACETS, type FacetCounts } from './facets';
import { fnv1a } from './hash';

/**
 * The facet counts of the offered words (those the suggestions count): small immutable root files
 * `wfc-<hash>.bin`, a word's chosen by {@link wordFacetsShardOf} from its key (the word folded as a query
 * is). A query of that one word without a filter or a date range reads its counts here, a few hundred
 * bytes, instead of every document's facet values (`facets.bin`, 236 KB at 100,000 articles): one word
 * without a filter is the commonest first query. Each entry is what `search` of the word counts, values in
 * the answer's order.
 */

const MAGIC = 'BNWF';
const LAYOUT = 1;

/** Root file holding word facet counts shard content `hash`. */
export function wordFacetsFile(hash: string): string {
  return `wfc-${hash}.bin`;
}

const WORD_FACETS_NAME = /^wfc-[0-9a-f]{14}\.bin$/;

/** A name {@link wordFacetsFile} gives. */
export function isWordFacetsFileName(name: string): boolean {
  return WORD_FACETS_NAME.test(name);
}

/** The file (of `count`) holding the counts of the word keyed `key`. */
export function wordFacetsShardOf(key: string, count: number): number {
  return fnv1a(key) % count;
}

/** Encodes one word facet counts file: each key with its counts, facets in {@link FACETS} order, values in the order given. */
export function encodeWordFacets(entries: ReadonlyMap<string, FacetCounts>): Uint8Array {
  const w = new ByteWriter();
  for (let i = 0; i < MAGIC.length; i++) w.u8(MAGIC.charCodeAt(i));
  w.u8(LAYOUT);
  w.varint(entries.size);
  for (const [key, counts] of entries) {
    w.string(key);
    for (const f of FACETS) {
      const values = Object.entries(counts[f.key]);
      w.varint(values.length);
      for (const [value, n] of values) {
        if (!Number.isInteger(n) || n < 1) throw new RangeError(`facet counts of "${key}": ${f.key} "${value}" must count a positive integer, got ${n}`);
        w.string(value);
        w.varint(n);
      }
    }
  }
  return w.finish();
}

/**
 * Decodes a word facet counts file: key → counts.
 * @throws {IndexFormatError} naming `file` when it is not one.
 */
export function decodeWordFacets(bytes: Uint8Array, file: string): Map<string, FacetCounts> {
  const r = new ByteReader(bytes, file);
  r.magic(MAGIC);
  const layout = r.u8();
  if (layout !== LAYOUT) throw new IndexFormatError(file, `has word facet counts layout ${layout}; this code reads layout ${LAYOUT}`);
  const n = r.varint();
  const out = new Map<string, FacetCounts>();
  for (let i = 0; i < n; i++) {
    const key = r.string();
    const counts = {} as FacetCounts;
    for (const f of FACETS) {
      const entries: [string, number][] = [];
      for (let k = r.varint(); k > 0; k--) {
        const value = r.string();
        const count = r.varint();
        if (count === 0) throw new IndexFormatError(file, `counts no article for ${f.key} "${value}" of "${key}"`);
        entries.push([value, count]);
      }
      // From entries, which define own properties: a value such as `__proto__` is counted like any other.
      counts[f.key] = Object.freeze(Object.fromEntries(entries));
    }
    // Frozen: a reader keeps the decoded file and hands its records to every answer of the word.
    out.set(key, Object.freeze(counts));
  }
  if (!r.done) throw new IndexFormatError(file, `has ${r.buf.length - r.pos} bytes after its end`);
  return out;
}
