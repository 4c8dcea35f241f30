/**
 * Runs the officer CLI as `npm run cli -- …` does, with DATA_DIR set: in this process through
 * `runCli` (server/cli/run.ts, what server/cli/index.ts calls), which is quick, or as its own
 * process (`runCliProcess`) for the smoke test that the real entry point works.
 */
import { execFile } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli as runInProcess } from '../../../server/cli/run.js';
import type { Store } from '../../../server/store/open.js';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

// Links are printed with PUBLIC_URL or PORT; start each call from neither, unless the test sets them.
// Nor from DATABASE_URL: the store is DATA_DIR's SQLite file unless the test names a Postgres one (storeEnv).
const UNSET = ['PUBLIC_URL', 'PORT', 'DATABASE_URL'];

/** The variables that point the CLI at `store`: its DATABASE_URL when it is Postgres (else DATA_DIR's SQLite file, as given). */
export function storeEnv(store: Store): Record<string, string> {
  return store.kind === 'postgres' ? { DATABASE_URL: store.url } : {};
}

// The environment is the process's own, so in-process calls take turns.
let queue: Promise<unknown> = Promise.resolve();

/** One CLI call in this process, with DATA_DIR (and `env`) set only while it runs. */
export function runCli(dataDir: string, args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const call = queue.then(async () => {
    const vars = { ...Object.fromEntries(UNSET.map((k) => [k, undefined])), DATA_DIR: dataDir, ...env };
    const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
    const setAll = (values: Record<string, string | undefined>) => {
      for (const [k, v] of Object.entries(values)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    };
    const out: string[] = [];
    const err: string[] = [];
    setAll(vars);
    try {
      const code = await runInProcess(args, { out: (s) => out.push(s), err: (s) => err.push(s) });
      // As the process printed them: each line followed by a newline.
      const text = (lines: string[]) => (lines.length ? `${lines.join('\n')}\n` : '');
      return { code, stdout: text(out), stderr: text(err) };
    } finally {
      setAll(saved);
    }
  });
  queue = call.catch(() => undefined);
  return call;
}

/** One CLI call as its own process, through the real entry point server/cli/index.ts; `input` is piped to its standard input. */
export function runCliProcess(dataDir: string, args: string[], env: Record<string, string> = {}, input?: string): Promise<CliResult> {
  const base = { ...process.env };
  for (const k of UNSET) delete base[k];
  return new Promise((done) => {
    // `node --import tsx` rather than the tsx launcher saves a second process.
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', 'server/cli/index.ts', ...args],
      { cwd: root, env: { ...base, DATA_DIR: dataDir, ...env }, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        done({ code, stdout, stderr });
      },
    );
    if (input !== undefined) child.stdin?.end(input);
  });
}
