'use client';

import { memo, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { MAX_QUERY_LENGTH, type Suggestion } from '@/lib/search';
import { moveActive } from './suggestion-keys';
import { useSuggestions } from './use-suggestions';

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
 *
 * It is a WAI-ARIA combobox: after each committed keystroke a list of completions (搜索建议) opens under
 * it, each with what searching it finds. ↓/↑ move through the list, Enter or a click searches the one
 * chosen, Esc closes the list (a second Esc empties the box), Tab and leaving the box close it.
 */
export const SearchBox = memo(function SearchBox({ value, onQuery }: { value: string; onQuery: (q: string) => void }) {
  const [text, setText] = useState(value);
  const input = useRef<HTMLInputElement>(null);
  const reported = useRef(value);
  const composing = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const onQueryRef = useRef(onQuery);
  // What the list completes: set by committed keystrokes only, never by the URL or a chosen suggestion.
  const [suggestFor, setSuggestFor] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const suggestions = useSuggestions(open ? suggestFor : null);
  const listId = useId();
  const shown = open ? suggestions.list : [];
  const expanded = shown.length > 0;

  useEffect(() => {
    onQueryRef.current = onQuery;
  }, [onQuery]);

  // The URL changed under us (back/forward, a link): show its query instead of what was typed.
  useEffect(() => {
    if (value !== reported.current) {
      reported.current = value;
      clearTimeout(timer.current);
      setText(value);
      setOpen(false);
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

  const typed = (q: string) => {
    // Benchmark mark (npm run bench, lib/bench): a committed keystroke, timed to its list painted.
    performance.mark('bns:suggest-start');
    setSuggestFor(q);
    setActive(-1);
    setOpen(q.trim() !== '');
  };

  // Benchmark mark: the first frame after the list for the latest keystroke is committed is the one that paints it.
  useLayoutEffect(() => {
    if (!open || suggestions.text !== suggestFor || suggestions.list.length === 0) return;
    const frame = requestAnimationFrame(() => performance.mark('bns:suggest-painted'));
    return () => cancelAnimationFrame(frame);
  }, [open, suggestions, suggestFor]);

  const close = () => {
    setOpen(false);
    setActive(-1);
  };

  const choose = (s: Suggestion) => {
    close();
    setText(s.term);
    report(s.term);
  };

  return (
    <form
      role="search"
      className="relative"
      onSubmit={(e) => {
        e.preventDefault();
        if (composing.current) return;
        const chosen = active >= 0 ? shown[active] : undefined;
        if (chosen) choose(chosen);
        else {
          close();
          report(text);
        }
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
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
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
          typed(q);
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
          typed(e.currentTarget.value);
          report(e.currentTarget.value);
        }}
        onBlur={close}
        onKeyDown={(e) => {
          if (e.nativeEvent.isComposing) return;
          if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && expanded) {
            // The list has the arrows while it is open; the results' own arrow keys wait until it closes.
            e.preventDefault();
            e.stopPropagation();
            setActive((a) => moveActive(a, e.key as 'ArrowDown' | 'ArrowUp', shown.length));
            return;
          }
          if (e.key === 'Tab') close();
          if (e.key !== 'Escape') return;
          e.preventDefault();
          if (expanded) {
            close();
            return;
          }
          setText('');
          report('');
        }}
        className="w-full rounded-xl border border-slate-300 bg-white py-3 pr-4 pl-11 text-lg text-slate-900 shadow-sm placeholder:text-slate-500 focus:border-blue-600 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:placeholder:text-slate-400"
      />
      <ul
        id={listId}
        role="listbox"
        aria-label="搜索建议"
        hidden={!expanded}
        className="absolute inset-x-0 top-full z-20 mt-1 overflow-hidden rounded-xl border border-slate-300 bg-white py-1 shadow-lg dark:border-slate-600 dark:bg-slate-900"
      >
        {shown.map((s, i) => (
          <li
            key={s.term}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            // Keeps the focus in the box, so that choosing does not close the list before the click lands.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => choose(s)}
            className={`flex cursor-pointer items-baseline gap-2 px-4 py-2 text-base text-slate-900 dark:text-slate-100 ${i === active ? 'bg-blue-50 dark:bg-slate-800' : 'hover:bg-slate-100 dark:hover:bg-slate-800'}`}
          >
            <span className="min-w-0 flex-1 truncate">
              {s.term}
              {s.via && <span className="ml-2 text-sm text-slate-600 dark:text-slate-400">{s.via}</span>}
            </span>
            <span className="shrink-0 text-sm text-slate-600 tabular-nums dark:text-slate-400">{s.count} 篇</span>
          </li>
        ))}
      </ul>
    </form>
  );
});
