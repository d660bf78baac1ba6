/**
 * Edge cases of live updates (format 8), each compared with a full build of the same files.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LINK_OPTIONS } from '../ingest';
import { SearchEngine, type SearchResult } from '../search';
import { buildIndex, combineIndexes, fsFetcher, type MergePolicy } from '.';

const TIMEOUT = 300_000;
const POLICY: MergePolicy = { floorDocs: 2, tierFactor: 2, segmentsPerTier: 2 };
const BASE = { workers: 0, merge: POLICY } as const;

const QINGLAN = [
  '青岚农村商业银行近日宣布，今年将安排专项信贷资金三十亿元，重点支持春耕备耕、农田水利和农产品加工。该行在全市设立了四十六个乡村金融服务站，农户可以就近办理开户、转账和贷款申请等业务，不必再往返县城网点。',
  '针对农户普遍缺少抵押物的情况，青岚农商银行推出了以土地经营权、农机具和大棚设施作为增信方式的“沃土贷”，单户额度最高五十万元，期限最长三年，并可按照作物生长周期灵活设定还款计划。',
  '该行还与市农业农村局合作，依托新型农业经营主体名录开展整村授信，客户经理逐户走访，建立信用档案。截至三月末，已有一万二千余户农户获得预授信，累计发放贷款八亿六千万元。',
  '该行负责人表示，下一步将继续下沉服务重心，优化线上审批流程，力争让每一位有需要的农户都能及时获得资金支持。',
];
const article = (title: string, date: string, paragraphs: string[]) =>
  `---\ntitle: ${title}\ndate: ${date}\ntags: 新华网新闻\n---\n${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}\n`;

const QX = article('青岚农商银行三十亿元专项信贷支持春耕备耕', '2023-04-10 09:00:00 +0800', QINGLAN);
const QJ = article(
  '青岚农商银行安排三十亿元支持春耕',
  '2023-04-11 08:30:00 +0800',
  QINGLAN.map((p) => p.replace('近日宣布', '日前宣布').replace('不必再往返县城网点', '无需往返县城网点')),
);
const QZ = article('沃土贷落地 青岚农商银行助力春耕', '2023-04-12 16:00:00 +0800', [
  ...QINGLAN,
  '记者从该行了解到，首批“沃土贷”已在三个乡镇落地，种粮大户普遍反映手续简便、放款及时。',
]);
const plain = (i: number, extra = '') =>
  article(`交通银行第${i}期普惠型小微企业专项贷款${extra}`, `2024-0${1 + (i % 9)}-1${i % 10} 08:00:00 +0800`, [
    `交通银行第${i}期推出普惠型小微企业专项贷款，工商银行跟进。${extra}`,
    `第${i}篇：建设银行表示将加大投放力度，利率保持平稳。`,
  ]);

const REQUESTS = ['银行', '普惠型小微企业', '青岚农商银行', '春耕', '交行', ''].flatMap((query) =>
  (['relevance', 'newest'] as const).map((sort) => ({ query, sort, limit: 100 })),
);

async function answers(outDir: string): Promise<unknown[]> {
  const engine = await SearchEngine.open(fsFetcher(outDir));
  const out: unknown[] = [engine.manifest.docCount, engine.manifest.avgLength, engine.manifest.examples];
  for (const r of REQUESTS) {
    const a: Partial<SearchResult> = await engine.search(r);
    delete a.tookMs;
    out.push(a);
  }
  for (const id of (await engine.search({ query: '', limit: 100 })).hits.map((h) => h.id)) out.push(await engine.getDocument(id, '银行'));
  return out;
}

let dir = '';
let n = 0;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'bns-edges-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** A fresh src folder with `files`, and where its updated index and state live. */
async function layout(files: Record<string, string>) {
  const root = path.join(dir, `l${n++}`);
  const src = path.join(root, 'src');
  await mkdir(src, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(src, name)), { recursive: true });
    await writeFile(path.join(src, name), text);
  }
  const out = path.join(root, 'out');
  const state = path.join(root, 'state');
  let k = 0;
  const update = () => buildIndex({ ...BASE, srcDirs: [src], outDir: out, stateDir: state });
  /** Answers of the updated index and of a full build of the same files, in a fresh folder. */
  const compare = async () => {
    const full = path.join(root, `full-${k++}`);
    await buildIndex({ ...BASE, srcDirs: [src], outDir: full, stateDir: null });
    return { updated: await answers(out), full: await answers(full) };
  };
  return { root, src, out, state, update, compare };
}

