import { compareCodeUnits } from './read';
import { foldText } from './simplify';

/*
 * Near-duplicate detection: MinHash over character 5-shingles, with LSH banding for candidates
 * and a bottom-k MinHash sketch for verification. No all-pairs step: cost grows with the number
 * of documents times their length, plus the candidate pairs the bands produce.
 *
 * Text is folded (traditional → simplified, full-width → ASCII, lower case) and stripped of
 * everything but letters and digits, so punctuation and layout do not matter.
 *
 * Candidates (any one suffices):
 *  - whole document: one-permutation MinHash, 128 bins, 32 bands × 4 rows
 *    (S-curve midpoint ≈ Jaccard 0.42; Jaccard 0.5 is caught with p ≈ 0.87, 0.6 with p ≈ 0.98);
 *  - paragraph: each paragraph of ≥ 40 characters, 16 bins, 4 bands × 4 rows, so that an
 *    abridged copy sharing a few nearly identical paragraphs becomes a candidate even though its
 *    whole-document Jaccard is low (seeds 000/001: 0.21);
 *  - title: titles at edit distance ≤ 1 share a key of their single-deletion neighbourhood.
 *
 * Verified by the bottom-256 sketch (exact for texts under 256 shingles). Same story when the
 * numbers agree (at most 20% of the shorter text's numbers missing from the longer one: 北向资金
 * 净流入超40亿 and …超50亿 are different news) and one of:
 *  - Jaccard ≥ 0.5 (a copy, lightly edited);
 *  - containment of the shorter in the longer ≥ 0.55 and the shorter has ≥ 50 shingles
 *    (an abridged or extended version; seeds 000/001 measure 0.79, different stories on the
 *    same event at most 0.40 in the corpus);
 *  - titles equal or one character apart, that character not a digit, and containment ≥ 0.3.
 * Whatever the text, two articles dated more than 7 days apart are not one story: copies of a story appear
 * within days (the labelled pair of ../shared is 5 days apart), while a monthly report is a near-copy of last
 * month's and a different story. Undated articles are not limited.
 *
 * Clusters grow from verified pairs, taken in a fixed order; two clusters join only when their first
 * members (lowest ids) are the same story too. Without that check (connected components, single
 * linkage) near-copies chain: on the generated corpus of 100,000 one cluster held 3,269 LPR and
 * reserve-ratio reports; with it and the date rule the largest holds 5 (docs/DESIGN.md).
 *
 * Split in two for incremental updates: sketchArticle computes all that is needed of one article
 * (normalised title, shingle count, bottom-k sketch, numbers, LSH band keys) as plain JSON data;
 * clusterSketches pairs, verifies and joins. Order (in)dependence: see clusterSketches.
 */

const SHINGLE = 5;
const DOC_BINS = 128;
const DOC_BANDS = 32;
const PARA_BINS = 16;
const PARA_BANDS = 4;
const ROWS = 4;
const PARA_MIN_CHARS = 40;
const SKETCH = 256;
const TITLE_MIN = 6;
const TITLE_MAX = 64;
const MAX_NUMBERS = 256;
/** Seeds that keep the three kinds of candidate keys apart in one sorted list. */
const DOC_FAMILY = 1;
const PARA_FAMILY = 2;
const TITLE_FAMILY = 3;

const NEAR_JACCARD = 0.5;
const CONTAINMENT = 0.55;
const CONTAINMENT_MIN_SHINGLES = 50;
const TITLE_CONTAINMENT = 0.3;
const NUMBERS_MISSING_SHARE = 0.2;
/** Most days between two articles of one story. */
const STORY_DAYS = 7;
const DAY_MS = 86_400_000;

/** Runs longer than this only pair nearby members, to stay linear on boilerplate. */
const FULL_RUN = 32;
const RUN_WINDOW = 8;
/** Owners are packed with 32-bit keys into one float64: 2^21 documents at most. */
const MAX_DOCS = 1 << 21;

/**
 * What clustering needs of one article, computed from that article alone by {@link sketchArticle}
 * and combined with the others' by {@link clusterSketches}. Plain data (strings, integers, lists of
 * unsigned 32-bit integers, as arrays or as `Uint32Array`s): as {@link sketchArticle} makes it,
 * `JSON.parse(JSON.stringify(sketch))` clusters exactly as `sketch` does, so it can be kept in a state
 * file (lib/indexer keeps the two long lists as raw integers, read back as views) and an unchanged
 * article need not be read again.
 *
 * A sketch is only valid for the code that made it: changing the normalisation, the shingle
 * length, the sketch size or the LSH parameters at the top of cluster.ts (or the folding table
 * of simplify.ts) invalidates stored sketches, so a state file should record a version. All but
 * `id` is a function of title, text and date alone, so a stored sketch may be given an article's new id.
 */
