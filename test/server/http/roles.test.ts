/** requireRole: 401 for anonymous callers, 403 for roles without the permission, for each role. */
import { afterAll, describe, expect, it } from 'vitest';
import { EMAILS, officerWorld, signIn } from '../../helpers/officer-world.js';
import { withOpenWave } from '../../helpers/store.js';

const world = await officerWorld();
afterAll(() => world.cleanup());
const { app } = world;
// A wave, so the routes that need one answer 200 to the roles allowed.
await withOpenWave(world.store, 'resident-safety', '2026');
const wave = '/api/officer/surveys/resident-safety/waves/2026';
const sessions = {
  viewer: await signIn(app, EMAILS.viewer),
  analyst: await signIn(app, EMAILS.analyst),
  admin: await signIn(app, EMAILS.admin),
};

// A real route of each permission → expected status per role (the matrix in server/accounts/roles.ts)
const cases = [
  { method: 'GET', path: '/api/officer/surveys', expected: { viewer: 200, analyst: 200, admin: 200 } }, // read-results
  { method: 'GET', path: `${wave}/responses.csv`, expected: { viewer: 403, analyst: 200, admin: 200 } }, // export
  { method: 'GET', path: `${wave}/links`, expected: { viewer: 403, analyst: 403, admin: 200 } }, // manage-links
  { method: 'GET', path: '/api/officer/audit', expected: { viewer: 403, analyst: 403, admin: 200 } },
  { method: 'GET', path: '/api/officer/officers', expected: { viewer: 403, analyst: 403, admin: 200 } },
  { method: 'GET', path: '/api/officer/me', expected: { viewer: 200, analyst: 200, admin: 200 } },
] as const;

describe.each(cases)('$method $path', ({ method, path, expected }) => {
  it('is 401 for an anonymous caller', async () => {
    const res = await app.request(path, { method });
    expect(res.status).toBe(401);
    expect((await res.json()).error).toMatch(/Sign in/);
  });

  it.each(Object.keys(expected) as (keyof typeof expected)[])('as %s', async (role) => {
    const res = await app.request(path, { method, headers: sessions[role].headers });
    expect(res.status).toBe(expected[role]);
    if (res.status === 403) expect((await res.json()).error).toMatch(new RegExp(`Your ${role} account can't do this`));
  });
});
