import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FACETS_FILE, fold, forEachUnit, MANIFEST_FILE, packCount, parseManifest, queryUnits, weightIsWord } from '../index-format';
import { createSegmenter, DEFAULT_LINK_OPTIONS, LinkOptionsError, simplifiedCharTable } from '../ingest';
import { SearchEngine } from '../search';
import { buildIndex, fsFetcher } from '.';

/** Articles written for these tests (never copied from third-party text). */
const ARTICLES: Record<string, string> = {
  '2022-03-09-jiaohang.md': `---
layout: post
title: "交通银行推出普惠e贷 小微企业融资提速"
date: 2022-03-09 15:56:47 +0800
categories: xinhuawang
tags: 新华网新闻
---
<p>交通银行近日在青海推出线上产品普惠e贷，普惠型小微企业贷款余额增长明显。</p>
<p>该行表示，将继续贯彻落实相关政策，SHIBOR 与 LPR 走势平稳。</p>
<p>（文章来源：新华网）</p>
`,
  '2023-01-05-jianhang.md': `---
title: 建设银行发布住房租赁新产品
date: 2023-01-05 09:00:00
tags: 证券时报新闻
---
<p>中国建设银行今日发布住房租赁金融产品，利率为3.85%。CCB 表示将加大投放。</p>
<p>交通运输行业的客户同样可以申请。</p>
`,
  '2021-07-01-app.md': `---
title: "手机银行 application 升级"
date: 2021-07-01 10:00:00 +0800
tags: 经济日报新闻
---
<p>招商银行的 application 完成升级，新增理财功能。</p>
`,
  'nodate.txt': `普惠金融服务贯
彻到乡村

农业银行在县域持续发力，普惠金融覆盖面扩大。
`,
  'empty.md': '',
  // Holds every 4-character piece of 普惠型小微企业, but never the whole: only positions can tell.
  '2020-05-05-trap.md': `---
title: 小额贷款产品上新
date: 2020-05-05 08:00:00 +0800
tags: 经济日报新闻
---
<p>普惠型小额贷款与优惠型小微产品同步上线，新型小微企业可在线申请。</p>
`,
};

let dir: string;
let src: string;
let out: string;

