import { describe, expect, it } from 'vitest';
import { mean, median, percentile, percentileRank, SampleError } from './stats';

describe('percentile (linear between closest ranks)', () => {
  it('gives the sample itself for one sample, at every p', () => {
    for (const p of [0, 5, 50, 95, 100]) expect(percentile([7], p)).toBe(7);
  });

  it('gives min and max at 0 and 100, whatever the order', () => {
    expect(percentile([3, 1, 2], 0)).toBe(1);
    expect(percentile([3, 1, 2], 100)).toBe(3);
  });

  it('interpolates between ranks', () => {
    // ranks 0..4 hold 10..50; p95 sits at rank 3.8
    expect(percentile([50, 10, 40, 20, 30], 95)).toBeCloseTo(48, 10);
    expect(percentile([1, 2, 3, 4], 25)).toBeCloseTo(1.75, 10);
  });

  it('matches the nearest rank where the rank is whole: p95 of 0..100 is 95', () => {
    const v = Array.from({ length: 101 }, (_, i) => 100 - i);
    expect(percentile(v, 95)).toBe(95);
    expect(percentile(v, 50)).toBe(50);
  });

  it('falls at the rank percentileRank gives, which the bench names its p95 query by', () => {
    expect(percentileRank(50, 95)).toBeCloseTo(46.55, 10);
    expect(percentileRank(101, 95)).toBe(95);
    const v = Array.from({ length: 50 }, (_, i) => i * 10);
    expect(percentile(v, 95)).toBeCloseTo(465.5, 10);
    expect(() => percentileRank(50, 100.5)).toThrow(RangeError);
  });

  it('does not reorder its input', () => {
    const v = [3, 1, 2];
    percentile(v, 50);
    expect(v).toEqual([3, 1, 2]);
  });

  it('rejects no samples, non-finite samples and p outside 0..100', () => {
    expect(() => percentile([], 50)).toThrow(SampleError);
    expect(() => percentile([1, Number.NaN], 50)).toThrow(/NaN is not a finite number/);
    expect(() => percentile([1, Infinity], 50)).toThrow(SampleError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], -1)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });
});

describe('median and mean', () => {
  it('median of an odd count is the middle sample, of an even count the mean of the middle two', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('mean', () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    expect(() => mean([])).toThrow(SampleError);
  });
});
