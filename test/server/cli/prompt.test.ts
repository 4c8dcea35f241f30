/**
 * The CLI's hidden password prompt, on a fake terminal (a stream that says it is a TTY): the
 * questions are written, what is typed is never echoed, the two typings must match, and Ctrl+C
 * or the end of the input cancels. A pipe gives its first line.
 */
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { PasswordsDiffer, PromptCancelled, readHiddenLines, readNewPassword } from '../../../server/cli/prompt.js';

function fakeTerminal() {
  const input = Object.assign(new PassThrough(), { isTTY: true });
  let shown = '';
  const output = new PassThrough();
  output.on('data', (d) => (shown += d.toString()));
  return { input, output, shown: () => shown };
}

describe('readNewPassword on a terminal', () => {
  it('asks twice without echoing and gives the password', async () => {
    const t = fakeTerminal();
    const answer = readNewPassword(t.input, t.output);
    t.input.write('lantern otter meadow\r');
    t.input.write('lantern otter meadow\r');
    expect(await answer).toBe('lantern otter meadow');
    expect(t.shown()).toBe('Password: \nPassword again: \n');
  });

  it('takes both lines typed at once (typed ahead or pasted)', async () => {
    const t = fakeTerminal();
    const answer = readNewPassword(t.input, t.output);
    t.input.write('copper kettle lane\ncopper kettle lane\n');
    expect(await answer).toBe('copper kettle lane');
    expect(t.shown()).toBe('Password: \nPassword again: \n');
  });

  it('refuses two different typings, saying nothing was created', async () => {
    const t = fakeTerminal();
    const answer = readNewPassword(t.input, t.output);
    t.input.write('lantern otter meadow\r');
    t.input.write('lantern otter meadoe\r');
    await expect(answer).rejects.toThrow(PasswordsDiffer);
    await expect(answer).rejects.toThrow('The two passwords are not the same: nothing was created. Run the command again.');
    expect(t.shown()).not.toContain('lantern');
  });

  it('is cancelled by Ctrl+C and by the end of the input', async () => {
    const t = fakeTerminal();
    const answer = readNewPassword(t.input, t.output);
    t.input.write('half typed\u0003');
    await expect(answer).rejects.toThrow(PromptCancelled);
    expect(t.shown()).toBe('Password: \n');
    const u = fakeTerminal();
    const ended = readHiddenLines(['Password: '], u.input, u.output);
    u.input.end();
    await expect(ended).rejects.toThrow('Cancelled: nothing was changed.');
  });
});

describe('readNewPassword from a pipe', () => {
  it('gives the first line, without asking', async () => {
    const output = new PassThrough();
    let shown = '';
    output.on('data', (d) => (shown += d.toString()));
    expect(await readNewPassword(Readable.from(['river stone ', 'lantern\r\nsecond line\n']), output)).toBe('river stone lantern');
    expect(shown).toBe('');
  });
});
