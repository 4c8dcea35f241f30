/**
 * Applies the Postgres store's migrations (../../../drizzle-pg, generated from ./schema.ts) with
 * drizzle's node-postgres migrator; already-applied ones are skipped, so it is safe to repeat.
 */
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

export const pgMigrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), '../../../drizzle-pg');

export async function migratePostgres(client: pg.Client | pg.Pool): Promise<void> {
  await migrate(drizzle({ client }), { migrationsFolder: pgMigrationsFolder });
}
