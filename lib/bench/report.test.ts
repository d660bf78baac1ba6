import { describe, expect, it } from 'vitest';
import {
  BENCHMARKS_HEAD,
  BenchReportError,
  checkBenchReport,
  coldQueryP95,
  emptySystemMetrics,
  formatBreakdown,
  formatBytes,
  formatErrors,
  formatFloor,
  formatFrameFloor,
  formatMs,
  formatP95Query,
  formatTable,
  formatUpdateNotes,
  formatUpdateTable,
  updateBenchmarksMarkdown,
  updateGoals,
  unmeasuredQuery,
  type BenchReport,
  type PerQuery,
  type UpdateMetrics,
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
    coldQueryBytesPhone: 31_000,
    coldQueryRequestsPhone: 9,
    coldBytesByKindPhone: { shard: 20_000, frag: 11_000 },
    warmQueryMsP50: 5.2,
    warmQueryMsP95: 21,
    recall: 1,
    precision: 1,
    initBytes: 2580,
    largestFileBytes: 321_000,
    jsHeapBytes: 12.5e6,
    suggestBytes: 98_300,
    suggestFiles: 32,
    suggestLargestBytes: 3_500,
    readingsBytes: 21_000,
    readingsFiles: 8,
    wordFacetsBytes: 310_000,
    wordFacetsFiles: 96,
    coldQueryMsSlow: 980,
    coldQueryMsSlowP95: 1_420,
    coldQueryMsSlowHttp2: 810,
    coldQueryMsSlowHttp2P95: 1_190,
    keystrokeMsP95: 12,
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
        ours: {
          returned: 3,
          correct: 3,
          coldBytes: 80_000,
          coldRequests: 12,
          coldBytesPhone: 30_000,
          coldBytesByKind: { facets: 50_000, shard: 20_000, frag: 10_000 },
          coldBytesByKindPhone: { shard: 20_000, frag: 10_000 },
          warmMs: [4, 5, 6],
        },
        pagefind: unmeasuredQuery(),
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
          'coldBytesByKindPhone',
          'coldQueryBytes',
          'coldQueryBytesHttp2',
          'coldQueryBytesPhone',
          'coldQueryBytesPhoneHttp2',
          'coldQueryRequests',
          'coldQueryRequestsPhone',
          'errors',
          'indexBytes',
          'indexFiles',
          'coldQueryMsSlow',
          'coldQueryMsSlowP95',
          'coldQueryMsSlowHttp2',
          'coldQueryMsSlowHttp2P95',
          'initBytes',
          'jsHeapBytes',
          'keystrokeMsP95',
          'largestFileBytes',
          'precision',
          'readingsBytes',
          'readingsFiles',
          'recall',
          'suggestBytes',
          'suggestFiles',
          'suggestLargestBytes',
          'warmQueryMsP50',
          'warmQueryMsP95',
          'wordFacetsBytes',
          'wordFacetsFiles',
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

  it('reads a report written before the slow link was measured over HTTP/2 as not measured there, and checks it when present', () => {
    const older = JSON.parse(JSON.stringify(sample())) as { systems: Record<string, Record<string, unknown>> };
    delete older.systems.ours!.coldQueryMsSlowHttp2;
    delete older.systems.ours!.coldQueryMsSlowHttp2P95;
    const read = checkBenchReport(older);
    expect(read.systems.ours).toMatchObject({ coldQueryMsSlowHttp2: null, coldQueryMsSlowHttp2P95: null, coldQueryMsSlow: 980 });
    expect(formatTable(read)).toMatch(/the same over HTTP\/2 \(as hosts serve it\): median, p95 +\| +n\/a \|/);
    const bad = sample();
    bad.systems.ours.coldQueryMsSlowHttp2 = -5;
    expect(() => checkBenchReport(bad)).toThrow(/systems\.ours\.coldQueryMsSlowHttp2 must be a non-negative number/);
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
    expect(lines).toHaveLength(2 + 24);
    expect(t).toMatch(/\| cold query: transferred \(p95\) +\| +80\.0 KB \| +n\/a \|/);
    expect(t).toMatch(/\| cold query on a phone: transferred \(p95\) +\| +30\.0 KB \| +n\/a \|/);
    expect(t).toMatch(/\| cold query on a phone \(375×812\): transferred, requests \(median\) +\| +31\.0 KB, 9 \| +n\/a \|/);
    expect(t).toMatch(/\| cold query: transferred \(median\) +\| +88\.4 KB \| +n\/a \|/);
    expect(t).toMatch(/\| largest index file +\| +321 KB \| +n\/a \|/);
    expect(t).toMatch(/\| JS heap after the warm queries +\| +12\.5 MB \| +n\/a \|/);
    expect(t).toMatch(/\| recall vs substring oracle +\| +100\.0 % \| +n\/a \|/);
    expect(t).toMatch(/\| suggestion data: size on disk +\| +98\.3 KB \| +n\/a \|/);
    expect(t).toMatch(/\| suggestion data: files, largest +\| +32, 3\.50 KB \| +n\/a \|/);
    expect(t).toMatch(/\| readings for did-you-mean: size, files +\| +21\.0 KB, 8 \| +n\/a \|/);
    expect(t).toMatch(/\| facet counts of offered words: size, files +\| +310 KB, 96 \| +n\/a \|/);
    expect(t).toMatch(/\| keystroke to suggestions painted: p95 +\| +12 ms \| +n\/a \|/);
    expect(t).toMatch(/\| cold query on slow 4G \(150 ms, 1\.6 Mbit\/s down\): median, p95 +\| +980 ms, 1\.4 s \| +n\/a \|/);
    expect(t).toMatch(/\| the same over HTTP\/2 \(as hosts serve it\): median, p95 +\| +810 ms, 1\.2 s \| +n\/a \|/);
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
  });
});