async function writeArticles(root: string, files: Record<string, string>): Promise<void> {
  await mkdir(root, { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(root, name), text);
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'bns-build-'));
  src = path.join(dir, 'src');
  out = path.join(dir, 'public', 'search');
  await writeArticles(src, ARTICLES);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('buildIndex → SearchEngine round trip in Node', () => {
  let engine: SearchEngine;
  let report: Awaited<ReturnType<typeof buildIndex>>['report'];

  beforeAll(async () => {
    ({ report } = await buildIndex({ srcDirs: [src], outDir: out }));
    engine = await SearchEngine.open(fsFetcher(out));
  }, 60_000);

  it('reports every input file exactly once, in documents or errors', () => {
    const paths = [...report.documents.map((d) => d.path), ...report.errors.map((e) => e.path)].map((p) => path.basename(p)).sort();
    expect(paths).toEqual(Object.keys(ARTICLES).sort());
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]!.path.endsWith('empty.md')).toBe(true);
    expect(report.errors[0]!.reason).toMatch(/empty/);
    expect(report.stats.documents).toBe(5);
  });

  it('splits the build time into its phases', () => {
    const { phaseMs, buildMs } = report.stats;
    expect(Object.keys(phaseMs)).toEqual(['read', 'cluster', 'index', 'write']);
    for (const v of Object.values(phaseMs)) expect(Number.isInteger(v) && v >= 0).toBe(true);
    // Each phase is rounded on its own, so the sum may exceed the rounded total by at most 2 ms.
    expect(Object.values(phaseMs).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(buildMs + 2);
  });

  it('reports metadata per document', () => {
    const jh = report.documents.find((d) => d.id === '2022-03-09-jiaohang')!;
    expect(jh).toMatchObject({
      title: '交通银行推出普惠e贷 小微企业融资提速',
      date: '2022-03-09T15:56:47+08:00',
      source: '新华网',
      banks: ['交通银行'],
      cluster: null,
    });
    const jianhang = report.documents.find((d) => d.id === '2023-01-05-jianhang')!;
    expect(jianhang.date).toBe('2023-01-05T09:00:00+08:00');
    expect(jianhang.banks).toContain('建设银行');
  });

  it('finds a term and counts it exactly, with highlights on the term', async () => {
    const r = await engine.search({ query: '交通银行' });
    expect(r.total).toBe(1);
    const hit = r.hits[0]!;
    expect(hit.id).toBe('2022-03-09-jiaohang');
    expect(hit.title).toBe('交通银行推出普惠e贷 小微企业融资提速');
    expect(hit.titleHighlights).toEqual([[0, 4]]);
    expect(hit.snippet.highlights.length).toBeGreaterThan(0);
    for (const [s, e] of hit.snippet.highlights) expect(hit.snippet.text.slice(s, e)).toBe('交通银行');
  });

  it('finds Chinese sub-words inside longer words and across a line break', async () => {
    const r = await engine.search({ query: '普惠', sort: 'newest' });
    expect(r.hits.map((h) => h.id).sort()).toEqual(['2020-05-05-trap', '2022-03-09-jiaohang', 'nodate']);
    const across = await engine.search({ query: '贯彻' });
    expect(across.hits.map((h) => h.id).sort()).toEqual(['2022-03-09-jiaohang', 'nodate']);
    const marked = across.hits.find((h) => h.id === 'nodate')!;
    const [s, e] = marked.snippet.highlights[0]!;
    expect(marked.snippet.text.slice(s, e).replace(/\s/g, '')).toBe('贯彻');
  });

  it('matches a term longer than the n-grams exactly by chaining positions, with default options', async () => {
    const r = await engine.search({ query: '普惠型小微企业' });
    expect(r.exact).toBe(true);
    expect(r.hits.map((h) => h.id)).toEqual(['2022-03-09-jiaohang']);
    expect((await engine.search({ query: '新型小微企业' })).hits.map((h) => h.id)).toEqual(['2020-05-05-trap']);
  });

  it('matches Latin words whole and case-insensitively', async () => {
    expect((await engine.search({ query: 'shibor' })).total).toBe(1);
    expect((await engine.search({ query: 'app' })).total).toBe(0);
    expect((await engine.search({ query: 'APPLICATION' })).hits.map((h) => h.id)).toEqual(['2021-07-01-app']);
    expect((await engine.search({ query: '3.85%' })).hits.map((h) => h.id)).toEqual(['2023-01-05-jianhang']);
  });

  it('ANDs spaced terms, excludes -terms and ORs alternatives', async () => {
    expect((await engine.search({ query: '普惠 农业银行' })).hits.map((h) => h.id)).toEqual(['nodate']);
    expect((await engine.search({ query: '普惠 -农业银行', sort: 'newest' })).hits.map((h) => h.id)).toEqual(['2022-03-09-jiaohang', '2020-05-05-trap']);
    expect((await engine.search({ query: '招商银行 OR 建设银行' })).total).toBe(2);
  });

  it('expands bank aliases and says so', async () => {
    const r = await engine.search({ query: '交行' });
    expect(r.hits.map((h) => h.id)).toEqual(['2022-03-09-jiaohang']);
    expect(r.expanded).toEqual([{ term: '交行', to: '交通银行' }]);
  });

  it('counts facets over all matches and filters disjunctively', async () => {
    const all = await engine.search({ query: '银行', limit: 1 });
    expect(all.total).toBe(4);
    expect(all.hits).toHaveLength(1);
    expect(all.facets.source).toEqual({ 新华网: 1, 经济日报: 1, 证券时报: 1 });
    const bySource = await engine.search({ query: '银行', filters: { source: ['新华网'] } });
    expect(bySource.total).toBe(1);
    expect(bySource.facets.source).toEqual(all.facets.source);
    const byDate = await engine.search({ query: '银行', from: '2022-01-01', to: '2022-12-31' });
    expect(byDate.hits.map((h) => h.id)).toEqual(['2022-03-09-jiaohang']);
    expect(byDate.facets.month).toEqual(all.facets.month);
    expect(all.facets.month).toEqual({ '2021-07': 1, '2022-03': 1, '2023-01': 1 });
  });

  it('sorts by date exactly, unknown dates last', async () => {
    const newest = await engine.search({ query: '银行', sort: 'newest' });
    expect(newest.hits.map((h) => h.id)).toEqual(['2023-01-05-jianhang', '2022-03-09-jiaohang', '2021-07-01-app', 'nodate']);
    const oldest = await engine.search({ query: '银行', sort: 'oldest' });
    expect(oldest.hits.map((h) => h.id)).toEqual(['2021-07-01-app', '2022-03-09-jiaohang', '2023-01-05-jianhang', 'nodate']);
  });

  it('answers anything a reader can type without throwing', async () => {
    for (const q of ['', '   ', '，。！', '(c)?[d]', '<script>alert(1)</script>', '"unbalanced', 'OR', '-', '交'.repeat(2000)]) {
      const r = await engine.search({ query: q });
      expect(r.query).toBe(q);
      expect(Number.isInteger(r.total)).toBe(true);
    }
    const bad = await engine.search({ query: '银行', from: 'not-a-date', to: '2022-02-30', sort: 'sideways' as never, limit: -5, offset: Number.NaN });
    expect(bad.total).toBe(4);
  });

  it('opens a document by id with its metadata, and says null for an unknown id', async () => {
    const view = await engine.getDocument('2023-01-05-jianhang');
    expect(view?.doc.title).toBe('建设银行发布住房租赁新产品');
    expect(view?.doc.text).toContain('3.85%');
    expect(await engine.getDocument('no-such-id')).toBeNull();
    expect(await engine.getDocument('__proto__')).toBeNull();
  });

  it('looks a query up by the units the build indexed, folded and cut by the same functions (the index/query contract)', async () => {
    const table = simplifiedCharTable();
    const text = fold('交通银行青海省分行普惠型小微企业 SHIBOR 6.3565', table).text;
    const indexed = new Set<string>();
    forEachUnit(text, (k) => indexed.add(k));
    for (const term of ['交通银行', '青海省分行', '普惠', 'shibor', '6.3565', '小微企业']) {
      for (const u of queryUnits(fold(term, table).text)) expect(indexed.has(u)).toBe(true);
    }
  });

  it('marks a unit as a whole word in a document exactly where the accurate-mode segmenter the build runs cut it', async () => {
    const doc = (await engine.documentById('2022-03-09-jiaohang'))!;
    const words = new Set(createSegmenter().words(`${doc.title}\n${doc.text}`));
    // 交通银行 and 小微企业 are words here; 银行 and 普惠 occur only inside longer words (交通银行, 普惠型).
    expect([...words]).toEqual(expect.arrayContaining(['交通银行', '小微企业']));
    const { postings } = await engine.lookups('交通银行 银行 小微企业 普惠 融资');
    // The report lists documents in document-number order.
    const number = report.documents.findIndex((x) => x.id === doc.id);
    for (const unit of ['交通银行', '银行', '小微企业', '普惠', '融资']) {
      const p = postings.get(unit)!;
      const at = p.docs.indexOf(number);
      expect(at, unit).toBeGreaterThanOrEqual(0);
      expect(weightIsWord(p.weights[at]!), unit).toBe(words.has(unit));
    }
    expect(words.has('银行')).toBe(false);
  });

  it('counts every file it wrote in the report, manifest included, at its size on disk', async () => {
    const { report } = await buildIndex({ srcDirs: [src], outDir: path.join(dir, 'sized') });
    const sizes: number[] = [];
    const walk = async (at: string): Promise<void> => {
      for (const e of await readdir(at, { withFileTypes: true })) {
        if (e.isDirectory()) await walk(path.join(at, e.name));
        else sizes.push((await stat(path.join(at, e.name))).size);
      }
    };
    await walk(path.join(dir, 'sized'));
    expect(report.stats.indexFiles).toBe(sizes.length);
    expect(report.stats.indexBytes).toBe(sizes.reduce((a, b) => a + b, 0));
  });
});

