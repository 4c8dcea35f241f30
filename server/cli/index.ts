/**
 * `npm run --silent cli -- <command>`: the officer's command line. Every command honours DATA_DIR.
 */
import { openStore } from '../db/open.js';
import { NotAvailable } from '../services/surveys.js';
import { UsageError, type Command } from './io.js';
import * as crime from './commands/crime.js';
import * as link from './commands/link.js';
import * as officer from './commands/officer.js';
import * as population from './commands/population.js';
import * as report from './commands/report.js';
import * as responses from './commands/responses.js';
import * as survey from './commands/survey.js';
import * as wave from './commands/wave.js';
import * as weight from './commands/weight.js';

const commands: Record<string, { run: Command; usage: string }> = {
  survey: { run: survey.surveyCommand, usage: survey.usage },
  wave: { run: wave.waveCommand, usage: wave.usage },
  link: { run: link.linkCommand, usage: link.usage },
  responses: { run: responses.responsesCommand, usage: responses.usage },
  weight: { run: weight.weightCommand, usage: weight.usage },
  report: { run: report.reportCommand, usage: report.usage },
  crime: { run: crime.crimeCommand, usage: crime.usage },
  population: { run: population.populationCommand, usage: population.usage },
  officer: { run: officer.officerCommand, usage: officer.usage },
};

/** Errors that explain what to fix in the input: printed without a stack trace, exit code 1. */
const USER_ERRORS = new Set(['SurveyDefinitionError', 'MarginsError', 'WeightingError', 'CrimeImportError', 'PopulationError', 'OfficerError', 'PasswordError']);

const allUsage = () => Object.values(commands).map((c) => c.usage).join('\n');

export async function main(argv: string[]): Promise<number> {
  const [group, ...rest] = argv;
  const command = group ? commands[group] : undefined;
  if (!command) {
    process.stderr.write(`${group ? `Unknown command '${group}'.\n` : ''}Usage: npm run --silent cli -- <command>\n${allUsage()}\n`);
    return 2;
  }
  const store = openStore();
  try {
    return await command.run(rest, {
      store,
      out: (s) => process.stdout.write(s + '\n'),
      err: (s) => process.stderr.write(s + '\n'),
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
