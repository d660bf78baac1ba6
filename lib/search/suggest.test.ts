import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCorpus } from '../corpus';
import { decodeReadings, decodeSuggestShard, FACETS, unpackFile, type Manifest, type SuggestEntry } from '../index-format';
import { buildIndex, fsFetcher } from '../indexer';
import { SearchEngine } from '.';
import { completions, correctionsOf, nearestTerms, oneEditApart, pinyinTarget, soundAlike, spellings } from './suggest';

const entry = (key: string, term: string, count: number, via = ''): SuggestEntry => ({ key, term, via, count });

describe('completions, pinyin and nearest terms, as pure rules', () => {
  const entries = [
    entry('交通银行', '交通银行', 40),
    entry('交行', '交通银行', 40, '交行'),
    entry('交易', '交易', 90),
    entry('交易所', '交易所', 12),
    entry('jiaotongyinhang', '交通银行', 40),
    entry('jtyh', '交通银行', 40),
    entry('jh', '建设银行', 55, '建行'),
    entry('jh', '交通银行', 40, '交行'),
    entry('jh', 'jh', 3),
  ];

  it('completes a prefix once per term, the most found first, the term before its alias', () => {
    expect(completions(entries, '交')).toEqual([
      { term: '交易', count: 90, via: '' },
      { term: '交通银行', count: 40, via: '' },
      { term: '交易所', count: 12, via: '' },
    ]);
    expect(completions(entries, '交行')).toEqual([{ term: '交通银行', count: 40, via: '交行' }]);
    expect(completions(entries, 'jh').map((s) => `${s.via}→${s.term}`)).toEqual(['建行→建设银行', '交行→交通银行', '→jh']);
    expect(completions(entries, '')).toEqual([]);
    expect(
      completions(
        Array.from({ length: 20 }, (_, i) => entry(`交${i}`, `交${i}`, i)),
        '交',
      ),
    ).toHaveLength(8);
  });

  it('reads letters as the pinyin of a term only when they spell it exactly', () => {
    expect(pinyinTarget(entries, 'jtyh')).toEqual({ term: '交通银行', count: 40, via: '' });
    expect(pinyinTarget(entries, 'jh')).toEqual({ term: '建设银行', count: 55, via: '建行' });
    expect(pinyinTarget(entries, 'jt')).toBeNull();
    expect(pinyinTarget(entries, 'j')).toBeNull();
    expect(pinyinTarget(entries, '交行')).toBeNull();
  });

  it('offers terms one character substituted, missing or extra', () => {
    expect(oneEditApart('交通很行', '交通银行')).toBe(true);
    expect(oneEditApart('交通行', '交通银行')).toBe(true);
    expect(oneEditApart('交通银银行', '交通银行')).toBe(true);
    expect(oneEditApart('普会', '普惠')).toBe(true);
    expect(oneEditApart('交通银行', '交通银行')).toBe(false);
    expect(oneEditApart('交银', '交通银行')).toBe(false);
    expect(oneEditApart('𠀀a', '𠀀b')).toBe(true);
    expect(nearestTerms(entries, '交通很行')).toEqual([{ term: '交通银行', count: 40, via: '' }]);
    expect(nearestTerms(entries, '交行')).toEqual([{ term: '交易', count: 90, via: '' }]);
  });

  it('spell a word in pinyin one reading of each character at a time, and not at all when one has none', () => {
    expect(spellings([['pu'], ['hui', 'kuai']])).toEqual(['puhui', 'pukuai']);
    expect(
      spellings([
        ['chang', 'zhang'],
        ['le', 'yue'],
      ]),
    ).toEqual(['changle', 'changyue', 'zhangle', 'zhangyue']);
    expect(spellings([['pu'], undefined])).toEqual([]);
    expect(spellings([['pu'], []])).toEqual([]);
    expect(spellings([])).toEqual([]);
    const many = Array.from({ length: 6 }, () => ['le', 'yue', 'yao', 'lao']);
    expect(spellings(many)).toHaveLength(16);
  });

  it('offer the terms that sound the same, by their full pinyin only, the word itself never', () => {
    const sounds = [
      entry('puhui', '普惠', 30),
      entry('ph', '普惠', 30),
      entry('puhui', '浦汇', 2),
      entry('putong', '普通', 80),
      entry('jiaohang', '交通银行', 40, '交行'),
      entry('jh', '交通银行', 40, '交行'),
    ];
    expect(soundAlike(sounds, ['puhui', 'pukuai'], '普会')).toEqual([
      { term: '普惠', count: 30, via: '' },
      { term: '浦汇', count: 2, via: '' },
    ]);
    expect(soundAlike(sounds, ['puhui'], '普惠')).toEqual([{ term: '浦汇', count: 2, via: '' }]);
    expect(soundAlike(sounds, ['jiaohang', 'jiaoxing'], '交航')).toEqual([{ term: '交通银行', count: 40, via: '交行' }]);
    // Two letters for two characters are initials: 浦和 is not ph's 普惠.
    expect(soundAlike(sounds, ['ph'], '浦和')).toEqual([]);
  });

  it('put the terms that sound the same before those one edit away, each once, three at most', () => {
    const s = (term: string, count: number) => ({ term, count, via: '' });
    expect(correctionsOf([s('普惠', 30)], [s('普通', 80), s('普惠', 30)])).toEqual([s('普惠', 30), s('普通', 80)]);
    expect(correctionsOf([s('a', 1), s('b', 1)], [s('c', 9), s('d', 9)])).toEqual([s('a', 1), s('b', 1), s('c', 9)]);
    expect(correctionsOf([], [])).toEqual([]);
  });
});

