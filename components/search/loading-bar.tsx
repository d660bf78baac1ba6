/**
 * The sign that the results shown are being replaced, drawn in the gap above them: the results section's
 * `mt-6`, or the `gap-6` under the filters on a phone (search-page.tsx; a narrower gap would put it on
 * them). The results keep their colours: dimmed text falls below WCAG's contrast minimum, which is exactly
 * when a reader on a slow device or link is reading it. Screen readers learn the same from `aria-busy`
 * and the status line.
 */
export function LoadingBar() {
  return (
    <div
      aria-hidden="true"
      data-testid="loading-bar"
      className="absolute inset-x-0 -top-3 h-0.5 rounded-full bg-blue-600 motion-safe:animate-pulse dark:bg-blue-400"
    />
  );
}