describe('the empty index', () => {
  it(
    'builds, answers, takes its first files, loses them all, and takes them again',
    async () => {
      const l = await layout({});
      const first = await l.update();
      expect(first.manifest.segments).toEqual([]);
      expect(first.manifest.docCount).toBe(0);
      let engine = await SearchEngine.open(fsFetcher(l.out));
      expect((await engine.search({ query: '' })).total).toBe(0);
      expect((await engine.search({ query: '普惠型小微企业', filters: { bank: ['交通银行'] } })).total).toBe(0);
      expect(await engine.getDocument('x')).toBeNull();
      expect(await engine.documentById('x')).toBeNull();

      // Empty → some files.
      for (let i = 0; i < 4; i++) await writeFile(path.join(l.src, `p${i}.md`), plain(i));
      const second = await l.update();
      expect(second.report.stats.update.kind).toBe('update');
      let c = await l.compare();
      expect(c.updated).toEqual(c.full);

      // Every file removed.
      for (const f of await readdir(l.src)) await rm(path.join(l.src, f));
      const third = await l.update();
      expect(third.manifest.segments).toEqual([]);
      expect(third.manifest.order).toBeNull();
      engine = await SearchEngine.open(fsFetcher(l.out));
      expect((await engine.search({ query: '银行' })).total).toBe(0);
      expect(await engine.getDocument('p1')).toBeNull();
      // Nothing left but the manifest and the files it and the previous manifest read: one segment folder at most.
      const read = new Set(
        [second.manifest, third.manifest].flatMap((m) => [
          ...m.segments.flatMap((g) => [g.generation, g.deleted?.file ?? '']),
          m.order ?? '',
          m.home ?? '',
          ...m.suggest,
          ...m.readings,
          ...m.wordFacets,
        ]),
      );
      const left = (await readdir(l.out)).filter((f) => f !== 'manifest.json');
      expect(left.filter((f) => !read.has(f))).toEqual([]);
      expect(left.filter((f) => f.startsWith('g-')).length).toBeLessThanOrEqual(1);

      // And back.
      for (let i = 0; i < 3; i++) await writeFile(path.join(l.src, `p${i}.md`), plain(i, '再版'));
      await l.update();
      c = await l.compare();
      expect(c.updated).toEqual(c.full);
    },
    TIMEOUT,
  );
});

describe('files renamed, swapped, and ids that change', () => {
  it(
    'answers as a full build after each step, across segments, merges and a long term that needs positions',
    async () => {
      const files: Record<string, string> = { 'qx.md': QX, 'qj.md': QJ };
      for (let i = 0; i < 6; i++) files[`p${i}.md`] = plain(i);
      const l = await layout(files);
      await l.update();
      const steps: [string, () => Promise<void>][] = [
        ['add the third near-duplicate', () => writeFile(path.join(l.src, 'qz.md'), QZ)],
        [
          'rename p1 (same bytes, same id, other folder)',
          async () => {
            await mkdir(path.join(l.src, 'sub'));
            await rename(path.join(l.src, 'p1.md'), path.join(l.src, 'sub', 'p1.md'));
          },
        ],
        [
          'swap p2 and p3',
          async () => {
            const a = await readFile(path.join(l.src, 'p2.md'));
            const b = await readFile(path.join(l.src, 'p3.md'));
            await writeFile(path.join(l.src, 'p2.md'), b);
            await writeFile(path.join(l.src, 'p3.md'), a);
          },
        ],
        [
          'a colliding p4 appears elsewhere: both ids change',
          async () => {
            await mkdir(path.join(l.src, 'other'), { recursive: true });
            await writeFile(path.join(l.src, 'other', 'p4.md'), plain(40));
          },
        ],
        ['the collision goes away', () => rm(path.join(l.src, 'other', 'p4.md'))],
        ['remove the rep of the cluster', () => rm(path.join(l.src, 'qj.md'))],
        ['nothing', async () => {}],
      ];
      const problems: string[] = [];
      for (const [name, step] of steps) {
        await step();
        const r = await l.update();
        const c = await l.compare();
        if (JSON.stringify(c.updated) !== JSON.stringify(c.full)) problems.push(`${name} (${r.manifest.segments.length} segments)`);
      }
      expect(problems).toEqual([]);
    },
    TIMEOUT,
  );
});

