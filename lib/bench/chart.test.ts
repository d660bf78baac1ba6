import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { renderBenchChart } from './chart';
import { readBenchHistory, type BenchHistory, type HistoryEntry } from './history';
import { BENCHMARKS_HEAD } from './report';

interface Element {
  name: string;
  attribs: Record<string, string>;
  text: string;
  parent: Element | null;
}

/**
 * `svg` checked as XML and its elements in document order. htmlparser2 forgives what XML does not (a stray
 * end tag is dropped, an unclosed one closed), so the tags are also balanced by hand over the source.
 */
function parseSvg(svg: string): Element[] {
  const stack: string[] = [];
  for (const m of svg.matchAll(/<(\/?)([A-Za-z][\w:-]*)[^<>]*?(\/?)>/g)) {
    if (m[3]) continue;
    if (!m[1]) stack.push(m[2]!);
    else expect(stack.pop(), `end tag </${m[2]}>`).toBe(m[2]);
  }
  expect(stack).toEqual([]);
  expect(svg.replace(/<[^<>]*>/g, '')).not.toMatch(/[<>]/);
  expect(svg).not.toMatch(/&(?!(#\d+|amp|lt|gt|quot|apos);)/);

  const elements: Element[] = [];
  let open: Element | null = null;
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        const e: Element = { name, attribs, text: '', parent: open };
        elements.push(e);
        open = e;
      },
      ontext(text) {
        if (open) open.text += text;
      },
      onclosetag() {
        open = open?.parent ?? null;
      },
      onerror(e) {
        throw e;
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(svg);
  parser.end();
  return elements;
}

function entry(over: Partial<HistoryEntry>): HistoryEntry {
  return { buildMs: null, coldQueryBytes: null, coldQueryMsSlow: null, date: '2026-12-02', command: null, commit: null, format: null, ...over };
}

/** Shaped like the seeded file: Pagefind not measured at 100,000, the slow link nowhere. */
function history(): BenchHistory {
  return {
    version: 1,
    sizes: [
      { docs: 2000, ours: entry({ buildMs: 22_600, coldQueryBytes: 43_300 }), pagefind: entry({ buildMs: 19_500, coldQueryBytes: 102_000 }) },
      { docs: 20_000, ours: entry({ buildMs: 194_600, coldQueryBytes: 108_000 }), pagefind: entry({ buildMs: 328_900, coldQueryBytes: 246_000 }) },
      { docs: 100_000, ours: entry({ buildMs: 1_648_330, coldQueryBytes: 391_624, commit: '1becb2a', format: 11 }), pagefind: null },
    ],
  };
}

/** The data points' markers: the elements whose tooltip names a system and a size (the legend's name only the system). */
function points(elements: Element[]): { system: string; docs: number; label: string; x: number; y: number }[] {
  return elements.flatMap((e) => {
    const m = /^(ours|Pagefind), ([\d,]+) articles: (.*)$/.exec(e.name === 'title' ? e.text : '');
    const marker = e.parent;
    if (!m || !marker) return [];
    const x = marker.name === 'circle' ? Number(marker.attribs.cx) : Number(marker.attribs.x) + 5.5;
    const y = marker.name === 'circle' ? Number(marker.attribs.cy) : Number(marker.attribs.y) + 5.5;
    return [{ system: m[1]!, docs: Number(m[2]!.replace(/,/g, '')), label: m[3]!, x, y }];
  });
}

/** Which of the three panels (0, 1, 2) a point is in, by its x. */
const panelOf = (x: number) => Math.floor((x - 24) / 312);

describe('renderBenchChart', () => {
  const svg = renderBenchChart(history());
  const elements = parseSvg(svg);

  it('is an accessible SVG image', () => {
    expect(elements[0]!.name).toBe('svg');
    expect(elements[0]!.attribs).toMatchObject({ xmlns: 'http://www.w3.org/2000/svg', role: 'img' });
    expect(elements[0]!.attribs['aria-label']).toMatch(/cold query transfer, first answer on slow 4G, build time/);
    expect(elements[1]!.name).toBe('title');
    expect(elements.find((e) => e.name === 'desc')!.text).toMatch(/Cold query: transferred \(median\): ours 2,000 articles 43.3 KB, .*Pagefind/);
    expect(svg.startsWith('<svg ')).toBe(true);
  });

  it('draws one point per measured value and none for a missing one', () => {
    const p = points(elements);
    expect(p.filter((q) => q.system === 'ours')).toHaveLength(6);
    expect(p.filter((q) => q.system === 'Pagefind')).toHaveLength(4);
    expect(p.some((q) => q.system === 'Pagefind' && q.docs === 100_000)).toBe(false);
    expect(p.some((q) => panelOf(q.x) === 1)).toBe(false);
    expect(p.find((q) => q.system === 'ours' && q.docs === 100_000 && panelOf(q.x) === 0)!.label).toBe('392 KB (2026-12-02, 1becb2a, format 11)');
    expect(p.find((q) => q.system === 'Pagefind' && q.docs === 20_000 && panelOf(q.x) === 2)!.label).toBe('328.9 s (2026-12-02)');
    // Pagefind's two points per panel make one line; ours' three another.
    expect(elements.filter((e) => e.name === 'polyline').map((e) => e.attribs.points!.split(' ').length)).toEqual([2, 3, 2, 3]);
  });

  it('says "not measured yet" in a panel with no data, and in every panel of an empty history', () => {
    expect(elements.filter((e) => e.text === 'not measured yet')).toHaveLength(1);
    const empty = parseSvg(renderBenchChart({ version: 1, sizes: [] }));
    expect(empty.filter((e) => e.text === 'not measured yet')).toHaveLength(3);
    expect(points(empty)).toEqual([]);
  });

  it('places sizes on a log scale, the same in each panel, and values on a linear one from 0', () => {
    const p = points(elements);
    for (const panel of [0, 2]) {
      const ours = p.filter((q) => q.system === 'ours' && panelOf(q.x) === panel).sort((a, b) => a.docs - b.docs);
      const [a, b, c] = ours.map((q) => q.x) as [number, number, number];
      expect(a).toBeLessThan(b);
      expect(b).toBeLessThan(c);
      expect((b - a) / (c - b)).toBeCloseTo(Math.log(10) / Math.log(5), 1);
      for (const q of p.filter((r) => r.system === 'Pagefind' && panelOf(r.x) === panel)) {
        expect(q.x).toBe(ours.find((r) => r.docs === q.docs)!.x);
      }
      // Higher values sit higher (smaller y).
      expect(ours.map((q) => q.y)).toEqual([...ours.map((q) => q.y)].sort((x, y) => y - x));
    }
    const xLabels = elements.filter((e) => e.name === 'text' && /^\d+k$/.test(e.text)).map((e) => e.text);
    expect(xLabels).toEqual(['2k', '20k', '100k', '2k', '20k', '100k', '2k', '20k', '100k']);
  });

  it('labels ticks in readable units', () => {
    const labels = elements.filter((e) => e.name === 'text' && e.attribs['text-anchor'] === 'end').map((e) => e.text);
    expect(labels).toEqual(['0 KB', '100 KB', '200 KB', '300 KB', '400 KB', '0 min', '10 min', '20 min', '30 min']);
    const small: BenchHistory = { version: 1, sizes: [{ docs: 500, ours: entry({ buildMs: 2500, coldQueryMsSlow: 640 }), pagefind: null }] };
    const smallLabels = parseSvg(renderBenchChart(small))
      .filter((e) => e.name === 'text' && e.attribs['text-anchor'] === 'end')
      .map((e) => e.text);
    expect(smallLabels).toEqual(['0 ms', '200 ms', '400 ms', '600 ms', '800 ms', '0 s', '1 s', '2 s', '3 s']);
  });

  it('escapes text taken from the history', () => {
    const h = history();
    h.sizes[2]!.ours!.commit = 'a<b>&"c\'';
    const out = renderBenchChart(h);
    expect(out).not.toContain('a<b>');
    expect(out).toContain('a&#60;b&#62;&#38;&#34;c&#39;');
    expect(points(parseSvg(out)).find((q) => q.docs === 100_000)!.label).toContain('a<b>&"c\'');
  });

  it('gives the same bytes for the same history, coordinates rounded to a tenth of a pixel', () => {
    expect(renderBenchChart(history())).toBe(svg);
    expect(renderBenchChart(JSON.parse(JSON.stringify(history())) as BenchHistory)).toBe(svg);
    for (const m of svg.matchAll(/ (?:x|y|cx|cy|x1|x2|y1|y2|width|height)="([^"]*)"/g)) expect(m[1]).toMatch(/^-?\d+(\.\d)?$/);
    for (const e of elements.filter((el) => el.name === 'polyline')) expect(e.attribs.points).toMatch(/^(-?\d+(\.\d)?,-?\d+(\.\d)? ?)+$/);
  });

  const docs = (name: string) => fileURLToPath(new URL(`../../docs/${name}`, import.meta.url));

  it('matches docs/bench-chart.svg, drawn from docs/bench-history.json', () => {
    expect(readFileSync(docs('bench-chart.svg'), 'utf8'), 'docs/bench-chart.svg is stale: npm run bench -- --chart').toBe(
      renderBenchChart(readBenchHistory(docs('bench-history.json'))),
    );
  });

  it('is shown by docs/BENCHMARKS.md, whose head is the one the bench writes', () => {
    expect(BENCHMARKS_HEAD).toMatch(/\n!\[[^\]]+\]\(bench-chart\.svg\)\n/);
    expect(readFileSync(docs('BENCHMARKS.md'), 'utf8').startsWith(BENCHMARKS_HEAD)).toBe(true);
  });
});
