/**
 * Opens the one SQLite file under DATA_DIR (default ./data), in WAL mode, and applies the
 * drizzle-kit migrations before anything else touches it. `openReadOnlyStore` opens the same file
 * again, read-only, for the report workers (server/jobs/).
 */
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from './schema.js';

export type Db = BetterSQLite3Database<typeof schema>;
export interface Store {
  db: Db;
  sqlite: Database.Database;
  file: string;
  close(): void;
}

const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), '../../drizzle');

export function dataDir(): string {
  return resolve(process.env.DATA_DIR ?? './data');
}

/** Open (creating if needed) `<dir>/survey.sqlite`, or an explicit file path ending in .sqlite. */
export function openStore(dirOrFile: string = dataDir()): Store {
  const file = dirOrFile.endsWith('.sqlite') ? dirOrFile : join(dirOrFile, 'survey.sqlite');
  mkdirSync(dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  // FULL: every commit is fsynced before it returns, so a reply told 201 survives a power cut
  // (NORMAL would only survive an application crash). Cost: see BENCHMARKS.md.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder });
  return { db, sqlite, file, close: () => sqlite.close() };
}

/**
 * The store's file opened read-only and not migrated (the server that owns it already did): what a
 * report worker (server/jobs/worker.ts) computes from, so it sees every committed change (WAL) and
 * cannot write by mistake.
 */
export function openReadOnlyStore(file: string): Store {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  const db = drizzle(sqlite, { schema });
  return { db, sqlite, file, close: () => sqlite.close() };
}
