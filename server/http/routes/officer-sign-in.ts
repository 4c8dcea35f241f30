/**
 * Officer sign-in, mounted at /api/officer:
 *   POST /login  {email, password} → {email, role, csrfToken} + cookies csp_session, csp_csrf
 *   POST /logout                   → ends the session (needs x-csrf-token)
 *   GET  /me                       → {email, role, expiresAt}
 *   GET  /audit?limit=n            → recent audit entries (admin)
 *   GET/POST /officers             → accounts (admin); see ./officer-accounts.ts
 *   /me/…, POST /password-reset    → one's own account, and a reset with a code; see ./officer-self.ts
 * Every route but login refuses anonymous callers (401); state changes need the CSRF header (403).
 */
import { auditList } from '../../accounts/audit.js';
import { clearSignInCookies, setSignInCookies } from '../../accounts/cookies.js';
import { ROLES } from '../../accounts/roles.js';
import { AuditList, AuditQuery, LoggedOut, LoginBody, Me, SignedIn } from '../../accounts/schemas.js';
import { me as currentOfficer } from '../../accounts/officers.js';
import { signIn, signOut } from '../../accounts/sign-in.js';
import type { AppDeps } from '../deps.js';
import { csrf } from '../middleware/csrf.js';
import { type LoginRateLimitEnv, loginRateLimit } from '../middleware/rate-limit.js';
import { type OfficerEnv, session } from '../middleware/session.js';
import { createRoute, errors, invalidAs, jsonBody, jsonContent, limitBody, officerRoute, router } from '../route.js';
import { officerAccountRoutes } from './officer-accounts.js';
import { officerSelfRoutes } from './officer-self.js';

export interface OfficerRoutesOptions {
  /** Passed to csrf(); default exempts /api/officer/login. Set when mounting elsewhere. */
  csrfExempt?: string[];
}

const MAX_LOGIN_BYTES = 4096;
export const LOGIN_BODY_MESSAGE = 'Send {"email": "...", "password": "..."} as JSON, both as text.';

const tags = ['accounts'];

const login = (deps: AppDeps) =>
  createRoute({
    method: 'post',
    path: '/login',
    tags,
    summary: 'Sign in; sets the csp_session (HttpOnly) and csp_csrf cookies',
    security: [],
    middleware: [
      // Before the body is read: a blocked connection is refused without looking at it.
      loginRateLimit({ store: deps.store, ...deps.limits.login }),
      limitBody({ maxBytes: MAX_LOGIN_BYTES }),
    ] as const,
    request: { body: jsonBody(LoginBody, 'The email and password of an officer account') },
    responses: {
      200: jsonContent(SignedIn, 'Signed in: the session cookie is set, and the CSRF token is in the body and the csp_csrf cookie'),
      ...errors({
        400: 'Not {email, password} as JSON text',
        401: 'Email or password is wrong (the same message whether or not the email has an account); or the account has two-factor sign-in and the code is missing or wrong (`codeRequired: true`)',
        403: 'Posted from another website, or the account is disabled',
        413: 'The body is larger than 4 KB',
        415: 'The body is not JSON',
        429: 'Too many failed attempts for this email (5 in 15 minutes) or from this address (50); counted before the password is checked. The Retry-After header gives the seconds to wait',
      }),
    },
  });

const logout = officerRoute({
  method: 'post',
  path: '/logout',
  roles: ROLES,
  tags,
  summary: 'Sign out: ends the session and clears the cookies',
  responses: { 200: jsonContent(LoggedOut, 'Signed out') },
});

const me = officerRoute({
  method: 'get',
  path: '/me',
  roles: ROLES,
  tags,
  summary: 'The signed-in officer: email, role, session expiry',
  responses: { 200: jsonContent(Me, 'The signed-in officer') },
});

const getAudit = officerRoute({
  method: 'get',
  path: '/audit',
  roles: ['admin'],
  tags,
  summary: 'Recent audit log entries, newest first: who did what, when (admin)',
  request: { query: AuditQuery },
  responses: {
    200: jsonContent(AuditList, 'The latest entries'),
    ...errors({ 400: 'limit is not a whole number from 1 to 1000' }),
  },
});

/** Any malformed sign-in body gets one message saying what to send (and a 400, not a 422). */
const loginBodyRefused = invalidAs(400, LOGIN_BODY_MESSAGE);

export function officerRoutes(deps: AppDeps, options: OfficerRoutesOptions = {}) {
  const { store, clock } = deps;
  const routes = router<OfficerEnv & LoginRateLimitEnv>();
  routes.use('*', session({ store, clock }), csrf({ exempt: options.csrfExempt }));
  return routes
    .openapi(
      login(deps),
      async (c) => {
        const signedIn = await signIn(store, c.req.valid('json'), c.get('loginAttempts'), clock.now());
        setSignInCookies(c, signedIn.token, signedIn.csrfToken);
        return c.json({ ...signedIn.officer, csrfToken: signedIn.csrfToken }, 200);
      },
      loginBodyRefused,
    )
    .openapi(logout, async (c) => {
      await signOut(store, c.get('officer')!);
      clearSignInCookies(c);
      return c.json({ ok: true as const }, 200);
    })
    .openapi(me, async (c) => c.json(await currentOfficer(store, c.get('officer')!), 200))
    .openapi(getAudit, async (c) => c.json(await auditList(store, c.req.valid('query').limit), 200))
    .route('/', officerAccountRoutes(deps))
    .route('/', officerSelfRoutes(deps));
}
