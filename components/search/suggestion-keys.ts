/**
 * Where the highlighted suggestion moves on ↓ or ↑: from the box (-1) ↓ goes to the first, ↑ to the last;
 * past either end it goes back to the box, as in the WAI-ARIA combobox pattern's list autocomplete.
 */
export function moveActive(active: number, key: 'ArrowDown' | 'ArrowUp', length: number): number {
  if (length === 0) return -1;
  if (key === 'ArrowDown') return active + 1 >= length ? -1 : active + 1;
  return active === -1 ? length - 1 : active - 1;
}