/** Near-duplicate stories, written for these tests: three versions of one, two of another, and one alone. */
const QINGLAN = [
  '青岚农村商业银行近日宣布，今年将安排专项信贷资金三十亿元，重点支持春耕备耕、农田水利和农产品加工。该行在全市设立了四十六个乡村金融服务站，农户可以就近办理开户、转账和贷款申请等业务，不必再往返县城网点。',
  '针对农户普遍缺少抵押物的情况，青岚农商银行推出了以土地经营权、农机具和大棚设施作为增信方式的“沃土贷”，单户额度最高五十万元，期限最长三年，并可按照作物生长周期灵活设定还款计划。',
  '该行还与市农业农村局合作，依托新型农业经营主体名录开展整村授信，客户经理逐户走访，建立信用档案。截至三月末，已有一万二千余户农户获得预授信，累计发放贷款八亿六千万元。',
  '该行负责人表示，下一步将继续下沉服务重心，优化线上审批流程，力争让每一位有需要的农户都能及时获得资金支持。',
];
const CHENGHAI = [
  '澄海城市银行本周推出面向老年客户的“暖阳”综合服务方案，在全辖网点开设爱心窗口，配备老花镜、放大镜和轮椅等便民设施，并为行动不便的老人提供上门办理服务。',
  '在手机银行方面，该行上线了大字版界面，简化了转账和查询流程，同时增加语音播报功能，方便视力不好的老年用户独立操作。对于不熟悉智能手机的客户，网点工作人员会手把手进行演示。',
  '为防范针对老年人的电信诈骗，该行在柜面设置了大额转账提醒，工作人员会主动询问资金用途，必要时联系家属核实。今年以来，该行已成功拦截可疑交易二十余笔，帮助老年客户挽回损失一百多万元。',
  '该行相关负责人表示，将持续完善适老化服务，让老年人在金融服务中更有获得感和安全感。',
];
const XINGHE = [
  '星河银行昨日在银行间市场成功发行首期绿色金融债券，募集资金将全部投向清洁能源、节能环保和生态保护等领域的项目。',
  '本期债券受到保险公司、基金公司和多家商业银行的踊跃认购，认购倍数较高，体现出投资者对该行经营状况的信心。',
  '该行表示，将严格按照监管要求管理募集资金，定期披露资金投向和环境效益，接受市场和社会各界的监督。',
];

