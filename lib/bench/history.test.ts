import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  BenchHistoryError,
  emptyBenchHistory,
  mergeBenchReport,
  parseBenchHistory,
  readBenchHistory,
  serializeBenchHistory,
  type BenchHistory,
  type HistoryEntry,
  type HistoryRun,
} from './history';
import { emptySystemMetrics, type BenchReport } from './report';

const SEEDED = fileURLToPath(new URL('../../docs/bench-history.json', import.meta.url));

function entry(over: Partial<HistoryEntry> = {}): HistoryEntry {
  return { buildMs: 1000, coldQueryBytes: 50_000, coldQueryMsSlow: null, date: '2026-12-01', command: 'old run', commit: null, format: 10, ...over };
}

function history(): BenchHistory {
  return {
    version: 1,
    sizes: [
      { docs: 2000, ours: entry({ buildMs: 20_000 }), pagefind: entry({ buildMs: 19_000 }) },
      { docs: 100_000, ours: entry({ buildMs: 1_600_000 }), pagefind: null },
    ],
  };
}

function run(docs: number, systems: Partial<HistoryRun['systems']> = {}): HistoryRun {
  return {
    docs,
    date: '2026-12-03T10:11:12.000Z',
    command: `npm run bench -- --docs ${docs}`,
    systems: {
      ours: { buildMs: 21_234.6, coldQueryBytes: 43_300.4, coldQueryMsSlow: 812.49 },
      pagefind: { buildMs: 18_000.2, coldQueryBytes: 101_999.5, coldQueryMsSlow: 1500 },
      ...systems,
    },
  };
}

describe('mergeBenchReport', () => {
  it("replaces the size's entry of each system measured, rounded, with the run's day and provenance", () => {
    const merged = mergeBenchReport(history(), run(2000), { commit: 'abc1234', format: 12 });
    expect(merged.sizes.map((s) => s.docs)).toEqual([2000, 100_000]);
    const common = { date: '2026-12-03', command: 'npm run bench -- --docs 2000', commit: 'abc1234', format: 12 };
    expect(merged.sizes[0]).toEqual({
      docs: 2000,
      ours: { buildMs: 21_235, coldQueryBytes: 43_300, coldQueryMsSlow: 812, ...common },
      pagefind: { buildMs: 18_000, coldQueryBytes: 102_000, coldQueryMsSlow: 1500, ...common },
    });
    expect(merged.sizes[1]).toEqual(history().sizes[1]);
  });

  it('keeps the older entry of a system the run skipped (null, or every number null as --no-pagefind reports it)', () => {
    const skipped = { ...emptySystemMetrics(), errors: ['not run (--no-pagefind)'] };
    for (const pagefind of [null, skipped]) {
      const merged = mergeBenchReport(history(), run(2000, { pagefind }));
      expect(merged.sizes[0]!.pagefind).toEqual(history().sizes[0]!.pagefind);
      expect(merged.sizes[0]!.ours!.buildMs).toBe(21_235);
    }
  });

  it('does not mix runs: a measure the run failed is null in the new entry', () => {
    const merged = mergeBenchReport(history(), run(2000, { ours: { buildMs: 25_000, coldQueryBytes: null, coldQueryMsSlow: null } }));
    expect(merged.sizes[0]!.ours).toMatchObject({ buildMs: 25_000, coldQueryBytes: null, coldQueryMsSlow: null, date: '2026-12-03' });
  });

  it('inserts a new size in order, a system never measured there as null', () => {
    const merged = mergeBenchReport(history(), run(20_000, { pagefind: null }));
    expect(merged.sizes.map((s) => s.docs)).toEqual([2000, 20_000, 100_000]);
    expect(merged.sizes[1]!.pagefind).toBeNull();
    expect(merged.sizes[1]!.ours!.coldQueryBytes).toBe(43_300);
    expect(mergeBenchReport(emptyBenchHistory(), run(500)).sizes.map((s) => s.docs)).toEqual([500]);
  });

  it('takes a report older than the slow-link measure, and a whole BenchReport', () => {
    const old: HistoryRun = { ...run(2000), systems: { ours: { buildMs: 1, coldQueryBytes: 2 }, pagefind: null } };
    expect(mergeBenchReport(history(), old).sizes[0]!.ours!.coldQueryMsSlow).toBeNull();
    const report = { docs: 2000, date: '2026-12-03T00:00:00Z', command: 'c', systems: { ours: emptySystemMetrics(), pagefind: emptySystemMetrics() } };
    expect(mergeBenchReport(history(), report as unknown as BenchReport)).toEqual(history());
  });

  it('leaves its input alone', () => {
    const before = history();
    mergeBenchReport(before, run(2000));
    mergeBenchReport(before, run(50_000));
    expect(before).toEqual(history());
  });
});

