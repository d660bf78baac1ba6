import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  BENCH_QUERIES,
  BENCHMARKS_HEAD,
  BenchOptionsError,
  checkBenchReport,
  DEFAULT_BENCH_OPTIONS,
  formatBreakdown,
  formatErrors,
  formatFloor,
  formatFrameFloor,
  formatP95Query,
  formatTable,
  formatUpdateNotes,
  formatUpdateTable,
  mergeBenchReport,
  readBenchHistory,
  renderBenchChart,
  runBench,
  serializeBenchHistory,
  updateBenchmarksMarkdown,
  type BenchHistory,
  type BenchReport,
  type HistoryProvenance,
} from '../lib/bench';
import { FORMAT_VERSION } from '../lib/index-format';
import { DEFAULT_CHROMIUM_PATH, failFor, type Fail } from './cli';

/**
 * `npm run bench -- --docs <n> [--json <file>] [--keep <dir>]`: our index against Pagefind on the same n
 * generated articles, measured in Chromium (see docs/BENCHMARKS.md for what each number means). Prints
 * a table, updates docs/BENCHMARKS.md, docs/bench-history.json and the chart drawn from it,
 * docs/bench-chart.svg, and writes the full report as JSON when asked. With `--update <k>`, then updates our
 * index after a change of the corpus and sets the update against a full build.
 */
const USAGE = `usage: npm run bench -- --docs <n> [--update <k>] [--json <file>] [--keep <dir>] [--seed <s>] [--site <dir>] [--passes <k>] [--build-timeout <min>] [--no-pagefind] [--no-docs]
       npm run bench -- --render <report.json>
       npm run bench -- --chart
  --docs <n>     articles to generate and index
  --update <k>   then add k newer articles, rewrite k/10 files and remove k/10, update our index in place and
                 compare it with a full build of the same files (time, memory, files written, queries, answers);
                 with --keep, the corpus and site/search are left as changed
  --json <file>  write the full report (every query's numbers too) as JSON
  --keep <dir>   build in <dir> and keep it (corpus, both indexes, both sites); default: a temporary folder, removed
  --seed <s>     generator seed (default ${DEFAULT_BENCH_OPTIONS.seed})
  --site <dir>   reuse this static export of the site instead of running next build (it must carry the bench marks)
  --passes <k>   measured warm passes over the queries (default ${DEFAULT_BENCH_OPTIONS.warmPasses})
  --build-timeout <min>  kill an index build that runs longer and report it failed (default ${DEFAULT_BENCH_OPTIONS.buildTimeoutMs / 60_000})
  --no-pagefind  build and measure ours only (Pagefind's column stays empty): a run about the update, or a size Pagefind cannot build
  --no-docs      do not update docs/BENCHMARKS.md, docs/bench-history.json and docs/bench-chart.svg
  --render <f>   measure nothing: print the table of a saved JSON report and put it in docs/BENCHMARKS.md
                 and docs/bench-history.json (without its commit and format, which the report does not hold)
  --chart        measure nothing: draw docs/bench-chart.svg again from docs/bench-history.json
Chromium: CHROMIUM_PATH, else ${DEFAULT_CHROMIUM_PATH}.`;

const usageError: Fail = failFor('bench', USAGE);

function integer(flag: string, text: string | undefined, fallback: number | null): number {
  if (text === undefined) {
    if (fallback === null) usageError(`--${flag} is required`);
    return fallback;
  }
  if (!/^\d+$/.test(text)) usageError(`--${flag} must be a non-negative integer, got ${JSON.stringify(text)}`);
  return Number(text);
}

