/**
 * The cookie that ties a single sign-on callback to the browser that started it (see oidc.ts).
 * SameSite=Lax, not Strict like the session's: the provider's page sends the browser back here,
 * and a Strict cookie would not come with that navigation. HttpOnly, and sent only to the
 * single sign-on routes.
 */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { isSecureRequest } from './cookies.js';
import { OIDC_FLOW_TTL_SECONDS } from './oidc.js';

export const OIDC_FLOW_COOKIE = 'csp_oidc';
const path = '/api/officer/oidc';

export function setFlowCookie(c: Context, flowId: string): void {
  setCookie(c, OIDC_FLOW_COOKIE, flowId, { path, httpOnly: true, sameSite: 'Lax', secure: isSecureRequest(c), maxAge: OIDC_FLOW_TTL_SECONDS });
}

export function flowCookie(c: Context): string | undefined {
  return getCookie(c, OIDC_FLOW_COOKIE);
}

export function clearFlowCookie(c: Context): void {
  deleteCookie(c, OIDC_FLOW_COOKIE, { path, httpOnly: true, sameSite: 'Lax', secure: isSecureRequest(c) });
}
