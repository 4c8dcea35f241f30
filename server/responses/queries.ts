/**
 * Every read and write of stored responses: the only module of server/responses/ that touches the
 * store.
 *
 * Storing one validated return is idempotent on its key, and within a link's response cap, in one
 * transaction so that concurrent submissions can neither duplicate nor overshoot the cap. A partial
 * return (saved page by page) is the one row of its key: later saves and the completed submission
 * update it, so a return saved in progress and then completed is stored once; once complete, it
 * is never changed again (a replay is a duplicate).
 *
 * This is the hot path of every submission, so it uses better-sqlite3 statements prepared once per
 * connection instead of drizzle's query builder, which builds and prepares the SQL on every call
 * (profiled in bench/submissions.ts: about 0.4 ms of 0.6 ms per stored return went there).
 * The SQL writes exactly what the drizzle insert did; column defaults are those of ../store/schema.ts.
 * storeResponse (CSV import, paper forms) stores at once; storeResponseSoon (web submissions) shares
 * one commit among the returns that arrive together.
 */
import type Database from 'better-sqlite3';
import type { Db, PostgresStore, Store } from '../store/open.js';
import { and, asc, count, eq, lt, sql } from 'drizzle-orm';
import { newPublicId, type responses } from '../store/schema.js';
import { Gone } from '../errors.js';
import { LINK_FULL } from '../links/availability.js';
import { inTransaction, use, whenIdle } from '../store/transaction.js';
import { changes, first, forUpdate, lockUntilCommit, queryRows, tablesOf } from '../store/dialect.js';

export type NewResponse = typeof responses.$inferInsert & {
  /**
   * Store the time of arrival as the day only (midnight UTC): young people's replies, so that a
   * school's label and a timestamp cannot together point at one pupil.
   */
  dayOnly?: boolean;
};

export interface StoreResult {
  id: number;
  /** The id told to the respondent (random, see ../store/schema.ts). */
  publicId: string;
  duplicate: boolean;
}

interface Statements {
  byKey: Database.Statement<[number, string], KeyedRow>;
  linkCount: Database.Statement<[number], { n: number }>;
  insert: Database.Statement<unknown[], { id: number }>;
  update: Database.Statement<[Update]>;
  /** The whole check-and-insert, wrapped once (better-sqlite3 builds a new wrapper per transaction() call). */
  store: Database.Transaction<(row: NewResponse, cap?: number | null) => StoreResult>;
  /** Several returns, each checked and inserted in turn, in one transaction (see storeResponseSoon). */
  storeMany: Database.Transaction<(batch: Pending[]) => Outcome[]>;
  queue: Pending[];
}

interface Update {
  id: number;
  status: 'complete' | 'partial';
  answers: string;
  surveyVersion: number;
  lastPage: number | null;
  dayOnly: number;
  locale: string | null;
}

interface KeyedRow {
  id: number;
  publicId: string;
  status: 'complete' | 'partial';
  linkId: number | null;
}

interface Pending {
  row: NewResponse;
  cap?: number | null;
  resolve: (r: StoreResult) => void;
  reject: (e: unknown) => void;
}
type Outcome = { ok: true; value: StoreResult } | { ok: false; error: unknown };

const prepared = new WeakMap<Database.Database, Statements>();