function parse() {
  try {
    return parseArgs({
      options: {
        docs: { type: 'string' },
        update: { type: 'string' },
        json: { type: 'string' },
        keep: { type: 'string' },
        seed: { type: 'string' },
        site: { type: 'string' },
        passes: { type: 'string' },
        'build-timeout': { type: 'string' },
        'no-docs': { type: 'boolean', default: false },
        'no-pagefind': { type: 'boolean', default: false },
        render: { type: 'string' },
        chart: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (e) {
    usageError((e as Error).message);
  }
}
const values = parse();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const repoRoot = process.cwd();
const docsFile = path.join(repoRoot, 'docs', 'BENCHMARKS.md');
const historyFile = path.join(repoRoot, 'docs', 'bench-history.json');
const chartFile = path.join(repoRoot, 'docs', 'bench-chart.svg');

function readHistory(): BenchHistory {
  try {
    return readBenchHistory(historyFile);
  } catch (e) {
    console.error(`bench: ${(e as Error).message}`);
    process.exit(1);
  }
}

function writeChart(history: BenchHistory): void {
  writeFileSync(chartFile, renderBenchChart(history));
  console.log(`updated ${path.relative(repoRoot, chartFile)}`);
}

/** The checkout measured: `2fd7591`, with `-dirty` when tracked files differ from it; null outside a git checkout. */
function checkout(): string | null {
  try {
    const out = execFileSync('git', ['describe', '--always', '--dirty', '--abbrev=7', '--exclude', '*'], {
      cwd: repoRoot,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return out.trim() || null;
  } catch {
    return null;
  }
}

/** Prints `report`; unless --no-docs, puts it in docs/BENCHMARKS.md and merges it into `history` (null then). */
function publish(report: BenchReport, history: BenchHistory | null, provenance: HistoryProvenance): void {
  console.log(`\n${formatTable(report)}\n\n${formatFloor(report)}\n${formatFrameFloor(report)}\n${formatBreakdown(report)}\n${formatP95Query(report)}`);
  if (report.update) console.log(`\n${formatUpdateTable(report)}\n\n${formatUpdateNotes(report)}`);
  const errors = formatErrors(report);
  if (errors.length) console.log(`\nFailures:\n${errors.map((e) => `  ${e}`).join('\n')}`);
  if (values.json) {
    writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`\nwrote ${values.json}`);
  }
  if (!values['no-docs']) {
    const existing = existsSync(docsFile) ? readFileSync(docsFile, 'utf8') : null;
    writeFileSync(docsFile, updateBenchmarksMarkdown(existing, report, BENCHMARKS_HEAD));
    console.log(`updated ${path.relative(repoRoot, docsFile)}`);
  }
  if (history) {
    const merged = mergeBenchReport(history, report, provenance);
    writeFileSync(historyFile, serializeBenchHistory(merged));
    console.log(`updated ${path.relative(repoRoot, historyFile)}`);
    writeChart(merged);
  }
}

if (values.chart) {
  writeChart(readHistory());
  process.exit(0);
}

// Read before measuring, so that a malformed file stops the bench before a run that can take an hour, not after it.
const history = values['no-docs'] ? null : readHistory();

if (values.render) {
  try {
    publish(checkBenchReport(JSON.parse(readFileSync(values.render, 'utf8'))), history, { commit: null, format: null });
  } catch (e) {
    console.error(`bench: ${values.render}: ${(e as Error).message}`);
    process.exit(1);
  }
  process.exit(0);
}

const docs = integer('docs', values.docs, null);
const chromiumPath = process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM_PATH;
const workDir = values.keep ? path.resolve(values.keep) : mkdtempSync(path.join(os.tmpdir(), 'bns-bench-'));
const args = process.argv.slice(2).filter((a) => a !== '--');
const command = `npm run bench -- ${args.join(' ')}`;

const buildTimeoutMinutes = integer('build-timeout', values['build-timeout'], DEFAULT_BENCH_OPTIONS.buildTimeoutMs / 60_000);
if (buildTimeoutMinutes < 1) usageError('--build-timeout must be at least 1 minute');

const started = Date.now();
// Taken before the run: what was measured is the tree it started from (the run itself rewrites files of docs/).
const provenance: HistoryProvenance = { commit: checkout(), format: FORMAT_VERSION };
try {
  const report = await runBench({
    docs,
    seed: integer('seed', values.seed, DEFAULT_BENCH_OPTIONS.seed),
    workDir,
    repoRoot,
    chromiumPath,
    siteDir: values.site ? path.resolve(values.site) : null,
    // The bench serves its export at the root, so a BASE_PATH set for `npm run build` must not reach its next build.
    childEnv: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', BASE_PATH: '' },
    queries: BENCH_QUERIES,
    warmPasses: integer('passes', values.passes, DEFAULT_BENCH_OPTIONS.warmPasses),
    update: values.update === undefined ? null : integer('update', values.update, null),
    pagefind: !values['no-pagefind'],
    buildTimeoutMs: buildTimeoutMinutes * 60_000,
    command,
    log: (line) => console.log(line),
  });
  publish(report, history, provenance);
  console.log(`bench: done in ${((Date.now() - started) / 60_000).toFixed(1)} min`);
} catch (e) {
  if (e instanceof BenchOptionsError) usageError(e.message);
  console.error(`bench: ${(e as Error).message}`);
  process.exitCode = 1;
} finally {
  if (!values.keep) rmSync(workDir, { recursive: true, force: true });
}
