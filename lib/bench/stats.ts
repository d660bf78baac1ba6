/**
 * The few statistics the benchmark reports. Percentiles interpolate linearly between the two nearest
 * ranks (the common "type 7" definition, as in NumPy and spreadsheets), so the median of an even count
 * is the mean of the middle two and p95 of 50 samples is not simply the 48th.
 */

/** Sample list that has no statistic: empty, or holding a value that is not a finite number. */
export class SampleError extends Error {
  constructor(what: string, values: readonly number[]) {
    const bad = values.find((v) => !Number.isFinite(v));
    super(values.length === 0 ? `${what}: no samples` : `${what}: sample ${String(bad)} is not a finite number`);
    this.name = 'SampleError';
  }
}

function checked(what: string, values: readonly number[]): number[] {
  if (values.length === 0 || values.some((v) => !Number.isFinite(v))) throw new SampleError(what, values);
  return [...values].sort((a, b) => a - b);
}

/**
 * Where the `p`-th percentile (0 to 100) of `count` sorted values falls, from 0: between the values at its floor
 * and its ceiling, which {@link percentile} interpolates (of 50 values, p95 is 46.55: between the 47th and the 48th).
 * @throws RangeError when `p` is outside 0..100.
 */
export function percentileRank(count: number, p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be from 0 to 100, got ${p}`);
  return (p / 100) * (count - 1);
}

/**
 * The `p`-th percentile (0 to 100) of `values`, linearly interpolated between closest ranks.
 * @throws {@link SampleError} when `values` is empty or holds a non-finite number; RangeError when `p` is outside 0..100.
 */
export function percentile(values: readonly number[], p: number): number {
  const rank = percentileRank(values.length, p);
  const sorted = checked(`percentile ${p}`, values);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  return a + (b - a) * (rank - lo);
}

/** The median of `values`. @throws {@link SampleError} when empty or not all finite. */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** The arithmetic mean of `values`. @throws {@link SampleError} when empty or not all finite. */
export function mean(values: readonly number[]): number {
  const v = checked('mean', values);
  return v.reduce((s, x) => s + x, 0) / v.length;
}
