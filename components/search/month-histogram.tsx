'use client';

import { useEffect, useId, useRef, useState } from 'react';

/** `2022-03` → the months from `first` to `last` inclusive, gaps included, so the axis is continuous. */
function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  let y = Number(first.slice(0, 4));
  let m = Number(first.slice(5, 7));
  const endY = Number(last.slice(0, 4));
  const endM = Number(last.slice(5, 7));
  // A bound for safety: the index's dates are 1900–2099, so this is never reached by real data.
  while ((y < endY || (y === endY && m <= endM)) && out.length < 2400) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/** The last day of a month `YYYY-MM`, as `YYYY-MM-DD`. */
export function lastDayOf(month: string): string {
  const days = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
  return `${month}-${String(days).padStart(2, '0')}`;
}

/** `2022-03` → `2022年3月`, as a reader (and a screen reader) says it. */
function monthName(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
}

const isMonthKey = (k: string) => /^\d{4}-(0[1-9]|1[0-2])$/.test(k);

/**
 * The months of the current matches as a bar chart (inline SVG), and the date filter's other control:
 * click (or tap) a bar to keep only that month, drag across bars or Shift+click for a range, click the
 * selected month again to drop the date filter. Each bar has a button over it, labelled with its month
 * and count; the buttons are one tab stop (roving tabindex): ←/→ move, Home/End jump, PageUp/PageDown
 * move a year, Enter or Space selects the month, Shift+Enter the range from the last chosen month.
 *
 * `counts` is the engine's month facet, which ignores the date filter, so the whole picture stays
 * visible and the selected range is marked inside it.
 */
