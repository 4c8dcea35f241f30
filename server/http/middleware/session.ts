/**
 * Reads the session cookie and sets `c.get('officer')` to the signed-in officer, or null. Never
 * refuses a request itself: `requireRole` and `csrf` decide. A signed-in officer's request runs in
 * their session's partnership (`inPartnership`), with `officer.role` their role there. Running it twice (app-wide and in a
 * router) looks the session up once. Expiry is judged by `clock` (the app's), so tests can stop time.
 */
import type { MiddlewareHandler } from 'hono';
import { sessionToken } from '../../accounts/cookies.js';
import { findSession, type SessionOfficer } from '../../accounts/sessions.js';
import { type Clock, systemClock } from '../../clock.js';
import { inPartnership } from '../../store/partnership-scope.js';
import type { Store } from '../../store/open.js';

export type OfficerEnv = { Variables: { officer: SessionOfficer | null } };

export interface SessionOptions {
  store: Store;
  clock?: Clock;
}

export function session({ store, clock = systemClock }: SessionOptions): MiddlewareHandler<OfficerEnv> {
  return async (c, next) => {
    if (c.get('officer') === undefined) c.set('officer', await findSession(store.db, sessionToken(c), clock.now()));
    const officer = c.get('officer');
    // Everything the request does from here keeps to the officer's partnership (server/partnerships/scope.ts).
    if (officer) await inPartnership(officer.partnershipId, next);
    else await next();
  };
}
