import matter from 'gray-matter';

/** Front matter split off an article. */
export interface FrontMatter {
  /** Parsed YAML mapping (gray-matter/js-yaml values: strings, numbers, Dates, arrays…). */
  data: Record<string, unknown>;
  /** The raw YAML text between the delimiters, for values js-yaml would misread. */
  raw: string;
}

/** Outcome of {@link splitFrontMatter}. */
export type FrontMatterResult = { ok: true; frontMatter: FrontMatter | null; body: string } | { ok: false; reason: string };

const OPEN = /^---[ \t]*$/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*$/;

/**
 * Splits YAML front matter from the body. Front matter may follow leading blank lines (one
 * corpus file has one). Text without an opening `---` line has no front matter.
 * `text` must already use `\n` line endings.
 */
export function splitFrontMatter(text: string): FrontMatterResult {
  const lines = text.split('\n');
  let first = 0;
  while (first < lines.length && (lines[first] ?? '').trim() === '') first++;
  if (first >= lines.length || !OPEN.test(lines[first] ?? '')) {
    return { ok: true, frontMatter: null, body: text };
  }
  let close = -1;
  for (let i = first + 1; i < lines.length; i++) {
    if (CLOSE.test(lines[i] ?? '')) {
      close = i;
      break;
    }
  }
  if (close < 0) {
    return {
      ok: false,
      reason: `front matter opened with --- on line ${first + 1} is never closed (no second --- line)`,
    };
  }
  const raw = lines.slice(first + 1, close).join('\n');
  const body = lines.slice(close + 1).join('\n');
  let data: unknown;
  try {
    // Passing options (even empty) turns off gray-matter's content cache, which would
    // otherwise keep every article of a large corpus in memory.
    data = matter(`---\n${raw}\n---\n`, {}).data;
  } catch (error) {
    return { ok: false, reason: yamlReason(error, first + 1) };
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { ok: false, reason: 'front matter is not a list of `key: value` lines' };
  }
  return { ok: true, frontMatter: { data: data as Record<string, unknown>, raw }, body };
}

/** "invalid YAML front matter: <what js-yaml says> (line N of the file)". */
function yamlReason(error: unknown, openLine: number): string {
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = (message.split('\n')[0] ?? message).trim();
  const at = /at line (\d+), column (\d+)/.exec(firstLine);
  const what = firstLine.replace(/\s*\(?at line \d+, column \d+\)?:?\s*$/, '').trim();
  if (at) {
    // js-yaml counts from the (empty) remainder of the opening --- line.
    const fileLine = openLine + Number(at[1]) - 1;
    return `invalid YAML front matter: ${what} (line ${fileLine} of the file)`;
  }
  return `invalid YAML front matter: ${what}`;
}

/**
 * The raw scalar written for a top-level key, unquoted, or undefined when the key is absent
 * or not a one-line scalar. Used where js-yaml's typing loses what was written (dates read
 * as UTC, `title: 2022` as a number).
 */
export function rawScalar(raw: string, key: string): string | null | undefined {
  const re = new RegExp(`^${escapeRegExp(key)}[ \\t]*:(.*)$`, 'm');
  const m = re.exec(raw);
  if (!m) return undefined;
  let value = (m[1] ?? '').trim();
  if (value === '' || value === '~' || value === 'null') return null;
  if (value.startsWith('|') || value.startsWith('>')) return undefined;
  if (value.startsWith('"')) {
    const end = value.lastIndexOf('"');
    const inner = end > 0 ? value.slice(0, end + 1) : `${value}"`;
    try {
      return JSON.parse(inner) as string;
    } catch {
      return inner.slice(1, -1);
    }
  }
  if (value.startsWith("'")) {
    const end = value.lastIndexOf("'");
    return (end > 0 ? value.slice(1, end) : value.slice(1)).replace(/''/g, "'");
  }
  value = value.replace(/\s+#.*$/, '');
  return value;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
