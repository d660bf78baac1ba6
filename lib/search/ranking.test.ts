import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndex, fsFetcher } from '../indexer';
import { SearchEngine } from '.';

/**
 * The relevance order the search-semantics issue asks for. For each rule the article that should lose is
 * written to win on every weaker signal (more occurrences, shorter, newer), so only that rule can put
 * the other first: title above body; whole query as a phrase above scattered terms; whole word above
 * the same characters inside a longer word; then term frequency; then newer first.
 */
const post = (title: string, date: string, body: string) => `---\ntitle: ${title}\ndate: ${date}\ntags: 测试日报新闻\n---\n<p>${body}</p>\n`;

const ARTICLES: Record<string, string> = {
  'title-hit.md': post('理财新规落地', '2021-01-01 10:00:00 +0800', '市场人士表示影响有限，各方持续关注后续安排。'),
  'body-hit.md': post('市场观察', '2021-01-02 10:00:00 +0800', '理财新规影响有限，理财新规细则待定。'),
  'phrase.md': post('观察一', '2021-01-01 10:00:00 +0800', '多家机构近日陆续推出绿色信贷产品，产品覆盖面和服务半径继续扩大，市场反响良好。'),
  'scattered.md': post('观察二', '2021-01-02 10:00:00 +0800', '绿色产业扩容，信贷跟进；绿色项目增加，信贷增长。'),
  'whole-word.md': post('消息一', '2021-01-01 10:00:00 +0800', '昨日有关方面在发布会上表示，银行将继续加大对小微企业和个体工商户的支持力度。'),
  'inside-word.md': post('消息二', '2021-01-02 10:00:00 +0800', '交通银行、建设银行表示支持小微企业。'),
  'twice.md': post('动态一', '2021-01-01 10:00:00 +0800', '数字人民币试点扩大，数字人民币场景增加，商户接入加快。'),
  'once.md': post('动态二', '2021-01-02 10:00:00 +0800', '数字人民币试点扩大，相关场景继续增加，商户接入加快。'),
  'older.md': post('快讯甲', '2020-06-01 10:00:00 +0800', '某地推出稳岗补贴政策，企业可在线申请。'),
  'newer.md': post('快讯乙', '2022-06-01 10:00:00 +0800', '某地推出稳岗补贴政策，企业可在线申请。'),
};

let dir: string;
let engine: SearchEngine;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'bns-rank-'));
  await mkdir(path.join(dir, 'src'));
  for (const [name, text] of Object.entries(ARTICLES)) await writeFile(path.join(dir, 'src', name), text);
  await buildIndex({ srcDirs: [path.join(dir, 'src')], outDir: path.join(dir, 'out') });
  engine = await SearchEngine.open(fsFetcher(path.join(dir, 'out')));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const ids = async (query: string) => (await engine.search({ query })).hits.map((h) => h.id);

describe('relevance order', () => {
  it('ranks a term in the title above the same term in the body', async () => {
    expect(await ids('理财新规')).toEqual(['title-hit', 'body-hit']);
  });

  it('ranks the whole query as a phrase above scattered terms', async () => {
    expect(await ids('绿色 信贷')).toEqual(['phrase', 'scattered']);
  });

  it('ranks a term standing as a whole word above the same characters inside a longer word', async () => {
    expect(await ids('银行')).toEqual(['whole-word', 'inside-word']);
  });

  it('ranks more occurrences above fewer when nothing else differs', async () => {
    expect(await ids('数字人民币')).toEqual(['twice', 'once']);
  });

  it('ranks the newer of two equally relevant articles first', async () => {
    expect(await ids('稳岗补贴')).toEqual(['newer', 'older']);
  });

  it('sorts by date exactly and stably when asked', async () => {
    const newest = (await engine.search({ query: '稳岗补贴', sort: 'newest' })).hits.map((h) => h.id);
    const oldest = (await engine.search({ query: '稳岗补贴', sort: 'oldest' })).hits.map((h) => h.id);
    expect(newest).toEqual(['newer', 'older']);
    expect(oldest).toEqual(['older', 'newer']);
  });
});
