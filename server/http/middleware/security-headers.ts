/**
 * Headers that make the pages safe to put on the internet: a Content-Security-Policy allowing
 * only this site's own scripts, styles, images and API (no inline scripts, no third-party
 * requests, no framing: clickjacking), no Referer (survey link tokens must not leak), no MIME
 * sniffing, and the rest of Hono's secureHeaders defaults.
 *
 * `style-src 'unsafe-inline'`: survey-js-ui and Chart.js set element styles, and the printable
 * report and posters carry their stylesheet inline. Scripts stay strictly 'self'.
 */
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

export function securityHeaders(): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    referrerPolicy: 'no-referrer',
    xFrameOptions: 'DENY',
    // Plain http on localhost must keep working; HSTS belongs to the TLS front end in production.
    strictTransportSecurity: false,
  });
}
