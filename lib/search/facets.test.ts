import { describe, expect, it } from 'vitest';
import { dayOf, dayToMonth, FACETS, facetColumn, NO_DAY, type Columns, type FacetKey } from '../index-format';
import { mulberry32 } from '../index-format/test-support';
import { FacetValuesMissingError, filterAndCount, type Narrowing } from './facets';

const VALUES: Record<FacetKey, string[]> = {
  bank: ['交通银行', '建设银行', '工商银行', '__proto__', 'constructor'],
  source: ['新华网', '人民网', 'toString'],
  province: ['青海', '北京', '广东'],
};

interface Doc {
  day: number;
  values: Record<FacetKey, string[]>;
}

function randomDocs(rnd: () => number, n: number): Doc[] {
  const pick = (list: string[], most: number) => [
    ...new Set(Array.from({ length: Math.floor(rnd() * (most + 1)) }, () => list[Math.floor(rnd() * list.length)]!)),
  ];
  let day = dayOf('2021-11-20');
  return Array.from({ length: n }, () => {
    if (rnd() < 0.3) day += Math.floor(rnd() * 20);
    const values = Object.fromEntries(FACETS.map((f) => [f.key, pick(VALUES[f.key], f.multi ? 3 : 1)])) as Record<FacetKey, string[]>;
    return { day: rnd() < 0.1 ? NO_DAY : day, values };
  });
}

function columnsOf(docs: Doc[]): Columns {
  const facets = Object.fromEntries(FACETS.map((f) => [f.key, facetColumn(docs.map((d) => d.values[f.key]))])) as Columns['facets'];
  return { docCount: docs.length, day: Int32Array.from(docs, (d) => d.day), facets, length: new Uint32Array(docs.length) };
}

/** The rules, spelled out document by document: what filterAndCount must agree with. */
function bruteForce(docs: Doc[], matched: number[], n: Narrowing) {
  const passFacet = (d: Doc, key: FacetKey) => n.filters[key].length === 0 || d.values[key].some((v) => n.filters[key].includes(v));
  const passDate = (d: Doc) => (n.fromDay === null || (d.day !== NO_DAY && d.day >= n.fromDay)) && (n.toDay === null || (d.day !== NO_DAY && d.day <= n.toDay));
  const passAllBut = (d: Doc, skip: FacetKey | 'date') => FACETS.every((f) => f.key === skip || passFacet(d, f.key)) && (skip === 'date' || passDate(d));
  const final = matched.filter((i) => passAllBut(docs[i]!, 'none' as FacetKey) && passDate(docs[i]!));
  const counts: Record<string, Map<string, number>> = {};
  for (const f of FACETS) {
    const c = new Map<string, number>();
    for (const i of matched) if (passAllBut(docs[i]!, f.key)) for (const v of docs[i]!.values[f.key]) c.set(v, (c.get(v) ?? 0) + 1);
    for (const v of n.filters[f.key]) if (!c.has(v)) c.set(v, 0);
    counts[f.key] = c;
  }
  const month = new Map<string, number>();
  for (const i of matched) {
    const d = docs[i]!;
    if (d.day !== NO_DAY && passAllBut(d, 'date')) month.set(dayToMonth(d.day), (month.get(dayToMonth(d.day)) ?? 0) + 1);
  }
  return { final, counts, month };
}

