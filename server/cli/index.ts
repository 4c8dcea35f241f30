/** `npm run --silent cli -- <command>`: the officer's command line (server/cli/run.ts). Every command honours DATA_DIR. */
import { runCli } from './run.js';

const io = { out: (s: string) => process.stdout.write(`${s}\n`), err: (s: string) => process.stderr.write(`${s}\n`) };
void runCli(process.argv.slice(2), io).then((code) => (process.exitCode = code));
