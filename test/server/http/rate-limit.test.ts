/** Sign-in rate limiting: 5 failures in 15 minutes per email, 50 per client address → 429 with Retry-After. */
import { afterAll, describe, expect, it } from 'vitest';
import { trustedProxyHops } from '../../../server/http/middleware/rate-limit.js';
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

describe('per client address', () => {
  it('does not lock out everyone behind one proxy or NAT after 5 failures from it', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await postLogin(app, { email: `typo${i}@council.gov.uk`, password: 'wrong wrong wrong' }, from('10.0.3.1'))).status).toBe(401);
    }
    expect((await postLogin(app, { email: EMAILS.admin, password: PASSWORD }, from('10.0.3.1'))).status).toBe(200);
  });

  it('refuses an address after 50 failures across different emails, but not other addresses', async () => {
    for (let i = 0; i < 50; i++) {
      expect((await postLogin(app, { email: `guess${i}@council.gov.uk`, password: 'wrong wrong wrong' }, from('10.0.2.1'))).status).toBe(401);
    }
    const blocked = await postLogin(app, { email: EMAILS.admin, password: PASSWORD }, from('10.0.2.1'));
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBe(900);
    expect((await postLogin(app, { email: EMAILS.admin, password: PASSWORD }, from('10.0.2.2'))).status).toBe(200);
  });

  it('keeps no address in the database', async () => {
    const dump = (await Promise.all(['sessions', 'audit_log', 'officers'].map(async (t) => JSON.stringify(await world.sql.all(`SELECT * FROM ${t}`))))).join(
      '',
    );
    expect(dump).not.toMatch(/10\.0\.\d+\.\d+/);
  });
});

describe('a burst of guesses sent at once', () => {
  it('checks no more than 5 of 300 concurrent wrong passwords, and then refuses the right one', async () => {
    const world2 = await officerWorld();
    try {
      const guesses = await Promise.all(
        Array.from({ length: 300 }, (_, i) => postLogin(world2.app, { email: EMAILS.analyst, password: `wrong guess number ${i}` }, from('10.0.9.9'))),
      );
      const statuses = guesses.map((r) => r.status);
      expect(statuses.filter((s) => s === 401)).toHaveLength(5);
      expect(statuses.filter((s) => s === 429)).toHaveLength(295);
      const failedInAudit = await world2.sql.get("SELECT count(*) AS n FROM audit_log WHERE action = 'login.failed'");
      expect(failedInAudit).toEqual({ n: 5 });
      const right = await postLogin(world2.app, { email: EMAILS.analyst, password: PASSWORD }, from('10.0.9.10'));
      expect(right.status).toBe(429);
      expect(right.headers.getSetCookie()).toEqual([]);
    } finally {
      await world2.cleanup();
    }
  });
});

describe('TRUSTED_PROXY', () => {
  it('ignores X-Forwarded-For unless a proxy is trusted, then counts the address the proxy saw', async () => {
    const direct = await officerWorld({ rateLimit: { maxFailuresPerAddress: 2 } });
    const proxied = await officerWorld({ rateLimit: { maxFailuresPerAddress: 2, trustedProxyHops: 1 } });
    try {
      const wrong = (w: typeof direct, xff: string) =>
        postLogin(w.app, { email: 'someone@council.gov.uk', password: 'wrong wrong wrong' }, { ...from('192.0.2.1'), headers: { 'x-forwarded-for': xff } });
      // Direct: a forged header changes nothing; the socket's address is blocked after 2.
      expect((await wrong(direct, '203.0.113.1')).status).toBe(401);
      expect((await wrong(direct, '203.0.113.2')).status).toBe(401);
      expect((await wrong(direct, '203.0.113.3')).status).toBe(429);
      // Behind one proxy: the last entry is the client's; what the client wrote before it is ignored.
      expect((await wrong(proxied, '1.1.1.1, 203.0.113.1')).status).toBe(401);
      expect((await wrong(proxied, '2.2.2.2, 203.0.113.1')).status).toBe(401);
      expect((await wrong(proxied, '3.3.3.3, 203.0.113.1')).status).toBe(429);
      expect((await wrong(proxied, '203.0.113.2')).status).toBe(401);
    } finally {
      await direct.cleanup();
      await proxied.cleanup();
    }
  });

  it('stops at start with a message for a value that is not a number of proxies', () => {
    expect(trustedProxyHops('1')).toBe(1);
    expect(trustedProxyHops(undefined)).toBe(0);
    expect(() => trustedProxyHops('yes')).toThrow(
      "TRUSTED_PROXY must be the number of reverse proxies in front of the server, 0 to 10 (e.g. TRUSTED_PROXY=1 behind one); it is 'yes'.",
    );
  });
});