function statements(sqlite: Database.Database): Statements {
  let s = prepared.get(sqlite);
  if (s) return s;
  // Keys are the page's (or the import file's) and unique only within a wave: the same key in
  // another wave is another return, never a duplicate of this one.
  const byKey = sqlite.prepare<[number, string], KeyedRow>(
    'SELECT id, public_id AS publicId, status, link_id AS linkId FROM responses WHERE wave_id = ? AND idempotency_key = ?',
  );
  const linkCount = sqlite.prepare<[number], { n: number }>('SELECT count(*) AS n FROM responses WHERE link_id = ?');
  // NULL means "not given": the same defaults as the schema (and as drizzle leaving the column out).
  const insert = sqlite.prepare<unknown[], { id: number }>(
    `INSERT INTO responses (wave_id, link_id, status, answers, survey_version, source, synthetic,
       idempotency_key, design_weight, weight, created_at, last_page, stratum, psu, fpc, locale, public_id)
     VALUES (?, ?, coalesce(?, 'complete'), ?, ?, coalesce(?, 'web'), coalesce(?, 0),
       ?, coalesce(?, 1), ?,
       coalesce(?, CASE WHEN ? THEN strftime('%Y-%m-%dT00:00:00.000Z','now') ELSE strftime('%Y-%m-%dT%H:%M:%fZ','now') END), ?, ?, ?, ?, ?, ?)
     RETURNING id`,
  );
  // A partial return saved again keeps its time and the furthest page reached (going back a page
  // is not stopping there); completing it stamps the time of completion, as a new complete return
  // would be (to the day for young people), and clears the page.
  const update = sqlite.prepare<[Update]>(
    `UPDATE responses SET
       status = @status, answers = @answers, survey_version = @surveyVersion, locale = coalesce(@locale, locale),
       last_page = CASE WHEN @status = 'complete' THEN NULL ELSE nullif(max(coalesce(last_page, 0), coalesce(@lastPage, 0)), 0) END,
       created_at = CASE WHEN @status = 'complete'
         THEN CASE WHEN @dayOnly THEN strftime('%Y-%m-%dT00:00:00.000Z','now') ELSE strftime('%Y-%m-%dT%H:%M:%fZ','now') END
         ELSE created_at END
     WHERE id = @id`,
  );
  const storeOne = (row: NewResponse, cap?: number | null): StoreResult => {
    if (row.idempotencyKey) {
      const existing = byKey.get(row.waveId, row.idempotencyKey);
      if (existing) {
        // Only a partial return through the same link carries on; anything else under the key in
        // this wave (a completed return, another link's) is what was stored before.
        const carriesOn = existing.status === 'partial' && existing.linkId === (row.linkId ?? null);
        if (!carriesOn) return { id: existing.id, publicId: existing.publicId, duplicate: true };
        update.run({
          id: existing.id,
          status: row.status ?? 'complete',
          answers: JSON.stringify(row.answers),
          surveyVersion: row.surveyVersion,
          lastPage: row.lastPage ?? null,
          dayOnly: row.dayOnly ? 1 : 0,
          locale: row.locale ?? null,
        });
        return { id: existing.id, publicId: existing.publicId!, duplicate: false };
      }
    }
    if (cap != null && row.linkId != null) {
      if (linkCount.get(row.linkId)!.n >= cap) throw new Gone(LINK_FULL);
    }
    const publicId = row.publicId ?? newPublicId();
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
      row.dayOnly ? 1 : 0,
      row.lastPage ?? null,
      row.stratum ?? null,
      row.psu ?? null,
      row.fpc ?? null,
      row.locale ?? null,
      publicId,
    )!;
    return { id: inserted.id, publicId, duplicate: false };
  };
  const store = sqlite.transaction(storeOne);
  // A refused row (link full) writes nothing, and a failed INSERT undoes only itself, so one row's
  // failure leaves the others of its batch as they would be alone.
  const storeMany = sqlite.transaction((batch: Pending[]): Outcome[] =>
    batch.map((p): Outcome => {
      try {
        return { ok: true, value: storeOne(p.row, p.cap) };
      } catch (error) {
        return { ok: false, error };
      }
    }),
  );
  s = { byKey, linkCount, insert, update, store, storeMany, queue: [] };
  prepared.set(sqlite, s);
  return s;
}

/** BEGIN IMMEDIATE takes the write lock before the key and cap are read, so no other writer can slip in between. */
export async function storeResponse(store: Store, row: NewResponse, cap?: number | null): Promise<StoreResult> {
  if (store.kind === 'postgres') return storeResponsePg(store, row, cap);
  await use(store);
  return statements(store.sqlite).store.immediate(row, cap);
}

/**
 * storeResponse for the web: the same checks and insert, but the returns that arrive together (in
 * one turn of the event loop) are committed in one transaction. On disk each commit costs about
 * 0.2 ms whatever it holds, against 0.02 ms per insert inside one (bench/submissions.ts), so under
 * load this is what lets the server keep up. Each caller still gets its answer only after the
 * commit that holds its row, so a 201 still means the return is stored.
 */
