import type { JekyllPost } from './types';

/**
 * A post's URL as Jekyll 4.3 computes it: `Jekyll::URL` (url.rb) fills the template from the post's
 * `Drops::UrlDrop` (drops/url_drop.rb), each value escaped by `URL.escape_path` (Addressable's encode),
 * then `sanitize_url` collapses `..` and repeated slashes. The post's facts come from `jekyll-post.ts`.
 */

/** Options of {@link postLinker}: the settings of the Jekyll site the links lead into. */
export interface LinkOptions {
  /**
   * The site's `permalink` setting: a built-in style (`date`, `pretty`, `ordinal`, `weekdate`, `none`) or a
   * template starting with `/`, such as `/:categories/:year/:month/:day/:title:output_ext`.
   */
  permalink: string;
  /**
   * The site's address, http or https (its `url`, plus its `baseurl` if any), put before every link; null
   * for links that are paths on the search site's own host (`/2022/03/09/title.html`).
   */
  siteUrl: string | null;
  /** The site's `timezone` setting, an IANA name: Jekyll writes the date placeholders in that zone. */
  timeZone: string;
}

/** Jekyll's default style, site-relative links, and Beijing time (`timezone: Asia/Shanghai` in `_config.yml`). @public */
export const DEFAULT_LINK_OPTIONS: LinkOptions = Object.freeze({ permalink: 'date', siteUrl: null, timeZone: 'Asia/Shanghai' });

/** One of {@link LinkOptions} cannot make links; the message names the option, the value and why. */
export class LinkOptionsError extends Error {
  constructor(
    /** The option at fault. */
    readonly option: keyof LinkOptions,
    /** Its value as given. */
    readonly value: string,
    /** Why it cannot be used, for a person. */
    readonly reason: string,
  ) {
    super(`${option} ${JSON.stringify(value)}: ${reason}`);
    this.name = 'LinkOptionsError';
  }
}

