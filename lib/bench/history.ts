/**
 * docs/bench-history.json: for each corpus size and system, the latest run's build time, cold query bytes
 * and first answer on the slow link, the numbers docs/bench-chart.svg plots. Each bench run (unless
 * `--no-docs`) merges its report in, as it replaces its own section of docs/BENCHMARKS.md.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { SystemMetrics } from './report';

/** The two systems the bench measures, in the order the chart draws them. */
export const HISTORY_SYSTEMS = ['ours', 'pagefind'] as const;

/** A system of {@link HISTORY_SYSTEMS}. */
export type HistorySystem = (typeof HISTORY_SYSTEMS)[number];

/** One system's numbers at one corpus size, from the latest run that measured it. Null: not measured (or that step failed). */
export interface HistoryEntry {
  /** Wall time of the indexing process, milliseconds. */
  buildMs: number | null;
  /** Median transfer of a fresh page's first query, bytes. */
  coldQueryBytes: number | null;
  /** Median time of a fresh page's first query on the slow link, milliseconds. */
  coldQueryMsSlow: number | null;
  /** Day of the run, `YYYY-MM-DD`. */
  date: string;
  /** The command of the run, when known. */
  command: string | null;
  /** The checkout measured (`git describe --always --dirty`), when known. */
  commit: string | null;
  /** The index format of the checkout measured, when known. */
  format: number | null;
}

/** One corpus size: each system's entry, or null when no run has measured it at this size. */
export interface HistorySize {
  docs: number;
  ours: HistoryEntry | null;
  pagefind: HistoryEntry | null;
}

/** The whole file. */
export interface BenchHistory {
  version: 1;
  /** Ascending by `docs`, one per size. */
  sizes: HistorySize[];
}

/**
 * What the history takes from a report: its size, date and command, and each system's three numbers.
 * A `BenchReport` is one; a system may be null, and a report older than the slow-link measure lacks it.
 */
export interface HistoryRun {
  docs: number;
  date: string;
  command: string;
  systems: Record<HistorySystem, (Pick<SystemMetrics, 'buildMs' | 'coldQueryBytes'> & { coldQueryMsSlow?: number | null }) | null>;
}

/** Where the checkout measured came from; null fields when unknown (a saved report rendered later). */
export interface HistoryProvenance {
  commit: string | null;
  format: number | null;
}

/** The history file is not what {@link readBenchHistory} expects; the message names the file and the first thing wrong. */
export class BenchHistoryError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'BenchHistoryError';
  }
}

/** A history with no runs, what a first bench run starts from. */
export function emptyBenchHistory(): BenchHistory {
  return { version: 1, sizes: [] };
}

// Rounded so that the file and the chart drawn from it change only when a measure does.
const roundOrNull = (x: number | null | undefined): number | null => (x === null || x === undefined ? null : Math.round(x));

/**
 * `history` with `run` merged in: at `run.docs`, each system the run measured (at least one of the three
 * numbers set) gets a new entry, and the numbers the run did not measure are null in it, so that an entry
 * never mixes two runs; a system the run skipped or failed wholly (Pagefind's `--no-pagefind`, a build
 * that ran out of memory) keeps its older entry. A size not there yet is inserted in order. Pure.
 */
export function mergeBenchReport(history: BenchHistory, run: HistoryRun, provenance: HistoryProvenance = { commit: null, format: null }): BenchHistory {
  const old = history.sizes.find((s) => s.docs === run.docs);
  const next: HistorySize = { docs: run.docs, ours: old?.ours ?? null, pagefind: old?.pagefind ?? null };
  for (const system of HISTORY_SYSTEMS) {
    const m = run.systems[system];
    if (m === null) continue;
    const entry: HistoryEntry = {
      buildMs: roundOrNull(m.buildMs),
      coldQueryBytes: roundOrNull(m.coldQueryBytes),
      coldQueryMsSlow: roundOrNull(m.coldQueryMsSlow),
      date: run.date.slice(0, 10),
      command: run.command,
      commit: provenance.commit,
      format: provenance.format,
    };
    if (entry.buildMs !== null || entry.coldQueryBytes !== null || entry.coldQueryMsSlow !== null) next[system] = entry;
  }
  const sizes = [...history.sizes.filter((s) => s.docs !== run.docs), next].sort((a, b) => a.docs - b.docs);
  return { version: 1, sizes };
}

