import { dayToMonth, FACETS, NO_DAY, type FacetColumn, type FacetCounts, type FacetKey, type FacetValues, type RankColumns } from '../index-format';

/** The answer's counts: every facet's, and the month histogram's. */
export type ResultFacets = FacetCounts & { month: Record<string, number> };

/** Per columns object: each document's month as an index into the sorted month names (-1 without a date). */
const monthCache = new WeakMap<RankColumns, { of: Int32Array; names: string[] }>();

function monthsOf(c: RankColumns): { of: Int32Array; names: string[] } {
  let m = monthCache.get(c);
  if (m) return m;
  const byName = new Map<string, number>();
  const raw = new Int32Array(c.docCount).fill(-1);
  let lastDay = NaN;
  let lastName = '';
  for (let d = 0; d < c.docCount; d++) {
    const day = c.day[d]!;
    if (day === NO_DAY) continue;
    // Days ascend with document numbers, so the month string changes rarely: format it only then.
    if (day !== lastDay) {
      lastDay = day;
      lastName = dayToMonth(day);
    }
    let i = byName.get(lastName);
    if (i === undefined) byName.set(lastName, (i = byName.size));
    raw[d] = i;
  }
  const names = [...byName.keys()].sort();
  const rank = new Int32Array(names.length);
  names.forEach((n, k) => (rank[byName.get(n)!] = k));
  for (let d = 0; d < c.docCount; d++) if (raw[d]! >= 0) raw[d] = rank[raw[d]!]!;
  m = { of: raw, names };
  monthCache.set(c, m);
  return m;
}

/**
 * A facet column with each document's values as one number: the index of its set of values among the
 * distinct sets the column holds (set 0 the empty one). Counting many matches is then one increment a
 * document, and each set's values are added once per set.
 */
interface SetColumn {
  of: Uint32Array;
  start: Uint32Array;
  ids: Uint32Array;
}

const setCache = new WeakMap<FacetColumn, SetColumn>();

function setsOf(col: FacetColumn): SetColumn {
  let sc = setCache.get(col);
  if (sc) return sc;
  const docCount = col.start.length - 1;
  // Sets are found by a hash of their values (a number, so no string is made per document), checked value by value.
  const byHash = new Map<number, number[]>();
  const of = new Uint32Array(docCount);
  const start = [0, 0];
  const ids: number[] = [];
  for (let d = 0; d < docCount; d++) {
    const a = col.start[d]!;
    const b = col.start[d + 1]!;
    if (a === b) continue;
    let hash = b - a;
    for (let i = a; i < b; i++) hash = (Math.imul(hash, 0x9e3779b1) + col.ids[i]!) | 0;
    const candidates = byHash.get(hash);
    let k = -1;
    for (const c of candidates ?? []) {
      if (start[c + 1]! - start[c]! !== b - a) continue;
      let same = true;
      for (let i = 0; i < b - a && same; i++) same = ids[start[c]! + i] === col.ids[a + i];
      if (same) {
        k = c;
        break;
      }
    }
    if (k < 0) {
      k = start.length - 1;
      for (let i = a; i < b; i++) ids.push(col.ids[i]!);
      start.push(ids.length);
      if (candidates) candidates.push(k);
      else byHash.set(hash, [k]);
    }
    of[d] = k;
  }
  sc = { of, start: Uint32Array.from(start), ids: Uint32Array.from(ids) };
  setCache.set(col, sc);
  return sc;
}

/** What narrows the matches: selected values per facet and an inclusive day range, each side optional. */
export interface Narrowing {
  filters: Record<FacetKey, readonly string[]>;
  fromDay: number | null;
  toDay: number | null;
}

/** Narrows nothing: every match counted. */
export const NO_NARROWING: Narrowing = {
  filters: Object.fromEntries(FACETS.map((f) => [f.key, []])) as unknown as Narrowing['filters'],
  fromDay: null,
  toDay: null,
};

/** The facets `narrowing` filters by (those with a selected value), in `FACETS` order. */
export function filteredFacets(narrowing: Pick<Narrowing, 'filters'>): FacetKey[] {
  return FACETS.filter((f) => narrowing.filters[f.key].length > 0).map((f) => f.key);
}

/** Thrown when facets would be filtered without their values: a caller's mistake, never a reader's. */
export class FacetValuesMissingError extends Error {
  constructor(keys: string[]) {
    super(`filterAndCount: the request filters by ${keys.join(', ')}, whose values were not given`);
    this.name = 'FacetValuesMissingError';
  }
}

// The loops below run once per match (tens of thousands at 100,000 articles), each in a small function of its
// own over typed arrays: a JIT that deoptimizes one of them then compiles that loop again, not every loop of
// the count with it (DESIGN.md, "Where a warm query's time goes in the browser").

