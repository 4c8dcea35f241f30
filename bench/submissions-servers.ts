/**
 * Child processes for bench/submissions.ts: the CLI (to set up a survey), the real server and the
 * bare Hono baseline, each started with `tsx` so they run exactly as a user would run them.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const tsx = resolve(root, 'node_modules/.bin/tsx');

/** Runs `npm run cli -- <args>` against DATA_DIR = dataDir; throws with its stderr if it fails. */
export function cli(dataDir: string, args: string[]): string {
  return execFileSync(tsx, ['server/cli/index.ts', ...args], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, DEMO: '0' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export interface Running {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
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
        resolveStart({ url: m[1], child, stop: () => stopChild(child) });
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
