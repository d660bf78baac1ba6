/**
 * Postings accumulated in memory while documents are added in ascending number order: per term one
 * growable Uint32Array of interleaved (doc, weight) pairs, about a quarter of the memory of JS arrays,
 * and for terms given positions a second one of `count, p1, p2, …` per document.
 */
export class PostingsBuilder {
  private readonly lists = new Map<string, { buf: Uint32Array; n: number; pos: Uint32Array | null; pn: number }>();
  entries = 0;

  add(term: string, doc: number, weight: number, positions?: readonly number[]): void {
    let l = this.lists.get(term);
    if (!l) {
      l = { buf: new Uint32Array(4), n: 0, pos: positions ? new Uint32Array(4) : null, pn: 0 };
      this.lists.set(term, l);
    }
    if (l.n + 2 > l.buf.length) l.buf = grow(l.buf, l.n + 2);
    l.buf[l.n++] = doc;
    l.buf[l.n++] = weight;
    if (l.pos) {
      const ps = positions ?? [];
      if (l.pn + ps.length + 1 > l.pos.length) l.pos = grow(l.pos, l.pn + ps.length + 1);
      l.pos[l.pn++] = ps.length;
      for (const p of ps) l.pos[l.pn++] = p;
    }
    this.entries++;
  }

  get termCount(): number {
    return this.lists.size;
  }

  terms(): IterableIterator<string> {
    return this.lists.keys();
  }

  /** Document frequency of a term. */
  df(term: string): number {
    return (this.lists.get(term)?.n ?? 0) / 2;
  }

  /** The postings of a term as the shard encoder wants them. */
  get(term: string): { docs: Uint32Array; weights: Uint32Array; posStart?: Uint32Array; positions?: Uint32Array } | null {
    const l = this.lists.get(term);
    if (!l) return null;
    const count = l.n / 2;
    const docs = new Uint32Array(count);
    const weights = new Uint32Array(count);
    for (let i = 0; i < count; i++) {
      docs[i] = l.buf[2 * i]!;
      weights[i] = l.buf[2 * i + 1]!;
    }
    if (!l.pos) return { docs, weights };
    const posStart = new Uint32Array(count + 1);
    const positions = new Uint32Array(l.pn - count);
    let k = 0;
    let n = 0;
    for (let i = 0; i < count; i++) {
      posStart[i] = n;
      const c = l.pos[k++]!;
      for (let j = 0; j < c; j++) positions[n++] = l.pos[k++]!;
    }
    posStart[count] = n;
    return { docs, weights, posStart, positions };
  }
}

function grow(buf: Uint32Array, need: number): Uint32Array {
  let size = buf.length * 2;
  while (size < need) size *= 2;
  const next = new Uint32Array(size);
  next.set(buf);
  return next;
}
