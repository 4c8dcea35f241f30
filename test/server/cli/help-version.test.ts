/** `--version`, `--help`, and `<command> --help`: exit 0, on stdout, without touching the data folder. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { usage as surveyUsage } from '../../../server/cli/commands/survey.js';
import { usage as weightUsage } from '../../../server/cli/commands/weight.js';
import { root, runCli } from './run-cli.js';

const dir = join(mkdtempSync(join(tmpdir(), 'csp-help-')), 'data');
afterAll(() => rmSync(join(dir, '..'), { recursive: true, force: true }));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string };

describe('CLI help and version', () => {
  it('--version prints the name and version', async () => {
    expect(await runCli(dir, ['--version'])).toEqual({ code: 0, stdout: `${pkg.name} ${pkg.version}\n`, stderr: '' });
  });

  it('--help lists every command on stdout', async () => {
    const r = await runCli(dir, ['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('Usage: npm run --silent cli -- <command>   (--help after a command for its options; --version)\n')).toBe(true);
    expect(r.stdout).toContain(surveyUsage);
    expect(r.stdout).toContain(weightUsage);
  });

  it.each([
    ['survey', surveyUsage],
    ['weight', weightUsage],
  ])('%s --help prints that command’s usage', async (command, usage) => {
    expect(await runCli(dir, [command, '--help'])).toEqual({ code: 0, stdout: `Usage:\n${usage}\n`, stderr: '' });
    expect(existsSync(dir)).toBe(false); // no store was opened (or created)
  });
});
