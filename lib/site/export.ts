import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { withContentSecurityPolicy } from './csp';

/** What {@link finishExport} did. */
export interface FinishedExport {
  /** The HTML pages that now carry a Content-Security-Policy, relative to the export folder. */
  pages: string[];
}

async function htmlFiles(dir: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(path.join(dir, rel), { withFileTypes: true })) {
    const child = path.join(rel, entry.name);
    if (entry.isDirectory()) out.push(...(await htmlFiles(dir, child)));
    else if (entry.isFile() && entry.name.endsWith('.html')) out.push(child);
  }
  return out.sort();
}

/**
 * Makes a Next static export (`out/`) ready for a static host as it is, with no server headers: every
 * HTML page gets a Content-Security-Policy meta tag that allows its own inline scripts by hash, and
 * `.nojekyll` tells GitHub Pages to publish `_next/` (Jekyll skips folders whose names start with `_`).
 * Run it after `next build`; running it again changes nothing.
 * @throws {SiteExportError} when a page cannot carry the policy.
 */
export async function finishExport(outDir: string): Promise<FinishedExport> {
  const pages = await htmlFiles(outDir);
  for (const page of pages) {
    const file = path.join(outDir, page);
    const html = await readFile(file, 'utf8');
    const next = withContentSecurityPolicy(html, file);
    if (next !== html) await writeFile(file, next);
  }
  await writeFile(path.join(outDir, '.nojekyll'), '');
  return { pages };
}
