/** Account changes through the real app on a real store: disable, role, sign out everywhere, reset, own password, two-factor. */
import { afterAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../../server/accounts/totp.js';
import { EMAILS, officerWorld, PASSWORD, postLogin, signIn } from '../../helpers/officer-world.js';

const world = await officerWorld();
afterAll(() => world.cleanup());
const { app, sql } = world;
const idOf = async (email: string) => (await sql.get<{ id: number }>('SELECT id FROM officers WHERE email = ?', email))!.id;
const send = (method: string, path: string, headers: Record<string, string>, body?: unknown) =>
  app.request(`/api/officer${path}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
// The detail as stored: CAST keeps SQLite's text, and gives Postgres's json column its exact input text.
const lastAudit = () => sql.get<{ action: string; detail: string }>('SELECT action, CAST(detail AS TEXT) AS detail FROM audit_log ORDER BY id DESC LIMIT 1');

describe('disabling an account', () => {
  it('ends its sessions at once and stops it signing in; enabling lets it in again', async () => {
    const admin = await signIn(app, EMAILS.admin);
    const viewer = await signIn(app, EMAILS.viewer);
    const res = await send('PATCH', `/officers/${await idOf(EMAILS.viewer)}`, admin.headers, { disabled: true });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ email: EMAILS.viewer, disabled: true, lastSignInAt: expect.stringMatching(/Z$/) });
    expect(await lastAudit()).toEqual({ action: 'officer.disable', detail: JSON.stringify({ email: EMAILS.viewer, sessionsEnded: 1 }) });
    expect((await send('GET', '/me', { cookie: viewer.cookie })).status).toBe(401);
    const refused = await postLogin(app, { email: EMAILS.viewer, password: PASSWORD });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ error: 'This account is disabled. Ask an admin if you still need it.' });
    expect((await send('PATCH', `/officers/${await idOf(EMAILS.viewer)}`, admin.headers, { disabled: false })).status).toBe(200);
    expect((await postLogin(app, { email: EMAILS.viewer, password: PASSWORD })).status).toBe(200);
  });

  it('refuses disabling or demoting oneself, and stores nothing', async () => {
    const admin = await signIn(app, EMAILS.admin);
    const res = await send('PATCH', `/officers/${await idOf(EMAILS.admin)}`, admin.headers, { role: 'viewer' });
    expect(res.status).toBe(409);
    expect((await res.json()).error).toBe("You can't disable your own account or take away your own admin role: ask another admin to do it.");
    expect(await sql.get('SELECT role, disabled_at FROM officers WHERE email = ?', EMAILS.admin)).toEqual({ role: 'admin', disabled_at: null });
    expect((await send('PATCH', `/officers/${await idOf(EMAILS.admin)}`, admin.headers, {})).status).toBe(400);
    expect((await send('PATCH', '/officers/9999', admin.headers, { disabled: true })).status).toBe(404);
  });
});

describe('changing a role', () => {
  it('takes effect on the officer’s next request, in the same session', async () => {
    const admin = await signIn(app, EMAILS.admin);
    const analyst = await signIn(app, EMAILS.analyst);
    expect((await send('GET', '/officers', analyst.headers)).status).toBe(403);
    expect((await send('PATCH', `/officers/${await idOf(EMAILS.analyst)}`, admin.headers, { role: 'admin' })).status).toBe(200);
    expect(await lastAudit()).toEqual({ action: 'officer.role', detail: JSON.stringify({ email: EMAILS.analyst, from: 'analyst', to: 'admin' }) });
    expect((await send('GET', '/officers', analyst.headers)).status).toBe(200);
    expect((await send('PATCH', `/officers/${await idOf(EMAILS.analyst)}`, admin.headers, { role: 'analyst' })).status).toBe(200);
    expect((await send('GET', '/officers', analyst.headers)).status).toBe(403);
  });
});

describe('signing out everywhere', () => {
  it('ends every session of the account (admin for an officer, and an officer for themselves)', async () => {
    const admin = await signIn(app, EMAILS.admin);
    await send('POST', `/officers/${await idOf(EMAILS.viewer)}/sign-out`, admin.headers); // sessions of earlier tests
    const a = await signIn(app, EMAILS.viewer);
    const b = await signIn(app, EMAILS.viewer);
    const res = await send('POST', `/officers/${await idOf(EMAILS.viewer)}/sign-out`, admin.headers);
    expect(await res.json()).toEqual({ sessionsEnded: 2 });
    expect((await send('GET', '/me', { cookie: a.cookie })).status).toBe(401);
    expect((await send('GET', '/me', { cookie: b.cookie })).status).toBe(401);
    const c = await signIn(app, EMAILS.viewer);
    const d = await signIn(app, EMAILS.viewer);
    expect(await (await send('POST', '/me/sign-out-everywhere', c.headers)).json()).toEqual({ sessionsEnded: 2 });
    expect((await send('GET', '/me', { cookie: d.cookie })).status).toBe(401);
  });
});

describe('password reset with a one-time code', () => {
  it('lets the officer set their own password once; the old one and their sessions stop working', async () => {
    const admin = await signIn(app, EMAILS.admin);
    const old = await signIn(app, EMAILS.viewer);
    const issued = await send('POST', `/officers/${await idOf(EMAILS.viewer)}/password-reset`, admin.headers);
    expect(issued.status).toBe(201);
    const { code, path } = await issued.json();
    expect(code).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){4}$/);
    expect(path).toBe(`/officer/reset-password#code=${code}`);
    expect(JSON.stringify(await sql.all('SELECT * FROM password_resets'))).not.toContain(code);

    const weak = await send('POST', '/password-reset', {}, { code, password: 'Password2026!' });
    expect(weak.status).toBe(422);
    expect((await weak.json()).error).toMatch(/^The password is too common/);
    const ok = await send('POST', '/password-reset', {}, { code: code.toLowerCase().replaceAll('-', ' '), password: 'lantern otter meadow' });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ email: EMAILS.viewer });
    expect((await send('GET', '/me', { cookie: old.cookie })).status).toBe(401);
    expect((await postLogin(app, { email: EMAILS.viewer, password: PASSWORD })).status).toBe(401);
    expect((await postLogin(app, { email: EMAILS.viewer, password: 'lantern otter meadow' })).status).toBe(200);
    const again = await send('POST', '/password-reset', {}, { code, password: 'another lantern otter' });
    expect(again.status).toBe(400);
    expect((await again.json()).error).toMatch(/^This reset code does not work/);
    // Put the shared password back for the other tests.
    const viewer = await signIn(app, EMAILS.viewer, 'lantern otter meadow');
    expect((await send('PUT', '/me/password', viewer.headers, { currentPassword: 'lantern otter meadow', newPassword: PASSWORD })).status).toBe(200);
  });
});

