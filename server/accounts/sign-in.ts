/**
 * Signing in and out: the credentials checked (in the same time whether or not the email exists),
 * failures counted for the rate limit, a session started, and each outcome in the audit log.
 * Routes set the cookies; everything decided is decided here.
 */
import { Unauthorized } from '../errors.js';
import type { Store } from '../store/open.js';
import { audit } from './audit.js';
import { findOfficerByEmail } from './officers.js';
import { decoyHash, MAX_PASSWORD_LENGTH, verifyPassword } from './password.js';
import type { LoginBody } from './schemas.js';
import { createSession, deleteSession, type SessionOfficer } from './sessions.js';

/** The rate limit's view of one sign-in (http/middleware/rate-limit.ts gives it). */
export interface LoginAttempts {
  /** Throws TooManyRequests (with Retry-After) while this email is blocked. */
  checkEmail(email: string): void;
  failed(email: string): void;
  succeeded(email: string): void;
}

export const WRONG_CREDENTIALS = 'Email or password is wrong.';

/** Checks the credentials; starts a session, or throws Unauthorized (same message for both failures). */
export async function signIn(store: Store, { email, password }: LoginBody, attempts: LoginAttempts, now: Date) {
  attempts.checkEmail(email);
  const officer = email.length <= 254 ? findOfficerByEmail(store.db, email) : undefined;
  // Unknown emails are checked against a decoy hash so the two failures take equally long.
  const passwordOk = password.length <= MAX_PASSWORD_LENGTH && (await verifyPassword(password, officer?.passwordHash ?? (await decoyHash())));
  if (!officer || !passwordOk) {
    attempts.failed(email);
    // The typed email is not logged for unknown accounts: people sometimes type a password there.
    audit(store, officer, 'login.failed', officer ? null : { reason: 'unknown email' });
    throw new Unauthorized(WRONG_CREDENTIALS);
  }
  attempts.succeeded(email);
  const { token, csrfToken, expiresAt } = createSession(store.db, officer.id, now);
  audit(store, officer, 'login');
  return { token, csrfToken, expiresAt, officer: { email: officer.email, role: officer.role } };
}

/** Ends the officer's session and records it. */
export function signOut(store: Store, officer: SessionOfficer): void {
  deleteSession(store.db, officer.sessionId);
  audit(store, officer, 'logout');
}
