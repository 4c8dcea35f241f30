/** Sign-in rate limiting: 5 failures in 15 minutes per email and per client → 429 with Retry-After. */
import { afterAll, describe, expect, it } from 'vitest';
import { EMAILS, officerWorld, PASSWORD, postLogin } from '../../helpers/officer-world.js';

let clock = Date.parse('2026-05-01T09:00:00Z');
const world = await officerWorld({ rateLimit: { now: () => clock } });
afterAll(() => world.cleanup());
const { app } = world;
/** As @hono/node-server passes it: the connecting socket. */
const from = (remoteAddress: string) => ({ env: { incoming: { socket: { remoteAddress } } } });

describe('per email', () => {
  it('refuses the 6th attempt after 5 wrong passwords, even with the right password, until the window passes', async () => {
    for (let i = 0; i < 5; i++) {
      // A different address each time: only the email's counter can trip.
      expect((await postLogin(app, { email: EMAILS.viewer, password: 'wrong wrong wrong' }, from(`10.0.1.${i}`))).status).toBe(401);
      clock += 60_000;
    }
    const res = await postLogin(app, { email: EMAILS.viewer, password: PASSWORD }, from('10.0.1.99'));
    expect(res.status).toBe(429);
    // The first failure was 5 minutes ago; it ages out of the 15-minute window in 10 minutes.
    expect(res.headers.get('retry-after')).toBe('600');
    expect((await res.json()).error).toBe('Too many failed sign-in attempts. Try again in 10 minutes.');
    // Other accounts are unaffected.
    expect((await postLogin(app, { email: EMAILS.analyst, password: PASSWORD }, from('10.0.1.99'))).status).toBe(200);

    clock += 600_000;
    expect((await postLogin(app, { email: EMAILS.viewer, password: PASSWORD }, from('10.0.1.99'))).status).toBe(200);
  });
});

describe('per client', () => {
  it('refuses a client after 5 failures across different emails, but not other clients', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await postLogin(app, { email: `guess${i}@council.gov.uk`, password: 'wrong wrong wrong' }, from('10.0.2.1'))).status).toBe(401);
    }
    const blocked = await postLogin(app, { email: EMAILS.admin, password: PASSWORD }, from('10.0.2.1'));
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBe(900);
    expect((await postLogin(app, { email: EMAILS.admin, password: PASSWORD }, from('10.0.2.2'))).status).toBe(200);
  });

  it('keeps no address in the database', () => {
    const dump = ['sessions', 'audit_log', 'officers'].map((t) => JSON.stringify(world.store.sqlite.prepare(`SELECT * FROM ${t}`).all())).join('');
    expect(dump).not.toMatch(/10\.0\.\d+\.\d+/);
  });
});
