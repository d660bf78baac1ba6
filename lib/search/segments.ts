import {
  facetColumn,
  fragmentFile,
  fragmentPackFile,
  packedLabel,
  packSlot,
  FACETS,
  IndexFormatError,
  shardOf,
  type FacetValues,
  type RankColumns,
  type FacetColumn,
  type FacetKey,
  type FragmentDoc,
  type Manifest,
  type Postings,
} from '../index-format';
import type { IndexLoader } from './loader';

/**
 * Where each live document of the index lives, in the numbering a full build of the same articles gives
 * (date order, then id): document `d` is number `localOf[d]` of segment `segmentOf[d]`, and
 * `toGlobal[s][l]` goes back (−1 for a deleted document).
 */
interface DocMap {
  /** One segment without deletions: every number is its own, and nothing needs mapping. */
  identity: boolean;
  segmentOf: Uint16Array;
  localOf: Uint32Array;
  toGlobal: Int32Array[];
}

/** A unit's postings over the whole index, with the segment lists they came from (for fetching positions). */
interface Parts {
  /** Per segment with the unit: its own postings. */
  lists: { s: number; postings: Postings }[];
  /** For each merged posting: which of `lists`, and which posting of it. */
  from: Uint16Array;
  at: Uint32Array;
}

/** The values of document `l` of a facet column. */
function valuesOf(column: FacetColumn, l: number): string[] {
  const out: string[] = [];
  for (let k = column.start[l]!; k < column.start[l + 1]!; k++) out.push(column.values[column.ids[k]!]!);
  return out;
}

/** The promise of `make`, made once and kept, unless it fails: a failed download is tried again by the next call. */
class KeptUnlessFailed<T> {
  private kept: Promise<T> | null = null;
  private resolved = false;

  constructor(private readonly make: () => Promise<T>) {}

  get(): Promise<T> {
    if (!this.kept) {
      const p = this.make();
      this.kept = p;
      p.then(
        () => this.kept === p && (this.resolved = true),
        () => this.kept === p && (this.kept = null),
      );
    }
    return this.kept;
  }

  /** Whether the kept promise has resolved: its value is in memory. */
  get loaded(): boolean {
    return this.resolved;
  }
}

/**
 * The index as the engine sees it: live documents numbered as one full build would number them, however
 * many segments and deletions lie beneath (see lib/index-format/segments.ts). Postings, columns and
 * documents are read from the segments and renumbered, so document frequencies, lengths and the document
 * count are those of the live documents, and ties fall as they would in a full build.
 */
export class SegmentedIndex {
  private readonly map = new KeptUnlessFailed(() => this.buildMap());
  private readonly mergedRank = new KeptUnlessFailed(() => this.mergeRank());
  private readonly mergedFacets = new KeptUnlessFailed(() => (this.identity ? this.loader.facetValues(0) : this.renumberFacets()));
  private readonly parts = new WeakMap<Postings, Parts>();

  constructor(private readonly loader: IndexLoader) {}

  get manifest(): Manifest {
    return this.loader.manifest;
  }

  private get identity(): boolean {
    const { segments } = this.manifest;
    return segments.length === 1 && segments[0]!.deleted === null;
  }

  private docMap(): Promise<DocMap> {
    return this.map.get();
  }

  private async buildMap(): Promise<DocMap> {
    const { segments, docCount } = this.manifest;
    if (this.identity) {
      return { identity: true, segmentOf: new Uint16Array(0), localOf: new Uint32Array(0), toGlobal: [] };
    }
    const deleted = await Promise.all(segments.map((_, s) => this.loader.deleted(s)));
    const liveCounts = segments.map((g, s) => g.docCount - deleted[s]!.length);
    const segmentOf = (await this.loader.order(liveCounts)) ?? new Uint16Array(docCount);
    const toGlobal = segments.map((g) => new Int32Array(g.docCount).fill(-1));
    const localOf = new Uint32Array(docCount);
    // Walk each segment's live documents in its own order, which the index's order keeps.
    const next = new Uint32Array(segments.length);
    const nextDeleted = new Uint32Array(segments.length);
    for (let d = 0; d < docCount; d++) {
      const s = segmentOf[d]!;
      const gone = deleted[s]!;
      let l = next[s]!;
      while (nextDeleted[s]! < gone.length && gone[nextDeleted[s]!] === l) {
        l++;
        nextDeleted[s]!++;
      }
      localOf[d] = l;
      toGlobal[s]![l] = d;
      next[s] = l + 1;
    }
    return { identity: false, segmentOf, localOf, toGlobal };
  }

