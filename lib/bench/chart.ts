/**
 * docs/bench-chart.svg: the history's three measures (cold query bytes, first answer on the slow link,
 * build time) against the number of articles, ours and Pagefind, as three panels side by side.
 *
 * Drawn by hand rather than with a charting library: three panels of a few points each need scales, ticks,
 * a polyline and markers, about as much code as configuring a library, and the libraries that render SVG
 * in Node (Vega, Observable Plot with a DOM shim, ECharts' SSR) bring megabytes of dependencies whose
 * output (generated ids, float noise, font measuring) would have to be pinned to stay byte-for-byte the
 * same from one run to the next, which a file kept in the repository needs.
 */
import type { BenchHistory, HistoryEntry, HistorySystem } from './history';
import { HISTORY_SYSTEMS } from './history';
import { describeLink, SLOW_4G } from './link';
import { formatBytes, formatMs } from './report';

const WIDTH = 960;
const HEIGHT = 372;
const MARGIN = 24;
const PANEL_WIDTH = 288;
const PANEL_GAP = 24;
/** Room left of each plot for the y tick labels (`400 KB`, `1.5 s`, `30 min`). */
const Y_LABELS = 60;
const PLOT_TOP = 100;
const PLOT_BOTTOM = 290;
/** Width of a character of a 13 px tick label (digits and `k`, `M`), a little over, to keep labels apart without measuring text. */
const LABEL_CHAR_WIDTH = 8;

/**
 * Okabe and Ito's blue and vermillion: told apart with each kind of colour blindness and dark enough to
 * read on white; the marker shape and the dash tell the two apart without colour too.
 */
const STYLE: Record<HistorySystem, { label: string; colour: string; dash: string | null }> = {
  ours: { label: 'ours', colour: '#0072B2', dash: null },
  pagefind: { label: 'Pagefind', colour: '#D55E00', dash: '6 4' },
};

const INK = '#1a1a1a';
const MUTED = '#555555';
const GRID = '#e3e3e3';
const AXIS = '#8a8a8a';
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

type Unit = 'bytes' | 'ms';

interface Panel {
  title: string;
  unit: Unit;
  value: (e: HistoryEntry) => number | null;
}

const PANELS: Panel[] = [
  { title: 'Cold query: transferred (median)', unit: 'bytes', value: (e) => e.coldQueryBytes },
  { title: 'First answer on slow 4G (median)', unit: 'ms', value: (e) => e.coldQueryMsSlow },
  { title: 'Build time', unit: 'ms', value: (e) => e.buildMs },
];

/** `<`, `>`, `&` and both quotes as entities: safe in text and in attribute values. */
function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A coordinate, rounded to a tenth of a pixel so that the output does not depend on float noise. */
function px(x: number): string {
  return String(Math.round(x * 10) / 10);
}

/** Tick labels' unit for an axis whose largest value is `max`, and the factor from raw values to it. */
function displayUnit(unit: Unit, max: number): { name: string; per: number } {
  if (unit === 'bytes') return max < 1e6 ? { name: 'KB', per: 1e3 } : { name: 'MB', per: 1e6 };
  if (max < 1000) return { name: 'ms', per: 1 };
  return max < 10 * 60_000 ? { name: 's', per: 1000 } : { name: 'min', per: 60_000 };
}

/** Digits after the point that `step` needs (0.25 → 2, 2.5 → 1, 50 → 0). */
function decimalsOf(step: number): number {
  for (let d = 0; d < 6; d++) if (Math.abs(Math.round(step * 10 ** d) - step * 10 ** d) < 1e-6) return d;
  return 6;
}

/** Round tick values from 0 up to at least `max` (in display units), about four steps of 1, 2, 2.5 or 5 × 10ⁿ. */
function niceTicks(max: number): number[] {
  const raw = (max > 0 ? max : 1) / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * magnitude).find((s) => s >= raw - 1e-9) ?? 10 * magnitude;
  const steps = Math.max(1, Math.ceil(max / step - 1e-9));
  const d = decimalsOf(step);
  return Array.from({ length: steps + 1 }, (_, i) => Number((i * step).toFixed(d)));
}

