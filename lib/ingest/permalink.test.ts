import { describe, expect, it } from 'vitest';
import { DEFAULT_LINK_OPTIONS, escapePath, LinkOptionsError, postLinker, slugify, type LinkOptions } from './permalink';
import type { JekyllPost } from './types';

// Expected URLs were read off pages that Debian's jekyll 4.3.1 built from the same posts (`{{ page.url }}`),
// with `timezone: Asia/Shanghai` unless a test says otherwise.

/** A post of `_posts/2021-12-08-202112082206672930.md`, dated 10:46:18 Beijing time, in category emnews. */
const POST: JekyllPost = {
  path: '_posts/2021-12-08-202112082206672930.md',
  date: '2021-12-08T10:46:18+08:00',
  slug: null,
  permalink: null,
  categories: ['emnews'],
};
const post = (over: Partial<JekyllPost> = {}): JekyllPost => ({ ...POST, ...over });
const link = (p: JekyllPost, options: Partial<LinkOptions> = {}): string | null => postLinker(options)(p);

/** Every placeholder in one template, as the test site's `_config.yml` held it. */
const EVERY =
  '/:categories/:year/:short_year/:month/:i_month/:day/:i_day/:hour/:minute/:second/:y_day/:w_year/:week/:w_day/:short_day/:long_day/:short_month/:long_month/:slug/:title/:name/:slugified_categories/:collection:path:output_ext';

function optionsError(options: Partial<LinkOptions>): LinkOptionsError {
  try {
    postLinker(options);
  } catch (e) {
    if (e instanceof LinkOptionsError) return e;
    throw e;
  }
  throw new Error(`no error for ${JSON.stringify(options)}`);
}

describe('postLinker: the built-in styles', () => {
  it('defaults to Jekyll’s date style, a site-relative path, in Beijing time', () => {
    expect(DEFAULT_LINK_OPTIONS).toEqual({ permalink: 'date', siteUrl: null, timeZone: 'Asia/Shanghai' });
    expect(link(POST)).toBe('/emnews/2021/12/08/202112082206672930.html');
  });

  it.each([
    ['date', '/emnews/2021/12/08/202112082206672930.html'],
    ['pretty', '/emnews/2021/12/08/202112082206672930/'],
    ['ordinal', '/emnews/2021/342/202112082206672930.html'],
    ['weekdate', '/emnews/2021/W49/Wed/202112082206672930.html'],
    ['none', '/emnews/202112082206672930.html'],
  ])('writes the %s style as Jekyll does', (style, expected) => {
    expect(link(POST, { permalink: style })).toBe(expected);
  });

  it('collapses empty categories: no double slash where :categories is empty', () => {
    expect(link(post({ categories: [] }))).toBe('/2021/12/08/202112082206672930.html');
    expect(link(post({ categories: [] }), { permalink: 'pretty' })).toBe('/2021/12/08/202112082206672930/');
  });
});

