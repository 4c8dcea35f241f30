/**
 * Signing in and out: the attempt counted for the rate limit before anything is checked, the
 * credentials checked (in the same time whether or not the email exists), then the account's
 * state (disabled, two-factor code), a session started, and each outcome in the audit log.
 * Routes set the cookies; everything decided is decided here.
 */
import { Forbidden, Unauthorized } from '../errors.js';
import type { Store } from '../store/open.js';
import { audit } from './audit.js';
import { findOfficerByEmail } from './officers.js';
import { decoyHash, MAX_PASSWORD_LENGTH, verifyPassword } from './password.js';
import { updateOfficer } from './queries.js';
import type { LoginBody } from './schemas.js';
import { createSession, deleteSession, type SessionOfficer } from './sessions.js';
import { totpStep } from './totp.js';

/** The rate limit's view of one sign-in (http/middleware/rate-limit.ts gives it). */
export interface LoginAttempts {
  /** Counts the attempt against this email before it is checked; throws TooManyRequests (with Retry-After) while blocked. */
  checkEmail(email: string): Promise<void>;
  /** The attempt failed: it stays counted. */
  failed(email: string): Promise<void> | void;
  /** Signed in: the email's failures are forgotten, and this attempt is given back to the address. */
  succeeded(email: string): Promise<void>;
  /** The password was right but a two-factor code is still needed: the attempt is given back. */
  unchecked(): Promise<void>;
}

export const WRONG_CREDENTIALS = 'Email or password is wrong.';
export const CODE_NEEDED = 'Enter the 6-digit code from your authenticator app.';
export const WRONG_CODE = 'The code is wrong or has been used already: enter the code your authenticator app shows now.';
export const ACCOUNT_DISABLED = 'This account is disabled. Ask an admin if you still need it.';

/** Checks the credentials; starts a session, or throws Unauthorized (same message for both failures). */
export async function signIn(store: Store, { email, password, code }: LoginBody, attempts: LoginAttempts, now: Date) {
  await attempts.checkEmail(email);
  const officer = email.length <= 254 ? await findOfficerByEmail(store.db, email) : undefined;
  // Unknown emails are checked against a decoy hash so the two failures take equally long.
  const passwordOk = password.length <= MAX_PASSWORD_LENGTH && (await verifyPassword(password, officer?.passwordHash ?? (await decoyHash())));
  if (!officer || !passwordOk) {
    await attempts.failed(email);
    // The typed email is not logged for unknown accounts: people sometimes type a password there.
    await audit(store, officer, 'login.failed', officer ? null : { reason: 'unknown email' });
    throw new Unauthorized(WRONG_CREDENTIALS);
  }
  if (officer.disabledAt) {
    await attempts.failed(email);
    await audit(store, officer, 'login.refused', { reason: 'disabled' });
    throw new Forbidden(ACCOUNT_DISABLED);
  }
  if (officer.totpSecret) {
    if (!code) {
      await attempts.unchecked();
      throw new Unauthorized(CODE_NEEDED, { body: { codeRequired: true }, field: 'code' });
    }
    // No await between the check and storing the step: two requests with one code can't both pass.
    const step = totpStep(officer.totpSecret, code, now, officer.totpLastStep);
    if (step === null) {
      await attempts.failed(email);
      await audit(store, officer, 'login.failed', { reason: 'wrong code' });
      throw new Unauthorized(WRONG_CODE, { body: { codeRequired: true }, field: 'code' });
    }
    await updateOfficer(store.db, officer.id, { totpLastStep: step });
  }
  await attempts.succeeded(email);
  await updateOfficer(store.db, officer.id, { lastSignInAt: now.toISOString() });
  const { token, csrfToken, expiresAt, role } = await createSession(store.db, officer.id, now);
  await audit(store, officer, 'login');
  // The role in the partnership the session starts in (an account has one per partnership).
  return { token, csrfToken, expiresAt, officer: { email: officer.email, role } };
}

/** Ends the officer's session and records it. */
export async function signOut(store: Store, officer: SessionOfficer): Promise<void> {
  await deleteSession(store.db, officer.sessionId);
  await audit(store, officer, 'logout');
}