/** `2000` → `2k`, `100000` → `100k`, `1500000` → `1.5M`. */
function formatDocs(n: number): string {
  const short = (x: number) => String(Number(x.toFixed(1)));
  if (n >= 1e6) return `${short(n / 1e6)}M`;
  if (n >= 1e3) return `${short(n / 1e3)}k`;
  return String(n);
}

function formatValue(unit: Unit, v: number): string {
  return unit === 'bytes' ? formatBytes(v) : formatMs(v);
}

/** The run behind a point: its day, and the checkout and format when known. */
function provenance(e: HistoryEntry): string {
  return [e.date, ...(e.commit ? [e.commit] : []), ...(e.format !== null ? [`format ${e.format}`] : [])].join(', ');
}

function marker(system: HistorySystem, x: number, y: number, title: string): string {
  const { colour } = STYLE[system];
  const t = `<title>${escapeXml(title)}</title>`;
  if (system === 'ours') return `<circle cx="${px(x)}" cy="${px(y)}" r="4.5" fill="${colour}">${t}</circle>`;
  // Hollow and larger than ours' dot, so that a point of ours drawn over it at the same place leaves it visible.
  return `<rect x="${px(x - 5.5)}" y="${px(y - 5.5)}" width="11" height="11" fill="#ffffff" stroke="${colour}" stroke-width="2">${t}</rect>`;
}

interface XScale {
  sizes: number[];
  at: (docs: number) => number;
}

/** A log scale over the history's sizes, shared by the panels so that a size sits at the same place in each. */
function xScale(history: BenchHistory, left: number, right: number): XScale {
  const sizes = history.sizes.map((s) => s.docs);
  const logs = sizes.map(Math.log10);
  const lo = logs.length ? Math.min(...logs) : 3;
  const hi = logs.length ? Math.max(...logs) : 5;
  // Padded so that the end points' markers and labels stay inside the plot.
  const pad = hi > lo ? (hi - lo) * 0.1 : 0.5;
  const a = lo - pad;
  const b = hi + pad;
  return { sizes, at: (docs) => left + ((Math.log10(docs) - a) / (b - a)) * (right - left) };
}

