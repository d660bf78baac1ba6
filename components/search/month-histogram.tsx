'use client';

import { memo, useEffect, useId, useRef, useState } from 'react';
import {
  barAt,
  barAtX,
  barsName,
  breaksOf,
  endDrag,
  gridLinesOf,
  inRange,
  keyTarget,
  monthAt,
  monthAxis,
  moveDrag,
  pickBar,
  previewOf,
  rangeOfBars,
  startDrag,
  tabStopOf,
  type Drag,
} from './month-range';

/**
 * The months of the current matches as a bar chart (inline SVG), and the date filter's other control:
 * click (or tap) a bar to keep only that month, drag across bars or Shift+click for a range, click the
 * selected month again to drop the date filter. Each bar has a button over it, labelled with its month
 * and count; the buttons are one tab stop (roving tabindex): ←/→ move, Home/End jump, PageUp/PageDown
 * move a year, Enter or Space selects the month, Shift+Enter the range from the last chosen month.
 *
 * A bar is one month, except when the months span more than fits: then far outliers gather in a bar at
 * each end and a long span is drawn in quarters, years … (see {@link monthAxis}); a bar selects every
 * month it covers.
 *
 * `counts` is the engine's month facet, which ignores the date filter, so the whole picture stays
 * visible and the selected range is marked inside it.
 */
