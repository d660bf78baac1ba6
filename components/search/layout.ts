/**
 * From this width the filter column stands beside the results, its counts in view; below it, it folds behind
 * 筛选 (filters-panel.tsx's `md:` classes). Tailwind's `md` breakpoint, which a test checks against Tailwind's theme.
 */
export const WIDE_LAYOUT = '(min-width: 48rem)';
