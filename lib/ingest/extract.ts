import type { CleanParagraph } from './clean';
import { rawScalar, type FrontMatter } from './parse';

// ---------------------------------------------------------------------------------------------
// Dates

/** Offset assumed when a date is written without one: the corpus is Chinese news. */
const BEIJING_OFFSET_MINUTES = 8 * 60;

const ISO_LIKE =
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2}|[+-]\d{2}|(?:GMT|UTC)[+-]\d{1,2}(?::?\d{2})?)?$/i;
const CHINESE =
  /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号](?:\s*(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2})\s*秒?)?\s*分?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Parses a date as written in front matter or a page into ISO 8601 with offset, expressed in
 * Beijing time (`2022-03-09T15:56:47+08:00`). Dates written without an offset are Beijing time;
 * dates with another offset are converted, so that every date in the index sorts as a string.
 * Accepts `2022-03-09 15:56:47 +0800`, `2022-03-09T15:56:47Z`, `2022/3/5`, `2022年3月5日`,
 * `2022年3月5日 10:30`. Returns null for empty, offset-only (`+0800`) or impossible dates.
 */
export function parseDate(written: string | null | undefined): string | null {
  if (written === null || written === undefined) return null;
  const text = written
    .trim()
    .replace(/^["']|["']$/g, '')
    .trim();
  if (text === '') return null;
  const m = ISO_LIKE.exec(text) ?? CHINESE.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((v) => (v === undefined ? 0 : Number(v))) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const offset = m[7] === undefined ? BEIJING_OFFSET_MINUTES : offsetMinutes(m[7]);
  if (offset === null) return null;
  return formatBeijing(utcMillis(year, month - 1, day, hour, minute, second) - offset * 60_000);
}

/** Like `Date.UTC`, but the years 0 to 99 as written rather than as 1900 to 1999. */
function utcMillis(year: number, monthIndex: number, day: number, hour = 0, minute = 0, second = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, monthIndex, day);
  d.setUTCHours(hour, minute, second, 0);
  return d.getTime();
}

function daysInMonth(year: number, month: number): number {
  return new Date(utcMillis(year, month, 0)).getUTCDate();
}

function offsetMinutes(written: string): number | null {
  if (/^z$/i.test(written)) return 0;
  const m = /([+-])(\d{1,2}):?(\d{2})?$/.exec(written);
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  if (minutes > 14 * 60) return null;
  return m[1] === '-' ? -minutes : minutes;
}

/** Formats an instant as Beijing wall time with `+08:00`. */
function formatBeijing(utcMillis: number): string {
  const d = new Date(utcMillis + BEIJING_OFFSET_MINUTES * 60_000);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return (
    `${String(d.getUTCFullYear()).padStart(4, '0')}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+08:00`
  );
}

/** `2022-08-18-slug.md` → `2022-08-18T00:00:00+08:00` (Jekyll's post naming). */
export function dateFromFileName(relPath: string): string | null {
  const base = relPath.split('/').pop() ?? relPath;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[-_.]|$)/.exec(base);
  return m ? parseDate(`${m[1]}-${m[2]}-${m[3]}`) : null;
}

const DATE_KEYS = ['date', 'published', 'pubDate', 'publishDate', 'published_at', 'created'];

/**
 * The front-matter date. The raw text is parsed rather than js-yaml's value, because js-yaml
 * reads an unquoted `2021-12-08 10:46:18` (no offset) as UTC, whereas it means Beijing time.
 */
