import { describe, expect, it } from 'vitest';
import { forEachUnit, MAX_GRAM, queryUnits, termUnits, tokenize, unitSpans, type ChainLink, type UnitSpan } from './analyze';
import { foldText } from './fold';
import { mulberry32 } from './test-support';

const span = (key: string, start: number, end: number, tokens: number): UnitSpan => ({ key, start, end, tokens });
const keys = (s: string) => unitSpans(s).map((u) => u.key);

describe('tokenize', () => {
  it('makes each Chinese character and each whole Latin word or number a token, grouped in runs', () => {
    const t = tokenize('兴农e贷 ccb，2022年');
    const tokens = t.starts.map((s, i) => '兴农e贷 ccb，2022年'.slice(s, t.ends[i]));
    expect(tokens).toEqual(['兴', '农', 'e', '贷', 'ccb', '2022', '年']);
    expect(t.runs).toEqual([1, 1, 1, 1, 2, 3, 3]);
  });
});

describe('unitSpans / forEachUnit', () => {
  it('gives every n-gram up to MAX_GRAM tokens of a Chinese run with exact spans', () => {
    expect(MAX_GRAM).toBe(4);
    expect(unitSpans('交通银行')).toEqual([
      span('交', 0, 1, 1),
      span('通', 1, 2, 1),
      span('交通', 0, 2, 2),
      span('银', 2, 3, 1),
      span('通银', 1, 3, 2),
      span('交通银', 0, 3, 3),
      span('行', 3, 4, 1),
      span('银行', 2, 4, 2),
      span('通银行', 1, 4, 3),
      span('交通银行', 0, 4, 4),
    ]);
  });

  it('never makes an n-gram longer than MAX_GRAM tokens', () => {
    expect(keys('中国建设银行')).not.toContain('中国建设银');
    expect(keys('中国建设银行')).toContain('建设银行');
    expect(unitSpans('中国建设银行')).toHaveLength(6 + 5 + 4 + 3);
  });

  it('forEachUnit emits the same units, in order of their end offset, each the slice it names', () => {
    const text = '2022年交通银行 ccb 发布 1.43万亿元';
    const seen: UnitSpan[] = [];
    forEachUnit(text, (key, start, end, tokens) => seen.push({ key, start, end, tokens }));
    expect(seen).toEqual(unitSpans(text));
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.end).toBeGreaterThanOrEqual(seen[i - 1]!.end);
    for (const u of seen) expect(text.slice(u.start, u.end)).toBe(u.key);
  });

  it('keeps Latin words whole', () => {
    expect(unitSpans('app')).toEqual([span('app', 0, 3, 1)]);
    expect(keys('application')).toEqual(['application']);
    expect(keys('app store')).toEqual(['app', 'store']);
    expect(keys('ccb2022')).toEqual(['ccb2022']);
    expect(keys('café déjà')).toEqual(['café', 'déjà']);
  });

  it('keeps decimals as one token', () => {
    expect(keys('6.3565')).toEqual(['6.3565']);
    expect(keys('3.85%')).toEqual(['3.85', '%', '3.85%']);
    expect(keys('1.2.3')).toEqual(['1.2.3']);
    expect(keys('3.')).toEqual(['3']);
    expect(keys('a.b')).toEqual(['a', 'b']);
    expect(keys('1,000')).toEqual(['1', '000']);
  });

  it('joins numbers and Latin words written against Chinese into the same run', () => {
    expect(keys('1.43万亿元')).toEqual(['1.43', '万', '1.43万', '亿', '万亿', '1.43万亿', '元', '亿元', '万亿元', '1.43万亿元']);
    expect(keys('兴农e贷')).toContain('兴农e贷');
    expect(keys('兴农e贷')).toContain('e贷');
  });

  it('makes no n-gram across a space or punctuation', () => {
    expect(keys('银行 贷款')).toEqual(['银', '行', '银行', '贷', '款', '贷款']);
    expect(keys('银行，贷款')).toEqual(['银', '行', '银行', '贷', '款', '贷款']);
  });

  it('treats supplementary Han characters as one token of two code units', () => {
    expect(unitSpans('𠀀银')).toEqual([span('𠀀', 0, 2, 1), span('银', 2, 3, 1), span('𠀀银', 0, 3, 2)]);
  });

  it('treats kana as tokens and emoji as breaks', () => {
    expect(keys('みず')).toEqual(['み', 'ず', 'みず']);
    expect(keys('银😀行')).toEqual(['银', '行']);
    expect(keys('ab😀cd')).toEqual(['ab', 'cd']);
  });

  it('gives nothing for punctuation-only or empty text', () => {
    expect(unitSpans('')).toEqual([]);
    expect(unitSpans('，。！？、…—()《》"\'.,-')).toEqual([]);
    expect(unitSpans('   ')).toEqual([]);
    expect(unitSpans('😀🏦')).toEqual([]);
  });
});

