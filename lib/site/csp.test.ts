import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, scriptHash, SiteExportError, withContentSecurityPolicy } from './csp';

/** A page shaped like Next's export: charset first, external scripts in the head, inline ones in the body. */
const PAGE =
  '<!DOCTYPE html><html lang="zh-CN"><head><meta charSet="utf-8"/><link rel="stylesheet" href="/_next/static/chunks/a.css"/>' +
  '<script src="/_next/static/chunks/a.js" async=""></script><title>银行</title></head>' +
  '<body><p style="color:red">文</p><script id="_R_">(self.TURBOPACK=self.TURBOPACK||[]).push("银行")</script>' +
  '<script>self.__next_f.push([1,"a\\u003cb</scr"])</script><script src="/_next/static/chunks/b.js"></script></body></html>';

const INLINE = ['(self.TURBOPACK=self.TURBOPACK||[]).push("银行")', 'self.__next_f.push([1,"a\\u003cb</scr"])'];

function policyOf(html: string): string[] {
  return [...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"\/>/g)].map((m) => m[1]!);
}

/** A policy's sources by directive. */
function directivesOf(policy: string): Map<string | undefined, string[]> {
  return new Map(policy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
}

describe('scriptHash', () => {
  it("is the CSP source of the script text's SHA-256 over its UTF-8 bytes", () => {
    // Known answer: `printf 'alert(1)' | openssl dgst -sha256 -binary | base64`.
    expect(scriptHash('alert(1)')).toBe("'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='");
    expect(scriptHash('银行')).toBe(`'sha256-${createHash('sha256').update(Buffer.from('银行', 'utf8')).digest('base64')}'`);
  });
});

describe('contentSecurityPolicy', () => {
  it('allows this origin and the given inline scripts, each once, and nothing that evaluates strings', () => {
    const policy = contentSecurityPolicy({ inlineScripts: ['a', 'b', 'a'], inlineStyles: false });
    const directives = directivesOf(policy);
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'", scriptHash('a'), scriptHash('b')]);
    expect(directives.get('style-src')).toEqual(["'self'"]);
    expect(directives.get('worker-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('img-src')).toEqual(["'self'", 'data:']);
    expect(policy).not.toMatch(/unsafe|\*|https?:/);
  });

  it('allows inline styles only for a page that has some', () => {
    expect(directivesOf(contentSecurityPolicy({ inlineScripts: [], inlineStyles: true })).get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
  });
});

describe('withContentSecurityPolicy', () => {
  it('hashes every inline script exactly as written, and no script with a src', () => {
    const [policy] = policyOf(withContentSecurityPolicy(PAGE, 'index.html'));
    expect(policy).toBe(contentSecurityPolicy({ inlineScripts: INLINE, inlineStyles: true }));
  });

  it('hashes a script as the browser reads it: CR LF and a lone CR as LF, NUL as U+FFFD', () => {
    // Chromium runs `<script>\r\nx()\r\n</script>` only under the hash of `\nx()\n`, and blocks it under the raw text's.
    const page = '<html><head></head><body><script>\r\na()\rb("\u0000")\r\n</script></body></html>';
    const [policy] = policyOf(withContentSecurityPolicy(page, 'p.html'));
    expect(policy).toBe(contentSecurityPolicy({ inlineScripts: ['\na()\nb("\uFFFD")\n'], inlineStyles: false }));
  });

  it('allows inline styles when a style attribute or a <style> element is there, and not otherwise', () => {
    const styleOf = (html: string) => directivesOf(policyOf(withContentSecurityPolicy(html, 'p.html'))[0]!).get('style-src');
    expect(styleOf('<html><head></head><body><p>文</p></body></html>')).toEqual(["'self'"]);
    expect(styleOf('<html><head></head><body><p style="color:red">文</p></body></html>')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(styleOf('<html><head><style>p{}</style></head><body></body></html>')).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it('puts the policy right after the charset, before any script or stylesheet', () => {
    const html = withContentSecurityPolicy(PAGE, 'index.html');
    expect(html.startsWith('<!DOCTYPE html><html lang="zh-CN"><head><meta charSet="utf-8"/><meta http-equiv="Content-Security-Policy" content="')).toBe(true);
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
    // Everything else is unchanged.
    expect(html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '')).toBe(PAGE);
  });

  it('puts it first in a head that does not open with a charset', () => {
    const page = '<html><head><script>a()</script></head><body></body></html>';
    expect(withContentSecurityPolicy(page, 'p.html')).toBe(
      `<html><head><meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy({ inlineScripts: ['a()'], inlineStyles: false })}"/><script>a()</script></head><body></body></html>`,
    );
  });

  it('gives the same page on a second run, and replaces a stale policy', () => {
    const once = withContentSecurityPolicy(PAGE, 'index.html');
    expect(withContentSecurityPolicy(once, 'index.html')).toBe(once);
    const stale = PAGE.replace('<meta charSet="utf-8"/>', `<meta charSet="utf-8"/><meta http-equiv="content-security-policy" content="default-src *"/>`);
    expect(withContentSecurityPolicy(stale, 'index.html')).toBe(once);
  });

  it('names the page that has no head', () => {
    expect(() => withContentSecurityPolicy('<p>no head</p>', 'out/x.html')).toThrow(
      new SiteExportError('out/x.html', 'no <head> to put the Content-Security-Policy in'),
    );
  });
});