export const MonthHistogram = memo(function MonthHistogram({
  counts,
  from,
  to,
  onSelect,
}: {
  counts: Record<string, number>;
  from: string | null;
  to: string | null;
  onSelect: (from: string | null, to: string | null) => void;
}) {
  const axis = monthAxis(counts);
  const { bars } = axis;
  const n = bars.length;
  const max = Math.max(1, ...bars.map((b) => b.count));

  const headingId = useId();
  const hintId = useId();
  const group = useRef<HTMLDivElement>(null);
  /** The bar that holds the tab stop once the reader has moved it; null: the selection's start, or the latest month. */
  const [cursor, setCursor] = useState<number | null>(null);
  const [focused, setFocused] = useState(false);
  const [hover, setHover] = useState<number | null>(null);
  /** The bars being dragged across, `[lo, hi]`, before the range is committed. */
  const [preview, setPreview] = useState<[number, number] | null>(null);
  const drag = useRef<Drag | null>(null);
  /** Set when a drag was committed, so the click that ends it does not select one month as well. */
  const dragged = useRef(false);
  /** Where a Shift+click or Shift+Enter range starts: the first month (a month index) of the bar chosen last. */
  const anchor = useRef<number | null>(null);

  const selected = bars.map((b) => inRange(b, { from, to }));
  const firstSelected = selected.indexOf(true);
  const lastSelected = selected.lastIndexOf(true);
  const [lo, hi] = preview ?? [firstSelected, lastSelected];
  const marked = (i: number) => lo >= 0 && i >= lo && i <= hi;
  const hasMark = lo >= 0;

  const commitRange = (a: number, b: number) => {
    anchor.current = bars[a]?.first ?? null;
    setCursor(b);
    const range = rangeOfBars(bars, a, b);
    onSelect(range.from, range.to);
  };
  const commitRef = useRef(commitRange);
  useEffect(() => {
    commitRef.current = commitRange;
  });

  // A drag released outside the chart still selects the range it shows.
  useEffect(() => {
    if (!preview) return;
    const end = () => {
      const d = drag.current;
      drag.current = null;
      setPreview(null);
      const range = d && endDrag(d, d.pointer);
      if (range) {
        dragged.current = true;
        commitRef.current(...range);
      }
    };
    window.addEventListener('pointerup', end);
    return () => window.removeEventListener('pointerup', end);
  }, [preview]);

  if (n === 0) return null;

  const tabStop = tabStopOf(cursor, firstSelected, n);

  const choose = (i: number, extend: boolean) => {
    setCursor(i);
    // Without a month chosen here yet (a link with dates in it), the range grows from the selection's start.
    const start = !extend ? -1 : anchor.current !== null ? barAt(bars, anchor.current) : firstSelected;
    anchor.current = bars[start >= 0 ? start : i]!.first;
    const next = pickBar(bars, i, start, { from, to });
    onSelect(next.from, next.to);
  };

  const indexAt = (clientX: number): number => {
    const r = group.current!.getBoundingClientRect();
    return barAtX(clientX, r.left, r.width, n);
  };

  const moveFocus = (i: number) => {
    const j = Math.max(0, Math.min(n - 1, i));
    setCursor(j);
    group.current?.querySelectorAll('button')[j]?.focus();
  };

  const name = (a: number, b = a) => barsName(axis, a, b);
  const sum = (a: number, b: number) => bars.slice(Math.min(a, b), Math.max(a, b) + 1).reduce((x, bar) => x + bar.count, 0);
  /** The bar the reader is on: under the mouse, or in keyboard focus. */
  const pointed = hover !== null && hover < n ? hover : focused ? tabStop : null;
  let readout: string;
  if (preview) readout = `${name(...preview)} · ${sum(...preview)} 篇`;
  else if (pointed !== null) readout = `${name(pointed)} · ${bars[pointed]!.count} 篇`;
  else if (hasMark) readout = `已选 ${name(lo, hi)}`;
  else readout = '点击选择月份，拖动选择区间';

  const gridLines = gridLinesOf(axis);
  const breaks = breaksOf(axis);
  /** The `data-month` of a bar that is one month; a bar of several has none. */
  const monthOf = (i: number) => (bars[i]!.first === bars[i]!.last ? monthAt(bars[i]!.first) : undefined);
  const axisStart = monthAt(bars[0]!.first);
  const axisEnd = monthAt(bars[n - 1]!.last);

  return (
    <section aria-labelledby={headingId} className="mb-4">
      <div className="flex flex-wrap items-baseline justify-between gap-x-3">
        <h2 id={headingId} className="text-sm font-semibold text-slate-700 dark:text-slate-200">
          日期分布
        </h2>
        <p className="text-xs text-slate-600 tabular-nums dark:text-slate-400" data-testid="histogram-readout">
          {readout}
        </p>
      </div>
      <div className="relative mt-1 h-16 touch-pan-y select-none">
        <svg aria-hidden="true" viewBox={`0 0 ${n} 100`} preserveAspectRatio="none" className="absolute inset-0 h-full w-full overflow-visible">
          {hasMark && <rect x={lo} y={0} width={hi - lo + 1} height={100} className="fill-blue-100 dark:fill-blue-950" />}
          {gridLines.map((i) => (
            <line key={i} x1={i} x2={i} y1={0} y2={100} vectorEffect="non-scaling-stroke" strokeWidth={1} className="stroke-slate-200 dark:stroke-slate-800" />
          ))}
          {/* Where the axis skips the empty years between an outlier and the rest. */}
          {breaks.map((i) => (
            <line
              key={`break-${i}`}
              x1={i}
              x2={i}
              y1={0}
              y2={100}
              vectorEffect="non-scaling-stroke"
              strokeWidth={1}
              strokeDasharray="3 3"
              className="stroke-slate-400 dark:stroke-slate-500"
            />
          ))}
          {bars.map((bar, i) => {
            if (bar.count === 0) return null;
            const h = Math.max(4, (bar.count / max) * 94);
            const tone =
              i === hover || (focused && i === tabStop)
                ? 'fill-blue-900 dark:fill-blue-200'
                : hasMark && !marked(i)
                  ? 'fill-slate-300 dark:fill-slate-600'
                  : 'fill-blue-600 dark:fill-blue-400';
            return <rect key={`${bar.first}-${bar.last}`} data-month={monthOf(i)} x={i + 0.12} width={0.76} y={100 - h} height={h} className={tone} />;
          })}
          <line x1={0} x2={n} y1={100} y2={100} vectorEffect="non-scaling-stroke" strokeWidth={1} className="stroke-slate-400 dark:stroke-slate-500" />
        </svg>
        <div
          ref={group}
          role="group"
          aria-label="按月筛选"
          aria-describedby={hintId}
          className="absolute inset-0 flex"
          onPointerDown={(e) => {
            if (e.button !== 0) return;
            dragged.current = false;
            drag.current = startDrag(e.pointerId, indexAt(e.clientX));
          }}
          onPointerMove={(e) => {
            const i = indexAt(e.clientX);
            if (e.pointerType === 'mouse') setHover(i);
            const next = moveDrag(drag.current, e.pointerId, i);
            if (next === drag.current) return;
            drag.current = next;
            setPreview(previewOf(next));
          }}
          onPointerUp={(e) => {
            const d = drag.current;
            drag.current = null;
            setPreview(null);
            const end = indexAt(e.clientX);
            const range = endDrag(d, e.pointerId, end);
            if (!range) return;
            dragged.current = true;
            commitRange(...range);
            moveFocus(end);
          }}
          onPointerCancel={() => {
            drag.current = null;
            setPreview(null);
          }}
          onPointerLeave={() => setHover(null)}
          onKeyDown={(e) => {
            const target = e.altKey || e.ctrlKey || e.metaKey ? null : keyTarget(e.key, tabStop, n, axis.monthsPerBar);
            if (target !== null) {
              e.preventDefault();
              moveFocus(target);
            } else if ((e.key === 'Enter' || e.key === ' ') && e.shiftKey) {
              // Shift+Enter extends from the anchor; the browser's own click would lose the Shift.
              e.preventDefault();
              choose(tabStop, true);
            }
          }}
        >
          {bars.map((bar, i) => (
            <button
              key={`${bar.first}-${bar.last}`}
              type="button"
              tabIndex={i === tabStop ? 0 : -1}
              aria-label={`${name(i)}，${bar.count} 篇`}
              aria-pressed={selected[i]}
              data-month={monthOf(i)}
              onFocus={(e) => {
                setCursor(i);
                // Darken the bar for keyboard focus only; a clicked bar is already under the pointer.
                setFocused(e.currentTarget.matches(':focus-visible'));
              }}
              onBlur={() => setFocused(false)}
              onClick={(e) => {
                // A click that ends a drag (detail ≥ 1) was the drag; a keyboard click (detail 0) never is.
                if (dragged.current && e.detail !== 0) {
                  dragged.current = false;
                  return;
                }
                choose(i, e.shiftKey);
              }}
              className="h-full min-w-0 flex-1 cursor-pointer rounded-none focus-visible:outline-offset-0"
            />
          ))}
        </div>
      </div>
      <div aria-hidden="true" className="mt-1 flex justify-between text-xs text-slate-600 tabular-nums dark:text-slate-400">
        <span>{axisStart}</span>
        {axisEnd !== axisStart && <span>{axisEnd}</span>}
      </div>
      <p id={hintId} className="sr-only">
        方向键移动，Enter 选定该月，Shift+Enter 选定从上次所选月份起的区间；再次选定已选的月份可取消日期筛选。
      </p>
    </section>
  );
});
