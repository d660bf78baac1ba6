import { describe, expect, it } from 'vitest';
import {
  BENCHMARKS_HEAD,
  BenchReportError,
  checkBenchReport,
  emptySystemMetrics,
  formatBytes,
  formatFrameFloor,
  formatMs,
  formatTable,
  updateBenchmarksMarkdown,
  type BenchReport,
} from './report';

function sample(docs = 2000): BenchReport {
  const ours = {
    ...emptySystemMetrics(),
    buildMs: 12_345,
    buildPeakRssBytes: 1.5e9,
    indexBytes: 30e6,
    indexFiles: 2500,
    coldQueryBytes: 88_400,
    coldQueryRequests: 14,
    warmQueryMsP50: 5.2,
    warmQueryMsP95: 21,
    recall: 1,
    precision: 1,
    initBytes: 2580,
    largestFileBytes: 321_000,
    jsHeapBytes: 12.5e6,
  };
  const pagefind = { ...emptySystemMetrics(), buildMs: 20_000, buildPeakRssBytes: 2.3e9, errors: ['cold query (普惠): timeout'] };
  return {
    docs,
    seed: 1,
    date: '2026-11-23T03:00:00.000Z',
    command: `npm run bench -- --docs ${docs}`,
    machine: { nproc: 2, memoryBytes: 25e9, node: 'v20.20.2', chromium: '156.0.8078.79', platform: 'linux x64', cpu: 'Some CPU' },
    queries: 50,
    systems: { ours, pagefind },
    floor: { bytes: 10_000, postingsBytes: 600, fragmentsBytes: 9400, coldQueryBytes: 88_400 },
    frameFloor: { warmQueryMsP50: 10.4, warmQueryMsP95: 13.1, error: null },
    perQuery: [
      {
        query: '普惠',
        filters: { bank: '工商银行' },
        expected: 3,
        ours: { returned: 3, correct: 3, coldBytes: 80_000, coldRequests: 12, warmMs: [4, 5, 6] },
        pagefind: { returned: null, correct: null, coldBytes: null, coldRequests: null, warmMs: [] },
        floorBytes: 9000,
      },
    ],
  };
}

describe('the JSON report shape', () => {
  it('accepts a whole report, as JSON round-trips it', () => {
    const r = sample();
    expect(checkBenchReport(JSON.parse(JSON.stringify(r)))).toEqual(r);
  });

  it('has the documented top level: docs, machine, systems.ours and systems.pagefind with every metric', () => {
    const r = checkBenchReport(JSON.parse(JSON.stringify(sample())));
    expect(Object.keys(r)).toEqual(expect.arrayContaining(['docs', 'machine', 'systems']));
    for (const s of [r.systems.ours, r.systems.pagefind]) {
      expect(Object.keys(s).sort()).toEqual(
        [
          'buildMs',
          'buildPeakRssBytes',
          'coldBytesByKind',
          'coldQueryBytes',
          'coldQueryRequests',
          'errors',
          'indexBytes',
          'indexFiles',
          'initBytes',
          'jsHeapBytes',
          'largestFileBytes',
          'precision',
          'recall',
          'warmQueryMsP50',
          'warmQueryMsP95',
        ].sort(),
      );
    }
  });

  it('names the first wrong field', () => {
    const missing = JSON.parse(JSON.stringify(sample())) as Record<string, unknown>;
    delete (missing.systems as Record<string, Record<string, unknown>>).pagefind!.coldQueryBytes;
    expect(() => checkBenchReport(missing)).toThrow(BenchReportError);
    expect(() => checkBenchReport(missing)).toThrow(/systems\.pagefind\.coldQueryBytes/);

    const badRecall = sample();
    badRecall.systems.ours.recall = 1.5;
    expect(() => checkBenchReport(badRecall)).toThrow(/systems\.ours\.recall must be a fraction/);

    const badWarm = sample();
    badWarm.perQuery[0]!.ours.warmMs = [1, Number.NaN];
    expect(() => checkBenchReport(badWarm)).toThrow(/perQuery\[0\]\.ours\.warmMs\[1\]/);

    expect(() => checkBenchReport({ ...sample(), docs: 0 })).toThrow(/docs/);
    expect(() => checkBenchReport(null)).toThrow(/report must be an object/);
  });

  it('allows a report without a floor (ours failed before it)', () => {
    expect(checkBenchReport({ ...sample(), floor: null }).floor).toBeNull();
  });

  it('accepts a report written before the frame floor was measured, and checks the frame floor when present', () => {
    const { frameFloor: _, ...older } = sample();
    expect(checkBenchReport(JSON.parse(JSON.stringify(older))).frameFloor).toBeUndefined();
    expect(() => checkBenchReport({ ...sample(), frameFloor: { warmQueryMsP50: -1, warmQueryMsP95: 13.1, error: null } })).toThrow(
      'bench report: frameFloor.warmQueryMsP50 must be a non-negative number or null, got -1',
    );
    const bad = (frameFloor: unknown) => () => checkBenchReport({ ...sample(), frameFloor });
    expect(bad({ warmQueryMsP50: null, warmQueryMsP95: null, error: 7 })).toThrow(
      'bench report: frameFloor must have both numbers, or neither and a non-empty error, got {"warmQueryMsP50":null,"warmQueryMsP95":null,"error":7}',
    );
    expect(bad({ warmQueryMsP50: null, warmQueryMsP95: null, error: null })).toThrow(
      'bench report: frameFloor must have both numbers, or neither and a non-empty error',
    );
    expect(bad({ warmQueryMsP50: null, warmQueryMsP95: null, error: '' })).toThrow(
      'bench report: frameFloor must have both numbers, or neither and a non-empty error',
    );
    expect(bad({ warmQueryMsP50: 10, warmQueryMsP95: null, error: 'half' })).toThrow(
      'bench report: frameFloor must have both numbers, or neither and a non-empty error',
    );
    expect(bad({ warmQueryMsP50: 10, warmQueryMsP95: 13, error: 'both' })).toThrow(
      'bench report: frameFloor.error must be null when both numbers are set, got "both"',
    );
    expect(bad(null)).toThrow('bench report: frameFloor must be an object');
    expect(checkBenchReport({ ...sample(), frameFloor: { warmQueryMsP50: null, warmQueryMsP95: null, error: 'page crashed' } }).frameFloor?.error).toBe(
      'page crashed',
    );
  });
});

