import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WIDE_LAYOUT } from './layout';

const mdOf = (css: string) => /--breakpoint-md:\s*([^;]+);/.exec(css)?.[1];

describe('WIDE_LAYOUT', () => {
  it("is the md breakpoint the filter column's classes switch at: the app's theme's, else Tailwind's", () => {
    const tailwind = mdOf(readFileSync(createRequire(import.meta.url).resolve('tailwindcss/theme.css'), 'utf8'));
    const app = mdOf(readFileSync(path.join(import.meta.dirname, '../../app/globals.css'), 'utf8'));
    const md = app ?? tailwind;
    expect(md).toBeDefined();
    expect(WIDE_LAYOUT).toBe(`(min-width: ${md})`);
  });
});