type Json = Record<string, unknown>;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function checkEntry(v: unknown, where: string, fail: (reason: string) => never): HistoryEntry | null {
  if (v === null) return null;
  if (typeof v !== 'object' || Array.isArray(v)) fail(`${where} must be an object or null, got ${JSON.stringify(v)}`);
  const e = v as Json;
  for (const k of ['buildMs', 'coldQueryBytes', 'coldQueryMsSlow'] as const) {
    const x = e[k];
    if (x !== null && (typeof x !== 'number' || !Number.isFinite(x) || x < 0)) {
      fail(`${where}.${k} must be a non-negative number or null, got ${JSON.stringify(x)}`);
    }
  }
  if (typeof e.date !== 'string' || !DAY.test(e.date)) fail(`${where}.date must be a day YYYY-MM-DD, got ${JSON.stringify(e.date)}`);
  for (const k of ['command', 'commit'] as const) {
    if (e[k] !== null && (typeof e[k] !== 'string' || e[k] === '')) fail(`${where}.${k} must be a non-empty string or null, got ${JSON.stringify(e[k])}`);
  }
  if (e.format !== null && (!Number.isInteger(e.format) || (e.format as number) < 1)) {
    fail(`${where}.format must be a positive integer or null, got ${JSON.stringify(e.format)}`);
  }
  const { buildMs, coldQueryBytes, coldQueryMsSlow, date, command, commit, format } = e as unknown as HistoryEntry;
  return { buildMs, coldQueryBytes, coldQueryMsSlow, date, command, commit, format };
}

/**
 * The history in `text`, checked: version 1, sizes positive integers in ascending order, each number
 * non-negative or null, each date a day.
 * @throws {@link BenchHistoryError} naming `file` and the first thing wrong.
 */
export function parseBenchHistory(text: string, file: string): BenchHistory {
  const fail = (reason: string): never => {
    throw new BenchHistoryError(file, reason);
  };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    fail(`not JSON (${(e as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('must hold an object');
  const h = value as Json;
  if (h.version !== 1) fail(`version must be 1, got ${JSON.stringify(h.version)}`);
  if (!Array.isArray(h.sizes)) fail('sizes must be an array');
  let previous = 0;
  const sizes = (h.sizes as unknown[]).map((v, i): HistorySize => {
    const where = `sizes[${i}]`;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(`${where} must be an object`);
    const s = v as Json;
    if (!Number.isSafeInteger(s.docs) || (s.docs as number) < 1) fail(`${where}.docs must be a positive integer, got ${JSON.stringify(s.docs)}`);
    const docs = s.docs as number;
    if (docs <= previous) fail(`${where}.docs must be above the size before it (${previous}), got ${docs}`);
    previous = docs;
    return { docs, ours: checkEntry(s.ours, `${where}.ours`, fail), pagefind: checkEntry(s.pagefind, `${where}.pagefind`, fail) };
  });
  return { version: 1, sizes };
}

/** The history in `file`, checked; an empty one when the file does not exist yet. @throws {@link BenchHistoryError} */
export function readBenchHistory(file: string): BenchHistory {
  if (!existsSync(file)) return emptyBenchHistory();
  return parseBenchHistory(readFileSync(file, 'utf8'), file);
}

/** The text of the file: indented JSON (as Prettier leaves it) and a final newline. */
export function serializeBenchHistory(history: BenchHistory): string {
  return `${JSON.stringify(history, null, 2)}\n`;
}
