/**
 * Month arithmetic and range selection for the month histogram, free of React and the DOM so each rule
 * has a unit test. A month is handled as an integer, its {@link monthIndex}, so spans, steps and
 * grouping are integer arithmetic rather than string juggling.
 */

/** True for a month key of the engine's month facet, `YYYY-MM`. */
export function isMonthKey(k: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(k);
}

/** `YYYY-MM` → months since January of year 0, so that consecutive months are consecutive integers. */
export function monthIndex(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

/** A {@link monthIndex} → `YYYY-MM`. */
export function monthAt(index: number): string {
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, '0')}-${String(index - year * 12 + 1).padStart(2, '0')}`;
}

/** The last day of a month `YYYY-MM`, as `YYYY-MM-DD`. */
export function lastDayOf(month: string): string {
  // Date.UTC reads years 0–99 as 1900–1999; setUTCFullYear does not.
  const d = new Date(Date.UTC(2000, 0, 1));
  d.setUTCFullYear(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0);
  return `${month}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

/** `2022-03` → `2022年3月`, as a reader (and a screen reader) says it. */
export function monthName(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
}

/** One bar of the histogram: the months it covers, as inclusive {@link monthIndex} bounds, and the matches in them. */
export interface Bar {
  first: number;
  last: number;
  count: number;
  /**
   * Set on a bar that gathers the months with matches lying far before (`earlier`) or after (`later`)
   * the rest: it covers from its first to its last such month, and is drawn apart from the others.
   */
  edge?: 'earlier' | 'later';
}

/** The histogram's horizontal axis: its bars, left to right, and how many months each regular bar covers. */
export interface Axis {
  bars: Bar[];
  /** 1 when every regular bar is one month; 3, 12, 120 … when months are grouped. */
  monthsPerBar: number;
}

/** Most bars the histogram draws: 20 years month by month, which still leaves a bar a few pixels wide. */
export const MAX_BARS = 240;

/** An empty stretch longer than this (10 years) separates a group of months from the rest of the axis. */
const OUTLIER_GAP_MONTHS = 120;

/** Bar widths tried in turn when the months do not fit one to a bar: quarters, half-years, years, decades … */
const GROUPINGS = [3, 6, 12, 24, 60, 120, 240, 600, 1200, 2400, 6000, 12000];

/**
 * The axis for the engine's month facet.
 *
 * The facet's months can be far apart: articles' dates are read with any four-digit year, and the index keeps every
 * day from 1696-03-17 on (the earliest day its columns hold, `MIN_DAY` in lib/index-format;
 * earlier days are stored as unknown) to 9999-12-31, so one mistyped date can sit centuries from the rest.
 * An axis that ran month by month from the first month to the last would need thousands of bars, and
 * one cut at a fixed length would lose the months at its far end. So:
 *
 * - when the months from the first with matches to the last, empty ones included, are no more than
 *   {@link MAX_BARS}, one bar per month, so the axis is continuous (every real archive so far);
 * - otherwise the months are split wherever more than {@link OUTLIER_GAP_MONTHS} empty months separate
 *   them, the group holding the most matches (the later one on a tie) is the axis, and the groups before
 *   and after it are gathered into one edge bar at each end. Outliers then stay visible and selectable
 *   without stretching the axis over the empty centuries between them and the news;
 * - when the main group itself spans more than fits, its months are grouped into calendar-aligned
 *   quarters, half-years, years, decades … (the smallest grouping that fits), so a long archive is still
 *   drawn whole, at a coarser step.
 *
 * Months with no matches and keys that are not months are ignored.
 */
