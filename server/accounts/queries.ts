/**
 * Every read and write of the accounts tables (officers, sessions, audit_log): the only code of
 * accounts/ that touches the store. The services around it decide; these only fetch and store.
 */
import { asc, desc, eq, lte } from 'drizzle-orm';
import type { Db } from '../store/open.js';
import { auditLog, officers, sessions } from '../store/schema.js';
import type { Role } from './roles.js';

export type OfficerRow = typeof officers.$inferSelect;

export function officerByEmail(db: Db, email: string): OfficerRow | undefined {
  return db.select().from(officers).where(eq(officers.email, email)).get();
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

/** A session (by its hashed id) with its officer, or undefined. */
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
    .where(eq(sessions.id, id))
    .get();
}

export function deleteSessionById(db: Db, id: string): void {
  db.delete(sessions).where(eq(sessions.id, id)).run();
}

export function insertAudit(db: Db, values: { officerId: number | null; action: string; detail: unknown }): void {
  db.insert(auditLog).values(values).run();
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