export async function storeResponseSoon(store: Store, row: NewResponse, cap?: number | null): Promise<StoreResult> {
  // Postgres: every request has a connection of its own, and commits run side by side.
  if (store.kind === 'postgres') return storeResponsePg(store, row, cap);
  await use(store);
  const st = statements(store.sqlite);
  return new Promise((resolve, reject) => {
    st.queue.push({ row, cap, resolve, reject });
    // Never inside another caller's open transaction, which could still be undone.
    if (st.queue.length === 1) setImmediate(() => whenIdle(store.sqlite, () => flush(st)));
  });
}

function flush(st: Statements) {
  const batch = st.queue;
  st.queue = [];
  let outcomes: Outcome[];
  try {
    outcomes = st.storeMany.immediate(batch);
  } catch (error) {
    // The commit itself failed (e.g. the disk is full): nothing of the batch is stored.
    for (const p of batch) p.reject(error);
    return;
  }
  outcomes.forEach((o, i) => (o.ok ? batch[i].resolve(o.value) : batch[i].reject(o.error)));
}

/** The time of arrival as SQLite's strftime writes it: UTC with milliseconds, or (dayOnly) the day at midnight. */
const pgNow = (dayOnly?: boolean) =>
  dayOnly
    ? sql<string>`to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T00:00:00.000Z"')`
    : sql<string>`to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * storeResponse on Postgres, with the same rules: the key is held by a transaction lock (so two
 * submissions of one key take turns) and the link's row by SELECT … FOR UPDATE (so two under its
 * cap cannot both take the last place).
 */
async function storeResponsePg(store: PostgresStore, row: NewResponse, cap?: number | null): Promise<StoreResult> {
  if (cap == null || row.linkId == null) {
    // The common case, in one statement: a new key (or none) is stored at once; a key stored
    // already inserts nothing, and the rules below decide what it is (a duplicate, or carried on).
    const stored = await insertPg(await use(store), row, true);
    if (stored) return stored;
  }
  return inTransaction(store, async () => {
    const db = await use(store);
    const { links, responses } = tablesOf(db);
    if (row.idempotencyKey) {
      await lockUntilCommit(db, `${row.waveId}:${row.idempotencyKey}`);
      const existing = await first(
        db
          .select({ id: responses.id, publicId: responses.publicId, status: responses.status, linkId: responses.linkId })
          .from(responses)
          .where(and(eq(responses.waveId, row.waveId), eq(responses.idempotencyKey, row.idempotencyKey))),
      );
      if (existing) {
        const carriesOn = existing.status === 'partial' && existing.linkId === (row.linkId ?? null);
        if (!carriesOn) return { id: existing.id, publicId: existing.publicId!, duplicate: true };
        const complete = (row.status ?? 'complete') === 'complete';
        await db
          .update(responses)
          .set({
            status: row.status ?? 'complete',
            answers: row.answers,
            surveyVersion: row.surveyVersion,
            locale: sql`coalesce(${row.locale ?? null}::text, ${responses.locale})`,
            lastPage: complete ? null : sql`nullif(greatest(coalesce(${responses.lastPage}, 0), ${row.lastPage ?? 0}::integer), 0)`,
            ...(complete ? { createdAt: pgNow(row.dayOnly) } : {}),
          })
          .where(eq(responses.id, existing.id));
        return { id: existing.id, publicId: existing.publicId!, duplicate: false };
      }
    }
    if (cap != null && row.linkId != null) {
      await forUpdate(db.select({ id: links.id }).from(links).where(eq(links.id, row.linkId)));
      const stored = (await first(db.select({ n: count() }).from(responses).where(eq(responses.linkId, row.linkId))))!.n;
      if (stored >= cap) throw new Gone(LINK_FULL);
    }
    return (await insertPg(db, row, false))!;
  });
}

/**
 * Inserts a return on Postgres; with `unlessKeyStored`, nothing (undefined) when its idempotency
 * key is stored already, for the rules of storeResponsePg to decide what it is.
 */
async function insertPg(db: Db, row: NewResponse, unlessKeyStored: boolean): Promise<StoreResult | undefined> {
  const { responses } = tablesOf(db);
  const { dayOnly, ...values } = row;
  const publicId = row.publicId ?? newPublicId();
  const insert = db.insert(responses).values({ ...values, publicId, createdAt: row.createdAt ?? pgNow(dayOnly) });
  const inserted = await first(
    (unlessKeyStored ? insert.onConflictDoNothing({ target: [responses.waveId, responses.idempotencyKey] }) : insert).returning({ id: responses.id }),
  );
  return inserted && { id: inserted.id, publicId, duplicate: false };
}

/** Many returns at once, 500 rows a statement (the demo's synthetic replies): no key or cap checks. */
export async function insertResponses(db: Db, rows: NewResponse[]): Promise<void> {
  db = await use(db);
  const { responses } = tablesOf(db);
  for (let i = 0; i < rows.length; i += 500) await db.insert(responses).values(rows.slice(i, i + 500));
}

/** Stored returns of a wave by how they arrived. */
export async function countsBySource(store: Store, waveId: number): Promise<{ source: string; n: number }[]> {
  const db = await use(store);
  const { responses } = tablesOf(db);
  return await db.select({ source: responses.source, n: count() }).from(responses).where(eq(responses.waveId, waveId)).groupBy(responses.source);
}

/** The answers of stored return `id` of a wave, if it is one. */
export async function storedAnswers(store: Store, id: number, waveId: number): Promise<unknown> {
  const db = await use(store);
  const { responses } = tablesOf(db);
  return (
    await db
      .select({ answers: responses.answers })
      .from(responses)
      .where(and(eq(responses.id, id), eq(responses.waveId, waveId)))
  )[0]?.answers;
}

/** A survey's returns (one wave's, or all its waves'), oldest first, with their wave and link names. */
export async function exportRows(db: Db, surveyId: number, waveId?: number) {
  db = await use(db);
  const { links, responses, waves } = tablesOf(db);
  const where = waveId !== undefined ? eq(responses.waveId, waveId) : eq(waves.surveyId, surveyId);
  return await db
    .select({
      id: responses.id,
      wave: waves.name,
      link: links.label,
      createdAt: responses.createdAt,
      status: responses.status,
      source: responses.source,
      synthetic: responses.synthetic,
      surveyVersion: responses.surveyVersion,
      designWeight: responses.designWeight,
      weight: responses.weight,
      answers: responses.answers,
      lastPage: responses.lastPage,
      locale: responses.locale,
    })
    .from(responses)
    .innerJoin(waves, eq(responses.waveId, waves.id))
    .leftJoin(links, eq(responses.linkId, links.id))
    .where(and(where, eq(waves.surveyId, surveyId)))
    .orderBy(asc(responses.id));
}

/** Deletes return `id` of a wave; how many rows went (0 when it is not one of the wave's). */
export async function deleteResponse(store: Store, id: number, waveId: number): Promise<number> {
  const db = await use(store);
  const { responses } = tablesOf(db);
  return changes(await db.delete(responses).where(and(eq(responses.id, id), eq(responses.waveId, waveId))));
}

/** Deletes every return of a wave; how many went. */
export async function deleteWaveResponses(store: Store, waveId: number): Promise<number> {
  const db = await use(store);
  const { responses } = tablesOf(db);
  return changes(await db.delete(responses).where(eq(responses.waveId, waveId)));
}

/** Whether the wave has a weighting run (its stored weights no longer add up once returns go). */
export async function waveHasWeights(store: Store, waveId: number): Promise<boolean> {
  return (await queryRows(store, 'SELECT 1 FROM weighting_runs WHERE wave_id = ? LIMIT 1', [waveId])).length > 0;
}

/**
 * Deletes the responses of a survey (every wave) that arrived before `beforeIso`, in one
 * transaction; how many went from each wave (waves that lost none are absent).
 */
export async function deleteArrivedBefore(store: Store, surveyId: number, beforeIso: string): Promise<{ waveId: number; wave: string; deleted: number }[]> {
  return inTransaction(store, async () => {
    const counts = await queryRows<{ waveId: number; wave: string; deleted: number }>(
      store,
      `SELECT w.id AS "waveId", w.name AS wave, count(*) AS deleted FROM responses r JOIN waves w ON w.id = r.wave_id
       WHERE w.survey_id = ? AND r.created_at < ? GROUP BY w.id, w.name ORDER BY w.id`,
      [surveyId, beforeIso],
    );
    const db = await use(store);
    const { responses } = tablesOf(db);
    for (const c of counts) await db.delete(responses).where(and(eq(responses.waveId, c.waveId), lt(responses.createdAt, beforeIso)));
    return counts;
  });
}