/** `n` queries whose cold bytes are 1, 2, … n KB on a wide screen (a tenth of that on a phone), each spent on shards and fragments. */
function queriesOfBytes(n: number): PerQuery[] {
  return Array.from({ length: n }, (_, i) => ({
    query: `q${i + 1}`,
    filters: i % 2 ? { year: 2020 } : {},
    expected: 1,
    ours: {
      ...unmeasuredQuery(),
      coldBytes: (i + 1) * 1000,
      coldBytesPhone: (i + 1) * 100,
      coldBytesByKind: { shard: (i + 1) * 600, frag: (i + 1) * 400, chars: 0 },
      coldBytesByKindPhone: { frag: (i + 1) * 100 },
    },
    pagefind: { ...unmeasuredQuery(), coldBytes: (n - i) * 2000 },
    floorBytes: 500,
  }));
}

describe('the p95 query', () => {
  it('is the p95 over the queries, interpolated as every p95 here, with the query at the rank it reaches toward', () => {
    // Shuffled: the rank is by bytes, not by the order the queries ran in.
    const r = { ...sample(), perQuery: queriesOfBytes(50).reverse() };
    const p = coldQueryP95(r, 'ours', false)!;
    expect(p.bytes).toBeCloseTo(47_550, 6);
    expect([p.query.query, p.queryBytes, p.rank, p.of]).toEqual(['q48', 48_000, 48, 50]);
    expect(p.byKind).toEqual({ shard: 28_800, frag: 19_200, chars: 0 });
    expect(coldQueryP95(r, 'ours', true)!.queryBytes).toBe(4_800);
    expect(coldQueryP95(r, 'pagefind', false)!.query.query).toBe('q3');
    expect(coldQueryP95(r, 'pagefind', true)).toBeNull();
  });

  it('names the query, its filters, its bytes and the file kinds it spent them on, for each system and screen measured', () => {
    const r = { ...sample(), perQuery: queriesOfBytes(50) };
    expect(formatP95Query(r)).toBe(
      'The query at the p95 of cold-query bytes: ours “q48” (year 2020), 48.0 KB (48 of 50): shard 28.8 KB, frag 19.2 KB; ' +
        'ours on a phone “q48” (year 2020), 4.80 KB (48 of 50): frag 4.80 KB; Pagefind “q3”, 96.0 KB (48 of 50).',
    );
    expect(formatTable(r)).toMatch(/\| cold query: transferred \(p95\) +\| +47\.5 KB \| +95\.1 KB \|/);
  });

  it('leaves the kinds out for a report that did not keep them per query, and says when nothing was measured', () => {
    const r = JSON.parse(JSON.stringify({ ...sample(), perQuery: queriesOfBytes(3) })) as BenchReport;
    for (const q of r.perQuery) for (const k of ['coldBytesByKind', 'coldBytesByKindPhone']) delete (q.ours as unknown as Record<string, unknown>)[k];
    const checked = checkBenchReport(r);
    expect(checked.perQuery[0]!.ours.coldBytesByKind).toBeNull();
    expect(formatP95Query(checked)).toBe(
      'The query at the p95 of cold-query bytes: ours “q3”, 3.00 KB (3 of 3); ours on a phone “q3”, 300 B (3 of 3); Pagefind “q1”, 6.00 KB (3 of 3).',
    );
    const none = { ...sample(), perQuery: [{ ...sample().perQuery[0]!, ours: unmeasuredQuery() }] };
    expect(formatP95Query(none)).toBe('The query at the p95 of cold-query bytes: not measured.');
    expect(formatTable(none)).toMatch(/\| cold query: transferred \(p95\) +\| +n\/a \| +n\/a \|/);
  });

  it('refuses file kinds per query that are not byte counts', () => {
    const r = JSON.parse(JSON.stringify(sample())) as BenchReport;
    r.perQuery[0]!.ours.coldBytesByKindPhone = { frag: -1 };
    expect(() => checkBenchReport(r)).toThrow(new BenchReportError('perQuery[0].ours.coldBytesByKindPhone.frag', 'must be a non-negative number, got -1'));
  });
});

