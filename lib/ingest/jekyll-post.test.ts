import { describe, expect, it } from 'vitest';
import { jekyllPath, jekyllPost } from './jekyll-post';
import { splitFrontMatter } from './parse';
import { postLinker } from './permalink';
import type { JekyllPost } from './types';

// What Debian's jekyll 4.3.1 did with the same files (`timezone: Asia/Shanghai`) is in each test's words.

/** The post Jekyll would read from `text` at `relPath`. */
function read(relPath: string, text: string, encoding = 'utf-8'): JekyllPost | null {
  const split = splitFrontMatter(text);
  if (!split.ok) throw new Error(split.reason);
  return jekyllPost(relPath, text, split.frontMatter, encoding);
}
const fm = (...lines: string[]): string => `---\n${lines.join('\n')}\n---\n正文。\n`;
const dateOf = (...lines: string[]): string | null => read('2021-12-08-x.md', fm('title: t', ...lines))?.date ?? null;

describe('jekyllPath: which files Jekyll publishes as posts', () => {
  it('takes files named YYYY-MM-DD-title.ext, in _posts or in the folder given as one', () => {
    expect(jekyllPath('2021-12-08-202112082206672930.md')).toBe('_posts/2021-12-08-202112082206672930.md');
    expect(jekyllPath('_posts/2021-12-08-a.md')).toBe('_posts/2021-12-08-a.md');
    expect(jekyllPath('es/_posts/sub/2021-12-08-a.md')).toBe('es/_posts/sub/2021-12-08-a.md');
    expect(jekyllPath('sub/2021-1-8-a.html')).toBe('_posts/sub/2021-1-8-a.html');
    expect(jekyllPath('21-1-8-twodigit.md')).toBe('_posts/21-1-8-twodigit.md');
    expect(jekyllPath('2021-12-08-.md')).toBe('_posts/2021-12-08-.md');
  });

  it('skips other names: no date, no title part, no extension, a special or backup name', () => {
    for (const p of [
      '-202205262391921712.md',
      'about.md',
      '2021-12-08.md',
      '2021-12-08-x',
      '20211208-x.md',
      '2021-12-08x.md',
      '_2021-12-08-x.md',
      '2021-12-08-x.md~',
    ]) {
      expect(jekyllPath(p), p).toBeNull();
    }
  });

  it('skips folders Jekyll does not walk: _drafts and other underscore or dot folders, above _posts or first below it', () => {
    for (const p of [
      '_drafts/2021-12-08-x.md',
      '_private/_posts/2021-12-08-x.md',
      '.git/_posts/2021-12-08-x.md',
      '_posts/_old/2021-12-08-x.md',
      '#tmp/2021-12-08-x.md',
    ]) {
      expect(jekyllPath(p), p).toBeNull();
    }
    // Below the first folder inside _posts, Jekyll looks at the base name only.
    expect(jekyllPath('_posts/a/_b/2021-12-08-x.md')).toBe('_posts/a/_b/2021-12-08-x.md');
  });
});

describe('jekyllPost: the front matter', () => {
  it('keeps a corpus post’s facts', () => {
    const text = fm('layout: post', 'title: "离岸人民币兑美元升至2018年以来最高水平"', 'date: 2021-12-08 10:46:18', 'categories: emnews', 'tags: 东财滚动新闻');
    expect(read('2021-12-08-202112082206672930.md', text)).toEqual({
      path: '_posts/2021-12-08-202112082206672930.md',
      date: '2021-12-08T10:46:18Z',
      slug: null,
      permalink: null,
      categories: ['emnews'],
    });
  });

  it('keeps slug and permalink as written', () => {
    const p = read('2021-01-10-x.md', fm('slug: My Slug.ok', 'permalink: /custom/:year/:title:output_ext'));
    expect(p?.slug).toBe('My Slug.ok');
    expect(p?.permalink).toBe('/custom/:year/:title:output_ext');
  });

  it('collects categories as Jekyll does: folders above _posts, categories split on spaces, category whole', () => {
    expect(read('es/_posts/2021-01-09-es.md', fm('categories: x y'))?.categories).toEqual(['es', 'x', 'y']);
    expect(read('2021-01-07-a.md', fm('category: Single Cat'))?.categories).toEqual(['Single Cat']);
    expect(read('2021-01-10-a.md', fm('categories: [Foo, foo, "A B"]', 'category: "Z?q#r"'))?.categories).toEqual(['Foo', 'foo', 'A B', 'Z?q#r']);
    expect(read('2021-01-10-a.md', fm('categories:', '  - 新闻', '  - 2021', '  - true', 'category: [a, [b]]'))?.categories).toEqual([
      '新闻',
      '2021',
      'true',
      'a',
      'b',
    ]);
    expect(read('2021-01-16-a.md', fm('categories: "  "'))?.categories).toEqual([]);
    expect(read('2021-01-16-a.md', fm('categories:'))?.categories).toEqual([]);
    // Not split on commas: Jekyll splits a categories string on whitespace only.
    expect(read('2021-01-16-a.md', fm('categories: a,b'))?.categories).toEqual(['a,b']);
  });

  it('is no post for published: false (Psych’s false, any case, unquoted)', () => {
    for (const v of ['false', 'False', 'no', 'OFF']) expect(read('2021-01-06-a.md', fm(`published: ${v}`)), v).toBeNull();
    for (const v of ['true', '"false"', "'no'"]) expect(read('2021-01-06-a.md', fm(`published: ${v}`)), v).not.toBeNull();
  });

  it('is no post where Jekyll’s read of the front matter fails: a symbol, a slug or permalink not text, categories not a list', () => {
    expect(read('2021-01-17-a.md', fm('permalink: :title'))).toBeNull();
    expect(read('2021-01-17-a.md', fm('tags:', '  - :x'))).toBeNull();
    expect(read('2021-01-17-a.md', fm('slug: 2021'))).toBeNull();
    expect(read('2021-01-17-a.md', fm('permalink: [a]'))).toBeNull();
    expect(read('2021-01-17-a.md', fm('categories: {a: 1}'))).toBeNull();
    expect(read('2021-01-17-a.md', fm('title: "a: :b"', 'time: 10:30'))).not.toBeNull();
  });

  it('is still a post without front matter, and sees none after leading blank lines (Jekyll wants --- first)', () => {
    expect(read('2022-01-05-nofm.md', '# 标题\n\n正文\n')).toEqual({
      path: '_posts/2022-01-05-nofm.md',
      date: '2022-01-05T00:00:00',
      slug: null,
      permalink: null,
      categories: [],
    });
    expect(read('2021-12-08-x.md', `\n${fm('date: 2021-12-08 10:18:31', 'categories: emnews')}`)).toEqual({
      path: '_posts/2021-12-08-x.md',
      date: '2021-12-08T00:00:00',
      slug: null,
      permalink: null,
      categories: [],
    });
  });

  it('is no post for text that was not UTF-8, which Jekyll skips', () => {
    expect(read('2023-01-05-gbk.md', fm('title: 招行'), 'gb18030')).toBeNull();
    expect(read('2023-01-05-u16.md', fm('title: 招行'), 'utf-16le')).toBeNull();
  });
});

