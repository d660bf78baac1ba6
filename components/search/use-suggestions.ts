import { useEffect, useState } from 'react';
import type { Suggestion } from '@/lib/search';
import { searchWorker } from './worker-client';

/**
 * The completions of `text` from the search worker (none for null), each with what searching it finds, and
 * the text they complete. An answer for text typed before the latest is dropped, so a slow one never
 * replaces a newer list; typing is never held up, as the worker answers beside it.
 */
export function useSuggestions(text: string | null): { text: string; list: Suggestion[] } {
  const [answer, setAnswer] = useState<{ text: string; list: Suggestion[] }>({ text: '', list: [] });
  useEffect(() => {
    if (text === null || text.trim() === '') return;
    let live = true;
    searchWorker()
      .suggest(text)
      .then(
        (list) => live && setAnswer({ text, list }),
        () => live && setAnswer({ text, list: [] }),
      );
    return () => {
      live = false;
    };
  }, [text]);
  // While the next answer is on its way the last list stays: emptying it at each keystroke would flicker.
  return text === null || text.trim() === '' ? { text: text ?? '', list: [] } : answer;
}
