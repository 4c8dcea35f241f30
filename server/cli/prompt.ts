/**
 * Reading a secret (a password) for the CLI: typed at a hidden prompt when standard input is a
 * terminal, or the first line of a pipe. Never an argument, so it stays out of `ps` and the
 * shell's history.
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { BadRequest, Unprocessable } from '../errors.js';

// HttpErrors, so cli/run.ts prints the message alone with exit code 1, as for any refused input.
/** The person pressed Ctrl+C or Ctrl+D at the prompt: nothing is done. */
export class PromptCancelled extends BadRequest {
  constructor() {
    super('Cancelled: nothing was changed.');
  }
}

/** The two typings at the prompt were not the same. */
export class PasswordsDiffer extends Unprocessable {
  constructor() {
    super('The two passwords are not the same: nothing was created. Run the command again.');
  }
}

/** The first line of `input` (a pipe), without its line ending. */
export async function readFirstLine(input: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of input) {
    text += chunk.toString();
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0];
}

/**
 * Asks each of `questions` in turn on `output` and reads one line for each from the terminal
 * `input` without echoing it (one readline in terminal mode, its output muted after each question,
 * so lines typed ahead are not lost). Rejects with PromptCancelled on Ctrl+C or the end of the input.
 */
export function readHiddenLines(questions: string[], input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Promise<string[]> {
  let muted = false;
  const sink = new Writable({
    write(chunk, _encoding, done) {
      if (!muted) output.write(chunk);
      done();
    },
  });
  const ask = (question: string) => {
    muted = false;
    sink.write(question);
    muted = true;
  };
  const rl = createInterface({ input, output: sink, terminal: true });
  const answers: string[] = [];
  return new Promise<string[]>((resolve, reject) => {
    rl.on('line', (line) => {
      answers.push(line);
      output.write('\n');
      if (answers.length < questions.length) ask(questions[answers.length]);
      else rl.close();
    });
    rl.once('SIGINT', () => rl.close());
    rl.once('close', () => {
      if (answers.length === questions.length) return resolve(answers);
      output.write('\n');
      reject(new PromptCancelled());
    });
    ask(questions[0]);
  });
}

/**
 * A new password: from a terminal, asked twice without echo (and refused if the two differ); from a
 * pipe, its first line.
 */
export async function readNewPassword(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Promise<string> {
  if ((input as NodeJS.ReadStream).isTTY !== true) return readFirstLine(input);
  const [first, again] = await readHiddenLines(['Password: ', 'Password again: '], input, output);
  if (first !== again) throw new PasswordsDiffer();
  return first;
}
