import { describe, expect, it } from 'vitest';
import { decodeCharTable, decodeFragment, decodeIdTable, encodeFragment, encodeIdTable, encodeJson, type Fragment, type FragmentDoc } from './fragments';
import { CHAR_RANKS } from './char-ranks';
import { decodeText, encodeText } from './text-code';
import { formatError, jsonMessage } from './test-support';

const utf8 = (s: string) => new TextEncoder().encode(s);
const coded = (s: string) => encodeText(s);
const text = (bytes: Uint8Array) => decodeText(bytes, 'test');

const DOC: FragmentDoc = {
  id: 'ccb-2022-03-09-001',
  title: '建设银行发布“建行惠懂你”3.0',
  date: '2022-03-09T23:30:00+08:00',
  source: '新华社',
  url: 'https://example.com/news/1?a=1&b="2"',
  banks: ['建设银行', '工商银行'],
  cluster: null,
  text: '第一段\n第二段 with Latin, emoji 😀 and "quotes" \\ backslash\u2028line sep',
};

const FRAGMENT: Fragment = {
  first: 128,
  docs: [
    DOC,
    { id: 'x', title: '', date: null, source: null, url: null, banks: [], cluster: 'ccb-2022-03-09-001', text: '' },
    { ...DOC, id: 'tw-1', title: '國泰世華銀行', text: '𠀀 銀行', chars: { 國: '国', 華: '华', 銀: '银', '𠀀': '𠀁' } },
  ],
};

