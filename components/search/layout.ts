/**
 * From this width the filter column stands beside the results, its counts in view; below it, it folds behind
 * 筛选 (filters-panel.tsx's `md:` classes). Tailwind's `md` breakpoint, which a test checks against Tailwind's theme.
 */
export const WIDE_LAYOUT = '(min-width: 48rem)';

/**
 * How many of a page's results a narrow screen's first answer reads the display data of; the others are read when
 * the reader scrolls near them (`more-results.tsx`). On a phone (375×812) the first screen holds two results, the
 * first starting at about 413 px, and four more start within one more screen, so the first six are painted with
 * the answer and the rest are asked for about a screen before they come into view. A taller screen asks for the rest
 * at once, its two screens reaching past the sixth: an extra read, never a missing result.
 */
export const NARROW_FIRST_RESULTS = 6;
