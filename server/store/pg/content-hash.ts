/**
 * A table's row count and content hash, computed the same way from either store so a copy can be
 * checked: SHA-256 over the column names, then one line per row in primary-key order (bytewise
 * for text: SQLite's BINARY, Postgres's "C"), each a JSON array of the row's values normalised by
 * kind. Integers come from SQLite as BigInt (so none is rounded) and from node-postgres as numbers
 * or, for bigint, strings: both become their decimal text. Reals become JavaScript's shortest
 * round-trip text (Postgres 12+ sends doubles exactly); JSON stays its stored text; 0/1 flags
 * and booleans become true/false; blobs become hex.
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type pg from 'pg';
import type { ColumnKind, CopiedTable } from './tables.js';

export interface TableCheck {
  rows: number;
  hash: string;
}

export function normalise(value: unknown, kind: ColumnKind): string | null {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'boolean':
      if (value === true || value === 1 || value === 1n) return 'true';
      if (value === false || value === 0 || value === 0n) return 'false';
      return String(value);
    case 'bytes':
      return Buffer.isBuffer(value) ? `x${value.toString('hex')}` : String(value);
    case 'real':
      return String(typeof value === 'string' ? Number(value) : value);
    default:
      return String(value);
  }
}

export const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Hashes rows as they are read, so a table of any size is checked in constant memory. */
export class TableHasher {
  private readonly hash = createHash('sha256');
  rows = 0;
  constructor(private readonly table: CopiedTable) {
    this.hash.update(`${table.columns.map((c) => c.name).join(',')}\n`);
  }
  add(row: unknown[]): void {
    this.hash.update(`${JSON.stringify(row.map((v, i) => normalise(v, this.table.columns[i].kind)))}\n`);
    this.rows++;
  }
  result(): TableCheck {
    return { rows: this.rows, hash: this.hash.digest('hex') };
  }
}

/** The SQLite rows of a table in primary-key order, as arrays, integers as BigInt. */
export function sqliteRows(sqlite: Database.Database, table: CopiedTable): IterableIterator<unknown[]> {
  const columns = table.columns.map((c) => quote(c.name)).join(', ');
  const order = table.primaryKey.map(quote).join(', ');
  return sqlite
    .prepare(`SELECT ${columns} FROM ${quote(table.name)} ORDER BY ${order}`)
    .raw(true)
    .safeIntegers(true)
    .iterate() as IterableIterator<unknown[]>;
}

/**
 * Hashes a Postgres table through a cursor, `batch` rows at a time. Must run inside a transaction
 * (a cursor lives in one); JSON is read as its text, not parsed.
 */
export async function checkPostgresTable(client: pg.ClientBase, table: CopiedTable, batch = 2000): Promise<TableCheck> {
  const columns = table.columns.map((c) => (c.kind === 'json' ? `${quote(c.name)}::text` : quote(c.name))).join(', ');
  const kinds = new Map(table.columns.map((c) => [c.name, c.kind]));
  const order = table.primaryKey.map((k) => (kinds.get(k) === 'text' ? `${quote(k)} COLLATE "C"` : quote(k))).join(', ');
  const hasher = new TableHasher(table);
  await client.query(`DECLARE content_hash NO SCROLL CURSOR FOR SELECT ${columns} FROM ${quote(table.name)} ORDER BY ${order}`);
  try {
    for (;;) {
      const r = await client.query<unknown[]>({ text: `FETCH FORWARD ${batch} FROM content_hash`, rowMode: 'array' });
      for (const row of r.rows) hasher.add(row);
      if (r.rows.length < batch) break;
    }
  } finally {
    await client.query('CLOSE content_hash');
  }
  return hasher.result();
}
