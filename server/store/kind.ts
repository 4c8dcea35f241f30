/**
 * Which drizzle databases (and transactions) are on Postgres: marked where they are made
 * (./pg/open.ts, ./transaction.ts), read by ./dialect.ts and ./transaction.ts.
 */
import type { Db, Store } from './open.js';

const postgres = new WeakSet<object>();

export function markPostgres(db: object): void {
  postgres.add(db);
}

export function isPostgres(h: Db | Store): boolean {
  if ('kind' in h && typeof h.kind === 'string') return h.kind === 'postgres';
  return postgres.has(h);
}
