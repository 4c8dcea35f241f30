/**
 * Runs several officer CLI commands in ONE process (the same command functions the CLI runs,
 * on the same DATA_DIR, or DATABASE_URL), so setting up a browser test costs one start-up instead of one per
 * command. Usage: tsx test/e2e/cli-batch.ts '[["survey","add","--file","x.survey.json"], ...]'
 * Prints a JSON array with each command's output; exits 1 at the first command that fails.
 */
import { openConfiguredStore } from '../../server/store/connect.js';
import type { Command } from '../../server/cli/io.js';
import { linkCommand } from '../../server/cli/commands/link.js';
import { responsesCommand } from '../../server/cli/commands/responses.js';
import { surveyCommand } from '../../server/cli/commands/survey.js';
import { waveCommand } from '../../server/cli/commands/wave.js';

const commands: Record<string, Command> = { survey: surveyCommand, wave: waveCommand, link: linkCommand, responses: responsesCommand };

const batch = JSON.parse(process.argv[2] ?? '[]') as string[][];
const store = await openConfiguredStore();
const outputs: string[] = [];
try {
  for (const [group, ...args] of batch) {
    const run = commands[group];
    if (!run) throw new Error(`Unknown command '${group}'.`);
    let out = '';
    let err = '';
    const code = await run(args, { store, out: (s) => (out += `${s}\n`), err: (s) => (err += `${s}\n`) });
    if (code !== 0) throw new Error(`'${[group, ...args].join(' ')}' exited with ${code}: ${err}`);
    outputs.push(out);
  }
  process.stdout.write(JSON.stringify(outputs));
} catch (e) {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exitCode = 1;
} finally {
  await store.close();
}
