import { describe, expect, it } from 'vitest';
import { fold, foldText, foldView, isGramCode, isRankedText, isWordCode, mayHaveTableEntry, rankedTableKeys, tableLookups, type CharTable } from './fold';
import { mulberry32 } from './test-support';

const TABLE: CharTable = { 國: '国', 銀: '银', 貫: '贯', 徹: '彻', 業: '业', 發: '发', 興: '兴', 農: '农', 貸: '贷', 會: '会' };

describe('fold: width and case', () => {
  it('turns full-width letters and digits into ASCII', () => {
    expect(foldText('ＣＣＢ２０２２')).toBe('ccb2022');
    expect(foldText('ｉｃｂｃ')).toBe('icbc');
    expect(foldText('３．８５％')).toBe('3.85%');
  });

  it('lower-cases', () => {
    expect(foldText('ICBC')).toBe('icbc');
    expect(foldText('Bank Of China')).toBe('bank of china');
    expect(foldText('ΑΒΓ')).toBe('αβγ');
    expect(foldText('ДЕНЬГИ')).toBe('деньги');
  });

  it('leaves characters whose folding would change the length as they are', () => {
    // İ lower-cases to two units, ½ normalizes to three: both are kept, so the map stays one-to-one.
    expect(foldText('İ')).toBe('İ');
    expect(foldText('½')).toBe('½');
    expect(fold('İ½').map).toEqual(new Uint32Array([0, 1]));
  });

  it('returns the same text through foldText and fold', () => {
    for (const s of ['ＣＣＢ２０２２', ' 贯\n彻 App ', '中國銀行', '']) {
      expect(foldText(s)).toBe(fold(s).text);
      expect(foldText(s, TABLE)).toBe(fold(s, TABLE).text);
    }
  });
});

describe('fold: whitespace', () => {
  it('collapses runs of whitespace to one space', () => {
    expect(foldText('a  \t\n \r\n b')).toBe('a b');
    expect(foldText('bank\u00a0of\u2003china')).toBe('bank of china');
    expect(foldText('a\u3000\u3000b')).toBe('a b');
  });

  it('removes whitespace between two Chinese characters, including newlines, blank lines and U+3000', () => {
    expect(foldText('贯\n\n彻')).toBe('贯彻');
    expect(foldText('贯\n彻')).toBe('贯彻');
    expect(foldText('贯 彻')).toBe('贯彻');
    expect(foldText('贯\u3000彻')).toBe('贯彻');
    expect(foldText('贯 \r\n\t\u3000 \n彻')).toBe('贯彻');
    expect(foldText('中国\n\n人民\u3000银行')).toBe('中国人民银行');
  });

  it('keeps one space between Latin words and between Chinese and Latin on one line', () => {
    expect(foldText('Bank\n\nof  China')).toBe('bank of china');
    expect(foldText('中国 Bank')).toBe('中国 bank');
    expect(foldText('银行\u3000ＣＣＢ')).toBe('银行 ccb');
    expect(foldText('2022年 3月')).toBe('2022年 3月');
    expect(foldText('银行 ， 贷款')).toBe('银行 , 贷款');
  });

  it('removes a line break next to a Chinese character, with the spaces around it: a wrapped line is no gap', () => {
    expect(foldText('兴农\ne贷')).toBe('兴农e贷');
    expect(foldText('SHIBOR\n隔夜')).toBe('shibor隔夜');
    expect(foldText('bank\n\n中国')).toBe('bank中国');
    expect(foldText('发放 \r\n ＬＰＲ')).toBe('发放lpr');
    expect(foldText('app\u2028贷款')).toBe('app贷款');
    expect(foldText('ccb\n2022')).toBe('ccb 2022');
    const { text, map } = fold('兴农\ne贷');
    expect([...map].map((i) => '兴农\ne贷'[i]).join('')).toBe(text);
  });

  it('drops leading and trailing whitespace', () => {
    expect(foldText('  交通银行  ')).toBe('交通银行');
    expect(foldText('\n\u3000 ccb \n')).toBe('ccb');
    expect(foldText(' \n\t\u3000')).toBe('');
    expect(foldText('')).toBe('');
    expect(fold(' \n ').map).toEqual(new Uint32Array(0));
  });
});

