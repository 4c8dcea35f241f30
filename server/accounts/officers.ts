/**
 * Officer accounts: created from the CLI (the first admin) or by an admin, looked up at sign-in,
 * and changed by an admin (role, disabled, sessions ended) or by the officer (their password).
 * Every change is in the audit log.
 */
import { inTransaction } from '../store/transaction.js';
import { Conflict, HttpError, NotFound, Unprocessable } from '../errors.js';
import type { Db, Store } from '../store/open.js';
import { audit } from './audit.js';
import { hashPassword, passwordProblem, verifyPassword } from './password.js';
import {
  allOfficers,
  deleteSessionsOf,
  insertOfficer,
  latestSignIns,
  type OfficerRow,
  officerByEmail,
  officerById,
  otherEnabledAdmins,
  rolesOfOfficer,
  updateOfficer,
} from './queries.js';
import { isRole, ROLES } from './roles.js';
import type { NewOfficer, Officer, OfficerChange, OfficerList, PasswordChange } from './schemas.js';
import type { SessionOfficer } from './sessions.js';
import { scopedPartnership } from '../store/partnership-scope.js';

export type { Officer };

/**
 * A request to create an account that can't be carried out; the message says what to change.
 * 409 when the email is taken, 422 for a value that can't be used.
 */
export class OfficerError extends HttpError {
  constructor(message: string, status: 409 | 422 = 422) {
    super(status, message);
  }
}

/** Deliberately loose (one @, a dot in the domain, no spaces): typos are caught, real addresses pass. */
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const maxEmailLength = 254;

/** Emails are compared case-insensitively: stored and looked up trimmed and lower-cased. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function emailProblem(email: unknown): string | null {
  if (typeof email !== 'string' || !email.trim()) return 'An email address is required.';
  const e = normaliseEmail(email);
  if (e.length > maxEmailLength || !emailPattern.test(e)) return `'${email}' is not an email address (expected something like name@council.gov.uk).`;
  return null;
}

const taken = (email: string) => new OfficerError(`An officer with email ${email} already exists.`, 409);

export async function createOfficer(db: Db, input: NewOfficer): Promise<Officer> {
  const problem = emailProblem(input.email) ?? passwordProblem(input.password, normaliseEmail(String(input.email)));
  if (problem) throw new OfficerError(problem);
  if (!isRole(input.role)) throw new OfficerError(`'${input.role}' is not a role: use one of ${ROLES.join(', ')}.`);
  const email = normaliseEmail(input.email);
  const existing = await findOfficerByEmail(db, email);
  if (existing) {
    // An account of another partnership's: it is the operator's to give it a role here too.
    const scope = scopedPartnership();
    const here = scope === undefined || (await rolesOfOfficer(db, existing.id)).some((r) => r.partnershipId === scope);
    if (!here)
      throw new OfficerError(
        `An account with email ${email} exists already, in another partnership. The deployment's operator can give it a role in this one (\`cli partnership grant\`).`,
        409,
      );
    throw taken(email);
  }
  const passwordHash = await hashPassword(input.password, email);
  // Re-checked by the unique index too, in case two creations race across the hashing await.
  try {
    return publicOfficer(await insertOfficer(db, { email, passwordHash, role: input.role }));
  } catch (e) {
    if (/UNIQUE/.test((e as Error).message)) throw taken(email);
    throw e;
  }
}

/** An admin adds an account (POST /officers): created, then recorded in the audit log. */
export async function addOfficer(store: Store, by: { id: number }, input: NewOfficer): Promise<Officer> {
  const officer = await createOfficer(store.db, input);
  await audit(store, by, 'officer.create', { email: officer.email, role: officer.role });
  return officer;
}

export async function findOfficerByEmail(db: Db, email: string): Promise<OfficerRow | undefined> {
  return await officerByEmail(db, normaliseEmail(email));
}

export async function listOfficers(db: Db): Promise<Officer[]> {
  return (await allOfficers(db)).map(publicOfficer);
}

/** GET /officers. */
export async function officerList(store: Store): Promise<OfficerList> {
  return { officers: await listOfficers(store.db) };
}

/** The account `id`, or 404. */
export async function officerOr404(db: Db, id: number): Promise<OfficerRow> {
  const row = await officerById(db, id);
  if (!row) throw new NotFound(`There is no officer account ${id}. Reload the Accounts page.`);
  return row;
}

/**
 * PATCH /officers/{id} (admin): a new role, disabled or enabled again. Disabling ends every session
 * of the account at once; a role change counts from the officer's next request. An admin can't
 * disable themselves or give up their own admin role, and the last enabled admin stays one.
 */
