import { existsSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateArticles } from '../corpus';
import { assignIds, isIngestError, readArticle } from './article';
import { cleanBody } from './clean';
import { clusterArticles, clusterSketches, sketchArticle, type ClusterSketch } from './cluster';
import { cleanTitle, frontMatterDate, frontMatterString } from './extract';
import { splitFrontMatter } from './parse';
import { compareCodeUnits, listSourceFiles, type SourceFile } from './read';

// Original fixture text about a fictional bank.
const FULL = [
  '江城银行近日发布消息，今年前三季度，该行累计向辖内小微企业发放信用贷款120亿元，同比增长30%，服务客户数量首次突破5万户。',
  '为解决小微企业缺少抵押物的难题，江城银行依托税务、社保和水电等公共数据，搭建了线上授信模型，企业在手机上提交申请后最快十分钟即可获得额度。',
  '在乡村振兴领域，该行向种植大户和农民专业合作社推出“丰收贷”，以土地经营权和订单作为增信手段，帮助农户解决春耕备耕期间的资金周转问题。',
  '该行有关负责人介绍，江城银行还设立了科技支行，为专精特新企业配备专门的客户经理团队，提供从初创期到上市前的全周期金融服务。',
  '与此同时，江城银行持续推进减费让利，对小微企业免收账户管理费和部分转账手续费，全年预计让利超过2亿元。',
  '在风险管理方面，该行建立了贷后预警系统，通过大数据实时监测企业经营变化，确保信贷资金投向实体经济的重点领域和薄弱环节。',
  '下一步，江城银行将继续围绕地方经济发展大局，加大对制造业、绿色产业和民生消费领域的信贷投放，以更有温度的金融服务回馈社会。',
].join('\n');

const ABRIDGED = [
  '据悉，今年前三季度，江城银行累计向辖内小微企业发放信用贷款120亿元，同比增长30%，服务客户数量首次突破5万户。',
  '为解决小微企业缺少抵押物的难题，江城银行依托税务、社保和水电等公共数据，搭建了线上授信模型，企业在手机上提交申请后最快十分钟即可获得额度。',
  '江城银行还设立了科技支行，为专精特新企业配备专门的客户经理团队，提供从初创期到上市前的全周期金融服务。',
  '下一步，江城银行将继续围绕地方经济发展大局，加大对制造业、绿色产业和民生消费领域的信贷投放。',
].join('\n');

const OTHER_STORY = [
  '江城银行今日在总部举行绿色金融发布会，宣布设立规模为50亿元的专项额度，用于支持光伏、风电和储能项目建设。',
  '该行表示，将把环境和气候风险纳入授信审批流程，对高耗能项目实行名单制管理，并探索碳排放权质押融资等新型产品。',
  '发布会上，江城银行与三家新能源企业签订了战略合作协议，首批意向授信金额合计18亿元。',
  '业内人士认为，地方银行发展绿色金融有助于优化信贷结构，也为地方经济的低碳转型提供了资金保障。',
].join('\n');

