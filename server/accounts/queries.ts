/**
 * Every read and write of the accounts tables (officers, sessions, password_resets, audit_log,
 * sign_in_attempts):
 * the only code of accounts/ that touches the store. The services around it decide; these only
 * fetch and store.
 */
import { and, asc, count, desc, eq, gt, isNull, lte, min, ne } from 'drizzle-orm';
import type { Db } from '../store/open.js';
import type { officers } from '../store/schema.js';
import type { Role } from './roles.js';
import { use } from '../store/transaction.js';
import { changes, tablesOf } from '../store/dialect.js';

export type OfficerRow = typeof officers.$inferSelect;

export async function officerByEmail(db: Db, email: string): Promise<OfficerRow | undefined> {
  db = await use(db);
  const { officers } = tablesOf(db);
  return (await db.select().from(officers).where(eq(officers.email, email)))[0];
}

export async function officerById(db: Db, id: number): Promise<OfficerRow | undefined> {
  db = await use(db);
  const { officers } = tablesOf(db);
  return (await db.select().from(officers).where(eq(officers.id, id)))[0];
}

export type OfficerChange = Partial<
  Pick<OfficerRow, 'role' | 'disabledAt' | 'passwordHash' | 'lastSignInAt' | 'totpSecret' | 'totpPendingSecret' | 'totpLastStep'>
>;

export async function updateOfficer(db: Db, id: number, change: OfficerChange): Promise<OfficerRow | undefined> {
  db = await use(db);
  const { officers } = tablesOf(db);
  return (await db.update(officers).set(change).where(eq(officers.id, id)).returning())[0];
}

/** Enabled admins other than `exceptId`. */
export async function otherEnabledAdmins(db: Db, exceptId: number): Promise<number> {
  db = await use(db);
  const { officers } = tablesOf(db);
  const row = (
    await db
      .select({ n: count() })
      .from(officers)
      .where(and(eq(officers.role, 'admin'), isNull(officers.disabledAt), ne(officers.id, exceptId)))
  )[0];
  return row?.n ?? 0;
}

/** Ends every session of an officer, or all but `keep` (a session id). */
export async function deleteSessionsOf(db: Db, officerId: number, keep?: string): Promise<number> {
  db = await use(db);
  const { sessions } = tablesOf(db);
  const where = keep ? and(eq(sessions.officerId, officerId), ne(sessions.id, keep)) : eq(sessions.officerId, officerId);
  return changes(await db.delete(sessions).where(where));
}

export async function insertPasswordReset(db: Db, values: { id: string; officerId: number; expiresAt: string }): Promise<void> {
  db = await use(db);
  const { passwordResets } = tablesOf(db);
  // An officer has one live code at a time: a new one replaces any unused one.
  await db.delete(passwordResets).where(and(eq(passwordResets.officerId, values.officerId), isNull(passwordResets.usedAt)));
  await db.insert(passwordResets).values(values);
}

export async function passwordResetById(db: Db, id: string) {
  db = await use(db);
  const { passwordResets } = tablesOf(db);
  return (await db.select().from(passwordResets).where(eq(passwordResets.id, id)))[0];
}

/** Marks a code used; false when it was used already (another request got there first). */
export async function markPasswordResetUsed(db: Db, id: string, nowIso: string): Promise<boolean> {
  db = await use(db);
  const { passwordResets } = tablesOf(db);
  return (
    changes(
      await db
        .update(passwordResets)
        .set({ usedAt: nowIso })
        .where(and(eq(passwordResets.id, id), isNull(passwordResets.usedAt))),
    ) === 1
  );
}

export async function allOfficers(db: Db): Promise<OfficerRow[]> {
  db = await use(db);
  const { officers } = tablesOf(db);
  return await db.select().from(officers).orderBy(asc(officers.email));
}

export async function insertOfficer(db: Db, values: { email: string; passwordHash: string; role: Role }): Promise<OfficerRow> {
  db = await use(db);
  const { officers } = tablesOf(db);
  const [row] = await db.insert(officers).values(values).returning();
  return row;
}

/** Removes every session that ended at or before `nowIso`. */
export async function deleteExpiredSessions(db: Db, nowIso: string): Promise<void> {
  db = await use(db);
  const { sessions } = tablesOf(db);
  await db.delete(sessions).where(lte(sessions.expiresAt, nowIso));
}

export async function insertSession(db: Db, values: { id: string; officerId: number; csrfToken: string; expiresAt: string }): Promise<void> {
  db = await use(db);
  const { sessions } = tablesOf(db);
  await db.insert(sessions).values(values);
}

