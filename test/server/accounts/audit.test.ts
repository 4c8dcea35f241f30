/** The audit log: sign-in, failed sign-in, sign-out, the audit() helper, and GET /audit (admin). */
import { afterAll, describe, expect, it } from 'vitest';
import { audit, recentAudit } from '../../../server/accounts/audit.js';
import { findOfficerByEmail } from '../../../server/accounts/officers.js';
import { EMAILS, officerWorld, postLogin, signIn } from '../../helpers/officer-world.js';

const world = await officerWorld();
afterAll(() => world.cleanup());
const { app, store } = world;

describe('audit log', () => {
  it('records sign-in, failed sign-in (without the typed unknown email) and sign-out, with who and when', async () => {
    const analyst = await signIn(app, EMAILS.analyst);
    await postLogin(app, { email: EMAILS.analyst, password: 'wrong password here' });
    await postLogin(app, { email: 'typo-secret@council.gov.uk', password: 'wrong password here' });
    await app.request('/api/officer/logout', { method: 'POST', headers: analyst.headers });

    const entries = (await recentAudit(store, 4)).reverse();
    expect(entries.map((e) => [e.action, e.email])).toEqual([
      ['login', EMAILS.analyst],
      ['login.failed', EMAILS.analyst],
      ['login.failed', null],
      ['logout', EMAILS.analyst],
    ]);
    expect(entries[2].details).toEqual({ reason: 'unknown email' });
    expect(JSON.stringify(entries)).not.toContain('typo-secret');
    for (const e of entries) expect(e.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('audit() stores what an export or change did, shown by GET /audit to admins, newest first', async () => {
    const officer = (await findOfficerByEmail(store.db, EMAILS.analyst))!;
    await audit(store, officer, 'export.xlsx', { survey: 'resident-safety', wave: '2026' });
    const admin = await signIn(app, EMAILS.admin);
    const res = await app.request('/api/officer/audit?limit=2', { headers: { cookie: admin.cookie } });
    expect(res.status).toBe(200);
    const { entries } = await res.json();
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({ action: 'login', email: EMAILS.admin });
    expect(entries[1]).toMatchObject({
      action: 'export.xlsx',
      email: EMAILS.analyst,
      officerId: officer.id,
      details: { survey: 'resident-safety', wave: '2026' },
    });
  });

  it('refuses a nonsense limit with 400', async () => {
    const admin = await signIn(app, EMAILS.admin);
    expect((await app.request('/api/officer/audit?limit=abc', { headers: { cookie: admin.cookie } })).status).toBe(400);
  });

  it('refuses a limit that is not a whole number from 1 to 1000 with 400 and a readable message', async () => {
    const admin = await signIn(app, EMAILS.admin);
    for (const limit of ['0', '-3', '2.5', '1001', '']) {
      const res = await app.request(`/api/officer/audit?limit=${limit}`, { headers: { cookie: admin.cookie } });
      expect(res.status, limit).toBe(400);
      expect(await res.json(), limit).toMatchObject({ error: 'limit must be a whole number from 1 to 1000.', field: 'limit' });
    }
    expect((await app.request('/api/officer/audit?limit=1000', { headers: { cookie: admin.cookie } })).status).toBe(200);
  });

  it('records accounts created by an admin through the API', async () => {
    const admin = await signIn(app, EMAILS.admin);
    const res = await app.request('/api/officer/officers', {
      method: 'POST',
      headers: { ...admin.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'new.analyst@council.gov.uk', password: 'a long enough password', role: 'analyst' }),
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ email: 'new.analyst@council.gov.uk', role: 'analyst' });
    expect((await recentAudit(store, 1))[0]).toMatchObject({
      action: 'officer.create',
      email: EMAILS.admin,
      details: { email: 'new.analyst@council.gov.uk', role: 'analyst' },
    });
    // The new account signs in; a duplicate is 409; a short password is 422 with the rule.
    expect((await postLogin(app, { email: 'new.analyst@council.gov.uk', password: 'a long enough password' })).status).toBe(200);
    const again = await app.request('/api/officer/officers', {
      method: 'POST',
      headers: { ...admin.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'new.analyst@council.gov.uk', password: 'a long enough password', role: 'viewer' }),
    });
    expect(again.status).toBe(409);
    const short = await app.request('/api/officer/officers', {
      method: 'POST',
      headers: { ...admin.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'x@council.gov.uk', password: 'short', role: 'viewer' }),
    });
    expect(short.status).toBe(422);
    expect((await short.json()).error).toMatch(/at least 12 characters/);
  });
});