export function monthAxis(counts: Readonly<Record<string, number>>): Axis {
  const byIndex = new Map<number, number>();
  for (const [k, v] of Object.entries(counts)) {
    if (isMonthKey(k) && Number.isFinite(v) && v > 0) byIndex.set(monthIndex(k), v);
  }
  const months = [...byIndex.keys()].sort((a, b) => a - b);
  if (months.length === 0) return { bars: [], monthsPerBar: 1 };

  const fits = months[months.length - 1]! - months[0]! < MAX_BARS;
  const groups: number[][] = [];
  for (const m of months) {
    const group = groups[groups.length - 1];
    if (group && (fits || m - group[group.length - 1]! <= OUTLIER_GAP_MONTHS)) group.push(m);
    else groups.push([m]);
  }
  const total = (ms: readonly number[]) => ms.reduce((n, m) => n + byIndex.get(m)!, 0);
  const totals = groups.map(total);
  let main = 0;
  totals.forEach((t, i) => {
    if (t >= totals[main]!) main = i;
  });

  const core = groups[main]!;
  const first = core[0]!;
  const last = core[core.length - 1]!;
  const room = MAX_BARS - (main > 0 ? 1 : 0) - (main < groups.length - 1 ? 1 : 0);
  const monthsPerBar =
    last - first < room ? 1 : (GROUPINGS.find((g) => Math.floor(last / g) - Math.floor(first / g) < room) ?? GROUPINGS[GROUPINGS.length - 1]!);
  const firstBar = Math.floor(first / monthsPerBar);
  const regular: Bar[] = [];
  for (let b = firstBar; b <= Math.floor(last / monthsPerBar); b++) regular.push({ first: b * monthsPerBar, last: (b + 1) * monthsPerBar - 1, count: 0 });
  for (const m of core) regular[Math.floor(m / monthsPerBar) - firstBar]!.count += byIndex.get(m)!;

  const edge = (ms: readonly number[], side: 'earlier' | 'later'): Bar[] =>
    ms.length ? [{ first: ms[0]!, last: ms[ms.length - 1]!, count: total(ms), edge: side }] : [];
  return {
    bars: [...edge(groups.slice(0, main).flat(), 'earlier'), ...regular, ...edge(groups.slice(main + 1).flat(), 'later')],
    monthsPerBar,
  };
}

/**
 * The months `first`..`last` (month indexes) as a reader says them: `2022年3月`, `2022年3月 至 2022年8月`,
 * or with `byYear` and whole years, `2022年` and `2010年 至 2019年`.
 */
export function periodName(first: number, last: number, byYear = false): string {
  if (byYear && first % 12 === 0 && last % 12 === 11) {
    const [a, b] = [Math.floor(first / 12), Math.floor(last / 12)];
    return a === b ? `${String(a).padStart(4, '0')}年` : `${String(a).padStart(4, '0')}年 至 ${String(b).padStart(4, '0')}年`;
  }
  return first === last ? monthName(monthAt(first)) : `${monthName(monthAt(first))} 至 ${monthName(monthAt(last))}`;
}

/** What bars `a`..`b` (either order) of an axis cover, named as by {@link periodName}. */
export function barsName(axis: Axis, a: number, b: number): string {
  const lo = axis.bars[Math.min(a, b)]!;
  const hi = axis.bars[Math.max(a, b)]!;
  return periodName(lo.first, hi.last, axis.monthsPerBar % 12 === 0);
}

/** A date filter: `from` and `to` as `YYYY-MM-DD`, either open. */
export interface DayRange {
  from: string | null;
  to: string | null;
}

/** The date filter that keeps exactly the months of bars `a`..`b` (either order): first day to last day. */
export function rangeOfBars(bars: readonly Bar[], a: number, b: number): { from: string; to: string } {
  return { from: `${monthAt(bars[Math.min(a, b)]!.first)}-01`, to: lastDayOf(monthAt(bars[Math.max(a, b)]!.last)) };
}

/** True when a date filter is set and keeps some day of `bar`. */
export function inRange(bar: Bar, { from, to }: DayRange): boolean {
  if (from === null && to === null) return false;
  return `${monthAt(bar.first)}-01` <= (to ?? '9999-12-31') && lastDayOf(monthAt(bar.last)) >= (from ?? '0000-01-01');
}

/** The bar holding month `month` (a month index), or -1. */
export function barAt(bars: readonly Bar[], month: number): number {
  return bars.findIndex((b) => b.first <= month && month <= b.last);
}

/**
 * The date filter after the reader picks bar `i`: with `start` ≥ 0 (Shift), the range from bar `start`
 * to `i`; otherwise the bar alone, or no date filter when the bar alone is what is already selected,
 * so picking the selected month again lets the filter go.
 */