describe('the suggestions of a built index', () => {
  let tmp = '';
  let out = '';
  let engine: SearchEngine;
  let manifest: Manifest;
  const all: SuggestEntry[] = [];

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'bns-suggest-'));
    const src = path.join(tmp, 'src');
    out = path.join(tmp, 'out');
    await writeCorpus(src, { docs: 400, seed: 3 });
    await buildIndex({ srcDirs: [src], outDir: out, stateDir: null, mode: 'full' });
    engine = await SearchEngine.open(fsFetcher(out));
    manifest = engine.manifest;
    for (const name of manifest.suggest) all.push(...decodeSuggestShard(await unpackFile(new Uint8Array(await readFile(path.join(out, name))), name), name));
  }, 180_000);

  afterAll(async () => {
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('count, for every entry, what searching its term finds, in files of at most 4 KB', async () => {
    expect(manifest.suggest.length).toBeGreaterThan(0);
    for (const name of manifest.suggest) expect((await readFile(path.join(out, name))).length, name).toBeLessThanOrEqual(4096);
    const terms = new Map(all.map((e) => [e.term, e.count]));
    expect(terms.size).toBeGreaterThan(100);
    for (const [term, count] of terms) expect((await engine.search({ query: term, limit: 0 })).total, term).toBe(count);
  });

  it('are counted by SearchEngine.tally, which finds and counts what search does without a filter', async () => {
    for (const q of ['交通银行', '交行', '银行 -贷款', '交行 OR 建行', '"普惠金融"', '', '普惠型小微企业', 'zzqq']) {
      const tally = await engine.tally(q);
      const answer = await engine.search({ query: q, limit: 0 });
      expect(tally.total, q).toBe(answer.total);
      for (const f of FACETS) expect(Object.entries(tally.facets[f.key]), `${q} ${f.key}`).toEqual(Object.entries(answer.facets[f.key]));
    }
  });

  it('offer bank names by their first character, by alias and by pinyin (行 in 银行 read as hang)', async () => {
    const terms = (s: { term: string; via: string }[]) => s.map((x) => (x.via ? `${x.via}→${x.term}` : x.term));
    expect(terms(await engine.suggest('交'))).toContain('交通银行');
    expect(terms(await engine.suggest('交行'))).toEqual(['交行→交通银行']);
    expect(terms(await engine.suggest('jtyh'))).toContain('交通银行');
    expect(terms(await engine.suggest('jiaotong'))).toContain('交通银行');
    expect(terms(await engine.suggest('jh'))).toEqual(expect.arrayContaining(['建行→建设银行', '交行→交通银行']));
    expect(all.some((e) => e.key === 'yinhang' && e.term === '银行')).toBe(true);
    expect(all.filter((e) => e.key.includes('yinhang')).every((e) => e.term.includes('银行'))).toBe(true);
    expect(all.some((e) => /xing$/.test(e.key) && e.term.endsWith('银行'))).toBe(false);
    expect(await engine.suggest('交 通')).toEqual([]);
    expect(await engine.suggest('j')).toEqual([]);
    const count = (await engine.search({ query: '交通银行', limit: 0 })).total;
    expect((await engine.suggest('交行'))[0]?.count).toBe(count);
  });

  it('search letters that find nothing as the pinyin they spell, and say so; literal searches them as typed', async () => {
    const expected = await engine.search({ query: '交通银行' });
    const viaPinyin = await engine.search({ query: 'jtyh' });
    expect(viaPinyin.pinyin).toEqual({ from: 'jtyh', to: '交通银行' });
    expect(viaPinyin.query).toBe('jtyh');
    expect(viaPinyin.total).toBe(expected.total);
    expect(viaPinyin.hits.map((h) => h.id)).toEqual(expected.hits.map((h) => h.id));
    const literal = await engine.search({ query: 'jtyh', literal: true });
    expect(literal.total).toBe(0);
    expect(literal.pinyin).toBeNull();
  });

  it('offer a correction for a query that finds nothing', async () => {
    const r = await engine.search({ query: '交通很行' });
    expect(r.total).toBe(0);
    expect(r.corrections[0]?.term).toBe('交通银行');
    expect(r.corrections[0]?.count).toBe((await engine.search({ query: '交通银行', limit: 0 })).total);
    expect((await engine.search({ query: '银行' })).corrections).toEqual([]);
  });

  it('offer the term a query sounds like, before terms one character away, however many characters differ', async () => {
    const expected = { term: '普惠金融', count: (await engine.search({ query: '普惠金融', limit: 0 })).total, via: '' };
    expect(expected.count).toBeGreaterThan(0);
    // 会 and 惠 are both hui: one character away, and the same sound, so first.
    const one = await engine.search({ query: '普会金融' });
    expect(one.total).toBe(0);
    expect(one.corrections[0]).toEqual(expected);
    // 浦汇 is two characters away from 普惠: found by its sound alone.
    const two = await engine.search({ query: '浦汇金融' });
    expect(two.total).toBe(0);
    expect(two.corrections).toEqual([expected]);
  });

  it('hold every reading of the characters of the offered words, 行 as both hang and xing, in files of at most 4 KB', async () => {
    expect(manifest.readings.length).toBeGreaterThan(0);
    const readings = new Map<string, string[]>();
    for (const name of manifest.readings) {
      const bytes = new Uint8Array(await readFile(path.join(out, name)));
      expect(bytes.length, name).toBeLessThanOrEqual(4096);
      for (const [c, r] of decodeReadings(await unpackFile(bytes, name), name)) readings.set(c, r);
    }
    expect(readings.get('行')).toEqual(expect.arrayContaining(['hang', 'xing']));
    expect(readings.get('惠')).toEqual(['hui']);
    for (const e of all) for (const c of e.term) if (/[\u4e00-\u9fff]/.test(c)) expect(readings.has(c), c).toBe(true);
  });
});
