'use client';

import { useEffect, useRef, useState } from 'react';
import { MAX_QUERY_LENGTH } from '@/lib/search';

/** Pause after the last keystroke before searching: long enough to skip intermediate words, short enough to feel live. */
const DEBOUNCE_MS = 150;

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT';
}

/**
 * The query box. It owns what is being typed and reports a query only when it is worth searching:
 * {@link DEBOUNCE_MS} after typing stops, at once on Enter or Esc, and never while an IME is still
 * composing (pinyin letters are not the query; the chosen characters are, at compositionend).
 */
export function SearchBox({ value, onQuery }: { value: string; onQuery: (q: string) => void }) {
  const [text, setText] = useState(value);
  const input = useRef<HTMLInputElement>(null);
  const reported = useRef(value);
  const composing = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const onQueryRef = useRef(onQuery);

  useEffect(() => {
    onQueryRef.current = onQuery;
  }, [onQuery]);

  // The URL changed under us (back/forward, a link): show its query instead of what was typed.
  useEffect(() => {
    if (value !== reported.current) {
      reported.current = value;
      clearTimeout(timer.current);
      setText(value);
    }
  }, [value]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || isEditable(e.target)) return;
      e.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      clearTimeout(timer.current);
    };
  }, []);

  const report = (q: string) => {
    clearTimeout(timer.current);
    if (q === reported.current) return;
    reported.current = q;
    onQueryRef.current(q);
  };

  const schedule = (q: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => report(q), DEBOUNCE_MS);
  };

  return (
    <form
      role="search"
      className="relative"
      onSubmit={(e) => {
        e.preventDefault();
        if (!composing.current) report(text);
      }}
    >
      <svg
        aria-hidden="true"
        viewBox="0 0 20 20"
        className="pointer-events-none absolute top-1/2 left-3 size-5 -translate-y-1/2 text-slate-500 dark:text-slate-400"
      >
        <path
          fill="currentColor"
          d="M8.5 3a5.5 5.5 0 0 1 4.38 8.83l3.65 3.64a.75.75 0 1 1-1.06 1.06l-3.64-3.65A5.5 5.5 0 1 1 8.5 3Zm0 1.5a4 4 0 1 0 0 8 4 4 0 0 0 0-8Z"
        />
      </svg>
      <input
        ref={input}
        type="search"
        aria-label="搜索…"
        placeholder="搜索…（按 / 聚焦，Esc 清空）"
        autoFocus
        autoComplete="off"
        spellCheck={false}
        enterKeyHint="search"
        maxLength={MAX_QUERY_LENGTH}
        value={text}
        onChange={(e) => {
          const q = e.currentTarget.value;
          setText(q);
          if (composing.current || (e.nativeEvent as InputEvent).isComposing) return;
          // Clearing the box (its ✕ button, select-all + delete) empties the results at once.
          if (q === '') report(q);
          else schedule(q);
        }}
        onCompositionStart={() => {
          composing.current = true;
          clearTimeout(timer.current);
        }}
        onCompositionEnd={(e) => {
          composing.current = false;
          report(e.currentTarget.value);
        }}
        onKeyDown={(e) => {
          if (e.key !== 'Escape' || e.nativeEvent.isComposing) return;
          e.preventDefault();
          setText('');
          report('');
        }}
        className="w-full rounded-xl border border-slate-300 bg-white py-3 pr-4 pl-11 text-lg text-slate-900 shadow-sm placeholder:text-slate-500 focus:border-blue-600 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:placeholder:text-slate-400"
      />
    </form>
  );
}
