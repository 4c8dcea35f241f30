/**
 * The Postgres schema (server/store/pg/schema.ts) is kept in step with the SQLite one
 * (server/store/schema.ts): the same tables, columns in the same order with matching kinds,
 * nullability, defaults, keys, unique columns, indexes and foreign keys, read from drizzle's
 * getTableConfig of each. Needs no Postgres.
 */
import { getTableConfig as pgConfig, integer, pgTable, text as pgText } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteConfig } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import { PG_KINDS, pgTables, SQLITE_KINDS, sqliteTables } from '../../server/store/pg/tables.js';
import { areas as sqliteAreas } from '../../server/store/schema.js';

type AnyConfig = ReturnType<typeof pgConfig> | ReturnType<typeof sqliteConfig>;

/** What must agree between the two stores, as plain data. */
function shape(config: AnyConfig, kinds: Record<string, string>) {
  const tableName = (t: unknown) => (config.columns[0]?.columnType.startsWith('Pg') ? pgConfig(t as never).name : sqliteConfig(t as never).name);
  return {
    name: config.name,
    columns: config.columns.map((c) => ({
      name: c.name,
      kind: kinds[c.columnType] ?? `unknown ${c.columnType}`,
      notNull: c.notNull,
      hasDefault: c.hasDefault || c.primary,
      primary: c.primary,
      unique: c.isUnique,
      enum: c.enumValues ?? null,
    })),
    primaryKeys: config.primaryKeys.map((pk) => pk.columns.map((c) => c.name)),
    indexes: config.indexes
      .map((i) => ({ name: i.config.name ?? '', unique: i.config.unique, on: i.config.columns.map((c) => (c as { name: string }).name) }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    foreignKeys: config.foreignKeys
      .map((fk) => {
        const r = fk.reference();
        return { columns: r.columns.map((c) => c.name), table: tableName(r.foreignTable), to: r.foreignColumns.map((c) => c.name) };
      })
      .sort((a, b) => a.columns.join().localeCompare(b.columns.join())),
  };
}

const sqliteShapes = sqliteTables.map((t) => shape(sqliteConfig(t), SQLITE_KINDS)).sort((a, b) => a.name.localeCompare(b.name));
const pgShapes = pgTables.map((t) => shape(pgConfig(t), PG_KINDS)).sort((a, b) => a.name.localeCompare(b.name));

describe('the Postgres schema', () => {
  it('has every table of the SQLite schema, and no other', () => {
    expect(pgShapes.map((s) => s.name)).toEqual(sqliteShapes.map((s) => s.name));
    // The 25 tables of server/store/schema.ts, so a table lost from both lists is noticed too.
    expect(sqliteShapes.map((s) => s.name)).toEqual([
      'areas',
      'audit_log',
      'boundaries',
      'council_settings',
      'crime',
      'data_versions',
      'links',
      'lsoa_ward',
      'officer_roles',
      'officers',
      'partnerships',
      'password_resets',
      'population',
      'priority_assessments',
      'priority_scores',
      'queued_jobs',
      'responses',
      'result_cache',
      'sessions',
      'sign_in_attempts',
      'staged_upload_chunks',
      'staged_uploads',
      'surveys',
      'waves',
      'weighting_runs',
    ]);
  });

  for (const sqlite of sqliteShapes) {
    it(`mirrors ${sqlite.name}: columns, kinds, keys, indexes and foreign keys`, () => {
      expect(pgShapes.find((p) => p.name === sqlite.name)).toEqual(sqlite);
    });
  }

  it('maps SQLite flags to boolean, reals to double precision, blobs to bytea and JSON to json', () => {
    const kinds = (name: string) => Object.fromEntries(pgShapes.find((s) => s.name === name)!.columns.map((c) => [c.name, c.kind]));
    expect(kinds('responses')).toMatchObject({ synthetic: 'boolean', design_weight: 'real', answers: 'json', created_at: 'text', id: 'integer' });
    expect(kinds('council_settings')).toMatchObject({ logo: 'bytes' });
    expect(kinds('population')).toMatchObject({ illustrative: 'boolean', count: 'real' });
  });

  it('tells a drifted table apart (the comparison can fail)', () => {
    const behind = pgTable('areas', { code: pgText('code').primaryKey(), name: pgText('name').notNull(), kind: integer('kind').notNull().default(0) });
    const drifted = shape(pgConfig(behind), PG_KINDS);
    const expected = shape(sqliteConfig(sqliteAreas), SQLITE_KINDS);
    expect(drifted).not.toEqual(expected);
    expect(drifted.columns.map((c) => c.name)).toEqual(['code', 'name', 'kind']);
    expect(expected.columns.map((c) => c.name)).toEqual(['code', 'name', 'kind', 'parent_code', 'partnership_id']);
  });
});
