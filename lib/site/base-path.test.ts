import { describe, expect, it } from 'vitest';
import { exportBasePath, isBasePath } from './base-path';

describe('isBasePath', () => {
  it("takes '' and /-separated segments of safe characters, with no trailing slash", () => {
    for (const ok of ['', '/search', '/news/search', '/a.b_c~d-e', '/2024']) expect(isBasePath(ok), ok).toBe(true);
    for (const bad of ['/', 'search', '/search/', '//search', '/a b', '/搜索', '/a/../b', '/..', '/.', '/a?b', '/a#b', '/a%20b', "/a'b", '/a"b'])
      expect(isBasePath(bad), bad).toBe(false);
  });
});

describe('exportBasePath', () => {
  it("reads the path a page was built for from where it loads Next's scripts", () => {
    expect(exportBasePath('<head><script src="/_next/static/chunks/a.js" async=""></script>')).toBe('');
    expect(exportBasePath('<head><link href="/x.css"/><script src="/search/_next/static/chunks/a.js"></script>')).toBe('/search');
    expect(exportBasePath('<p>no scripts</p>')).toBeNull();
  });
});