describe('fold: traditional → simplified table', () => {
  it('is applied per character', () => {
    expect(foldText('中國銀行', TABLE)).toBe('中国银行');
    expect(foldText('興農貸', TABLE)).toBe('兴农贷');
    expect(foldText('中國銀行')).toBe('中國銀行');
    expect(foldText('中國銀行', null)).toBe('中國銀行');
  });

  it('is applied before the whitespace rule and after width/case folding', () => {
    expect(foldText('貫\n\n徹', TABLE)).toBe('贯彻');
    expect(foldText('ＡＢ', { a: 'x' })).toBe('xb');
    expect(foldText('AB', { A: 'x' })).toBe('ab');
  });

  it('looks up only characters tableLookups names: a table of their entries folds like the whole one', () => {
    const text = '中國 銀行ＡＢc Ā\uF902𠀁，3.85%';
    expect([...tableLookups(text)].sort()).toEqual(['ā', '中', '國', '行', '銀', '車', '𠀁'].sort()); // ＡＢ and ， fold to ASCII
    const full: Record<string, string> = { ...TABLE, 車: '车', ā: 'a' };
    const own = Object.fromEntries([...tableLookups(text)].filter((c) => c in full).map((c) => [c, full[c]!]));
    expect(foldText(text, own)).toBe(foldText(text, full));
    expect(tableLookups('abc 123 %')).toEqual(new Set());
  });

  it('names the ranked characters a table has entries for, and says no other ranked character may have one', () => {
    const table = { 著: '着', 銀: '银', 乾: '干' };
    // 銀 is not among the text code's ranked characters; 著 and 乾 are, in that order.
    expect(rankedTableKeys(table)).toBe('著乾');
    expect(rankedTableKeys({})).toBe('');
    const ranked = rankedTableKeys(table);
    expect(mayHaveTableEntry('著', ranked)).toBe(true);
    expect(mayHaveTableEntry('银', ranked)).toBe(false);
    expect(mayHaveTableEntry('行', ranked)).toBe(false);
    expect(mayHaveTableEntry('銀', ranked)).toBe(true);
    expect(mayHaveTableEntry('𠀁', ranked)).toBe(true);
    expect(mayHaveTableEntry('银', undefined)).toBe(true);
    // The characters that may have an entry are all a table of their entries needs to fold a text as the whole one does.
    const text = '中國銀行著作乾坤';
    const own = Object.fromEntries(
      [...tableLookups(text)].filter((c) => mayHaveTableEntry(c, ranked) && c in table).map((c) => [c, table[c as keyof typeof table]]),
    );
    expect(foldText(text, own)).toBe(foldText(text, table));
    expect(isRankedText('中国银行')).toBe(true);
    expect(isRankedText('中國')).toBe(false);
    expect(isRankedText('a')).toBe(false);
  });

  it('reads a table afresh on every call: a table that grew, or another table, is honoured', () => {
    const growing: Record<string, string> = {};
    expect(foldText('國銀國', growing)).toBe('國銀國');
    growing['國'] = '国';
    expect(foldText('國銀國', growing)).toBe('国銀国');
    expect(foldText('國銀國', { 銀: '银' })).toBe('國银國');
    expect(foldText('國銀國', Object.assign(Object.create(growing) as Record<string, string>, { 銀: '银' }))).toBe('国银国');
    expect(foldText('國銀國')).toBe('國銀國');
  });

  it('ignores an entry that is not exactly one UTF-16 unit, which the offset map could not follow', () => {
    const f = fold('國銀', { 國: '', 銀: '银行' });
    expect(f.text).toBe('國銀');
    expect([...f.map]).toEqual([0, 1]);
  });

  it('keeps the map one-to-one', () => {
    const f = fold('中 國\n銀行', TABLE);
    expect(f.text).toBe('中国银行');
    expect([...f.map]).toEqual([0, 2, 4, 5]);
  });
});

describe('fold: surrogate pairs', () => {
  it('keeps emoji and supplementary characters intact', () => {
    expect(foldText('😀')).toBe('😀');
    expect(foldText('银行😀贷款')).toBe('银行😀贷款');
    expect(foldText('银行 😀 贷款')).toBe('银行 😀 贷款');
    expect(foldText('👨‍👩‍👧 family')).toBe('👨‍👩‍👧 family');
    expect(foldText('👍🏽')).toBe('👍🏽');
    expect(fold('a😀b').map).toEqual(new Uint32Array([0, 1, 2, 3]));
  });

  it('treats supplementary Han characters as Chinese for the whitespace rule', () => {
    expect(foldText('𠀀\n𠀁')).toBe('𠀀𠀁');
    expect(foldText('银 𠀀')).toBe('银𠀀');
    expect(foldText('𠀀 银')).toBe('𠀀银');
    expect(foldText('𠀀 a')).toBe('𠀀 a');
    expect(foldText('😀 😀')).toBe('😀 😀');
  });

  it('passes lone surrogates through', () => {
    const f = fold('\ud800a \udc00');
    expect(f.text).toBe('\ud800a \udc00');
    expect([...f.map]).toEqual([0, 1, 2, 3]);
    expect(foldText('a\ud83d')).toBe('a\ud83d');
  });
});

