import { describe, expect, it } from 'vitest';
import {
  barAt,
  barAtX,
  barsName,
  breaksOf,
  endDrag,
  gridLinesOf,
  inRange,
  isMonthKey,
  keyTarget,
  lastDayOf,
  MAX_BARS,
  monthAt,
  monthAxis,
  monthIndex,
  monthName,
  moveDrag,
  periodName,
  pickBar,
  previewOf,
  rangeOfBars,
  startDrag,
  tabStopOf,
  type Axis,
} from './month-range';

/** Each bar's first month, for readable expectations. */
const firsts = (a: Axis) => a.bars.map((b) => monthAt(b.first));

describe('months as integers', () => {
  it('round-trips YYYY-MM through its index, across year ends and centuries', () => {
    for (const m of ['1696-03', '1999-12', '2000-01', '2022-03', '9999-12', '0001-01']) expect(monthAt(monthIndex(m))).toBe(m);
    expect(monthIndex('2023-01') - monthIndex('2022-12')).toBe(1);
    expect(monthIndex('2022-01') - monthIndex('1696-03')).toBe((2022 - 1696) * 12 - 2);
  });

  it('knows month keys from anything else in the facet', () => {
    expect(['2022-03', '1696-03', '9999-12'].every(isMonthKey)).toBe(true);
    expect(['2022-13', '2022-00', '2022-3', '22-03', '2022-03-01', 'unknown', ''].some(isMonthKey)).toBe(false);
  });

  it('gives the last day of a month, leap years included, and for years below 100 too', () => {
    expect(lastDayOf('2022-02')).toBe('2022-02-28');
    expect(lastDayOf('2024-02')).toBe('2024-02-29');
    expect(lastDayOf('1900-02')).toBe('1900-02-28');
    expect(lastDayOf('2000-02')).toBe('2000-02-29');
    expect(lastDayOf('2022-12')).toBe('2022-12-31');
    expect(lastDayOf('0004-02')).toBe('0004-02-29');
  });

  it('names months and periods as a reader says them', () => {
    expect(monthName('2022-03')).toBe('2022年3月');
    expect(periodName(monthIndex('2022-03'), monthIndex('2022-03'))).toBe('2022年3月');
    expect(periodName(monthIndex('2022-03'), monthIndex('2022-08'))).toBe('2022年3月 至 2022年8月');
    // Whole years read as years only when the bars are years: a month-by-month drag keeps its months.
    expect(periodName(monthIndex('2022-01'), monthIndex('2022-12'))).toBe('2022年1月 至 2022年12月');
    expect(periodName(monthIndex('2022-01'), monthIndex('2022-12'), true)).toBe('2022年');
    expect(periodName(monthIndex('2010-01'), monthIndex('2019-12'), true)).toBe('2010年 至 2019年');
    expect(periodName(monthIndex('1696-03'), monthIndex('1700-05'), true)).toBe('1696年3月 至 1700年5月');
  });
});

