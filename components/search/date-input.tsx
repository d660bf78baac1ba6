'use client';

import { memo, useEffect, useRef, useState } from 'react';
import { isIsoDay } from '@/lib/search';

/**
 * Typing a year digit by digit passes through valid but absurd dates (0002-03-09); committing each of
 * them would search and push a history entry per keystroke, so a change is committed only after this
 * pause, or at once on blur or Enter.
 */
const SETTLE_MS = 500;

/** The earliest year taken seriously while typing; a finished date before it is still committed on blur. */
const PLAUSIBLE_YEAR = 1900;

/** A date filter bound (`YYYY-MM-DD`, inclusive) that commits only settled values. */
export const DateInput = memo(function DateInput({ label, value, onCommit }: { label: string; value: string | null; onCommit: (v: string | null) => void }) {
  const [text, setText] = useState(value ?? '');
  const committed = useRef(value ?? '');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    if ((value ?? '') !== committed.current) {
      committed.current = value ?? '';
      setText(value ?? '');
    }
  }, [value]);

  useEffect(() => () => clearTimeout(timer.current), []);

  const commit = (v: string) => {
    clearTimeout(timer.current);
    if (v === committed.current || !(v === '' || isIsoDay(v))) return;
    committed.current = v;
    onCommit(v || null);
  };

  return (
    <label className="flex flex-col gap-1 text-sm text-slate-700 dark:text-slate-300">
      {label}
      {/* The URL holds the date; the browser keeps none to restore on a history step. */}
      <input
        autoComplete="off"
        type="date"
        value={text}
        min="1900-01-01"
        max="2099-12-31"
        onChange={(e) => {
          const v = e.currentTarget.value;
          setText(v);
          clearTimeout(timer.current);
          if (v === '' || Number(v.slice(0, 4)) >= PLAUSIBLE_YEAR) timer.current = setTimeout(() => commit(v), SETTLE_MS);
        }}
        onBlur={(e) => commit(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit(e.currentTarget.value);
        }}
        className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-slate-900 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:[color-scheme:dark]"
      />
    </label>
  );
});