export function MonthHistogram({
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
  const keys = Object.keys(counts).filter(isMonthKey).sort();
  const months = keys.length ? monthsBetween(keys[0]!, keys[keys.length - 1]!) : [];
  const n = months.length;
  const values = months.map((m) => counts[m] ?? 0);
  const max = Math.max(1, ...values);

  const headingId = useId();
  const hintId = useId();
  const group = useRef<HTMLDivElement>(null);
  /** The bar that holds the tab stop once the reader has moved it; null: the selection's start, or the latest month. */
  const [cursor, setCursor] = useState<number | null>(null);
  const [focused, setFocused] = useState(false);
  const [hover, setHover] = useState<number | null>(null);
  /** The range being dragged, [anchor, current], before it is committed. */
  const [preview, setPreview] = useState<[number, number] | null>(null);
  const drag = useRef<{ pointer: number; anchor: number; current: number; moved: boolean } | null>(null);
  /** Set when a drag was committed, so the click that ends it does not select one month as well. */
  const dragged = useRef(false);
  /** Where a Shift+click or Shift+Enter range starts: the month chosen last. */
  const anchor = useRef<string | null>(null);

  const inSelection = (m: string) => (from !== null || to !== null) && `${m}-01` <= (to ?? '9999-12-31') && lastDayOf(m) >= (from ?? '0000-01-01');
  const selected = months.map(inSelection);
  const firstSelected = selected.indexOf(true);
  const lastSelected = selected.lastIndexOf(true);
  const [lo, hi] = preview ? [Math.min(...preview), Math.max(...preview)] : [firstSelected, lastSelected];
  const marked = (i: number) => lo >= 0 && i >= lo && i <= hi;
  const hasMark = lo >= 0;

  const commitRange = (a: number, b: number) => {
    const [i, j] = [Math.min(a, b), Math.max(a, b)];
    anchor.current = months[a] ?? null;
    setCursor(b);
    onSelect(`${months[i]}-01`, lastDayOf(months[j]!));
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
      if (d?.moved) {
        dragged.current = true;
        commitRef.current(d.anchor, d.current);
      }
    };
    window.addEventListener('pointerup', end);
    return () => window.removeEventListener('pointerup', end);
  }, [preview]);

  if (n === 0) return null;

  const tabStop = Math.min(cursor ?? (firstSelected >= 0 ? firstSelected : n - 1), n - 1);

  const choose = (i: number, extend: boolean) => {
    const m = months[i]!;
    setCursor(i);
    // Without a month chosen here yet (a link with dates in it), the range grows from the selection's start.
    const start = !extend ? -1 : anchor.current ? months.indexOf(anchor.current) : firstSelected;
    if (start >= 0) {
      commitRange(start, i);
      return;
    }
    anchor.current = m;
    if (from === `${m}-01` && to === lastDayOf(m)) onSelect(null, null);
    else onSelect(`${m}-01`, lastDayOf(m));
  };

  const indexAt = (clientX: number): number => {
    const r = group.current!.getBoundingClientRect();
    return Math.max(0, Math.min(n - 1, Math.floor(((clientX - r.left) / r.width) * n)));
  };

  const moveFocus = (i: number) => {
    const j = Math.max(0, Math.min(n - 1, i));
    setCursor(j);
    group.current?.querySelectorAll('button')[j]?.focus();
  };

  const sum = (a: number, b: number) => values.slice(Math.min(a, b), Math.max(a, b) + 1).reduce((x, y) => x + y, 0);
  /** The bar the reader is on: under the mouse, or in keyboard focus. */
  const pointed = hover !== null && hover < n ? hover : focused ? tabStop : null;
  let readout: string;
  if (preview) {
    const [a, b] = [Math.min(...preview), Math.max(...preview)];
    readout = a === b ? `${monthName(months[a]!)} · ${values[a]} 篇` : `${monthName(months[a]!)} 至 ${monthName(months[b]!)} · ${sum(a, b)} 篇`;
  } else if (pointed !== null) readout = `${monthName(months[pointed]!)} · ${values[pointed]} 篇`;
  else if (hasMark) readout = lo === hi ? `已选 ${monthName(months[lo]!)}` : `已选 ${monthName(months[lo]!)} 至 ${monthName(months[hi]!)}`;
  else readout = '点击选择月份，拖动选择区间';

  // Year boundaries as faint gridlines, so a reader can count years without a label under every bar.
  const januaries = months.flatMap((m, i) => (i > 0 && m.endsWith('-01') ? [i] : []));

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
          {januaries.map((i) => (
            <line key={i} x1={i} x2={i} y1={0} y2={100} vectorEffect="non-scaling-stroke" strokeWidth={1} className="stroke-slate-200 dark:stroke-slate-800" />
          ))}
          {values.map((v, i) => {
            if (v === 0) return null;
            const h = Math.max(4, (v / max) * 94);
            const tone =
              i === hover || (focused && i === tabStop)
                ? 'fill-blue-900 dark:fill-blue-200'
                : hasMark && !marked(i)
                  ? 'fill-slate-300 dark:fill-slate-600'
                  : 'fill-blue-600 dark:fill-blue-400';
            return <rect key={months[i]} data-month={months[i]} x={i + 0.12} width={0.76} y={100 - h} height={h} className={tone} />;
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
            const i = indexAt(e.clientX);
            drag.current = { pointer: e.pointerId, anchor: i, current: i, moved: false };
          }}
          onPointerMove={(e) => {
            const i = indexAt(e.clientX);
            if (e.pointerType === 'mouse') setHover(i);
            const d = drag.current;
            if (!d || d.pointer !== e.pointerId || (!d.moved && i === d.anchor)) return;
            d.moved = true;
            d.current = i;
            setPreview([d.anchor, i]);
          }}
          onPointerUp={(e) => {
            const d = drag.current;
            drag.current = null;
            setPreview(null);
            if (!d || d.pointer !== e.pointerId || !d.moved) return;
            dragged.current = true;
            const end = indexAt(e.clientX);
            commitRange(d.anchor, end);
            moveFocus(end);
          }}
          onPointerCancel={() => {
            drag.current = null;
            setPreview(null);
          }}
          onPointerLeave={() => setHover(null)}
          onKeyDown={(e) => {
            const i = tabStop;
            const moves: Record<string, number> = { ArrowLeft: i - 1, ArrowRight: i + 1, Home: 0, End: n - 1, PageUp: i - 12, PageDown: i + 12 };
            if (e.key in moves && !e.altKey && !e.ctrlKey && !e.metaKey) {
              e.preventDefault();
              moveFocus(moves[e.key]!);
            } else if ((e.key === 'Enter' || e.key === ' ') && e.shiftKey) {
              // Shift+Enter extends from the anchor; the browser's own click would lose the Shift.
              e.preventDefault();
              choose(i, true);
            }
          }}
        >
          {months.map((m, i) => (
            <button
              key={m}
              type="button"
              tabIndex={i === tabStop ? 0 : -1}
              aria-label={`${monthName(m)}，${values[i]} 篇`}
              aria-pressed={selected[i]}
              data-month={m}
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
        <span>{months[0]}</span>
        {n > 1 && <span>{months[n - 1]}</span>}
      </div>
      <p id={hintId} className="sr-only">
        方向键移动，Enter 选定该月，Shift+Enter 选定从上次所选月份起的区间；再次选定已选的月份可取消日期筛选。
      </p>
    </section>
  );
}
