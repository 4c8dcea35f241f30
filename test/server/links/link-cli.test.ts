/**
 * `link create` / `link list` run in-process (the exported command with an io object): they go
 * through the same service as POST …/links, so the web's rules and messages apply to the CLI too.
 */
import { count } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { linkCommand } from '../../../server/cli/commands/link.js';
import { Conflict, Unprocessable } from '../../../server/errors.js';
import { first, tablesOf } from '../../../server/store/dialect.js';
import { testStore, withOpenWave } from '../../helpers/store.js';

const t = await testStore();
await withOpenWave(t.store, 'youth-safety');
afterAll(() => t.cleanup());

async function cli(...args: string[]) {
  const out: string[] = [];
  const code = await linkCommand(args, { store: t.store, out: (s) => out.push(s), err: () => {} });
  return { code, out };
}
const create = (...extra: string[]) => cli('create', '--survey', 'youth-safety', '--wave', '2026', ...extra).catch((e: Error) => e);
const linkCount = async () => (await first(t.store.db.select({ n: count() }).from(tablesOf(t.store.db).links)))!.n;

describe('link create applies the rules the web applies', () => {
  it('creates a link and lists it', async () => {
    const r = await create('--label', 'CLI School (fictional, test)', '--max', '30');
    expect(r).toMatchObject({ code: 0 });
    const listed = await cli('list', '--survey', 'youth-safety', '--wave', '2026');
    expect(listed.out).toHaveLength(1);
    expect(listed.out[0]).toMatch(/\/y\/[A-Za-z0-9_-]{12}\tCLI School \(fictional, test\)\tno expiry\t30$/);
  });

  const refused: [string, string[], typeof Unprocessable | typeof Conflict, RegExp, string?][] = [
    ['a label the wave already has (409)', ['--label', 'cli school (FICTIONAL, test)'], Conflict, /already has a link called/],
    ['a past expiry', ['--label', 'Past', '--expires', '2020-01-01'], Unprocessable, /2020-01-01 is not after today/, 'expires'],
    ['an expiry that is not a YYYY-MM-DD day', ['--label', 'Words', '--expires', 'July 2099'], Unprocessable, /is not a date: use YYYY-MM-DD/, 'expires'],
    ['a label over 120 characters', ['--label', 'x'.repeat(121)], Unprocessable, /121 characters long; keep it to 120/, 'label'],
    ['a cap out of range', ['--label', 'Cap', '--max', '0'], Unprocessable, /whole number of answers from 1 to 1,000,000, not 0/, 'max'],
    ['a cap in words', ['--label', 'Cap', '--max', 'lots'], Unprocessable, /not "lots"/, 'max'],
    ['an unknown kind', ['--label', 'Kind', '--kind', 'poster'], Unprocessable, /"school", "channel" or "single", not "poster"/, 'kind'],
  ];
  it.each(refused)('refuses %s with the web message, storing nothing', async (_what, args, type, message, field) => {
    const before = await linkCount();
    const e = await create(...args);
    expect(e).toBeInstanceOf(type);
    expect((e as Error).message).toMatch(message);
    if (field) expect((e as Unprocessable).field).toBe(field);
    expect(await linkCount()).toBe(before);
  });
});

describe('link end and link delete', () => {
  it('ends a link now, and deletes one without answers', async () => {
    const made = await create('--label', 'Ended by CLI (fictional, test)');
    const token = (made as { out: string[] }).out[0].split('/y/')[1];
    const ended = await cli('end', `--token=${token}`);
    expect(ended.code).toBe(0);
    expect(ended.out[0]).toMatch(/^Stopped working on \d{1,2} \w+ \d{4}: anyone who opens it is told it has expired\./);
    const before = await linkCount();
    expect(await cli('delete', `--token=${token}`)).toEqual({ code: 0, out: ['The link for Ended by CLI (fictional, test) was deleted.'] });
    expect(await linkCount()).toBe(before - 1);
    await expect(cli('delete', `--token=${token}`)).rejects.toThrow(/There is no link with this address/);
  });
});
