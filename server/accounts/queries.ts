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
import { inTransaction, use } from '../store/transaction.js';
import { changes, lockUntilCommit, tablesOf } from '../store/dialect.js';
import { DEFAULT_PARTNERSHIP, ofScope, owningPartnership, scopedPartnership } from '../store/partnership-scope.js';

export type OfficerRow = typeof officers.$inferSelect;

export async function officerByEmail(db: Db, email: string): Promise<OfficerRow | undefined> {
  db = await use(db);
  const { officers } = tablesOf(db);
  return (await db.select().from(officers).where(eq(officers.email, email)))[0];
}

/**
 * An officer by id. Inside a partnership only one with a role there, and `role` is that role
 * (an admin of one partnership never sees another's officers).
 */
export async function officerById(db: Db, id: number): Promise<OfficerRow | undefined> {
  db = await use(db);
  const { officers, officerRoles } = tablesOf(db);
  const scope = scopedPartnership();
  if (scope === undefined) return (await db.select().from(officers).where(eq(officers.id, id)))[0];
  const row = (
    await db
      .select({ officer: officers, role: officerRoles.role })
      .from(officers)
      .innerJoin(officerRoles, and(eq(officerRoles.officerId, officers.id), eq(officerRoles.partnershipId, scope)))
      .where(eq(officers.id, id))
  )[0];
  return row && { ...row.officer, role: row.role };
}

export type OfficerChange = Partial<
  Pick<OfficerRow, 'role' | 'disabledAt' | 'passwordHash' | 'lastSignInAt' | 'totpSecret' | 'totpPendingSecret' | 'totpLastStep'>
>;

/** Changes an account; a new `role` is the officer's role in the caller's partnership (its officer_roles row). */
export async function updateOfficer(db: Db, id: number, change: OfficerChange): Promise<OfficerRow | undefined> {
  db = await use(db);
  const { officers, officerRoles } = tablesOf(db);
  const { role, ...rest } = change;
  const account: OfficerChange = rest;
  if (role !== undefined) {
    const partnershipId = owningPartnership();
    await db
      .insert(officerRoles)
      .values({ officerId: id, partnershipId, role })
      .onConflictDoUpdate({ target: [officerRoles.officerId, officerRoles.partnershipId], set: { role } });
    // officers.role follows the default partnership's, for the readers that list accounts outside one.
    if (partnershipId === DEFAULT_PARTNERSHIP) account.role = role;
  }
  if (Object.keys(account).length) await db.update(officers).set(account).where(eq(officers.id, id));
  return await officerById(db, id);
}

