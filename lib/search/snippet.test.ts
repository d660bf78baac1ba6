import { describe, expect, it } from 'vitest';
import { DEFAULT_SNIPPET_OPTIONS, highlightRanges, makeSnippet, paragraphsOf, type Range } from './snippet';

/** The highlighted substrings of `text`. */
function marked(text: string, ranges: Range[]): string[] {
  return ranges.map(([s, e]) => text.slice(s, e));
}

/** Whether `s` holds a high surrogate not followed by a low one, or a low one not preceded by a high one. */
function hasLoneSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (!(d >= 0xdc00 && d <= 0xdfff)) return true;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
}

const F = '的'; // filler: a Chinese character that is no query term

describe('highlightRanges', () => {
  it('marks every occurrence of a Chinese term, exactly', () => {
    const text = '普惠金融是普惠型贷款的核心，普惠';
    const r = highlightRanges(text, ['普惠']);
    expect(r).toStrictEqual([
      [0, 2],
      [5, 7],
      [14, 16],
    ]);
    expect(marked(text, r)).toStrictEqual(['普惠', '普惠', '普惠']);
  });

  it('marks Latin terms in their original case', () => {
    const text = '隔夜SHIBOR上行，Shibor与shibor';
    const r = highlightRanges(text, ['shibor']);
    expect(r).toStrictEqual([
      [2, 8],
      [11, 17],
      [18, 24],
    ]);
    expect(marked(text, r)).toStrictEqual(['SHIBOR', 'Shibor', 'shibor']);
  });

  it('matches Latin terms as whole words only', () => {
    const text = 'application app apps webapp';
    const r = highlightRanges(text, ['app']);
    expect(r).toStrictEqual([[12, 15]]);
    expect(marked(text, r)).toStrictEqual(['app']);
    expect(highlightRanges('application', ['app'])).toStrictEqual([]);
    expect(highlightRanges('LPR2024', ['lpr'])).toStrictEqual([]);
  });

  it('a Latin term next to Chinese characters or punctuation is a whole word', () => {
    const text = '下调LPR，(MLF)利率';
    const r = highlightRanges(text, ['lpr', 'mlf']);
    expect(r).toStrictEqual([
      [2, 5],
      [7, 10],
    ]);
    expect(marked(text, r)).toStrictEqual(['LPR', 'MLF']);
  });

  it('highlights a decimal as one word', () => {
    const text = '一年期LPR为3.85%，五年期为4.2%';
    const r = highlightRanges(text, ['3.85']);
    expect(r).toStrictEqual([[7, 11]]);
    expect(marked(text, r)).toStrictEqual(['3.85']);
  });

  it('highlights a term split by a line break across it', () => {
    const text = '坚持贯\n彻落实';
    const r = highlightRanges(text, ['贯彻']);
    expect(r).toStrictEqual([[2, 5]]);
    expect(marked(text, r)).toStrictEqual(['贯\n彻']);
  });

  it('highlights a term split by several spaces and a CRLF', () => {
    const text = '贯 \r\n  彻';
    expect(highlightRanges(text, ['贯彻'])).toStrictEqual([[0, 7]]);
  });

  it('highlights full-width source text for a folded term', () => {
    const text = '建设银行（ＣＣＢ）２０２２年';
    const r = highlightRanges(text, ['ccb', '2022']);
    expect(r).toStrictEqual([
      [5, 8],
      [9, 13],
    ]);
    expect(marked(text, r)).toStrictEqual(['ＣＣＢ', '２０２２']);
  });

  it('highlights traditional source text through the table', () => {
    const text = '中國銀行與中国银行';
    const table = { 國: '国', 銀: '银', 與: '与' };
    const r = highlightRanges(text, ['中国银行'], table);
    expect(r).toStrictEqual([
      [0, 4],
      [5, 9],
    ]);
    expect(marked(text, r)).toStrictEqual(['中國銀行', '中国银行']);
    expect(highlightRanges(text, ['中国银行'])).toStrictEqual([[5, 9]]);
  });

  it('merges overlapping and adjacent occurrences', () => {
    expect(highlightRanges('中国银行', ['中国', '国银', '银行'])).toStrictEqual([[0, 4]]);
    expect(highlightRanges('中国银行', ['中国', '银行'])).toStrictEqual([[0, 4]]);
  });

  it('uses UTF-16 code units as offsets', () => {
    const text = '😀😀LPR下调𠀀贷款';
    const r = highlightRanges(text, ['lpr', '贷款']);
    expect(r).toStrictEqual([
      [4, 7],
      [11, 13],
    ]);
    expect(marked(text, r)).toStrictEqual(['LPR', '贷款']);
  });

  it('highlights a supplementary-plane Han character', () => {
    const text = '甲𠀀乙';
    expect(highlightRanges(text, ['𠀀'])).toStrictEqual([[1, 3]]);
  });

  it('returns nothing for no terms, empty terms and absent terms', () => {
    expect(highlightRanges('普惠金融', [])).toStrictEqual([]);
    expect(highlightRanges('普惠金融', [''])).toStrictEqual([]);
    expect(highlightRanges('普惠金融', ['理财'])).toStrictEqual([]);
    expect(highlightRanges('', ['理财'])).toStrictEqual([]);
  });

  it('takes terms with regular-expression characters literally', () => {
    expect(highlightRanges('a.b (c)?[d] axb', ['.'])).toStrictEqual([[1, 2]]);
    expect(highlightRanges('a.b (c)?[d] axb', ['(c)?'])).toStrictEqual([[4, 8]]);
  });
});