describe('clusterArticles', () => {
  it('clusters the same story from two outlets when one is abridged', () => {
    const clusters = clusterArticles([
      { id: 'b-outlet', title: '江城银行小微贷款突破百亿', text: ABRIDGED },
      { id: 'a-outlet', title: '江城银行前三季度普惠金融成绩单出炉', text: FULL },
      { id: 'c-other', title: '江城银行发布绿色金融专项额度', text: OTHER_STORY },
    ]);
    expect(clusters).toEqual(
      new Map([
        ['a-outlet', 'a-outlet'],
        ['b-outlet', 'a-outlet'],
      ]),
    );
  });

  it('clusters titles one character apart with the same short text', () => {
    const clusters = clusterArticles([
      { id: 'x2', title: '某市首套房贷利率下调至新低', text: '数据显示，某市首套房贷利率已下调至新低。' },
      { id: 'x1', title: '某市首套房贷利率下调至新低。', text: '某市首套房贷利率已下调至新低。' },
      { id: 'x3', title: '某市首套房贷利率下调至新底', text: '某市首套房贷利率已下调至新低。' },
    ]);
    expect(clusters).toEqual(
      new Map([
        ['x1', 'x1'],
        ['x2', 'x1'],
        ['x3', 'x1'],
      ]),
    );
  });

  it('keeps apart updates whose numbers differ, however similar the wording', () => {
    const clusters = clusterArticles([
      { id: 'n1', title: '北向资金净流入超40亿', text: '数据显示，截至目前，北向资金净流入超40亿元。' },
      { id: 'n2', title: '北向资金净流入超50亿', text: '数据显示，截至目前，北向资金净流入超50亿元。' },
      { id: 'n3', title: '某指数期货涨超1%', text: '某指数期货涨超1%。' },
      { id: 'n4', title: '某指数期货涨超2%', text: '某指数期货涨超2%。' },
    ]);
    expect(clusters.size).toBe(0);
  });

  it('keeps apart different stories about the same bank', () => {
    expect(
      clusterArticles([
        { id: 'p', title: '江城银行前三季度普惠金融成绩单出炉', text: FULL },
        { id: 'q', title: '江城银行发布绿色金融专项额度', text: OTHER_STORY },
      ]).size,
    ).toBe(0);
  });

  it('ignores layout, punctuation, width and traditional characters', () => {
    const clusters = clusterArticles([
      { id: 't1', title: '江城銀行小微貸款突破百億', text: ABRIDGED.replace(/银行/g, '銀行').replace(/，/g, ',\n') },
      { id: 't2', title: '江城银行小微贷款突破百亿', text: ABRIDGED },
    ]);
    expect(clusters.get('t1')).toBe('t1');
    expect(clusters.get('t2')).toBe('t1');
  });

  it('handles empty texts and a single document', () => {
    expect(clusterArticles([]).size).toBe(0);
    expect(clusterArticles([{ id: 'only', title: '', text: '' }]).size).toBe(0);
    expect(
      clusterArticles([
        { id: 'e1', title: '', text: '' },
        { id: 'e2', title: '', text: '' },
      ]).size,
    ).toBe(0);
  });

  it('takes copies dated more than 7 days apart for different stories, and does not limit undated ones', () => {
    const copy = (id: string, date: string | null): { id: string; title: string; text: string; date: string | null } => ({
      id,
      title: '江城银行前三季度普惠金融成绩单出炉',
      text: FULL,
      date,
    });
    expect(clusterArticles([copy('a', '2024-03-01T09:00:00+08:00'), copy('b', '2024-03-08T23:00:00+08:00')]).get('b')).toBe('a');
    expect(clusterArticles([copy('a', '2024-03-01T09:00:00+08:00'), copy('b', '2024-03-09T00:00:00+08:00')]).size).toBe(0);
    expect(clusterArticles([copy('a', '2024-03-01T09:00:00+08:00'), copy('b', null)]).get('b')).toBe('a');
    expect(clusterArticles([copy('a', 'not a date'), copy('b', '2030-01-01')]).get('b')).toBe('a');
  });

  it('does not chain: a cluster takes an article only when the first members are the same story too', () => {
    // a ~ b and b ~ c (three of five paragraphs shared: Jaccard 0.6), but a and c share two of six (0.33).
    const lines = FULL.replace(/\d/g, '').split('\n');
    const doc = (id: string, from: number, title: string): { id: string; title: string; text: string } => ({
      id,
      title,
      text: lines.slice(from, from + 4).join('\n'),
    });
    const a = doc('a', 0, '江城银行小微信贷成绩单');
    const b = doc('b', 1, '江城银行科技支行服务专精特新');
    const c = doc('c', 2, '江城银行减费让利回馈社会');
    expect(clusterArticles([a, b])).toEqual(
      new Map([
        ['a', 'a'],
        ['b', 'a'],
      ]),
    );
    expect(clusterArticles([b, c])).toEqual(
      new Map([
        ['b', 'b'],
        ['c', 'b'],
      ]),
    );
    expect(clusterArticles([a, c]).size).toBe(0);
    expect(clusterArticles([c, b, a])).toEqual(
      new Map([
        ['a', 'a'],
        ['b', 'a'],
      ]),
    );
  });

  it('scales with LSH: 20,000 documents with planted duplicates', () => {
    let seed = 7;
    const rnd = (): number => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    const char = (): string => String.fromCharCode(0x4e00 + Math.floor(rnd() * 3000));
    const sentence = (): string => Array.from({ length: 30 + Math.floor(rnd() * 40) }, char).join('') + '。';
    const docs: { id: string; title: string; text: string }[] = [];
    for (let i = 0; i < 20_000; i++) {
      const previous = docs[i - 1];
      if (i % 500 === 1 && previous) {
        docs.push({ id: `d${i}`, title: `${previous.title}！`, text: previous.text.split('\n').slice(0, 3).join('\n') });
      } else {
        docs.push({ id: `d${i}`, title: Array.from({ length: 12 }, char).join(''), text: Array.from({ length: 6 }, sentence).join('\n') });
      }
    }
    const started = performance.now();
    const clusters = clusterArticles(docs);
    const seconds = (performance.now() - started) / 1000;
    console.info(`clusterArticles: 20,000 documents in ${seconds.toFixed(1)} s`);
    expect(clusters.size).toBe(80);
    expect(clusters.get('d1')).toBe('d0');
    expect(seconds).toBeLessThan(40);
  });
});

// ---------------------------------------------------------------------------------------------
// Sketches: what an incremental update stores per article, and combines later.

