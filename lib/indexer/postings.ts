/**
 * Postings accumulated in memory while documents are added in ascending number order: one growable
 * Uint32Array of interleaved (doc, weight) pairs per term, about a quarter of the memory of JS arrays.
 */
export class PostingsBuilder {
  private readonly lists = new Map<string, { buf: Uint32Array; n: number }>();
  entries = 0;

  add(term: string, doc: number, weight: number): void {
    let l = this.lists.get(term);
    if (!l) {
      l = { buf: new Uint32Array(4), n: 0 };
      this.lists.set(term, l);
    }
    if (l.n + 2 > l.buf.length) {
      const next = new Uint32Array(l.buf.length * 2);
      next.set(l.buf);
      l.buf = next;
    }
    l.buf[l.n++] = doc;
    l.buf[l.n++] = weight;
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
  get(term: string): { docs: Uint32Array; weights: Uint32Array } | null {
    const l = this.lists.get(term);
    if (!l) return null;
    const count = l.n / 2;
    const docs = new Uint32Array(count);
    const weights = new Uint32Array(count);
    for (let i = 0; i < count; i++) {
      docs[i] = l.buf[2 * i]!;
      weights[i] = l.buf[2 * i + 1]!;
    }
    return { docs, weights };
  }
}