export function pickBar(bars: readonly Bar[], i: number, start: number, current: DayRange): DayRange {
  if (start >= 0) return rangeOfBars(bars, start, i);
  const only = rangeOfBars(bars, i, i);
  return current.from === only.from && current.to === only.to ? { from: null, to: null } : only;
}

/** The bar under a pointer at `x`, on a chart from `left` that is `width` wide with `n` equal bars, clamped to the chart. */
export function barAtX(x: number, left: number, width: number, n: number): number {
  if (n <= 0 || !(width > 0)) return 0;
  return Math.max(0, Math.min(n - 1, Math.floor(((x - left) / width) * n)));
}

/** A pointer drag across the bars: the pointer that started it, the bar it started on and the bar it is on. */
export interface Drag {
  pointer: number;
  anchor: number;
  current: number;
  /** False until the pointer reaches another bar: a press and release on one bar is a click, not a drag. */
  moved: boolean;
}

/** A drag begun by pointer `pointer` on bar `i`. */
export function startDrag(pointer: number, i: number): Drag {
  return { pointer, anchor: i, current: i, moved: false };
}

/**
 * The drag after pointer `pointer` moves over bar `i`: the same object when nothing changed (no drag,
 * another pointer, or still on the starting bar before it ever left it), so a caller can tell by identity.
 */
export function moveDrag(d: Drag | null, pointer: number, i: number): Drag | null {
  if (!d || d.pointer !== pointer || (!d.moved && i === d.anchor) || (d.moved && i === d.current)) return d;
  return { ...d, moved: true, current: i };
}

/**
 * The bars a drag selects when pointer `pointer` is released: `[anchor, end]`, with `end` the bar under
 * the pointer when known (released over the chart), else the last bar the drag reached. Null when the
 * release ends no drag of that pointer, or the drag never left its bar (that is a click).
 */
export function endDrag(d: Drag | null, pointer: number, end: number = d?.current ?? 0): [number, number] | null {
  if (!d || d.pointer !== pointer || !d.moved) return null;
  return [d.anchor, end];
}

/** The bars a drag preview marks, as `[lo, hi]`; null when nothing is being dragged. */
export function previewOf(d: Drag | null): [number, number] | null {
  return d?.moved ? [Math.min(d.anchor, d.current), Math.max(d.anchor, d.current)] : null;
}

/**
 * The bar a key moves the focus to from bar `i` of `n`, clamped to the chart, or null for any other key:
 * ←/→ one bar, Home/End the ends, PageUp/PageDown a year (at least one bar).
 */
export function keyTarget(key: string, i: number, n: number, monthsPerBar: number): number | null {
  const year = Math.max(1, Math.round(12 / monthsPerBar));
  const moves: Record<string, number> = { ArrowLeft: i - 1, ArrowRight: i + 1, Home: 0, End: n - 1, PageUp: i - year, PageDown: i + year };
  const to = moves[key];
  return to === undefined ? null : Math.max(0, Math.min(n - 1, to));
}

/** The bar that holds the tab stop: the one the reader moved to, else the selection's start, else the latest. */
export function tabStopOf(cursor: number | null, firstSelected: number, n: number): number {
  return Math.max(0, Math.min(cursor ?? (firstSelected >= 0 ? firstSelected : n - 1), n - 1));
}

/**
 * Where faint gridlines go (a line before bar i): at each new year when bars are months or parts of a
 * year, at each new decade when they are years, and so on, so a reader can count periods without a label
 * under every bar. Never next to an edge bar: that boundary is drawn as a break instead (see {@link breaksOf}).
 */
export function gridLinesOf(axis: Axis): number[] {
  const period = [12, 120, 1200, 12000, 120000].find((p) => p > axis.monthsPerBar) ?? 120000;
  const out: number[] = [];
  axis.bars.forEach((b, i) => {
    const prev = axis.bars[i - 1];
    if (prev && !b.edge && !prev.edge && b.first % period === 0) out.push(i);
  });
  return out;
}

/** Where a break goes (a mark before bar i): between an edge bar and the rest, where the axis skips time. */
export function breaksOf(axis: Axis): number[] {
  const out: number[] = [];
  axis.bars.forEach((b, i) => {
    const prev = axis.bars[i - 1];
    if (prev && (b.edge || prev.edge)) out.push(i);
  });
  return out;
}
