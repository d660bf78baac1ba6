import { Parser } from 'htmlparser2';

/** One display paragraph. */
export interface CleanParagraph {
  text: string;
  /**
   * A short standalone line that reads as a headline, kicker or byline rather than prose
   * (plain text only), or an explicit Markdown/HTML heading.
   */
  headline: boolean;
  /** Written as a heading (`# …`, `<h1>`…`<h6>`), not guessed from layout. */
  explicitHeading: boolean;
}

/** What {@link cleanBody} makes of an article body. */
export interface CleanResult {
  /** Display paragraphs, boilerplate removed, none empty. */
  paragraphs: CleanParagraph[];
  /** `paragraphs` joined by a single `\n`. */
  text: string;
  /** The original article URL: an autolink alone on a line, or an HTML canonical link. */
  url: string | null;
  /** X of a `（文章来源：X）` line, which is removed from the text. */
  sourceLine: string | null;
  /** `<h1>` or `<title>` of a full HTML page. */
  htmlTitle: string | null;
  /** A publication time from HTML `<meta>`, unparsed. */
  htmlDate: string | null;
  /** The body contained HTML markup and was read as HTML. */
  isHtml: boolean;
}

// ---------------------------------------------------------------------------------------------
// Character classes

const HAN = /\p{Script=Han}/u;
/** Characters between which a line break or stray space carries no meaning in Chinese. */
function isCjk(ch: string | undefined): boolean {
  if (!ch) return false;
  if (HAN.test(ch)) return true;
  const c = ch.charCodeAt(0);
  return (
    (c >= 0x3000 && c <= 0x303f) || // CJK punctuation
    (c >= 0xff00 && c <= 0xffef) || // full-width forms
    (c >= 0x2018 && c <= 0x201f) || // curly quotes
    c === 0x2026 || // …
    c === 0x2014 || // —
    c === 0x00b7 // ·
  );
}

/** Ends a sentence: 。！？… optionally followed by closing quotes or brackets. */
const TERMINAL_END = /[。！？!?…](?:[”’」』）)\]】》"'])*$/;
/** Ends with punctuation that never ends a headline. */
const SOFT_END = /[，,、；;：:]$/;
/** Sentence punctuation inside a line: headlines do not contain it. */
const SENTENCE_PUNCT = /[，。；！？,;]/;

function endsTerminal(text: string): boolean {
  // Only the end matters; testing the whole of a long paragraph would make unwrapping quadratic.
  return TERMINAL_END.test(text.slice(-16).trimEnd());
}

// ---------------------------------------------------------------------------------------------
// Markdown / line level preprocessing