/** Unsigned 32-bit integers, ascending. */
type U32List = readonly number[] | Uint32Array;

export interface ClusterSketch {
  /** The article's id, unique among the sketches clustered together; cluster ids are ids. */
  id: string;
  /** Title folded and reduced to lower-case letters and digits (its LSH keys are derived from it). */
  title: string;
  /** Number of distinct character 5-shingles of the normalised title and text. */
  shingles: number;
  /** The smallest 256 (or fewer) distinct shingle hashes, ascending: unsigned 32-bit integers. */
  sketch: U32List;
  /** Distinct numbers (`40`, `3.5`) of the folded title and text, the first 256 found, sorted. */
  numbers: string[];
  /** LSH band keys of the whole document and of each paragraph of 40+ characters, distinct, ascending: unsigned 32-bit integers. */
  keys: U32List;
  /** The calendar day of the article's date as written (days since 1970-01-01), or null when undated. */
  day: number | null;
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function hashString(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Whether a UTF-16 unit is kept by normalisation; Han and ASCII are decided without a regex. */
function keepCode(c: number): boolean {
  if (c < 0x80) return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
  if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf)) return true;
  if (c >= 0xd800 && c <= 0xdfff) return true; // astral letters: keep both halves
  return LETTER_OR_DIGIT.test(String.fromCharCode(c));
}

/**
 * The normalised text of each line as one code array, with the line boundaries, so that one
 * pass of hashing serves the whole document and each paragraph.
 */
function normalizedCodes(lines: string[]): { codes: Uint16Array; starts: number[] } {
  let total = 0;
  for (const line of lines) total += line.length;
  const codes = new Uint16Array(total);
  const starts: number[] = [];
  let n = 0;
  for (const line of lines) {
    starts.push(n);
    for (let i = 0; i < line.length; i++) {
      let c = line.charCodeAt(i);
      if (!keepCode(c)) continue;
      if (c >= 0x41 && c <= 0x5a) c += 32;
      codes[n++] = c;
    }
  }
  starts.push(n);
  return { codes: codes.subarray(0, n), starts };
}

function codesToString(codes: Uint16Array): string {
  let out = '';
  for (let i = 0; i < codes.length; i += 8192) out += String.fromCharCode(...codes.subarray(i, i + 8192));
  return out;
}

const BASE = 0x01000193;
const BASE_POW = (() => {
  let p = 1;
  for (let i = 1; i < SHINGLE; i++) p = Math.imul(p, BASE);
  return p >>> 0; // BASE^(SHINGLE-1)
})();

/**
 * Hash of every shingle position (a rolling polynomial hash, then mixed). A text shorter
 * than one shingle is one shingle.
 */
function positionHashes(codes: Uint16Array): Uint32Array {
  if (codes.length === 0) return new Uint32Array(0);
  if (codes.length < SHINGLE) {
    let h = 0;
    for (const c of codes) h = (Math.imul(h, BASE) + c) >>> 0;
    return Uint32Array.of(fmix32((h ^ codes.length) >>> 0));
  }
  const out = new Uint32Array(codes.length - SHINGLE + 1);
  let h = 0;
  for (let i = 0; i < SHINGLE; i++) h = (Math.imul(h, BASE) + (codes[i] ?? 0)) >>> 0;
  out[0] = fmix32(h);
  for (let i = SHINGLE; i < codes.length; i++) {
    h = (Math.imul((h - Math.imul(codes[i - SHINGLE] ?? 0, BASE_POW)) >>> 0, BASE) + (codes[i] ?? 0)) >>> 0;
    out[i - SHINGLE + 1] = fmix32(h);
  }
  return out;
}

/** Distinct values, sorted ascending. */
function distinctSorted(hashes: Uint32Array): Uint32Array {
  const sorted = Uint32Array.from(hashes).sort();
  let unique = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[unique++] = sorted[i] ?? 0;
  }
  return sorted.subarray(0, unique);
}

/**
 * One-permutation MinHash: the top bits choose a bin, the rest is the value kept as minimum.
 * Empty bins borrow from the next filled bin (rotation densification), offset by the
 * distance, so small texts still get a full signature.
 */