function renderPanel(history: BenchHistory, panel: Panel, originX: number): { svg: string[]; summary: string } {
  const left = originX + Y_LABELS;
  const right = originX + PANEL_WIDTH;
  const x = xScale(history, left, right);
  const out: string[] = [
    `<g>`,
    `<text x="${px(originX)}" y="${PLOT_TOP - 22}" font-size="15" font-weight="600" fill="${INK}">${escapeXml(panel.title)}</text>`,
  ];

  const series = HISTORY_SYSTEMS.map((system) => ({
    system,
    points: history.sizes.flatMap((s) => {
      const e = s[system];
      const v = e ? panel.value(e) : null;
      return e && v !== null ? [{ docs: s.docs, value: v, entry: e }] : [];
    }),
  }));
  const values = series.flatMap((s) => s.points.map((p) => p.value));

  // The x axis: a tick per size the history holds, labelled unless it would run into the label before it.
  let lastEnd = -Infinity;
  for (const docs of x.sizes) {
    const cx = x.at(docs);
    const label = formatDocs(docs);
    const half = (label.length * LABEL_CHAR_WIDTH) / 2;
    out.push(`<line x1="${px(cx)}" y1="${PLOT_BOTTOM}" x2="${px(cx)}" y2="${PLOT_BOTTOM + 5}" stroke="${AXIS}"/>`);
    if (cx - half >= lastEnd + 4) {
      out.push(`<text x="${px(cx)}" y="${PLOT_BOTTOM + 20}" font-size="13" text-anchor="middle" fill="${INK}">${label}</text>`);
      lastEnd = cx + half;
    }
  }
  out.push(`<text x="${px((left + right) / 2)}" y="${PLOT_BOTTOM + 40}" font-size="13" text-anchor="middle" fill="${MUTED}">articles (log scale)</text>`);

  if (!values.length) {
    out.push(`<line x1="${left}" y1="${PLOT_BOTTOM}" x2="${right}" y2="${PLOT_BOTTOM}" stroke="${AXIS}"/>`);
    out.push(
      `<text x="${px((left + right) / 2)}" y="${px((PLOT_TOP + PLOT_BOTTOM) / 2)}" font-size="14" font-style="italic" text-anchor="middle" fill="${MUTED}">not measured yet</text>`,
    );
    out.push('</g>');
    return { svg: out, summary: `${panel.title}: not measured yet.` };
  }

  const unit = displayUnit(panel.unit, Math.max(...values));
  const ticks = niceTicks(Math.max(...values) / unit.per);
  const top = ticks[ticks.length - 1]! * unit.per;
  const y = (v: number) => PLOT_BOTTOM - (v / top) * (PLOT_BOTTOM - PLOT_TOP);
  for (const t of ticks) {
    const ty = y(t * unit.per);
    out.push(`<line x1="${left}" y1="${px(ty)}" x2="${right}" y2="${px(ty)}" stroke="${t === 0 ? AXIS : GRID}"/>`);
    out.push(`<text x="${left - 8}" y="${px(ty + 4.5)}" font-size="13" text-anchor="end" fill="${INK}">${t} ${unit.name}</text>`);
  }

  // Pagefind first, so that ours' dot lands inside Pagefind's hollow square where the two coincide.
  for (const { system, points } of [...series].reverse()) {
    const { colour, dash } = STYLE[system];
    const xy = points.map((p) => `${px(x.at(p.docs))},${px(y(p.value))}`).join(' ');
    if (points.length > 1) {
      out.push(`<polyline points="${xy}" fill="none" stroke="${colour}" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`);
    }
    for (const p of points) {
      const title = `${STYLE[system].label}, ${p.docs.toLocaleString('en-US')} articles: ${formatValue(panel.unit, p.value)} (${provenance(p.entry)})`;
      out.push(marker(system, x.at(p.docs), y(p.value), title));
    }
  }
  out.push('</g>');
  const summary = series
    .map(({ system, points }) => {
      const list = points.map((p) => `${p.docs.toLocaleString('en-US')} articles ${formatValue(panel.unit, p.value)}`).join(', ');
      return `${STYLE[system].label} ${list || 'not measured'}`;
    })
    .join('; ');
  return { svg: out, summary: `${panel.title}: ${summary}.` };
}

function renderLegend(): string[] {
  const out: string[] = [];
  let at = WIDTH - MARGIN - 232;
  for (const system of HISTORY_SYSTEMS) {
    const { label, colour, dash } = STYLE[system];
    out.push(`<line x1="${at}" y1="30" x2="${at + 30}" y2="30" stroke="${colour}" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`);
    out.push(marker(system, at + 15, 30, label));
    out.push(`<text x="${at + 40}" y="35" font-size="14" fill="${INK}">${escapeXml(label)}</text>`);
    at += 112;
  }
  return out;
}

/**
 * The chart of `history` as a standalone SVG document (960 × 372): one panel per measure, the number of
 * articles on a log scale, a line and markers per system (a point's tooltip names its value and run),
 * missing points left out and a panel with none saying "not measured yet". The same history gives the same
 * bytes: coordinates are rounded and nothing depends on the time or the machine.
 */
export function renderBenchChart(history: BenchHistory): string {
  const title = 'Ours and Pagefind against the number of articles: cold query transfer, first answer on slow 4G, build time';
  const panels = PANELS.map((p, i) => renderPanel(history, p, MARGIN + i * (PANEL_WIDTH + PANEL_GAP)));
  const note = `The latest run at each size (docs/bench-history.json). Slow 4G: ${describeLink(SLOW_4G)}.`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeXml(title)}" font-family="${escapeXml(FONT)}">`,
    `<title>${escapeXml(title)}</title>`,
    `<desc>${escapeXml([...panels.map((p) => p.summary), note].join(' '))}</desc>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${MARGIN}" y="36" font-size="18" font-weight="600" fill="${INK}">Ours and Pagefind by number of articles</text>`,
    ...renderLegend(),
    ...panels.flatMap((p) => p.svg),
    `<text x="${MARGIN}" y="${HEIGHT - 14}" font-size="12" fill="${MUTED}">${escapeXml(note)}</text>`,
    '</svg>',
    '',
  ].join('\n');
}
