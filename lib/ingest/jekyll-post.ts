import { rawScalar, type FrontMatter } from './parse';
import type { JekyllPost } from './types';

/**
 * Reads a file as Jekyll 4.3 reads a post, keeping what its permalink needs (`permalink.ts` makes the
 * link). The rules follow Jekyll's source (lib/jekyll/readers/post_reader.rb, document.rb, entry_filter.rb)
 * and Debian's jekyll 4.3.1 as it builds, Psych reading the front matter.
 */

/** Jekyll's `Document::DATE_FILENAME_MATCHER`, on the file name: `2022-03-09-<title>.<ext>`. */
const POST_NAME = /^(\d{2,4})-(\d{1,2})-(\d{1,2})-([^/]*)(\.[^.]+)$/;

/** `EntryFilter#special?` and `#backup?`: names Jekyll never reads. */
function skippedName(name: string): boolean {
  return /^[._#~]/.test(name) || name.endsWith('~');
}

/**
 * The path Jekyll calls the post's `relative_path` (`_posts/2022-03-09-title.md`, `es/_posts/a/2022-…`), or
 * null when Jekyll would not read the file as a post: its name is not `YYYY-MM-DD-title.ext`, or a folder
 * Jekyll skips holds it. `relPath` is the path below the source root: when it names no `_posts` folder,
 * the root is taken to be one (the usual `--src site/_posts`, or a folder of posts).
 */
export function jekyllPath(relPath: string): string | null {
  const parts = relPath.split('/');
  const at = parts.indexOf('_posts');
  const above = at < 0 ? [] : parts.slice(0, at);
  const below = at < 0 ? parts : parts.slice(at + 1);
  const name = below.at(-1) ?? '';
  // Jekyll walks only folders not named like `_x` or `.x` to find `_posts`; inside it, `**/*` entries are
  // filtered on their first segment and their base name only.
  if (above.some(skippedName) || skippedName(below[0] ?? '') || skippedName(name) || !POST_NAME.test(name)) return null;
  return [...above, '_posts', ...below].join('/');
}

/** Psych's YAML 1.1 timestamp, which it reads as an instant (UTC when no offset is written). */
const YAML_TIME = /^-?(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt]|\s+)(\d{1,2}):(\d\d):(\d\d)(?:\.\d*)?(?:\s*(Z|[-+]\d{1,2}:?(?:\d\d)?))?$/;
/** Psych's date, a `Date`: Jekyll makes it midnight of that day in the site's time zone. */
const YAML_DATE = /^(\d{4})-(1[012]|0\d|\d)-([12]\d|3[01]|0\d|\d)$/;
/** The part of Ruby's `Time.parse` that posts use; a time without a zone is the site's local time. */
const RUBY_TIME = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:(?:[Tt]|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(?:\s*(Z|UTC|GMT|[-+]\d{2}:?\d{2}))?$/i;

const pad = (n: number | string, width = 2): string => String(n).padStart(width, '0');

/** `+8`, `-0530`, `+08:00`, `Z` → `+08:00`, `-05:30`, `Z`; null when it is no offset. */
function offsetOf(written: string): string | null {
  if (/^(?:z|utc|gmt)$/i.test(written)) return 'Z';
  const m = /^([-+])(\d{1,2}):?(\d{2})?$/.exec(written);
  if (!m || Number(m[2]) > 23 || Number(m[3] ?? 0) > 59) return null;
  return `${m[1]}${pad(m[2]!)}:${pad(m[3] ?? 0)}`;
}

/**
 * `YYYY-MM-DDTHH:MM:SS` plus `zone` when the fields make a real date and time (Jekyll fails the build on
 * dates Ruby rejects, and rolls some over; such a post gets no link rather than a guessed one).
 */
function isoOf(y: number, mo: number, d: number, h: number, mi: number, s: number, zone: string): string | null {
  if (mo < 1 || mo > 12 || d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate() || h > 23 || mi > 59 || s > 59) return null;
  return `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${zone}`;
}

/** A date string as Ruby's `Time.parse` reads it, for the forms posts use; null for any other. */
function rubyTime(text: string): string | null {
  const m = RUBY_TIME.exec(text);
  if (!m) return null;
  const zone = m[7] === undefined ? '' : offsetOf(m[7]);
  if (zone === null) return null;
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [number, number, number, number, number, number];
  return isoOf(y, mo, d, h, mi, s, zone);
}

/**
 * The front matter's `date` as Jekyll reads it, or undefined when there is none (the file name's date
 * then counts), or null when Jekyll cannot read it (the build fails). Psych types plain scalars: a
 * timestamp is an instant, in UTC when it names no offset (so `2021-12-08 20:00:00` is 04:00 the next
 * morning in Beijing); a date is midnight in the site's zone; anything else, quoted or not, is a string
 * Jekyll hands to `Time.parse`, which reads a time without a zone as the site's local time.
 */
function frontMatterDate(fm: FrontMatter): string | null | undefined {
  const line = /^date[ \t]*:(.*)$/m.exec(fm.raw);
  if (!line) return fm.data.date === undefined ? undefined : null;
  const written = (line[1] ?? '').trim();
  const quoted = written.startsWith('"') || written.startsWith("'");
  const value = rawScalar(fm.raw, 'date');
  // `date:` with nothing is nil, which Jekyll still parses, and fails on; a block or flow value is no date.
  if (value === null || value === undefined || /^[|>[{&*!]/.test(written)) return null;
  if (!quoted) {
    const t = YAML_TIME.exec(value);
    if (t) {
      const zone = t[7] === undefined ? 'Z' : offsetOf(t[7]);
      const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(t[i])) as [number, number, number, number, number, number];
      return zone === null ? null : isoOf(y, mo, d, h, mi, s, zone);
    }
    const d = YAML_DATE.exec(value);
    if (d) return isoOf(Number(d[1]), Number(d[2]), Number(d[3]), 0, 0, 0, '');
  }
  return rubyTime(value);
}

/** The date in a post's file name, midnight in the site's zone (`Time.parse`, which reads `21-1-8` as 2021). */
function fileNameDate(name: string): string | null {
  const m = POST_NAME.exec(name);
  if (!m) return null;
  const written = m[1]!;
  if (written.length === 3) return null;
  const year = written.length === 2 ? Number(written) + (Number(written) >= 69 ? 1900 : 2000) : Number(written);
  return isoOf(year, Number(m[2]), Number(m[3]), 0, 0, 0, '');
}

/** A plain scalar Psych reads as a Symbol (`permalink: :title`), which Jekyll's safe YAML loading refuses. */
const SYMBOL_VALUE = /^[ \t]*(?:-[ \t]+)*(?:[^\s#'"-][^:]*?:[ \t]+)?(?:-[ \t]+)*:[^\s:]/m;

/** Psych's false: `false`, `no`, `off` in any case, unquoted. */
function isFalse(fm: FrontMatter, key: string): boolean {
  const line = new RegExp(`^${key}[ \\t]*:[ \\t]*([^\\s#'"]+)[ \\t]*(?:#.*)?$`, 'm').exec(fm.raw);
  return line !== null && /^(?:false|no|off)$/i.test(line[1] ?? '');
}

/** A front-matter value as Psych's `to_s` writes it, for the scalars categories are made of. */
function scalarText(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}

/**
 * The post's categories as Jekyll collects them (`Document#categories_from_path`, `#merge_categories!`,
 * `#populate_categories`): the folders above `_posts`, then front matter `categories` (a string is split
 * on whitespace), then `category` as one value, or when there is none `categories` again; unique, as
 * written. Null when a value is one Jekyll cannot merge (its read then fails).
 */
function jekyllCategories(path: string, fm: FrontMatter | null): string[] | null {
  const fromPath = path
    .slice(0, path.indexOf('_posts'))
    .split('/')
    .filter((c) => c !== '');
  const list = (v: unknown): string[] | null => {
    if (v === undefined || v === null) return [];
    if (typeof v === 'string') return v.split(/\s+/).filter((c) => c !== '');
    if (!Array.isArray(v)) return null;
    const flat = v.flat(Infinity).filter((c) => c !== null && c !== undefined);
    const texts = flat.map(scalarText);
    return texts.every((t) => t !== null) ? (texts as string[]) : null;
  };
  const plural = list(fm?.data.categories);
  if (plural === null) return null;
  const categories = [...new Set([...fromPath, ...plural])];
  const single = fm?.data.category;
  const singular = single === undefined || single === null ? categories : Array.isArray(single) ? list(single) : scalarText(single);
  if (singular === null) return null;
  return [...new Set([...categories, ...(Array.isArray(singular) ? singular : [singular])])];
}

/**
 * What Jekyll 4.3 knows of the file for its permalink, or null when Jekyll would not publish it as a
 * post: not a post's name or place ({@link jekyllPath}), not UTF-8 (Jekyll skips invalid text),
 * `published: false`, or a front matter or date Jekyll fails on. `text` is the decoded file, `fm` its
 * front matter as the ingest found it. Jekyll sees front matter only when the file starts with `---`;
 * a file without any is still published, dated by its name.
 */
export function jekyllPost(relPath: string, text: string, fm: FrontMatter | null, encoding: string): JekyllPost | null {
  const path = jekyllPath(relPath);
  if (path === null || encoding !== 'utf-8') return null;
  const front = fm && /^---\s*\n/.test(text) ? fm : null;
  if (front && (SYMBOL_VALUE.test(front.raw) || isFalse(front, 'published'))) return null;
  const written = front ? frontMatterDate(front) : undefined;
  const date = written === undefined ? fileNameDate(path.split('/').at(-1)!) : written;
  if (date === null) return null;
  const slug = front?.data.slug;
  const permalink = front?.data.permalink;
  // Jekyll slugifies `slug` and sends `permalink` through the URL template as strings; other types fail the build.
  if ((slug !== undefined && slug !== null && typeof slug !== 'string') || (permalink !== undefined && permalink !== null && typeof permalink !== 'string')) {
    return null;
  }
  const categories = jekyllCategories(path, front);
  if (categories === null) return null;
  return { path, date, slug: slug ?? null, permalink: permalink ?? null, categories };
}
