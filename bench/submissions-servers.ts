/**
 * Child processes for bench/submissions.ts: the CLI (to set up a survey), the real server and the
 * bare Hono baseline, each started with `tsx` so they run exactly as a user would run them.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const tsx = resolve(root, 'node_modules/.bin/tsx');

/** Runs `npm run cli -- <args>` against DATA_DIR = dataDir (and `env`: DATABASE_URL); throws with its stderr if it fails. */
export function cli(dataDir: string, args: string[], env: Record<string, string> = {}): string {
  return execFileSync(tsx, ['server/cli/index.ts', ...args], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, DEMO: '0', ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export interface Running {
  url: string;
  child: ChildProcess;
  /** CPU seconds (user + system) used so far by the process and its children (tsx runs node as a child); null off Linux. */
  cpuSeconds(): number | null;
  stop(): Promise<void>;
}

const CLOCK_TICKS = 100; // USER_HZ on Linux

/** utime + stime of a process and, recursively, its live children, from /proc. */
function treeCpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  let ticks = Number(fields[11]) + Number(fields[12]);
  let children = '';
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8');
  } catch {
    // no children file: count the process alone
  }
  for (const child of children.trim().split(/\s+/).filter(Boolean)) ticks += treeCpuTicks(Number(child));
  return ticks;
}

/** Starts `tsx <script>` on a free port and resolves once it prints "Listening on <url>". */
export function startServer(script: string, env: Record<string, string> = {}): Promise<Running> {
  const child = spawn(tsx, [script], {
    cwd: root,
    env: { ...process.env, PORT: '0', DEMO: '0', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolveStart, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start within 30 s:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /Listening on (http:\/\/\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        // Keep draining output so a chatty server never blocks on a full pipe.
        child.stdout!.resume();
        resolveStart({
          url: m[1],
          child,
          cpuSeconds: () => {
            try {
              return treeCpuTicks(child.pid!) / CLOCK_TICKS;
            } catch {
              return null;
            }
          },
          stop: () => stopChild(child),
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with code ${code} before listening:\n${output}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      done();
    });
    child.kill('SIGTERM');
  });
}