describe('the floor sentence', () => {
  it('sets both screens against the floor, as ratios', () => {
    expect(formatFloor(sample())).toBe(
      "Floor (ours, median over the queries): 10.0 KB gzip = postings of the query's units 600 B + display data of the 10 results shown 9.40 KB, " +
        'against 88.4 KB transferred for a cold query (11 % of it), 8.84× the floor; on a phone, 31.0 KB, 3.10× the floor.',
    );
    expect(formatBreakdown(sample())).toMatch(/\. On a phone: ours shard 20\.0 KB, frag 11\.0 KB\.$/);
  });

  it('sets the bytes over HTTP/2 against the floor too, each screen measured, and gives them a row', () => {
    const r = sample();
    r.systems.ours.coldQueryBytesHttp2 = 84_000;
    r.systems.ours.coldQueryBytesPhoneHttp2 = 19_500;
    r.systems.pagefind.coldQueryBytesHttp2 = 240_000;
    expect(formatFloor(r)).toMatch(
      /; on a phone, 31\.0 KB, 3\.10× the floor\. Over HTTP\/2 \(headers compressed\): 84\.0 KB, 8\.40× the floor; on a phone, 19\.5 KB, 1\.95× the floor\.$/,
    );
    expect(formatTable(r)).toMatch(/\| cold query over HTTP\/2 \(as hosts serve it\): wide, phone \(median\) +\| +84\.0 KB, 19\.5 KB \| +240 KB, n\/a \|/);
    r.systems.ours.coldQueryBytesHttp2 = null;
    expect(formatFloor(r)).toMatch(/3\.10× the floor\. Over HTTP\/2 \(headers compressed\): on a phone, 19\.5 KB, 1\.95× the floor\.$/);
    expect(formatTable(r)).toMatch(/wide, phone \(median\) +\| +n\/a, 19\.5 KB \| +240 KB, n\/a \|/);
  });

  it('reads a report written before the bytes over HTTP/2 were measured, renders them as not measured, and checks them when present', () => {
    const older = JSON.parse(JSON.stringify(sample())) as { systems: Record<string, Record<string, unknown>> };
    for (const s of Object.values(older.systems)) {
      delete s.coldQueryBytesHttp2;
      delete s.coldQueryBytesPhoneHttp2;
    }
    const read = checkBenchReport(older);
    expect(read.systems.ours).toMatchObject({ coldQueryBytesHttp2: null, coldQueryBytesPhoneHttp2: null });
    expect(formatFloor(read)).toMatch(/on a phone, 31\.0 KB, 3\.10× the floor\.$/);
    expect(formatTable(read)).toMatch(/wide, phone \(median\) +\| +n\/a \| +n\/a \|/);
    const bad = sample();
    bad.systems.ours.coldQueryBytesPhoneHttp2 = -1;
    expect(() => checkBenchReport(bad)).toThrow(/systems\.ours\.coldQueryBytesPhoneHttp2 must be a non-negative number/);
  });

  it('leaves the phone out of a report that did not measure it', () => {
    const r = sample();
    r.systems.ours.coldQueryBytesPhone = null;
    r.systems.ours.coldBytesByKindPhone = {};
    expect(formatFloor(r)).toMatch(/8\.84× the floor\.$/);
    expect(formatBreakdown(r)).not.toMatch(/phone/);
  });

  it('reads a report written before the phone was measured', () => {
    const r = JSON.parse(JSON.stringify(sample())) as Record<string, unknown> & BenchReport;
    const older = r.systems.ours as unknown as Record<string, unknown>;
    delete older.coldQueryBytesPhone;
    delete older.coldQueryRequestsPhone;
    delete older.coldBytesByKindPhone;
    delete (r.perQuery[0]!.ours as unknown as Record<string, unknown>).coldBytesPhone;
    const checked = checkBenchReport(r);
    expect(checked.perQuery[0]!.ours.coldBytesPhone).toBeNull();
    expect(checked.systems.ours.coldQueryBytesPhone).toBeNull();
    expect(checked.systems.ours.coldBytesByKindPhone).toEqual({});
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

  it('keeps the prose written between two sections after the section it follows, through a re-run of either', () => {
    let md = updateBenchmarksMarkdown(null, sample(2000), BENCHMARKS_HEAD);
    md = updateBenchmarksMarkdown(md, sample(100_000), BENCHMARKS_HEAD);
    md = md.replace('<!-- /bench:docs=2000 -->\n', '<!-- /bench:docs=2000 -->\n\n### What 2,000 says\n\nbetween\n');
    md = `${md}\n## Notes\n\ntail\n`;
    for (const docs of [100_000, 2000, 20_000]) {
      md = updateBenchmarksMarkdown(md, sample(docs), BENCHMARKS_HEAD);
      const marks = ['bench:docs=2000 -->', 'What 2,000 says', ...(docs === 20_000 ? ['bench:docs=20000 -->'] : []), 'bench:docs=100000 -->', '## Notes'];
      const order = marks.map((x) => md.indexOf(x));
      expect(
        order.every((at) => at >= 0),
        `after ${docs}`,
      ).toBe(true);
      expect(order, `after ${docs}`).toEqual([...order].sort((a, b) => a - b));
      expect(md.match(/What 2,000 says/g), `after ${docs}`).toHaveLength(1);
    }
    expect(updateBenchmarksMarkdown(md, sample(2000), BENCHMARKS_HEAD)).toBe(md);
  });
});

function sampleUpdate(): UpdateMetrics {
  return {
    k: 100,
    corpus: { added: 100, rewritten: 10, removed: 10, files: 2090 },
    stats: {
      kind: 'update',
      reason: null,
      added: 100,
      changed: 10,
      removed: 10,
      unchanged: 1980,
      rewritten: 2,
      segments: 2,
      filesWritten: 300,
      bytesWritten: 600_000,
    },
    updateMs: 1500,
    updatePeakRssBytes: 400e6,
    fullBuildMs: 20_000,
    fullBuildPeakRssBytes: 1.2e9,
    indexFiles: 10_000,
    indexBytes: 30e6,
    filesUnchanged: 9_700,
    fullIndexFiles: 9_800,
    fullIndexBytes: 29.5e6,
    updated: { coldQueryBytes: 100_000, coldQueryRequests: 20, warmQueryMsP50: 12, warmQueryMsP95: 30, coldBytesByKind: { shard: 50_000, del: 100 } },
    compacted: { coldQueryBytes: 80_000, coldQueryRequests: 14, warmQueryMsP50: 10, warmQueryMsP95: 25, coldBytesByKind: { shard: 40_000 } },
    answers: { compared: 153, unequal: 1, examples: [{ query: '普惠', filters: { year: 2023 }, sort: 'newest', difference: 'total 3 ≠ 4' }] },
    errors: [],
  };
}

describe('the update section', () => {
  it('is optional, and checked when present', () => {
    const r = { ...sample(), update: sampleUpdate() };
    expect(checkBenchReport(JSON.parse(JSON.stringify(r)))).toEqual(r);
    const bad = (change: (u: Record<string, unknown>) => void) => () => {
      const u = JSON.parse(JSON.stringify(sampleUpdate())) as Record<string, unknown>;
      change(u);
      return checkBenchReport({ ...sample(), update: u });
    };
    expect(bad((u) => (u.k = 0))).toThrow('bench report: update.k must be a positive integer, got 0');
    expect(bad((u) => delete u.updateMs)).toThrow('bench report: update.updateMs must be a non-negative number or null, got undefined');
    expect(bad((u) => ((u.stats as Record<string, unknown>).bytesWritten = null))).toThrow(/update\.stats\.bytesWritten/);
    expect(bad((u) => ((u.stats as Record<string, unknown>).kind = ''))).toThrow(/update\.stats\.kind/);
    expect(bad((u) => (u.filesUnchanged = 10_001))).toThrow('bench report: update.filesUnchanged must not exceed indexFiles (10000), got 10001');
    expect(bad((u) => ((u.answers as Record<string, unknown>).unequal = 154))).toThrow(/update\.answers\.unequal must not exceed compared/);
    expect(bad((u) => ((u.compacted as Record<string, unknown>).coldBytesByKind = { shard: -1 }))).toThrow(/update\.compacted\.coldBytesByKind\.shard/);
    expect(bad((u) => (u.errors = [1]))).toThrow(/update\.errors must be an array of strings/);
    expect(bad((u) => ((u.stats = null), (u.answers = null)))).not.toThrow();
  });

  it('holds an update of a small corpus to the goals set at 20,000 articles, a large one to those at 100,000', () => {
    expect(updateGoals(2000)).toMatchObject({ at: 20_000, timeRatio: 0.1, bytesShare: 0.03, unchangedShare: 0.97 });
    expect(updateGoals(99_999).at).toBe(20_000);
    expect(updateGoals(100_000)).toMatchObject({ at: 100_000, timeRatio: 0.03, bytesShare: 0.01, unchangedShare: 0.99, peakRssBytes: 1.5e9, coldRatio: 1.2 });
  });

  it('prints each number beside what it is judged against, the ratio and the goal', () => {
    const t = formatUpdateTable({ ...sample(), update: sampleUpdate() });
    const lines = t.split('\n');
    expect(lines).toHaveLength(2 + 10);
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
    expect(lines[0]).toMatch(/^\| update of 2,000 articles: \+100, 10 rewritten, 10 removed +\| +this \| +against \| +ratio \| goal \(20,000\) \| +met \|$/);
    expect(t).toMatch(/\| wall time: update, full build +\| +1\.5 s \| +20\.0 s \| +0\.075× \| +≤ 0\.10× \| +yes \|/);
    expect(t).toMatch(/\| peak memory \(RSS\): update, full build +\| +400 MB \| +1\.20 GB \| +0\.33× \| +< 1\.50 GB \| +yes \|/);
    expect(t).toMatch(/\| bytes written, bytes of the index +\| +600 KB \| +30\.0 MB \| +2\.00 % \| +≤ 3\.00 % \| +yes \|/);
    expect(t).toMatch(/\| files unchanged, files of the index +\| +9,700 \| +10,000 \| +97\.0 % \| +≥ 97\.0 % \| +yes \|/);
    expect(t).toMatch(/\| segments: updated, compacted +\| +2 \| +1 \|/);
    expect(t).toMatch(/\| cold query: transferred \(median\): updated, compacted +\| +100 KB \| +80\.0 KB \| +1\.25× \| +≤ 1\.2× \| +NO \|/);
    expect(t).toMatch(/\| warm query p95: updated, compacted +\| +30 ms \| +25 ms \| +1\.20× \|/);
    expect(t).toMatch(/\| answers equal to the full build +\| +152 \| +153 \| +1 unequal \| +every one \| +NO \|/);
    expect(formatUpdateTable(sample())).toBe('');
  });

  it('writes n/a where a step failed', () => {
    const u = { ...sampleUpdate(), stats: null, updateMs: null, answers: null, errors: ['update: exit 1'] };
    const r = { ...sample(), update: u };
    const t = formatUpdateTable(r);
    expect(t).toMatch(/\| wall time: update, full build +\| +n\/a \| +20\.0 s \| +n\/a \| +≤ 0\.10× \| +n\/a \|/);
    expect(t).toMatch(/\| answers equal to the full build +\| +n\/a \| +n\/a \| +n\/a \| +every one \| +n\/a \|/);
    expect(formatUpdateNotes(r)).toMatch(/^The indexer: no report\./);
    expect(formatErrors(r)).toContain('update: update: exit 1');
  });

  it('says what the indexer did and lists the unequal answers', () => {
    const notes = formatUpdateNotes({ ...sample(), update: sampleUpdate() });
    expect(notes).toContain('The indexer: update, +100 added, 10 changed, 10 removed, 1,980 unchanged, 2 rewritten, 2 segments, wrote 300 files, 600 KB.');
    expect(notes).toContain('Cold query by file kind (medians): updated shard 50.0 KB, del 100 B; compacted shard 40.0 KB.');
    expect(notes).toContain('Unequal answers (first 1):\n- `普惠` {"year":2023}, newest: total 3 ≠ 4');
  });

  it("goes into the run's section of docs/BENCHMARKS.md, and nothing changes without it", () => {
    const md = updateBenchmarksMarkdown(null, { ...sample(), update: sampleUpdate() }, BENCHMARKS_HEAD);
    expect(md).toContain('### Update of 100 articles\n\n| update of 2,000 articles');
    expect(md.indexOf('### Update of 100 articles')).toBeLessThan(md.indexOf('<!-- /bench:docs=2000 -->'));
    expect(updateBenchmarksMarkdown(null, sample(), BENCHMARKS_HEAD)).not.toContain('Update');
  });
});