const article = (title: string, date: string, tag: string, paragraphs: string[]) =>
  `---\ntitle: ${title}\ndate: ${date}\ntags: ${tag}\n---\n${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}\n`;

const CLUSTERED: Record<string, string> = {
  '2023-04-10-qinglan-xinhua.md': article('青岚农商银行三十亿元专项信贷支持春耕备耕', '2023-04-10 09:00:00 +0800', '新华网新闻', QINGLAN),
  '2023-04-10-xinghe.md': article('星河银行发行首期绿色金融债券', '2023-04-10 10:00:00 +0800', '新华网新闻', XINGHE),
  // A light edit of the same story.
  '2023-04-11-qinglan-jingji.md': article(
    '青岚农商银行安排三十亿元支持春耕',
    '2023-04-11 08:30:00 +0800',
    '经济日报新闻',
    QINGLAN.map((p) => p.replace('近日宣布', '日前宣布').replace('不必再往返县城网点', '无需往返县城网点')),
  ),
  // An extended version: one more paragraph.
  '2023-04-12-qinglan-zhengquan.md': article('沃土贷落地 青岚农商银行助力春耕', '2023-04-12 16:00:00 +0800', '证券时报新闻', [
    ...QINGLAN,
    '记者从该行了解到，首批“沃土贷”已在三个乡镇落地，种粮大户普遍反映手续简便、放款及时。',
  ]),
  '2023-05-02-chenghai-xinhua.md': article('澄海城市银行推出暖阳养老金融服务方案', '2023-05-02 11:00:00 +0800', '新华网新闻', CHENGHAI),
  '2023-05-03-chenghai-jingji.md': article(
    '澄海城市银行推出暖阳服务方案',
    '2023-05-03 11:00:00 +0800',
    '经济日报新闻',
    CHENGHAI.map((p) => p.replace('本周推出', '近日推出')),
  ),
};

