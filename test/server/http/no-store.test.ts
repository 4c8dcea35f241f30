/** Every /api/officer response says `Cache-Control: no-store`: data, downloads, refusals and sign-in. */
import { afterAll, describe, expect, it } from 'vitest';
import { signIn } from '../../helpers/officer.js';
import { postJson, testApp, testStore, withOpenWave } from '../../helpers/store.js';

const t = await testStore();
afterAll(() => t.cleanup());
const app = testApp(t.store);
await withOpenWave(t.store, 'resident-safety', '2026');
const admin = await signIn(app, t.store, 'admin');

describe('Cache-Control on officer responses', () => {
  it.each([
    ['a list', '/api/officer/surveys', admin, 200],
    ['a questionnaire', '/api/officer/surveys/resident-safety/definition', admin, 200],
    ['the export', '/api/officer/surveys/resident-safety/waves/2026/responses.csv', admin, 200],
    ['a 404', '/api/officer/surveys/nope/definition', admin, 404],
    ['a 401 (not signed in)', '/api/officer/surveys', {}, 401],
  ] as const)('%s: no-store', async (_, path, headers, status) => {
    const res = await app.request(path, { headers });
    expect(res.status).toBe(status);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('on sign-in too, and not on the respondent API', async () => {
    const res = await postJson(app, '/api/officer/login', { email: 'nobody@test.invalid', password: 'wrong password here' });
    expect(res.status).toBe(401);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect((await app.request('/api/surveys/resident-safety')).headers.get('cache-control')).toBeNull();
  });
});
