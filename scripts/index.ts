import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { buildIndex, DEFAULT_BUILD_OPTIONS, type BuildOptions } from '../lib/indexer';
import { DEFAULT_INDEX_DIR, failFor, type Fail } from './cli';

const USAGE = `usage: npm run index -- [--src <dir>]... [--out <dir>] [--report <file.json>] [--workers <n>] [--strict] [--quiet]
  --workers <n>  threads that fold, cut and segment articles beside the one building postings
                 (default: ${DEFAULT_BUILD_OPTIONS.workers} here; 0 does everything in one thread)`;
const DEFAULT_SRC = 'data/demo';
const fail: Fail = failFor('index', USAGE);

let values;
try {
  ({ values } = parseArgs({
    options: {
      src: { type: 'string', multiple: true },
      out: { type: 'string' },
      report: { type: 'string' },
      workers: { type: 'string' },
      strict: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  }));
} catch (e) {
  fail((e as Error).message);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const workers = values.workers === undefined ? DEFAULT_BUILD_OPTIONS.workers : Number(values.workers);
if (!Number.isInteger(workers) || workers < 0 || workers > 64) {
  fail(`--workers must be a whole number from 0 to 64, got ${JSON.stringify(values.workers)}`);
}
const srcDirs = values.src?.length ? values.src : [DEFAULT_SRC];
const outDir = values.out ?? DEFAULT_INDEX_DIR;
const tty = process.stderr.isTTY && !values.quiet;
const bar = tty ? new cliProgress.SingleBar({ format: ' {phase} [{bar}] {value}/{total}', hideCursor: true }, cliProgress.Presets.shades_classic) : null;
let phase = '';
const onProgress: BuildOptions['onProgress'] = (p, done, total) => {
  if (!bar) return;
  if (p !== phase) {
    if (phase) bar.stop();
    phase = p;
    bar.start(total, 0, { phase: p.padEnd(5) });
  }
  if (done === total || done % 50 === 0) bar.update(done, { phase: p.padEnd(5) });
};

const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

try {
  const { report } = await buildIndex({ srcDirs, outDir, onProgress, workers });
  bar?.stop();
  if (values.report) await writeFile(values.report, JSON.stringify(report, null, 2));
  for (const e of report.errors) console.error(`skipped ${e.path}: ${e.reason}`);
  const s = report.stats;
  console.log(
    `indexed ${s.documents} of ${s.files} files (${s.errors} errors, ${s.clusters} near-duplicate clusters) into ${outDir}: ` +
      `${s.indexFiles} files, ${(s.indexBytes / 1e6).toFixed(1)} MB, ${s.shards} term shards, in ${(s.buildMs / 1000).toFixed(1)} s ` +
      `(read ${sec(s.phaseMs.read)}, cluster ${sec(s.phaseMs.cluster)}, index ${sec(s.phaseMs.index)}, write ${sec(s.phaseMs.write)})`,
  );
  if (s.files === 0) {
    console.error(`index: no .md, .markdown, .html or .txt files under ${srcDirs.join(', ')}`);
    process.exit(1);
  }
  if (values.strict && s.errors > 0) process.exit(1);
} catch (e) {
  bar?.stop();
  console.error(`index: build failed, the index in ${outDir} was left as it was: ${(e as Error).message}`);
  process.exit(1);
}
