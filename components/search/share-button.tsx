'use client';

import { useEffect, useRef, useState } from 'react';

/** How long 已复制 stays before the button reads 分享 again. */
const CONFIRM_MS = 2500;

/** Copies with the old API where the Clipboard API is missing (a plain-http host that is not localhost). */
function copyWithSelection(text: string): boolean {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
  }
}

async function copy(text: string): Promise<boolean> {
  if (navigator.clipboard?.writeText) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // Denied or unfocused: try the old way before giving up.
    }
  }
  return copyWithSelection(text);
}

/**
 * 分享: copies the page's address (the whole results state lives in it) and says 已复制; when the browser
 * refuses, it says so instead of pretending.
 */
export function ShareButton() {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const label = state === 'copied' ? '已复制' : state === 'failed' ? '复制失败，请手动复制地址栏' : '分享';
  return (
    <button
      type="button"
      onClick={async () => {
        const ok = await copy(window.location.href);
        setState(ok ? 'copied' : 'failed');
        clearTimeout(timer.current);
        timer.current = setTimeout(() => setState('idle'), CONFIRM_MS);
      }}
      className="inline-flex items-center gap-1.5 rounded-md border border-slate-300 px-2.5 py-1 text-slate-800 hover:bg-slate-100 dark:border-slate-600 dark:text-slate-100 dark:hover:bg-slate-800"
    >
      <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4 shrink-0">
        {state === 'copied' ? (
          <path d="M4 10.5l4 4 8-9" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
        ) : (
          <path
            d="M8.5 11.5a3 3 0 0 0 4.24 0l2.5-2.5a3 3 0 0 0-4.24-4.24l-.75.75M11.5 8.5a3 3 0 0 0-4.24 0l-2.5 2.5a3 3 0 0 0 4.24 4.24l.75-.75"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.75"
            strokeLinecap="round"
          />
        )}
      </svg>
      <span aria-live="polite">{label}</span>
    </button>
  );
}