/** A session (by its hashed id) with its officer, or undefined; a disabled officer's sessions count for nothing. */
export async function sessionWithOfficer(db: Db, id: string) {
  db = await use(db);
  const { officers, sessions } = tablesOf(db);
  return (
    await db
      .select({
        id: officers.id,
        email: officers.email,
        role: officers.role,
        sessionId: sessions.id,
        csrfHash: sessions.csrfToken,
        expiresAt: sessions.expiresAt,
      })
      .from(sessions)
      .innerJoin(officers, eq(officers.id, sessions.officerId))
      .where(and(eq(sessions.id, id), isNull(officers.disabledAt)))
  )[0];
}

export async function deleteSessionById(db: Db, id: string): Promise<void> {
  db = await use(db);
  const { sessions } = tablesOf(db);
  await db.delete(sessions).where(eq(sessions.id, id));
}

export async function insertAudit(db: Db, values: { officerId: number | null; action: string; detail: unknown }): Promise<void> {
  db = await use(db);
  const { auditLog } = tablesOf(db);
  await db.insert(auditLog).values(values);
}

/** When the officer last signed in (any method: the audit's 'login' entries), newest first. */
export async function latestSignIns(db: Db, officerId: number, limit: number): Promise<string[]> {
  db = await use(db);
  const { auditLog } = tablesOf(db);
  return (
    await db
      .select({ at: auditLog.createdAt })
      .from(auditLog)
      .where(and(eq(auditLog.officerId, officerId), eq(auditLog.action, 'login')))
      .orderBy(desc(auditLog.id))
      .limit(limit)
  ).map((r) => r.at);
}

/** The latest `limit` entries, newest first, with the officer's email. */
export async function latestAudit(db: Db, limit: number) {
  db = await use(db);
  const { auditLog, officers } = tablesOf(db);
  return await db
    .select({
      id: auditLog.id,
      at: auditLog.createdAt,
      officerId: auditLog.officerId,
      email: officers.email,
      action: auditLog.action,
      details: auditLog.detail,
    })
    .from(auditLog)
    .leftJoin(officers, eq(officers.id, auditLog.officerId))
    .orderBy(desc(auditLog.id))
    .limit(limit);
}

// Sign-in attempts (hashed keys; accounts/stored-failure-counter.ts).

/** The key's attempts after `since`: how many, and the times (oldest first) when needed. */
export async function recentAttemptTimes(db: Db, key: string, since: number): Promise<number[]> {
  db = await use(db);
  const { signInAttempts } = tablesOf(db);
  return (
    await db
      .select({ at: signInAttempts.at })
      .from(signInAttempts)
      .where(and(eq(signInAttempts.key, key), gt(signInAttempts.at, since)))
      .orderBy(signInAttempts.at)
  ).map((r) => r.at);
}

export async function recentAttemptCount(db: Db, key: string, since: number): Promise<number> {
  db = await use(db);
  const { signInAttempts } = tablesOf(db);
  return (
    await db
      .select({ n: count() })
      .from(signInAttempts)
      .where(and(eq(signInAttempts.key, key), gt(signInAttempts.at, since)))
  )[0]!.n;
}

export async function insertAttempt(db: Db, key: string, at: number): Promise<number> {
  db = await use(db);
  const { signInAttempts } = tablesOf(db);
  return (await db.insert(signInAttempts).values({ key, at }).returning({ id: signInAttempts.id }))[0].id;
}

export async function deleteAttempt(db: Db, id: number): Promise<void> {
  db = await use(db);
  const { signInAttempts } = tablesOf(db);
  await db.delete(signInAttempts).where(eq(signInAttempts.id, id));
}

export async function deleteAttemptsOfKey(db: Db, key: string): Promise<void> {
  db = await use(db);
  const { signInAttempts } = tablesOf(db);
  await db.delete(signInAttempts).where(eq(signInAttempts.key, key));
}

/** Removes attempts at or before `before` (aged out of every window). */
export async function pruneAttempts(db: Db, before: number): Promise<void> {
  db = await use(db);
  const { signInAttempts } = tablesOf(db);
  await db.delete(signInAttempts).where(lte(signInAttempts.at, before));
}

/** The oldest attempt's time, or null with none: whether pruning has anything to do. */
export async function oldestAttempt(db: Db): Promise<number | null> {
  db = await use(db);
  const { signInAttempts } = tablesOf(db);
  return (await db.select({ at: min(signInAttempts.at) }).from(signInAttempts))[0]?.at ?? null;
}
