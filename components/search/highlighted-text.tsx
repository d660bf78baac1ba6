import type { Range } from '@/lib/search';

/**
 * `text` with `ranges` wrapped in `<mark>`, built from text nodes only: the corpus is untrusted, so
 * nothing in it is ever parsed as HTML. Ranges that are out of bounds, empty or overlap an earlier
 * one are skipped rather than trusted.
 */
export function HighlightedText({ text, ranges }: { text: string; ranges: readonly Range[] }) {
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const [rawStart, rawEnd] of [...ranges].sort((a, b) => a[0] - b[0])) {
    const start = Math.max(at, Math.min(rawStart, text.length));
    const end = Math.min(rawEnd, text.length);
    if (!(end > start)) continue;
    if (start > at) parts.push(text.slice(at, start));
    parts.push(<mark key={start}>{text.slice(start, end)}</mark>);
    at = end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}
