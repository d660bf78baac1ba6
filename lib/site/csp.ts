import { createHash } from 'node:crypto';
import { Parser } from 'htmlparser2';

/** A page of the export could not be given its policy; the message names the page and the reason. */
export class SiteExportError extends Error {
  constructor(
    readonly page: string,
    reason: string,
  ) {
    super(`${page}: ${reason}`);
    this.name = 'SiteExportError';
  }
}

/** Everything not named below (CSS files, fonts, the RSC payloads of client-side navigation): this origin only. */
const DEFAULT_SRC = "default-src 'self'";

/** The policy's directives besides `default-src` and the page's own `script-src` and `style-src`, and why each is there. */
const OTHER_DIRECTIVES = [
  // The favicon is a data: URL (app/layout.tsx); 'self' serves public/favicon.ico when Chromium asks for it anyway.
  "img-src 'self' data:",
  // The search worker downloads the manifest and index files from this origin.
  "connect-src 'self'",
  // Turbopack starts the search worker from a file of its own (`_next/static/chunks/turbopack-worker-….js`), never a blob: URL.
  "worker-src 'self'",
  // No plugins, and neither an injected <base> nor a form may send the reader's URLs elsewhere.
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
];

/** `'sha256-…'`: the CSP source that allows an inline script whose text is `text`. */
export function scriptHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** What of a page its policy must allow beyond this origin's files. */
export interface InlineContent {
  /** The text of every inline `<script>`, exactly as written. */
  inlineScripts: readonly string[];
  /** True when the page's HTML has a `style` attribute or a `<style>` element. */
  inlineStyles: boolean;
}

/**
 * The Content-Security-Policy of a page: scripts from this origin and the page's own inline scripts only
 * (by hash: no 'unsafe-inline', no 'unsafe-eval'), styles from this origin, and inline styles only when
 * the page's HTML has some.
 */
export function contentSecurityPolicy({ inlineScripts, inlineStyles }: InlineContent): string {
  const hashes = [...new Set(inlineScripts.map(scriptHash))];
  // 'self' covers Next's script files and the chunks its runtime adds later; the hashes, its inline bootstrap and RSC payload.
  const scriptSrc = ["script-src 'self'", ...hashes].join(' ');
  // React renders a `style` prop into the prerendered HTML as a style attribute, which a meta policy can
  // allow only with 'unsafe-inline' (a style runs no script). Our pages have none today: the styles React
  // and Next set in the browser go through the CSSOM (element.style), which no policy restricts.
  const styleSrc = inlineStyles ? "style-src 'self' 'unsafe-inline'" : "style-src 'self'";
  return [DEFAULT_SRC, scriptSrc, styleSrc, ...OTHER_DIRECTIVES].join('; ');
}

/** Where things are in a page, as offsets into its text. */
interface PageLayout extends InlineContent {
  /** Just after `<head …>`, or after a `<meta charset>` that opens the head (it must stay in the first 1,024 bytes). */
  insertAt: number | null;
  /** The text of every `<script>` without `src`. */
  inlineScripts: string[];
  /** `[start, end)` of each Content-Security-Policy meta tag already there. */
  policies: [number, number][];
}

function layoutOf(html: string): PageLayout {
  const layout: PageLayout = { insertAt: null, inlineScripts: [], inlineStyles: false, policies: [] };
  let inHead = false;
  let headChildren = 0;
  let scriptStart: number | null = null;
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (inHead) headChildren += 1;
        if (name === 'head' && layout.insertAt === null) {
          inHead = true;
          layout.insertAt = parser.endIndex + 1;
        } else if (name === 'meta' && inHead && headChildren === 1 && 'charset' in attribs) {
          layout.insertAt = parser.endIndex + 1;
        }
        if (name === 'meta' && attribs['http-equiv']?.toLowerCase() === 'content-security-policy') {
          layout.policies.push([parser.startIndex, parser.endIndex + 1]);
        }
        if (name === 'script') scriptStart = attribs.src === undefined ? parser.endIndex + 1 : null;
        if (name === 'style' || 'style' in attribs) layout.inlineStyles = true;
      },
      onclosetag(name) {
        if (name === 'head') inHead = false;
        if (name === 'script' && scriptStart !== null) {
          // A script's text is raw, except that the browser reads CR LF and a lone CR as LF (HTML's input
          // stream preprocessing) and NUL as U+FFFD (script data state) before it hashes the text.
          layout.inlineScripts.push(html.slice(scriptStart, parser.startIndex).replace(/\r\n?/g, '\n').replace(/\0/g, '\uFFFD'));
          scriptStart = null;
        }
      },
    },
    // htmlparser2 lower-cases attribute names, so Next's `charSet` reads as `charset`.
    { lowerCaseAttributeNames: true },
  );
  parser.end(html);
  return layout;
}

/**
 * `html` with a `<meta http-equiv="Content-Security-Policy">` that allows exactly its inline scripts
 * (by hash), its inline styles if it has any, and this origin's files, placed before any script so it
 * governs them all. A policy already
 * there is replaced, so running this again gives the same page. `page` names the page for errors.
 * @throws {SiteExportError} when the page has no `<head>`.
 */
export function withContentSecurityPolicy(html: string, page: string): string {
  let stripped = html;
  for (const [start, end] of layoutOf(html).policies.reverse()) stripped = stripped.slice(0, start) + stripped.slice(end);
  const layout = layoutOf(stripped);
  if (layout.insertAt === null) throw new SiteExportError(page, 'no <head> to put the Content-Security-Policy in');
  const meta = `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(layout)}"/>`;
  return stripped.slice(0, layout.insertAt) + meta + stripped.slice(layout.insertAt);
}
