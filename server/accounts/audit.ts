/**
 * The audit log: who (officer), did what (action), to what (details), when (created_at). Written
 * for sign-in and sign-out here, and by any route that exports or changes data, e.g.
 * `audit(store, c.get('officer'), 'export.xlsx', { survey, wave })`. Never holds IP addresses.
 */
import type { Store } from '../store/open.js';
import { DEFAULT_PARTNERSHIP, inPartnership, scopedPartnership } from '../store/partnership-scope.js';
import { insertAudit, latestAudit, rolesOfOfficer } from './queries.js';
import { type AuditEntry, type AuditList, DEFAULT_AUDIT_LIMIT, MAX_AUDIT_LIMIT } from './schemas.js';

export type { AuditEntry };
export { DEFAULT_AUDIT_LIMIT, MAX_AUDIT_LIMIT };

/**
 * Entries belong to the partnership the request works in. Before there is a session (a sign-in, a
 * password reset) an officer's entry goes to the first partnership they work in, so one
 * partnership's admins never read another's officers' sign-ins; an unknown email's to the default one.
 */
export async function audit(store: Store, officer: { id: number } | null | undefined, action: string, details: unknown = null): Promise<void> {
  const entry = { officerId: officer?.id ?? null, action, detail: details ?? null };
  if (scopedPartnership() !== undefined || !officer) return await insertAudit(store.db, entry);
  const [first] = await rolesOfOfficer(store.db, officer.id);
  await inPartnership(first?.partnershipId ?? DEFAULT_PARTNERSHIP, () => insertAudit(store.db, entry));
}

/** Most recent first. */
export async function recentAudit(store: Store, limit = DEFAULT_AUDIT_LIMIT): Promise<AuditEntry[]> {
  return (await latestAudit(store.db, Math.min(Math.max(1, Math.floor(limit)), MAX_AUDIT_LIMIT))).map((r) => ({ ...r, details: r.details ?? null }));
}

/** GET /audit. */
export async function auditList(store: Store, limit = DEFAULT_AUDIT_LIMIT): Promise<AuditList> {
  return { entries: await recentAudit(store, limit) };
}
