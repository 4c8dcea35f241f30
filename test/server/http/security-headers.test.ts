/** Every answer carries the headers that keep the pages safe on the internet (server/http/middleware/security-headers.ts). */
import { afterAll, describe, expect, it } from 'vitest';
import { testApp, testStore } from '../../helpers/store.js';

const t = await testStore();
const app = testApp(t.store);
afterAll(() => t.cleanup());

describe('security headers', () => {
  it.each(['/api/health', '/api/officer/me', '/officer/results', '/s/resident-safety', '/api/no-such-route'])('on %s', async (path) => {
    const res = await app.request(path);
    const csp = res.headers.get('content-security-policy') ?? '';
    // Only this site's own scripts: no inline script, no eval, no third party.
    expect(csp).toMatch(/(^|; )script-src 'self'(;|$)/);
    expect(csp).toMatch(/(^|; )default-src 'self'(;|$)/);
    // Officer pages and questionnaires cannot be framed by another site (clickjacking).
    expect(csp).toMatch(/(^|; )frame-ancestors 'none'(;|$)/);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    // Survey link tokens must not leak to other sites in the Referer header.
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