/** Adds to `n` each value of every matched document: `ids[start[d] .. start[d + 1])` are document d's values. */
function countByDocument(matched: Uint32Array, start: Uint32Array, ids: Uint32Array, n: Uint32Array): void {
  for (let i = 0; i < matched.length; i++) {
    const d = matched[i]!;
    const end = start[d + 1]!;
    for (let j = start[d]!; j < end; j++) n[ids[j]!]!++;
  }
}

/** {@link countByDocument} through the column's value sets: one increment a match, then each set's values once. */
function countBySet(matched: Uint32Array, sc: SetColumn, n: Uint32Array): void {
  const { of, start, ids } = sc;
  const perSet = new Uint32Array(start.length - 1);
  for (let i = 0; i < matched.length; i++) perSet[of[matched[i]!]!]!++;
  for (let set = 1; set < perSet.length; set++) {
    const count = perSet[set]!;
    if (count === 0) continue;
    const end = start[set + 1]!;
    for (let j = start[set]!; j < end; j++) n[ids[j]!]! += count;
  }
}

/** Adds each matched document to its month's count (`of`: -1 without a date). */
function countMonths(matched: Uint32Array, of: Int32Array, monthCount: Uint32Array): void {
  for (let i = 0; i < matched.length; i++) {
    const m = of[matched[i]!]!;
    if (m >= 0) monthCount[m]!++;
  }
}

/** Whether document `d` has a value that `on` marks: `ids[start[d] .. start[d + 1])` are its values. */
function hasWanted(d: number, start: Uint32Array, ids: Uint32Array, on: Uint8Array): boolean {
  const end = start[d + 1]!;
  for (let i = start[d]!; i < end; i++) if (on[ids[i]!] === 1) return true;
  return false;
}

/**
 * The filtered walk of {@link filterAndCount}: keeps the matches that pass every constraint (each facet with a
 * selection, and the day range `fromDay ..= toDay`) and counts, for each facet and the months, the matches that
 * pass every constraint but its own. Returns the kept matches.
 */
function narrow(
  matched: Uint32Array,
  cols: readonly FacetColumn[],
  wanted: readonly (Uint8Array | null)[],
  day: Int32Array,
  fromDay: number,
  toDay: number,
  monthOf: Int32Array,
  counts: readonly Uint32Array[],
  monthCount: Uint32Array,
): Uint32Array {
  /** Stands for the date range where a facet's place would name which constraint failed. */
  const DATE = cols.length;
  const final = new Uint32Array(matched.length);
  let kept = 0;
  for (let i = 0; i < matched.length; i++) {
    const d = matched[i]!;
    let fails = 0;
    let failed = -1;
    for (let k = 0; k < cols.length; k++) {
      const on = wanted[k];
      if (on && !hasWanted(d, cols[k]!.start, cols[k]!.ids, on)) {
        fails++;
        failed = k;
      }
    }
    const dd = day[d]!;
    if (dd === NO_DAY ? fromDay !== -Infinity || toDay !== Infinity : dd < fromDay || dd > toDay) {
      fails++;
      failed = DATE;
    }
    if (fails > 1) continue;
    const m = monthOf[d]!;
    if (fails === 1) {
      if (failed === DATE) {
        if (m >= 0) monthCount[m]!++;
      } else countOne(d, cols[failed]!.start, cols[failed]!.ids, counts[failed]!);
      continue;
    }
    for (let k = 0; k < cols.length; k++) countOne(d, cols[k]!.start, cols[k]!.ids, counts[k]!);
    if (m >= 0) monthCount[m]!++;
    final[kept++] = d;
  }
  return kept === final.length ? final : final.slice(0, kept);
}

/** Adds document `d`'s values to `n`. */
function countOne(d: number, start: Uint32Array, ids: Uint32Array, n: Uint32Array): void {
  const end = start[d + 1]!;
  for (let i = start[d]!; i < end; i++) n[ids[i]!]!++;
}

/**
 * Applies the facet and date filters to `matched` and counts, exactly over every match, what each facet
 * value and each month would find. Filters are disjunctive: OR within a facet, AND across facets and the
 * date range. Each facet's counts ignore its own selection (and the months ignore the date range), so a
 * reader sees what ticking one more value would add; a selected value stays listed even at 0. Without
 * `values` (not downloaded yet) only the date range filters and only the months are counted: every facet's
 * counts are then empty, and a facet filter is refused. When nothing narrows, `final` is `matched` itself, which
 * may be a cached postings list: callers must not write to either.
 */
