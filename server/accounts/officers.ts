/** Officer accounts: created from the CLI (the first admin) or by an admin; looked up at sign-in. */
import { asc, eq } from 'drizzle-orm';
import { HttpError } from '../errors.js';
import type { Db } from '../store/open.js';
import { officers } from '../store/schema.js';
import { hashPassword, passwordProblem } from './password.js';
import { isRole, ROLES, type Role } from './roles.js';

/**
 * A request to create an account that can't be carried out; the message says what to change.
 * 409 when the email is already taken, 422 for any other problem with the input.
 */
export class OfficerError extends HttpError {
  constructor(message: string, status: 409 | 422 = 422) {
    super(status, message);
  }
}

export interface Officer {
  id: number;
  email: string;
  role: Role;
  createdAt: string;
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

export async function createOfficer(db: Db, input: { email: string; password: string; role: string }): Promise<Officer> {
  const problem = emailProblem(input.email) ?? passwordProblem(input.password);
  if (problem) throw new OfficerError(problem);
  if (!isRole(input.role)) throw new OfficerError(`'${input.role}' is not a role: use one of ${ROLES.join(', ')}.`);
  const email = normaliseEmail(input.email);
  if (findOfficerByEmail(db, email)) throw new OfficerError(`An officer with email ${email} already exists.`, 409);
  const passwordHash = await hashPassword(input.password);
  // Re-checked by the unique index too, in case two creations race across the hashing await.
  try {
    const [row] = db.insert(officers).values({ email, passwordHash, role: input.role }).returning().all();
    return publicOfficer(row);
  } catch (e) {
    if (/UNIQUE/.test((e as Error).message)) throw new OfficerError(`An officer with email ${email} already exists.`, 409);
    throw e;
  }
}

export function findOfficerByEmail(db: Db, email: string) {
  return db
    .select()
    .from(officers)
    .where(eq(officers.email, normaliseEmail(email)))
    .get();
}

export function listOfficers(db: Db): Officer[] {
  return db.select().from(officers).orderBy(asc(officers.email)).all().map(publicOfficer);
}

function publicOfficer(row: typeof officers.$inferSelect): Officer {
  return { id: row.id, email: row.email, role: row.role, createdAt: row.createdAt };
}