/** Enabled admins of the caller's partnership other than `exceptId`. */
export async function otherEnabledAdmins(db: Db, exceptId: number): Promise<number> {
  db = await use(db);
  const { officers, officerRoles } = tablesOf(db);
  const row = (
    await db
      .select({ n: count() })
      .from(officers)
      .innerJoin(officerRoles, and(eq(officerRoles.officerId, officers.id), eq(officerRoles.partnershipId, owningPartnership())))
      .where(and(eq(officerRoles.role, 'admin'), isNull(officers.disabledAt), ne(officers.id, exceptId)))
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

/** The officers of the caller's partnership (every account outside one), with their role there. */
export async function allOfficers(db: Db): Promise<OfficerRow[]> {
  db = await use(db);
  const { officers, officerRoles } = tablesOf(db);
  const scope = scopedPartnership();
  if (scope === undefined) return await db.select().from(officers).orderBy(asc(officers.email));
  return (
    await db
      .select({ officer: officers, role: officerRoles.role })
      .from(officers)
      .innerJoin(officerRoles, and(eq(officerRoles.officerId, officers.id), eq(officerRoles.partnershipId, scope)))
      .orderBy(asc(officers.email))
  ).map((r) => ({ ...r.officer, role: r.role }));
}

/** A new account, with `role` in the caller's partnership (the default one outside any). */
export async function insertOfficer(db: Db, values: { email: string; passwordHash: string; role: Role }): Promise<OfficerRow> {
  return await inTransaction(db, async () => {
    const tx = await use(db);
    const { officers, officerRoles } = tablesOf(tx);
    const [row] = await tx.insert(officers).values(values).returning();
    await tx.insert(officerRoles).values({ officerId: row!.id, partnershipId: owningPartnership(), role: values.role });
    return row!;
  });
}

/** Removes every session that ended at or before `nowIso`. */
export async function deleteExpiredSessions(db: Db, nowIso: string): Promise<void> {
  db = await use(db);
  const { sessions } = tablesOf(db);
  await db.delete(sessions).where(lte(sessions.expiresAt, nowIso));
}

export async function insertSession(
  db: Db,
  values: { id: string; officerId: number; csrfToken: string; expiresAt: string; partnershipId?: number | null },
): Promise<void> {
  db = await use(db);
  const { sessions } = tablesOf(db);
  await db.insert(sessions).values(values);
}

/**
 * A session (by its hashed id) with its officer and the officer's roles by partnership (oldest
 * partnership first), in one query: every officer request asks it. Undefined when there is no such
 * session; a disabled officer's sessions count for nothing.
 */
export async function sessionWithOfficer(db: Db, id: string) {
  db = await use(db);
  const { officers, sessions, officerRoles, partnerships } = tablesOf(db);
  const rows = await db
    .select({
      id: officers.id,
      email: officers.email,
      role: officers.role,
      sessionId: sessions.id,
      csrfHash: sessions.csrfToken,
      expiresAt: sessions.expiresAt,
      partnershipId: sessions.partnershipId,
      countyReader: officers.countyReader,
      roleIn: officerRoles.partnershipId,
      roleSlug: partnerships.slug,
      roleName: partnerships.name,
      roleThere: officerRoles.role,
    })
    .from(sessions)
    .innerJoin(officers, eq(officers.id, sessions.officerId))
    .leftJoin(officerRoles, eq(officerRoles.officerId, officers.id))
    .leftJoin(partnerships, eq(partnerships.id, officerRoles.partnershipId))
    .where(and(eq(sessions.id, id), isNull(officers.disabledAt)))
    .orderBy(asc(officerRoles.partnershipId));
  if (!rows.length) return undefined;
  const { id: officerId, email, role, sessionId, csrfHash, expiresAt, partnershipId, countyReader } = rows[0];
  const roles = rows.flatMap((r) =>
    r.roleIn !== null && r.roleSlug !== null && r.roleName !== null && r.roleThere !== null
      ? [{ partnershipId: r.roleIn, slug: r.roleSlug, name: r.roleName, role: r.roleThere }]
      : [],
  );
  return { id: officerId, email, role, sessionId, csrfHash, expiresAt, partnershipId, countyReader, roles };
}

export async function deleteSessionById(db: Db, id: string): Promise<void> {
  db = await use(db);
  const { sessions } = tablesOf(db);
  await db.delete(sessions).where(eq(sessions.id, id));
}

export async function insertAudit(db: Db, values: { officerId: number | null; action: string; detail: unknown }): Promise<void> {
  db = await use(db);
  const { auditLog } = tablesOf(db);
  await db.insert(auditLog).values({ ...values, partnershipId: owningPartnership() });
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
    .where(ofScope(auditLog.partnershipId))
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

/** Inside the counting transaction: attempts on the same hashed sign-in key count and insert in turn. */
export async function lockAttemptKey(db: Db, key: string): Promise<void> {
  db = await use(db);
  await lockUntilCommit(db, key);
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

/** An officer's roles, by partnership (oldest partnership first). */
export async function rolesOfOfficer(db: Db, officerId: number): Promise<{ partnershipId: number; slug: string; name: string; role: Role }[]> {
  db = await use(db);
  const { officerRoles, partnerships } = tablesOf(db);
  return await db
    .select({ partnershipId: officerRoles.partnershipId, slug: partnerships.slug, name: partnerships.name, role: officerRoles.role })
    .from(officerRoles)
    .innerJoin(partnerships, eq(partnerships.id, officerRoles.partnershipId))
    .where(eq(officerRoles.officerId, officerId))
    .orderBy(asc(officerRoles.partnershipId));
}

/** The officer's role in one partnership, or undefined. */
export async function roleIn(db: Db, officerId: number, partnershipId: number): Promise<Role | undefined> {
  db = await use(db);
  const { officerRoles } = tablesOf(db);
  return (
    await db
      .select({ role: officerRoles.role })
      .from(officerRoles)
      .where(and(eq(officerRoles.officerId, officerId), eq(officerRoles.partnershipId, partnershipId)))
  )[0]?.role;
}

/** Gives (or changes) an officer's role in a partnership. */
export async function setRole(db: Db, officerId: number, partnershipId: number, role: Role): Promise<void> {
  db = await use(db);
  const { officerRoles } = tablesOf(db);
  await db
    .insert(officerRoles)
    .values({ officerId, partnershipId, role })
    .onConflictDoUpdate({ target: [officerRoles.officerId, officerRoles.partnershipId], set: { role } });
}

/** Takes away an officer's role in a partnership. */
export async function removeRole(db: Db, officerId: number, partnershipId: number): Promise<void> {
  db = await use(db);
  const { officerRoles } = tablesOf(db);
  await db.delete(officerRoles).where(and(eq(officerRoles.officerId, officerId), eq(officerRoles.partnershipId, partnershipId)));
}

/** Makes an officer a county reader (reads every partnership) or not. */
export async function setCountyReader(db: Db, officerId: number, countyReader: boolean): Promise<void> {
  db = await use(db);
  const { officers } = tablesOf(db);
  await db.update(officers).set({ countyReader }).where(eq(officers.id, officerId));
}

/** The partnership a session works in (null: the officer's first). */
export async function setSessionPartnership(db: Db, sessionId: string, partnershipId: number): Promise<void> {
  db = await use(db);
  const { sessions } = tablesOf(db);
  await db.update(sessions).set({ partnershipId }).where(eq(sessions.id, sessionId));
}

/** Every partnership's id, slug and name, oldest first (a county reader may work in each). */
export async function partnershipNames(db: Db): Promise<{ id: number; slug: string; name: string }[]> {
  db = await use(db);
  const { partnerships } = tablesOf(db);
  return await db.select({ id: partnerships.id, slug: partnerships.slug, name: partnerships.name }).from(partnerships).orderBy(asc(partnerships.id));
}
