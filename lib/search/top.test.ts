import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../index-format/test-support';
import { topIndexes } from './rank';

describe('topIndexes', () => {
  const byScore = (scores: number[]) => (x: number, y: number) => scores[x]! > scores[y]! || (scores[x] === scores[y] && x > y);

  it('gives the first k of a full sort, best first, on random scores with many ties', () => {
    const rand = mulberry32(7);
    for (let round = 0; round < 200; round++) {
      const n = Math.floor(rand() * 300);
      const scores = Array.from({ length: n }, () => Math.floor(rand() * 20));
      const before = byScore(scores);
      const sorted = Array.from({ length: n }, (_, i) => i).sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
      for (const k of [0, 1, 2, 10, 37, n, n + 5]) expect(topIndexes(n, k, before)).toEqual(sorted.slice(0, Math.max(0, k)));
    }
  });

  it('breaks equal scores by the higher index, and returns nothing for k ≤ 0 or n = 0', () => {
    expect(topIndexes(5, 3, byScore([1, 1, 1, 1, 1]))).toEqual([4, 3, 2]);
    expect(topIndexes(3, 2, byScore([0, 5, 9]))).toEqual([2, 1]);
    expect(topIndexes(4, 0, byScore([1, 2, 3, 4]))).toEqual([]);
    expect(topIndexes(4, -1, byScore([1, 2, 3, 4]))).toEqual([]);
    expect(topIndexes(0, 10, byScore([]))).toEqual([]);
  });
});
