/**
 * Moves a whole SQLite store into an empty Postgres database (`cli store copy --to postgres://…`)
 * and checks it (`cli store verify --to …`). The copy migrates the target, then in ONE
 * transaction copies every table, parents first, in batched inserts, sets each identity sequence
 * past the highest id, and compares every table's row count and content hash (./content-hash.ts)
 * with the SQLite store's before it commits: a failed or mismatched copy leaves the target as it
 * was (migrated, empty), so the command can simply be run again. The SQLite side is read from one
 * snapshot on its own read-only connection, so a server may keep running while it copies.
 */
import type Database from 'better-sqlite3';
import pg from 'pg';
import { openReadOnlyStore, type Store, StoreRefused } from '../open.js';
import { checkPostgresTable, quote, sqliteRows, TableHasher, type TableCheck } from './content-hash.js';
import { migratePostgres } from './migrate.js';
import { type CopiedTable, copiedTables } from './tables.js';

export interface TableSummary {
  name: string;
  /** Rows and content hash in the SQLite store. */
  rows: number;
  hash: string;
  /** The same in Postgres. */
  targetRows: number;
  targetHash: string;
  match: boolean;
}

export interface CopySummary {
  tables: TableSummary[];
  ok: boolean;
}

/** Progress for a person watching: one line per table. */
export type Progress = (line: string) => void;

/** Postgres allows 65,535 parameters a statement; a batch stays well inside that. */
const MAX_PARAMETERS = 30_000;
const MAX_BATCH_ROWS = 1000;

/** Copied after every other table, over whatever is there (should a trigger have bumped a counter). */
const COPIED_LAST = new Set(['data_versions']);

/** Tables the migrations seed (the default partnership): not data of anyone's, so emptied and copied over. */
const SEEDED = new Set(['partnerships']);

/** The URL as it may be printed: without its password. */
export function redactedUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '****';
    return u.toString();
  } catch {
    return 'the given address';
  }
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

export async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (e) {
    throw new StoreRefused(`Could not connect to the Postgres database at ${redactedUrl(url)}: ${(e as Error).message}. Nothing was written.`);
  }
  return client;
}

/** Tables of ours in the target that already hold rows (before or after migrating). */
async function tablesWithData(client: pg.ClientBase, tables: CopiedTable[]): Promise<string[]> {
  const found: string[] = [];
  for (const t of tables) {
    if (SEEDED.has(t.name)) continue;
    const exists = await client.query<{ r: string | null }>('SELECT to_regclass($1) AS r', [quote(t.name)]);
    if (!exists.rows[0].r) continue;
    const any = await client.query(`SELECT 1 FROM ${quote(t.name)} LIMIT 1`);
    if (any.rowCount) found.push(t.name);
  }
  return found;
}

function refuseNonEmpty(url: string, tables: string[]): never {
  throw new StoreRefused(
    `The Postgres database at ${redactedUrl(url)} already holds data (in ${tables.join(', ')}): a store is copied only into an empty database. Nothing was written. Give an empty database, or check the earlier copy with \`store verify --to …\`.`,
  );
}

/** A SQLite value as Postgres takes it for a column of this kind. */
export function toPostgres(value: unknown, kind: CopiedTable['columns'][number]['kind']): unknown {
  if (value === null || value === undefined) return null;
  if (kind === 'boolean') return value === 1n || value === 1 || value === true;
  // BigInt as decimal text: node-postgres takes it for integer and bigint columns, without rounding.
  if (typeof value === 'bigint') return value.toString();
  return value;
}

async function insertBatch(client: pg.ClientBase, table: CopiedTable, rows: unknown[][]): Promise<void> {
  const n = table.columns.length;
  const values = rows.map((_, r) => `(${table.columns.map((_, c) => `$${r * n + c + 1}`).join(', ')})`).join(', ');
  const params = rows.flatMap((row) => row.map((v, c) => toPostgres(v, table.columns[c].kind)));
  await client.query(`INSERT INTO ${quote(table.name)} (${table.columns.map((c) => quote(c.name)).join(', ')}) VALUES ${values}`, params);
}

/** Copies one table's rows (read in primary-key order), hashing them as they pass. */
async function copyTable(sqlite: Database.Database, client: pg.ClientBase, table: CopiedTable, progress: Progress): Promise<TableCheck> {
  const batchRows = Math.max(1, Math.min(MAX_BATCH_ROWS, Math.floor(MAX_PARAMETERS / table.columns.length)));
  const hasher = new TableHasher(table);
  let batch: unknown[][] = [];
  for (const row of sqliteRows(sqlite, table)) {
    hasher.add(row);
    batch.push(row);
    if (batch.length === batchRows) {
      await insertBatch(client, table, batch);
      batch = [];
      if (hasher.rows % 100_000 < batchRows) progress(`  ${table.name}: ${hasher.rows.toLocaleString('en-GB')} rows so far`);
    }
  }
  if (batch.length) await insertBatch(client, table, batch);
  return hasher.result();
}

/** The next id of an identity column: one past the highest copied, so new rows never collide. */
async function resetSequence(client: pg.ClientBase, table: CopiedTable): Promise<void> {
  if (!table.identity) return;
  const t = quote(table.name);
  const c = quote(table.identity);
  await client.query(`SELECT setval(pg_get_serial_sequence($1, $2), (SELECT COALESCE(MAX(${c}), 0) + 1 FROM ${t}), false)`, [t, table.identity]);
}

