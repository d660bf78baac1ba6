import { PLAIN_WEIGHT, weightTf, type EncodedTerm } from '../index-format';

/** Slice sizes by level: a term's first slice is small (most terms occur in one or two documents), later ones grow. */
const LEVEL_SIZES = [8, 16, 32, 64, 128, 256, 512, 1024, 2048];
const LAST_LEVEL = LEVEL_SIZES.length - 1;
/** Bytes at the end of each slice holding the address of the next one. */
const LINK = 4;
const PAGE_BITS = 22;
const PAGE_SIZE = 1 << PAGE_BITS;
/** Term dictionaries: one Map holds at most 2^24 keys in V8, and 100,000 articles have more distinct units. */
const DICTS = 64;

function growU32(a: Uint32Array<ArrayBuffer>, need: number): Uint32Array<ArrayBuffer> {
  if (need <= a.length) return a;
  const next = new Uint32Array(Math.max(need, a.length * 2));
  next.set(a);
  return next;
}

/** Which of the builder's dictionaries holds `term`: several small maps grow faster than one huge one. */
function dictOf(term: string): number {
  return (term.charCodeAt(0) + term.length * 31) & (DICTS - 1);
}

/**
 * Postings accumulated in memory while documents are added in ascending number order, already encoded
 * as the shard format stores them (`encodePostings`, or `encodePositions` for a builder of positions),
 * so memory is close to the size of the index itself:
 * per term a few numbers in typed arrays, and its bytes in a chain of slices in 4 MB pages (the scheme
 * of Lucene's byte block pool). A term's dictionary entry, its key string and about 24 bytes are all the
 * per-term overhead; no per-term arrays or objects.
 */
export class PostingsBuilder {
  private readonly dicts = Array.from({ length: DICTS }, () => new Map<string, number>());
  /** Key of each term id. */
  readonly keys: string[] = [];
  private df: Uint32Array<ArrayBuffer> = new Uint32Array(1024);
  private lastDoc = new Uint32Array(1024);
  private len = new Uint32Array(1024);
  private head = new Uint32Array(1024);
  /** Address of the next byte to write, and where the current slice's data ends. */
  private cursor = new Uint32Array(1024);
  private sliceEnd = new Uint32Array(1024);
  private readonly pages: Uint8Array[] = [];
  /** Next free address, in the last page. */
  private free = 0;
  entries = 0;
  /** Bytes of encoded postings so far. */
  bytes = 0;

  /** @param kind `docs` encodes document lists with weights; `positions` only the positions, aligned with them. */
  constructor(readonly kind: 'docs' | 'positions' = 'docs') {}

  get termCount(): number {
    return this.keys.length;
  }

  /** Adds document `doc` (ascending across calls for one term) with a packed weight and, for a builder of positions, its token positions. */
  add(term: string, doc: number, weight: number, positions?: ArrayLike<number>): void {
    this.addId(this.intern(term), doc, weight, positions);
  }

  /**
   * The id of `term`, given it now if it has none: a caller that meets the same term many times (a batch of
   * documents' distinct units) looks it up once and adds by id ({@link PostingsBuilder.addId}). Every term
   * interned must then be added at least once: the index writes every id, one never added as an empty list.
   */
  intern(term: string): number {
    const dict = this.dicts[dictOf(term)]!;
    let id = dict.get(term);
    if (id === undefined) {
      id = this.newTerm(term);
      dict.set(term, id);
    }
    return id;
  }

  /** {@link PostingsBuilder.add} for the term of id `id` (from {@link PostingsBuilder.intern}). */
  addId(id: number, doc: number, weight: number, positions?: ArrayLike<number>): void {
    if (id >>> 0 !== id || id >= this.keys.length) throw new RangeError(`no term has id ${id}: ${this.keys.length} terms so far`);
    if (doc <= this.lastDoc[id]! && this.df[id]! > 0)
      throw new RangeError(`postings of "${this.keys[id]}" are not strictly ascending: ${doc} after ${this.lastDoc[id]}`);
    if (weight < PLAIN_WEIGHT) throw new RangeError(`"${this.keys[id]}" in document ${doc} has weight ${weight}, tf below 1`);
    if (this.kind === 'docs') {
      const plain = weight === PLAIN_WEIGHT;
      this.varint(id, (doc - this.lastDoc[id]!) * 2 + (plain ? 0 : 1));
      if (!plain) this.varint(id, weight);
    } else {
      const ps = positions ?? [];
      if (ps.length !== weightTf(weight)) throw new RangeError(`"${this.keys[id]}" in document ${doc} has ${ps.length} positions for tf ${weightTf(weight)}`);
      let last = 0;
      for (let k = 0; k < ps.length; k++) {
        const p = ps[k]!;
        if (k > 0 && p <= last) throw new RangeError(`positions of "${this.keys[id]}" in document ${doc} are not strictly ascending`);
        this.varint(id, k === 0 ? p : p - last);
        last = p;
      }
    }
    this.lastDoc[id] = doc;
    this.df[id]!++;
    this.entries++;
  }