describe('near-duplicate clusters on the article page', () => {
  let clusterOut: string;
  let report: Awaited<ReturnType<typeof buildIndex>>['report'];
  const QX = '2023-04-10-qinglan-xinhua';
  const QJ = '2023-04-11-qinglan-jingji';
  const QZ = '2023-04-12-qinglan-zhengquan';
  const CX = '2023-05-02-chenghai-xinhua';
  const CJ = '2023-05-03-chenghai-jingji';
  const ALONE = '2023-04-10-xinghe';
  const summary = {
    [QX]: { id: QX, title: '青岚农商银行三十亿元专项信贷支持春耕备耕', date: '2023-04-10T09:00:00+08:00', source: '新华网' },
    [QJ]: { id: QJ, title: '青岚农商银行安排三十亿元支持春耕', date: '2023-04-11T08:30:00+08:00', source: '经济日报' },
    [QZ]: { id: QZ, title: '沃土贷落地 青岚农商银行助力春耕', date: '2023-04-12T16:00:00+08:00', source: '证券时报' },
    [CX]: { id: CX, title: '澄海城市银行推出暖阳养老金融服务方案', date: '2023-05-02T11:00:00+08:00', source: '新华网' },
    [CJ]: { id: CJ, title: '澄海城市银行推出暖阳服务方案', date: '2023-05-03T11:00:00+08:00', source: '经济日报' },
  };

  beforeAll(async () => {
    const root = path.join(dir, 'clusters');
    await writeArticles(path.join(root, 'src'), CLUSTERED);
    clusterOut = path.join(root, 'search');
    ({ report } = await buildIndex({ srcDirs: [path.join(root, 'src')], outDir: clusterOut }));
  });

  it('clusters the three versions of one story and the two of another, and leaves the other article alone', () => {
    expect(report.errors).toEqual([]);
    const cluster = (id: string) => report.documents.find((d) => d.id === id)!.cluster;
    expect(cluster(QX)).not.toBeNull();
    expect([QX, QJ, QZ]).toContain(cluster(QX));
    expect(cluster(QJ)).toBe(cluster(QX));
    expect(cluster(QZ)).toBe(cluster(QX));
    expect(cluster(CX)).not.toBeNull();
    expect([CX, CJ]).toContain(cluster(CX));
    expect(cluster(CJ)).toBe(cluster(CX));
    expect(cluster(CX)).not.toBe(cluster(QX));
    expect(cluster(ALONE)).toBeNull();
    expect(report.stats.clusters).toBe(2);
  });

  it("lists the other members of a document's cluster, oldest first, with their titles, dates and sources", async () => {
    const engine = await SearchEngine.open(fsFetcher(clusterOut));
    const related = async (id: string) => (await engine.getDocument(id))!.related;
    expect(await related(QX)).toEqual([summary[QJ], summary[QZ]]);
    expect(await related(QJ)).toEqual([summary[QX], summary[QZ]]);
    expect(await related(QZ)).toEqual([summary[QX], summary[QJ]]);
    expect(await related(CX)).toEqual([summary[CJ]]);
    expect(await related(CJ)).toEqual([summary[CX]]);
    const view = (await engine.getDocument(QZ))!;
    expect(view.doc).toMatchObject({ id: QZ, title: summary[QZ].title, cluster: report.documents.find((d) => d.id === QZ)!.cluster });
    expect(view.doc.text).toContain('首批“沃土贷”已在三个乡镇落地');
    expect(view.doc.related).toHaveLength(2);
  });

  it('gives a document without a cluster no related documents, and writes no related field for it', async () => {
    const engine = await SearchEngine.open(fsFetcher(clusterOut));
    const view = (await engine.getDocument(ALONE))!;
    expect(view.doc.title).toBe('星河银行发行首期绿色金融债券');
    expect(view.related).toEqual([]);
    expect('related' in view.doc).toBe(false);
  });

  it('opens documents and their related ones without fetching the facet values, which a search does fetch', async () => {
    const fetched: string[] = [];
    const base = fsFetcher(clusterOut);
    const engine = await SearchEngine.open((name, range) => {
      fetched.push(name);
      return base(name, range);
    });
    const isColumns = (name: string) => path.basename(name) === FACETS_FILE;
    for (const id of [QX, QJ, QZ, CX, CJ, ALONE]) expect((await engine.getDocument(id))!.doc.id).toBe(id);
    expect((await engine.getDocument(QX))!.related.map((r) => r.id)).toEqual([QJ, QZ]);
    expect(fetched.length).toBeGreaterThan(1);
    expect(fetched.filter(isColumns)).toEqual([]);
    // The name checked for is the one the engine really fetches.
    expect((await engine.search({ query: '沃土贷' })).total).toBe(3);
    expect(fetched.filter(isColumns)).toHaveLength(1);
  });

  it('finds related documents across fragment groups', async () => {
    const o = path.join(dir, 'clusters', 'grouped');
    await buildIndex({ srcDirs: [path.join(dir, 'clusters', 'src')], outDir: o, fragmentGroupSize: 4 });
    const engine = await SearchEngine.open(fsFetcher(o));
    expect(engine.manifest.segments[0]!.fragments.count).toBe(2);
    expect((await engine.getDocument(QX))!.related).toEqual([summary[QJ], summary[QZ]]);
    expect((await engine.getDocument(CJ))!.related).toEqual([summary[CX]]);
    expect((await engine.getDocument(CX))!.related).toEqual([summary[CJ]]);
    expect((await engine.getDocument(ALONE))!.related).toEqual([]);
  });
});