describe('makeSnippet', () => {
  it('DEFAULT_SNIPPET_OPTIONS is 100 long with a lead of 20', () => {
    expect(DEFAULT_SNIPPET_OPTIONS).toStrictEqual({ length: 100, lead: 20 });
  });

  it('returns short text whole, with its occurrences marked', () => {
    const text = '工商银行下调LPR，SHIBOR走低';
    const s = makeSnippet(text, ['lpr', 'shibor']);
    expect(s).toStrictEqual({
      text,
      highlights: [
        [6, 9],
        [10, 16],
      ],
    });
    expect(marked(s.text, s.highlights)).toStrictEqual(['LPR', 'SHIBOR']);
  });

  it('cuts both ends with ellipses and shifts the offsets by the leading one', () => {
    const text = F.repeat(50) + '贷款' + F.repeat(100);
    const s = makeSnippet(text, ['贷款']);
    expect(s).toStrictEqual({ text: '…' + F.repeat(20) + '贷款' + F.repeat(78) + '…', highlights: [[21, 23]] });
    expect(marked(s.text, s.highlights)).toStrictEqual(['贷款']);
  });

  it('starts at the beginning when the occurrence is within the lead', () => {
    const text = F.repeat(5) + '贷款' + F.repeat(150);
    const s = makeSnippet(text, ['贷款']);
    expect(s).toStrictEqual({ text: F.repeat(5) + '贷款' + F.repeat(93) + '…', highlights: [[5, 7]] });
  });

  it('ends at the end of the text near its end, with no trailing ellipsis', () => {
    const text = F.repeat(150) + '贷款';
    const s = makeSnippet(text, ['贷款']);
    expect(s).toStrictEqual({ text: '…' + F.repeat(98) + '贷款', highlights: [[99, 101]] });
  });

  it('honours the length and lead options', () => {
    const text = F.repeat(50) + '贷款' + F.repeat(50);
    const s = makeSnippet(text, ['贷款'], null, { length: 10, lead: 3 });
    expect(s).toStrictEqual({ text: '…' + F.repeat(3) + '贷款' + F.repeat(5) + '…', highlights: [[4, 6]] });
  });

  it('marks Latin occurrences in their original case', () => {
    const text = F.repeat(60) + '隔夜SHIBOR上行' + F.repeat(60);
    const s = makeSnippet(text, ['shibor']);
    expect(s.highlights).toStrictEqual([[33, 39]]);
    expect(marked(s.text, s.highlights)).toStrictEqual(['SHIBOR']);
  });

  it('does not mark a Latin term inside a longer word', () => {
    const s = makeSnippet('application apps', ['app']);
    expect(s).toStrictEqual({ text: 'application apps', highlights: [] });
  });

  it('chooses the window that holds the most distinct terms', () => {
    const text = F.repeat(10) + '甲' + F.repeat(200) + '甲乙' + F.repeat(200);
    const s = makeSnippet(text, ['甲', '乙']);
    expect(s).toStrictEqual({ text: '…' + F.repeat(20) + '甲乙' + F.repeat(78) + '…', highlights: [[21, 23]] });
  });

  it('prefers more occurrences when distinct terms tie, then the earliest', () => {
    const text = F.repeat(10) + '甲' + F.repeat(200) + '甲' + F.repeat(5) + '甲' + F.repeat(200);
    const s = makeSnippet(text, ['甲']);
    expect(s.text).toBe('…' + F.repeat(20) + '甲' + F.repeat(5) + '甲' + F.repeat(73) + '…');
    expect(s.highlights).toStrictEqual([
      [21, 22],
      [27, 28],
    ]);

    const tie = F.repeat(200) + '甲' + F.repeat(200) + '甲' + F.repeat(200);
    expect(makeSnippet(tie, ['甲']).text).toBe('…' + F.repeat(20) + '甲' + F.repeat(79) + '…');
  });

  // BUG (snippet.ts makeSnippet, lines 99 and 112): the best window is scored as [occ.start, occ.start + length)
  // but the passage shown is [occ.start - lead, occ.start - lead + length). Terms in the last `lead`
  // characters of the scored window are counted and then cut off: here 甲 at 200 and 乙乙 at 290..292 both fit
  // in a 100-character passage ([192, 292) for example), but the snippet is [180, 280) and shows only 甲.
  it('shows every distinct term it counted when they fit in one passage', () => {
    const text = F.repeat(200) + '甲' + F.repeat(89) + '乙乙' + F.repeat(500);
    const s = makeSnippet(text, ['甲', '乙乙']);
    expect(s.text.length).toBe(102);
    expect(marked(s.text, s.highlights)).toStrictEqual(['甲', '乙乙']);
  });

  it('clips an occurrence cut by the window edge', () => {
    const text = '贷款' + F.repeat(97) + '利率' + F.repeat(10);
    const s = makeSnippet(text, ['贷款', '利率']);
    expect(s.text).toBe('贷款' + F.repeat(97) + '利…');
    expect(s.highlights).toStrictEqual([
      [0, 2],
      [99, 100],
    ]);
  });

  it('highlights a term split by a newline, and the newline becomes a space', () => {
    const text = '坚持贯\n彻落实';
    const s = makeSnippet(text, ['贯彻']);
    expect(s).toStrictEqual({ text: '坚持贯 彻落实', highlights: [[2, 5]] });
  });

  it('turns every newline, carriage return and tab into a space, keeping offsets', () => {
    const text = '第一段\r\n第二段\t贷款\n第三段';
    const s = makeSnippet(text, ['贷款']);
    expect(s).toStrictEqual({ text: '第一段  第二段 贷款 第三段', highlights: [[9, 11]] });
    expect(s.text.length).toBe(text.length);
  });

  it('highlights full-width source text for a folded term', () => {
    const s = makeSnippet('建设银行（ＣＣＢ）发布公告', ['ccb']);
    expect(s).toStrictEqual({ text: '建设银行（ＣＣＢ）发布公告', highlights: [[5, 8]] });
    expect(marked(s.text, s.highlights)).toStrictEqual(['ＣＣＢ']);
  });

  it('folds traditional source text through the table', () => {
    const s = makeSnippet('中國銀行公告', ['中国银行'], { 國: '国', 銀: '银' });
    expect(s).toStrictEqual({ text: '中國銀行公告', highlights: [[0, 4]] });
  });

  it('without an occurrence returns the beginning of the text and no highlights', () => {
    expect(makeSnippet(F.repeat(150), ['理财'])).toStrictEqual({ text: F.repeat(100) + '…', highlights: [] });
    expect(makeSnippet('短文本', ['理财'])).toStrictEqual({ text: '短文本', highlights: [] });
    expect(makeSnippet('短文本', [])).toStrictEqual({ text: '短文本', highlights: [] });
    expect(makeSnippet('', ['理财'])).toStrictEqual({ text: '', highlights: [] });
  });

  it('uses UTF-16 code units for offsets', () => {
    const text = '😀😀LPR下调𠀀贷款';
    const s = makeSnippet(text, ['lpr', '贷款']);
    expect(s).toStrictEqual({
      text,
      highlights: [
        [4, 7],
        [11, 13],
      ],
    });
  });

  it('never splits a surrogate pair at the start of the window', () => {
    const text = '😀'.repeat(100) + '贷款' + '😀'.repeat(100);
    // Window [179, 279): 179 is the low half of an emoji before 贷款 (200, 201) and so is 279 after it:
    // the window widens to [178, 280).
    const s = makeSnippet(text, ['贷款'], null, { length: 100, lead: 21 });
    expect(hasLoneSurrogate(s.text)).toBe(false);
    expect(s.text).toBe('…' + '😀'.repeat(11) + '贷款' + '😀'.repeat(39) + '…');
    expect(s.highlights).toStrictEqual([[23, 25]]);
    expect(marked(s.text, s.highlights)).toStrictEqual(['贷款']);
  });

  it('never splits a surrogate pair at the end of the window', () => {
    const text = '😀'.repeat(100) + '贷款' + '😀'.repeat(100);
    // Window [180, 281): 281 is the low half of an emoji after 贷款 (200, 201), so the window widens to 282.
    const s = makeSnippet(text, ['贷款'], null, { length: 101, lead: 20 });
    expect(hasLoneSurrogate(s.text)).toBe(false);
    expect(s.text).toBe('…' + '😀'.repeat(10) + '贷款' + '😀'.repeat(40) + '…');
    expect(s.highlights).toStrictEqual([[21, 23]]);
  });

  it('never leaves a lone surrogate for any window position', () => {
    const text = '𠀀a😀'.repeat(40) + '贷款' + '😀b𠀁'.repeat(40);
    for (let lead = 0; lead < 30; lead++) {
      for (let length = 1; length < 60; length++) {
        const s = makeSnippet(text, ['贷款'], null, { length, lead });
        expect(hasLoneSurrogate(s.text), `lead ${lead} length ${length}`).toBe(false);
        for (const [a, b] of s.highlights) expect(s.text.slice(a, b)).toMatch(/^贷?款?$/);
      }
    }
    const none = makeSnippet('😀'.repeat(100), ['理财'], null, { length: 51, lead: 0 });
    expect(hasLoneSurrogate(none.text)).toBe(false);
    expect(none.text).toBe('😀'.repeat(26) + '…');
  });

  it('highlights an emoji term', () => {
    const s = makeSnippet('发布😀表情', ['😀']);
    expect(s).toStrictEqual({ text: '发布😀表情', highlights: [[2, 4]] });
  });

  it('every highlight of a long document points at a term occurrence', () => {
    const text = (F.repeat(7) + '普惠金融\n' + F.repeat(3) + 'LPR ').repeat(30);
    const s = makeSnippet(text, ['普惠', 'lpr']);
    expect(s.highlights.length).toBeGreaterThan(0);
    for (const m of marked(s.text, s.highlights)) expect(['普惠', 'LPR', '普', '惠', 'L', 'LP', 'PR', 'R']).toContain(m);
    const found = new Set(marked(s.text, s.highlights));
    expect(found.has('普惠') && found.has('LPR')).toBe(true);
    expect(s.text.endsWith('…')).toBe(true);
  });
});