/** ../shared holds real articles (third-party text, outside the repository); without it those cases are skipped. */
const SHARED = path.resolve(process.cwd(), '..', 'shared');
const SHARED_DIRS = [path.join(SHARED, 'seeds'), path.join(SHARED, 'corpus', 'finews')];
const HAVE_SHARED = SHARED_DIRS.some((dir) => existsSync(dir));
if (!HAVE_SHARED) console.warn(`lib/ingest/cluster.test.ts: ../shared cases SKIPPED, ${SHARED} is absent (seeds and corpus/finews live there).`);

interface Doc {
  id: string;
  title: string;
  text: string;
  date: string | null;
}

/** The order the index build clusters in (lib/indexer/build.ts byDateThenId): date, unknown dates first, then id. */
function byDateThenId(a: Doc, b: Doc): number {
  const instant = (iso: string | null): number => {
    const t = iso ? Date.parse(iso) : NaN;
    return Number.isNaN(t) ? -Infinity : t;
  };
  const d = instant(a.date) - instant(b.date);
  if (d !== 0 && !Number.isNaN(d)) return d < 0 ? -1 : 1;
  return compareCodeUnits(a.id, b.id);
}

/**
 * The first `count` generated articles (seed 1) with the ids, titles, texts and dates the index build
 * gives them: articleFromText's steps for those fields only, as its bank and province matching would
 * triple the time of this test.
 */
function generatedDocs(count: number): Doc[] {
  const root = '/generated';
  const articles = [...generateArticles({ docs: count, seed: 1 })];
  const files: SourceFile[] = articles.map((a) => ({ absPath: `${root}/${a.fileName}`, relPath: a.fileName, root }));
  const ids = assignIds(files);
  return articles
    .map((a, i) => {
      const split = splitFrontMatter(a.content);
      if (!split.ok || !split.frontMatter) throw new Error(`${a.fileName}: no front matter`);
      const title = cleanTitle(frontMatterString(split.frontMatter, 'title')) ?? a.fileName;
      const id = ids.get(files[i]?.absPath ?? '') ?? a.fileName;
      return { id, title, text: cleanBody(split.body).text, date: frontMatterDate(split.frontMatter) };
    })
    .sort(byDateThenId);
}

/** Every article of ../shared/seeds and ../shared/corpus/finews that reads, as the index build reads them. */
async function sharedDocs(): Promise<Doc[]> {
  const files = await listSourceFiles(SHARED_DIRS.filter((dir) => existsSync(dir)));
  const ids = assignIds(files);
  const docs: Doc[] = [];
  for (const file of files) {
    const read = await readArticle(file);
    if (!isIngestError(read)) docs.push({ id: ids.get(file.absPath) ?? file.relPath, title: read.title, text: read.text, date: read.date });
  }
  return docs.sort(byDateThenId);
}

/** Through a state file and back. */
function roundTrip(sketches: ClusterSketch[]): ClusterSketch[] {
  return JSON.parse(JSON.stringify(sketches)) as ClusterSketch[];
}

