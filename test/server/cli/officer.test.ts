/** `officer create` and `officer list`: the first admin's way in, refusing bad input clearly. */
import { afterAll, describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { verifyPassword } from '../../../server/accounts/password.js';
import { officerCommand } from '../../../server/cli/commands/officer.js';
import { UsageError } from '../../../server/cli/io.js';
import { testStore } from '../../helpers/store.js';
import { cli } from '../../helpers/officer-world.js';

const { store, sql, cleanup } = await testStore();
afterAll(cleanup);

describe('officer create', () => {
  it('creates an account with a scrypt hash, never the password', async () => {
    const r = await cli(store, 'create', '--email', 'Lead@Council.gov.uk', '--password', 'a long passphrase', '--role', 'admin');
    expect(r).toEqual({
      code: 0,
      out: 'Created admin lead@council.gov.uk. They can sign in now.',
      err: 'Note: a password given with --password is kept in the shell history; leave it out to be asked for it.',
    });
    const row = (await sql.get<Record<string, string>>('SELECT email, role, password_hash FROM officers'))!;
    expect(row).toMatchObject({ email: 'lead@council.gov.uk', role: 'admin' });
    expect(row.password_hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(row.password_hash).not.toContain('a long passphrase');
  });

  it('refuses a duplicate email (in any case)', async () => {
    const r = await cli(store, 'create', '--email', 'LEAD@council.gov.uk', '--password', 'another passphrase', '--role', 'viewer');
    expect(r.code).toBe(1);
    expect(r.err.split('\n').pop()).toBe('An officer with email lead@council.gov.uk already exists.');
  });

  it('refuses a bad email, an unknown role and a short password, saying what to use', async () => {
    const bad = await cli(store, 'create', '--email', 'lead at council', '--password', 'a long passphrase', '--role', 'admin');
    expect(bad.code).toBe(1);
    expect(bad.err.split('\n').pop()).toBe("'lead at council' is not an email address (expected something like name@council.gov.uk).");
    const role = await cli(store, 'create', '--email', 'x@council.gov.uk', '--password', 'a long passphrase', '--role', 'superuser');
    expect(role.code).toBe(1);
    expect(role.err.split('\n').pop()).toBe("'superuser' is not a role: use one of viewer, analyst, admin.");
    const short = await cli(store, 'create', '--email', 'x@council.gov.uk', '--password', 'short', '--role', 'viewer');
    expect(short.code).toBe(1);
    expect(short.err).toMatch(/too short: use at least 12 characters/);
    const weak = await cli(store, 'create', '--email', 'x@council.gov.uk', '--password', 'password1234', '--role', 'admin');
    expect(weak.err).toMatch(/^Note: .*\nThe password is too common/s);
    expect(await sql.get('SELECT count(*) AS n FROM officers')).toEqual({ n: 1 });
  });

  it('throws a usage error for a missing flag or an unknown subcommand', async () => {
    await expect(cli(store, 'create', '--email', 'x@council.gov.uk')).rejects.toThrow(UsageError);
    await expect(cli(store, 'delete')).rejects.toThrow(/Unknown officer command 'delete'/);
  });
});

describe('officer create with the password from standard input', () => {
  it('reads the first line, so the password is never on the command line', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await officerCommand(['create', '--email', 'piped@council.gov.uk', '--role', 'viewer'], {
      store,
      out: (s) => out.push(s),
      err: (s) => err.push(s),
      stdin: Readable.from(['lantern otter meadow\n', 'ignored second line\n']),
    });
    expect({ code, out, err }).toEqual({ code: 0, out: ['Created viewer piped@council.gov.uk. They can sign in now.'], err: [] });
    const row = (await sql.get<{ password_hash: string }>('SELECT password_hash FROM officers WHERE email = ?', 'piped@council.gov.uk'))!;
    expect(await verifyPassword('lantern otter meadow', row.password_hash)).toBe(true);
    await expect(
      officerCommand(['create', '--email', 'weak@council.gov.uk', '--role', 'viewer'], {
        store,
        out() {},
        err() {},
        stdin: Readable.from(['aaaaaaaaaaaa\n']),
      }),
    ).rejects.toThrow(/too few different characters/);
  });
});

describe('officer list', () => {
  it('prints email, role and creation time, one account a line', async () => {
    expect(await sql.run("DELETE FROM officers WHERE email = 'piped@council.gov.uk'")).toBe(1);
    await cli(store, 'create', '--email', 'analyst@council.gov.uk', '--password', 'a long passphrase', '--role', 'analyst');
    const r = await cli(store, 'list');
    expect(r.code).toBe(0);
    expect(r.out.split('\n').map((l) => l.split('\t').slice(0, 2))).toEqual([
      ['analyst@council.gov.uk', 'analyst'],
      ['lead@council.gov.uk', 'admin'],
    ]);
  });
});
