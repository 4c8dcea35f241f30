/**
 * Every read and write of the accounts tables (officers, sessions, password_resets, audit_log,
 * sign_in_attempts):
 * the only code of accounts/ that touches the store. The services around it decide; these only
 * fetch and store.
 */
import { and, asc, count, desc, eq, gt, isNull, lte, min, ne } from 'drizzle-orm';
import type { Db, Store } from '../store/open.js';
import { auditLog, officers, passwordResets, sessions, signInAttempts } from '../store/schema.js';
import type { Role } from './roles.js';

export type OfficerRow = typeof officers.$inferSelect;

export function officerByEmail(db: Db, email: string): OfficerRow | undefined {
  return db.select().from(officers).where(eq(officers.email, email)).get();
}

export function officerById(db: Db, id: number): OfficerRow | undefined {
  return db.select().from(officers).where(eq(officers.id, id)).get();
}

export type OfficerChange = Partial<
  Pick<OfficerRow, 'role' | 'disabledAt' | 'passwordHash' | 'lastSignInAt' | 'totpSecret' | 'totpPendingSecret' | 'totpLastStep'>
>;

export function updateOfficer(db: Db, id: number, change: OfficerChange): OfficerRow | undefined {
  return db.update(officers).set(change).where(eq(officers.id, id)).returning().get();
}

/** Enabled admins other than `exceptId`. */
export function otherEnabledAdmins(db: Db, exceptId: number): number {
  const row = db
    .select({ n: count() })
    .from(officers)
    .where(and(eq(officers.role, 'admin'), isNull(officers.disabledAt), ne(officers.id, exceptId)))
    .get();
  return row?.n ?? 0;
}

/** Ends every session of an officer, or all but `keep` (a session id). */
export function deleteSessionsOf(db: Db, officerId: number, keep?: string): number {
  const where = keep ? and(eq(sessions.officerId, officerId), ne(sessions.id, keep)) : eq(sessions.officerId, officerId);
  return db.delete(sessions).where(where).run().changes;
}

export function insertPasswordReset(db: Db, values: { id: string; officerId: number; expiresAt: string }): void {
  // An officer has one live code at a time: a new one replaces any unused one.
  db.delete(passwordResets)
    .where(and(eq(passwordResets.officerId, values.officerId), isNull(passwordResets.usedAt)))
    .run();
  db.insert(passwordResets).values(values).run();
}

export function passwordResetById(db: Db, id: string) {
  return db.select().from(passwordResets).where(eq(passwordResets.id, id)).get();
}

/** Marks a code used; false when it was used already (another request got there first). */
export function markPasswordResetUsed(db: Db, id: string, nowIso: string): boolean {
  return (
    db
      .update(passwordResets)
      .set({ usedAt: nowIso })
      .where(and(eq(passwordResets.id, id), isNull(passwordResets.usedAt)))
      .run().changes === 1
  );
}

/** Runs `fn` in one transaction: all of it is stored, or none. */
export function inTransaction<T>(db: Db, fn: () => T): T {
  return db.transaction(() => fn());
}

export function allOfficers(db: Db): OfficerRow[] {
  return db.select().from(officers).orderBy(asc(officers.email)).all();
}

export function insertOfficer(db: Db, values: { email: string; passwordHash: string; role: Role }): OfficerRow {
  const [row] = db.insert(officers).values(values).returning().all();
  return row;
}

/** Removes every session that ended at or before `nowIso`. */
export function deleteExpiredSessions(db: Db, nowIso: string): void {
  db.delete(sessions).where(lte(sessions.expiresAt, nowIso)).run();
}

export function insertSession(db: Db, values: { id: string; officerId: number; csrfToken: string; expiresAt: string }): void {
  db.insert(sessions).values(values).run();
}

/** A session (by its hashed id) with its officer, or undefined; a disabled officer's sessions count for nothing. */
export function sessionWithOfficer(db: Db, id: string) {
  return db
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
    .get();
}

export function deleteSessionById(db: Db, id: string): void {
  db.delete(sessions).where(eq(sessions.id, id)).run();
}

export function insertAudit(db: Db, values: { officerId: number | null; action: string; detail: unknown }): void {
  db.insert(auditLog).values(values).run();
}

/** When the officer last signed in (any method: the audit's 'login' entries), newest first. */
export function latestSignIns(db: Db, officerId: number, limit: number): string[] {
  return db
    .select({ at: auditLog.createdAt })
    .from(auditLog)
    .where(and(eq(auditLog.officerId, officerId), eq(auditLog.action, 'login')))
    .orderBy(desc(auditLog.id))
    .limit(limit)
    .all()
    .map((r) => r.at);
}

/** The latest `limit` entries, newest first, with the officer's email. */
export function latestAudit(db: Db, limit: number) {
  return db
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
    .limit(limit)
    .all();
}

// Sign-in attempts (hashed keys; accounts/stored-failure-counter.ts).

/** The key's attempts after `since`: how many, and the times (oldest first) when needed. */
export function recentAttemptTimes(db: Db, key: string, since: number): number[] {
  return db
    .select({ at: signInAttempts.at })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.key, key), gt(signInAttempts.at, since)))
    .orderBy(signInAttempts.at)
    .all()
    .map((r) => r.at);
}

export function recentAttemptCount(db: Db, key: string, since: number): number {
  return db
    .select({ n: count() })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.key, key), gt(signInAttempts.at, since)))
    .get()!.n;
}

export function insertAttempt(db: Db, key: string, at: number): number {
  return db.insert(signInAttempts).values({ key, at }).returning({ id: signInAttempts.id }).get().id;
}

export function deleteAttempt(db: Db, id: number): void {
  db.delete(signInAttempts).where(eq(signInAttempts.id, id)).run();
}

export function deleteAttemptsOfKey(db: Db, key: string): void {
  db.delete(signInAttempts).where(eq(signInAttempts.key, key)).run();
}

/** Removes attempts at or before `before` (aged out of every window). */
export function pruneAttempts(db: Db, before: number): void {
  db.delete(signInAttempts).where(lte(signInAttempts.at, before)).run();
}

/** The oldest attempt's time, or null with none: whether pruning has anything to do. */
export function oldestAttempt(db: Db): number | null {
  return (
    db
      .select({ at: min(signInAttempts.at) })
      .from(signInAttempts)
      .get()?.at ?? null
  );
}

/** Runs `fn` holding the store's write lock (BEGIN IMMEDIATE): a count then an insert no other process can interleave. */
export function withWriteLock<T>(store: Store, fn: () => T): T {
  return store.sqlite.transaction(fn).immediate();
}
