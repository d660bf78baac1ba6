import { describe, expect, it } from 'vitest';
import { moveActive } from './suggestion-keys';

describe('moveActive', () => {
  it('goes down from the box to the first, through the list, and back to the box past the last', () => {
    expect([0, 1, 2, 3].reduce<number[]>((seen) => [...seen, moveActive(seen[seen.length - 1] ?? -1, 'ArrowDown', 3)], [])).toEqual([0, 1, 2, -1]);
  });

  it('goes up from the box to the last, and back to the box past the first', () => {
    expect(moveActive(-1, 'ArrowUp', 3)).toBe(2);
    expect(moveActive(0, 'ArrowUp', 3)).toBe(-1);
    expect(moveActive(2, 'ArrowUp', 3)).toBe(1);
  });

  it('stays in the box when there is nothing to choose', () => {
    expect(moveActive(-1, 'ArrowDown', 0)).toBe(-1);
    expect(moveActive(4, 'ArrowUp', 0)).toBe(-1);
  });
});
