/**
 * Storing one validated return: idempotent on its key, and within a link's response cap, in one
 * transaction so that concurrent submissions can neither duplicate nor overshoot the cap.
 */
import { count, eq } from 'drizzle-orm';
import type { Store } from '../db/open.js';
import { responses } from '../db/schema.js';
import { LINK_FULL, NotAvailable } from './surveys.js';

export type NewResponse = typeof responses.$inferInsert;

export interface StoreResult {
  id: number;
  duplicate: boolean;
}

export function storeResponse(store: Store, row: NewResponse, cap?: number | null): StoreResult {
  const { db, sqlite } = store;
  return sqlite.transaction((): StoreResult => {
    if (row.idempotencyKey) {
      const existing = db
        .select({ id: responses.id })
        .from(responses)
        .where(eq(responses.idempotencyKey, row.idempotencyKey))
        .get();
      if (existing) return { id: existing.id, duplicate: true };
    }
    if (cap != null && row.linkId != null) {
      const used = db.select({ n: count() }).from(responses).where(eq(responses.linkId, row.linkId)).get()!.n;
      if (used >= cap) throw new NotAvailable(410, LINK_FULL);
    }
    const inserted = db.insert(responses).values(row).returning({ id: responses.id }).get();
    return { id: inserted.id, duplicate: false };
  }).immediate();
}