describe('monthAxis', () => {
  it('draws one bar per month from the first month with matches to the last, gaps included', () => {
    const axis = monthAxis({ '2022-11': 2, '2023-02': 5 });
    expect(axis.monthsPerBar).toBe(1);
    expect(firsts(axis)).toEqual(['2022-11', '2022-12', '2023-01', '2023-02']);
    expect(axis.bars.map((b) => b.count)).toEqual([2, 0, 0, 5]);
    expect(axis.bars.every((b) => b.first === b.last && !b.edge)).toBe(true);
  });

  it('ignores keys that are not months and months without matches', () => {
    expect(monthAxis({}).bars).toEqual([]);
    expect(monthAxis({ unknown: 3, '2022-13': 1, '2020-01': 0 }).bars).toEqual([]);
    expect(firsts(monthAxis({ '2019-01': 0, '2022-03': 1, 'n/a': 9 }))).toEqual(['2022-03']);
  });

  it('keeps 20 years month by month', () => {
    const axis = monthAxis({ [monthAt(monthIndex('2005-01'))]: 1, [monthAt(monthIndex('2005-01') + MAX_BARS - 1)]: 1 });
    expect(axis.monthsPerBar).toBe(1);
    expect(axis.bars).toHaveLength(MAX_BARS);
  });

  // The defect this module was written for: the axis ran month by month from the first month and
  // stopped after 2,400 months, so an article dated 1696 pushed every real month off the end of it.
  it('keeps every month with matches when one article is dated 1696, and stays within MAX_BARS', () => {
    const counts = { '1696-03': 1, '2022-01': 5, '2022-02': 3, '2023-06': 4 };
    const axis = monthAxis(counts);
    expect(axis.bars.length).toBeLessThanOrEqual(MAX_BARS);
    expect(axis.bars.reduce((n, b) => n + b.count, 0)).toBe(13);
    for (const [m, n] of Object.entries(counts)) {
      const bar = axis.bars[barAt(axis.bars, monthIndex(m))];
      expect(bar?.count, m).toBeGreaterThanOrEqual(n);
    }
  });

  it('shows a far outlier as an edge bar and the news month by month', () => {
    const axis = monthAxis({ '1696-03': 1, '2022-01': 5, '2023-06': 4 });
    expect(axis.monthsPerBar).toBe(1);
    expect(axis.bars[0]).toEqual({ first: monthIndex('1696-03'), last: monthIndex('1696-03'), count: 1, edge: 'earlier' });
    expect(firsts(axis).slice(1, 3)).toEqual(['2022-01', '2022-02']);
    expect(firsts(axis).at(-1)).toBe('2023-06');
    expect(axis.bars).toHaveLength(1 + 18);
    expect(breaksOf(axis)).toEqual([1]);
  });

  it('gathers outliers on both sides, each side into one bar that spans its months', () => {
    const axis = monthAxis({ '1700-01': 1, '1850-07': 2, '2020-01': 10, '2020-03': 10, '9999-12': 1 });
    const [earlier, , , , later] = axis.bars;
    expect(axis.bars).toHaveLength(5);
    expect(earlier).toEqual({ first: monthIndex('1700-01'), last: monthIndex('1850-07'), count: 3, edge: 'earlier' });
    expect(later).toEqual({ first: monthIndex('9999-12'), last: monthIndex('9999-12'), count: 1, edge: 'later' });
    expect(breaksOf(axis)).toEqual([1, 4]);
    expect(barsName(axis, 0, 0)).toBe('1700年1月 至 1850年7月');
  });

  it('takes the group with the most matches as the axis, the later one on a tie', () => {
    expect(firsts(monthAxis({ '1800-01': 9, '2020-01': 2 }))).toEqual(['1800-01', '2020-01']);
    expect(monthAxis({ '1800-01': 9, '2020-01': 2 }).bars[1]!.edge).toBe('later');
    expect(monthAxis({ '1800-01': 2, '2020-01': 2 }).bars[0]!.edge).toBe('earlier');
  });

  /** One match every `step` months from `first` to `last`: a continuous archive, no gap long enough to split it. */
  const every = (first: string, last: string, step: number): Record<string, number> => {
    const counts: Record<string, number> = {};
    for (let m = monthIndex(first); m <= monthIndex(last); m += step) counts[monthAt(m)] = 1;
    return counts;
  };

  it('groups a long continuous archive into calendar years rather than cutting it', () => {
    const counts = every('1900-01', '2023-12', 5);
    const axis = monthAxis(counts);
    expect(axis.monthsPerBar).toBe(12);
    expect(axis.bars).toHaveLength(124);
    expect(monthAt(axis.bars[0]!.first)).toBe('1900-01');
    expect(monthAt(axis.bars.at(-1)!.last)).toBe('2023-12');
    expect(axis.bars.reduce((n, b) => n + b.count, 0)).toBe(Object.keys(counts).length);
    expect(barsName(axis, 0, 0)).toBe('1900年');
    expect(barsName(axis, 0, 9)).toBe('1900年 至 1909年');
    // Year bars: gridlines at decades.
    expect(gridLinesOf(axis)).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120]);
  });

  it('groups into the smallest calendar step that fits: quarters, then half-years', () => {
    const quarters = monthAxis(every('2000-02', '2029-11', 7));
    expect(quarters.monthsPerBar).toBe(3);
    expect(monthAt(quarters.bars[0]!.first)).toBe('2000-01');
    expect(quarters.bars).toHaveLength(120);
    expect(gridLinesOf(quarters)).toHaveLength(29);
    expect(monthAxis(every('1950-01', '2023-12', 7)).monthsPerBar).toBe(6);
  });

  it('fits even dates from 1696 to 9999 spread all over', () => {
    const counts: Record<string, number> = {};
    for (let m = monthIndex('1696-03'); m <= monthIndex('9999-12'); m += 100) counts[monthAt(m)] = 1;
    const axis = monthAxis(counts);
    expect(axis.bars.length).toBeLessThanOrEqual(MAX_BARS);
    expect(axis.bars.reduce((n, b) => n + b.count, 0)).toBe(Object.keys(counts).length);
  });

  it('draws a gridline at each new year when bars are months', () => {
    const axis = monthAxis({ '2021-11': 1, '2023-02': 1 });
    expect(gridLinesOf(axis).map((i) => monthAt(axis.bars[i]!.first))).toEqual(['2022-01', '2023-01']);
    expect(breaksOf(axis)).toEqual([]);
  });
});