describe('postLinker: every placeholder', () => {
  it('fills each placeholder of UrlDrop from the date in the site’s zone, the name and the categories', () => {
    const p = post({ path: '_posts/2021-01-03-Hello World_x!.md', date: '2021-01-03T17:05:09Z', categories: ['Foo Bar', '新闻'] });
    expect(link(p, { permalink: EVERY })).toBe(
      '/foo%20bar/%E6%96%B0%E9%97%BB/2021/21/01/1/04/4/01/05/09/004/2021/01/1/Mon/Monday/Jan/January/hello-world-x/Hello-World_x!/2021-01-03-hello-world-x/foo-bar/%E6%96%B0%E9%97%BB/posts/2021-01-03-Hello%20World_x!.html',
    );
    expect(link(p, { permalink: EVERY, timeZone: 'UTC' })).toBe(
      '/foo%20bar/%E6%96%B0%E9%97%BB/2021/21/01/1/03/3/17/05/09/003/2020/53/7/Sun/Sunday/Jan/January/hello-world-x/Hello-World_x!/2021-01-03-hello-world-x/foo-bar/%E6%96%B0%E9%97%BB/posts/2021-01-03-Hello%20World_x!.html',
    );
  });

  it('takes :title and :slug from front matter slug, keeping the case in :title only', () => {
    const p = post({ path: '_posts/2021-03-01-x.html', date: '2021-03-01T01:02:03-05:00', slug: 'Über Café', categories: [] });
    expect(link(p, { permalink: EVERY })).toBe(
      '/2021/21/03/3/01/1/14/02/03/060/2021/09/1/Mon/Monday/Mar/March/%C3%BCber-caf%C3%A9/%C3%9Cber-Caf%C3%A9/2021-03-01-x/posts/2021-03-01-x.html',
    );
    expect(link(p, { permalink: EVERY, timeZone: 'UTC' })).toContain('/2021/21/03/3/01/1/06/02/03/060/');
  });

  it('counts ISO weeks and days of the year across a new year', () => {
    const p = post({ path: '_posts/2020-12-31-Year End.markdown', date: '2020-12-31T23:59:59+08:00', categories: [] });
    expect(link(p, { permalink: EVERY })).toBe(
      '/2020/20/12/12/31/31/23/59/59/366/2020/53/4/Thu/Thursday/Dec/December/year-end/Year-End/2020-12-31-year-end/posts/2020-12-31-Year%20End.html',
    );
    expect(link(post({ date: '2021-01-01T00:00:00' }), { permalink: '/:w_year/W:week/:w_day/:y_day' })).toBe('/2020/W53/5/001');
    expect(link(post({ date: '2024-12-30T00:00:00' }), { permalink: '/:w_year/W:week/:w_day/:y_day' })).toBe('/2025/W01/1/365');
  });

  it('reads :month_ as :month followed by an underscore, as possible_keys does', () => {
    expect(link(POST, { permalink: '/:year_:month_:day/:title' })).toBe('/2021_12_08/202112082206672930');
  });

  it('keeps a template’s own text and drops a missing :output_ext', () => {
    expect(link(POST, { permalink: '/news/:title' })).toBe('/news/202112082206672930');
    expect(link(POST, { permalink: '/news/:title.htm' })).toBe('/news/202112082206672930.htm');
  });
});

describe('postLinker: dates and time zones', () => {
  it('writes an instant in the site’s zone, so the day may change', () => {
    // A YAML timestamp without an offset is UTC: 20:30 UTC is 04:30 the next morning in Beijing.
    expect(link(post({ date: '2022-01-06T20:30:00Z' }))).toBe('/emnews/2022/01/07/202112082206672930.html');
    expect(link(post({ date: '2022-01-06T20:30:00Z' }), { timeZone: 'UTC' })).toBe('/emnews/2022/01/06/202112082206672930.html');
    expect(link(post({ date: '2022-01-06T01:00:00+08:00' }), { timeZone: 'America/New_York' })).toBe('/emnews/2022/01/05/202112082206672930.html');
  });

  it('keeps a wall time (a file name’s date, a date string without a zone) in whatever zone the site has', () => {
    for (const timeZone of ['Asia/Shanghai', 'UTC', 'America/New_York']) {
      expect(link(post({ date: '2022-01-06T00:00:00' }), { timeZone })).toBe('/emnews/2022/01/06/202112082206672930.html');
    }
  });

  it('gives no link for a date it cannot read', () => {
    expect(link(post({ date: 'yesterday' }))).toBeNull();
  });
});

describe('postLinker: names, slugs and output extensions', () => {
  it('takes :title from the file name after the date, trailing dots dropped', () => {
    expect(link(post({ path: '_posts/2021-01-12-a.b...md' }))).toBe('/emnews/2021/12/08/a.b.html');
    expect(link(post({ path: '_posts/2021-1-8-single.md' }))).toBe('/emnews/2021/12/08/single.html');
    expect(link(post({ path: 'es/_posts/sub/2021-12-08-deep.md' }))).toBe('/emnews/2021/12/08/deep.html');
  });

  it('escapes a Chinese title part, keeping the characters pretty mode allows', () => {
    expect(link(post({ path: '_posts/2021-01-15-中文 标题！（一）.md' }))).toBe('/emnews/2021/12/08/%E4%B8%AD%E6%96%87-%E6%A0%87%E9%A2%98-%E4%B8%80.html');
    expect(link(post({ path: '_posts/2021-01-07-中文 标题!.md' }))).toBe('/emnews/2021/12/08/%E4%B8%AD%E6%96%87-%E6%A0%87%E9%A2%98!.html');
  });

  it('writes .html for Markdown in any case and keeps other extensions', () => {
    expect(link(post({ path: '_posts/2021-01-12-UPPER Case_x.MARKDOWN' }))).toBe('/emnews/2021/12/08/UPPER-Case_x.html');
    expect(link(post({ path: '_posts/2021-01-13-page.html' }))).toBe('/emnews/2021/12/08/page.html');
    expect(link(post({ path: '_posts/2022-01-05-No Front.txt' }))).toBe('/emnews/2021/12/08/No-Front.txt');
  });
});

