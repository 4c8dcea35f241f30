/**
 * Signed-in sessions. The browser holds a random 32-byte token; the database holds only its
 * SHA-256 (sessions.id), so a copy of the database can't be used to sign in. The CSRF token is
 * stored hashed the same way. Expiry is checked here on every request, not left to the cookie.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Forbidden } from '../errors.js';
import type { Db } from '../store/open.js';
import { deleteExpiredSessions, deleteSessionById, insertSession, officerById, partnershipNames, rolesOfOfficer, sessionWithOfficer } from './queries.js';
import type { Role } from './roles.js';

export const NO_PARTNERSHIP = 'This account has no role in any partnership. Ask an admin to give it one.';

/** A working day: long enough for an afternoon of analysis, short enough that a forgotten laptop expires. */
export const SESSION_TTL_SECONDS = 8 * 60 * 60;
const tokenBytes = 32;

export interface SessionOfficer {
  id: number;
  email: string;
  role: Role;
  /** Hash of the session token (sessions.id). */
  sessionId: string;
  /** Hash of the session's CSRF token. */
  csrfHash: string;
  expiresAt: string;
  /** The partnership this session works in; `role` is the officer's role there. */
  partnershipId: number;
  /** Every partnership the officer may work in, with their role in each. */
  partnerships: OfficerPartnership[];
  /** Reads every partnership (a county role), as a viewer where no role is given. */
  countyReader: boolean;
}

export interface OfficerPartnership {
  id: number;
  slug: string;
  name: string;
  role: Role;
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

const newToken = () => randomBytes(tokenBytes).toString('base64url');

/** Starts a session at `now`; returns the raw tokens (sent to the browser, never stored). */
export async function createSession(db: Db, officerId: number, now: Date) {
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_SECONDS * 1000).toISOString();
  // Sweep expired sessions of everyone now and then: sign-in is rare enough to carry the cost.
  await deleteExpiredSessions(db, now.toISOString());
  // A session starts in the officer's first partnership and stays there until they choose another.
  const officer = await officerById(db, officerId);
  const first = officer && (await partnershipsOf(db, officerId, officer.countyReader))[0];
  if (!first) throw new Forbidden(NO_PARTNERSHIP);
  await insertSession(db, { id: sha256(token), officerId, csrfToken: sha256(csrfToken), expiresAt, partnershipId: first.id });
  return { token, csrfToken, expiresAt, role: first.role };
}

/** The officer a session token belongs to, or null if unknown or expired at `now` (an expired one is deleted). */
export async function findSession(db: Db, token: string | undefined, now: Date): Promise<SessionOfficer | null> {
  if (!token || token.length > 200) return null;
  const id = sha256(token);
  const row = await sessionWithOfficer(db, id);
  if (!row) return null;
  if (row.expiresAt <= now.toISOString()) {
    await deleteSession(db, id);
    return null;
  }
  const { roles, ...officer } = row;
  const partnerships = await partnershipsOf(db, row.id, row.countyReader, roles);
  // The session's choice while it still holds; else the first (a role taken away counts at once).
  const current = partnerships.find((p) => p.id === row.partnershipId) ?? partnerships[0];
  if (!current) return null;
  return { ...officer, role: current.role, partnershipId: current.id, partnerships };
}

/** The partnerships an officer may work in: those they have a role in, and every one for a county reader (as a viewer where they have none). */
export async function partnershipsOf(
  db: Db,
  officerId: number,
  countyReader: boolean,
  known?: Awaited<ReturnType<typeof rolesOfOfficer>>,
): Promise<OfficerPartnership[]> {
  const roles = (known ?? (await rolesOfOfficer(db, officerId))).map((r) => ({ id: r.partnershipId, slug: r.slug, name: r.name, role: r.role }));
  if (!countyReader) return roles;
  const byId = new Map(roles.map((r) => [r.id, r]));
  return (await partnershipNames(db)).map((p) => byId.get(p.id) ?? { id: p.id, slug: p.slug, name: p.name, role: 'viewer' as const });
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await deleteSessionById(db, sessionId);
}

/** Constant-time check of a presented CSRF token against the session's stored hash. */
export function csrfMatches(presented: string | undefined, csrfHash: string): boolean {
  if (!presented || presented.length > 200) return false;
  return timingSafeEqual(Buffer.from(sha256(presented)), Buffer.from(csrfHash));
}