describe('selecting months', () => {
  const axis = monthAxis({ '2022-01': 1, '2022-04': 2 });
  const { bars } = axis;

  it('turns bars into the date filter from the first day of the first to the last day of the last', () => {
    expect(rangeOfBars(bars, 1, 1)).toEqual({ from: '2022-02-01', to: '2022-02-28' });
    expect(rangeOfBars(bars, 3, 0)).toEqual({ from: '2022-01-01', to: '2022-04-30' });
  });

  it('marks the bars a date filter keeps some day of, and none without a filter', () => {
    expect(bars.map((b) => inRange(b, { from: null, to: null }))).toEqual([false, false, false, false]);
    expect(bars.map((b) => inRange(b, { from: '2022-02-15', to: null }))).toEqual([false, true, true, true]);
    expect(bars.map((b) => inRange(b, { from: null, to: '2022-02-01' }))).toEqual([true, true, false, false]);
    expect(bars.map((b) => inRange(b, { from: '2022-03-01', to: '2022-03-31' }))).toEqual([false, false, true, false]);
  });

  it('picks one month, lets it go when picked again, and makes a range with a start', () => {
    expect(pickBar(bars, 2, -1, { from: null, to: null })).toEqual({ from: '2022-03-01', to: '2022-03-31' });
    expect(pickBar(bars, 2, -1, { from: '2022-03-01', to: '2022-03-31' })).toEqual({ from: null, to: null });
    expect(pickBar(bars, 2, -1, { from: '2022-01-01', to: '2022-03-31' })).toEqual({ from: '2022-03-01', to: '2022-03-31' });
    expect(pickBar(bars, 1, 3, { from: null, to: null })).toEqual({ from: '2022-02-01', to: '2022-04-30' });
  });

  it('finds the bar holding a month', () => {
    expect(barAt(bars, monthIndex('2022-03'))).toBe(2);
    expect(barAt(bars, monthIndex('2023-03'))).toBe(-1);
    const grouped = monthAxis({ '1950-03': 1, '1960-01': 1, '1970-01': 1, '1980-01': 1, '1990-01': 1, '2000-01': 1, '2010-01': 1, '2023-05': 1 });
    expect(grouped.monthsPerBar).toBe(6);
    expect(barAt(grouped.bars, monthIndex('1950-03'))).toBe(0);
    expect(barAt(grouped.bars, monthIndex('1950-07'))).toBe(1);
  });

  it('selects a whole year bar from 1 January to 31 December', () => {
    const years = monthAxis({
      '1900-03': 1,
      '1910-01': 1,
      '1920-01': 1,
      '1930-01': 1,
      '1940-01': 1,
      '1950-01': 1,
      '1960-01': 1,
      '1970-01': 1,
      '1980-01': 1,
      '1990-01': 1,
      '2000-01': 1,
      '2010-01': 1,
      '2020-01': 1,
      '2023-05': 1,
    });
    expect(years.monthsPerBar).toBe(12);
    expect(rangeOfBars(years.bars, 0, 0)).toEqual({ from: '1900-01-01', to: '1900-12-31' });
  });

  it('selects an edge bar as the span of its own months', () => {
    const outlier = monthAxis({ '1696-03': 1, '2022-01': 5 });
    expect(rangeOfBars(outlier.bars, 0, 0)).toEqual({ from: '1696-03-01', to: '1696-03-31' });
    expect(rangeOfBars(outlier.bars, 0, 1)).toEqual({ from: '1696-03-01', to: '2022-01-31' });
  });
});

