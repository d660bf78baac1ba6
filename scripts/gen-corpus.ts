/**
 * `npm run gen-corpus -- --docs <n> --out <dir> [--seed <s>]`: writes a generated demo corpus
 * (Jekyll posts tagged 示例数据). Bad flags exit with code 2, write failures with code 1.
 */
import { readdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_GENERATE_OPTIONS, GenerateOptionsError, MAX_DOCS, validateGenerateOptions, writeCorpus, type GenerateOptions } from '../lib/corpus';
import { failFor, type Fail } from './cli';

const USAGE = `usage: npm run gen-corpus -- --docs <n> --out <dir> [--seed <s>]
  --docs <n>   number of articles, 1 to ${MAX_DOCS}
  --out <dir>  output directory, created when missing
  --seed <s>   integer seed (default ${DEFAULT_GENERATE_OPTIONS.seed}); same seed, same bytes`;

const usageError: Fail = failFor('gen-corpus', USAGE);

/** Accepts plain decimal integers only: Number('') is 0 and Number('1e3') is 1000, neither meant. */
function parseInteger(flag: string, text: string): number {
  if (!/^-?\d+$/.test(text.trim())) usageError(`--${flag} must be an integer, got ${JSON.stringify(text)}`);
  return Number(text);
}

let values: { docs?: string; out?: string; seed?: string; help?: boolean };
try {
  ({ values } = parseArgs({
    options: {
      docs: { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  }));
} catch (err) {
  usageError(err instanceof Error ? err.message : String(err));
}

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (values.docs === undefined) usageError('--docs is required');
if (values.out === undefined || values.out.trim() === '') usageError('--out is required');

const outDir = values.out;
let options: GenerateOptions;
try {
  options = validateGenerateOptions({
    docs: parseInteger('docs', values.docs),
    seed: values.seed === undefined ? DEFAULT_GENERATE_OPTIONS.seed : parseInteger('seed', values.seed),
  });
} catch (err) {
  if (err instanceof GenerateOptionsError) usageError(err.message);
  throw err;
}

const started = performance.now();
try {
  const { files, bytes } = await writeCorpus(outDir, options);
  const seconds = (performance.now() - started) / 1000;
  console.log(`wrote ${files} articles to ${outDir} (${(bytes / 1e6).toFixed(1)} MB) in ${seconds.toFixed(1)} s`);
  // Files from an earlier, larger run would silently mix into this corpus: say so.
  // Generated names are unique, so every .md beyond the ones just written is someone else's.
  const stale = readdirSync(outDir).filter((name) => name.endsWith('.md')).length - files;
  if (stale > 0) console.error(`gen-corpus: note: ${outDir} also holds ${stale} other .md files, left in place`);
} catch (err) {
  console.error(`gen-corpus: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