describe('worker threads', () => {
  it('build the same index, byte for byte, as analysis in this thread', async () => {
    // Batches of 8: several per worker, so results arrive out of order across workers.
    const many: Record<string, string> = {};
    for (let i = 0; i < 150; i++) {
      const day = String(1 + (i % 28)).padStart(2, '0');
      many[`2022-02-${day}-n${i}.md`] =
        `---\ntitle: 第${i}篇 交通银行普惠金融\ndate: 2022-02-${day} 08:00:00 +0800\n---\n<p>普惠型小微企业贷款第${i}笔，LPR 为 ${(3 + i / 100).toFixed(2)}%。</p>\n`;
    }
    const root = path.join(dir, 'workers');
    await writeArticles(path.join(root, 'src'), { ...ARTICLES, ...many });
    const inThread = await buildIndex({ srcDirs: [path.join(root, 'src')], outDir: path.join(root, 'a'), workers: 0 });
    const threaded = await buildIndex({ srcDirs: [path.join(root, 'src')], outDir: path.join(root, 'b'), workers: 2, minDocsPerWorker: 1, analysisBatch: 8 });
    expect(threaded.report.stats.documents).toBe(155);
    expect(threaded.manifest.buildId).toBe(inThread.manifest.buildId);
    const a = await readdir(path.join(root, 'a', inThread.manifest.segments[0]!.generation));
    for (const f of a)
      expect(await readFile(path.join(root, 'b', threaded.manifest.segments[0]!.generation, f)), f).toStrictEqual(
        await readFile(path.join(root, 'a', inThread.manifest.segments[0]!.generation, f)),
      );
  });
});

