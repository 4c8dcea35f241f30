/**
 * The tables both stores hold, paired by name, each with its columns (in the SQLite schema's
 * order), what kind of value each holds, and its primary key; listed so every table comes after
 * the tables its foreign keys point to. The copy and its check read only this.
 */
import { getTableConfig as pgConfig, type PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { is, Table } from 'drizzle-orm';
import * as sqliteSchema from '../schema.js';
import * as pgSchema from './schema.js';

/** How a value is carried across and compared: each kind is normalised the same way on both sides. */
export type ColumnKind = 'integer' | 'real' | 'text' | 'json' | 'boolean' | 'bytes';

export interface CopiedColumn {
  name: string;
  kind: ColumnKind;
}

export interface CopiedTable {
  name: string;
  columns: CopiedColumn[];
  primaryKey: string[];
  /** The column an identity sequence numbers, whose next value is set after a copy. */
  identity?: string;
}

/** The Postgres column type → the kind of value (drizzle's column types). */
export const PG_KINDS: Record<string, ColumnKind> = {
  PgInteger: 'integer',
  PgBigInt53: 'integer',
  PgDoublePrecision: 'real',
  PgText: 'text',
  PgJson: 'json',
  PgBoolean: 'boolean',
  PgCustomColumn: 'bytes',
};

/** The SQLite column type → the kind it must be on Postgres (test/pg/schema-in-step.test.ts). */
export const SQLITE_KINDS: Record<string, ColumnKind> = {
  SQLiteInteger: 'integer',
  SQLiteReal: 'real',
  SQLiteText: 'text',
  SQLiteTextJson: 'json',
  SQLiteBoolean: 'boolean',
  SQLiteBlobBuffer: 'bytes',
};

export const sqliteTables = (Object.values(sqliteSchema) as unknown[]).filter((t): t is SQLiteTable => is(t, Table));
export const pgTables = (Object.values(pgSchema) as unknown[]).filter((t): t is PgTable => is(t, Table));

function describe(table: PgTable, order: string[]): CopiedTable {
  const config = pgConfig(table);
  const byName = new Map(config.columns.map((c) => [c.name, c]));
  const columns = order.map((name) => {
    const c = byName.get(name);
    if (!c) throw new Error(`The Postgres table ${config.name} has no column ${name}: server/store/pg/schema.ts is behind server/store/schema.ts.`);
    const kind = PG_KINDS[c.columnType];
    if (!kind) throw new Error(`No copy rule for Postgres column type ${c.columnType} (${config.name}.${name}).`);
    return { name, kind };
  });
  const single = config.columns.filter((c) => c.primary).map((c) => c.name);
  const primaryKey = single.length ? single : (config.primaryKeys[0]?.columns.map((c) => c.name) ?? []);
  const identity = config.columns.find((c) => c.primary && (c as unknown as { generatedIdentity?: unknown }).generatedIdentity)?.name;
  return { name: config.name, columns, primaryKey, identity };
}

/** Every table, parents before children. */
export function copiedTables(): CopiedTable[] {
  const pgByName = new Map(pgTables.map((t) => [pgConfig(t).name, t]));
  const parents = new Map<string, string[]>();
  const tables = new Map<string, CopiedTable>();
  for (const t of sqliteTables) {
    const config = sqliteConfig(t);
    const pg = pgByName.get(config.name);
    if (!pg) throw new Error(`Postgres has no table ${config.name}: server/store/pg/schema.ts is behind server/store/schema.ts.`);
    tables.set(
      config.name,
      describe(
        pg,
        config.columns.map((c) => c.name),
      ),
    );
    parents.set(
      config.name,
      config.foreignKeys.map((fk) => sqliteConfig(fk.reference().foreignTable).name).filter((p) => p !== config.name),
    );
  }
  const ordered: CopiedTable[] = [];
  const placed = new Set<string>();
  const place = (name: string) => {
    if (placed.has(name)) return;
    placed.add(name);
    for (const p of parents.get(name) ?? []) place(p);
    ordered.push(tables.get(name)!);
  };
  for (const name of [...tables.keys()].sort()) place(name);
  return ordered;
}