  /** Each live document's day and length, in their numbering: what ranking, sorting and a date range read. */
  rank(): Promise<RankColumns> {
    return this.mergedRank.get();
  }

  /**
   * Each live document's facet values, in their numbering: what facet counts and facet filters read. A
   * file of its own, so that a first answer without a facet filter is painted before it arrives.
   */
  facetValues(): Promise<FacetValues> {
    return this.mergedFacets.get();
  }

  /** Whether {@link facetValues} has them in memory: a search then counts at once instead of in a second step. */
  get facetValuesLoaded(): boolean {
    return this.mergedFacets.loaded;
  }

  private async mergeRank(): Promise<RankColumns> {
    if (this.identity) return this.loader.rank(0);
    const [map, all] = await Promise.all([this.docMap(), Promise.all(this.manifest.segments.map((_, s) => this.loader.rank(s)))]);
    const n = this.manifest.docCount;
    const day = new Int32Array(n);
    const length = new Uint32Array(n);
    for (let d = 0; d < n; d++) {
      const cols = all[map.segmentOf[d]!]!;
      const l = map.localOf[d]!;
      day[d] = cols.day[l]!;
      length[d] = cols.length[l]!;
    }
    return { docCount: n, day, length };
  }

  private async renumberFacets(): Promise<FacetValues> {
    const [map, all] = await Promise.all([this.docMap(), Promise.all(this.manifest.segments.map((_, s) => this.loader.facetValues(s)))]);
    const n = this.manifest.docCount;
    const perDoc = Object.fromEntries(FACETS.map((f) => [f.key, new Array<string[]>(n)])) as Record<FacetKey, string[][]>;
    for (let d = 0; d < n; d++) {
      const cols = all[map.segmentOf[d]!]!;
      const l = map.localOf[d]!;
      for (const f of FACETS) perDoc[f.key][d] = valuesOf(cols.facets[f.key], l);
    }
    const facets = Object.fromEntries(FACETS.map((f) => [f.key, facetColumn(perDoc[f.key])])) as Record<FacetKey, FacetColumn>;
    return { docCount: n, facets };
  }

  /**
   * Starts downloading the term shards that hold `units`, in every segment, without waiting for them: a
   * later {@link postings} of those units reads them from the loader. For `links`, units whose positions
   * a query may read, it also starts on the headers of their position packs. A failure is the later call's
   * to report.
   */
  prefetch(units: Iterable<string>, links: Iterable<string> = []): void {
    const { segments } = this.manifest;
    for (const unit of units) {
      segments.forEach((g, s) => this.loader.shard(s, shardOf(unit, g.shards.count)).catch(() => {}));
    }
    for (const unit of links) {
      segments.forEach((g, s) => {
        const i = shardOf(unit, g.shards.count);
        this.loader.shard(s, i).catch(() => {});
        this.loader.prefetchPositions(s, i);
      });
    }
  }

  /** The unit's postings over the live documents, or null when no live document has it. */
  async postings(unit: string): Promise<Postings | null> {
    const { segments } = this.manifest;
    if (this.identity) return (await this.loader.shard(0, shardOf(unit, segments[0]!.shards.count))).get(unit);
    const [map, found] = await Promise.all([
      this.docMap(),
      Promise.all(segments.map(async (g, s) => ({ s, postings: (await this.loader.shard(s, shardOf(unit, g.shards.count))).get(unit) }))),
    ]);
    const lists = found.filter((x): x is { s: number; postings: Postings } => x.postings !== null);
    // Each list, renumbered, stays ascending: merge them, dropping deleted documents.
    const heads = lists.map(() => 0);
    const globalAt = (k: number): number => {
      const { s, postings } = lists[k]!;
      const toGlobal = map.toGlobal[s]!;
      while (heads[k]! < postings.docs.length && toGlobal[postings.docs[heads[k]!]!]! < 0) heads[k]!++;
      return heads[k]! < postings.docs.length ? toGlobal[postings.docs[heads[k]!]!]! : -1;
    };
    const docs: number[] = [];
    const weights: number[] = [];
    const from: number[] = [];
    const at: number[] = [];
    for (;;) {
      let best = -1;
      let bestDoc = Infinity;
      for (let k = 0; k < lists.length; k++) {
        const d = globalAt(k);
        if (d >= 0 && d < bestDoc) {
          bestDoc = d;
          best = k;
        }
      }
      if (best < 0) break;
      const i = heads[best]!++;
      docs.push(bestDoc);
      weights.push(lists[best]!.postings.weights[i]!);
      from.push(best);
      at.push(i);
    }
    if (docs.length === 0) return null;
    const merged: Postings = { docs: Uint32Array.from(docs), weights: Uint32Array.from(weights) };
    this.parts.set(merged, { lists, from: Uint16Array.from(from), at: Uint32Array.from(at) });
    return merged;
  }