describe('atomic builds', () => {
  it('writes each build into its own segment folder and, keeping no update state, keeps only the current and previous ones', async () => {
    const o = path.join(dir, 'gen', 'search');
    await buildIndex({ srcDirs: [src], outDir: o });
    const first = parseManifest(await readFile(path.join(o, MANIFEST_FILE), 'utf8'));
    await buildIndex({ srcDirs: [src], outDir: o });
    const again = parseManifest(await readFile(path.join(o, MANIFEST_FILE), 'utf8'));
    expect(again.buildId).toBe(first.buildId);
    const names = ['新增一', '新增二'];
    const generations = [first.segments[0]!.generation];
    const manifests = [first];
    try {
      for (const [i, title] of names.entries()) {
        await writeFile(path.join(src, `extra${i}.md`), `---\ntitle: ${title}\ndate: 2024-01-0${i + 1}\n---\n浦发银行${title}。\n`);
        await buildIndex({ srcDirs: [src], outDir: o });
        const m = parseManifest(await readFile(path.join(o, MANIFEST_FILE), 'utf8'));
        expect(generations).not.toContain(m.segments[0]!.generation);
        generations.push(m.segments[0]!.generation);
        manifests.push(m);
      }
      // The root files the two kept manifests read (the stored home answer, the suggestions, readings and word facet counts), and nothing older.
      const rootFiles = manifests.slice(-2).flatMap((m) => [m.home!, ...m.suggest, ...m.readings, ...m.wordFacets]);
      expect((await readdir(o)).sort()).toEqual([...new Set([...generations.slice(-2), ...rootFiles, MANIFEST_FILE])].sort());
      const files = await readdir(path.join(o, generations.at(-1)!));
      const m = parseManifest(await readFile(path.join(o, MANIFEST_FILE), 'utf8'));
      const g = m.segments[0]!;
      // + 2: the rank and facets columns (rank.bin, facets.bin).
      expect(files.length).toBe(g.shards.count + packCount(g.positions.count) + packCount(g.fragments.count) + g.ids.count + m.chars.count + 2);
    } finally {
      for (const i of names.keys()) await rm(path.join(src, `extra${i}.md`));
    }
  });

  it('a build that fails leaves the served index intact', async () => {
    const o = path.join(dir, 'fail', 'search');
    await buildIndex({ srcDirs: [src], outDir: o });
    const before = await readFile(path.join(o, MANIFEST_FILE), 'utf8');
    await expect(buildIndex({ srcDirs: [path.join(dir, 'missing')], outDir: o })).rejects.toThrow(/missing/);
    expect(await readFile(path.join(o, MANIFEST_FILE), 'utf8')).toBe(before);
    const engine = await SearchEngine.open(fsFetcher(o));
    expect((await engine.search({ query: '交通银行' })).total).toBe(1);
  });

  it('a build killed with SIGKILL mid-write leaves the previous index serving', async () => {
    const o = path.join(dir, 'kill', 'search');
    await buildIndex({ srcDirs: [src], outDir: o });
    const before = await readFile(path.join(o, MANIFEST_FILE), 'utf8');
    const big = path.join(dir, 'big');
    const many: Record<string, string> = {};
    for (let i = 0; i < 400; i++) many[`a${i}.md`] = `---\ntitle: 第${i}篇\ndate: 2020-01-01\n---\n${'民生银行持续推进普惠金融。'.repeat(200)}${i}\n`;
    await writeArticles(big, many);
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/index.ts', '--src', big, '--out', o, '--state', `${o}.state`, '--quiet'], {
      stdio: 'ignore',
    });
    // Kill it once it has started writing its temporary folder, i.e. mid-write.
    const deadline = Date.now() + 60_000;
    let killedMidWrite = false;
    while (Date.now() < deadline && child.exitCode === null) {
      const tmp = (await readdir(o)).find((e) => e.startsWith('.tmp-'));
      if (tmp && (await readdir(path.join(o, tmp)).catch(() => [])).length > 0) {
        child.kill('SIGKILL');
        killedMidWrite = true;
        break;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    await new Promise((r) => child.once('exit', r));
    expect(killedMidWrite).toBe(true);
    expect(await readFile(path.join(o, MANIFEST_FILE), 'utf8')).toBe(before);
    const m = parseManifest(before);
    expect(existsSync(path.join(o, m.segments[0]!.generation, 'facets.bin'))).toBe(true);
    const engine = await SearchEngine.open(fsFetcher(o));
    expect((await engine.search({ query: '交通银行' })).total).toBe(1);
    // The next build clears the leftovers of the killed one.
    await buildIndex({ srcDirs: [src], outDir: o });
    expect((await readdir(o)).filter((e) => e.startsWith('.tmp-'))).toEqual([]);
  }, 120_000);
});

