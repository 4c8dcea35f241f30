/** `officer create` and `officer list`: the first admin's way in, refusing bad input clearly. */
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../../server/cli/io.js';
import { tempStore } from '../../helpers/store.js';
import { cli } from '../../helpers/officer-world.js';

const { store, cleanup } = tempStore();
afterAll(cleanup);

describe('officer create', () => {
  it('creates an account with a scrypt hash, never the password', async () => {
    const r = await cli(store, 'create', '--email', 'Lead@Council.gov.uk', '--password', 'a long passphrase', '--role', 'admin');
    expect(r).toEqual({ code: 0, out: 'Created admin lead@council.gov.uk. They can sign in now.', err: '' });
    const row = store.sqlite.prepare('SELECT email, role, password_hash FROM officers').get() as Record<string, string>;
    expect(row).toMatchObject({ email: 'lead@council.gov.uk', role: 'admin' });
    expect(row.password_hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(row.password_hash).not.toContain('a long passphrase');
  });

  it('refuses a duplicate email (in any case)', async () => {
    const r = await cli(store, 'create', '--email', 'LEAD@council.gov.uk', '--password', 'another passphrase', '--role', 'viewer');
    expect(r.code).toBe(1);
    expect(r.err).toBe('An officer with email lead@council.gov.uk already exists.');
  });

  it('refuses a bad email, an unknown role and a short password, saying what to use', async () => {
    const bad = await cli(store, 'create', '--email', 'lead at council', '--password', 'a long passphrase', '--role', 'admin');
    expect(bad).toMatchObject({ code: 1, err: "'lead at council' is not an email address (expected something like name@council.gov.uk)." });
    const role = await cli(store, 'create', '--email', 'x@council.gov.uk', '--password', 'a long passphrase', '--role', 'superuser');
    expect(role).toMatchObject({ code: 1, err: "'superuser' is not a role: use one of viewer, analyst, admin." });
    const short = await cli(store, 'create', '--email', 'x@council.gov.uk', '--password', 'short', '--role', 'viewer');
    expect(short.code).toBe(1);
    expect(short.err).toMatch(/too short: use at least 12 characters/);
    expect(store.sqlite.prepare('SELECT count(*) AS n FROM officers').get()).toEqual({ n: 1 });
  });

  it('throws a usage error for a missing flag or an unknown subcommand', async () => {
    await expect(cli(store, 'create', '--email', 'x@council.gov.uk')).rejects.toThrow(UsageError);
    await expect(cli(store, 'delete')).rejects.toThrow(/Unknown officer command 'delete'/);
  });
});

describe('officer list', () => {
  it('prints email, role and creation time, one account a line', async () => {
    await cli(store, 'create', '--email', 'analyst@council.gov.uk', '--password', 'a long passphrase', '--role', 'analyst');
    const r = await cli(store, 'list');
    expect(r.code).toBe(0);
    expect(r.out.split('\n').map((l) => l.split('\t').slice(0, 2))).toEqual([
      ['analyst@council.gov.uk', 'analyst'],
      ['lead@council.gov.uk', 'admin'],
    ]);
  });
});
