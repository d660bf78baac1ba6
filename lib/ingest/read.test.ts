import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SourceRootError } from './errors';
import { decodeBytes, listSourceFiles } from './read';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const hex = (h: string): Uint8Array => Uint8Array.from(Buffer.from(h, 'hex'));
const concat = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(Buffer.concat(parts));

describe('decodeBytes', () => {
  it('decodes UTF-8 without a BOM', () => {
    expect(decodeBytes(utf8('交通银行'))).toEqual({ ok: true, text: '交通银行', encoding: 'utf-8' });
  });

  it('strips a UTF-8 BOM', () => {
    const r = decodeBytes(concat(hex('efbbbf'), utf8('---\ntitle: 标题\n---\n')));
    expect(r.ok && r.text.startsWith('---')).toBe(true);
  });

  it('normalises CRLF and lone CR to LF', () => {
    const r = decodeBytes(utf8('第一行\r\n第二行\r第三行'));
    expect(r.ok && r.text).toBe('第一行\n第二行\n第三行');
  });

  it('decodes GB18030/GBK bytes when they are not UTF-8', () => {
    // 招商银行今日发布年度报告，净利润稳步增长。 encoded as GB18030.
    const bytes = hex('d5d0c9ccd2f8d0d0bdf1c8d5b7a2b2bcc4eab6c8b1a8b8e6a3acbebbc0fbc8f3cec8b2bdd4f6b3a4a1a3');
    expect(decodeBytes(bytes)).toEqual({
      ok: true,
      text: '招商银行今日发布年度报告，净利润稳步增长。',
      encoding: 'gb18030',
    });
  });

  it('decodes UTF-16 with a BOM', () => {
    const r = decodeBytes(concat(hex('fffe'), Uint8Array.from(Buffer.from('银行', 'utf16le'))));
    expect(r).toEqual({ ok: true, text: '银行', encoding: 'utf-16le' });
  });

  it('rejects binary files with NUL bytes', () => {
    expect(decodeBytes(hex('89504e470d0a1a0a0000000d49484452'))).toEqual({
      ok: false,
      reason: 'binary file (contains NUL bytes)',
    });
  });

  it('rejects bytes that are neither UTF-8 nor GB18030', () => {
    const r = decodeBytes(hex('41ff42fe43'));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/^not valid UTF-8 or GB18030 text/);
  });

  it('rejects empty and whitespace-only files', () => {
    expect(decodeBytes(new Uint8Array(0))).toEqual({ ok: false, reason: 'empty file' });
    expect(decodeBytes(utf8('\uFEFF  \n\r\n'))).toEqual({ ok: false, reason: 'empty file' });
  });
});

describe('listSourceFiles', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ingest-list-'));
    await mkdir(path.join(dir, 'a', 'deep'), { recursive: true });
    await mkdir(path.join(dir, '.git'));
    await mkdir(path.join(dir, 'b'));
    for (const f of ['z.md', 'a/B.txt', 'a/deep/c.HTML', 'a/ignored.json', '.git/x.md', '.hidden.md', 'b/-dash.markdown', 'b/10.md', 'b/9.md']) {
      await writeFile(path.join(dir, f), '正文');
    }
    await symlink(path.join(dir, 'a'), path.join(dir, 'b', 'loop'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('lists matching files recursively, skipping hidden entries, in code-unit order', async () => {
    const files = await listSourceFiles([dir]);
    expect(files.map((f) => f.relPath)).toEqual(['a/B.txt', 'a/deep/c.HTML', 'b/-dash.markdown', 'b/10.md', 'b/9.md', 'z.md']);
    expect(files.every((f) => f.root === dir && path.isAbsolute(f.absPath))).toBe(true);
  });

  it('lists a file reachable from two roots once, under the first root', async () => {
    const files = await listSourceFiles([path.join(dir, 'a'), dir]);
    expect(files.filter((f) => f.absPath.endsWith('B.txt'))).toHaveLength(1);
    expect(files[0]?.relPath).toBe('B.txt');
  });

  it('honours the extension list', async () => {
    const files = await listSourceFiles([dir], { extensions: ['json'] });
    expect(files.map((f) => f.relPath)).toEqual(['a/ignored.json']);
  });

  it('throws a SourceRootError naming a missing root', async () => {
    const missing = path.join(dir, 'nope');
    await expect(listSourceFiles([missing])).rejects.toThrow(SourceRootError);
    await expect(listSourceFiles([missing])).rejects.toThrow(missing);
  });
});
