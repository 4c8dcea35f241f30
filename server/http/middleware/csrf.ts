/**
 * Cross-site request forgery protection for state-changing requests (POST, PUT, PATCH, DELETE):
 * - an Origin header, when the browser sends one, must name this host;
 * - the `x-csrf-token` header must equal the session's CSRF token (given at sign-in and in the
 *   `csp_csrf` cookie), which another site can neither read nor guess.
 * Paths in `exempt` (sign-in and the password reset, which have no session yet) get only the Origin check. Anonymous
 * state-changing requests are refused with 401, as requireRole would. Needs `session()` before it.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { CSRF_HEADER } from '../../accounts/cookies.js';
import { csrfMatches } from '../../accounts/sessions.js';
import { Forbidden, Unauthorized } from '../../errors.js';
import type { OfficerEnv } from './session.js';

export interface CsrfOptions {
  /** Exact request paths that need no token; default sign-in and the password reset (no session yet). */
  exempt?: string[];
}

const stateChanging = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function csrf({ exempt = ['/api/officer/login', '/api/officer/password-reset'] }: CsrfOptions = {}): MiddlewareHandler<OfficerEnv> {
  return async (c, next) => {
    if (!stateChanging.has(c.req.method)) return next();
    if (!sameOrigin(c)) throw new Forbidden('This request came from another website, so it was refused. Use the officer pages of this site.');
    if (exempt.includes(c.req.path)) return next();
    const officer = c.get('officer');
    if (!officer) throw new Unauthorized();
    if (!csrfMatches(c.req.header(CSRF_HEADER), officer.csrfHash)) {
      throw new Forbidden(`Missing or wrong ${CSRF_HEADER} header: send the token from sign-in (cookie csp_csrf). Reload the page if it persists.`);
    }
    await next();
  };
}

/** True when there is no Origin header (non-browser clients) or it names this request's host. */
function sameOrigin(c: Context): boolean {
  const origin = c.req.header('origin');
  if (origin === undefined) return true;
  const host = c.req.header('host') ?? new URL(c.req.url).host;
  try {
    return new URL(origin).host === host;
  } catch {
    return false; // "null" (sandboxed frames, some redirects) or garbage
  }
}