describe('changing one’s own password', () => {
  it('needs the current password, applies the rule, and ends the other sessions only', async () => {
    await send('POST', `/officers/${await idOf(EMAILS.analyst)}/sign-out`, (await signIn(app, EMAILS.admin)).headers); // sessions of earlier tests
    const here = await signIn(app, EMAILS.analyst);
    const elsewhere = await signIn(app, EMAILS.analyst);
    const hashBefore = await sql.get('SELECT password_hash FROM officers WHERE email = ?', EMAILS.analyst);
    const wrong = await send('PUT', '/me/password', here.headers, { currentPassword: 'not it at all', newPassword: 'lantern otter meadow' });
    expect(wrong.status).toBe(422);
    expect(await wrong.json()).toEqual({ error: 'The current password is wrong: nothing was changed.', field: 'currentPassword' });
    for (const [bad, message] of [
      ['aaaaaaaaaaaa', /too few different characters/],
      ['analyst rules 2026', /contains the email address/],
      ['qwertyuiopas', /run of keys/],
      ['short one', /too short: use at least 12/],
    ] as const) {
      const res = await send('PUT', '/me/password', here.headers, { currentPassword: PASSWORD, newPassword: bad });
      expect(res.status, bad).toBe(422);
      expect((await res.json()).error).toMatch(message);
    }
    expect(await sql.get('SELECT password_hash FROM officers WHERE email = ?', EMAILS.analyst)).toEqual(hashBefore);
    const ok = await send('PUT', '/me/password', here.headers, { currentPassword: PASSWORD, newPassword: 'lantern otter meadow' });
    expect(await ok.json()).toEqual({ sessionsEnded: 1 });
    expect((await send('GET', '/me', { cookie: here.cookie })).status).toBe(200);
    expect((await send('GET', '/me', { cookie: elsewhere.cookie })).status).toBe(401);
    expect((await send('PUT', '/me/password', here.headers, { currentPassword: 'lantern otter meadow', newPassword: PASSWORD })).status).toBe(200);
  });
});

describe('two-factor sign-in', () => {
  it('is set up with a code, then sign-in asks for one, refuses a wrong or reused one, and an admin can remove it', async () => {
    const viewer = await signIn(app, EMAILS.viewer);
    const setup = await (await send('POST', '/me/two-factor', viewer.headers)).json();
    expect(setup.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(setup.uri).toMatch(/^otpauth:\/\/totp\/.*secret=/);
    expect(setup.qrSvg).toMatch(/^<svg role="img"/);
    expect((await send('POST', '/me/two-factor/confirm', viewer.headers, { code: '000000' })).status).toBe(422);
    const earlier = new Date(Date.now() - 30_000);
    expect((await send('POST', '/me/two-factor/confirm', viewer.headers, { code: totpCode(setup.secret, earlier) })).status).toBe(200);

    const noCode = await postLogin(app, { email: EMAILS.viewer, password: PASSWORD });
    expect(noCode.status).toBe(401);
    expect(await noCode.json()).toEqual({ error: 'Enter the 6-digit code from your authenticator app.', codeRequired: true, field: 'code' });
    expect(noCode.headers.getSetCookie()).toEqual([]);
    const code = totpCode(setup.secret, new Date());
    expect((await postLogin(app, { email: EMAILS.viewer, password: PASSWORD, code })).status).toBe(200);
    expect((await postLogin(app, { email: EMAILS.viewer, password: PASSWORD, code })).status).toBe(401); // used already

    const admin = await signIn(app, EMAILS.admin);
    expect(await (await send('DELETE', `/officers/${await idOf(EMAILS.viewer)}/two-factor`, admin.headers)).json()).toEqual({ twoFactor: false });
    expect((await postLogin(app, { email: EMAILS.viewer, password: PASSWORD })).status).toBe(200);
  });
});
