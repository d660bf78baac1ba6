import { describe, expect, it } from 'vitest';
import { foldText, foldWidth, simplifiedCharTable, toSimplifiedCharwise } from './simplify';

describe('toSimplifiedCharwise', () => {
  it('folds traditional bank names to simplified', () => {
    expect(toSimplifiedCharwise('中國建設銀行與滙豐銀行')).toBe('中国建设银行与汇丰银行');
  });

  it('keeps one UTF-16 unit per input unit, so offsets stay aligned', () => {
    const text = '臺灣銀行業😀發展，CCB 增長';
    const out = toSimplifiedCharwise(text);
    expect(out.length).toBe(text.length);
    expect(out.indexOf('发展')).toBe(text.indexOf('發展'));
  });

  it('returns simplified text unchanged', () => {
    const text = '交通银行持续加大小微企业信贷投放。';
    expect(toSimplifiedCharwise(text)).toBe(text);
  });
});

describe('simplifiedCharTable', () => {
  it('has only single-unit keys mapping to a different single unit', () => {
    const table = simplifiedCharTable();
    const entries = Object.entries(table);
    expect(entries.length).toBeGreaterThan(2000);
    for (const [from, to] of entries) {
      expect(from.length).toBe(1);
      expect(to.length).toBe(1);
      expect(to).not.toBe(from);
    }
    expect(table['銀']).toBe('银');
    expect(table['银']).toBeUndefined();
  });
});

describe('foldWidth / foldText', () => {
  it('maps full-width ASCII and the ideographic space unit for unit', () => {
    expect(foldWidth('ＣＣＢ　２０２２')).toBe('CCB 2022');
    expect(foldText('ＩＣＢＣ與中國銀行')).toBe('ICBC与中国银行');
  });
});
