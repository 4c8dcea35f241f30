/**
 * The two sign-in cookies. `csp_session` carries the session token: HttpOnly so page scripts can't
 * read it, SameSite=Strict so other sites' pages can't send it. `csp_csrf` is readable by the
 * officer pages, which echo it in the `x-csrf-token` header (double submit).
 */
import { settings } from '../config.js';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { SESSION_TTL_SECONDS } from './sessions.js';

export const SESSION_COOKIE = 'csp_session';
export const CSRF_COOKIE = 'csp_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/**
 * Secure (sent over HTTPS only) when this request came over HTTPS, when a proxy says it did, or
 * when COOKIE_SECURE=1 forces it. Trusting x-forwarded-proto here is safe: it can only make the
 * cookie stricter.
 */
export function isSecureRequest(c: Context): boolean {
  if (settings().cookieSecure) return true;
  if (new URL(c.req.url).protocol === 'https:') return true;
  return c.req.header('x-forwarded-proto')?.split(',')[0].trim() === 'https';
}

export function setSignInCookies(c: Context, token: string, csrfToken: string): void {
  const common = { path: '/', sameSite: 'Strict', secure: isSecureRequest(c), maxAge: SESSION_TTL_SECONDS } as const;
  setCookie(c, SESSION_COOKIE, token, { ...common, httpOnly: true });
  setCookie(c, CSRF_COOKIE, csrfToken, { ...common, httpOnly: false });
}

export function clearSignInCookies(c: Context): void {
  const common = { path: '/', sameSite: 'Strict', secure: isSecureRequest(c) } as const;
  deleteCookie(c, SESSION_COOKIE, { ...common, httpOnly: true });
  deleteCookie(c, CSRF_COOKIE, common);
}

export function sessionToken(c: Context): string | undefined {
  return getCookie(c, SESSION_COOKIE);
}
