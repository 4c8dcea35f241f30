/**
 * Password resets: an admin makes a one-time code for an officer and passes it on (by phone or in
 * person); the officer sets their own password with it on /officer/reset-password. The code is 100
 * random bits in 20 characters (no 0/O or 1/I to misread), lasts 24 hours, works once, and only its
 * SHA-256 is stored. Setting the password ends every session of the account.
 */
import { inTransaction } from '../store/transaction.js';
import { randomInt } from 'node:crypto';
import { BadRequest, Forbidden, Unprocessable } from '../errors.js';
import type { Store } from '../store/open.js';
import { audit } from './audit.js';
import { officerOr404 } from './officers.js';
import { hashPassword, passwordProblem } from './password.js';
import { deleteSessionsOf, insertPasswordReset, markPasswordResetUsed, officerById, passwordResetById, updateOfficer } from './queries.js';
import type { PasswordResetBody } from './schemas.js';
import { sha256 } from './sessions.js';

export const RESET_TTL_HOURS = 24;
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 20;

export const RESET_CODE_INVALID = 'This reset code does not work: it may be mistyped, used already or more than 24 hours old. Ask an admin for a new one.';

/** Upper case, without spaces and dashes, so a code read out over the phone still matches. */
const normaliseCode = (code: string) => code.toUpperCase().replace(/[\s-]+/g, '');

function newCode(): string {
  const chars = Array.from({ length: CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return chars.match(/.{4}/g)!.join('-');
}

/** POST /officers/{id}/password-reset (admin): a new code for the account (an older unused one stops working). */
export async function issuePasswordReset(store: Store, by: { id: number }, id: number, now: Date) {
  const row = await officerOr404(store.db, id);
  if (row.disabledAt) throw new Unprocessable(`${row.email} is disabled: enable the account first, then make a reset code.`);
  const code = newCode();
  const expiresAt = new Date(now.getTime() + RESET_TTL_HOURS * 3_600_000).toISOString();
  await insertPasswordReset(store.db, { id: sha256(normaliseCode(code)), officerId: id, expiresAt });
  await audit(store, by, 'password.reset-issued', { email: row.email, expiresAt });
  return { email: row.email, code, path: `/officer/reset-password#code=${code}`, expiresAt };
}

/** POST /password-reset (no session): sets the password with a code; refused codes and passwords store nothing. */
export async function resetPassword(store: Store, input: PasswordResetBody, now: Date) {
  const id = sha256(normaliseCode(input.code));
  const reset = await passwordResetById(store.db, id);
  if (!reset || reset.usedAt || reset.expiresAt <= now.toISOString()) throw new BadRequest(RESET_CODE_INVALID, { field: 'code' });
  const officer = (await officerById(store.db, reset.officerId))!;
  if (officer.disabledAt) throw new Forbidden('This account is disabled, so its password cannot be set. Ask an admin.');
  const problem = passwordProblem(input.password, officer.email);
  if (problem) throw new Unprocessable(problem, { field: 'password' });
  const passwordHash = await hashPassword(input.password, officer.email);
  return inTransaction(store.db, async () => {
    // Checked again inside the transaction: of two requests with one code, only the first counts.
    if (!(await markPasswordResetUsed(store.db, id, now.toISOString()))) throw new BadRequest(RESET_CODE_INVALID, { field: 'code' });
    await updateOfficer(store.db, officer.id, { passwordHash });
    const sessionsEnded = await deleteSessionsOf(store.db, officer.id);
    await audit(store, officer, 'password.reset', { sessionsEnded });
    return { email: officer.email };
  });
}
