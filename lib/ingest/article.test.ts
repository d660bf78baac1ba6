import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignIds, assignPaths, isIngestError, readArticle } from './article';
import { ingest } from './ingest';
import type { SourceFile } from './read';
import type { Article, IngestError } from './types';

const hex = (h: string): Buffer => Buffer.from(h, 'hex');

let dir: string;
const file = (relPath: string, root = dir): SourceFile => ({ absPath: path.join(root, relPath), relPath, root });
async function read(relPath: string): Promise<Omit<Article, 'id'>> {
  const r = await readArticle(file(relPath));
  if (isIngestError(r)) throw new Error(`${relPath}: unexpected error ${r.reason}`);
  return r;
}
async function readError(relPath: string): Promise<IngestError> {
  const r = await readArticle(file(relPath));
  if (!isIngestError(r)) throw new Error(`${relPath}: expected an error`);
  return r;
}

const JEKYLL = [
  '---',
  'layout: post',
  'title: "某某银行 推出新一代手机银行"',
  'date: 2023-05-06 09:08:07 +0800',
  'categories: moumouribao',
  'tags: 某某日报客户端新闻',
  '---',
  '<p>某某银行近日推出新一代手机银行，交行和建行也在加快数字化转型。</p><p class="em_media">（文章来源：某某日报客户端）</p>',
  '',
  '<http://news.example.com/share?id=42>',
  '',
  '[返回某某日报客户端新闻](//site.example.com/category/moumouribao.html)｜[返回首页](//site.example.com/)',
].join('\n');

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ingest-article-'));
  await mkdir(path.join(dir, 'sub'));
  const files: Record<string, string | Buffer> = {
    'jekyll.txt': JEKYLL,
    'bom-crlf.md': Buffer.concat([hex('efbbbf'), Buffer.from(JEKYLL.replace(/\n/g, '\r\n'))]),
    // ---\ntitle: 招行发布年报\ndate: 2023-01-05\n---\n招商银行今日发布年度报告，净利润稳步增长。\n in GB18030
    'gbk.txt': Buffer.concat([
      Buffer.from('---\ntitle: '),
      hex('d5d0d0d0b7a2b2bcc4eab1a8'),
      Buffer.from('\ndate: 2023-01-05\n---\n'),
      hex('d5d0c9ccd2f8d0d0bdf1c8d5b7a2b2bcc4eab6c8b1a8b8e6a3acbebbc0fbc8f3cec8b2bdd4f6b3a4a1a3'),
      Buffer.from('\n'),
    ]),
    'binary.md': hex('89504e470d0a1a0a0000000d494844520000'),
    'empty.md': '',
    'broken.md': '---\ntitle: [未闭合\ndate: 2023-01-05\n---\n正文。',
    'only-markup.html': '<div><img src="a.png"></div>',
    'traditional.md': '---\ntitle: 中國建設銀行發佈年報\ndate: 2023年3月5日\n---\n中國建設銀行與ＩＣＢＣ今日發佈公告。',
    '2022-08-18-no-date.md': '---\ntitle: 没有日期的文章\ntags:\n  - 银行\n  - 理财\n---\n正文。',
    'plain.txt': '某某银行江城分行\n\n用心做好每一笔小额贷款服务\n\n一直以来，该行坚持以客户为中心，不断完善服务。\n',
    'no-title.md':
      '---\ntitle: ""\ndate:  +0800\ntags: 东财滚动新闻\n---\n据某某消息，某行宣布下调一年期存款利率，调整后的利率为历史最低水平，自下周一起执行。\n',
    'sub/jekyll.md': JEKYLL.replace('某某银行 推出新一代手机银行', '同名文件'),
    'big.md': `---\ntitle: 很长的文章\n---\n${'交通银行持续加大小微企业信贷投放。\n\n'.repeat(170_000)}最后一段在这里。`,
  };
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readArticle', () => {
  it('reads a Jekyll post: title, date, source, url, banks, tags, clean text', async () => {
    const a = await read('jekyll.txt');
    expect(a).toEqual({
      path: 'jekyll.txt',
      title: '某某银行 推出新一代手机银行',
      date: '2023-05-06T09:08:07+08:00',
      source: '某某日报客户端',
      url: 'http://news.example.com/share?id=42',
      banks: ['交通银行', '建设银行'],
      branches: [],
      provinces: [],
      text: '某某银行近日推出新一代手机银行，交行和建行也在加快数字化转型。',
      tags: ['某某日报客户端新闻'],
      categories: ['moumouribao'],
      // Not a post's name (YYYY-MM-DD-title.ext): Jekyll would not publish it, so there is no permalink.
      jekyll: null,
    });
  });

  it('reads the same post with a BOM and CRLF line endings identically', async () => {
    const a = await read('bom-crlf.md');
    const b = await read('jekyll.txt');
    expect({ ...a, path: b.path }).toEqual(b);
  });

  it('decodes GB18030 files', async () => {
    const a = await read('gbk.txt');
    expect(a.title).toBe('招行发布年报');
    expect(a.date).toBe('2023-01-05T00:00:00+08:00');
    expect(a.text).toBe('招商银行今日发布年度报告，净利润稳步增长。');
    expect(a.banks).toEqual(['招商银行']);
  });

  it('returns errors a person understands for bad files', async () => {
    expect(await readError('binary.md')).toEqual({ path: 'binary.md', reason: 'binary file (contains NUL bytes)' });
    expect(await readError('empty.md')).toEqual({ path: 'empty.md', reason: 'empty file' });
    expect((await readError('broken.md')).reason).toMatch(/^invalid YAML front matter: .+ \(line \d+ of the file\)$/);
    expect((await readError('only-markup.html')).reason).toMatch(/^empty file/);
    expect(await readError('missing.md')).toEqual({ path: 'missing.md', reason: 'file not found' });
  });

  it('keeps traditional and full-width text as written but finds its banks', async () => {
    const a = await read('traditional.md');
    expect(a.text).toBe('中國建設銀行與ＩＣＢＣ今日發佈公告。');
    expect(a.banks).toEqual(['工商银行', '建设银行']);
    expect(a.date).toBe('2023-03-05T00:00:00+08:00');
  });

  it('falls back to the date in the file name, and reads YAML list tags', async () => {
    const a = await read('2022-08-18-no-date.md');
    expect(a.date).toBe('2022-08-18T00:00:00+08:00');
    expect(a.tags).toEqual(['银行', '理财']);
    expect(a.source).toBeNull();
  });

  it('keeps what the permalink of a file Jekyll publishes as a post needs, and nothing for other files', async () => {
    expect((await read('2022-08-18-no-date.md')).jekyll).toEqual({
      path: '_posts/2022-08-18-no-date.md',
      date: '2022-08-18T00:00:00',
      slug: null,
      permalink: null,
      categories: [],
    });
    for (const name of ['plain.txt', 'jekyll.txt', 'sub/jekyll.md', 'gbk.txt']) expect((await read(name)).jekyll, name).toBeNull();
  });

  it('takes the headline of plain text without front matter, not the kicker', async () => {
    const a = await read('plain.txt');
    expect(a.title).toBe('用心做好每一笔小额贷款服务');
    expect(a.date).toBeNull();
    expect(a.source).toBeNull();
    expect(a.url).toBeNull();
  });

  it('falls back to the first sentence for an empty title, and null for an empty date', async () => {
    const a = await read('no-title.md');
    expect(a.title).toBe('据某某消息，某行宣布下调一年期存款利率，调整后的利率为历史最低水平…');
    expect(a.date).toBeNull();
    expect(a.source).toBe('东财滚动新闻');
  });

  it('reads a 5 MB article in full', async () => {
    const a = await read('big.md');
    expect(Buffer.byteLength(a.text)).toBeGreaterThan(5_000_000);
    expect(a.text.endsWith('最后一段在这里。')).toBe(true);
    expect(a.banks).toEqual(['交通银行']);
  });
});