function onePermutationMinHash(hashes: Uint32Array, bins: number): Uint32Array | null {
  if (hashes.length === 0) return null;
  const shift = 32 - Math.log2(bins);
  const mask = (1 << shift) - 1;
  const sig = new Uint32Array(bins).fill(0xffffffff);
  const filled = new Uint8Array(bins);
  for (const h of hashes) {
    const bin = h >>> shift;
    const value = h & mask;
    if (!filled[bin] || value < (sig[bin] ?? 0)) {
      sig[bin] = value;
      filled[bin] = 1;
    }
  }
  const out = new Uint32Array(bins);
  for (let j = 0; j < bins; j++) {
    if (filled[j]) {
      out[j] = sig[j] ?? 0;
      continue;
    }
    let t = 1;
    while (!filled[(j + t) % bins]) t++;
    out[j] = fmix32(((sig[(j + t) % bins] ?? 0) + Math.imul(t, 0x9e3779b9)) >>> 0);
  }
  return out;
}

function bandKeys(sig: Uint32Array, bands: number, family: number, push: (key: number) => void): void {
  for (let b = 0; b < bands; b++) {
    let h = fmix32((family * 0x1000193 + b * 0x9e3779b9) >>> 0);
    for (let r = 0; r < ROWS; r++) h = fmix32((h ^ (sig[b * ROWS + r] ?? 0)) >>> 0);
    push(h);
  }
}

/**
 * Growable list of integers below 2^53 for one numeric sort: (32-bit key, owner) packed as
 * key * 2^21 + owner, and pairs of owners as lower * 2^21 + higher.
 */
class PackedList {
  private data = new Float64Array(1 << 16);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
  sorted(): Float64Array {
    return this.data.subarray(0, this.length).sort();
  }
}

/** Jaccard estimate from two bottom-k sketches (exact when both sets are smaller than k). */
function sketchJaccard(a: U32List, b: U32List): number {
  let i = 0;
  let j = 0;
  let taken = 0;
  let both = 0;
  while (taken < SKETCH && (i < a.length || j < b.length)) {
    const x = i < a.length ? (a[i] ?? 0) : Infinity;
    const y = j < b.length ? (b[j] ?? 0) : Infinity;
    if (x === y) {
      both++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
    taken++;
  }
  return taken === 0 ? 0 : both / taken;
}

/** Both lists sorted ascending and distinct, as sketches keep them: one merge walk, nothing allocated. */
function numbersAgree(small: readonly string[], large: readonly string[]): boolean {
  if (small.length === 0) return true;
  const allowed = Math.floor(small.length * NUMBERS_MISSING_SHARE);
  let missing = 0;
  let j = 0;
  for (const n of small) {
    while (j < large.length && (large[j] ?? '') < n) j++;
    if (large[j] !== n && ++missing > allowed) return false;
  }
  return true;
}

/** True when the titles are equal or one edit apart, and that edit is not a digit. */
function titlesNearlyEqual(a: string, b: string): boolean {
  if (a.length < TITLE_MIN || b.length < TITLE_MIN) return false;
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const differs: string[] = [];
  if (a.length === b.length) {
    if (a.slice(i + 1) !== b.slice(i + 1)) return false;
    differs.push(a.charAt(i), b.charAt(i));
  } else {
    const [longer, shorter] = a.length > b.length ? [a, b] : [b, a];
    if (longer.slice(i + 1) !== shorter.slice(i)) return false;
    differs.push(longer.charAt(i));
  }
  return !differs.some((c) => /\d/.test(c));
}

/** Whether two days (null: undated) are close enough for one story. */
function daysAgree(a: number | null, b: number | null): boolean {
  return a === null || b === null || Math.abs(a - b) <= STORY_DAYS;
}

/** The calendar day of an article's date (`YYYY-MM-DD…`), or null when it has none or it does not read. */
function dayOf(date: string | null | undefined): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(date ?? '');
  if (!match) return null;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isFinite(ms) ? Math.floor(ms / DAY_MS) : null;
}

function sameStory(a: ClusterSketch, b: ClusterSketch): boolean {
  if (!daysAgree(a.day, b.day)) return false;
  const [small, large] = a.shingles <= b.shingles ? [a, b] : [b, a];
  if (small.shingles === 0) return false;
  if (!numbersAgree(small.numbers, large.numbers)) return false;
  const jaccard = sketchJaccard(a.sketch, b.sketch);
  if (jaccard >= NEAR_JACCARD) return true;
  // |A∩B| = J(|A|+|B|)/(1+J); containment is that over the smaller set.
  const containment = (jaccard * (a.shingles + b.shingles)) / ((1 + jaccard) * small.shingles);
  if (containment >= CONTAINMENT && small.shingles >= CONTAINMENT_MIN_SHINGLES) return true;
  return containment >= TITLE_CONTAINMENT && titlesNearlyEqual(a.title, b.title);
}