describe('fragments', () => {
  it('round-trips', () => {
    const bytes = encodeFragment(FRAGMENT);
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(decodeFragment(bytes, 'frag-1.bin')).toEqual(FRAGMENT);
  });

  it("keeps a document's own character table, and leaves it out when absent", () => {
    const got = decodeFragment(encodeFragment(FRAGMENT), 'frag-1.bin');
    expect(got.docs[2]!.chars).toEqual({ 國: '国', 華: '华', 銀: '银', '𠀀': '𠀁' });
    expect('chars' in got.docs[0]!).toBe(false);
    expect(got.docs[0]!.chars).toBeUndefined();
    expect(decodeFragment(encodeFragment({ first: 0, docs: [{ ...DOC, chars: {} }] }), 'frag-1.bin').docs[0]!.chars).toEqual({});
  });

  it('round-trips the related document numbers of a cluster, and leaves them out when absent', () => {
    const f: Fragment = {
      first: 0,
      docs: [
        { ...DOC, id: 'a', cluster: 'a', related: [1, 7] },
        { ...DOC, id: 'b', cluster: 'a', related: [0, 7] },
        { ...DOC, id: 'c', cluster: null },
        { ...DOC, id: 'd', cluster: 'e', related: [0, 123_456_789] },
      ],
    };
    const bytes = encodeFragment(f);
    const got = decodeFragment(bytes, 'frag-0.bin');
    expect(got).toStrictEqual(f);
    expect(got.docs[0]!.related).toEqual([1, 7]);
    expect(got.docs[1]!.related).toEqual([0, 7]);
    expect(got.docs[3]!.related).toEqual([0, 123_456_789]);
    expect('related' in got.docs[2]!).toBe(false);
    expect(got.docs[2]!.related).toBeUndefined();
    expect(JSON.parse(text(bytes))[1][0][8]).toEqual({ related: [1, 7] });
    // Not given, not written.
    expect(text(encodeFragment({ first: 0, docs: [DOC] }))).not.toContain('related');
    const plain = decodeFragment(encodeFragment(FRAGMENT), 'frag-1.bin');
    for (const d of plain.docs) expect('related' in d, d.id).toBe(false);
  });

  it("round-trips a document's link on its site, and leaves it out when absent", () => {
    const f: Fragment = {
      first: 0,
      docs: [
        { ...DOC, id: 'a', link: '/emnews/2021/12/08/202112082206672930.html' },
        { ...DOC, id: 'b', link: 'https://example.org/blog/%E6%96%B0%E9%97%BB/2021/12/08/x/', related: [0], chars: { 國: '国' } },
        { ...DOC, id: 'c' },
      ],
    };
    const bytes = encodeFragment(f);
    expect(decodeFragment(bytes, 'frag-0.bin')).toStrictEqual(f);
    const rows = JSON.parse(text(bytes))[1];
    // Its own element after the text, before the object of the other extras.
    expect(rows[0].slice(8)).toEqual(['/emnews/2021/12/08/202112082206672930.html']);
    expect(rows[1].slice(8)).toEqual(['https://example.org/blog/%E6%96%B0%E9%97%BB/2021/12/08/x/', { related: [0], chars: { 國: '国' } }]);
    expect(rows[2]).toHaveLength(8);
    expect(text(encodeFragment(FRAGMENT))).not.toContain('link');
  });

  it('is JSON in the text code: [first, rows], a row per document, extras only when there are any', () => {
    const bytes = encodeFragment(FRAGMENT);
    expect(JSON.parse(text(bytes))).toEqual([
      128,
      [
        [DOC.id, DOC.title, DOC.date, DOC.source, DOC.url, DOC.banks, null, DOC.text],
        ['x', '', null, null, null, [], 'ccb-2022-03-09-001', ''],
        ['tw-1', '國泰世華銀行', DOC.date, DOC.source, DOC.url, DOC.banks, null, '𠀀 銀行', { chars: { 國: '国', 華: '华', 銀: '银', '𠀀': '𠀁' } }],
      ],
    ]);
    expect(decodeFragment(coded('[0,[]]'), 'f.bin')).toEqual({ first: 0, docs: [] });
    // ASCII JSON is its own code, byte for byte.
    expect(decodeFragment(utf8('[3,[]]'), 'f.bin')).toEqual({ first: 3, docs: [] });
  });

  it('is smaller than UTF-16 for Chinese text, one byte for the most frequent characters', () => {
    const doc: Fragment = { first: 0, docs: [{ ...DOC, text: '中国人民银行发布了年度报告，银行业的经营保持稳定。' }] };
    expect(encodeFragment(doc).length).toBeLessThan(JSON.stringify(doc).length * 2);
  });

  it('reports malformed JSON with the file name', () => {
    for (const text of ['', '{', '{"first":0,"docs":[]', 'nope', '{first:0}']) {
      const e = formatError(() => decodeFragment(coded(text), 'frag-1.bin'));
      expect(e.message).toBe(`frag-1.bin: not valid JSON (${jsonMessage(text)})`);
      expect(e.file).toBe('frag-1.bin');
    }
  });

  it('reports bytes that are not the text code (a code cut short, a rank beyond the table) with the file name and byte', () => {
    expect(formatError(() => decodeFragment(new Uint8Array([0x7b, 0xf7]), 'frag-1.bin')).message).toBe('frag-1.bin: text code cut short at byte 1');
    expect(formatError(() => decodeFragment(new Uint8Array([0x7b, 0x7d, 0xff, 0x4e]), 'frag-1.bin')).message).toBe('frag-1.bin: text code cut short at byte 2');
    expect(formatError(() => decodeFragment(new Uint8Array([0x7b, 0xfe, 0xff]), 'frag-1.bin')).message).toBe(
      `frag-1.bin: text code names character ${150 + 7 * 256 + 255} of ${CHAR_RANKS.length} at byte 1`,
    );
  });

  it('keeps a lone surrogate in a document through encode and decode, escaped', () => {
    const odd: Fragment = { first: 0, docs: [{ ...DOC, text: 'a\ud800b' }] };
    expect(decodeFragment(encodeFragment(odd), 'frag-0.bin')).toEqual(odd);
  });

  it.each([
    ['null', 'null'],
    ['a number', '42'],
    ['a string', '"x"'],
    ['an empty list', '[]'],
    ['the object of format 4', '{"first":0,"docs":[]}'],
    ['a string first', '["0",[]]'],
    ['a negative first', '[-1,[]]'],
    ['no documents', '[0]'],
    ['documents not a list', '[0,{}]'],
    ['a third element', '[0,[],1]'],
  ])('rejects %s', (_, text) => {
    expect(formatError(() => decodeFragment(coded(text), 'frag-1.bin')).message).toBe('frag-1.bin: expected [first, documents[]]');
  });

  const ROW: unknown[] = [DOC.id, DOC.title, DOC.date, DOC.source, DOC.url, DOC.banks, DOC.cluster, DOC.text];
  /** ROW with field `i` replaced, or with `extra` as its ninth element. */
  const at = (i: number, v: unknown) => ROW.map((x, j) => (j === i ? v : x));
  const withExtra = (extra: unknown) => [...ROW, extra];
  const broken: [string, unknown][] = [
    ['null', null],
    ['a string', 'doc'],
    ['an object (format 4)', { ...DOC }],
    ['seven fields', ROW.slice(0, 7)],
    ['ten fields', [...ROW, { related: [1] }, 1]],
    ['id a number', at(0, 1)],
    ['id null', at(0, null)],
    ['title null', at(1, null)],
    ['text null', at(7, null)],
    ['date a number', at(2, 20220309)],
    ['source an object', at(3, {})],
    ['url a number', at(4, 5)],
    ['cluster a number', at(6, 0)],
    ['banks null', at(5, null)],
    ['banks a string', at(5, '建设银行')],
    ['banks with a number', at(5, ['建设银行', 3])],
    ['extras null', withExtra(null)],
    ['extras a list', withExtra([])],
    ['extras empty', withExtra({})],
    ['extras with an unknown key', withExtra({ related: [1], more: 1 })],
    ['chars null', withExtra({ chars: null })],
    ['chars a list', withExtra({ chars: ['国'] })],
    ['chars a string', withExtra({ chars: '國国' })],
    ['chars with a two-character key', withExtra({ chars: { 國家: '国' } })],
    ['chars with a two-character value', withExtra({ chars: { 國: '国家' } })],
    ['chars with an empty value', withExtra({ chars: { 國: '' } })],
    ['chars with an empty key', withExtra({ chars: { '': '国' } })],
    ['chars with a number value', withExtra({ chars: { 國: 1 } })],
    ['chars with a null value', withExtra({ chars: { 國: null } })],
    ['related null', withExtra({ related: null })],
    ['related a number', withExtra({ related: 3 })],
    ['related a string', withExtra({ related: '3' })],
    ['related an object', withExtra({ related: { 0: 3 } })],
    ['related with a negative number', withExtra({ related: [1, -1] })],
    ['related with a non-integer', withExtra({ related: [1.5] })],
    ['related with a string element', withExtra({ related: [2, '3'] })],
    ['related with a null element', withExtra({ related: [null] })],
    ['related with a nested list', withExtra({ related: [[1]] })],
    ['a link in the extras object', withExtra({ link: '/a' })],
    ['a link after the extras', [...ROW, { related: [1] }, '/a']],
    ['two links', [...ROW, '/a', '/b']],
    ['eleven fields', [...ROW, '/a', { related: [1] }, 1]],
    ['a number where the link goes', [...ROW, 1]],
    ['link empty', withExtra('')],
    ['link relative', withExtra('a/b.html')],
    ['link protocol-relative', withExtra('//evil.example/a')],
    ['link javascript:', withExtra('javascript:alert(1)')],
    ['link data:', withExtra('data:text/html,x')],
  ];

  it('accepts the row it checks against, so each broken case fails for its own reason', () => {
    expect(decodeFragment(coded(JSON.stringify([0, [ROW, withExtra({ related: [1], chars: { 國: '国' } })]])), 'frag-2.bin').docs).toHaveLength(2);
    for (const link of ['/a', 'https://example.org/a', 'HTTP://example.org']) {
      expect(decodeFragment(coded(JSON.stringify([0, [ROW, withExtra(link)]])), 'frag-2.bin').docs[1]!.link).toBe(link);
      expect(decodeFragment(coded(JSON.stringify([0, [ROW, [...ROW, link, { related: [1] }]]])), 'frag-2.bin').docs[1]).toMatchObject({ link, related: [1] });
    }
  });

  it.each(broken)('rejects a document with %s, naming its position', (_, doc) => {
    const text = JSON.stringify([0, [ROW, doc]]);
    expect(formatError(() => decodeFragment(coded(text), 'frag-2.bin')).message).toBe('frag-2.bin: document 1 is malformed');
  });
});

