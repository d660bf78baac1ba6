import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withContentSecurityPolicy } from './csp';
import { finishExport } from './export';

let dir: string;
const PAGE = '<!DOCTYPE html><html><head><meta charSet="utf-8"/></head><body><script>self.__next_f=[]</script></body></html>';
const MANIFEST = '{"docCount":1}';

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'bns-site-'));
  await mkdir(path.join(dir, 'article'));
  await mkdir(path.join(dir, 'search'));
  await writeFile(path.join(dir, 'index.html'), PAGE);
  await writeFile(path.join(dir, '404.html'), PAGE);
  await writeFile(path.join(dir, 'article', 'index.html'), PAGE);
  await writeFile(path.join(dir, 'search', 'manifest.json'), MANIFEST);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('finishExport', () => {
  it('gives every page its policy, writes .nojekyll, leaves other files alone, and changes nothing when run again', async () => {
    const first = await finishExport(dir);
    expect(first.pages).toEqual(['404.html', path.join('article', 'index.html'), 'index.html']);
    const expected = withContentSecurityPolicy(PAGE, 'index.html');
    for (const page of first.pages) expect(await readFile(path.join(dir, page), 'utf8'), page).toBe(expected);
    expect(await readFile(path.join(dir, '.nojekyll'), 'utf8')).toBe('');
    expect(await readFile(path.join(dir, 'search', 'manifest.json'), 'utf8')).toBe(MANIFEST);

    await finishExport(dir);
    for (const page of first.pages) expect(await readFile(path.join(dir, page), 'utf8'), page).toBe(expected);
  });
});