describe('links to the posts’ own pages (--link)', () => {
  it('stores each post’s Jekyll permalink in its fragment, hands it to hits and documents, and reports it', async () => {
    const o = path.join(dir, 'linked');
    const { report } = await buildIndex({
      srcDirs: [src],
      outDir: o,
      link: { permalink: 'pretty', siteUrl: 'https://example.org/blog/', timeZone: 'Asia/Shanghai' },
    });
    const links = Object.fromEntries(report.documents.map((d) => [d.id, d.link]));
    expect(links).toEqual({
      // 15:56:47 +0800 is the same day in Beijing; 09:00:00 without an offset is UTC, 17:00 in Beijing.
      '2022-03-09-jiaohang': 'https://example.org/blog/xinhuawang/2022/03/09/jiaohang/',
      '2023-01-05-jianhang': 'https://example.org/blog/2023/01/05/jianhang/',
      '2021-07-01-app': 'https://example.org/blog/2021/07/01/app/',
      '2020-05-05-trap': 'https://example.org/blog/2020/05/05/trap/',
      // Not a post's name: Jekyll would not publish it.
      nodate: null,
    });
    const engine = await SearchEngine.open(fsFetcher(o));
    const hits = (await engine.search({ query: '银行' })).hits;
    expect(hits.length).toBeGreaterThan(2);
    for (const h of hits) expect(h.link, h.id).toBe(links[h.id]);
    expect((await engine.getDocument('2022-03-09-jiaohang', ''))?.doc.link).toBe(links['2022-03-09-jiaohang']);
    expect((await engine.getDocument('nodate', ''))?.doc.link).toBeUndefined();
  });

  it('gives no hit a link without --link', async () => {
    const o = path.join(dir, 'unlinked');
    await buildIndex({ srcDirs: [src], outDir: o });
    const engine = await SearchEngine.open(fsFetcher(o));
    for (const h of (await engine.search({ query: '银行' })).hits) expect(h.link).toBeNull();
  });

  it('refuses a bad template before reading any article', async () => {
    const missing = path.join(dir, 'no-such-folder');
    // A missing folder would fail the read; the template fails first.
    const build = buildIndex({ srcDirs: [missing], outDir: path.join(dir, 'never'), link: { ...DEFAULT_LINK_OPTIONS, permalink: '/:year/:titel/' } });
    await expect(build).rejects.toBeInstanceOf(LinkOptionsError);
    await expect(build).rejects.toThrow(/^permalink "\/:year\/:titel\/": unknown placeholder :titel;/);
    expect(existsSync(path.join(dir, 'never'))).toBe(false);
  });
});
