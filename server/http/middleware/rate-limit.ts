/**
 * Sign-in rate limiting: `maxFailures` failed attempts within `windowMs`, counted per email and
 * per client connection, then 429 with Retry-After until the oldest ages out. Counters live in
 * memory only (auth/failure-counter.ts): addresses are never stored in the database.
 *
 * The middleware refuses blocked clients up front and gives the handler `c.get('loginAttempts')`
 * to check the email (known only after the body is read) and to record the outcome.
 */
import type { Context, MiddlewareHandler, TypedResponse } from 'hono';
import { FailureCounter } from '../../accounts/failure-counter.js';

export interface LoginRateLimitOptions {
  maxFailures?: number;
  windowMs?: number;
  now?: () => number;
}

export interface LoginAttempts {
  /** A 429 response if this email is blocked, else null. */
  refuseEmail(email: string): TypedResponse<{ error: string }, 429, 'json'> | null;
  failed(email: string): void;
  succeeded(email: string): void;
}

export type LoginRateLimitEnv = { Variables: { loginAttempts: LoginAttempts } };

export const LOGIN_MAX_FAILURES = 5;
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;

/**
 * The connecting address from @hono/node-server (c.env.incoming). Headers such as
 * X-Forwarded-For are ignored: a caller could set them to dodge the limit. Without a socket
 * (tests, other runtimes) every caller shares one key, which errs on the side of refusing.
 */
export function clientKey(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'no-socket';
}

export function loginRateLimit({
  maxFailures = LOGIN_MAX_FAILURES,
  windowMs = LOGIN_WINDOW_MS,
  now,
}: LoginRateLimitOptions = {}): MiddlewareHandler<LoginRateLimitEnv> {
  const byEmail = new FailureCounter({ maxFailures, windowMs, now });
  const byClient = new FailureCounter({ maxFailures, windowMs, now });
  const refuse = (c: Context, seconds: number) => {
    c.header('Retry-After', String(seconds));
    const minutes = Math.ceil(seconds / 60);
    return c.json({ error: `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.` }, 429);
  };
  return async (c, next) => {
    const client = `client:${clientKey(c)}`;
    const wait = byClient.retryAfterSeconds(client);
    if (wait) return refuse(c, wait);
    const emailKey = (email: string) => `email:${email.trim().toLowerCase()}`;
    c.set('loginAttempts', {
      refuseEmail: (email) => {
        const s = byEmail.retryAfterSeconds(emailKey(email));
        return s ? refuse(c, s) : null;
      },
      failed: (email) => {
        byEmail.fail(emailKey(email));
        byClient.fail(client);
      },
      // The client's count is kept: signing in to one's own account must not reset guessing at others.
      succeeded: (email) => byEmail.reset(emailKey(email)),
    });
    await next();
  };
}
