/**
 * What a base path may be, in words, for error messages: the rule {@link isBasePath} checks.
 */
export const BASE_PATH_RULE = "'' (the root) or /-separated segments of letters, digits and . _ ~ -, starting with / and not ending with / (such as /search)";

/** One path segment: safe URL characters only, and never `.` or `..` (a segment starts with no dot). */
const SEGMENT = '[A-Za-z0-9_~-][A-Za-z0-9._~-]*';
const BASE_PATH = new RegExp(`^(/${SEGMENT})*$`);

/**
 * True when `text` can be the path a site is served under: '' for the root, or `/search`, `/news/search`.
 * Only characters that need no escaping in a URL, an HTML attribute or a shell, so the path can be
 * pasted into each unchanged; no trailing slash, since Next's `basePath` takes none.
 */
export function isBasePath(text: string): boolean {
  return BASE_PATH.test(text);
}

/**
 * The base path an exported page was built for, read from where it loads Next's scripts
 * (`<script src="/search/_next/static/…">` → `/search`), or null when it loads none.
 */
export function exportBasePath(html: string): string | null {
  const m = /<script\b[^>]*\ssrc="([^"]*?)\/_next\/static\//.exec(html);
  return m ? (m[1] ?? '') : null;
}