describe('postLinker: categories', () => {
  it('lower-cases, de-duplicates and joins categories, escaping spaces and non-ASCII but keeping what a path allows', () => {
    expect(link(post({ categories: ['Foo', 'foo', 'A B', 'Z?q#r'] }))).toBe('/foo/a%20b/z?q%23r/2021/12/08/202112082206672930.html');
    expect(link(post({ categories: ['新闻 资讯', '100%', 'a:b', 'x&y', '[z]', 'é', 'Ünï'] }))).toBe(
      '/%E6%96%B0%E9%97%BB%20%E8%B5%84%E8%AE%AF/100%25/a:b/x&y/%5Bz%5D/%C3%A9/%C3%BCn%C3%AF/2021/12/08/202112082206672930.html',
    );
    expect(link(post({ categories: ['es', 'x', 'y'] }))).toBe('/es/x/y/2021/12/08/202112082206672930.html');
  });

  it('escapes a category that reads as a host, and gives no link where Jekyll cannot escape one (the build fails there)', () => {
    expect(link(post({ categories: ['//host'] }))).toBe('/host/2021/12/08/202112082206672930.html');
    expect(link(post({ categories: ['//høst'] }))).toBe('/h%C3%B8st/2021/12/08/202112082206672930.html');
    expect(link(post({ categories: ['新闻:x'] }))).toBeNull();
    expect(link(post({ categories: ['ü:x'] }))).toBeNull();
    expect(link(post({ categories: ['//host:port'] }))).toBeNull();
  });
});

describe('postLinker: a front-matter permalink', () => {
  it('replaces the site’s template, with the placeholders and extension Jekyll gives it', () => {
    expect(link(post({ path: '_posts/2021-01-11-perm.md', date: '2021-01-11T00:00:00', permalink: '/custom/:year/:title:output_ext' }))).toBe(
      '/custom/2021/perm.html',
    );
    expect(link(post({ permalink: '/fixed/page.xml' }))).toBe('/fixed/page.xml');
    expect(link(post({ permalink: '/feed/:title:output_ext.xml' }))).toBe('/feed/202112082206672930.xml.xml');
    expect(link(post({ slug: 'Hello World!', categories: ['A'], permalink: '/p/:categories/:slug/' }), { permalink: 'pretty' })).toBe('/p/a/hello-world/');
  });

  it('takes precedence over every style', () => {
    for (const style of ['date', 'pretty', 'ordinal', 'weekdate', 'none', '/x/:title/']) {
      expect(link(post({ permalink: '/own/:title/' }), { permalink: style })).toBe('/own/202112082206672930/');
    }
  });

  it('is sanitized as Jekyll does: a leading slash added, .. and ./ removed, slashes squeezed', () => {
    expect(link(post({ path: '_posts/2021-01-17-dots.md', permalink: '/a/../b/./c//:title' }))).toBe('/a/b/c/dots');
    expect(link(post({ permalink: 'no-slash/:title/' }))).toBe('/no-slash/202112082206672930/');
    expect(link(post({ permalink: '//evil.example/:title' }))).toBe('/evil.example/202112082206672930');
    expect(link(post({ permalink: '' }))).toBe('/');
  });

  it('gives no link for an unknown placeholder in it (Jekyll fails the build), and escapes what a URL path may not hold raw', () => {
    expect(link(post({ permalink: '/:nope/:title/' }))).toBeNull();
    expect(link(post({ permalink: '/my posts/\t\\:title' }))).toBe('/my%20posts/%09%5C202112082206672930');
    expect(link(post({ permalink: '/新闻/"<b>"/:title' }))).toBe('/%E6%96%B0%E9%97%BB/%22%3Cb%3E%22/202112082206672930');
  });
});

