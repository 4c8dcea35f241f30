/**
 * Single sign-on end to end: a real OpenID provider (oidc-provider) on 127.0.0.1, the product's
 * real HTTP server on a temp store, and the code flow driven with fetch through the
 * provider's own sign-in and consent pages. Officers are matched by e-mail to accounts created
 * beforehand; nothing is ever created by signing in.
 */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recentAudit } from '../../../server/accounts/audit.js';
import { OIDC_CALLBACK_PATH } from '../../../server/accounts/oidc-config.js';
import { changeOfficer, createOfficer, listOfficers } from '../../../server/accounts/officers.js';
import { createApp } from '../../../server/http/app.js';
import { CookieJar, type RunningProvider, startProvider, throughProvider, visit } from '../../helpers/oidc-provider.js';
import { type TestStore, testStore } from '../../helpers/store.js';

const PASSWORD = 'correct horse battery staple';
let temp: TestStore;
let provider: RunningProvider;
let product: ReturnType<typeof serve>;
let base: string;
let app: ReturnType<typeof createApp> | undefined;

beforeAll(async () => {
  temp = await testStore();
  await createOfficer(temp.store.db, { email: 'j.smith@council.example', password: PASSWORD, role: 'analyst' });
  await createOfficer(temp.store.db, { email: 'a.khan@council.example', password: PASSWORD, role: 'viewer' });
  const admin = await createOfficer(temp.store.db, { email: 'unverified@council.example', password: PASSWORD, role: 'admin' });
  const leaver = await createOfficer(temp.store.db, { email: 'leaver@council.example', password: PASSWORD, role: 'analyst' });
  await changeOfficer(temp.store, admin, leaver.id, { disabled: true }, new Date());
  // The product listens first (its address is the provider's redirect URI); the app is built once the issuer is known.
  product = serve({ fetch: (req, env) => app!.fetch(req, env), port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((ok) => (product.listening ? ok() : product.once('listening', () => ok())));
  base = `http://127.0.0.1:${(product.address() as AddressInfo).port}`;
  provider = await startProvider(`${base}${OIDC_CALLBACK_PATH}`, [
    // Case differs from the account: matched all the same.
    { login: 'jsmith', claims: { email: 'J.Smith@Council.Example', email_verified: true, name: 'J Smith (made-up)' } },
    // Entra ID style: no email claim, the address in preferred_username.
    { login: 'akhan', claims: { preferred_username: 'a.khan@council.example', name: 'A Khan (made-up)' } },
    { login: 'stranger', claims: { email: 'nobody@elsewhere.example', email_verified: true } },
    { login: 'unverified', claims: { email: 'unverified@council.example', email_verified: false } },
    { login: 'leaver', claims: { email: 'leaver@council.example', email_verified: true } },
  ]);
  app = createApp({
    store: temp.store,
    oidc: {
      issuer: provider.issuer,
      clientId: provider.clientId,
      clientSecret: provider.clientSecret,
      label: 'Sign in with the test provider',
      redirectUri: `${base}${OIDC_CALLBACK_PATH}`,
    },
  });
});

afterAll(async () => {
  await provider?.close();
  await new Promise<void>((ok) => {
    (product as import('node:http').Server | undefined)?.closeAllConnections();
    product ? product.close(() => ok()) : ok();
  });
  await temp?.cleanup();
});

const url = (path: string) => new URL(path, base);
const host = () => new URL(base).host;

/** Signs in at the provider as `login` and returns the callback address the provider sent back. */
async function callbackFor(jar: CookieJar, login: string, next?: string) {
  return throughProvider(jar, url(`/api/officer/oidc/start${next ? `?next=${encodeURIComponent(next)}` : ''}`), login, OIDC_CALLBACK_PATH);
}

describe('single sign-on with a real OpenID provider', () => {
  it('says on the sign-in options that single sign-on is offered, with its label', async () => {
    const res = await fetch(url('/api/officer/sign-in-options'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ password: true, oidc: { label: 'Sign in with the test provider', startUrl: '/api/officer/oidc/start' } });
  });

  it('sends the browser to the provider with PKCE (S256), state, nonce and the scopes openid email profile', async () => {
    const jar = new CookieJar();
    const { res } = await visit(jar, url('/api/officer/oidc/start'));
    expect(res.status).toBe(302);
    const to = new URL(res.headers.get('location')!);
    expect(to.origin).toBe(provider.issuer);
    expect(to.searchParams.get('client_id')).toBe('csp-officers');
    expect(to.searchParams.get('redirect_uri')).toBe(`${base}/api/officer/oidc/callback`);
    expect(to.searchParams.get('scope')).toBe('openid email profile');
    expect(to.searchParams.get('response_type')).toBe('code');
    expect(to.searchParams.get('code_challenge_method')).toBe('S256');
    expect(to.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(to.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(to.searchParams.get('nonce')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('csp_oidc='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\/api\/officer\/oidc/);
  });

  it('signs in a matched officer (e-mail in another case) with their product role, back to the page they set out for, audited as oidc', async () => {
    const lastSignIn = async () => (await listOfficers(temp.store.db)).find((o) => o.email === 'j.smith@council.example')?.lastSignInAt;
    expect(await lastSignIn()).toBeNull();
    const jar = new CookieJar();
    const callback = await callbackFor(jar, 'jsmith', '/officer/results?survey=resident-safety');
    const before = Date.now();
    const { res } = await visit(jar, callback);
    expect(res.status).toBe(302);
    // The Accounts page's "last signed in" shows this sign-in.
    const at = Date.parse((await lastSignIn()) ?? '');
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(Date.now());
    expect(res.headers.get('location')).toBe('/officer/results?survey=resident-safety');
    const session = res.headers.getSetCookie().find((c) => c.startsWith('csp_session='))!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Strict/);
    expect(jar.get(host(), 'csp_oidc')).toBeUndefined(); // the flow's cookie is cleared

    const me = await visit(jar, url('/api/officer/me'));
    expect(me.res.status).toBe(200);
    expect(JSON.parse(me.body)).toMatchObject({ email: 'j.smith@council.example', role: 'analyst' });

    // The normal session: a change with the CSRF token from the cookie works as after a password sign-in.
    const logout = await visit(jar, url('/api/officer/logout'), { method: 'POST', headers: { 'x-csrf-token': jar.get(host(), 'csp_csrf')! } });
    expect(logout.res.status).toBe(200);

    const signIns = (await recentAudit(temp.store, 10)).filter((e) => e.action === 'login' && e.email === 'j.smith@council.example');
    expect(signIns.map((e) => e.details)).toEqual([{ method: 'oidc' }]);
  });

  it('matches an Entra ID style account whose address is only in preferred_username (read from userinfo when the ID token lacks it)', async () => {
    const jar = new CookieJar();
    const { res } = await visit(jar, await callbackFor(jar, 'akhan', 'https://evil.example/steal'));
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/officer'); // another site is never a destination
    const me = await visit(jar, url('/api/officer/me'));
    expect(JSON.parse(me.body)).toMatchObject({ email: 'a.khan@council.example', role: 'viewer' });
  });

  it('refuses an e-mail with no officer account with a page saying to ask the admin, and creates nothing', async () => {
    const before = (await listOfficers(temp.store.db)).length;
    const jar = new CookieJar();
    const { res, body } = await visit(jar, await callbackFor(jar, 'stranger'));
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(body).toContain('<h1>No officer account for this address</h1>');
    expect(body).toContain(
      'You signed in at the sign-in service as nobody@elsewhere.example, but there is no officer account for that address. Ask your admin to create an account for nobody@elsewhere.example on the Accounts page, then sign in again. No account was created.',
    );
    expect(res.headers.getSetCookie().some((c) => c.startsWith('csp_session='))).toBe(false);
    expect((await listOfficers(temp.store.db)).length).toBe(before);
    expect((await visit(jar, url('/api/officer/me'))).res.status).toBe(401);
    const failed = (await recentAudit(temp.store, 10)).find((e) => e.action === 'login.failed');
    expect(failed?.details).toEqual({ method: 'oidc', reason: 'unknown email', email: 'nobody@elsewhere.example' });
  });

  it('refuses an address the provider says is not verified, though an account has it', async () => {
    const jar = new CookieJar();
    const { res, body } = await visit(jar, await callbackFor(jar, 'unverified'));
    expect(res.status).toBe(403);
    expect(body).toContain('The sign-in service says your e-mail address is not verified');
    expect((await visit(jar, url('/api/officer/me'))).res.status).toBe(401);
  });

  it('refuses a disabled account, though the provider vouches for its address, and audits the refusal', async () => {
    const jar = new CookieJar();
    const { res, body } = await visit(jar, await callbackFor(jar, 'leaver'));
    expect(res.status).toBe(403);
    expect(body).toContain('This account is disabled. Ask an admin if you still need it.');
    expect((await visit(jar, url('/api/officer/me'))).res.status).toBe(401);
    const refusal = (await recentAudit(temp.store, 10)).find((e) => e.action === 'login.refused' && e.email === 'leaver@council.example');
    expect(refusal?.details).toEqual({ method: 'oidc', reason: 'disabled' });
  });

  it('refuses a callback whose state was tampered with, and then the flow is spent', async () => {
    const jar = new CookieJar();
    const callback = await callbackFor(jar, 'jsmith');
    const tampered = new URL(callback);
    const state = callback.searchParams.get('state')!;
    tampered.searchParams.set('state', `${state[0] === 'x' ? 'y' : 'x'}${state.slice(1)}`);
    const { res, body } = await visit(jar, tampered);
    expect(res.status).toBe(400);
    expect(body).toContain('The reply from the sign-in service does not belong to the sign-in this browser started, so it was refused.');
    expect(res.headers.getSetCookie().some((c) => c.startsWith('csp_session='))).toBe(false);
    // The genuine reply, after that, is refused too: a flow is used once.
    const again = await visit(jar, callback);
    expect(again.res.status).toBe(400);
    expect(again.body).toContain('was not started in this browser, was already used, or took longer than 10 minutes');
    expect((await visit(jar, url('/api/officer/me'))).res.status).toBe(401);
  });

  it("refuses a callback in a browser that did not start the sign-in (another's code and state)", async () => {
    const callback = await callbackFor(new CookieJar(), 'jsmith');
    const { res, body } = await visit(new CookieJar(), callback);
    expect(res.status).toBe(400);
    expect(body).toContain('This sign-in was not started in this browser');
  });

  it('refuses a replayed callback after a successful sign-in', async () => {
    const jar = new CookieJar();
    const callback = await callbackFor(jar, 'jsmith');
    expect((await visit(jar, callback)).res.status).toBe(302);
    const replay = await visit(jar, callback);
    expect(replay.res.status).toBe(400);
  });
});

describe('without single sign-on configured', () => {
  it('offers only passwords, and the single sign-on routes are 404 with a message', async () => {
    const other = await testStore();
    try {
      const plain = createApp({ store: other.store });
      const options = await plain.request('/api/officer/sign-in-options');
      expect(await options.json()).toEqual({ password: true, oidc: null });
      const start = await plain.request('/api/officer/oidc/start');
      expect(start.status).toBe(404);
      expect(await start.json()).toEqual({ error: 'Single sign-on is not configured on this server: sign in with your email and password.' });
    } finally {
      await other.cleanup();
    }
  });
});