  /** What reading the positions of `units` would download, in bytes, each position shard counted once (see `IndexLoader.positionShardBytes`). */
  async positionBytes(units: Iterable<string>): Promise<number> {
    const { segments } = this.manifest;
    const shards = new Set<string>();
    const reads: Promise<number>[] = [];
    for (const unit of units) {
      segments.forEach((g, s) => {
        const i = shardOf(unit, g.shards.count);
        if (shards.has(`${s} ${i}`)) return;
        shards.add(`${s} ${i}`);
        reads.push(this.loader.positionShardBytes(s, i));
      });
    }
    return (await Promise.all(reads)).reduce((a, b) => a + b, 0);
  }

  /** `postings` (as {@link postings} returned them) with the token positions of each document. */
  async withPositions(unit: string, postings: Postings): Promise<Postings | null> {
    const { segments } = this.manifest;
    if (this.identity) return (await this.loader.positionShard(0, shardOf(unit, segments[0]!.shards.count))).get(unit, postings);
    const parts = this.parts.get(postings);
    if (!parts) throw new RangeError(`postings of "${unit}" did not come from this index`);
    const withPos = await Promise.all(
      parts.lists.map(async ({ s, postings: p }) => (await this.loader.positionShard(s, shardOf(unit, segments[s]!.shards.count))).get(unit, p)),
    );
    const posStart = new Uint32Array(postings.docs.length + 1);
    const positions: number[] = [];
    for (let i = 0; i < postings.docs.length; i++) {
      posStart[i] = positions.length;
      const p = withPos[parts.from[i]!];
      if (!p?.posStart || !p.positions) return null;
      const j = parts.at[i]!;
      for (let k = p.posStart[j]!; k < p.posStart[j + 1]!; k++) positions.push(p.positions[k]!);
    }
    posStart[postings.docs.length] = positions.length;
    return { ...postings, posStart, positions: Uint32Array.from(positions) };
  }

  /** Document `d`'s display data, and the numbers of the other live members of its near-duplicate cluster. */
  async document(d: number): Promise<{ doc: FragmentDoc; related: number[] }> {
    if (!Number.isInteger(d) || d < 0 || d >= this.manifest.docCount) throw new RangeError(`document ${d} is not in this index of ${this.manifest.docCount}`);
    const map = await this.docMap();
    const s = map.identity ? 0 : map.segmentOf[d]!;
    const l = map.identity ? d : map.localOf[d]!;
    const g = this.manifest.segments[s]!;
    const group = Math.floor(l / g.fragments.groupSize);
    const f = await this.loader.fragment(s, group);
    const doc = f.docs[l - f.first];
    // The loader has checked that the fragment begins at its group's first document.
    if (!doc) throw new IndexFormatError(packedLabel(g.generation, fragmentPackFile(packSlot(group).pack), fragmentFile(group)), `document ${l} is missing`);
    if (map.identity || !doc.related) return { doc, related: (doc.related ?? []).filter((k) => k !== d && k < g.docCount) };
    // A cluster lives in one segment: its members' numbers are the segment's own, renumbered as the whole index numbers them.
    const toGlobal = map.toGlobal[s]!;
    const related = doc.related.filter((k) => k !== l && k < g.docCount && toGlobal[k]! >= 0).map((k) => toGlobal[k]!);
    return { doc: { ...doc, related }, related };
  }

  /** The number of the live document with id `id`, or null when there is none. */
  async documentNumber(id: string): Promise<number | null> {
    if (typeof id !== 'string' || id === '') return null;
    const { segments } = this.manifest;
    const [map, found] = await Promise.all([
      this.docMap(),
      Promise.all(
        segments.map(async (g, s) => {
          const table = await this.loader.ids(s, shardOf(id, g.ids.count));
          return Object.hasOwn(table, id) ? (table[id] ?? null) : null;
        }),
      ),
    ]);
    for (const [s, l] of found.entries()) {
      if (l === null) continue;
      const d = map.identity ? l : (map.toGlobal[s]![l] ?? -1);
      if (d >= 0) return d;
    }
    return null;
  }
}