describe('id tables', () => {
  it('round-trips', () => {
    const t = { 'ccb-2022-03-09-001': 0, 'icbc/新闻/1': 12345, 'a"b': 7, '': 3 };
    expect(decodeIdTable(encodeIdTable(t), 'ids-0.bin')).toEqual(t);
    expect(decodeIdTable(encodeIdTable({}), 'ids-0.bin')).toEqual({});
  });

  it('reports malformed JSON with the file name', () => {
    const e = formatError(() => decodeIdTable(utf8('{"a":'), 'ids-3.bin'));
    expect(e.message).toBe(`ids-3.bin: not valid JSON (${jsonMessage('{"a":')})`);
    expect(e.file).toBe('ids-3.bin');
  });

  it.each([['null'], ['[]'], ['[1,2]'], ['5'], ['"x"'], ['{"a":"1"}'], ['{"a":1.5}'], ['{"a":null}'], ['{"a":1,"b":[2]}']])('rejects %s', (text) => {
    expect(formatError(() => decodeIdTable(utf8(text), 'ids-3.bin')).message).toBe('ids-3.bin: expected an object of id → document number');
  });
});

describe('char tables', () => {
  it('round-trips', () => {
    const t = { 國: '国', 銀: '银', 貫: '贯', 徹: '彻' };
    expect(decodeCharTable(encodeJson(t), 'chars-3.bin')).toEqual(t);
    expect(decodeCharTable(encodeJson({}), 'chars-3.bin')).toEqual({});
  });

  it('accepts single astral code points as keys and values (surrogate pairs)', () => {
    const t = { '𠀀': '国', 國: '𠀁', '𪚥': '𪚥' };
    expect(decodeCharTable(encodeJson(t), 'chars-0.bin')).toEqual(t);
    expect(decodeCharTable(utf8('{"\\ud840\\udc00":"\\ud840\\udc01"}'), 'chars-0.bin')).toEqual({ '𠀀': '𠀁' });
  });

  it('reports malformed JSON with the file name', () => {
    const e = formatError(() => decodeCharTable(utf8('{"國":"国",}'), 'g-0a1b2c3d4e5f60/chars-11.bin'));
    expect(e.message).toBe(`g-0a1b2c3d4e5f60/chars-11.bin: not valid JSON (${jsonMessage('{"國":"国",}')})`);
  });

  it.each([
    ['null', 'null'],
    ['a number', '1'],
    ['a string', '"國国"'],
    ['a two-character key', '{"國家":"国"}'],
    ['a two-character value', '{"國":"国家"}'],
    ['an empty value', '{"國":""}'],
    ['a number value', '{"國":1}'],
    ['a null value', '{"國":null}'],
    ['an empty key', '{"":"国"}'],
    ['two astral characters as a key', '{"𠀀𠀁":"国"}'],
    ['an astral and a BMP character as a value', '{"國":"𠀀国"}'],
    ['a key of a BMP character and a combining mark', '{"e\\u0301":"e"}'],
  ])('rejects %s', (_, text) => {
    expect(formatError(() => decodeCharTable(utf8(text), 'chars-0.bin')).message).toBe('chars-0.bin: expected an object of single characters');
  });

  // Object.entries of ["国"] is [["0", "国"]], a one-character key and value: were arrays not rejected, a
  // JSON array of up to ten single characters would pass as a table mapping "0".."9", and fold() would then
  // rewrite digits in queries.
  it('rejects an array', () => {
    expect(formatError(() => decodeCharTable(utf8('["国","银"]'), 'chars-0.bin')).message).toBe('chars-0.bin: expected an object of single characters');
  });
});

describe('encodeJson', () => {
  it('encodes any value as UTF-8 JSON', () => {
    expect(new TextDecoder().decode(encodeJson({ a: '银行', b: [1, null] }))).toBe('{"a":"银行","b":[1,null]}');
    expect([...encodeJson('é')]).toEqual([0x22, 0xc3, 0xa9, 0x22]);
  });
});