describe('jekyllPost: the date Jekyll gives a post', () => {
  it('reads a timestamp without an offset as UTC, as Psych does', () => {
    expect(dateOf('date: 2021-12-08 10:46:18')).toBe('2021-12-08T10:46:18Z');
    expect(dateOf('date: 2022-01-06T20:30:00.5')).toBe('2022-01-06T20:30:00Z');
    expect(dateOf('date: 2022-01-06 20:30:00 # evening')).toBe('2022-01-06T20:30:00Z');
  });

  it('keeps a written offset', () => {
    expect(dateOf('date: 2021-08-17 12:29:46 +0800')).toBe('2021-08-17T12:29:46+08:00');
    expect(dateOf('date: 2021-08-17 12:29:46 -05:30')).toBe('2021-08-17T12:29:46-05:30');
    expect(dateOf('date: 2021-08-17 12:29:46 +8')).toBe('2021-08-17T12:29:46+08:00');
    expect(dateOf('date: 2021-08-17T12:29:46Z')).toBe('2021-08-17T12:29:46Z');
  });

  it('reads a quoted date, one without seconds, and a date alone as the site’s local time', () => {
    expect(dateOf('date: "2022-01-06 20:30:00"')).toBe('2022-01-06T20:30:00');
    expect(dateOf("date: '2022-01-06 20:30:00 +0800'")).toBe('2022-01-06T20:30:00+08:00');
    expect(dateOf('date: 2022-01-06 20:30')).toBe('2022-01-06T20:30:00');
    expect(dateOf('date: 2022-01-06')).toBe('2022-01-06T00:00:00');
    expect(dateOf('date: 2022/1/6')).toBe('2022-01-06T00:00:00');
  });

  it('takes the file name’s date when the front matter has none, at midnight local time', () => {
    expect(read('2021-12-08-x.md', fm('title: t'))?.date).toBe('2021-12-08T00:00:00');
    expect(read('21-1-8-x.md', fm('title: t'))?.date).toBe('2021-01-08T00:00:00');
    expect(read('99-1-8-x.md', fm('title: t'))?.date).toBe('1999-01-08T00:00:00');
  });

  it('is no post where Jekyll fails on the date: empty, an offset alone, or one Ruby would roll over', () => {
    for (const line of ['date:', 'date: ~', 'date:  +0800', 'date: 2021-02-30 10:00:00', 'date: 2021-13-01', 'date: 昨天', 'date: |\n  2021-12-08']) {
      expect(dateOf(line), line).toBeNull();
    }
    expect(read('2021-02-30-x.md', fm('title: t')), 'a file name date Ruby rejects').toBeNull();
    expect(read('210-1-8-x.md', fm('title: t')), 'a three-digit year').toBeNull();
  });
});

describe('jekyllPost and postLinker: a corpus post’s link', () => {
  it('moves a post written after 16:00 without an offset to the next day in Beijing', () => {
    const link = postLinker();
    expect(link(read('2022-01-06-late.md', fm('date: 2022-01-06 20:30:00', 'categories: [Foo Bar, 新闻, "a/b"]')))).toBe(
      '/foo%20bar/%E6%96%B0%E9%97%BB/a/b/2022/01/07/late.html',
    );
    expect(link(read('2022-01-06-offset.md', fm('date: 2022-01-06 20:30:00 +0800')))).toBe('/2022/01/06/offset.html');
    expect(link(read('2022-01-06-quoted.md', fm('date: "2022-01-06 20:30:00"')))).toBe('/2022/01/06/quoted.html');
  });
});