const AUTOLINK_LINE = /^\s*<((?:https?|ftp):\/\/[^\s<>]+)>\s*$/i;
const EMPTY_AUTOLINK_LINE = /^\s*<>\s*$/;
// Link targets may hold one level of balanced parentheses (javascript:alert(1), wiki-style URLs).
const MD_LINK = /\[([^\]\n]*)\]\(\s*<?((?:[^()\s>]|\([^()\s]*\))*)>?(?:\s+["'][^"'\n]*["'])?\s*\)/g;
const MD_IMAGE = /!\[[^\]\n]*\]\((?:[^()\n]|\([^()\n]*\))*\)/g;
const LINKS_ONLY_LINE = /^\s*(?:\[[^\]\n]*\]\((?:[^()\n]|\([^()\n]*\))*\)\s*(?:[｜|丨/·•]\s*)?)+$/;
const FOOTER_LINK_TEXT = /\[(?:返回|回到|点击返回|上一篇|下一篇|首页)[^\]]*\]/;
const HEADING = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const LIST_MARKER = /^\s{0,3}[-*+]\s+/;
const BLOCKQUOTE = /^\s{0,3}>\s?/;
const HR = /^\s{0,3}([-*_])(?:\s*\1){2,}\s*$/;
const FENCE = /^\s{0,3}(?:```|~~~)/;
const INDENT = /^[ \t\u3000\u00A0]+\S/;

interface Line {
  text: string;
  /** Started with indentation: in hard-wrapped newspaper text that starts a paragraph. */
  indent: boolean;
  heading: boolean;
  listItem: boolean;
}

interface Preprocessed {
  lines: Line[];
  url: string | null;
}

function preprocessLines(body: string): Preprocessed {
  let url: string | null = null;
  const lines: Line[] = [];
  for (const original of body.split('\n')) {
    let text = original;
    const autolink = AUTOLINK_LINE.exec(text);
    if (autolink) {
      // The site family puts the original article URL alone on a line; it is not prose.
      url ??= autolink[1] ?? null;
      lines.push(blankLine());
      continue;
    }
    if (EMPTY_AUTOLINK_LINE.test(text) || HR.test(text) || FENCE.test(text)) {
      lines.push(blankLine());
      continue;
    }
    if (LINKS_ONLY_LINE.test(text) && FOOTER_LINK_TEXT.test(text)) {
      lines.push(blankLine()); // `[返回…](…)｜[返回首页](…)` navigation
      continue;
    }
    let quoted = false;
    while (BLOCKQUOTE.test(text) && !/^\s*>\s*</.test(text)) {
      text = text.replace(BLOCKQUOTE, '');
      quoted = true;
    }
    const heading = HEADING.exec(text);
    let isHeading = false;
    if (heading) {
      text = heading[2] ?? '';
      isHeading = true;
    }
    let listItem = false;
    if (LIST_MARKER.test(text) && !HR.test(text)) {
      text = text.replace(LIST_MARKER, '');
      listItem = true;
    }
    text = text
      .replace(MD_IMAGE, '')
      .replace(MD_LINK, (_m, label: string) => label)
      .replace(/<((?:https?|ftp):\/\/[^\s<>]+)>/gi, '$1')
      .replace(/\*\*([^*\n]+)\*\*/g, '$1')
      .replace(/__([^_\n]+)__/g, '$1');
    lines.push({
      text: text.replace(/\s+$/, ''),
      indent: !quoted && INDENT.test(original) && !isHeading,
      heading: isHeading,
      listItem,
    });
  }
  return { lines, url };
}

function blankLine(): Line {
  return { text: '', indent: false, heading: false, listItem: false };
}

// ---------------------------------------------------------------------------------------------
// Inline normalisation shared by both modes

const SOFT_BREAK = '\uE001';
const PARA_BREAK = '\uE000';
const SPACES = /[ \t\f\v\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]+/g;
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;
/** Spaces next to full-width punctuation are layout artefacts (`显示 ，便`). */
const SPACE_AROUND_CJK_PUNCT = / +(?=[，。、；：！？）」』》”’…])|(?<=[，。、；：！？（「『《“‘]) +/g;
/** Letter-spaced runs of single Han characters (`便 于 老 年 人`), from justified PDF text. */
const LETTER_SPACED = /\p{Script=Han}(?: \p{Script=Han}){2,}/gu;

/**
 * What goes between two pieces of a wrapped line: nothing between Chinese, a space between
 * words. Works on the boundary characters only, so that long paragraphs are joined in linear time.
 */
function wrapSeparator(leftEnd: string, rightStart: string): string {
  if (leftEnd === '' || rightStart === '') return '';
  if (isCjk(leftEnd) || isCjk(rightStart)) return '';
  if (leftEnd === '-' && /[A-Za-z0-9]/.test(rightStart)) return '';
  return ' ';
}

/** Joins pieces of wrapped text with {@link wrapSeparator}. */
function joinPieces(pieces: string[]): string {
  const out: string[] = [];
  let lastChar = '';
  for (const piece of pieces) {
    if (piece === '') continue;
    out.push(wrapSeparator(lastChar, piece.charAt(0)), piece);
    lastChar = piece.charAt(piece.length - 1);
  }
  return out.join('');
}

function normalizeInline(raw: string): string {
  let text = raw.replace(ZERO_WIDTH, '');
  if (text.includes(SOFT_BREAK)) {
    text = joinPieces(text.split(new RegExp(`[ \\t\\u00A0\\u3000]*${SOFT_BREAK}[ \\t\\u00A0\\u3000${SOFT_BREAK}]*`)));
  }
  return text
    .replace(SPACES, ' ')
    .replace(SPACE_AROUND_CJK_PUNCT, '')
    .replace(LETTER_SPACED, (run) => run.replace(/ /g, ''))
    .trim();
}

// ---------------------------------------------------------------------------------------------
// Plain text and Markdown

function looksLikeHeadline(text: string): boolean {
  const length = [...text].length;
  return length >= 2 && length <= 40 && !endsTerminal(text) && !SOFT_END.test(text) && !SENTENCE_PUNCT.test(text);
}

/**
 * Hard-wrapped text (newspaper columns) breaks lines mid-word and even across blank lines.
 * Most of its lines end without sentence punctuation; Markdown paragraphs mostly end with it.
 */
function isHardWrapped(lines: Line[]): boolean {
  const prose = lines.filter((l) => l.text.trim() !== '' && !l.heading && !l.listItem);
  if (prose.length < 4) return false;
  const open = prose.filter((l) => !endsTerminal(l.text) && !looksLikeHeadline(l.text.trim())).length;
  return open / prose.length >= 0.5;
}

interface Para {
  text: string;
  headline: boolean;
  explicitHeading: boolean;
}

/** A paragraph being assembled from wrapped lines. */
interface ParaBuilder {
  lines: string[];
  headline: boolean;
  explicitHeading: boolean;
}

/** The last line of a paragraph decides whether it has come to an end. */
function lastLine(p: ParaBuilder): string {
  return p.lines[p.lines.length - 1] ?? '';
}

function plainParagraphs(lines: Line[]): Para[] {
  const blocks: Line[][] = [];
  let current: Line[] = [];
  for (const line of lines) {
    if (line.text.trim() === '') {
      if (current.length) blocks.push(current);
      current = [];
    } else if (line.heading) {
      if (current.length) blocks.push(current);
      blocks.push([line]);
      current = [];
    } else {
      current.push(line);
    }
  }
  if (current.length) blocks.push(current);

  const hardWrapped = isHardWrapped(lines);
  const paras: ParaBuilder[] = [];
  for (const block of blocks) {
    const first = block[0];
    if (!first) continue;
    const last = paras[paras.length - 1];
    const prevClosed = !last || last.headline || endsTerminal(lastLine(last));
    if (block.length === 1 && (first.heading || (prevClosed && looksLikeHeadline(first.text.trim())))) {
      paras.push({ lines: [first.text.trim()], headline: true, explicitHeading: first.heading });
      continue;
    }
    block.forEach((line, i) => {
      const text = line.text.trim();
      const tail = paras[paras.length - 1];
      let startsNew: boolean;
      if (i === 0) {
        // A blank line inside hard-wrapped text is layout, not a paragraph break, unless the
        // previous paragraph had come to an end.
        startsNew = !(hardWrapped && tail && !tail.headline && !endsTerminal(lastLine(tail)) && !line.indent && !line.listItem);
      } else {
        const previous = block[i - 1]?.text ?? '';
        startsNew = line.indent || line.listItem || endsTerminal(previous);
      }
      if (startsNew || !tail) paras.push({ lines: [text], headline: false, explicitHeading: false });
      else tail.lines.push(text);
    });
  }
  return paras.map((p) => ({ text: joinPieces(p.lines), headline: p.headline, explicitHeading: p.explicitHeading }));
}

// ---------------------------------------------------------------------------------------------
// HTML

const HTML_MARKUP =
  /<(?:p|br|div|span|a|img|strong|b|em|i|u|center|h[1-6]|ul|ol|li|table|tr|td|th|section|article|blockquote|font|html|body|head|title|meta|figure|pre|hr)\b[^>]*>|<!--/i;

const BLOCK_TAGS = new Set([
  'p',
  'div',
  'section',
  'article',
  'header',
  'footer',
  'aside',
  'nav',
  'main',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'caption',
  'blockquote',
  'pre',
  'center',
  'figure',
  'figcaption',
  'hr',
  'address',
  'form',
  'fieldset',
  'details',
  'summary',
  'br',
  'body',
  'html',
]);
const SKIP_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'object',
  'embed',
  'svg',
  'canvas',
  'video',
  'audio',
  'select',
  'textarea',
  'button',
  'head',
  'map',
]);
const HEADING_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

function isHidden(name: string, attribs: Record<string, string>): boolean {
  if (SKIP_TAGS.has(name)) return true;
  if ('hidden' in attribs || attribs['aria-hidden'] === 'true') return true;
  const style = attribs['style'] ?? '';
  if (/display\s*:\s*none|visibility\s*:\s*hidden/i.test(style)) return true;
  // Eastmoney stock-chart widgets, in case their marker comments are missing.
  return /\bEmImageRemark\b/.test(attribs['class'] ?? '');
}

interface HtmlOut {
  paras: Para[];
  title: string | null;
  h1: string | null;
  canonical: string | null;
  date: string | null;
}

function htmlParagraphs(source: string): HtmlOut {
  const paras: Para[] = [];
  let current = '';
  let currentHeading = false;
  const stack: { name: string; hidden: boolean }[] = [];
  let hiddenDepth = 0;
  let widgetEnd: string | null = null;
  let title: string | null = null;
  let inTitle = false;
  let titleText = '';
  let h1: string | null = null;
  let inH1 = false;
  let h1Text = '';
  let canonical: string | null = null;
  let date: string | null = null;

  const flush = (): void => {
    const text = normalizeInline(current);
    if (text !== '') paras.push({ text, headline: currentHeading, explicitHeading: currentHeading });
    current = '';
  };

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (name === 'title') inTitle = true;
        if (name === 'meta' || name === 'link') {
          const rel = (attribs['rel'] ?? '').toLowerCase();
          const prop = (attribs['property'] ?? attribs['name'] ?? attribs['itemprop'] ?? '').toLowerCase();
          if (name === 'link' && rel === 'canonical' && attribs['href']) canonical ??= attribs['href'];
          if (prop === 'og:url' && attribs['content']) canonical ??= attribs['content'];
          if (/^(article:published_time|pubdate|publishdate|datepublished|date)$/.test(prop) && attribs['content']) {
            date ??= attribs['content'];
          }
        }
        const hidden = isHidden(name, attribs);
        stack.push({ name, hidden });
        if (hidden) hiddenDepth++;
        if (hiddenDepth > 0 || widgetEnd) return;
        if (BLOCK_TAGS.has(name)) flush();
        if (HEADING_TAGS.has(name)) currentHeading = true;
        if (name === 'h1' && h1 === null) inH1 = true;
        if (name === 'td' || name === 'th') current += ' ';
      },
      onclosetag(name) {
        if (name === 'title' && inTitle) {
          inTitle = false;
          title ??= normalizeInline(titleText) || null;
        }
        // htmlparser2 closes implied elements itself, so the stack top is this element.
        const top = stack.pop();
        if (top?.hidden) hiddenDepth--;
        if (hiddenDepth > 0 || widgetEnd) return;
        if (name === 'h1' && inH1) {
          inH1 = false;
          h1 = normalizeInline(h1Text) || null;
        }
        if (BLOCK_TAGS.has(name)) {
          flush();
          if (HEADING_TAGS.has(name)) currentHeading = false;
        }
        if (name === 'td' || name === 'th') current += ' ';
      },
      ontext(text) {
        if (inTitle) {
          titleText += text;
          return;
        }
        if (hiddenDepth > 0 || widgetEnd) return;
        if (inH1) h1Text += text;
        const pieces = text.replace(/\n/g, SOFT_BREAK).split(PARA_BREAK);
        pieces.forEach((piece, i) => {
          if (i > 0) flush();
          current += piece;
        });
      },
      oncomment(data) {
        const marker = data.trim();
        if (widgetEnd) {
          if (marker === widgetEnd) widgetEnd = null;
          return;
        }
        // `<!-- EM_StockImg_Start -->…<!-- EM_StockImg_End -->` wraps a stock-chart widget.
        const start = /^(\w+)_Start$/i.exec(marker);
        if (start) widgetEnd = `${start[1]}_End`;
      },
    },
    { decodeEntities: true },
  );
  // Blank lines come from the Markdown around the HTML and separate paragraphs there.
  parser.write(source.replace(/\n[ \t]*\n(?:[ \t]*\n)*/g, `\n${PARA_BREAK}\n`));
  parser.end();
  flush();
  return { paras, title, h1, canonical, date };
}

// ---------------------------------------------------------------------------------------------
// Boilerplate

const SOURCE_BRACKETED = /^[（(]\s*(?:文章|稿件|新闻)?来源\s*[：:]\s*(.+?)\s*[）)]$/;
const SOURCE_BARE = /^(?:文章|稿件|新闻)来源\s*[：:]\s*(\S.{0,40})$/;
const IMAGE_CREDIT = /^(?:图片|图|照片|配图|视频)(?:来源|来自|源)\s*[：:]/;
const WIDGET_LEFTOVER = /^(?:K图|分时图|日K线)\s*[\w.|]+$/;
const NAV_ONLY = /^(?:返回首页|返回顶部|返回列表|上一篇|下一篇|[｜|\s])+$/;

function stripBoilerplate(paras: Para[]): { paras: Para[]; sourceLine: string | null } {
  let sourceLine: string | null = null;
  const kept: Para[] = [];
  for (const para of paras) {
    const source = SOURCE_BRACKETED.exec(para.text) ?? SOURCE_BARE.exec(para.text);
    if (source) {
      sourceLine ??= (source[1] ?? '').trim() || null;
      continue;
    }
    if (IMAGE_CREDIT.test(para.text) || WIDGET_LEFTOVER.test(para.text) || NAV_ONLY.test(para.text)) continue;
    kept.push(para);
  }
  return { paras: kept, sourceLine };
}

// ---------------------------------------------------------------------------------------------

/**
 * Turns an article body (HTML, Markdown, hard-wrapped plain text, or a mix) into display
 * paragraphs: markup, widgets, navigation and the source line removed; wrapped lines joined
 * without inserting anything between Chinese characters; real paragraph breaks kept.
 */
export function cleanBody(body: string): CleanResult {
  const pre = preprocessLines(body.replace(/\r\n?/g, '\n'));
  // Markdown headings and list items are blocks of their own; say so in HTML terms in case
  // the body turns out to be HTML, where single newlines are mere spaces.
  const joined = pre.lines.map((l) => (l.heading ? `<h2>${escapeHtml(l.text)}</h2>` : l.listItem ? `<p>${l.text}</p>` : l.text)).join('\n');
  const isHtml = HTML_MARKUP.test(joined);
  let paras: Para[];
  let url = pre.url;
  let htmlTitle: string | null = null;
  let htmlDate: string | null = null;
  if (isHtml) {
    const out = htmlParagraphs(joined);
    paras = out.paras;
    htmlTitle = out.h1 ?? stripSiteSuffix(out.title);
    htmlDate = out.date;
    if (!url && out.canonical && /^https?:\/\//i.test(out.canonical)) url = out.canonical;
  } else {
    paras = plainParagraphs(pre.lines).map((p) => ({ ...p, text: normalizeInline(p.text) }));
  }
  const stripped = stripBoilerplate(paras.filter((p) => p.text !== ''));
  const paragraphs = stripped.paras;
  return {
    paragraphs,
    text: paragraphs.map((p) => p.text).join('\n'),
    url,
    sourceLine: stripped.sourceLine,
    htmlTitle,
    htmlDate,
    isHtml,
  };
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** `标题_新浪财经` → `标题`: page titles often carry the site name. */
function stripSiteSuffix(title: string | null): string | null {
  if (!title) return null;
  const parts = title.split(/\s*(?:_|\||｜| - | — | – )\s*/).filter((p) => p !== '');
  return parts[0] ?? title;
}