describe('combineIndexes and near-duplicates across parts', () => {
  it(
    "lists a cluster's members from another part in the related lists of the members that stay in their part",
    async () => {
      const root = path.join(dir, 'combine');
      const parts = ['a', 'b'].map((p) => ({
        src: path.join(root, 'src', p),
        outDir: path.join(root, 'parts', p),
        stateDir: path.join(root, 'parts', `${p}-state`),
      }));
      await mkdir(parts[0]!.src, { recursive: true });
      await mkdir(parts[1]!.src, { recursive: true });
      // Part a holds two versions of the story (a cluster whose representative is qa); part b the third, whose id sorts after.
      await writeFile(path.join(parts[0]!.src, 'qa.md'), QX);
      await writeFile(path.join(parts[0]!.src, 'qb.md'), QJ);
      await writeFile(path.join(parts[0]!.src, 'p0.md'), plain(0));
      await writeFile(path.join(parts[1]!.src, 'qc.md'), QZ);
      await writeFile(path.join(parts[1]!.src, 'p1.md'), plain(1));
      for (const p of parts) await buildIndex({ ...BASE, srcDirs: [p.src], outDir: p.outDir, stateDir: p.stateDir });
      const out = path.join(root, 'joined');
      await combineIndexes({ parts, outDir: out, stateDir: path.join(root, 'joined-state'), workers: 0 });
      const full = path.join(root, 'full');
      await buildIndex({ ...BASE, srcDirs: parts.map((p) => p.src), outDir: full, stateDir: null });
      const related = async (o: string) => {
        const e = await SearchEngine.open(fsFetcher(o));
        const out: Record<string, string[]> = {};
        for (const id of ['qa', 'qb', 'qc']) out[id] = (await e.getDocument(id))!.related.map((r) => r.id);
        return out;
      };
      const expected = await related(full);
      expect(expected.qa).toEqual(['qb', 'qc']);
      expect(await related(out)).toEqual(expected);
    },
    TIMEOUT,
  );
});

describe('the lock', () => {
  it(
    'takes over a lock left by a killed process, and releases it when a run throws',
    async () => {
      const l = await layout({ 'p0.md': plain(0) });
      await mkdir(l.state, { recursive: true });
      const dead = spawnSync(process.execPath, ['-e', '']).pid!;
      await writeFile(path.join(l.state, 'lock'), String(dead));
      await l.update();
      expect(existsSync(path.join(l.state, 'lock'))).toBe(false);
      await expect(buildIndex({ ...BASE, srcDirs: [path.join(l.root, 'no-such-folder')], outDir: l.out, stateDir: l.state })).rejects.toThrow();
      expect(existsSync(path.join(l.state, 'lock'))).toBe(false);
      await expect(
        buildIndex({ ...BASE, srcDirs: [l.src], outDir: l.out, stateDir: l.state, link: { ...DEFAULT_LINK_OPTIONS, permalink: '/:nope/:title.html' } }),
      ).rejects.toThrow();
      expect(existsSync(path.join(l.state, 'lock'))).toBe(false);
    },
    TIMEOUT,
  );
});

