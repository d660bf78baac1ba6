import { describe, expect, it } from 'vitest';
import { DEFAULT_BUILD_OPTIONS, maxSegments, mergePlan, type MergePolicy } from '.';

const POLICY: MergePolicy = DEFAULT_BUILD_OPTIONS.merge;

/** Segments after adding one of `size` live documents and merging as the update does, until the plan says none. */
function afterUpdate(segments: number[], size: number, policy: MergePolicy): number[] {
  let live = [...segments, size];
  for (;;) {
    const plan = mergePlan(live, policy);
    if (plan.length === 0) return live;
    live = [...live.filter((_, s) => !plan.includes(s)), plan.reduce((n, s) => n + live[s]!, 0)];
  }
}

describe('the merge policy', () => {
  it('merges a tier once it holds segmentsPerTier segments, and only then', () => {
    expect(mergePlan([100, 200], POLICY)).toEqual([]);
    expect(mergePlan([100, 200, 300], POLICY)).toEqual([0, 1, 2]);
    // Different tiers are left alone: under 1,000, 1,000 to 9,999, 10,000 to 99,999.
    expect(mergePlan([500, 5_000, 50_000], POLICY)).toEqual([]);
    expect(mergePlan([50_000, 500, 20_000, 700, 90_000], POLICY)).toEqual([0, 2, 4]);
    // The lowest full tier first.
    expect(mergePlan([10, 20, 30, 1000, 2000, 3000], POLICY)).toEqual([0, 1, 2]);
  });

  it('keeps an index under maxSegments through a long run of daily updates', () => {
    let segments: number[] = [20_000];
    let worst = 0;
    for (let day = 0; day < 2_000; day++) {
      segments = afterUpdate(segments, 100, POLICY);
      const docs = segments.reduce((a, b) => a + b, 0);
      expect(segments.length, `day ${day}: ${segments.join(', ')}`).toBeLessThanOrEqual(maxSegments(docs, POLICY));
      worst = Math.max(worst, segments.length);
    }
    // The run comes within one segment of the bound (its one large segment leaves a tier with a single segment), so the bound is not loose.
    expect(worst).toBe(maxSegments(220_000, POLICY) - 1);
  });

  it('states the bound the design names: 8 segments at 100,000 documents, 12 at 10 million', () => {
    expect(maxSegments(100_000, POLICY)).toBe(8);
    expect(maxSegments(99_999, POLICY)).toBe(6);
    expect(maxSegments(10_000_000, POLICY)).toBe(12);
    expect(maxSegments(0, POLICY)).toBe(2);
  });
});