class UnionFind {
  private parent: Int32Array;
  constructor(n: number) {
    this.parent = new Int32Array(n).map((_, i) => i);
  }
  find(x: number): number {
    let root = x;
    while (this.parent[root] !== root) root = this.parent[root] ?? root;
    while (this.parent[x] !== root) {
      const next = this.parent[x] ?? root;
      this.parent[x] = root;
      x = next;
    }
    return root;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

/** The title's LSH keys: the title itself and each single-character deletion of it. */
function titleKeys(title: string, push: (key: number) => void): void {
  if (title.length < TITLE_MIN || title.length > TITLE_MAX) return;
  push(hashString(title, TITLE_FAMILY));
  for (let i = 0; i < title.length; i++) push(hashString(title.slice(0, i) + title.slice(i + 1), TITLE_FAMILY));
}

/**
 * Everything near-duplicate clustering needs of one article, from that article alone: store it
 * and pass it to {@link clusterSketches} with the other articles' sketches. Deterministic: the
 * same id, title, text and date always give the same sketch. About 3.5 kB of JSON for a news article (1.5 kB gzipped).
 */
export function sketchArticle(doc: { id: string; title: string; text: string; date?: string | null }): ClusterSketch {
  // Title on its own line first, so one fold serves title, paragraphs and numbers.
  const folded = foldText(`${doc.title.replace(/\n/g, ' ')}\n${doc.text}`);
  const lines = folded.split('\n');
  const { codes, starts } = normalizedCodes(lines);
  const title = codesToString(codes.subarray(0, starts[1] ?? 0));
  const positions = positionHashes(codes);
  const hashes = distinctSorted(positions);
  const numbers = [...new Set(folded.match(/\d+(?:\.\d+)?/g) ?? [])].slice(0, MAX_NUMBERS).sort();
  const keys = new Set<number>();
  const add = (key: number): void => {
    keys.add(key);
  };
  const docSig = onePermutationMinHash(hashes, DOC_BINS);
  if (docSig) bandKeys(docSig, DOC_BANDS, DOC_FAMILY, add);
  for (let l = 1; l < lines.length; l++) {
    const from = starts[l] ?? 0;
    const to = starts[l + 1] ?? from;
    if (to - from < PARA_MIN_CHARS) continue;
    // Shingles wholly inside this paragraph.
    const sig = onePermutationMinHash(positions.subarray(from, to - SHINGLE + 1), PARA_BINS);
    if (sig) bandKeys(sig, PARA_BANDS, PARA_FAMILY, add);
  }
  return {
    id: doc.id,
    title,
    shingles: hashes.length,
    sketch: Array.from(hashes.subarray(0, SKETCH)),
    numbers,
    keys: [...keys].sort((a, b) => a - b),
    day: dayOf(doc.date),
  };
}

/**
 * Groups near-duplicate articles from their sketches ({@link sketchArticle}): the same story from
 * two outlets, an abridged copy, titles one character apart. Returns id → cluster id, the cluster
 * id being the id of the cluster's first member in id (code unit) order; only articles in a
 * cluster of two or more appear. See the comment at the top of this file for the method and
 * thresholds.
 *
 * The result is a function of the set of sketches, whatever their order: they are put in id order
 * first. Within that, two things are not decided pair by pair:
 *  - a candidate key shared by more than 32 articles (boilerplate: a stock paragraph, a common
 *    title) pairs each with its next 7 in id order and with the first, not every pair; so the
 *    pairs verified, hence the clusters, depend on how many articles share a key across the whole
 *    set, and adding an article can change (even split) clusters it does not join;
 *  - for two articles with the same number of shingles, the numbers test (at most 20% of the
 *    smaller text's numbers missing from the other) takes the one with the smaller id as smaller;
 *  - verified pairs join clusters in the order of their (lower, higher) positions in id order, and a
 *    join also needs the two clusters' first members to be the same story, so which pairs join
 *    depends on the pairs before them.
 * Nothing else is corpus-wide (no stop keys, document frequencies or size-dependent thresholds).
 * So an incremental update must run this over all current sketches (the stored ones of unchanged
 * articles plus the new ones), never patch an old result. Ids must be unique: with duplicates the
 * result may depend on the input order (the sort is stable) and the map holds one entry per id.
 *
 * @throws {RangeError} for more than 2,097,152 sketches.
 */
export function clusterSketches(sketches: Iterable<ClusterSketch>): Map<string, string> {
  // Stable sort, so the owner numbers (and all that follows) depend on the set alone.
  const docs = [...sketches].sort((a, b) => compareCodeUnits(a.id, b.id));
  if (docs.length > MAX_DOCS) throw new RangeError(`clusterSketches: more than ${MAX_DOCS} documents`);
  const keys = new PackedList();
  docs.forEach((doc, owner) => {
    for (const key of doc.keys) keys.push(key * MAX_DOCS + owner);
    titleKeys(doc.title, (key) => keys.push(key * MAX_DOCS + owner));
  });

  // Every candidate pair once (a pair shares several keys), as lower owner * 2^21 + higher owner: a sort
  // of one typed array, not a set of a million numbers. The components are the same in any order.
  // Pairs too far apart in time are dropped here, before they cost a place in the sort.
  const days = Float64Array.from(docs, (d) => d.day ?? NaN);
  const near = (a: number, b: number): boolean => !(Math.abs((days[a] ?? NaN) - (days[b] ?? NaN)) > STORY_DAYS);
  const pairs = new PackedList();
  const push = (a: number, b: number): void => {
    if (near(a, b)) pairs.push(a * MAX_DOCS + b);
  };
  const packed = keys.sorted();
  const owners: number[] = [];
  let start = 0;
  while (start < packed.length) {
    const key = Math.floor((packed[start] ?? 0) / MAX_DOCS);
    let end = start + 1;
    while (end < packed.length && Math.floor((packed[end] ?? 0) / MAX_DOCS) === key) end++;
    if (end - start > 1) {
      owners.length = 0;
      for (let k = start; k < end; k++) {
        const owner = (packed[k] ?? 0) % MAX_DOCS;
        if (owners[owners.length - 1] !== owner) owners.push(owner);
      }
      // Owners ascend within a key, so each pair is (lower, higher).
      const window = owners.length <= FULL_RUN ? owners.length : RUN_WINDOW;
      for (let i = 0; i < owners.length; i++) {
        for (let j = i + 1; j < owners.length && j - i < window; j++) push(owners[i] ?? 0, owners[j] ?? 0);
        if (owners.length > FULL_RUN && i > window - 1) push(owners[0] ?? 0, owners[i] ?? 0);
      }
    }
    start = end;
  }

  const uf = new UnionFind(docs.length);
  const sorted = pairs.sorted();
  for (let k = 0; k < sorted.length; k++) {
    const pair = sorted[k] ?? 0;
    if (k > 0 && pair === sorted[k - 1]) continue;
    const a = Math.floor(pair / MAX_DOCS);
    const b = pair % MAX_DOCS;
    const ra = uf.find(a);
    const rb = uf.find(b);
    if (ra === rb) continue;
    const da = docs[a];
    const db = docs[b];
    if (!da || !db || !sameStory(da, db)) continue;
    // A root is its cluster's lowest owner, i.e. its first member.
    const fa = docs[ra];
    const fb = docs[rb];
    if ((ra !== a || rb !== b) && (!fa || !fb || !sameStory(fa, fb))) continue;
    uf.union(a, b);
  }

  const members = new Map<number, string[]>();
  docs.forEach((s, i) => {
    const root = uf.find(i);
    const list = members.get(root) ?? [];
    list.push(s.id);
    members.set(root, list);
  });
  const result = new Map<string, string>();
  for (const ids of members.values()) {
    if (ids.length < 2) continue;
    const first = [...ids].sort(compareCodeUnits)[0] ?? '';
    for (const id of ids) result.set(id, first);
  }
  return result;
}

/**
 * Groups near-duplicate articles (the same story from two outlets, an abridged copy, titles one
 * character apart): `clusterSketches` of each article's `sketchArticle`. Returns id → cluster id,
 * the cluster id being the id of the cluster's first member in id (code unit) order; only articles
 * in a cluster of two or more appear. The result does not depend on the order of `docs`.
 *
 * @throws {RangeError} for more than 2,097,152 documents.
 */
export function clusterArticles(docs: Iterable<{ id: string; title: string; text: string; date?: string | null }>): Map<string, string> {
  const sketches: ClusterSketch[] = [];
  for (const doc of docs) {
    if (sketches.length >= MAX_DOCS) throw new RangeError(`clusterArticles: more than ${MAX_DOCS} documents`);
    sketches.push(sketchArticle(doc));
  }
  return clusterSketches(sketches);
}