describe('fold: offset map', () => {
  it('points every folded unit at its source unit', () => {
    const f = fold('  ＡＢ  Ｃd\n\n贯\n\n彻 ');
    expect(f.text).toBe('ab cd贯彻');
    expect([...f.map]).toEqual([2, 3, 4, 6, 7, 10, 13]);
    const g = fold('  ＡＢ  Ｃd  贯\n\n彻 ');
    expect(g.text).toBe('ab cd 贯彻');
    expect([...g.map]).toEqual([2, 3, 4, 6, 7, 8, 10, 13]);
  });

  it('maps a collapsed space to the first whitespace unit of its run', () => {
    const f = fold('ab \n\t cd');
    expect(f.text).toBe('ab cd');
    expect([...f.map]).toEqual([0, 1, 2, 6, 7]);
  });

  it('is a Uint32Array as long as the text', () => {
    const f = fold('交通银行 ccb');
    expect(f.map).toBeInstanceOf(Uint32Array);
    expect(f.map.length).toBe(f.text.length);
  });

  const HAN = [...'交通银行中国人民建设农业工商招商兴农贷款利率发布贯彻普惠型亿万元'];
  const TRAD = Object.keys(TABLE);
  const LATIN = [...'abcxyzABCXYZ'];
  const DIGITS = [...'0123456789.'];
  const FULL = [...'ＡＢＣｘｙｚ０１２９，。％．（）'];
  const SPACE = [' ', ' ', '\n', '\n\n', '\t', '\r\n', '\u3000', '\u00a0', '\u2003'];
  const EMOJI = ['😀', '👍🏽', '🏦', '𠀀', '𠀁', '𪚥'];
  const PUNCT = [...',.;:!?-()“”、《》'];
  const POOLS = [HAN, HAN, HAN, TRAD, LATIN, LATIN, DIGITS, FULL, SPACE, SPACE, EMOJI, PUNCT];

  function randomSource(rnd: () => number): string {
    const len = Math.floor(rnd() * 40);
    let s = '';
    for (let i = 0; i < len; i++) {
      const pool = POOLS[Math.floor(rnd() * POOLS.length)]!;
      s += pool[Math.floor(rnd() * pool.length)]!;
    }
    return s;
  }

  const isWs = (ch: string) => /^\s$/u.test(ch);
  const isGramChar = (ch: string) => isGramCode(ch.codePointAt(0)!);

  /** Independent model of folding for the alphabet above, working on code points. */
  function reference(source: string, table: CharTable | null): string {
    const tokens: string[] = [];
    for (const ch of source) {
      if (isWs(ch)) {
        tokens.push(/[\n\v\f\r\u2028\u2029]/.test(ch) ? '\n' : ' ');
        continue;
      }
      let f = ch.length === 1 ? ch.normalize('NFKC').toLowerCase() : ch;
      if (table && table[f]) f = table[f]!;
      tokens.push(f);
    }
    let out = '';
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (t !== ' ' && t !== '\n') {
        out += t;
        continue;
      }
      let j = i;
      let lineBreak = false;
      for (; j < tokens.length && (tokens[j] === ' ' || tokens[j] === '\n'); j++) lineBreak ||= tokens[j] === '\n';
      const before = out.length > 0 ? String.fromCodePoint(out.codePointAt(out.length - 1 - (/[\udc00-\udfff]/.test(out[out.length - 1]!) ? 1 : 0))!) : null;
      const after = j < tokens.length ? tokens[j]! : null;
      const joined = (isGramChar(before ?? '') && isGramChar(after ?? '')) || (lineBreak && (isGramChar(before ?? '') || isGramChar(after ?? '')));
      if (before !== null && after !== null && !joined) out += ' ';
      i = j - 1;
    }
    return out;
  }

  it('satisfies its invariants on a few hundred seeded random strings', () => {
    const rnd = mulberry32(20220309);
    for (let k = 0; k < 400; k++) {
      const source = randomSource(rnd);
      const table = k % 2 === 0 ? TABLE : null;
      const { text, map } = fold(source, table);
      const ctx = `source ${JSON.stringify(source)} → ${JSON.stringify(text)}`;

      expect(text, ctx).toBe(reference(source, table));
      expect(map.length, ctx).toBe(text.length);
      for (let i = 0; i < map.length; i++) {
        expect(map[i]!, ctx).toBeLessThan(source.length);
        if (i > 0) expect(map[i]!, ctx).toBeGreaterThan(map[i - 1]!);
        const unit = text.charCodeAt(i);
        const src = source[map[i]!]!;
        if (unit >= 0xd800 && unit <= 0xdfff) {
          expect(src, ctx).toBe(text[i]);
        } else if (text[i] === ' ') {
          expect(isWs(src), `${ctx} at ${i}`).toBe(true);
          if (map[i]! > 0) expect(isWs(source[map[i]! - 1]!), `${ctx} at ${i}`).toBe(false);
        } else {
          expect(foldText(src, table), `${ctx} at ${i}`).toBe(text[i]);
        }
      }
      // No leading, trailing or doubled space; no space between two Chinese characters.
      expect(text, ctx).toBe(text.trim());
      expect(text.includes('  '), ctx).toBe(false);
      expect(/[\n\t\r\u3000\u00a0\u2003]/.test(text), ctx).toBe(false);
      expect(/[\u4e00-\u9fff] (?=[\u4e00-\u9fff])/.test(text), ctx).toBe(false);
      // Folding folded text changes nothing.
      expect(foldText(text, table), ctx).toBe(text);
    }
  });
  describe('kept buffers', () => {
    const rnd = mulberry32(77);
    const pool = [...'交通銀行 ＣＣＢ２０２２\n\n贯彻 ab\tcd 😀𠀀，。'];
    const texts = (lengths: number[]) => lengths.map((len) => Array.from({ length: len }, () => pool[Math.floor(rnd() * pool.length)]!).join(''));

    it('folds right through fold, foldView and foldText as texts outgrow the buffers and shrink again', () => {
      // Each way meets a longer text than any before it, so each grows the buffers it writes into.
      for (const source of texts([5, 3000, 1, 6000, 0, 12])) expect(foldText(source, TABLE)).toBe(reference(source, TABLE));
      for (const source of texts([9000, 40])) expect(foldView(source, TABLE).text).toBe(reference(source, TABLE));
      for (const source of texts([20000, 7, 2000])) {
        const owned = fold(source, TABLE);
        expect(owned.text).toBe(reference(source, TABLE));
        const view = foldView(source, TABLE);
        expect(view.text).toBe(owned.text);
        expect([...view.map]).toEqual([...owned.map]);
      }
    });

    it('keeps what fold returned when later texts are folded, where foldView lends its map until the next fold', () => {
      const first = fold('交通銀行 ＣＣＢ');
      const copy = [...first.map];
      const lent = foldView('交通銀行 ＣＣＢ');
      expect([...lent.map]).toEqual(copy);
      fold('ab\n\ncd 贯彻普惠 '.repeat(50));
      expect([...first.map]).toEqual(copy);
      expect([...lent.map]).not.toEqual(copy);
    });
  });
});

describe('isGramCode / isWordCode', () => {
  const cp = (s: string) => s.codePointAt(0)!;

  it('classifies Han, kana and 〇 as grams', () => {
    for (const ch of ['银', '一', '龥', '㐀', '豈', 'あ', 'ア', '〇', '𠀀', '𪚥']) expect(isGramCode(cp(ch)), ch).toBe(true);
    for (const ch of ['a', '1', ' ', '，', '。', '\u3000', '😀', 'é', '한']) expect(isGramCode(cp(ch)), ch).toBe(false);
  });

  it('classifies letters and digits of spaced scripts as word characters', () => {
    for (const ch of ['a', 'z', 'A', 'Z', '0', '9', 'é', 'ß', 'α', 'д', '한']) expect(isWordCode(cp(ch)), ch).toBe(true);
    for (const ch of ['银', 'あ', '〇', ' ', '.', ',', '-', '_', '%', '，', '😀', '\u3000']) expect(isWordCode(cp(ch)), ch).toBe(false);
    // second call hits the cache and answers the same
    expect(isWordCode(cp('é'))).toBe(true);
    expect(isWordCode(cp('😀'))).toBe(false);
  });
});
