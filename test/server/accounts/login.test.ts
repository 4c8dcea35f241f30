/** POST /api/officer/login, GET /me, POST /logout: sessions in cookies, expiry, and the stored hashes. */
import { createHash } from 'node:crypto';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { cookiesOf, EMAILS, officerWorld, PASSWORD, postLogin, signIn } from '../../helpers/officer-world.js';

const world = await officerWorld();
afterAll(() => world.cleanup());
const { app, sql } = world;
const sessionRows = () => sql.all<{ id: string; csrf_token: string; expires_at: string }>('SELECT id, officer_id, csrf_token, expires_at FROM sessions');

describe('signing in', () => {
  it('returns the email, role and a CSRF token, and sets the session cookie HttpOnly, SameSite=Strict, 8 hours', async () => {
    const res = await postLogin(app, { email: EMAILS.analyst, password: PASSWORD });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({ email: EMAILS.analyst, role: 'analyst', csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });

    const { csp_session, csp_csrf } = cookiesOf(res);
    expect(csp_session.value).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes, base64url
    expect(csp_session.attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/', 'Max-Age=28800']));
    expect(csp_session.attributes).not.toContain('Secure'); // plain http in this test
    // The CSRF cookie is for the page's script to read: not HttpOnly, same token as the body.
    expect(csp_csrf.value).toBe(body.csrfToken);
    expect(csp_csrf.attributes).toEqual(expect.arrayContaining(['SameSite=Strict', 'Path=/', 'Max-Age=28800']));
    expect(csp_csrf.attributes).not.toContain('HttpOnly');
  });

  it('stores only SHA-256 hashes of the session and CSRF tokens, with an expiry 8 hours ahead', async () => {
    const before = Date.now();
    const { token, csrfToken } = await signIn(app, EMAILS.viewer);
    const sha = (s: string) => createHash('sha256').update(s).digest('hex');
    const rows = await sessionRows();
    const row = rows.find((r) => r.id === sha(token));
    expect(row).toBeDefined();
    expect(row!.csrf_token).toBe(sha(csrfToken));
    expect(JSON.stringify(rows)).not.toContain(token);
    const hours = (Date.parse(row!.expires_at) - before) / 3_600_000;
    expect(hours).toBeGreaterThan(7.99);
    expect(hours).toBeLessThan(8.01);
  });

  it('marks cookies Secure over https', async () => {
    const res = await postLogin(app, { email: EMAILS.viewer, password: PASSWORD }, { url: 'https://csp.example.gov.uk/api/officer/login' });
    expect(res.status).toBe(200);
    expect(cookiesOf(res).csp_session.attributes).toContain('Secure');
    expect(cookiesOf(res).csp_csrf.attributes).toContain('Secure');
  });

  describe('with COOKIE_SECURE=1', () => {
    afterEach(() => void delete process.env.COOKIE_SECURE);
    it('marks cookies Secure even over http (TLS ends at a proxy)', async () => {
      process.env.COOKIE_SECURE = '1';
      const res = await postLogin(app, { email: EMAILS.viewer, password: PASSWORD });
      expect(cookiesOf(res).csp_session.attributes).toContain('Secure');
    });
  });

  it('accepts the email in any case and with spaces around it', async () => {
    const res = await postLogin(app, { email: '  Admin@Council.GOV.uk ', password: PASSWORD });
    expect(res.status).toBe(200);
    expect((await res.json()).email).toBe(EMAILS.admin);
  });

  it('gives the same 401 message for a wrong password and an unknown email, and sets no cookie', async () => {
    const wrong = await postLogin(app, { email: EMAILS.admin, password: 'not the password' });
    const unknown = await postLogin(app, { email: 'nobody@council.gov.uk', password: PASSWORD });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const [a, b] = [await wrong.json(), await unknown.json()];
    expect(a).toEqual({ error: 'Email or password is wrong.' });
    expect(b).toEqual(a);
    expect(wrong.headers.getSetCookie()).toEqual([]);
  });

  it('refuses a malformed body with 400', async () => {
    for (const body of ['{not json', { email: EMAILS.admin }, { email: 5, password: PASSWORD }, [], 'null', { email: '', password: PASSWORD }]) {
      const res = await postLogin(app, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await res.json()).error).toMatch(/JSON/);
    }
  });
});

describe('GET /me', () => {
  it('is 401 without a session cookie, or with an unknown one', async () => {
    expect((await app.request('/api/officer/me')).status).toBe(401);
    const res = await app.request('/api/officer/me', { headers: { cookie: 'csp_session=forged' } });
    expect(res.status).toBe(401);
    expect((await res.json()).error).toMatch(/Sign in/);
  });

  it('returns the signed-in officer', async () => {
    const { cookie } = await signIn(app, EMAILS.admin);
    const res = await app.request('/api/officer/me', { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ email: EMAILS.admin, role: 'admin', expiresAt: expect.stringMatching(/Z$/), twoFactor: false });
  });

  it('gives the latest sign-in and the one before it, as the audit log holds them', async () => {
    await signIn(app, EMAILS.viewer);
    const { cookie } = await signIn(app, EMAILS.viewer);
    const logins = await sql.all<{ at: string }>(
      "SELECT a.created_at AS at FROM audit_log a JOIN officers o ON o.id = a.officer_id WHERE o.email = ? AND a.action = 'login' ORDER BY a.id DESC",
      EMAILS.viewer,
    );
    expect(logins.length).toBeGreaterThanOrEqual(2);
    const body = await (await app.request('/api/officer/me', { headers: { cookie } })).json();
    expect(body).toEqual({
      email: EMAILS.viewer,
      role: 'viewer',
      expiresAt: expect.stringMatching(/Z$/),
      twoFactor: false,
      lastSignInAt: logins[0].at,
      previousSignInAt: logins[1].at,
      // Every account made before partnerships works in the default one, named by the migration.
      partnership: { slug: 'default', name: 'Our partnership' },
    });
    expect(body.lastSignInAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('is 401 once the session has expired (checked by the server, whatever the cookie says), and the row is removed', async () => {
    const { cookie, token } = await signIn(app, EMAILS.admin);
    const id = createHash('sha256').update(token).digest('hex');
    await sql.run('UPDATE sessions SET expires_at = ? WHERE id = ?', new Date(Date.now() - 1000).toISOString(), id);
    expect((await app.request('/api/officer/me', { headers: { cookie } })).status).toBe(401);
    expect((await sessionRows()).some((r) => r.id === id)).toBe(false);
  });
});

describe('POST /logout', () => {
  it('ends the session: deletes it, clears the cookies, and the old cookie no longer works', async () => {
    const { cookie, headers, token } = await signIn(app, EMAILS.analyst);
    const res = await app.request('/api/officer/logout', { method: 'POST', headers });
    expect(res.status).toBe(200);
    const cleared = cookiesOf(res);
    expect(cleared.csp_session.value).toBe('');
    expect(cleared.csp_session.attributes).toContain('Max-Age=0');
    expect(cleared.csp_csrf.attributes).toContain('Max-Age=0');
    const id = createHash('sha256').update(token).digest('hex');
    expect((await sessionRows()).some((r) => r.id === id)).toBe(false);
    expect((await app.request('/api/officer/me', { headers: { cookie } })).status).toBe(401);
  });

  it('is 401 for an anonymous caller', async () => {
    expect((await app.request('/api/officer/logout', { method: 'POST' })).status).toBe(401);
  });
});
