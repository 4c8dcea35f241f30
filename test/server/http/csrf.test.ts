/** CSRF protection of state-changing officer requests: double-submit token and Origin check. */
import { afterAll, describe, expect, it } from 'vitest';
import { EMAILS, officerWorld, postLogin, PASSWORD, signIn } from '../../helpers/officer-world.js';

const world = await officerWorld();
afterAll(() => world.cleanup());
const { app } = world;
const session = await signIn(app, EMAILS.admin);
/**
 * A real change an admin may make: adding an account (a new email each time, so each that gets
 * through is a 201). Without a session or token it must not get that far.
 */
const ADD = '/api/officer/officers';
let added = 0;
const post = (path: string, headers: Record<string, string>) =>
  app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ email: `csrf${++added}@council.gov.uk`, password: 'a long enough password', role: 'viewer' }),
  });
const accounts = async () => (await world.sql.get<{ n: number }>('SELECT count(*) AS n FROM officers'))!.n;

describe('x-csrf-token on POST', () => {
  it('refuses a signed-in POST without the header: 403 with a message naming it, and nothing is stored', async () => {
    const before = await accounts();
    const res = await post(ADD, { cookie: session.cookie });
    expect(res.status).toBe(403);
    expect((await res.json()).error).toMatch(/x-csrf-token/);
    expect(await accounts()).toBe(before);
  });

  it('refuses a wrong token, including another session’s token', async () => {
    expect((await post(ADD, { cookie: session.cookie, 'x-csrf-token': 'guess' })).status).toBe(403);
    const other = await signIn(app, EMAILS.analyst);
    expect((await post(ADD, { cookie: session.cookie, 'x-csrf-token': other.csrfToken })).status).toBe(403);
  });

  it('lets through the session’s own token', async () => {
    const res = await post(ADD, session.headers);
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ email: `csrf${added}@council.gov.uk`, role: 'viewer' });
  });

  it('applies to logout too (a forged logout is refused and the session survives)', async () => {
    expect((await post('/api/officer/logout', { cookie: session.cookie })).status).toBe(403);
    expect((await app.request('/api/officer/me', { headers: { cookie: session.cookie } })).status).toBe(200);
  });

  it('does not need a token for GET', async () => {
    expect((await app.request(ADD, { headers: { cookie: session.cookie } })).status).toBe(200);
  });

  it('answers an anonymous POST with 401, not 403', async () => {
    expect((await post(ADD, { 'x-csrf-token': session.csrfToken })).status).toBe(401);
  });
});

describe('Origin header', () => {
  it('refuses a POST whose Origin is another site, even with the right token', async () => {
    const res = await post(ADD, { ...session.headers, origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect((await res.json()).error).toMatch(/another website/);
  });

  it('refuses a sign-in posted from another site', async () => {
    const res = await postLogin(app, { email: EMAILS.admin, password: PASSWORD }, { headers: { origin: 'https://evil.example' } });
    expect(res.status).toBe(403);
  });

  it('accepts an Origin naming this host', async () => {
    const res = await post(`https://csp.example.gov.uk${ADD}`, { ...session.headers, origin: 'https://csp.example.gov.uk', host: 'csp.example.gov.uk' });
    expect(res.status).toBe(201);
  });
});
