/**
 * The officer's command line as a function: `runCli(args, io)` runs one command against the store
 * in DATA_DIR and resolves to its exit code, so tests can call it in-process and index.ts can call
 * it with the process's output. Errors are mapped here once.
 */
import { readFileSync } from 'node:fs';
import { type Store, StoreRefused } from '../store/open.js';
import { openConfiguredStore } from '../store/connect.js';
import { SettingsError } from '../config.js';
import { HttpError, isDiskFull } from '../errors.js';
import { inPartnership } from '../store/partnership-scope.js';
import { UsageError, type CliIO, type Command, type StorelessCommand } from './io.js';

interface Loaded {
  run?: Command;
  /** Run without the store opened first. */
  runWithoutStore?: StorelessCommand;
  usage: string;
}

// Each command's code loads only when it is called, so a quick command starts quickly.
const commands: Record<string, () => Promise<Loaded>> = {
  survey: async () => {
    const m = await import('./commands/survey.js');
    return { run: m.surveyCommand, usage: m.usage };
  },
  wave: async () => {
    const m = await import('./commands/wave.js');
    return { run: m.waveCommand, usage: m.usage };
  },
  link: async () => {
    const m = await import('./commands/link.js');
    return { run: m.linkCommand, usage: m.usage };
  },
  responses: async () => {
    const m = await import('./commands/responses.js');
    return { run: m.responsesCommand, usage: m.usage };
  },
  weight: async () => {
    const m = await import('./commands/weight.js');
    return { run: m.weightCommand, usage: m.usage };
  },
  report: async () => {
    const m = await import('./commands/report.js');
    return { run: m.reportCommand, usage: m.usage };
  },
  crime: async () => {
    const m = await import('./commands/crime.js');
    return { run: m.crimeCommand, usage: m.usage };
  },
  population: async () => {
    const m = await import('./commands/population.js');
    return { run: m.populationCommand, usage: m.usage };
  },
  officer: async () => {
    const m = await import('./commands/officer.js');
    return { run: m.officerCommand, usage: m.usage };
  },
  priorities: async () => {
    const m = await import('./commands/priorities.js');
    return { run: m.prioritiesCommand, usage: m.usage };
  },
  backup: async () => {
    const m = await import('./commands/backup.js');
    return { run: m.backupCommand, usage: m.usage.split('\n')[0] };
  },
  restore: async () => {
    const m = await import('./commands/backup.js');
    return { runWithoutStore: m.restoreCommand, usage: m.usage.split('\n')[1] };
  },
  settings: async () => {
    const m = await import('./commands/settings.js');
    return { run: m.settingsCommand, usage: m.usage };
  },
  migrate: async () => {
    const m = await import('./commands/migrate.js');
    return { runWithoutStore: m.migrateCommand, usage: m.usage };
  },
  store: async () => {
    const m = await import('./commands/store.js');
    return { run: m.storeCommand, usage: m.usage };
  },
  jobs: async () => {
    const m = await import('./commands/jobs.js');
    return { run: m.jobsCommand, usage: m.usage };
  },
  partnership: async () => {
    const m = await import('./commands/partnership.js');
    return { run: m.partnershipCommand, usage: m.usage };
  },
};

/** Takes `--partnership slug` (or `--partnership=slug`) out of a command's arguments. */
function partnershipOption(args: string[]): { slug?: string; rest: string[] } {
  const i = args.findIndex((a) => a === '--partnership' || a.startsWith('--partnership='));
  if (i < 0) return { rest: args };
  const a = args[i]!;
  const inline = a.startsWith('--partnership=');
  const slug = inline ? a.slice('--partnership='.length) : args[i + 1];
  if (!slug || slug.startsWith('--')) throw new UsageError("--partnership needs the partnership's name in addresses, e.g. --partnership dover.");
  return { slug, rest: [...args.slice(0, i), ...args.slice(i + (inline ? 1 : 2))] };
}

/** Older error names that explain what to fix in the input, treated like an HttpError. */
const USER_ERRORS = new Set([
  'SurveyDefinitionError',
  'MarginsError',
  'WeightingError',
  'CrimeImportError',
  'PopulationError',
  'OfficerError',
  'PasswordError',
]);

const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };

const allUsage = async () => (await Promise.all(Object.values(commands).map((load) => load()))).map((c) => c.usage).join('\n');

/** Where a command's output goes: one call per line, without the newline. */
export type CliOutput = Pick<CliIO, 'out' | 'err'>;

/**
 * Runs one command. An HttpError (or one of the older user-error names) prints its message, no
 * stack, exit 1; a UsageError prints the usage, exit 2; anything else prints its stack, exit 1.
 */
export async function runCli(args: string[], io: CliOutput): Promise<number> {
  const [group, ...rest] = args;
  if (group === '--version' || group === '-V') {
    io.out(`${packageJson.name} ${packageJson.version}`);
    return 0;
  }
  if (group === '--help' || group === '-h' || group === 'help') {
    io.out(`Usage: npm run --silent cli -- <command>   (--help after a command for its options; --version)\n${await allUsage()}`);
    return 0;
  }
  const load = group && Object.hasOwn(commands, group) ? commands[group] : undefined;
  if (!load) {
    io.err(`${group ? `Unknown command '${group}'.\n` : ''}Usage: npm run --silent cli -- <command>\n${await allUsage()}`);
    return 2;
  }
  const command = await load();
  // Help never needs (or creates) the store.
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`Usage:\n${command.usage}`);
    return 0;
  }
  let store: Store | undefined;
  try {
    if (command.runWithoutStore) return await command.runWithoutStore(rest, { out: io.out, err: io.err });
    const { slug, rest: own } = partnershipOption(rest);
    store = await openConfiguredStore();
    const opened = store;
    if (slug === undefined) return await command.run!(own, { store, out: io.out, err: io.err });
    const { findPartnership } = await import('../partnerships/partnerships.js');
    const partnership = await findPartnership(opened, slug);
    return await inPartnership(partnership.id, () => command.run!(own, { store: opened, out: io.out, err: io.err }));
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${e.message}\nUsage:\n${command.usage}`);
      return 2;
    }
    if (e instanceof HttpError || e instanceof StoreRefused || e instanceof SettingsError || (e instanceof Error && USER_ERRORS.has(e.name))) {
      io.err(e.message);
      return 1;
    }
    if (isDiskFull(e)) {
      io.err(`The disk is full: nothing was saved. Free some space, then run the command again.`);
      return 1;
    }
    io.err(e instanceof Error ? (e.stack ?? e.message) : String(e));
    return 1;
  } finally {
    await store?.close();
  }
}
