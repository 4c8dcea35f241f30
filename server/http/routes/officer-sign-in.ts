/**
 * Officer sign-in, mounted at /api/officer:
 *   POST /login  {email, password} → {email, role, csrfToken} + cookies csp_session, csp_csrf
 *   POST /logout                   → ends the session (needs x-csrf-token)
 *   GET  /me                       → {email, role, expiresAt}
 *   GET  /audit?limit=n            → recent audit entries (admin)
 *   GET/POST /officers             → accounts (admin); see ./officer-accounts.ts
 * Every route but login refuses anonymous callers (401); state changes need the CSRF header (403).
 */
import { Hono } from 'hono';
import { audit, DEFAULT_AUDIT_LIMIT, recentAudit } from '../../accounts/audit.js';
import { clearSignInCookies, setSignInCookies } from '../../accounts/cookies.js';
import { findOfficerByEmail } from '../../accounts/officers.js';
import { decoyHash, MAX_PASSWORD_LENGTH, verifyPassword } from '../../accounts/password.js';
import { ROLES } from '../../accounts/roles.js';
import { createSession, deleteSession } from '../../accounts/sessions.js';
import { csrf } from '../middleware/csrf.js';
import { jsonBody, type JsonBodyEnv } from '../middleware/json-body.js';
import { loginRateLimit, type LoginRateLimitEnv } from '../middleware/rate-limit.js';
import { requireRole } from '../middleware/require-role.js';
import { session, type OfficerEnv } from '../middleware/session.js';
import { officerAccountRoutes } from './officer-accounts.js';
import type { AppDeps } from '../deps.js';

export interface OfficerRoutesOptions {
  /** Passed to csrf(); default exempts /api/officer/login. Set when mounting elsewhere. */
  csrfExempt?: string[];
}

const wrongCredentials = 'Email or password is wrong.';
const anyRole = requireRole(...ROLES);

export function officerRoutes(deps: AppDeps, options: OfficerRoutesOptions = {}) {
  const { store, limits } = deps;
  const router = new Hono<OfficerEnv & JsonBodyEnv & LoginRateLimitEnv>()
    .use('*', session({ store }), csrf({ exempt: options.csrfExempt }))
    .post('/login', loginRateLimit(limits.login), jsonBody({ maxBytes: 4096 }), async (c) => {
      const body = c.get('body') as { email?: unknown; password?: unknown } | null;
      const { email, password } = body && typeof body === 'object' ? body : ({} as Record<string, unknown>);
      if (typeof email !== 'string' || typeof password !== 'string' || !email.trim() || !password) {
        return c.json({ error: 'Send {"email": "...", "password": "..."} as JSON, both as text.' }, 400);
      }
      const attempts = c.get('loginAttempts');
      const blocked = attempts.refuseEmail(email);
      if (blocked) return blocked;

      const officer = email.length <= 254 ? findOfficerByEmail(store.db, email) : undefined;
      // Unknown emails are checked against a decoy hash so the two failures take equally long.
      const passwordOk = password.length <= MAX_PASSWORD_LENGTH && (await verifyPassword(password, officer?.passwordHash ?? (await decoyHash())));
      if (!officer || !passwordOk) {
        attempts.failed(email);
        // The typed email is not logged for unknown accounts: people sometimes type a password there.
        audit(store, officer, 'login.failed', officer ? null : { reason: 'unknown email' });
        return c.json({ error: wrongCredentials }, 401);
      }
      attempts.succeeded(email);
      const { token, csrfToken } = createSession(store.db, officer.id);
      setSignInCookies(c, token, csrfToken);
      audit(store, officer, 'login');
      return c.json({ email: officer.email, role: officer.role, csrfToken });
    })
    .post('/logout', anyRole, (c) => {
      const officer = c.get('officer')!;
      deleteSession(store.db, officer.sessionId);
      clearSignInCookies(c);
      audit(store, officer, 'logout');
      return c.json({ ok: true });
    })
    .get('/me', anyRole, (c) => {
      const { email, role, expiresAt } = c.get('officer')!;
      return c.json({ email, role, expiresAt });
    })
    .get('/audit', requireRole('admin'), (c) => {
      const limit = Number(c.req.query('limit') ?? DEFAULT_AUDIT_LIMIT);
      if (!Number.isFinite(limit) || limit < 1) return c.json({ error: 'limit must be a positive number.' }, 400);
      return c.json({ entries: recentAudit(store, limit) });
    })
    .route('/officers', officerAccountRoutes(deps));
  return router;
}