describe('dragging', () => {
  it('maps a pointer to the bar under it, clamped to the chart', () => {
    expect(barAtX(100, 100, 400, 4)).toBe(0);
    expect(barAtX(299, 100, 400, 4)).toBe(1);
    expect(barAtX(300, 100, 400, 4)).toBe(2);
    expect(barAtX(499.9, 100, 400, 4)).toBe(3);
    expect(barAtX(50, 100, 400, 4)).toBe(0);
    expect(barAtX(900, 100, 400, 4)).toBe(3);
    expect(barAtX(150, 100, 0, 4)).toBe(0);
  });

  it('is a click, not a drag, until the pointer reaches another bar', () => {
    let d = startDrag(1, 3);
    expect(moveDrag(d, 1, 3)).toBe(d);
    expect(previewOf(d)).toBeNull();
    expect(endDrag(d, 1, 3)).toBeNull();
    d = moveDrag(d, 1, 5)!;
    expect(d.moved).toBe(true);
    expect(previewOf(d)).toEqual([3, 5]);
    // Back on its first bar it is still a drag, of one bar.
    d = moveDrag(d, 1, 3)!;
    expect(previewOf(d)).toEqual([3, 3]);
    expect(endDrag(d, 1, 3)).toEqual([3, 3]);
  });

  it('selects from the bar it started on to the bar it is released on, either direction', () => {
    let d = moveDrag(startDrag(7, 6), 7, 4);
    d = moveDrag(d, 7, 2);
    expect(previewOf(d)).toEqual([2, 6]);
    expect(endDrag(d, 7, 1)).toEqual([6, 1]);
  });

  it('selects the range it last showed when released away from the chart', () => {
    const d = moveDrag(startDrag(7, 2), 7, 5);
    expect(endDrag(d, 7)).toEqual([2, 5]);
  });

  it('ignores another pointer, and returns the same drag when nothing changed', () => {
    const d = moveDrag(startDrag(1, 2), 1, 4)!;
    expect(moveDrag(d, 2, 6)).toBe(d);
    expect(moveDrag(d, 1, 4)).toBe(d);
    expect(endDrag(d, 2, 6)).toBeNull();
    expect(moveDrag(null, 1, 4)).toBeNull();
    expect(endDrag(null, 1, 4)).toBeNull();
  });
});

describe('the keyboard', () => {
  it('moves one bar, to the ends, or a year, never off the chart', () => {
    expect(keyTarget('ArrowLeft', 5, 30, 1)).toBe(4);
    expect(keyTarget('ArrowRight', 5, 30, 1)).toBe(6);
    expect(keyTarget('ArrowLeft', 0, 30, 1)).toBe(0);
    expect(keyTarget('ArrowRight', 29, 30, 1)).toBe(29);
    expect(keyTarget('Home', 5, 30, 1)).toBe(0);
    expect(keyTarget('End', 5, 30, 1)).toBe(29);
    expect(keyTarget('PageDown', 5, 30, 1)).toBe(17);
    expect(keyTarget('PageUp', 15, 30, 1)).toBe(3);
    expect(keyTarget('PageUp', 5, 30, 1)).toBe(0);
    expect(keyTarget('Enter', 5, 30, 1)).toBeNull();
    expect(keyTarget('a', 5, 30, 1)).toBeNull();
  });

  it('moves a year in bars of quarters, and at least one bar of years', () => {
    expect(keyTarget('PageDown', 0, 30, 3)).toBe(4);
    expect(keyTarget('PageDown', 0, 30, 12)).toBe(1);
    expect(keyTarget('PageDown', 0, 30, 120)).toBe(1);
  });

  it('keeps the tab stop on the bar moved to, else the selection, else the latest', () => {
    expect(tabStopOf(null, -1, 10)).toBe(9);
    expect(tabStopOf(null, 3, 10)).toBe(3);
    expect(tabStopOf(5, 3, 10)).toBe(5);
    // A cursor left from a longer axis stays on the chart.
    expect(tabStopOf(40, -1, 10)).toBe(9);
  });
});
