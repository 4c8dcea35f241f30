/**
 * Sign-in rate limiting, counted per email and per client address. Given the store (as the app
 * does), the counts live in it (accounts/stored-failure-counter.ts: hashed keys, pruned after the window),
 * so every server process on the store shares them and a restart keeps them; without one, in
 * memory (accounts/failure-counter.ts).
 *
 * Every attempt is counted *before* its password is checked (a reservation, given back when the
 * attempt succeeds), so a burst of guesses sent at once gets no more checks than guesses sent one
 * by one. Per email: `maxFailures` (5) in `windowMs` (15 minutes), then 429 with Retry-After until
 * the oldest ages out. Per address: a larger budget, `maxFailuresPerAddress` (50), so officers
 * behind one proxy or NAT who mistype are not all locked out, while one address spraying guesses
 * at many accounts is stopped.
 *
 * The middleware reserves the address's attempt up front (a blocked address is refused before
 * the body is read) and gives the handler `c.get('loginAttempts')` to reserve the email's.
 */
import { settings } from '../../config.js';
import type { Context, MiddlewareHandler } from 'hono';
import { FailureCounter } from '../../accounts/failure-counter.js';
import { StoredFailureCounter } from '../../accounts/stored-failure-counter.js';
import type { Store } from '../../store/open.js';
import type { LoginAttempts } from '../../accounts/sign-in.js';
import { TooManyRequests } from '../../errors.js';

export type { LoginAttempts };

export interface LoginRateLimitOptions {
  /** Failures per email in the window. */
  maxFailures?: number;
  /** Failures per client address in the window. */
  maxFailuresPerAddress?: number;
  windowMs?: number;
  /** Proxies in front of the server whose X-Forwarded-For is believed; default TRUSTED_PROXY or 0. */
  trustedProxyHops?: number;
  now?: () => number;
  /** Where the counts are kept; in this process's memory when absent. */
  store?: Store;
}

export type LoginRateLimitEnv = { Variables: { loginAttempts: LoginAttempts } };

export const LOGIN_MAX_FAILURES = 5;
export const LOGIN_MAX_FAILURES_PER_ADDRESS = 50;
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
const MAX_HOPS = 10;

/**
 * TRUSTED_PROXY: how many reverse proxies stand in front of the server (0, the default, when
 * browsers connect directly). Anything else stops the server at start with this message.
 */
export function trustedProxyHops(value: string | number | undefined = settings().trustedProxy): number {
  if (typeof value === 'number') return value;
  if (value === undefined || value.trim() === '') return 0;
  if (/^\d+$/.test(value.trim()) && Number(value) <= MAX_HOPS) return Number(value);
  throw new Error(
    `TRUSTED_PROXY must be the number of reverse proxies in front of the server, 0 to ${MAX_HOPS} (e.g. TRUSTED_PROXY=1 behind one); it is '${value}'.`,
  );
}

/**
 * The address that counts for the limit. With no trusted proxy, the connecting socket's address
 * (from @hono/node-server, c.env.incoming): X-Forwarded-For is ignored, as any caller could set it.
 * Behind `hops` trusted proxies, each appends the address it saw to X-Forwarded-For, so the client
 * is the entry `hops` from the end of [...X-Forwarded-For, socket]; entries before it are the
 * caller's own words and are ignored. Without a socket (tests, other runtimes) callers share one key.
 */
export function clientKey(c: Context, hops = 0): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  const socket = env?.incoming?.socket?.remoteAddress ?? 'no-socket';
  if (!hops) return socket;
  const forwarded = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const chain = [...forwarded, socket];
  return chain[Math.max(0, chain.length - 1 - hops)];
}

function tooMany(seconds: number): TooManyRequests {
  const minutes = Math.ceil(seconds / 60);
  return new TooManyRequests(`Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, {
    headers: { 'Retry-After': String(seconds) },
  });
}

export function loginRateLimit({
  maxFailures = LOGIN_MAX_FAILURES,
  maxFailuresPerAddress = LOGIN_MAX_FAILURES_PER_ADDRESS,
  windowMs = LOGIN_WINDOW_MS,
  trustedProxyHops: hops = trustedProxyHops(),
  now,
  store,
}: LoginRateLimitOptions = {}): MiddlewareHandler<LoginRateLimitEnv> {
  const counter = (max: number) =>
    store ? new StoredFailureCounter(store, { maxFailures: max, windowMs, now }) : new FailureCounter({ maxFailures: max, windowMs, now });
  const byEmail = counter(maxFailures);
  const byClient = counter(maxFailuresPerAddress);
  return async (c, next) => {
    const client = `client:${clientKey(c, hops)}`;
    const address = await byClient.reserve(client);
    if (address.wait) throw tooMany(address.wait);
    const emailKey = (email: string) => `email:${email.trim().toLowerCase()}`;
    let email: { key: string; at: number } | null = null;
    let settled = false;
    const giveBack = async () => {
      await byClient.release(client, address.at);
      if (email) await byEmail.release(email.key, email.at);
    };
    c.set('loginAttempts', {
      checkEmail: async (typed) => {
        const key = emailKey(typed);
        const reserved = await byEmail.reserve(key);
        if (reserved.wait) {
          // Refused unchecked: the address's attempt is given back, as nothing was tried.
          settled = true;
          await byClient.release(client, address.at);
          throw tooMany(reserved.wait);
        }
        email = { key, at: reserved.at };
      },
      failed: () => {
        settled = true;
      },
      // The address keeps its other failures: signing in to one's own account must not reset guessing at others.
      succeeded: async () => {
        settled = true;
        await byClient.release(client, address.at);
        if (email) await byEmail.reset(email.key);
      },
      unchecked: async () => {
        settled = true;
        await giveBack();
      },
    });
    try {
      await next();
    } finally {
      // A body refused before any check (400, 413, 415) costs nothing.
      if (!settled) await giveBack();
    }
  };
}
