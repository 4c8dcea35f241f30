/**
 * Every read and write of the accounts tables (officers, sessions, password_resets, audit_log):
 * the only code of accounts/ that touches the store. The services around it decide; these only
 * fetch and store.
 */
import { and, asc, count, desc, eq, isNull, lte, ne } from 'drizzle-orm';
import type { Db } from '../store/open.js';
import { auditLog, officers, passwordResets, sessions } from '../store/schema.js';
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