describe('combineIndexes after a combine killed while copying', () => {
  it(
    'does not trust a segment folder that a killed combine left half copied under its final name',
    async () => {
      const root = path.join(dir, 'combine-killed');
      const parts = ['a', 'b'].map((p) => ({
        src: path.join(root, 'src', p),
        outDir: path.join(root, 'parts', p),
        stateDir: path.join(root, 'parts', `${p}-state`),
      }));
      for (const [k, p] of parts.entries()) {
        await mkdir(p.src, { recursive: true });
        for (let i = 0; i < 3; i++) await writeFile(path.join(p.src, `p${k}${i}.md`), plain(k * 3 + i));
        await buildIndex({ ...BASE, srcDirs: [p.src], outDir: p.outDir, stateDir: p.stateDir });
      }
      const out = path.join(root, 'joined');
      // What `cp` leaves when the run is killed mid-copy: the folder under its final name, some files missing.
      const generation = (await readdir(parts[0]!.outDir)).find((f) => f.startsWith('g-'))!;
      await mkdir(path.join(out, generation), { recursive: true });
      const inside = (await readdir(path.join(parts[0]!.outDir, generation))).sort();
      for (const f of inside.slice(0, Math.floor(inside.length / 2)))
        await writeFile(path.join(out, generation, f), await readFile(path.join(parts[0]!.outDir, generation, f)));
      await combineIndexes({ parts, outDir: out, stateDir: path.join(root, 'joined-state'), workers: 0 });
      const full = path.join(root, 'full');
      await buildIndex({ ...BASE, srcDirs: parts.map((p) => p.src), outDir: full, stateDir: null });
      expect(await answers(out)).toEqual(await answers(full));
    },
    TIMEOUT,
  );
});

describe('a segment folder half removed by a prune that was killed', () => {
  it(
    'is not taken for the complete segment when a later build writes the same segment again',
    async () => {
      const l = await layout({ 'p0.md': plain(0), 'p1.md': plain(1) });
      const build = () => buildIndex({ ...BASE, srcDirs: [l.src], outDir: l.out, stateDir: null });
      const first = await build();
      const generation = first.manifest.segments[0]!.generation;
      const files = (await readdir(path.join(l.out, generation))).sort();
      // Two more corpora: the first segment leaves the folders kept for readers of the previous manifests.
      await writeFile(path.join(l.src, 'p2.md'), plain(2));
      await build();
      await writeFile(path.join(l.src, 'p3.md'), plain(3));
      await build();
      expect(existsSync(path.join(l.out, generation))).toBe(false);
      // What commit's rm -r leaves when the run is killed halfway through removing that folder.
      const ref = await layout({ 'p0.md': plain(0), 'p1.md': plain(1) });
      await buildIndex({ ...BASE, srcDirs: [ref.src], outDir: ref.out, stateDir: null });
      await mkdir(path.join(l.out, generation));
      for (const f of files.slice(0, Math.floor(files.length / 2)))
        await writeFile(path.join(l.out, generation, f), await readFile(path.join(ref.out, generation, f)));
      // The corpus goes back to its first state (a revert, or an update whose new segment equals an old one).
      await rm(path.join(l.src, 'p2.md'));
      await rm(path.join(l.src, 'p3.md'));
      const again = await build();
      expect(again.manifest.segments[0]!.generation).toBe(generation);
      expect(await answers(l.out)).toEqual(await answers(ref.out));
    },
    TIMEOUT,
  );
});

/** Past the two seconds in which a file's change time vouches for nothing, so its stamp is kept and compared. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 2_100));

describe('files an update takes as unchanged by their stamp', () => {
  it(
    'still finds an edit of the same size written back with the old modification time',
    async () => {
      const files: Record<string, string> = { 'qx.md': QX, 'qz.md': QZ };
      for (let i = 0; i < 4; i++) files[`p${i}.md`] = plain(i);
      const l = await layout(files);
      // Settled (modified an hour ago, changed more than two seconds ago), so the build keeps their stamps and
      // the update takes them without reading them.
      const hourAgo = new Date(Date.now() - 3_600_000);
      for (const name of Object.keys(files)) await utimes(path.join(l.src, name), hourAgo, hourAgo);
      await settle();
      await l.update();
      const edited = plain(2).replace('第2篇', '第9篇');
      expect(edited.length).toBe(plain(2).length);
      await writeFile(path.join(l.src, 'p2.md'), edited);
      await utimes(path.join(l.src, 'p2.md'), hourAgo, hourAgo);
      await settle();
      const second = await l.update();
      expect(second.report.stats.update).toMatchObject({ kind: 'update', changed: 1, added: 0, removed: 0 });
      const engine = await SearchEngine.open(fsFetcher(l.out));
      expect((await engine.search({ query: '第9篇' })).total).toBe(1);
      const c = await l.compare();
      expect(c.updated).toEqual(c.full);
      // Nothing changed since: nothing is read, nothing written.
      const third = await l.update();
      expect(third.report.stats.update.kind).toBe('unchanged');
    },
    TIMEOUT,
  );
});
