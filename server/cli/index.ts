/**
 * `npm run --silent cli -- <command>`: the officer's command line. Every command honours DATA_DIR.
 */
import { openStore } from '../store/open.js';
import { NotAvailable } from '../surveys/surveys.js';
import { UsageError, type Command } from './io.js';

interface Loaded {
  run: Command;
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
};

/** Errors that explain what to fix in the input: printed without a stack trace, exit code 1. */
const USER_ERRORS = new Set([
  'SurveyDefinitionError',
  'MarginsError',
  'WeightingError',
  'CrimeImportError',
  'PopulationError',
  'OfficerError',
  'PasswordError',
]);

const allUsage = async () => (await Promise.all(Object.values(commands).map((load) => load()))).map((c) => c.usage).join('\n');

export async function main(argv: string[]): Promise<number> {
  const [group, ...rest] = argv;
  const load = group && Object.hasOwn(commands, group) ? commands[group] : undefined;
  if (!load) {
    process.stderr.write(`${group ? `Unknown command '${group}'.\n` : ''}Usage: npm run --silent cli -- <command>\n${await allUsage()}\n`);
    return 2;
  }
  const command = await load();
  const store = openStore();
  try {
    return await command.run(rest, {
      store,
      out: (s) => process.stdout.write(`${s}\n`),
      err: (s) => process.stderr.write(`${s}\n`),
    });
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message}\nUsage:\n${command.usage}\n`);
      return 2;
    }
    if (e instanceof NotAvailable || (e instanceof Error && USER_ERRORS.has(e.name))) {
      process.stderr.write(`${e.message}\n`);
      return 1;
    }
    throw e;
  } finally {
    store.close();
  }
}

main(process.argv.slice(2)).then((code) => (process.exitCode = code));
