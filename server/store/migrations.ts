/**
 * Which drizzle-kit migrations (drizzle/) a store still lacks, and applying them: what start-up and
 * `cli migrate` share. drizzle's migrator applies every migration newer than the newest one the
 * store records (created_at in __drizzle_migrations), so "pending" is counted the same way here.
 */
import type Database from 'better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Migration {
  /** The migration's file name without .sql, e.g. 0010_retention_and_weighting_history. */
  tag: string;
  /** When drizzle-kit generated it (ms): the order, and what the store records. */
  when: number;
}

/** Every migration in the folder, oldest first. */
export function allMigrations(folder: string): Migration[] {
  const journal = JSON.parse(readFileSync(join(folder, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string; when: number }[] };
  return journal.entries.map((e) => ({ tag: e.tag, when: e.when })).sort((a, b) => a.when - b.when);
}

/** The migrations the store has not had yet (all of them for a new, empty file). Reads only. */
export function pendingMigrations(sqlite: Database.Database, folder: string): Migration[] {
  const table = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
  const last = table ? (sqlite.prepare('SELECT max(created_at) AS at FROM __drizzle_migrations').get() as { at: number | null }).at : null;
  return allMigrations(folder).filter((m) => last === null || Number(last) < m.when);
}

/** Applies the pending migrations in one transaction and returns those it applied (none when current). */
export function applyMigrations(db: Parameters<typeof migrate>[0], sqlite: Database.Database, folder: string): Migration[] {
  const pending = pendingMigrations(sqlite, folder);
  if (pending.length) migrate(db, { migrationsFolder: folder });
  return pending;
}
