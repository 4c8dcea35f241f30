/**
 * Single sign-on (OpenID Connect), mounted at /api/officer:
 *   GET /sign-in-options   → {password: true, oidc: {label, startUrl} | null}: what the sign-in page offers
 *   GET /oidc/start?next=  → 302 to the provider (sets the csp_oidc cookie)
 *   GET /oidc/callback     → 302 to the officer pages, signed in (session cookies as POST /login sets);
 *                            or a page saying why not (400, 403, 503)
 * The start and callback routes are 404 when single sign-on is not configured.
 */
import { setSignInCookies } from '../../accounts/cookies.js';
import type { OidcSignIn } from '../../accounts/oidc.js';
import { clearFlowCookie, flowCookie, setFlowCookie } from '../../accounts/oidc-cookies.js';
import { OidcStartQuery, SignInOptions } from '../../accounts/oidc-schemas.js';
import { NotFound } from '../../errors.js';
import { oidcRefusalHtml } from '../oidc-refusal-page.js';
import { createRoute, jsonContent, router } from '../route.js';

const tags = ['accounts'];
const START_PATH = '/api/officer/oidc/start';

const signInOptions = createRoute({
  method: 'get',
  path: '/sign-in-options',
  tags,
  summary: 'How officers may sign in: password always, and single sign-on when configured',
  security: [],
  responses: { 200: jsonContent(SignInOptions, 'The ways to sign in') },
});

const notConfigured = () => new NotFound('Single sign-on is not configured on this server: sign in with your email and password.');

/**
 * `oidc` null: single sign-on is off (only the options route says anything). Start and callback
 * are browser navigations answered with redirects and pages, like the privacy notice: not in the
 * API document.
 */
export function officerOidcRoutes(oidc: OidcSignIn | null) {
  return router()
    .openapi(signInOptions, (c) => c.json({ password: true as const, oidc: oidc ? { label: oidc.label, startUrl: START_PATH } : null }, 200))
    .get('/oidc/start', async (c) => {
      if (!oidc) throw notConfigured();
      const next = OidcStartQuery.safeParse(c.req.query()).data?.next;
      const started = await oidc.start(next);
      if (started.kind === 'refused') return c.html(oidcRefusalHtml(started.title, started.message), started.status);
      setFlowCookie(c, started.flowId);
      return c.redirect(started.url, 302);
    })
    .get('/oidc/callback', async (c) => {
      if (!oidc) throw notConfigured();
      const outcome = await oidc.callback(flowCookie(c), new URL(c.req.url).searchParams);
      clearFlowCookie(c);
      if (outcome.kind === 'refused') return c.html(oidcRefusalHtml(outcome.title, outcome.message), outcome.status);
      setSignInCookies(c, outcome.token, outcome.csrfToken);
      return c.redirect(outcome.next, 302);
    });
}
