import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { decodeDeleted, unpackFile, type FacetCounts, type Manifest, type SegmentInfo } from '../index-format';
import { combineFacetCounts, SearchEngine, type Tally } from '../search';
import { fsFetcher } from './fs-fetcher';

/**
 * Per segment (by its generation), what searching each word finds and counts among all the segment's
 * documents, deleted ones included. A segment never changes, so neither do these: an update keeps them in
 * its state.
 */
export type SegmentCounts = Record<string, Record<string, Tally>>;

/**
 * Counts words as `SearchEngine.tally` over the index `draft` describes would (what searching each finds,
 * and its facet counts), at the cost of what an update changed rather than of the whole index, as Lucene
 * sums statistics across segments: a word's numbers are, over the segments, its numbers among all of a
 * segment's documents (`known` from the state, or counted on the segment alone) less those of the segment's
 * deleted documents that hold it (read from their text). A word that the index does not decide from its
 * postings alone (see `SearchEngine.countInText`) is counted by `engine`, the engine over the whole index.
 */
export class TermCounter {
  private readonly engines = new Map<number, Promise<SearchEngine>>();
  private readonly deleted = new Map<number, Promise<number[]>>();
  /** What this run counted or reused, to keep for the next one. */
  readonly counts: SegmentCounts;

  constructor(
    private readonly outDir: string,
    private readonly draft: Omit<Manifest, 'buildId'>,
    private readonly engine: SearchEngine,
    private readonly known: SegmentCounts,
  ) {
    this.counts = Object.fromEntries(draft.segments.map((g) => [g.generation, {}]));
  }

  /** What searching `term` finds in the index, and its facet counts. */
  async tally(term: string): Promise<Tally> {
    const { segments } = this.draft;
    if (segments.length === 0) return { total: 0, facets: combineFacetCounts([], []) };
    // Whether the postings decide the word alone does not depend on the segment: asked once, of no document.
    if ((await (await this.segmentEngine(0)).countInText(term, [])) === null) return this.engine.tally(term);
    let total = 0;
    const add: FacetCounts[] = [];
    const take: FacetCounts[] = [];
    for (const [s, g] of segments.entries()) {
      const kept = this.known[g.generation];
      // Own properties only: the kept numbers come from JSON, and a word is any string.
      const all = kept && Object.hasOwn(kept, term) ? kept[term]! : await (await this.segmentEngine(s)).tally(term);
      this.counts[g.generation]![term] = all;
      total += all.total;
      add.push(all.facets);
      const gone = await this.deletedOf(s);
      if (gone.length === 0) continue;
      const held = (await (await this.segmentEngine(s)).tallyInText(term, gone))!;
      total -= held.total;
      take.push(held.facets);
    }
    return { total, facets: combineFacetCounts(add, take) };
  }

  /** An engine over segment `s` alone, none of its documents deleted: its numbers are the segment's own. */
  private segmentEngine(s: number): Promise<SearchEngine> {
    let e = this.engines.get(s);
    if (!e) {
      const g: SegmentInfo = { ...this.draft.segments[s]!, deleted: null };
      const manifest: Manifest = {
        ...this.draft,
        segments: [g],
        order: null,
        docCount: g.docCount,
        home: null,
        suggest: [],
        readings: [],
        wordFacets: [],
        buildId: g.generation.slice(2),
      };
      e = SearchEngine.open(fsFetcher(this.outDir, manifest), { storedHome: false });
      this.engines.set(s, e);
    }
    return e;
  }

  /** The numbers (in the segment) of segment `s`'s deleted documents. */
  private deletedOf(s: number): Promise<number[]> {
    let d = this.deleted.get(s);
    if (!d) {
      const g = this.draft.segments[s]!;
      d = g.deleted
        ? (async () => {
            const name = g.deleted!.file;
            const bytes = await unpackFile(new Uint8Array(await readFile(path.join(this.outDir, name))), name);
            return Array.from(decodeDeleted(bytes, name, g.docCount));
          })()
        : Promise.resolve([]);
      this.deleted.set(s, d);
    }
    return d;
  }
}