describe('paragraphsOf', () => {
  it('cuts the text at line breaks, drops blank lines, and moves each mark into its line', () => {
    const text = '交通银行推出普惠\n\n  \n普惠金融产品\n结尾';
    expect(
      paragraphsOf(text, [
        [6, 8],
        [13, 15],
      ]),
    ).toEqual([
      { text: '交通银行推出普惠', highlights: [[6, 8]] },
      { text: '普惠金融产品', highlights: [[0, 2]] },
      { text: '结尾', highlights: [] },
    ]);
    expect(paragraphsOf('甲乙\n丙丁', [[1, 4]])).toEqual([
      { text: '甲乙', highlights: [[1, 2]] },
      { text: '丙丁', highlights: [[0, 1]] },
    ]);
  });

  it('gives the same marks as highlighting each paragraph alone when no mark crosses a line', () => {
    const text = '工商银行下调LPR。\n建设银行发布普惠贷款；工商银行回应。\n\n无关段落';
    const terms = ['工商银行', '普惠'];
    const whole = paragraphsOf(text, highlightRanges(text, terms, null));
    const each = text
      .split('\n')
      .filter((p) => p.trim() !== '')
      .map((p) => ({ text: p, highlights: highlightRanges(p, terms, null) }));
    expect(whole).toEqual(each);
  });
});