describe('parseBenchHistory', () => {
  it('reads back what serializeBenchHistory writes', () => {
    const h = mergeBenchReport(history(), run(20_000), { commit: 'abc1234-dirty', format: 12 });
    expect(parseBenchHistory(serializeBenchHistory(h), 'h.json')).toEqual(h);
    expect(serializeBenchHistory(h).endsWith('}\n')).toBe(true);
  });

  it('holds the seeded file valid, and as the bench writes it (a run changes only what it measured)', () => {
    const h = readBenchHistory(SEEDED);
    expect(h.sizes.map((s) => s.docs)).toEqual([2000, 20_000, 100_000]);
    expect(serializeBenchHistory(h)).toBe(readFileSync(SEEDED, 'utf8'));
  });

  const bad: [string, string, RegExp][] = [
    ['not JSON', '{"version": 1,', /h\.json: not JSON/],
    ['an array', '[]', /h\.json: must hold an object/],
    ['another version', '{"version": 2, "sizes": []}', /version must be 1, got 2/],
    ['no sizes', '{"version": 1}', /sizes must be an array/],
    [
      'a size out of order',
      JSON.stringify({
        version: 1,
        sizes: [
          { docs: 20, ours: null, pagefind: null },
          { docs: 10, ours: null, pagefind: null },
        ],
      }),
      /sizes\[1\]\.docs must be above the size before it \(20\), got 10/,
    ],
    [
      'a size twice',
      JSON.stringify({
        version: 1,
        sizes: [
          { docs: 20, ours: null, pagefind: null },
          { docs: 20, ours: null, pagefind: null },
        ],
      }),
      /sizes\[1\]\.docs/,
    ],
    [
      'a size not an integer',
      JSON.stringify({ version: 1, sizes: [{ docs: 1.5, ours: null, pagefind: null }] }),
      /sizes\[0\]\.docs must be a positive integer, got 1\.5/,
    ],
    [
      'a negative number',
      JSON.stringify({ version: 1, sizes: [{ docs: 2, ours: entry({ buildMs: -1 }), pagefind: null }] }),
      /sizes\[0\]\.ours\.buildMs must be a non-negative number or null, got -1/,
    ],
    [
      'a number as a string',
      JSON.stringify({ version: 1, sizes: [{ docs: 2, ours: null, pagefind: entry({ coldQueryBytes: '4 KB' as never }) }] }),
      /sizes\[0\]\.pagefind\.coldQueryBytes/,
    ],
    [
      'a missing number',
      JSON.stringify({ version: 1, sizes: [{ docs: 2, ours: { ...entry(), coldQueryMsSlow: undefined }, pagefind: null }] }),
      /ours\.coldQueryMsSlow .*got undefined/,
    ],
    [
      'a date that is not a day',
      JSON.stringify({ version: 1, sizes: [{ docs: 2, ours: entry({ date: 'yesterday' }), pagefind: null }] }),
      /ours\.date must be a day YYYY-MM-DD, got "yesterday"/,
    ],
    [
      'an empty commit',
      JSON.stringify({ version: 1, sizes: [{ docs: 2, ours: entry({ commit: '' }), pagefind: null }] }),
      /ours\.commit must be a non-empty string or null/,
    ],
    [
      'a format of 0',
      JSON.stringify({ version: 1, sizes: [{ docs: 2, ours: entry({ format: 0 }), pagefind: null }] }),
      /ours\.format must be a positive integer or null, got 0/,
    ],
    ['an entry not an object', JSON.stringify({ version: 1, sizes: [{ docs: 2, ours: 5, pagefind: null }] }), /sizes\[0\]\.ours must be an object or null/],
  ];
  it.each(bad)('rejects %s with a BenchHistoryError naming the file and the reason', (_, text, message) => {
    let thrown: unknown;
    try {
      parseBenchHistory(text, 'h.json');
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(BenchHistoryError);
    expect((thrown as BenchHistoryError).file).toBe('h.json');
    expect((thrown as Error).message).toMatch(/^h\.json: /);
    expect((thrown as Error).message).toMatch(message);
  });
});

describe('readBenchHistory', () => {
  it('starts empty when the file does not exist, and names the file when it is malformed', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bns-history-'));
    try {
      const file = path.join(dir, 'bench-history.json');
      expect(readBenchHistory(file)).toEqual(emptyBenchHistory());
      writeFileSync(file, '{"version": 1, "sizes": {}}');
      expect(() => readBenchHistory(file)).toThrow(`${file}: sizes must be an array`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