describe('postLinker: the site address', () => {
  it('joins the site url and the path with exactly one slash', () => {
    for (const siteUrl of ['https://example.org', 'https://example.org/', 'https://example.org//']) {
      expect(link(POST, { siteUrl })).toBe('https://example.org/emnews/2021/12/08/202112082206672930.html');
    }
    expect(link(POST, { siteUrl: 'http://Example.org:8080/blog/' })).toBe('http://example.org:8080/blog/emnews/2021/12/08/202112082206672930.html');
    expect(link(post({ permalink: '/' }), { siteUrl: 'https://example.org/blog' })).toBe('https://example.org/blog/');
  });

  it.each([
    ['javascript:alert(1)', 'must be http or https, not javascript:'],
    ['ftp://example.org', 'must be http or https, not ftp:'],
    ['data:text/html,x', 'must be http or https, not data:'],
    ['example.org', 'is not an absolute URL (write it as https://example.org or https://example.org/blog)'],
    ['/blog', 'is not an absolute URL (write it as https://example.org or https://example.org/blog)'],
    ['https://user:pw@example.org', 'must be the site address only, with no user, query or fragment'],
    ['https://example.org/?a=1', 'must be the site address only, with no user, query or fragment'],
    ['https://example.org/#top', 'must be the site address only, with no user, query or fragment'],
  ])('rejects the site url %s', (siteUrl, reason) => {
    const e = optionsError({ siteUrl });
    expect(e.message).toBe(`siteUrl ${JSON.stringify(siteUrl)}: ${reason}`);
    expect(e.option).toBe('siteUrl');
    expect(e.value).toBe(siteUrl);
  });
});

describe('postLinker: bad options fail before any post', () => {
  it('names an unknown placeholder', () => {
    const e = optionsError({ permalink: '/:year/:titel/' });
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('LinkOptionsError');
    expect(e.option).toBe('permalink');
    expect(e.message).toMatch(/^permalink "\/:year\/:titel\/": unknown placeholder :titel; Jekyll knows :collection, :name, :title, /);
  });

  it('wants a leading slash or a style name', () => {
    for (const permalink of ['year/:title', ':title', 'Pretty', '']) {
      expect(optionsError({ permalink }).message).toBe(
        `permalink ${JSON.stringify(permalink)}: must start with / or be one of the styles none, date, ordinal, pretty, weekdate`,
      );
    }
  });

  it('names a time zone the runtime does not know', () => {
    expect(optionsError({ timeZone: 'Beijing' }).message).toBe(
      'timeZone "Beijing": is not a time zone name this runtime knows (an IANA name such as Asia/Shanghai or UTC)',
    );
  });

  it('gives no link where there is no post', () => {
    expect(postLinker()(null)).toBeNull();
  });
});

describe('the links are never anything but a path or the site’s http(s) address', () => {
  it('starts every link with one slash, whatever the post holds', () => {
    const hostile = ['javascript:alert(1)', '<script>x</script>', '"><img src=x onerror=alert(1)>', '//evil.example', '\\\\evil', '..\\..', ' ', ''];
    const seen: string[] = [];
    for (const h of hostile) {
      for (const p of [post({ permalink: h }), post({ slug: h }), post({ categories: [h] }), post({ path: `_posts/2021-12-08-${h.replace(/\//g, '')}.md` })]) {
        const l = link(p);
        if (l === null) continue;
        seen.push(l);
        expect(l, JSON.stringify(p)).toMatch(/^\/(?!\/)[^\s\\<>"\u0000-\u001f\u007f-\uffff]*$/);
      }
    }
    expect(seen.length).toBeGreaterThan(20);
  });
});

describe('slugify and escapePath', () => {
  it('slugify in default and pretty modes, as Utils.slugify', () => {
    expect(slugify('The _config.yml file', 'default')).toBe('the-config-yml-file');
    expect(slugify('The _config.yml file', 'pretty')).toBe('the-_config.yml-file');
    expect(slugify('The _config.yml file', 'pretty', true)).toBe('The-_config.yml-file');
    expect(slugify('--中文，标题--', 'default')).toBe('中文-标题');
    expect(slugify('', 'default')).toBe('');
  });

  it('escapePath leaves plain paths alone and encodes the rest by URI part', () => {
    expect(escapePath('a/b-c.d')).toBe('a/b-c.d');
    expect(escapePath('/a b')).toBe('/a%20b');
    expect(escapePath('a?b c#d#e')).toBe('a?b%20c%23d%23e');
    expect(escapePath('中')).toBe('%E4%B8%AD');
    expect(escapePath('a:b')).toBe('a:b');
    expect(escapePath('//høst:80/a b')).toBe('//h%C3%B8st:80/a%20b');
  });
});
