/**
 * The audit log: who (officer), did what (action), to what (details), when (created_at). Written
 * for sign-in and sign-out here, and by any route that exports or changes data, e.g.
 * `audit(store, c.get('officer'), 'export.xlsx', { survey, wave })`. Never holds IP addresses.
 */
import type { Store } from '../store/open.js';
import { insertAudit, latestAudit } from './queries.js';
import { type AuditEntry, type AuditList, DEFAULT_AUDIT_LIMIT, MAX_AUDIT_LIMIT } from './schemas.js';

export type { AuditEntry };
export { DEFAULT_AUDIT_LIMIT, MAX_AUDIT_LIMIT };

export async function audit(store: Store, officer: { id: number } | null | undefined, action: string, details: unknown = null): Promise<void> {
  await insertAudit(store.db, { officerId: officer?.id ?? null, action, detail: details ?? null });
}

/** Most recent first. */
export async function recentAudit(store: Store, limit = DEFAULT_AUDIT_LIMIT): Promise<AuditEntry[]> {
  return (await latestAudit(store.db, Math.min(Math.max(1, Math.floor(limit)), MAX_AUDIT_LIMIT))).map((r) => ({ ...r, details: r.details ?? null }));
}

/** GET /audit. */
export async function auditList(store: Store, limit = DEFAULT_AUDIT_LIMIT): Promise<AuditList> {
  return { entries: await recentAudit(store, limit) };
}
