/**
 * Which drizzle databases (and transactions) are on Postgres: marked where they are made
 * (./pg/open.ts, ./transaction.ts), read by ./dialect.ts and ./transaction.ts.
 */
import type { Db, Store } from './open.js';

const postgres = new WeakSet<object>();

export function markPostgres(db: object): void {
  postgres.add(db);
}

/** Per Postgres store: the db of a partnership's own pool (its connections set app.partnership). */
const partnershipDbs = new WeakMap<object, (id: number) => Db>();

export function markPartnershipDbs(root: object, of: (id: number) => Db): void {
  partnershipDbs.set(root, of);
}

/** The db whose connections work in partnership `id` (row-level security applies), or undefined on SQLite. */
export function partnershipDb(root: Db, id: number): Db | undefined {
  return partnershipDbs.get(root)?.(id);
}

export function isPostgres(h: Db | Store): boolean {
  if ('kind' in h && typeof h.kind === 'string') return h.kind === 'postgres';
  return postgres.has(h);
}