describe('assignIds / assignPaths', () => {
  it('uses the file name, and the relative path where names collide', () => {
    const files = [file('jekyll.txt'), file('sub/jekyll.md'), file('gbk.txt'), file('-dash.md')];
    expect(assignIds(files)).toEqual(
      new Map([
        [path.join(dir, 'jekyll.txt'), 'jekyll'],
        [path.join(dir, 'sub/jekyll.md'), 'sub/jekyll'],
        [path.join(dir, 'gbk.txt'), 'gbk'],
        [path.join(dir, '-dash.md'), '-dash'],
      ]),
    );
  });

  it('stays unique when relative paths collide too, and does not depend on order', () => {
    const other = path.join(dir, 'other-root');
    const files = [file('a.md'), file('a.txt'), file('A.md', other), file('b.md', other)];
    const ids = assignIds(files);
    expect(new Set(ids.values()).size).toBe(4);
    expect(ids.get(path.join(other, 'b.md'))).toBe('b');
    expect(assignIds([...files].reverse())).toEqual(ids);
  });

  it('prefixes paths with the root index only where two roots share a relative path', () => {
    const other = path.join(dir, 'other-root');
    const paths = assignPaths([file('x/a.md'), file('b.md'), file('x/a.md', other)]);
    expect([...paths.values()]).toEqual(['0:x/a.md', 'b.md', '1:x/a.md']);
  });
});

describe('ingest', () => {
  it('lists, reads and assigns ids in one call', async () => {
    const { articles, errors } = await ingest([dir]);
    expect(errors.map((e) => e.path).sort()).toEqual(['binary.md', 'broken.md', 'empty.md', 'only-markup.html']);
    expect(articles.find((a) => a.path === 'sub/jekyll.md')?.id).toBe('sub/jekyll');
    expect(articles.find((a) => a.path === 'jekyll.txt')?.id).toBe('jekyll');
    expect(new Set(articles.map((a) => a.id)).size).toBe(articles.length);
  });
});
