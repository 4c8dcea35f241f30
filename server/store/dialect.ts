/**
 * What differs between the two stores, in one place, so the per-noun query modules read the same
 * for both: which tables a db's statements are built on (`tablesOf`), the rows of a raw statement
 * (`rowsOf`), how many rows a write changed (`changes`), and SQL whose spelling differs (`dialectSql`).
 *
 * A query function awaits `use(db)` first (./transaction.ts), then takes its tables from the db it
 * got back, and awaits the statement itself: `await q` gives the rows of a select or a
 * `returning()` on both drivers, where better-sqlite3's `.all()/.get()/.run()` exist on one only.
 */
import type Database from 'better-sqlite3';
import { type SQL, sql } from 'drizzle-orm';
import type { Db, Store } from './open.js';
import { isPostgres } from './kind.js';
import { use } from './transaction.js';

export { isPostgres, markPostgres } from './kind.js';
import * as pgSchema from './pg/schema.js';
import * as sqliteSchema from './schema.js';

export type Tables = typeof sqliteSchema;

/**
 * The store's own tables: SQLite's, or the Postgres ones of ./pg/schema.ts (same names, columns
 * and value types, which test/pg/schema-in-step.test.ts holds them to), typed as SQLite's.
 */
export function tablesOf(db: Db): Tables {
  return isPostgres(db) ? (pgSchema as unknown as Tables) : sqliteSchema;
}

/** Rows changed by an insert, update or delete without `returning()`: SQLite's `changes`, Postgres's `rowCount`. */
export function changes(result: unknown): number {
  const r = result as { changes?: number; rowCount?: number | null };
  return r.changes ?? r.rowCount ?? 0;
}

/** The rows of a raw statement (`sql\`…\``), on either store. */
export async function rowsOf<T>(db: Db, statement: SQL): Promise<T[]> {
  if (!isPostgres(db)) return db.all<T>(statement);
  const result = await (db as unknown as { execute(s: SQL): Promise<{ rows: T[] }> }).execute(statement);
  return result.rows;
}

/** The first row of a select (or of a `returning()`), undefined when there is none. */
export async function first<T>(query: PromiseLike<T[]>): Promise<T | undefined> {
  return (await query)[0];
}

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** The statement for `text`, prepared the first time this SQLite connection runs it. */
export function prepared(sqlite: Database.Database, text: string): Database.Statement {
  let cache = statements.get(sqlite);
  if (!cache) statements.set(sqlite, (cache = new Map()));
  let statement = cache.get(text);
  if (!statement) cache.set(text, (statement = sqlite.prepare(text)));
  return statement;
}

/**
 * The rows of plain SQL text with `?` parameters, on either store: on SQLite a statement prepared
 * once and reused (the fast path of the report queries), on Postgres the same text with $1, $2….
 * Aliases that are not all lower case must be quoted ("wardCode"): Postgres folds them otherwise.
 */
export async function queryRows<T>(store: Store, text: string, params: readonly unknown[] = []): Promise<T[]> {
  const db = await use(store);
  if (store.kind === 'sqlite') return prepared(store.sqlite, text).all(...params) as T[];
  const parts = text.split('?');
  if (parts.length !== params.length + 1) throw new Error(`queryRows: ${parts.length - 1} placeholders, ${params.length} values`);
  const chunks: SQL[] = [];
  parts.forEach((part, i) => {
    chunks.push(sql.raw(part));
    if (i < params.length) chunks.push(sql`${params[i]}`);
  });
  return rowsOf<T>(db, sql.join(chunks));
}

/** Runs a raw write (`sql\`…\``) on either store; `changes(result)` says how many rows it changed. */
export async function execute(db: Db, statement: SQL): Promise<unknown> {
  if (!isPostgres(db)) return db.run(statement);
  return (db as unknown as { execute(s: SQL): Promise<unknown> }).execute(statement);
}

/**
 * Inside a transaction on Postgres: waits for, then holds until commit, the lock named by `key`, so
 * two transactions about the same thing take turns (on SQLite every writer already takes turns; there
 * this does nothing).
 */
export async function lockUntilCommit(db: Db, key: string): Promise<void> {
  if (isPostgres(db)) await execute(db, sql`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
}

/**
 * A Postgres select run as SELECT … FOR UPDATE (SKIP LOCKED with `skipLocked`): drizzle's `.for()`
 * exists on its pg-core builder only, which the shared SQLite-typed tables do not show.
 */
export async function forUpdate<T>(query: PromiseLike<T>, { skipLocked = false }: { skipLocked?: boolean } = {}): Promise<T> {
  const q = query as unknown as { for(strength: 'update', options?: { skipLocked: boolean }): PromiseLike<T> };
  return await (skipLocked ? q.for('update', { skipLocked: true }) : q.for('update'));
}