/** Jekyll's built-in styles (`STYLE_TO_PERMALINK` in configuration.rb). */
const STYLES: Record<string, string> = {
  none: '/:categories/:title:output_ext',
  date: '/:categories/:year/:month/:day/:title:output_ext',
  ordinal: '/:categories/:year/:y_day/:title:output_ext',
  pretty: '/:categories/:year/:month/:day/:title/',
  weekdate: '/:categories/:year/W:week/:short_day/:title:output_ext',
};

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** The post's date in the site's zone, as `strftime` sees it. */
interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** What a placeholder is filled from: the post, its date in the site's zone, and the name parts. */
interface Facts {
  post: JekyllPost;
  wall: Wall;
  /** The file name's title part (trailing dots dropped, as `populate_title` does) and extension. */
  fileTitle: string;
  ext: string;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Days since 1970-01-01 of a calendar day; weekday and ISO week arithmetic below. */
const dayNumber = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / 86_400_000;
/** `%u`: 1 (Monday) to 7 (Sunday). */
const isoWeekday = (w: Wall): number => ((((dayNumber(w.year, w.month, w.day) + 3) % 7) + 7) % 7) + 1;
/** `%j`: the day of the year, 1 to 366. */
const yearDay = (w: Wall): number => dayNumber(w.year, w.month, w.day) - dayNumber(w.year, 1, 1) + 1;

/** `%G` and `%V`: the ISO 8601 week-based year and week (the week holding the year's first Thursday is 1). */
function isoWeek(w: Wall): { year: number; week: number } {
  const thursday = dayNumber(w.year, w.month, w.day) - isoWeekday(w) + 4;
  const year = new Date(thursday * 86_400_000).getUTCFullYear();
  return { year, week: Math.floor((thursday - dayNumber(year, 1, 1)) / 7) + 1 };
}

/** Jekyll's `Utils.slugify` in its `default` and `pretty` modes: runs of other characters become one `-`. */
const SLUG_DEFAULT = /[^\p{M}\p{L}\p{Nd}]+/gu;
const SLUG_PRETTY = /[^\p{M}\p{L}\p{Nd}._~!$&'()+,;=@]+/gu;

/** `Utils.slugify(text, mode:, cased:)`: hyphens for runs outside the mode's set, none at either end, lower case unless `cased`. */
export function slugify(text: string, mode: 'default' | 'pretty', cased = false): string {
  const slug = text.replace(mode === 'pretty' ? SLUG_PRETTY : SLUG_DEFAULT, '-').replace(/^-|-$/g, '');
  return cased ? slug : slug.toLowerCase();
}

/** The placeholders of `Drops::UrlDrop` for posts, by name. */
const PLACEHOLDERS: Record<string, (f: Facts) => string> = {
  collection: () => 'posts',
  name: (f) => slugify(basename(f.post.path).slice(0, -f.ext.length), 'default'),
  // data["slug"] is the front matter's slug, else the file name's title part (Document#populate_title).
  title: (f) => slugify(f.post.slug ?? f.fileTitle, 'pretty', true),
  slug: (f) => slugify(f.post.slug ?? f.fileTitle, 'default'),
  // Lower case, unique, joined: not slugified, so a space stays a space (escaped below as %20).
  categories: (f) => [...new Set(f.post.categories.map((c) => c.toLowerCase()))].join('/'),
  slugified_categories: (f) => [...new Set(f.post.categories.map((c) => slugify(c, 'default')))].join('/'),
  year: (f) => pad(f.wall.year, 4),
  month: (f) => pad(f.wall.month),
  day: (f) => pad(f.wall.day),
  hour: (f) => pad(f.wall.hour),
  minute: (f) => pad(f.wall.minute),
  second: (f) => pad(f.wall.second),
  i_day: (f) => String(f.wall.day),
  i_month: (f) => String(f.wall.month),
  short_month: (f) => MONTHS[f.wall.month - 1]!.slice(0, 3),
  long_month: (f) => MONTHS[f.wall.month - 1]!,
  short_year: (f) => pad(f.wall.year % 100),
  w_year: (f) => String(isoWeek(f.wall).year),
  week: (f) => pad(isoWeek(f.wall).week),
  w_day: (f) => String(isoWeekday(f.wall)),
  short_day: (f) => WEEKDAYS[isoWeekday(f.wall) - 1]!.slice(0, 3),
  long_day: (f) => WEEKDAYS[isoWeekday(f.wall) - 1]!,
  y_day: (f) => pad(yearDay(f.wall), 3),
  // Document#cleaned_relative_path: the path without its extension, the first `_posts` and trailing dots.
  path: (f) => f.post.path.slice(0, -f.ext.length).replace('_posts', '').replace(/\.*$/, ''),
  output_ext: (f) => outputExt(f),
};

/** Placeholder names as `generate_url_from_drop` finds them: lower-case letters and underscores. */
const PLACEHOLDER = /:([a-z_]+)/g;

/** `possible_keys`: `:month_` may be `:month` followed by `_`. */
function placeholderOf(name: string): string | undefined {
  return [name, ...(name.endsWith('_') ? [name.slice(0, -1)] : [])].find((key) => Object.hasOwn(PLACEHOLDERS, key));
}

function basename(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

/** Ruby's `File.extname`: `.xml` of `/feed.xml`, `` of `/a/` or `/.hidden`. */
function extname(p: string): string {
  const name = basename(p).replace(/^\.+/, '');
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot);
}

/** Jekyll's default `markdown_ext`: these become `.html`; any other extension is kept (the identity converter). */
const MARKDOWN_EXTS = new Set(['.markdown', '.mkdown', '.mkdn', '.mkd', '.md']);

/** `Renderer#output_ext`: a front-matter permalink's own extension, else what the converter writes. */
function outputExt(f: Facts): string {
  const own = f.post.permalink !== null && !f.post.permalink.endsWith('/') ? extname(f.post.permalink) : '';
  if (own !== '') return own;
  return MARKDOWN_EXTS.has(f.ext.toLowerCase()) ? '.html' : f.ext;
}

// ---------------------------------------------------------------------------------------------
// Escaping: `URL.escape_path`, which is Addressable::URI.encode of the value.

const UNRESERVED = 'A-Za-z0-9\\-._~';
const SUB_DELIMS = "!$&'()*+,;=";
const PCHAR = `${UNRESERVED}${SUB_DELIMS}:@`;
/** Addressable's character classes of each part of a URI: a character outside is percent-encoded. */
const NOT_IN = {
  authority: new RegExp(`[^${PCHAR}[\\]]`, 'gu'),
  path: new RegExp(`[^${PCHAR}/]`, 'gu'),
  query: new RegExp(`[^${PCHAR}/?]`, 'gu'),
  scheme: /[^A-Za-z0-9\-+.]/gu,
};
/** RFC 3986's example expression, which Addressable parses with. */
const URI_PARTS = /^(?:([^:/?#]+):)?(\/\/[^/?#]*)?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/su;

const utf8 = new TextEncoder();
function percentEncode(text: string, notAllowed: RegExp): string {
  return text.replace(notAllowed, (c) => Array.from(utf8.encode(c), (b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''));
}

/** Values Jekyll cannot escape (Addressable raises, the build fails); such a post gets no link. */
class Unescapable extends Error {}

/**
 * `URL.escape_path(value)`: unchanged when only letters, digits, `.`, `/` and `-`; else Addressable parses
 * it as a URI and encodes each part by its own class (so `?` and `:` survive where a URI allows them),
 * and the first `#` becomes `%23`. Non-ASCII characters are encoded as UTF-8 bytes, `%E4%B8%AD`.
 */
export function escapePath(value: string): string {
  if (value === '' || /^[a-zA-Z0-9./-]+$/.test(value)) return value;
  const m = URI_PARTS.exec(value);
  if (!m) throw new Unescapable(value);
  const [, scheme, authority, path = '', query, fragment] = m;
  // Addressable raises on a scheme that is not one once encoded (`中文:x`), and on an authority whose port
  // is not a number; it rewrites odder authorities (IPv6 brackets, an empty port), which get no link here.
  if (scheme !== undefined && !/^[a-z][a-z0-9.+-]*$/i.test(percentEncode(scheme, NOT_IN.scheme))) throw new Unescapable(value);
  if (authority !== undefined && !/^\/\/(?:[^[\]]*@)?[^:@[\]]*(?::\d+)?$/.test(authority)) throw new Unescapable(value);
  const encoded =
    (scheme === undefined ? '' : `${scheme}:`) +
    (authority === undefined ? '' : `//${percentEncode(authority.slice(2), NOT_IN.authority)}`) +
    percentEncode(path, NOT_IN.path) +
    (query === undefined ? '' : `?${percentEncode(query, NOT_IN.query)}`) +
    (fragment === undefined ? '' : `#${percentEncode(fragment, NOT_IN.query)}`);
  return encoded.replace('#', '%23');
}

/** `URL#sanitize_url`: one leading slash, `..` turned into `/`, `./` dropped, runs of `/` squeezed. */
function sanitizeUrl(url: string): string {
  return `/${url}`.replaceAll('..', '/').replaceAll('./', '').replace(/\/+/g, '/');
}

/**
 * What a link never carries raw, though a template's own text may hold it (Jekyll copies that text as it
 * is): spaces, controls and anything not ASCII, and the characters a URL path escapes or HTML quotes
 * (`"`, `<`, `>`, backslash, `^`, backtick, `{`, `}`). Escaped, they name the same file, as a browser escapes them
 * itself when it follows a link.
 */
const RAW_UNSAFE = /[^\u0021-\u007e]|["<>\\^`{}]/gu;

// ---------------------------------------------------------------------------------------------

/** Checks a template's placeholders; returns the unknown one, or null. */
function unknownPlaceholder(template: string): string | null {
  for (const m of template.matchAll(PLACEHOLDER)) if (placeholderOf(m[1]!) === undefined) return m[1]!;
  return null;
}

/** The URL of a post, as `Jekyll::URL#to_s` makes it from `template`; null when Jekyll would fail on it. */
function fill(template: string, facts: Facts): string | null {
  try {
    const url = template.replace(PLACEHOLDER, (match, name: string) => {
      const key = placeholderOf(name);
      if (key === undefined) throw new Unescapable(match);
      return match.replace(`:${key}`, escapePath(PLACEHOLDERS[key]!(facts)));
    });
    return sanitizeUrl(url).replace(RAW_UNSAFE, (c) => percentEncode(c, /./gsu));
  } catch (e) {
    if (e instanceof Unescapable) return null;
    throw e;
  }
}

/** The wall clock of `date` (a {@link JekyllPost.date}) in `zone`: wall times are already there, instants are converted. */
function wallIn(date: string, format: Intl.DateTimeFormat): Wall | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(Z|[-+]\d{2}:\d{2})?$/.exec(date);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i])) as [number, number, number, number, number, number];
  if (m[7] === undefined) return { year, month, day, hour, minute, second };
  const offset = m[7] === 'Z' ? 0 : (m[7].startsWith('-') ? -1 : 1) * (Number(m[7].slice(1, 3)) * 60 + Number(m[7].slice(4)));
  const instant = Date.UTC(year, month - 1, day, hour, minute, second) - offset * 60_000;
  const parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** The site address without a trailing slash, or throws naming why it cannot prefix links. */
function siteUrlPrefix(siteUrl: string): string {
  let url: URL;
  try {
    url = new URL(siteUrl);
  } catch {
    throw new LinkOptionsError('siteUrl', siteUrl, 'is not an absolute URL (write it as https://example.org or https://example.org/blog)');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new LinkOptionsError('siteUrl', siteUrl, `must be http or https, not ${url.protocol}`);
  if (url.username || url.password || url.search || url.hash || siteUrl.includes('?') || siteUrl.includes('#'))
    throw new LinkOptionsError('siteUrl', siteUrl, 'must be the site address only, with no user, query or fragment');
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * Checks `options` and returns the function from a post to its link: the path Jekyll gives the post
 * (`/emnews/2021/12/08/title.html`), after `siteUrl` when given. The link is null when there is no post
 * (Jekyll would not publish the file) or Jekyll would fail on this post's own permalink or values.
 * A front-matter `permalink` replaces the template, as in Jekyll (and may lack the leading `/`).
 *
 * @throws {LinkOptionsError} for a template with an unknown placeholder or without a leading `/`, a site
 *   address that is not http(s), or a time zone the runtime does not know.
 */
export function postLinker(options: Partial<LinkOptions> = {}): (post: JekyllPost | null) => string | null {
  const opts: LinkOptions = { ...DEFAULT_LINK_OPTIONS, ...options };
  const template = STYLES[opts.permalink] ?? opts.permalink;
  if (!template.startsWith('/'))
    throw new LinkOptionsError('permalink', opts.permalink, `must start with / or be one of the styles ${Object.keys(STYLES).join(', ')}`);
  const unknown = unknownPlaceholder(template);
  if (unknown !== null)
    throw new LinkOptionsError('permalink', opts.permalink, `unknown placeholder :${unknown}; Jekyll knows :${Object.keys(PLACEHOLDERS).join(', :')}`);
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: opts.timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    throw new LinkOptionsError('timeZone', opts.timeZone, 'is not a time zone name this runtime knows (an IANA name such as Asia/Shanghai or UTC)');
  }
  const prefix = opts.siteUrl === null ? '' : siteUrlPrefix(opts.siteUrl);

  return (post) => {
    if (post === null) return null;
    const name = /^\d{2,4}-\d{1,2}-\d{1,2}-([^/]*)(\.[^.]+)$/.exec(basename(post.path));
    const wall = wallIn(post.date, format);
    if (!name || !wall) return null;
    const facts: Facts = { post, wall, fileTitle: name[1]!.replace(/\.*$/, ''), ext: name[2]! };
    const path = fill(post.permalink ?? template, facts);
    return path === null ? null : `${prefix}${path}`;
  };
}
