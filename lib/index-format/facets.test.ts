import { describe, expect, it } from 'vitest';
import { FACETS } from './facets';

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