describe('termUnits / queryUnits', () => {
  it('looks up a run of up to MAX_GRAM tokens as one exact unit', () => {
    expect(termUnits('交通银行')).toEqual({ units: ['交通银行'], chain: [], needsCheck: false });
    expect(termUnits('银')).toEqual({ units: ['银'], chain: [], needsCheck: false });
    expect(termUnits('普惠型')).toEqual({ units: ['普惠型'], chain: [], needsCheck: false });
    expect(termUnits('兴农e贷')).toEqual({ units: ['兴农e贷'], chain: [], needsCheck: false });
    expect(termUnits('6.3565')).toEqual({ units: ['6.3565'], chain: [], needsCheck: false });
  });

  it('chains only the MAX_GRAM-grams that tile a longer run, with their token offsets, for a positional match', () => {
    expect(termUnits('中国建设银行')).toEqual({
      units: ['中国建设', '建设银行'],
      chain: [
        { unit: '中国建设', offset: 0 },
        { unit: '建设银行', offset: 2 },
      ],
      needsCheck: false,
    });
    // 5 tokens: offsets 0 and 1.
    expect(termUnits('中国人民银')).toEqual({
      units: ['中国人民', '国人民银'],
      chain: [
        { unit: '中国人民', offset: 0 },
        { unit: '国人民银', offset: 1 },
      ],
      needsCheck: false,
    });
    // 7 tokens: offsets 0 and 3, which share exactly one token.
    expect(termUnits('中国农业发展银').chain).toEqual([
      { unit: '中国农业', offset: 0 },
      { unit: '业发展银', offset: 3 },
    ]);
    // 8 tokens: offsets 0, 3 and the last one, 4.
    expect(termUnits('中国农业发展银行').chain).toEqual([
      { unit: '中国农业', offset: 0 },
      { unit: '业发展银', offset: 3 },
      { unit: '发展银行', offset: 4 },
    ]);
    // 9 tokens: offsets 0, 3 and 5.
    expect(termUnits('中国农业发展银行贷').chain).toEqual([
      { unit: '中国农业', offset: 0 },
      { unit: '业发展银', offset: 3 },
      { unit: '展银行贷', offset: 5 },
    ]);
    // 10 tokens: offsets 0, 3 and 6, which already ends the run.
    expect(termUnits('中国农业发展银行贷款').chain.map((l) => l.offset)).toEqual([0, 3, 6]);
  });

  it('keeps repeated links of a chain, each at its own offset, and lists the unit once', () => {
    expect(termUnits('银行银行银行')).toEqual({
      units: ['银行银行'],
      chain: [
        { unit: '银行银行', offset: 0 },
        { unit: '银行银行', offset: 2 },
      ],
      needsCheck: false,
    });
  });

  it('counts offsets in tokens, not characters: a Latin word or a number is one token', () => {
    // abc, 中, 国, 建, 设, 银, 行: 7 tokens.
    expect(termUnits('abc中国建设银行')).toEqual({
      units: ['abc中国建', '建设银行'],
      chain: [
        { unit: 'abc中国建', offset: 0 },
        { unit: '建设银行', offset: 3 },
      ],
      needsCheck: false,
    });
    // 1.43, 万, 亿, 元, 贷, 款: 6 tokens.
    expect(termUnits('1.43万亿元贷款').chain).toEqual([
      { unit: '1.43万亿元', offset: 0 },
      { unit: '亿元贷款', offset: 2 },
    ]);
  });

  it('gives no chain but the tiling units of each long run when the term has several runs or stray characters', () => {
    expect(termUnits('中国建设银行 股份')).toEqual({ units: ['中国建设', '建设银行', '股份'], chain: [], needsCheck: true });
    expect(termUnits('中国农业发展银行，中国建设银行')).toEqual({
      units: ['中国农业', '业发展银', '发展银行', '中国建设', '建设银行'],
      chain: [],
      needsCheck: true,
    });
    expect(termUnits('《中国建设银行》')).toEqual({ units: ['中国建设', '建设银行'], chain: [], needsCheck: true });
  });

  it('tiles every run of 5 to 20 tokens with links that overlap, from offset 0 to n - MAX_GRAM, covering every token', () => {
    const rnd = mulberry32(2024);
    const han = [...'交通银行中国人民建设农业工商招商兴农贷款利率发布𠀀'];
    const words = ['e', 'ccb', 'lpr', '2022', '1.43', '%'];
    for (let k = 0; k < 500; k++) {
      const n = 5 + Math.floor(rnd() * 16);
      const tokens: string[] = [];
      for (let i = 0; i < n; i++) {
        // A word or number never follows another one, or the two would be read as one token.
        const word = i > 0 && han.includes(tokens[i - 1]!) && rnd() < 0.2;
        tokens.push(word ? words[Math.floor(rnd() * words.length)]! : han[Math.floor(rnd() * han.length)]!);
      }
      const term = tokens.join('');
      expect(tokenize(term).starts, term).toHaveLength(n);
      const { units, chain, needsCheck } = termUnits(term);
      expect(needsCheck, term).toBe(false);
      const offsets = chain.map((l) => l.offset);
      expect(offsets[0], term).toBe(0);
      expect(offsets.at(-1), term).toBe(n - MAX_GRAM);
      for (let i = 1; i < offsets.length; i++) {
        const step = offsets[i]! - offsets[i - 1]!;
        expect(step >= 1 && step <= MAX_GRAM - 1, `${term}: step ${step} at link ${i}`).toBe(true);
      }
      const covered = new Array<boolean>(n).fill(false);
      for (const l of chain) {
        expect(l.unit, term).toBe(tokens.slice(l.offset, l.offset + MAX_GRAM).join(''));
        for (let t = l.offset; t < l.offset + MAX_GRAM; t++) covered[t] = true;
      }
      expect(covered.every(Boolean), term).toBe(true);
      expect(units, term).toEqual([...new Set(chain.map((l) => l.unit))]);
    }
  });

  it('finds each link of a chain indexed at its offset from where the term starts in a text', () => {
    const text = foldText('据新华社报道，中国农业发展银行贷款余额增长，中国建设银行也发布了公告');
    const at = new Map<string, number[]>();
    forEachUnit(text, (key, _s, _e, tokens, first) => {
      if (tokens === MAX_GRAM) at.set(key, [...(at.get(key) ?? []), first]);
    });
    const startOf = (term: string) => tokenize(text).starts.indexOf(text.indexOf(term));
    for (const term of ['中国农业发展银行贷', '中国建设银行也发布了公告', '贷款余额增长']) {
      const chain: ChainLink[] = termUnits(term).chain;
      expect(chain.length, term).toBeGreaterThan(1);
      const start = startOf(term);
      for (const l of chain) expect(at.get(l.unit), `${term}: ${l.unit}`).toContain(start + l.offset);
    }
  });

  it('needs a check for several runs or for characters that are no token', () => {
    expect(termUnits('交通 bank')).toEqual({ units: ['交通', 'bank'], chain: [], needsCheck: true });
    expect(termUnits('3.85%')).toEqual({ units: ['3.85%'], chain: [], needsCheck: false });
    expect(termUnits('3.85 %')).toEqual({ units: ['3.85', '%'], chain: [], needsCheck: true });
    expect(termUnits('银,贷款')).toEqual({ units: ['银', '贷款'], chain: [], needsCheck: true });
  });

  it('removes duplicates and keeps the first-seen order', () => {
    expect(queryUnits('银行银行银行')).toEqual(['银行银行']);
    expect(queryUnits('银行银行银行银')).toEqual(['银行银行', '行银行银']);
    expect(queryUnits('ccb ccb icbc')).toEqual(['ccb', 'icbc']);
  });

  it('gives [] for punctuation only', () => {
    expect(queryUnits('')).toEqual([]);
    expect(queryUnits('，。！？')).toEqual([]);
    expect(queryUnits('...')).toEqual([]);
  });

  it('works on folded queries: traditional, full-width and wrapped forms give the same units', () => {
    const table = { 銀: '银', 國: '国' };
    expect(queryUnits(foldText('中國銀行', table))).toEqual(queryUnits(foldText('中国银行')));
    expect(queryUnits(foldText('ＣＣＢ　２０２２'))).toEqual(['ccb', '2022']);
    expect(queryUnits(foldText('交通\n银行'))).toEqual(['交通银行']);
  });

  it('every unit a query needs is a unit the same text was indexed with', () => {
    const rnd = mulberry32(7);
    const alphabet = [...'交通银行中国人民建设农业工商招商兴农贷款利率发布abcxyz0123456789. ，'];
    for (let k = 0; k < 200; k++) {
      let text = '';
      const n = 1 + Math.floor(rnd() * 12);
      for (let i = 0; i < n; i++) text += alphabet[Math.floor(rnd() * alphabet.length)]!;
      const folded = foldText(text);
      const indexed = new Set(keys(folded));
      for (const u of queryUnits(folded)) expect(indexed.has(u)).toBe(true);
    }
  });

  it('does not blow up on a 2,000-character query', () => {
    expect(queryUnits('银'.repeat(2000))).toEqual(['银银银银']);
    const chain = termUnits('银'.repeat(2000)).chain;
    expect(chain).toHaveLength(Math.ceil(1996 / 3) + 1);
    expect(chain.at(-1)).toEqual({ unit: '银银银银', offset: 1996 });
    expect(unitSpans('银'.repeat(2000))).toHaveLength(2000 * 4 - 6);
    expect(queryUnits('a'.repeat(2000))).toEqual(['a'.repeat(2000)]);
    expect(queryUnits('，'.repeat(2000))).toEqual([]);
  });
});