/** Deterministic Fisher–Yates. */
function shuffled<T>(list: readonly T[], seed: number): T[] {
  const out = [...list];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = Math.floor((s / 2 ** 32) * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/**
 * An update sequence: start from the first batch, then add batches, then change some articles (one
 * becomes a copy of another, one loses its second half) and remove others. At each step, the stored
 * sketches of the unchanged articles (through JSON) plus fresh sketches of the new and changed ones
 * must cluster exactly as clusterArticles over all current articles, in the build's order.
 */
function expectIncrementalEqualsFull(docs: Doc[], batches: number): void {
  const byId = new Map<string, Doc>();
  let state = new Map<string, string>(); // id → stored JSON sketch
  const step = (add: Doc[], remove: string[]): void => {
    for (const id of remove) {
      byId.delete(id);
      state.delete(id);
    }
    for (const doc of add) {
      byId.set(doc.id, doc);
      state.set(doc.id, JSON.stringify(sketchArticle(doc)));
    }
    state = new Map(JSON.parse(JSON.stringify([...state])) as [string, string][]);
    const stored = [...state.values()].map((json) => JSON.parse(json) as ClusterSketch);
    expect(clusterSketches(stored)).toEqual(clusterArticles([...byId.values()].sort(byDateThenId)));
  };
  // Batches in arrival (date) order, as a news corpus grows.
  const size = Math.ceil(docs.length / batches);
  for (let b = 0; b < batches; b++) step(docs.slice(b * size, (b + 1) * size), []);
  const ids = shuffled([...byId.keys()], 3);
  const [a, b, c] = ids.map((id) => byId.get(id) as Doc);
  const changed: Doc[] = [];
  if (a && b) changed.push({ ...a, title: b.title, text: b.text });
  if (c) changed.push({ ...c, text: c.text.slice(0, Math.floor(c.text.length / 2)) });
  step(changed, ids.slice(3, 3 + Math.ceil(ids.length / 20)));
}

/** clusterArticles in the build's order, and clusterSketches of the sketches through JSON in three other orders, agree; returns both. */
function expectSketchesAgree(docs: Doc[]): { clusters: Map<string, string>; sketches: ClusterSketch[] } {
  const expected = clusterArticles(docs);
  const sketches = roundTrip(docs.map(sketchArticle));
  expect(clusterSketches(sketches)).toEqual(expected);
  expect(clusterSketches(shuffled(sketches, 1))).toEqual(expected);
  expect(clusterSketches([...sketches].reverse())).toEqual(expected);
  expect(clusterArticles(shuffled(docs, 2))).toEqual(expected);
  return { clusters: expected, sketches };
}

describe('sketchArticle and clusterSketches', () => {
  it('give the clusters of clusterArticles on the hand-made cases, through JSON and in any order', () => {
    const docs = [
      { id: 'b-outlet', title: '江城银行小微贷款突破百亿', text: ABRIDGED },
      { id: 'a-outlet', title: '江城银行前三季度普惠金融成绩单出炉', text: FULL },
      { id: 'c-other', title: '江城银行发布绿色金融专项额度', text: OTHER_STORY },
      { id: 'x2', title: '某市首套房贷利率下调至新低', text: '数据显示，某市首套房贷利率已下调至新低。' },
      { id: 'x1', title: '某市首套房贷利率下调至新低。', text: '某市首套房贷利率已下调至新低。' },
      { id: 'x3', title: '某市首套房贷利率下调至新底', text: '某市首套房贷利率已下调至新低。' },
      { id: 'e1', title: '', text: '' },
    ];
    const { clusters } = expectSketchesAgree(docs.map((d) => ({ ...d, date: null })));
    expect(new Set(clusters.values())).toEqual(new Set(['a-outlet', 'x1']));
  });

  it('make plain JSON data that survives a round trip unchanged', () => {
    const sketch = sketchArticle({ id: 'a', title: '江城银行前三季度普惠金融成绩单出炉', text: `${FULL}\n𠀀𠀁𠀂𠀃𠀄𠀅` });
    expect(roundTrip([sketch])[0]).toEqual(sketch);
    expect(sketch.sketch.every((h) => Number.isInteger(h) && h >= 0 && h < 2 ** 32)).toBe(true);
    expect(sketch.keys.every((k, i) => Number.isInteger(k) && k >= 0 && k < 2 ** 32 && (i === 0 || k > (sketch.keys[i - 1] ?? 0)))).toBe(true);
    expect(sketch.sketch).toEqual([...sketch.sketch].sort((x, y) => x - y));
    // The id only names the article: the rest is a function of title and text.
    expect({ ...sketchArticle({ id: 'b', title: '江城银行前三季度普惠金融成绩单出炉', text: `${FULL}\n𠀀𠀁𠀂𠀃𠀄𠀅` }), id: 'a' }).toEqual(sketch);
  });

  describe('on the generated corpus', () => {
    // 5,000 articles: enough for candidate keys shared by more than 32 articles, where the
    // clusters of the unsorted method depended on the input order.
    let docs: Doc[] = [];
    beforeAll(() => {
      docs = generatedDocs(5000);
    }, 120_000);

    it('cluster as clusterArticles, through JSON, for any order of the sketches; prints the sketch size', () => {
      const { clusters, sketches } = expectSketchesAgree(docs);
      expect(clusters.size).toBeGreaterThan(100);
      const json = sketches.map((sketch) => JSON.stringify(sketch));
      const bytes = json.reduce((sum, j) => sum + Buffer.byteLength(j), 0);
      const gzipped = gzipSync(`[${json.join(',')}]`).length;
      console.info(
        `cluster sketches: ${docs.length} generated articles, ${(bytes / docs.length).toFixed(0)} B of JSON per article, ` +
          `${(gzipped / docs.length).toFixed(0)} B gzipped (one array)`,
      );
    }, 120_000);

    it('added in batches, then changed and removed, cluster as a full clusterArticles each time', () => {
      expectIncrementalEqualsFull(docs, 4);
    }, 120_000);
  });

  describe.skipIf(!HAVE_SHARED)('on the real articles of ../shared', () => {
    let docs: Doc[] = [];
    beforeAll(async () => {
      docs = await sharedDocs();
    });

    it('cluster as clusterArticles, through JSON, for any order of the sketches', () => {
      expect(docs.length).toBeGreaterThan(0);
      expect(expectSketchesAgree(docs).clusters.size).toBeGreaterThan(0);
    });

    it('added in batches, then changed and removed, cluster as a full clusterArticles each time', () => {
      expectIncrementalEqualsFull(docs, 3);
    });
  });
});
