/** Officer accounts: created from the CLI (the first admin) or by an admin; looked up at sign-in. */
import { HttpError } from '../errors.js';
import type { Store } from '../store/open.js';
import type { Db } from '../store/open.js';
import { audit } from './audit.js';
import { hashPassword, passwordProblem } from './password.js';
import { allOfficers, insertOfficer, type OfficerRow, officerByEmail } from './queries.js';
import { isRole, ROLES } from './roles.js';
import type { NewOfficer, Officer, OfficerList } from './schemas.js';

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
  const problem = emailProblem(input.email) ?? passwordProblem(input.password);
  if (problem) throw new OfficerError(problem);
  if (!isRole(input.role)) throw new OfficerError(`'${input.role}' is not a role: use one of ${ROLES.join(', ')}.`);
  const email = normaliseEmail(input.email);
  if (findOfficerByEmail(db, email)) throw taken(email);
  const passwordHash = await hashPassword(input.password);
  // Re-checked by the unique index too, in case two creations race across the hashing await.
  try {
    return publicOfficer(insertOfficer(db, { email, passwordHash, role: input.role }));
  } catch (e) {
    if (/UNIQUE/.test((e as Error).message)) throw taken(email);
    throw e;
  }
}

/** An admin adds an account (POST /officers): created, then recorded in the audit log. */
export async function addOfficer(store: Store, by: { id: number }, input: NewOfficer): Promise<Officer> {
  const officer = await createOfficer(store.db, input);
  audit(store, by, 'officer.create', { email: officer.email, role: officer.role });
  return officer;
}

export function findOfficerByEmail(db: Db, email: string): OfficerRow | undefined {
  return officerByEmail(db, normaliseEmail(email));
}

export function listOfficers(db: Db): Officer[] {
  return allOfficers(db).map(publicOfficer);
}

/** GET /officers. */
export function officerList(store: Store): OfficerList {
  return { officers: listOfficers(store.db) };
}

function publicOfficer(row: OfficerRow): Officer {
  return { id: row.id, email: row.email, role: row.role, createdAt: row.createdAt };
}
