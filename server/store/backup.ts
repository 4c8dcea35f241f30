/**
 * Backing up and restoring the one store file.
 *
 * Backup uses SQLite's online backup API (better-sqlite3 `db.backup`): it copies a consistent
 * snapshot page by page and starts again if another connection writes meanwhile, so it is safe
 * while the server runs and takes submissions (WAL readers never block the writer).
 *
 * Restore swaps the store for a backup, only while no server holds the data folder (it takes the
 * folder's `server.lock` itself for the swap), after checking the backup: SQLite's full
 * integrity_check, that it is a survey store, and that it was made by this version or an older
 * one (an older one is migrated when the server next starts). The store it replaces is kept
 * beside it as `survey.sqlite.before-restore-<time>`; nothing is deleted.
 */
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { lockDataDir } from './lock.js';
import { migrationsFolder, openStore, StoreRefused, type Store } from './open.js';

export interface BackupResult {
  file: string;
  bytes: number;
  responses: number;
}

/** Copies the open store to `out` (a new file) while it stays in use. */
export async function backupStore(store: Store, out: string, onProgress?: (percent: number) => void): Promise<BackupResult> {
  if (store.kind !== 'sqlite')
    throw new StoreRefused(
      `\`backup\` copies a SQLite store; this one is on PostgreSQL (${store.where}): back it up with pg_dump, as the database's own backups are made.`,
    );
  if (existsSync(out)) throw new StoreRefused(`${out} already exists: give a new file name, so no earlier backup is overwritten.`);
  const partial = join(dirname(out), `.${basename(out)}.partial`);
  rmSync(partial, { force: true });
  try {
    await store.sqlite.backup(partial, {
      progress: ({ totalPages, remainingPages }) => {
        if (totalPages) onProgress?.(Math.round((100 * (totalPages - remainingPages)) / totalPages));
        return 200;
      },
    });
    const problem = checkBackup(partial).problem;
    if (problem) throw new Error(`The backup just made does not pass its check (${problem}); it was not kept.`);
    renameSync(partial, out);
  } finally {
    rmSync(partial, { force: true });
  }
  return { file: out, bytes: statSync(out).size, responses: countResponses(out) };
}

function countResponses(file: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM responses').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** What is wrong with a file as a store to restore (null when nothing), and its migrations. */
export function checkBackup(file: string): { problem: string | null; responses: number } {
  if (!existsSync(file)) return { problem: `there is no file ${file}`, responses: 0 };
  if (statSync(file).size === 0) return { problem: `${file} is empty (0 bytes)`, responses: 0 };
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (e) {
    return { problem: `SQLite cannot open it (${(e as Error).message})`, responses: 0 };
  }
  try {
    let rows: { integrity_check: string }[];
    try {
      rows = db.pragma('integrity_check') as { integrity_check: string }[];
    } catch (e) {
      return { problem: `it is not an SQLite database (${(e as Error).message})`, responses: 0 };
    }
    if (rows.length !== 1 || rows[0].integrity_check !== 'ok') {
      return { problem: `SQLite's integrity check says: ${rows.map((r) => r.integrity_check).join('; ')}`, responses: 0 };
    }
    const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
    if (!tables.has('__drizzle_migrations') || !tables.has('responses')) return { problem: 'it is an SQLite file but not a survey store', responses: 0 };
    const applied = (db.prepare('SELECT created_at AS at FROM __drizzle_migrations').all() as { at: number }[]).map((r) => Number(r.at));
    const known = readMigrationFiles({ migrationsFolder }).map((m) => m.folderMillis);
    const newest = Math.max(...known);
    if (applied.some((at) => at > newest)) {
      return { problem: 'it was made by a newer version of the product than this one (its schema is ahead): update the product first', responses: 0 };
    }
    return { problem: null, responses: (db.prepare('SELECT count(*) AS n FROM responses').get() as { n: number }).n };
  } finally {
    db.close();
  }
}

export interface RestoreResult {
  /** Where the replaced store was kept, or null when the folder had none. */
  keptAside: string | null;
  responses: number;
}

/** Replaces `<dir>/survey.sqlite` with the backup `from`, refusing while a server holds the folder. */
export function restoreStore(dir: string, from: string, now: Date = new Date()): RestoreResult {
  let unlock: () => void;
  try {
    unlock = lockDataDir(dir);
  } catch (e) {
    if (e instanceof StoreRefused) throw new StoreRefused(`${e.message} Nothing was restored.`);
    throw e;
  }
  try {
    const { problem, responses } = checkBackup(from);
    if (problem) throw new StoreRefused(`${from} cannot be restored: ${problem}. Nothing was changed.`);
    const file = join(dir, 'survey.sqlite');
    const incoming = join(dir, '.survey.sqlite.restoring');
    copyFileSync(from, incoming);
    let keptAside: string | null = null;
    if (existsSync(file)) {
      // Fold the old store's WAL into its file first, so the copy kept aside is whole on its own.
      try {
        const old = new Database(file);
        old.pragma('wal_checkpoint(TRUNCATE)');
        old.close();
      } catch {
        // A damaged store is kept aside as it is, with its WAL beside it.
      }
      keptAside = `${file}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
      renameSync(file, keptAside);
      for (const side of ['-wal', '-shm']) if (existsSync(file + side)) renameSync(file + side, keptAside + side);
    }
    renameSync(incoming, file);
    // Opening migrates a backup made by an older version, and proves the swap worked.
    openStore(file).close();
    return { keptAside, responses };
  } finally {
    unlock();
  }
}