describe('rendering', () => {
  it('formats bytes in decimal units and times in ms or s', () => {
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(88_400)).toBe('88.4 KB');
    expect(formatBytes(202_600_000)).toBe('203 MB');
    expect(formatBytes(2.19e9)).toBe('2.19 GB');
    expect(formatBytes(null)).toBe('n/a');
    expect(formatMs(5.25)).toBe('5.3 ms');
    expect(formatMs(212.4)).toBe('212 ms');
    expect(formatMs(181_300)).toBe('181.3 s');
  });

  it('prints one row per metric, n/a where a system has no number', () => {
    const t = formatTable(sample());
    const lines = t.split('\n');
    expect(lines[0]).toMatch(/^\| 2,000 articles, 50 queries +\| +ours \| +Pagefind \|$/);
    expect(lines).toHaveLength(2 + 13);
    expect(t).toMatch(/\| cold query: transferred \(median\) +\| +88\.4 KB \| +n\/a \|/);
    expect(t).toMatch(/\| largest index file +\| +321 KB \| +n\/a \|/);
    expect(t).toMatch(/\| JS heap after the warm queries +\| +12\.5 MB \| +n\/a \|/);
    expect(t).toMatch(/\| recall vs substring oracle +\| +100\.0 % \| +n\/a \|/);
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
  });
});

describe('the frame floor sentence', () => {
  it('gives the floor and how far above it our p95 is', () => {
    expect(formatFrameFloor(sample())).toBe(
      'Frame floor (a page whose worker answers at once and that changes one line of text, same harness and queries): warm p50 10 ms, p95 13 ms; ours is 7.9 ms above it at p95.',
    );
  });

  it('says when it was not measured or failed, and leaves out the comparison when ours has no p95', () => {
    const { frameFloor: _, ...older } = sample();
    expect(formatFrameFloor(older)).toBe('Frame floor: not measured.');
    expect(formatFrameFloor({ ...sample(), frameFloor: { warmQueryMsP50: null, warmQueryMsP95: null, error: 'page crashed' } })).toBe(
      'Frame floor: failed (page crashed).',
    );
    const r = sample();
    r.systems.ours.warmQueryMsP95 = null;
    expect(formatFrameFloor(r)).toMatch(/p95 13 ms\.$/);
  });

  it('says so when ours reads below the floor, rather than calling it zero', () => {
    const r = sample();
    r.systems.ours.warmQueryMsP95 = 11;
    expect(formatFrameFloor(r)).toMatch(/; ours is 2\.1 ms below it at p95 \(load changed between the two\)\.$/);
  });
});

describe('docs/BENCHMARKS.md', () => {
  it('starts from the head when there is no file', () => {
    const md = updateBenchmarksMarkdown(null, sample(2000), BENCHMARKS_HEAD);
    expect(md.startsWith('# Benchmarks\n')).toBe(true);
    expect(md).toContain('<!-- bench:docs=2000 -->\n## 2,000 articles');
    expect(md).toContain('`npm run bench -- --docs 2000`, 2026-11-23; 2 cores (Some CPU), 23.3 GiB memory, Node v20.20.2, Chromium 156.0.8078.79, linux x64.');
    expect(md).toContain('Floor (ours, median over the queries): 10.0 KB gzip');
    expect(md).toContain('- pagefind: cold query (普惠): timeout');
  });

  it('keeps one section per corpus size, ordered by size, replacing a re-run and keeping the head and tail as written', () => {
    const head = '# Benchmarks\n\nHand-written notes.\n';
    let md = updateBenchmarksMarkdown(head, sample(20_000), BENCHMARKS_HEAD);
    md = `${md}\n## FlexSearch (measured by hand)\n\nkept\n`;
    md = updateBenchmarksMarkdown(md, sample(2000), BENCHMARKS_HEAD);
    const again = sample(2000);
    again.systems.ours.indexFiles = 1234;
    md = updateBenchmarksMarkdown(md, again, BENCHMARKS_HEAD);
    expect(md.startsWith(head)).toBe(true);
    expect(md.match(/<!-- bench:docs=2000 -->/g)).toHaveLength(1);
    expect(md.indexOf('bench:docs=2000')).toBeLessThan(md.indexOf('bench:docs=20000'));
    expect(md).toMatch(/\| index files +\| +1,234 \|/);
    expect(md.trimEnd().endsWith('## FlexSearch (measured by hand)\n\nkept')).toBe(true);
    expect(updateBenchmarksMarkdown(md, again, BENCHMARKS_HEAD)).toBe(md);
  });
});