export async function changeOfficer(store: Store, by: { id: number }, id: number, change: OfficerChange, now: Date): Promise<Officer> {
  const row = await officerOr404(store.db, id);
  const role = change.role ?? row.role;
  const disabled = change.disabled ?? row.disabledAt !== null;
  if (role === row.role && disabled === (row.disabledAt !== null)) return publicOfficer(row);
  const losesAdmin = row.role === 'admin' && row.disabledAt === null && (role !== 'admin' || disabled);
  if (losesAdmin && by.id === id) {
    throw new Conflict("You can't disable your own account or take away your own admin role: ask another admin to do it.");
  }
  if (losesAdmin && (await otherEnabledAdmins(store.db, id)) === 0) {
    throw new Conflict(`${row.email} is the only enabled admin: make another account an admin first.`);
  }
  return inTransaction(store.db, async () => {
    const updated = (await updateOfficer(store.db, id, { role, disabledAt: disabled ? (row.disabledAt ?? now.toISOString()) : null }))!;
    if (role !== row.role) await audit(store, by, 'officer.role', { email: row.email, from: row.role, to: role });
    if (disabled && row.disabledAt === null) {
      const sessions = await deleteSessionsOf(store.db, id);
      await audit(store, by, 'officer.disable', { email: row.email, sessionsEnded: sessions });
    }
    if (!disabled && row.disabledAt !== null) await audit(store, by, 'officer.enable', { email: row.email });
    return publicOfficer(updated);
  });
}

/** Ends every session of the account `id` (an admin's "sign out everywhere" for an officer). */
export async function endSessions(store: Store, by: { id: number }, id: number): Promise<{ sessionsEnded: number }> {
  const row = await officerOr404(store.db, id);
  const sessionsEnded = await deleteSessionsOf(store.db, id);
  await audit(store, by, 'officer.sign-out-everywhere', { email: row.email, sessionsEnded });
  return { sessionsEnded };
}

/** POST /me/sign-out-everywhere: ends every session of the signed-in officer, this one included. */
export async function signOutEverywhere(store: Store, officer: SessionOfficer): Promise<{ sessionsEnded: number }> {
  const sessionsEnded = await deleteSessionsOf(store.db, officer.id);
  await audit(store, officer, 'sign-out-everywhere', { sessionsEnded });
  return { sessionsEnded };
}

/**
 * PUT /me/password: the officer's own new password, after their current one. Their other sessions
 * end (a thief's among them); this one stays signed in.
 */
export async function changeOwnPassword(store: Store, officer: SessionOfficer, input: PasswordChange): Promise<{ sessionsEnded: number }> {
  const row = await officerOr404(store.db, officer.id);
  if (!(await verifyPassword(input.currentPassword, row.passwordHash))) {
    throw new Unprocessable('The current password is wrong: nothing was changed.', { field: 'currentPassword' });
  }
  const problem = passwordProblem(input.newPassword, row.email);
  if (problem) throw new Unprocessable(problem, { field: 'newPassword' });
  if (await verifyPassword(input.newPassword, row.passwordHash)) {
    throw new Unprocessable('The new password is the same as the current one: choose a different one.', { field: 'newPassword' });
  }
  const passwordHash = await hashPassword(input.newPassword, row.email);
  return inTransaction(store.db, async () => {
    await updateOfficer(store.db, officer.id, { passwordHash });
    const sessionsEnded = await deleteSessionsOf(store.db, officer.id, officer.sessionId);
    await audit(store, officer, 'password.change', { sessionsEnded });
    return { sessionsEnded };
  });
}

/**
 * GET /me: the signed-in officer, with their latest two sign-ins (from the audit log, so single
 * sign-on counts too): a sign-in before this one that they don't recognise is worth acting on.
 */
export async function me(store: Store, officer: SessionOfficer) {
  const row = await officerOr404(store.db, officer.id);
  const [lastSignInAt = null, previousSignInAt = null] = await latestSignIns(store.db, officer.id, 2);
  const current = officer.partnerships.find((p) => p.id === officer.partnershipId)!;
  return {
    email: officer.email,
    role: officer.role,
    expiresAt: officer.expiresAt,
    twoFactor: row.totpSecret !== null,
    lastSignInAt,
    previousSignInAt,
    partnership: { slug: current.slug, name: current.name },
  };
}

export function publicOfficer(row: OfficerRow): Officer {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    createdAt: row.createdAt,
    disabled: row.disabledAt !== null,
    disabledAt: row.disabledAt,
    lastSignInAt: row.lastSignInAt,
    twoFactor: row.totpSecret !== null,
  };
}
