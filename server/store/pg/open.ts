/**
 * Opens a PostgreSQL store (DATABASE_URL): a connection pool, drizzle's node-postgres database on
 * the Postgres tables (./schema.ts), and the migration check. Start-up does not migrate Postgres:
 * several instances share the one database, so `cli migrate` is the release step and an instance
 * refuses a database that lacks migrations (`onPending: 'apply'` is for tests and that command).
 *
 * Counts and sums come back from node-postgres as strings (int8, numeric): they are read as
 * numbers here, as SQLite gives them, so the query modules see the same values on both stores.
 */
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { allMigrations, type Migration } from '../migrations.js';
import { MIGRATE_HINT, StoreRefused, type Db, type OnPending, type PostgresStore } from '../open.js';
import { migratePostgres, pgMigrationsFolder } from './migrate.js';
import * as schema from './schema.js';
import { markPartnershipDbs, markPostgres } from '../kind.js';

const INT8 = 20;
const NUMERIC = 1700;

// Set on the driver itself: drizzle passes its own type parsers with each query, which fall back to
// these (a pool's `types` option would be bypassed).
pg.types.setTypeParser(INT8, Number);
pg.types.setTypeParser(NUMERIC, Number);

/** postgres://user:secret@host/db → postgres://user@host/db (never print a password). */
export function withoutPassword(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    return u.toString().replace(/:@/, '@');
  } catch {
    return 'the DATABASE_URL database';
  }
}

/** The migrations the Postgres database has not had yet (all of them for an empty database). */
export async function pendingPostgresMigrations(pool: pg.Pool): Promise<Migration[]> {
  const exists = await pool.query("SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS yes");
  const last = exists.rows[0].yes ? ((await pool.query('SELECT max(created_at) AS at FROM drizzle.__drizzle_migrations')).rows[0].at as number | null) : null;
  return allMigrations(pgMigrationsFolder).filter((m) => last === null || Number(last) < m.when);
}

export async function openPostgresStore(
  url: string,
  onPending: OnPending = 'refuse',
  options: { max?: number; partnershipMax?: number } = {},
): Promise<PostgresStore> {
  const where = withoutPassword(url);
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  // An idle connection the server drops (restart, failover) must not take the process down.
  pool.on('error', () => {});
  try {
    await pool.query('SELECT 1');
  } catch (e) {
    await pool.end();
    throw new StoreRefused(`Cannot reach the PostgreSQL store ${where}: ${(e as Error).message}. Check DATABASE_URL and that the database server is running.`);
  }
  if (onPending === 'apply') await migratePostgres(pool);
  if (onPending === 'refuse') {
    const pending = await pendingPostgresMigrations(pool);
    if (pending.length) {
      await pool.end();
      throw new StoreRefused(
        `The PostgreSQL store ${where} is ${pending.length} migration${pending.length === 1 ? '' : 's'} behind this version (${pending.map((m) => m.tag).join(', ')}). ${MIGRATE_HINT}`,
      );
    }
  }
  const db = drizzle({ client: pool, schema });
  markPostgres(db);
  // A pool per partnership worked in, made when first needed: its connections set
  // app.partnership, which the database's row-level security reads (drizzle-pg/0007).
  const partnerships = new Map<number, { pool: pg.Pool; db: Db }>();
  const ofPartnership = (id: number) => {
    let p = partnerships.get(id);
    if (!p) {
      const own = new pg.Pool({ connectionString: url, max: options.partnershipMax ?? 4, options: `-c app.partnership=${Math.trunc(id)}` });
      own.on('error', () => {});
      const ownDb = drizzle({ client: own, schema });
      markPostgres(ownDb);
      p = { pool: own, db: ownDb as unknown as Db };
      partnerships.set(id, p);
    }
    return p;
  };
  markPartnershipDbs(db, (id) => ofPartnership(id).db);
  return {
    kind: 'postgres',
    db: db as unknown as Db,
    where,
    pool,
    url,
    partnershipPool: (id) => ofPartnership(id).pool,
    close: async () => {
      await Promise.all([pool.end(), ...[...partnerships.values()].map((p) => p.pool.end())]);
    },
  };
}
