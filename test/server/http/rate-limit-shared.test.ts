/**
 * The sign-in limit's counts live in the store: two app instances (the real createApp) on one
 * store (SQLite file or Postgres database) share them, they survive the store being closed and opened again (a restart), no
 * email or address is stored as typed, and rows are pruned once out of the window.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../server/store/open.js';
import { openPostgresStore } from '../../../server/store/pg/open.js';
import { EMAILS, officerApp, officerWorld, PASSWORD, postLogin } from '../../helpers/officer-world.js';

let clock = Date.parse('2026-05-01T09:00:00Z');
const now = () => clock;
const world = await officerWorld({ rateLimit: { now } });
/** The same store opened again, as another server process would: its own connection (or pool). */
const openAgain = async (): Promise<Store> => (world.store.kind === 'postgres' ? openPostgresStore(world.store.url, 'refuse') : openStore(world.dir));
// A second server process's app on the same store: its own connection, its own app.
const second = await openAgain();
afterAll(async () => {
  await second.close();
  await world.cleanup();
});
const from = (remoteAddress: string) => ({ env: { incoming: { socket: { remoteAddress } } } });
const rows = () => world.sql.all<{ key: string; at: number }>('SELECT key, at FROM sign_in_attempts ORDER BY id');

describe('sign-in counts kept in the store', () => {
  it('5 failures through one app block the 6th attempt through another app on the same store', async () => {
    const a = world.app;
    const b = officerApp(second, { rateLimit: { now } });
    for (let i = 0; i < 5; i++) {
      expect((await postLogin(i % 2 ? b : a, { email: EMAILS.viewer, password: 'wrong wrong wrong' }, from(`10.0.1.${i}`))).status).toBe(401);
      clock += 60_000;
    }
    const res = await postLogin(b, { email: EMAILS.viewer, password: PASSWORD }, from('10.0.1.99'));
    expect(res.status).toBe(429);
    // The first failure was 5 minutes ago; it ages out of the 15-minute window in 10 minutes.
    expect(res.headers.get('retry-after')).toBe('600');
    // 5 email attempts and 5 address attempts (one per address): 10 rows, none with the email or an address in it.
    const stored = await rows();
    expect(stored).toHaveLength(10);
    for (const r of stored) {
      expect(r.key).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(JSON.stringify(stored)).not.toContain('viewer');
    expect(JSON.stringify(stored)).not.toContain('10.0.1.');
  });

  it('the counts survive a restart (store closed, opened again, a new app)', async () => {
    const reopened = await openAgain();
    try {
      const res = await postLogin(officerApp(reopened, { rateLimit: { now } }), { email: EMAILS.viewer, password: PASSWORD }, from('10.0.1.98'));
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('600');
    } finally {
      await reopened.close();
    }
  });

  it('a success gives back its reservation and clears the email; rows out of the window are pruned', async () => {
    clock += 15 * 60_000; // every earlier attempt is now out of the window
    const res = await postLogin(world.app, { email: EMAILS.viewer, password: PASSWORD }, from('10.0.1.97'));
    expect(res.status).toBe(200);
    // Pruned when this attempt was counted; the success then gave back both of its own rows.
    expect(await rows()).toEqual([]);
    expect((await postLogin(world.app, { email: EMAILS.analyst, password: 'wrong wrong wrong' }, from('10.0.1.96'))).status).toBe(401);
    expect((await rows()).map((r) => r.at)).toEqual([clock, clock]);
  });
});
