/**
 * `officer create` as its own process with the password piped in (how a script or a password
 * manager gives it): the account is made with that password, nothing is asked on screen, and the
 * password is never an argument. The typed, hidden prompt is tested in ./prompt.test.ts.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { findOfficerByEmail } from '../../../server/accounts/officers.js';
import { verifyPassword } from '../../../server/accounts/password.js';
import { testStore } from '../../helpers/store.js';
import { runCliProcess, storeEnv } from './run-cli.js';

// The process works on this store: DATA_DIR's SQLite file, or the Postgres database by DATABASE_URL.
const t = await testStore();
afterAll(() => t.cleanup());
const { store, dir: dataDir } = t;

describe('officer create with a piped password (real process)', () => {
  it('creates the account with the first line as its password, asking nothing', async () => {
    const r = await runCliProcess(
      dataDir,
      ['officer', 'create', '--email', 'piped.admin@council.gov.uk', '--role', 'admin'],
      storeEnv(store),
      'willow ferry compass\nnot this\n',
    );
    expect(r).toEqual({ code: 0, stdout: 'Created admin piped.admin@council.gov.uk. They can sign in now.\n', stderr: '' });
    const row = await findOfficerByEmail(store.db, 'piped.admin@council.gov.uk');
    expect(row?.role).toBe('admin');
    expect(await verifyPassword('willow ferry compass', row!.passwordHash)).toBe(true);
  }, 60_000);

  it('refuses a piped password the rule refuses, with its message, and stores nothing', async () => {
    const r = await runCliProcess(dataDir, ['officer', 'create', '--email', 'weak@council.gov.uk', '--role', 'viewer'], storeEnv(store), 'short\n');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/too short: use at least 12 characters/);
    expect(await findOfficerByEmail(store.db, 'weak@council.gov.uk')).toBeUndefined();
  }, 60_000);
});