  /** The id of `term`, or undefined when it was never added (nor interned). */
  idOf(term: string): number | undefined {
    return this.dicts[dictOf(term)]!.get(term);
  }

  /** Document frequency of a term id. */
  docFrequency(id: number): number {
    return this.df[id]!;
  }

  /** Encoded byte length of a term id's postings. */
  byteLength(id: number): number {
    return this.len[id]!;
  }

  /** A term's postings as the shard encoder takes them. */
  encoded(id: number): EncodedTerm {
    const out = new Uint8Array(this.len[id]!);
    let addr = this.head[id]!;
    let level = 0;
    let n = 0;
    while (n < out.length) {
      const data = LEVEL_SIZES[level]! - LINK;
      const take = Math.min(data, out.length - n);
      const page = this.pages[addr >>> PAGE_BITS]!;
      const off = addr & (PAGE_SIZE - 1);
      out.set(page.subarray(off, off + take), n);
      n += take;
      if (n < out.length) {
        addr = readU32(page, off + data);
        level = Math.min(level + 1, LAST_LEVEL);
      }
    }
    return { term: this.keys[id]!, df: this.df[id]!, bytes: out };
  }

  private newTerm(term: string): number {
    const id = this.keys.length;
    this.keys.push(term);
    if (id >= this.df.length) {
      const need = id + 1;
      this.df = growU32(this.df, need);
      this.lastDoc = growU32(this.lastDoc, need);
      this.len = growU32(this.len, need);
      this.head = growU32(this.head, need);
      this.cursor = growU32(this.cursor, need);
      this.sliceEnd = growU32(this.sliceEnd, need);
    }
    const start = this.allocate(0);
    this.head[id] = start;
    this.cursor[id] = start;
    this.sliceEnd[id] = start + LEVEL_SIZES[0]! - LINK;
    return id;
  }

  /** Address of a new slice of `level`, never crossing a page. */
  private allocate(level: number): number {
    const size = LEVEL_SIZES[level]!;
    if (this.free + size > PAGE_SIZE * this.pages.length) {
      this.pages.push(new Uint8Array(PAGE_SIZE));
      this.free = PAGE_SIZE * (this.pages.length - 1);
      if (this.pages.length > 1023) throw new RangeError('postings exceed 4 GB of memory');
    }
    const at = this.free;
    this.free += size;
    return at;
  }

  private byte(id: number, b: number): void {
    let at = this.cursor[id]!;
    if (at === this.sliceEnd[id]) {
      const used = this.len[id]!;
      // The slice's level follows from how much its chain holds already, so no per-term level is stored.
      let level = 0;
      for (let capacity = LEVEL_SIZES[0]! - LINK; capacity <= used; capacity += LEVEL_SIZES[level]! - LINK) level = Math.min(level + 1, LAST_LEVEL);
      const next = this.allocate(level);
      writeU32(this.pages[at >>> PAGE_BITS]!, at & (PAGE_SIZE - 1), next);
      at = next;
      this.sliceEnd[id] = next + LEVEL_SIZES[level]! - LINK;
    }
    this.pages[at >>> PAGE_BITS]![at & (PAGE_SIZE - 1)] = b;
    this.cursor[id] = at + 1;
    this.len[id]!++;
    this.bytes++;
  }

  private varint(id: number, v: number): void {
    while (v >= 0x80) {
      this.byte(id, (v & 0x7f) | 0x80);
      v = Math.floor(v / 0x80);
    }
    this.byte(id, v);
  }
}

function writeU32(page: Uint8Array, off: number, v: number): void {
  page[off] = v & 0xff;
  page[off + 1] = (v >>> 8) & 0xff;
  page[off + 2] = (v >>> 16) & 0xff;
  page[off + 3] = v >>> 24;
}

function readU32(page: Uint8Array, off: number): number {
  return (page[off]! | (page[off + 1]! << 8) | (page[off + 2]! << 16) | (page[off + 3]! << 24)) >>> 0;
}