export function frontMatterDate(fm: FrontMatter): string | null {
  for (const key of DATE_KEYS) {
    const raw = rawScalar(fm.raw, key);
    if (raw !== undefined) {
      const parsed = parseDate(raw);
      if (parsed) return parsed;
      continue;
    }
    const value = fm.data[key];
    if (value instanceof Date && !Number.isNaN(value.getTime())) {
      // Not a one-line scalar we could read: undo js-yaml's UTC reading of the wall time.
      return formatBeijing(value.getTime() - BEIJING_OFFSET_MINUTES * 60_000);
    }
    if (typeof value === 'string') {
      const parsed = parseDate(value);
      if (parsed) return parsed;
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Strings from front matter

/** A front-matter value as text as written (numbers and dates from the raw YAML). */
export function frontMatterString(fm: FrontMatter, key: string): string | null {
  const value = fm.data[key];
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) {
    const raw = rawScalar(fm.raw, key);
    return raw ?? String(value);
  }
  return null;
}

/**
 * Tags or categories as written: a YAML list, or a string split on whitespace (Jekyll's
 * convention) and commas.
 */
export function frontMatterList(fm: FrontMatter, key: string): string[] {
  const value = fm.data[key];
  const items: string[] = [];
  const add = (v: unknown): void => {
    if (typeof v === 'string') {
      for (const part of v.split(/[\s,，]+/)) if (part !== '') items.push(part);
    } else if (typeof v === 'number' || typeof v === 'boolean') {
      items.push(String(v));
    } else if (v instanceof Date) {
      const raw = rawScalar(fm.raw, key);
      if (typeof raw === 'string' && raw !== '') items.push(raw);
    }
  };
  if (Array.isArray(value)) value.forEach(add);
  else add(value);
  return [...new Set(items)];
}

// ---------------------------------------------------------------------------------------------
// Titles

/** Titles longer than this are shortened in the first-sentence fallback. */
const FALLBACK_TITLE_CHARS = 40;

/** Trims, collapses spaces, strips one layer of stray ASCII quotes (`'"标题"'`). */
export function cleanTitle(title: string | null | undefined): string | null {
  if (title === null || title === undefined) return null;
  let t = title.replace(/[\s\u3000]+/g, ' ').trim();
  const quoted = /^(["'])(.*)\1$/.exec(t);
  if (quoted) t = (quoted[2] ?? '').trim();
  return t === '' ? null : t;
}

const BYLINE = /^(?:本报|本刊|特约|实习)?(?:记者|通讯员|编辑|责任编辑|作者|撰文|摄影|文\/|图\/)/;

/**
 * The article's own headline in text without a title field: an explicit heading, else the
 * first group of standalone headline lines, choosing the longest (a kicker such as the bank
 * branch's name sits above the real, longer headline), bylines excluded.
 */
export function headlineFromParagraphs(paragraphs: CleanParagraph[]): string | null {
  const explicit = paragraphs.find((p) => p.explicitHeading && !BYLINE.test(p.text));
  if (explicit) return explicit.text;
  for (let i = 0; i < paragraphs.length; i++) {
    if (!paragraphs[i]?.headline) continue;
    let best: string | null = null;
    for (let j = i; j < paragraphs.length && paragraphs[j]?.headline; j++) {
      const text = paragraphs[j]?.text ?? '';
      if (BYLINE.test(text)) continue;
      if (best === null || [...text].length > [...best].length) best = text;
    }
    if (best) return best;
    while (i < paragraphs.length && paragraphs[i]?.headline) i++;
  }
  return null;
}

/** First sentence of the text, shortened to about 40 characters with `…`. */
export function firstSentenceTitle(text: string): string | null {
  const firstPara = text.split('\n').find((p) => p.trim() !== '');
  if (!firstPara) return null;
  const sentence = (/^.*?[。！？!?](?=[^”’」』）)]|$)/.exec(firstPara)?.[0] ?? firstPara).replace(/[。！？!?]$/, '').trim();
  const chars = [...sentence];
  if (chars.length <= FALLBACK_TITLE_CHARS) return sentence || null;
  // Prefer to cut after a clause rather than mid-word.
  const head = chars.slice(0, FALLBACK_TITLE_CHARS).join('');
  const comma = Math.max(head.lastIndexOf('，'), head.lastIndexOf('、'), head.lastIndexOf('；'), head.lastIndexOf(','));
  const cut = comma >= 20 ? head.slice(0, comma) : head;
  return `${cut}…`;
}

// ---------------------------------------------------------------------------------------------
// Source

/** Names that are an outlet once the site's trailing 新闻 is removed (`河北新闻网新闻`). */
const OUTLET_SUFFIX = /(?:网|报|社|台|刊|客户端|频道|网站|杂志|App|APP)$/;

/**
 * The outlet from tags: the site appends 新闻 to an outlet's name to make its tag
 * (`人民日报客户端新闻`, `新华网新闻`). Some tags are names that end in 新闻 themselves
 * (`东财滚动新闻`, `澎湃新闻`); the suffix is removed only when what remains is an outlet name
 * or is confirmed by the article's own 文章来源 line.
 */
export function sourceFromTags(tags: string[], sourceLine: string | null): string | null {
  const withNews = tags.find((t) => t.endsWith('新闻') && t.length > 2);
  const tag = withNews ?? (tags.length === 1 ? tags[0] : undefined);
  if (tag === undefined) return null;
  if (tag.endsWith('新闻') && tag.length > 2) {
    const stem = tag.slice(0, -2);
    if (OUTLET_SUFFIX.test(stem) || (sourceLine !== null && stem === sourceLine)) return stem;
  }
  return tag;
}
