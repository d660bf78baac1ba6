import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { BenchStepError } from './errors';

/** How a measured child process ended, and what it cost. */
export interface MeasuredRun {
  wallMs: number;
  /**
   * Peak resident memory of the whole process tree: the larger of the sampled sum over the tree (a
   * Pagefind build is a Node process plus Pagefind's own binary, both large) and the kernel's maximum
   * for the single largest process (which catches a spike between two samples).
   */
  peakRssBytes: number;
  /** The sampled peak of the tree's summed RSS alone. */
  sampledTreeRssBytes: number;
  /** The kernel's peak RSS of the largest single process, from GNU time; null when /usr/bin/time is absent. */
  kernelMaxRssBytes: number | null;
  exitCode: number | null;
  signal: string | null;
  /** The last lines of stdout and stderr, for error messages. */
  output: string;
}

/** Options of {@link runMeasured}. */
export interface MeasureOptions {
  cwd: string;
  /** Environment of the child; inherited when omitted. */
  env?: NodeJS.ProcessEnv;
  /** RSS sampling period. */
  sampleMs: number;
  /** Killed (SIGKILL, whole group) after this long. */
  timeoutMs: number;
  /** Called with each line the child prints, for progress. */
  onLine?: (line: string) => void;
}

const GNU_TIME = '/usr/bin/time';
const PAGE = 4096;

/** Every process whose parent chain leads to `root`, `root` included, with its RSS in bytes (Linux /proc). */
async function treeRss(root: number): Promise<number> {
  let entries: string[];
  try {
    entries = await readdir('/proc');
  } catch {
    return 0;
  }
  const parent = new Map<number, number>();
  const rss = new Map<number, number>();
  await Promise.all(
    entries
      .filter((e) => /^\d+$/.test(e))
      .map(async (e) => {
        try {
          const stat = await readFile(`/proc/${e}/stat`, 'utf8');
          // Fields after the command (which may hold spaces and parentheses) start after the last ')'.
          const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
          parent.set(Number(e), Number(rest[1]));
          rss.set(Number(e), Number(rest[21]) * PAGE);
        } catch {
          // The process ended while we looked: it holds no memory any more.
        }
      }),
  );
  let total = 0;
  for (const [pid, bytes] of rss) {
    let p: number | undefined = pid;
    for (let hops = 0; p !== undefined && p > 1 && hops < 64; hops++) {
      if (p === root) {
        total += bytes;
        break;
      }
      p = parent.get(p);
    }
  }
  return total;
}

/**
 * Runs `command args` as a child process, measuring its wall time and the peak RSS of its whole process
 * tree. Wrapped in GNU time when present, whose `%M` is the kernel's own peak of the largest process.
 * Never throws for a failing child: the caller reads `exitCode`.
 * @throws {@link BenchStepError} only when the process cannot be started at all.
 */
export function runMeasured(command: string, args: string[], opts: MeasureOptions): Promise<MeasuredRun> {
  const useTime = existsSync(GNU_TIME);
  const marker = '@@bench-max-rss-kb=';
  const [cmd, argv] = useTime ? [GNU_TIME, ['-f', `${marker}%M`, command, ...args]] : [command, args];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, argv, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let tail: string[] = [];
    let kernelKb: number | null = null;
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line.trim()) continue;
        if (line.startsWith(marker)) {
          kernelKb = Number(line.slice(marker.length));
          continue;
        }
        tail.push(line);
        opts.onLine?.(line);
      }
      if (tail.length > 40) tail = tail.slice(-20);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    let sampled = 0;
    let sampling = false;
    const timer = setInterval(() => {
      if (sampling || child.pid === undefined) return;
      sampling = true;
      void treeRss(child.pid)
        .then((b) => {
          sampled = Math.max(sampled, b);
        })
        .finally(() => {
          sampling = false;
        });
    }, opts.sampleMs);
    const killer = setTimeout(() => {
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
    }, opts.timeoutMs);
    child.once('error', (e) => {
      clearInterval(timer);
      clearTimeout(killer);
      reject(new BenchStepError('start process', command, e.message, { cause: e }));
    });
    child.once('close', (code, signal) => {
      clearInterval(timer);
      clearTimeout(killer);
      const wallMs = performance.now() - started;
      const kernel = kernelKb === null || !Number.isFinite(kernelKb) ? null : kernelKb * 1024;
      resolve({
        wallMs,
        peakRssBytes: Math.max(sampled, kernel ?? 0),
        sampledTreeRssBytes: sampled,
        kernelMaxRssBytes: kernel,
        exitCode: code,
        signal,
        output: tail.slice(-12).join('\n'),
      });
    });
  });
}
