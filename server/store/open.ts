/**
 * Opens the one SQLite file under DATA_DIR (default ./data), in WAL mode, and applies the
 * drizzle-kit migrations before anything else touches it (or, with MIGRATE_ON_START=false, refuses a
 * store that lacks some: `cli migrate` is then the release step). `openReadOnlyStore` opens the same file
 * again, read-only, for the report workers (server/jobs/).
 */
import { settings } from '../config.js';
import Database from 'better-sqlite3';
import type pg from 'pg';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from './schema.js';
import { applyMigrations, pendingMigrations } from './migrations.js';

/**
 * The drizzle database the per-noun queries use. On Postgres it is really drizzle's node-postgres
 * database, typed as SQLite's: the query modules build statements only through `tablesOf(db)` (the
 * tables of the store's own dialect) and the helpers of ./dialect.ts, which both drivers share.
 */
export type Db = BetterSQLite3Database<typeof schema>;

/** The embedded store: one SQLite file. */
export interface SqliteStore {
  kind: 'sqlite';
  db: Db;
  sqlite: Database.Database;
  file: string;
  close(): void;
}

/** A PostgreSQL store (DATABASE_URL), shared by every instance of the server: see ./pg/open.ts. */
export interface PostgresStore {
  kind: 'postgres';
  db: Db;
  /** The address without its password, for messages. */
  where: string;
  /** The connection pool, for the few reads that stream raw rows (reports/queries.ts). */
  pool: pg.Pool;
  /** The pool of a partnership's connections (app.partnership set: row-level security applies). */
  partnershipPool(id: number): pg.Pool;
  /** DATABASE_URL itself, password and all: for the report workers to connect with, never to print. */
  url: string;
  close(): Promise<void>;
}

export type Store = SqliteStore | PostgresStore;

/** Where a store is, for a worker thread to open it again: the SQLite file, or the Postgres URL. */
export function storeLocation(store: Store): string {
  return store.kind === 'sqlite' ? store.file : store.url;
}

/** The folder for this server's own files beside the store (staged uploads being checked): the SQLite file's, or DATA_DIR. */
export function localFolder(store: Store): string {
  return store.kind === 'sqlite' ? dirname(store.file) : dataDir();
}

/** The store named for messages and cache keys: the SQLite file, or the Postgres address without its password. */
export function storeName(store: Store): string {
  return store.kind === 'sqlite' ? store.file : store.where;
}

export const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), '../../drizzle');

export function dataDir(): string {
  return resolve(settings().dataDir);
}

/** The store cannot be opened as it is; the message says what to do. Nothing was changed. */
export class StoreRefused extends Error {}

/**
 * Refuses a store file that exists but is not a usable store, before SQLite could treat it as a
 * fresh install (a zero-byte file would silently become an empty store).
 */
function checkExisting(file: string): void {
  if (!existsSync(file)) return;
  const restore = 'Restore it from a backup, or move it out of the data folder to start a fresh install.';
  if (statSync(file).size === 0) throw new StoreRefused(`The store ${file} is empty (0 bytes): it is not a survey store. ${restore}`);
  try {
    accessSync(file, constants.R_OK | constants.W_OK);
  } catch {
    throw new StoreRefused(`The store ${file} cannot be read and written by this user. Give the server's user read and write access to it and its folder.`);
  }
}

/** The result of SQLite's quick integrity check: null when it passes, else what it found. */
export function quickCheck(sqlite: Database.Database): string | null {
  const rows = sqlite.pragma('quick_check') as { quick_check: string }[];
  return rows.length === 1 && rows[0].quick_check === 'ok' ? null : rows.map((r) => r.quick_check).join('; ');
}

/**
 * What opening does about migrations the store lacks: `apply` them (the default while
 * MIGRATE_ON_START is true), `refuse` to open (a StoreRefused saying to run `cli migrate`), or
 * `leave` them for the caller (`cli migrate` itself).
 */
export type OnPending = 'apply' | 'refuse' | 'leave';

export const MIGRATE_HINT = 'Run `npm run cli -- migrate` to bring it up to date, then try again.';

/** Open (creating if needed) `<dir>/survey.sqlite`, or an explicit file path ending in .sqlite. */
export function openStore(dirOrFile: string = dataDir(), onPending: OnPending = settings().migrateOnStart ? 'apply' : 'refuse'): SqliteStore {
  const file = dirOrFile.endsWith('.sqlite') ? dirOrFile : join(dirOrFile, 'survey.sqlite');
  mkdirSync(dirname(file), { recursive: true });
  const existed = existsSync(file);
  checkExisting(file);
  const sqlite = new Database(file);
  if (existed) {
    let problem: string | null;
    try {
      problem = quickCheck(sqlite);
    } catch (e) {
      problem = (e as Error).message;
    }
    if (problem) {
      sqlite.close();
      throw new StoreRefused(`The store ${file} is damaged (SQLite's integrity check says: ${problem}). Restore it from a backup; nothing was changed.`);
    }
  }
  sqlite.pragma('journal_mode = WAL');
  // FULL: every commit is fsynced before it returns, so a reply told 201 survives a power cut
  // (NORMAL would only survive an application crash). Cost and the power-cut measurement: see
  // BENCHMARKS.md. STORE_SYNCHRONOUS=normal exists only for that comparison.
  sqlite.pragma(`synchronous = ${settings().storeSynchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = drizzle(sqlite, { schema });
  if (onPending === 'apply') applyMigrations(db, sqlite, migrationsFolder);
  if (onPending === 'refuse') {
    const pending = pendingMigrations(sqlite, migrationsFolder);
    if (pending.length) {
      sqlite.close();
      throw new StoreRefused(
        `The store ${file} is ${pending.length} migration${pending.length === 1 ? '' : 's'} behind this version (${pending.map((m) => m.tag).join(', ')}) and MIGRATE_ON_START is false. ${MIGRATE_HINT}`,
      );
    }
  }
  return { kind: 'sqlite', db, sqlite, file, close: () => sqlite.close() };
}

/**
 * The store's file opened read-only and not migrated (the server that owns it already did): what a
 * report worker (server/jobs/worker.ts) computes from, so it sees every committed change (WAL) and
 * cannot write by mistake.
 */
export function openReadOnlyStore(file: string): SqliteStore {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  const db = drizzle(sqlite, { schema });
  return { kind: 'sqlite', db, sqlite, file, close: () => sqlite.close() };
}
