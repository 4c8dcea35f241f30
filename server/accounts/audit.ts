/**
 * The audit log: who (officer), did what (action), to what (details), when (created_at). Written
 * for sign-in and sign-out here, and by any route that exports or changes data, e.g.
 * `audit(store, c.get('officer'), 'export.xlsx', { survey, wave })`. Never holds IP addresses.
 */
import { desc, eq } from 'drizzle-orm';
import type { Store } from '../store/open.js';
import { auditLog, officers } from '../store/schema.js';

export interface AuditEntry {
  id: number;
  at: string;
  officerId: number | null;
  email: string | null;
  action: string;
  details: unknown;
}

export function audit(store: Store, officer: { id: number } | null | undefined, action: string, details: unknown = null): void {
  store.db
    .insert(auditLog)
    .values({ officerId: officer?.id ?? null, action, detail: details ?? null })
    .run();
}

export const DEFAULT_AUDIT_LIMIT = 200;
export const MAX_AUDIT_LIMIT = 1000;

/** Most recent first. */
export function recentAudit(store: Store, limit = DEFAULT_AUDIT_LIMIT): AuditEntry[] {
  return store.db
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
    .limit(Math.min(Math.max(1, Math.floor(limit)), MAX_AUDIT_LIMIT))
    .all()
    .map((r) => ({ ...r, details: r.details ?? null }));
}