describe('filterAndCount', () => {
  it('agrees with the rules spelled out per document, on random columns, matches and selections', () => {
    const rnd = mulberry32(2026);
    for (let round = 0; round < 300; round++) {
      const docs = randomDocs(rnd, 1 + Math.floor(rnd() * 60));
      const columns = columnsOf(docs);
      const matched = docs.map((_, i) => i).filter(() => rnd() < 0.7);
      const choose = (list: string[]) => list.filter(() => rnd() < 0.25).concat(rnd() < 0.1 ? ['不存在'] : []);
      const days = docs.map((d) => d.day).filter((d) => d !== NO_DAY);
      const someDay = () => (days.length && rnd() < 0.3 ? days[Math.floor(rnd() * days.length)]! : null);
      const narrowing: Narrowing = {
        filters: Object.fromEntries(FACETS.map((f) => [f.key, choose(VALUES[f.key])])) as unknown as Narrowing['filters'],
        fromDay: someDay(),
        toDay: someDay(),
      };
      const got = filterAndCount(Uint32Array.from(matched), columns, columns, narrowing);
      const want = bruteForce(docs, matched, narrowing);
      expect([...got.final]).toEqual(want.final);
      for (const f of FACETS) {
        const facet = got.facets[f.key];
        expect(Object.keys(facet).sort(), f.key).toEqual([...want.counts[f.key]!.keys()].sort());
        for (const [v, c] of want.counts[f.key]!) expect(Object.hasOwn(facet, v) && facet[v], `${f.key} ${v}`).toBe(c);
      }
      expect(Object.entries(got.facets.month)).toEqual([...want.month].sort(([a], [b]) => (a < b ? -1 : 1)));
    }
  });

  it('agrees with the rules when nothing narrows, where every match is kept and counted column by column', () => {
    const rnd = mulberry32(2027);
    const nothing: Narrowing = { filters: Object.fromEntries(FACETS.map((f) => [f.key, []])) as unknown as Narrowing['filters'], fromDay: null, toDay: null };
    for (let round = 0; round < 100; round++) {
      const docs = randomDocs(rnd, 1 + Math.floor(rnd() * 60));
      const columns = columnsOf(docs);
      const matched = docs.map((_, i) => i).filter(() => rnd() < 0.7);
      const got = filterAndCount(Uint32Array.from(matched), columns, columns, nothing);
      const want = bruteForce(docs, matched, nothing);
      expect([...got.final]).toEqual(want.final);
      expect(want.final).toEqual(matched);
      for (const f of FACETS) expect(Object.entries(got.facets[f.key]).sort(), f.key).toEqual([...want.counts[f.key]!].sort());
      expect(Object.entries(got.facets.month)).toEqual([...want.month].sort(([a], [b]) => (a < b ? -1 : 1)));
    }
  });

  it('agrees with the rules over many searches of the same columns, whose documents share their sets of values', () => {
    // One columns object, as an open index keeps it: what is worked out of a column once serves every later search.
    const rnd = mulberry32(2028);
    const docs = randomDocs(rnd, 400);
    const columns = columnsOf(docs);
    const sets = new Set(docs.map((d) => d.values.bank.join(',')));
    expect(sets.size).toBeLessThan(docs.length / 4);
    for (let round = 0; round < 150; round++) {
      const matched = docs.map((_, i) => i).filter(() => rnd() < rnd());
      const narrowing: Narrowing = {
        filters: Object.fromEntries(
          FACETS.map((f) => [f.key, round % 3 === 0 ? [] : VALUES[f.key].filter(() => rnd() < 0.2)]),
        ) as unknown as Narrowing['filters'],
        fromDay: null,
        toDay: round % 5 === 0 ? docs[200]!.day : null,
      };
      const given = Uint32Array.from(matched);
      const got = filterAndCount(given, columns, columns, narrowing);
      const want = bruteForce(docs, matched, narrowing);
      expect([...got.final]).toEqual(want.final);
      // The matches may be a cached postings list: never written to.
      expect([...given]).toEqual(matched);
      for (const f of FACETS) expect(Object.entries(got.facets[f.key]).sort(), f.key).toEqual([...want.counts[f.key]!].sort());
      expect(Object.entries(got.facets.month)).toEqual([...want.month].sort(([a], [b]) => (a < b ? -1 : 1)));
    }
  });

  it('counts a value held twice by a document twice, as the column holds it, by value set as by document', () => {
    // A decoded column may repeat a value within a document; counting by set must add what the walk by document adds.
    const column = {
      values: ['交通银行', '建设银行'],
      start: Uint32Array.of(0, 2, 4, 5, 7, 9, 11, 13, 15, 17, 19),
      ids: Uint32Array.of(0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
    };
    const empty = { values: [], start: new Uint32Array(11), ids: new Uint32Array(0) };
    const columns: Columns = { docCount: 10, day: new Int32Array(10), length: new Uint32Array(10), facets: { bank: column, source: empty, province: empty } };
    const nothing: Narrowing = { filters: { bank: [], source: [], province: [] }, fromDay: null, toDay: null };
    const all = Uint32Array.from({ length: 10 }, (_, i) => i);
    expect(filterAndCount(all, columns, columns, nothing).facets.bank).toEqual({ 交通银行: 19 - 1, 建设银行: 1 });
    expect(filterAndCount(all.subarray(0, 2), columns, columns, nothing).facets.bank).toEqual({ 交通银行: 4 });
  });

  it('lists values by count, most first, then in value order, with selected values that match nothing last at 0', () => {
    const docs: Doc[] = [
      { day: 1, values: { bank: ['建设银行'], source: [], province: [] } },
      { day: 2, values: { bank: ['交通银行', '建设银行'], source: [], province: [] } },
      { day: 3, values: { bank: ['工商银行'], source: [], province: [] } },
    ];
    const got = filterAndCount(Uint32Array.of(0, 1, 2), columnsOf(docs), columnsOf(docs), {
      filters: { bank: ['不存在', '工商银行'], source: [], province: [] },
      fromDay: null,
      toDay: null,
    });
    // Values are numbered in code-unit order: 交通银行 < 工商银行 < 建设银行.
    expect(Object.entries(got.facets.bank)).toEqual([
      ['建设银行', 2],
      ['交通银行', 1],
      ['工商银行', 1],
      ['不存在', 0],
    ]);
    expect([...got.final]).toEqual([2]);
  });

  it('without the facet values filters by date and counts the months as with them, and leaves every facet count empty', () => {
    const rnd = mulberry32(77);
    const none = { bank: [], source: [], province: [] };
    for (let round = 0; round < 200; round++) {
      const docs = randomDocs(rnd, 1 + Math.floor(rnd() * 60));
      const columns = columnsOf(docs);
      const matched = Uint32Array.from(docs.map((_, i) => i).filter(() => rnd() < 0.7));
      const days = docs.map((d) => d.day).filter((d) => d !== NO_DAY);
      const someDay = () => (days.length && rnd() < 0.4 ? days[Math.floor(rnd() * days.length)]! : null);
      const narrowing: Narrowing = { filters: none, fromDay: someDay(), toDay: someDay() };
      const first = filterAndCount(matched, columns, null, narrowing);
      const full = filterAndCount(matched, columns, columns, narrowing);
      expect([...first.final]).toEqual([...full.final]);
      expect(first.facets.month).toEqual(full.facets.month);
      for (const f of FACETS) expect(first.facets[f.key], f.key).toEqual({});
    }
  });

  it('refuses a facet filter without the facet values, naming the facets', () => {
    const docs: Doc[] = [{ day: 1, values: { bank: ['建设银行'], source: ['新华社'], province: [] } }];
    const narrowing: Narrowing = { filters: { bank: ['建设银行'], source: ['新华社'], province: [] }, fromDay: null, toDay: null };
    expect(() => filterAndCount(Uint32Array.of(0), columnsOf(docs), null, narrowing)).toThrow(FacetValuesMissingError);
    expect(() => filterAndCount(Uint32Array.of(0), columnsOf(docs), null, narrowing)).toThrow('filters by bank, source, whose values were not given');
  });
});
