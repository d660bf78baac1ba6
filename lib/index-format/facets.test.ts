import { describe, expect, it } from 'vitest';
import { forEachUnit, termUnits } from './analyze';
import { FACETS, facetTerm } from './facets';
import { foldText } from './fold';

/** Names the answer, the results page's URL and `npm run search` already use for something else. */
const TAKEN = {
  key: ['month'],
  param: ['q', 'from', 'to', 'sort', 'page', 'id', 'back'],
  flag: ['index', 'from', 'to', 'sort', 'limit', 'offset', 'json', 'help'],
};

describe('FACETS', () => {
  it('gives every facet its own key, URL parameter and CLI flag, none of them taken by something else', () => {
    for (const field of ['key', 'param', 'flag', 'label'] as const) {
      const names = FACETS.map((f) => f[field]);
      expect(new Set(names).size, field).toBe(names.length);
    }
    for (const f of FACETS) {
      expect(TAKEN.key).not.toContain(f.key);
      expect(TAKEN.param).not.toContain(f.param);
      expect(TAKEN.flag).not.toContain(f.flag);
      expect(f.param).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(f.flag).toMatch(/^[a-z][a-z0-9-]*$/);
    }
  });

  it('reads each facet from its article field, a single-valued facet never more than one value', () => {
    const doc = { banks: ['交通银行', '建设银行'], source: '新华网', provinces: ['青海'] };
    const values = Object.fromEntries(FACETS.map((f) => [f.key, f.values(doc)]));
    expect(values).toEqual({ bank: ['交通银行', '建设银行'], source: ['新华网'], province: ['青海'] });
    expect(FACETS.find((f) => f.key === 'source')!.values({ ...doc, source: null })).toEqual([]);
    for (const f of FACETS) if (!f.multi) expect(f.values(doc).length).toBeLessThanOrEqual(1);
  });
});

describe('facetTerm', () => {
  it('names every value of every facet apart', () => {
    const terms = FACETS.flatMap((f) => ['工商银行', '青海', '新华网', '', '=', 'a=b'].map((v) => facetTerm(f.key, v)));
    expect(new Set(terms).size).toBe(terms.length);
  });

  it('is a key no text or query yields as a unit, so no search finds a value list by its words', () => {
    const texts = ['=bank=工商银行', '工商银行=bank', 'a = b, x=1.5%', `${facetTerm('source', '新华网')} 新华网`, '==province==青海'];
    for (const text of texts) {
      const folded = foldText(text);
      const units: string[] = [];
      forEachUnit(folded, (key) => units.push(key));
      expect(units.length, text).toBeGreaterThan(0);
      expect(
        units.filter((u) => u.includes('=')),
        text,
      ).toEqual([]);
      expect(
        termUnits(folded).units.filter((u) => u.includes('=')),
        text,
      ).toEqual([]);
    }
    for (const f of FACETS) expect(facetTerm(f.key, '工商银行').startsWith('=')).toBe(true);
  });
});
