/**
 * Storing one validated return: idempotent on its key, and within a link's response cap, in one
 * transaction so that concurrent submissions can neither duplicate nor overshoot the cap.
 *
 * This is the hot path of every submission, so it uses better-sqlite3 statements prepared once per
 * connection instead of drizzle's query builder, which builds and prepares the SQL on every call
 * (profiled in bench/submissions.ts: about 0.4 ms of 0.6 ms per stored return went there).
 * The SQL writes exactly what the drizzle insert did; column defaults are those of ../db/schema.ts.
 */
import type Database from 'better-sqlite3';
import type { Store } from '../db/open.js';
import type { responses } from '../db/schema.js';
import { LINK_FULL, NotAvailable } from './surveys.js';

export type NewResponse = typeof responses.$inferInsert;

export interface StoreResult {
  id: number;
  duplicate: boolean;
}

interface Statements {
  byKey: Database.Statement<[string], { id: number }>;
  linkCount: Database.Statement<[number], { n: number }>;
  insert: Database.Statement<unknown[], { id: number }>;
  /** The whole check-and-insert, wrapped once (better-sqlite3 builds a new wrapper per transaction() call). */
  store: Database.Transaction<(row: NewResponse, cap?: number | null) => StoreResult>;
}

const prepared = new WeakMap<Database.Database, Statements>();

function statements(sqlite: Database.Database): Statements {
  let s = prepared.get(sqlite);
  if (s) return s;
  const byKey = sqlite.prepare<[string], { id: number }>('SELECT id FROM responses WHERE idempotency_key = ?');
  const linkCount = sqlite.prepare<[number], { n: number }>('SELECT count(*) AS n FROM responses WHERE link_id = ?');
  // NULL means "not given": the same defaults as the schema (and as drizzle leaving the column out).
  const insert = sqlite.prepare<unknown[], { id: number }>(
    `INSERT INTO responses (wave_id, link_id, status, answers, survey_version, source, synthetic,
       idempotency_key, design_weight, weight, created_at)
     VALUES (?, ?, coalesce(?, 'complete'), ?, ?, coalesce(?, 'web'), coalesce(?, 0),
       ?, coalesce(?, 1), ?, coalesce(?, strftime('%Y-%m-%dT%H:%M:%fZ','now')))
     RETURNING id`,
  );
  const store = sqlite.transaction((row: NewResponse, cap?: number | null): StoreResult => {
    if (row.idempotencyKey) {
      const existing = byKey.get(row.idempotencyKey);
      if (existing) return { id: existing.id, duplicate: true };
    }
    if (cap != null && row.linkId != null) {
      if (linkCount.get(row.linkId)!.n >= cap) throw new NotAvailable(410, LINK_FULL);
    }
    const inserted = insert.get(
      row.waveId,
      row.linkId ?? null,
      row.status ?? null,
      JSON.stringify(row.answers),
      row.surveyVersion,
      row.source ?? null,
      row.synthetic === undefined ? null : row.synthetic ? 1 : 0,
      row.idempotencyKey ?? null,
      row.designWeight ?? null,
      row.weight ?? null,
      row.createdAt ?? null,
    )!;
    return { id: inserted.id, duplicate: false };
  });
  s = { byKey, linkCount, insert, store };
  prepared.set(sqlite, s);
  return s;
}

/** BEGIN IMMEDIATE takes the write lock before the key and cap are read, so no other writer can slip in between. */
export function storeResponse(store: Store, row: NewResponse, cap?: number | null): StoreResult {
  return statements(store.sqlite).store.immediate(row, cap);
}
