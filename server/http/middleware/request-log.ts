/**
 * One structured log line (pino, JSON) per request: a request id (also sent back as X-Request-Id,
 * so a person reporting a problem can quote it), the method, the route's pattern
 * (`/api/surveys/:slug/responses`, never the address as sent: a path or query may carry a link's
 * token or an answer), the status and the milliseconds taken. Never the caller's address, a body,
 * a header or an e-mail address. Errors are logged by `onError` with the same id (`requestLog`).
 * LOG_LEVEL sets how much is written (default info; silent under vitest).
 */
import { randomUUID } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { pino, type DestinationStream, type Logger } from 'pino';
import { settings } from '../../config.js';

export type { Logger };

/** The logger the app writes to: stdout at LOG_LEVEL, or `stream` (tests read what was logged). */
export function createLogger(stream?: DestinationStream, level: string = settings().logLevel): Logger {
  const options = { level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime };
  return stream ? pino(options, stream) : pino(options);
}

/** The pattern of the route that answered: a handler's, else the catch-all's (a 404). */
function routeOf(c: Context): string {
  const routes = matchedRoutes(c);
  const handler = [...routes].reverse().find((r) => r.method !== 'ALL');
  return (handler ?? routes.at(-1))?.path ?? '*';
}

export function requestLogger(log: Logger): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    const id = randomUUID();
    c.set('requestLog' as never, log.child({ requestId: id }) as never);
    await next();
    c.header('X-Request-Id', id);
    log.info(
      { requestId: id, method: c.req.method, route: routeOf(c), status: c.res.status, ms: Math.round((performance.now() - started) * 10) / 10 },
      'request',
    );
  };
}

/** This request's logger (with its id), for `onError`; null outside a request that has one. */
export function requestLog(c: Context): Logger | null {
  return ((c.var as Record<string, unknown>).requestLog as Logger | undefined) ?? null;
}
