/**
 * Runs the officer CLI exactly as `npm run cli -- …` does (its own process, DATA_DIR set), but
 * through `node --import tsx` rather than the tsx launcher, which saves a second process per call.
 */
import { execFile } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(dataDir: string, args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  // Links are printed with PUBLIC_URL or PORT; start each call from neither, unless the test sets them.
  const base = { ...process.env };
  delete base.PUBLIC_URL;
  delete base.PORT;
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'server/cli/index.ts', ...args],
      { cwd: root, env: { ...base, DATA_DIR: dataDir, ...env }, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}
