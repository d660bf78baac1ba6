import { useEffect } from 'react';

/**
 * Sets the document's title to `title` (null: leaves it) once the frame being drawn is out: a new title is work
 * for the browser's own process, which on a device of few cores would otherwise run beside the search in the
 * worker and the render of its answer. A hidden tab draws no frame to wait for, and its title is all a reader
 * sees of it, so there (or when the tab is hidden meanwhile) it is set at once.
 */
export function useTitleAfterPaint(title: string | null): void {
  useEffect(() => {
    if (title === null) return;
    if (document.hidden) {
      document.title = title;
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const set = () => {
      cancel();
      document.title = title;
    };
    const cancel = () => {
      document.removeEventListener('visibilitychange', set);
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
    document.addEventListener('visibilitychange', set);
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(set);
    });
    return cancel;
  }, [title]);
}
