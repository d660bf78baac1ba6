import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { DEFAULT_LINK_OPTIONS, LinkOptionsError, postLinker, type LinkOptions } from '../lib/ingest';
import { buildIndex, combineIndexes, CombineError, DEFAULT_BUILD_OPTIONS, IndexBusyError, type BuildOptions } from '../lib/indexer';
import { CliError, DEFAULT_INDEX_DIR, defaultStateDir, failFor, orFail, type Fail } from './cli';

const USAGE = `usage: npm run index -- [--src <dir>]... [--out <dir>] [--report <file.json>] [--workers <n>] [--strict] [--quiet]
                       [--link <permalink> [--site-url <url>] [--timezone <zone>]] [--full | --compact] [--state <dir>]
       npm run index -- --combine <part> <part>... [--out <dir>] [--report <file.json>] [--state <dir>]
  Run it again after articles change: it reads only the added and changed files (an update).
  --combine <part>...  join indexes built apart (each with its state in <part>/.state or the default place)
                       as segments of one index, without analysing their articles again
  --full               rebuild from scratch, ignoring the index there
  --compact            rebuild into one segment
  --state <dir>        where the update keeps what it knows of the index, never served
                       (default: .index-state/<the --out path>)
  --workers <n>        threads that fold, cut and segment articles beside the one building postings
                       (default: ${DEFAULT_BUILD_OPTIONS.workers} here; 0 does everything in one thread)
  --link <permalink>   link each Jekyll post to its page on the site, as Jekyll 4.3 makes the URL: the site's
                       permalink setting, a style (date, pretty, ordinal, weekdate, none) or a template such as
                       '/:categories/:year/:month/:day/:title:output_ext'; a post's own permalink comes first
  --site-url <url>     the site's http(s) address (its url and baseurl), before every link (default: none,
                       links are paths on the host serving the search)
  --timezone <zone>    the site's timezone setting, an IANA name (default: ${DEFAULT_LINK_OPTIONS.timeZone})`;
const DEFAULT_SRC = 'data/demo';
const fail: Fail = failFor('index', USAGE);

