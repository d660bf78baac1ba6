/**
 * Set operations on ascending lists of document numbers, the shape in which postings arrive: what the
 * engine uses to match clauses, exclusions and ranking data to one another.
 */

/** The place of `v` in the ascending `sorted`, or -1 when it is not there. */
export function indexOf(sorted: ArrayLike<number>, v: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const x = sorted[mid]!;
    if (x === v) return mid;
    if (x < v) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Documents in both lists. */
export function intersect(a: Uint32Array, b: Uint32Array): Uint32Array {
  const [small, large] = a.length <= b.length ? [a, b] : [b, a];
  const out = new Uint32Array(small.length);
  let n = 0;
  let j = 0;
  for (let i = 0; i < small.length; i++) {
    const v = small[i]!;
    while (j < large.length && large[j]! < v) j++;
    if (j === large.length) break;
    if (large[j] === v) out[n++] = v;
  }
  return out.slice(0, n);
}

/** Documents in any of the lists. */
export function union(lists: Uint32Array[]): Uint32Array {
  if (lists.length === 0) return new Uint32Array(0);
  // Pairwise merges of sorted lists: a bank with its alias (工行 OR 工商银行) is thousands of documents each.
  let out = lists[0]!;
  for (let k = 1; k < lists.length; k++) out = merge(out, lists[k]!);
  return out;
}

function merge(a: Uint32Array, b: Uint32Array): Uint32Array {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out = new Uint32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x <= y) i++;
    if (y <= x) j++;
    out[n++] = x <= y ? x : y;
  }
  while (i < a.length) out[n++] = a[i++]!;
  while (j < b.length) out[n++] = b[j++]!;
  return out.slice(0, n);
}

/** Documents of `a` that are not in `b`. */
export function subtract(a: Uint32Array, b: Uint32Array): Uint32Array {
  if (b.length === 0) return a;
  const drop = new Set(b);
  return a.filter((v) => !drop.has(v));
}

/**
 * The values of `list` (whose documents are `list.docs`) at the places of `docs`, 0 where `list` lacks the
 * document: one merge walk instead of a search per document.
 */
export function alignTo(list: { docs: Uint32Array; values: ArrayLike<number> }, docs: Uint32Array): Uint32Array {
  const out = new Uint32Array(docs.length);
  let j = 0;
  for (let i = 0; i < docs.length && j < list.docs.length; i++) {
    const d = docs[i]!;
    while (j < list.docs.length && list.docs[j]! < d) j++;
    if (list.docs[j] === d) out[i] = list.values[j]!;
  }
  return out;
}