function summarise(name: string, source: TableCheck, target: TableCheck): TableSummary {
  return {
    name,
    rows: source.rows,
    hash: source.hash,
    targetRows: target.rows,
    targetHash: target.hash,
    match: source.rows === target.rows && source.hash === target.hash,
  };
}

/** Runs `work` with the SQLite store's file open read-only, inside one read transaction (one snapshot). */
export async function fromSnapshot<T>(store: Store, work: (sqlite: Database.Database) => Promise<T>): Promise<T> {
  if (store.kind !== 'sqlite')
    throw new StoreRefused(`The store is already on PostgreSQL (${store.where}): \`store copy\` moves a SQLite store, so run it with DATABASE_URL unset.`);
  const source = openReadOnlyStore(store.file);
  try {
    source.sqlite.prepare('BEGIN').run();
    try {
      return await work(source.sqlite);
    } finally {
      source.sqlite.prepare('COMMIT').run();
    }
  } finally {
    source.close();
  }
}

/**
 * Copies the store into the empty Postgres database at `url`. Refuses (StoreRefused, nothing
 * written) when the target already holds data. Commits only when every table matches; otherwise
 * rolls back and returns the summary with `ok: false`.
 */
export async function copyToPostgres(store: Store, url: string, progress: Progress = () => {}): Promise<CopySummary> {
  const tables = copiedTables();
  const client = await connect(url);
  try {
    const before = await tablesWithData(client, tables);
    if (before.length) refuseNonEmpty(url, before);
    progress(`Migrating ${redactedUrl(url)}`);
    await migratePostgres(client);
    return await fromSnapshot(store, async (sqlite) => {
      await client.query('BEGIN');
      try {
        // Nobody else writes these tables until the copy commits or rolls back; then check again.
        await client.query(`LOCK TABLE ${tables.map((t) => quote(t.name)).join(', ')} IN EXCLUSIVE MODE`);
        const raced = await tablesWithData(client, tables);
        if (raced.length) refuseNonEmpty(url, raced);
        // The data_versions triggers would bump one counter row per copied row (slow: every bump
        // leaves a row version behind); the counters are copied as they are instead. Switched off
        // inside the transaction, so a rollback switches them back on too.
        for (const t of tables) await client.query(`ALTER TABLE ${quote(t.name)} DISABLE TRIGGER USER`);
        const order = [...tables.filter((t) => !COPIED_LAST.has(t.name)), ...tables.filter((t) => COPIED_LAST.has(t.name))];
        const sources = new Map<string, TableCheck>();
        for (const table of order) {
          if (COPIED_LAST.has(table.name) || SEEDED.has(table.name)) await client.query(`DELETE FROM ${quote(table.name)}`);
          let copied: TableCheck;
          try {
            copied = await copyTable(sqlite, client, table, progress);
          } catch (e) {
            // Postgres refused a value SQLite holds (a NUL in text, a number out of range…).
            if (!(e instanceof pg.DatabaseError)) throw e;
            throw new StoreRefused(
              `Postgres refused a row of ${table.name}: ${e.message}. The copy was rolled back: nothing was written. Correct that row in the SQLite store, then run the copy again.`,
            );
          }
          await resetSequence(client, table);
          sources.set(table.name, copied);
          progress(`copied ${table.name}: ${copied.rows.toLocaleString('en-GB')} rows`);
        }
        for (const t of tables) await client.query(`ALTER TABLE ${quote(t.name)} ENABLE TRIGGER USER`);
        const summary: TableSummary[] = [];
        for (const table of tables) {
          const target = await checkPostgresTable(client, table);
          const row = summarise(table.name, sources.get(table.name)!, target);
          summary.push(row);
          progress(`checked ${table.name}: ${row.match ? 'same rows and content' : 'DIFFERENT'}`);
        }
        const ok = summary.every((t) => t.match);
        await client.query(ok ? 'COMMIT' : 'ROLLBACK');
        if (!ok) progress('The copy did not match the SQLite store, so it was rolled back: nothing was written.');
        return { tables: summary, ok };
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      }
    });
  } finally {
    await client.end();
  }
}

/** Compares every table of the store with the Postgres database at `url` (read only on both sides). */
export async function verifyPostgres(store: Store, url: string, progress: Progress = () => {}): Promise<CopySummary> {
  const tables = copiedTables();
  const client = await connect(url);
  try {
    return await fromSnapshot(store, async (sqlite) => {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      try {
        const summary: TableSummary[] = [];
        for (const table of tables) {
          const exists = await client.query<{ r: string | null }>('SELECT to_regclass($1) AS r', [quote(table.name)]);
          if (!exists.rows[0].r) throw new StoreRefused(`The Postgres database at ${redactedUrl(url)} has no ${table.name} table: copy a store into it first.`);
          const source = new TableHasher(table);
          for (const row of sqliteRows(sqlite, table)) source.add(row);
          const row = summarise(table.name, source.result(), await checkPostgresTable(client, table));
          summary.push(row);
          progress(`checked ${table.name}: ${row.match ? 'same rows and content' : 'DIFFERENT'}`);
        }
        return { tables: summary, ok: summary.every((t) => t.match) };
      } finally {
        await client.query('ROLLBACK').catch(() => undefined);
      }
    });
  } finally {
    await client.end();
  }
}
