/**
 * `Cache-Control: no-store` on every officer response (data, reports, errors alike): officer data is
 * personal or unpublished, and must not stay in a shared computer's browser cache or a proxy.
 */
import type { MiddlewareHandler } from 'hono';

export function noStore(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.res.headers.set('Cache-Control', 'no-store');
  };
}
