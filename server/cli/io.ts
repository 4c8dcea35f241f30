/** What every CLI command gets: the store, and where to write results and messages. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Store } from '../store/open.js';

export interface CliIO {
  store: Store;
  out: (s: string) => void;
  err: (s: string) => void;
  /** Where secrets (passwords) are read from; default standard input. Tests pass text. */
  stdin?: NodeJS.ReadableStream;
  /** Where a hidden prompt's question is written (stdout stays for results); default standard error. */
  prompts?: NodeJS.WritableStream;
}

export type Command = (args: string[], io: CliIO) => Promise<number> | number;

/** A command that must not open the store itself (restore swaps the file). */
export type StorelessCommand = (args: string[], io: Omit<CliIO, 'store'>) => Promise<number> | number;

/** A mistake in how the command was called: printed with the usage, exit code 2. */
export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses `--flag value` options strictly, turning node's errors into a UsageError. */
export function flags<O extends Options>(args: string[], options: O, required: (keyof O & string)[] = []) {
  const parse = () => {
    try {
      return parseArgs({ args, options, strict: true, allowPositionals: false });
    } catch (e) {
      throw new UsageError((e as Error).message.replace(/\. To specify.*$/s, '.'));
    }
  };
  const parsed = parse();
  const values = parsed.values as Record<string, unknown>;
  const missing = required.filter((k) => values[k] === undefined);
  if (missing.length) throw new UsageError(`Missing ${missing.map((k) => `--${k}`).join(', ')}.`);
  return parsed.values;
}
