import { describe, expect, it } from 'vitest';
import { rawScalar, splitFrontMatter } from './parse';

describe('splitFrontMatter', () => {
  it('splits quoted and unquoted values and extra keys', () => {
    const r = splitFrontMatter('---\nlayout: post\ntitle: "招行 发布年报"\nsubtitle: 年报\nextra: [1, 2]\n---\n<p>正文</p>\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.frontMatter?.data['title']).toBe('招行 发布年报');
    expect(r.frontMatter?.data['subtitle']).toBe('年报');
    expect(r.body).toBe('<p>正文</p>\n');
  });

  it('finds front matter after leading blank lines', () => {
    const r = splitFrontMatter('\n  \n---\ntitle: 标题\n---\n正文');
    expect(r.ok && r.frontMatter?.data['title']).toBe('标题');
    expect(r.ok && r.body).toBe('正文');
  });

  it('treats text without an opening --- as having no front matter', () => {
    const text = ' 2023年，某行继续加大\n信贷投放。';
    expect(splitFrontMatter(text)).toEqual({ ok: true, frontMatter: null, body: text });
  });

  it('names the problem and the file line for broken YAML', () => {
    const r = splitFrontMatter('---\nlayout: post\ntitle: [未闭合\ndate: 2022-01-01\n---\n正文');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toMatch(/^invalid YAML front matter: /);
    expect(r.reason).toMatch(/line \d+ of the file/);
  });

  it('reports YAML that is not a mapping', () => {
    const r = splitFrontMatter('---\n- a\n- b\n---\n正文');
    expect(r.ok).toBe(false);
  });

  it('reports front matter that is never closed', () => {
    const r = splitFrontMatter('---\ntitle: 标题\n正文没有结束标记');
    expect(r).toEqual({ ok: false, reason: 'front matter opened with --- on line 1 is never closed (no second --- line)' });
  });
});

describe('rawScalar', () => {
  const raw = 'title: "带 \\"引号\\" 的标题"\nsingle: \'它\'\'s\'\ndate: 2022-03-05 10:00:00\nempty:\nblock: |\n  x';
  it('returns values as written, unquoted', () => {
    expect(rawScalar(raw, 'title')).toBe('带 "引号" 的标题');
    expect(rawScalar(raw, 'single')).toBe("它's");
    expect(rawScalar(raw, 'date')).toBe('2022-03-05 10:00:00');
  });
  it('distinguishes empty (null) from absent or block scalars (undefined)', () => {
    expect(rawScalar(raw, 'empty')).toBeNull();
    expect(rawScalar(raw, 'missing')).toBeUndefined();
    expect(rawScalar(raw, 'block')).toBeUndefined();
  });
});