export function filterAndCount(
  matched: Uint32Array,
  c: RankColumns,
  values: FacetValues | null,
  narrowing: Narrowing,
): { final: Uint32Array; facets: ResultFacets } {
  const { fromDay, toDay } = narrowing;
  if (!values) {
    const filtered = filteredFacets(narrowing);
    if (filtered.length) throw new FacetValuesMissingError(filtered);
  }
  const cols = values ? FACETS.map((f) => values.facets[f.key]) : [];
  const counts = cols.map((col) => new Uint32Array(col.values.length));
  const months = monthsOf(c);
  const monthCount = new Uint32Array(months.names.length);
  const wanted = FACETS.map((f, k) => {
    const selected = new Set(narrowing.filters[f.key]);
    if (selected.size === 0) return null;
    const on = new Uint8Array(cols[k]!.values.length);
    cols[k]!.values.forEach((v, id) => selected.has(v) && (on[id] = 1));
    return on;
  });
  // Every match kept, and `matched` itself the answer, unless a filter narrows them into an array of its own.
  let final = matched;
  if (wanted.every((on) => on === null) && fromDay === null && toDay === null) {
    // Nothing narrows (a warm query's usual case): one tight loop a column over the matches.
    cols.forEach((col, k) => {
      // Counted by value set where the matches outnumber the sets (the banks of 100,000 articles form about 11,000).
      const sc = matched.length > col.values.length * 4 ? setsOf(col) : null;
      if (sc && sc.start.length - 1 < matched.length) countBySet(matched, sc, counts[k]!);
      else countByDocument(matched, col.start, col.ids, counts[k]!);
    });
    countMonths(matched, months.of, monthCount);
  } else {
    final = narrow(matched, cols, wanted, c.day, fromDay ?? -Infinity, toDay ?? Infinity, months.of, counts, monthCount);
  }
  const facets = Object.fromEntries([
    ...FACETS.map((f, k) => [f.key, valueCounts(counts[k], cols[k]?.values ?? [], narrowing.filters[f.key])] as const),
    ['month', monthCounts(months.names, monthCount)] as const,
  ]) as ResultFacets;
  return { final, facets };
}

/**
 * A facet's counts as the answer gives them: value → count, most frequent first (then in the column's order),
 * every selected value listed even at 0; empty without counts (the facet values not downloaded). Built from
 * entries, which define own properties: a value such as `__proto__` is counted like any other.
 */
function valueCounts(n: Uint32Array | undefined, names: readonly string[], selected: readonly string[]): Record<string, number> {
  if (!n) return {};
  const ranked: number[] = [];
  for (let i = 0; i < n.length; i++) if (n[i]! > 0) ranked.push(i);
  ranked.sort((x, y) => n[y]! - n[x]! || x - y);
  const entries: [string, number][] = ranked.map((i) => [names[i]!, n[i]!]);
  const listed = new Set(entries.map(([v]) => v));
  for (const v of selected) if (!listed.has(v)) entries.push([v, 0]);
  return Object.fromEntries(entries);
}

/** Every facet's counts over no match at all, as {@link filterAndCount} gives them: each selected value at 0. */
export function countsOfNoMatch(narrowing: Pick<Narrowing, 'filters'>): FacetCounts {
  return Object.fromEntries(FACETS.map((f) => [f.key, valueCounts(new Uint32Array(0), [], narrowing.filters[f.key])])) as FacetCounts;
}

/**
 * The facet counts of the documents of `add` (disjoint sets) less those of `take` (subsets of them), as
 * {@link valueCounts} orders an answer's: most frequent first, then in the column's order, which is the
 * values' code unit order (`facetColumn`). So an index's counts are summed from its parts' (segments less
 * their deleted documents) exactly as counting the whole gives them.
 */
export function combineFacetCounts(add: readonly FacetCounts[], take: readonly FacetCounts[]): FacetCounts {
  return Object.fromEntries(
    FACETS.map((f) => {
      const n = new Map<string, number>();
      for (const c of add) for (const [v, k] of Object.entries(c[f.key])) n.set(v, (n.get(v) ?? 0) + k);
      for (const c of take) for (const [v, k] of Object.entries(c[f.key])) n.set(v, (n.get(v) ?? 0) - k);
      const kept = [...n].filter(([, k]) => k > 0);
      kept.sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
      return [f.key, Object.fromEntries(kept)];
    }),
  ) as FacetCounts;
}

/** An answer's facet counts without the month histogram. */
export function facetCountsOf(facets: ResultFacets): FacetCounts {
  return Object.fromEntries(FACETS.map((f) => [f.key, facets[f.key]])) as FacetCounts;
}

/** The month histogram: month name → count, for the months with a match, in the order of `names`. */
function monthCounts(names: readonly string[], monthCount: Uint32Array): Record<string, number> {
  const out: [string, number][] = [];
  for (let i = 0; i < names.length; i++) if (monthCount[i]! > 0) out.push([names[i]!, monthCount[i]!]);
  return Object.fromEntries(out);
}
