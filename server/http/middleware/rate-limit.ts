/**
 * Sign-in rate limiting: `maxFailures` failed attempts within `windowMs`, counted per email and
 * per client connection, then 429 with Retry-After until the oldest ages out. Counters live in
 * memory only (accounts/failure-counter.ts): addresses are never stored in the database.
 *
 * The middleware refuses blocked clients up front and gives the handler `c.get('loginAttempts')`
 * to check the email (known only after the body is read) and to record the outcome.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { FailureCounter } from '../../accounts/failure-counter.js';
import type { LoginAttempts } from '../../accounts/sign-in.js';
import { TooManyRequests } from '../../errors.js';

export type { LoginAttempts };

export interface LoginRateLimitOptions {
  maxFailures?: number;
  windowMs?: number;
  now?: () => number;
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

function tooMany(seconds: number): TooManyRequests {
  const minutes = Math.ceil(seconds / 60);
  return new TooManyRequests(`Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, {
    headers: { 'Retry-After': String(seconds) },
  });
}

export function loginRateLimit({
  maxFailures = LOGIN_MAX_FAILURES,
  windowMs = LOGIN_WINDOW_MS,
  now,
}: LoginRateLimitOptions = {}): MiddlewareHandler<LoginRateLimitEnv> {
  const byEmail = new FailureCounter({ maxFailures, windowMs, now });
  const byClient = new FailureCounter({ maxFailures, windowMs, now });
  return async (c, next) => {
    const client = `client:${clientKey(c)}`;
    const wait = byClient.retryAfterSeconds(client);
    if (wait) throw tooMany(wait);
    const emailKey = (email: string) => `email:${email.trim().toLowerCase()}`;
    c.set('loginAttempts', {
      checkEmail: (email) => {
        const s = byEmail.retryAfterSeconds(emailKey(email));
        if (s) throw tooMany(s);
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
