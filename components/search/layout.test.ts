import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { WIDE_LAYOUT } from './layout';

describe('WIDE_LAYOUT', () => {
  it("is Tailwind's md breakpoint, which the filter column's classes switch at", () => {
    const theme = readFileSync(createRequire(import.meta.url).resolve('tailwindcss/theme.css'), 'utf8');
    const md = /--breakpoint-md:\s*([^;]+);/.exec(theme)?.[1];
    expect(md).toBeDefined();
    expect(WIDE_LAYOUT).toBe(`(min-width: ${md})`);
  });
});