let values;
let positionals: string[] = [];
try {
  ({ values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      src: { type: 'string', multiple: true },
      out: { type: 'string' },
      report: { type: 'string' },
      workers: { type: 'string' },
      link: { type: 'string' },
      'site-url': { type: 'string' },
      timezone: { type: 'string' },
      strict: { type: 'boolean', default: false },
      full: { type: 'boolean', default: false },
      compact: { type: 'boolean', default: false },
      state: { type: 'string' },
      combine: { type: 'boolean', default: false },
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
if (positionals.length && !values.combine) fail(`unexpected argument ${JSON.stringify(positionals[0])}: only --combine takes a list of folders`);
if (values.combine) {
  if (positionals.length === 0) fail('--combine needs the folders of the parts to join');
  const clash = ['src', 'link', 'site-url', 'timezone', 'full', 'compact'].find(
    (f) => values[f as keyof typeof values] !== undefined && values[f as keyof typeof values] !== false,
  );
  if (clash) fail(`--combine joins indexes as they were built: --${clash} does not go with it`);
}

const workers = values.workers === undefined ? DEFAULT_BUILD_OPTIONS.workers : Number(values.workers);
if (!Number.isInteger(workers) || workers < 0 || workers > 64) {
  fail(`--workers must be a whole number from 0 to 64, got ${JSON.stringify(values.workers)}`);
}
/** The flag of each link option, for errors. */
const LINK_FLAGS: Record<keyof LinkOptions, string> = { permalink: '--link', siteUrl: '--site-url', timeZone: '--timezone' };

/**
 * The link options the flags ask for, checked here, before any article is read; null without `--link`.
 * @throws {CliError} naming the flag and value that cannot make links.
 */
function linkOptions(permalink: string | undefined, siteUrl: string | undefined, timeZone: string | undefined): LinkOptions | null {
  if (permalink === undefined) {
    if (siteUrl !== undefined || timeZone !== undefined) throw new CliError('--site-url and --timezone go with --link, which is missing');
    return null;
  }
  const options: LinkOptions = { permalink, siteUrl: siteUrl ?? DEFAULT_LINK_OPTIONS.siteUrl, timeZone: timeZone ?? DEFAULT_LINK_OPTIONS.timeZone };
  try {
    postLinker(options);
  } catch (e) {
    if (e instanceof LinkOptionsError) throw new CliError(`${LINK_FLAGS[e.option]} ${JSON.stringify(e.value)}: ${e.reason}`);
    throw e;
  }
  return options;
}

const link = orFail(fail, () => linkOptions(values.link, values['site-url'], values.timezone));
const srcDirs = values.src?.length ? values.src : [DEFAULT_SRC];
const outDir = values.out ?? DEFAULT_INDEX_DIR;
if (values.full && values.compact) fail('--full and --compact are two ways to rebuild: give one');
const mode: BuildOptions['mode'] = values.full ? 'full' : values.compact ? 'compact' : 'update';
const stateDir = values.state ?? defaultStateDir(outDir);
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
  const { report } = values.combine
    ? await combineIndexes({
        parts: positionals.map((part) => ({
          outDir: part,
          stateDir: existsSync(path.join(part, '.state')) ? path.join(part, '.state') : defaultStateDir(part),
        })),
        outDir,
        stateDir,
        onProgress,
        workers,
      })
    : await buildIndex({ srcDirs, outDir, onProgress, workers, link, mode, stateDir });
  bar?.stop();
  if (values.report) await writeFile(values.report, JSON.stringify(report, null, 2));
  for (const e of report.errors) console.error(`skipped ${e.path}: ${e.reason}`);
  const s = report.stats;
  const u = s.update;
  const n = (x: number) => x.toLocaleString('en-US');
  if (u.kind === 'full') {
    console.log(
      `indexed ${s.documents} of ${s.files} files (${s.errors} errors, ${s.clusters} near-duplicate clusters) into ${outDir}: ` +
        `${s.indexFiles} files, ${(s.indexBytes / 1e6).toFixed(1)} MB, ${s.shards} term shards, in ${(s.buildMs / 1000).toFixed(1)} s ` +
        `(read ${sec(s.phaseMs.read)}, cluster ${sec(s.phaseMs.cluster)}, index ${sec(s.phaseMs.index)}, write ${sec(s.phaseMs.write)}); ` +
        `full build: ${u.reason}`,
    );
  } else if (u.kind === 'combine') {
    console.log(
      `combined ${positionals.length} parts into ${outDir}: ${n(s.documents)} documents (${n(u.rewritten)} near-duplicates across parts written again); ` +
        `${u.segments} segments; wrote ${n(u.filesWritten)} files, ${(u.bytesWritten / 1e6).toFixed(1)} MB, in ${sec(s.buildMs)}`,
    );
  } else {
    console.log(
      `updated ${outDir}: +${n(u.added)} added, ${n(u.changed)} changed, ${n(u.removed)} removed, ${n(u.unchanged)} unchanged` +
        `${u.rewritten ? ` (${n(u.rewritten)} rewritten: near-duplicates and merged segments)` : ''}` +
        `${s.errors ? `, ${n(s.errors)} errors` : ''}; ${u.segments} segment${u.segments === 1 ? '' : 's'}; ` +
        `wrote ${n(u.filesWritten)} files, ${(u.bytesWritten / 1e6).toFixed(1)} MB, in ${sec(s.buildMs)}`,
    );
  }
  if (s.files === 0 && !values.combine) {
    console.error(`index: no .md, .markdown, .html or .txt files under ${srcDirs.join(', ')}`);
    process.exit(1);
  }
  if (values.strict && s.errors > 0) process.exit(1);
} catch (e) {
  bar?.stop();
  if (e instanceof IndexBusyError || e instanceof CombineError) {
    console.error(`index: ${e.message}`);
    process.exit(1);
  }
  console.error(`index: build failed, the index in ${outDir} was left as it was: ${(e as Error).message}`);
  process.exit(1);
}
