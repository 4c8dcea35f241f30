/**
 * Every read and write of weighting in the store: the responses a run weights, the runs it
 * stores, the population cells its targets come from. Nothing here decides anything.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db, Store } from '../store/open.js';
import type { StoredCalibration, StoredRunDiagnostics } from './schemas.js';
import { inTransaction, use } from '../store/transaction.js';
import { changes, execute, prepared, tablesOf } from '../store/dialect.js';
import { ofScopedAreas } from '../store/partnership-scope.js';

export type CompleteRow = { id: number; answers: Record<string, unknown>; designWeight: number };

/** The complete responses of a wave, in id order (on Postgres too, so a run is the same every time): the ones weighting uses. */
export async function completeResponses(db: Db, waveId: number): Promise<CompleteRow[]> {
  db = await use(db);
  const { responses } = tablesOf(db);
  return await db
    .select({ id: responses.id, answers: responses.answers, designWeight: responses.designWeight })
    .from(responses)
    .where(and(eq(responses.waveId, waveId), eq(responses.status, 'complete')))
    .orderBy(responses.id);
}

/** How many of a wave's responses are synthetic demo data. */
export async function syntheticCount(db: Db, waveId: number): Promise<number> {
  db = await use(db);
  const { responses } = tablesOf(db);
  return (
    await db
      .select({ n: sql<number>`count(*)` })
      .from(responses)
      .where(and(eq(responses.waveId, waveId), eq(responses.synthetic, true)))
  )[0]!.n;
}

export interface StoredRun {
  method: string;
  margins: StoredCalibration;
  diagnostics: StoredRunDiagnostics;
  createdAt: string;
}

/** The latest weighting run of a wave, as stored, or undefined. */
export async function latestRun(db: Db, waveId: number): Promise<StoredRun | undefined> {
  db = await use(db);
  const { weightingRuns } = tablesOf(db);
  const run = (await db.select().from(weightingRuns).where(eq(weightingRuns.waveId, waveId)).orderBy(desc(weightingRuns.id)).limit(1))[0];
  if (!run) return undefined;
  return { method: run.method, margins: run.margins as StoredCalibration, diagnostics: run.diagnostics as StoredRunDiagnostics, createdAt: run.createdAt };
}

/**
 * Stores a run in one transaction: the new weight of every kept response, an empty weight for
 * each one left out, and the run itself (its calibration and diagnostics).
 */
export async function storeRun(
  store: Store,
  run: {
    waveId: number;
    left: readonly number[];
    kept: readonly number[];
    weights: ArrayLike<number>;
    calibration: StoredCalibration;
    diagnostics: StoredRunDiagnostics;
  },
): Promise<void> {
  await inTransaction(store, async () => {
    const db = await use(store);
    const { weightingRuns } = tablesOf(db);
    await setWeights(store, db, run.left, null);
    await setWeights(store, db, run.kept, run.weights);
    await db.insert(weightingRuns).values({
      waveId: run.waveId,
      method: run.calibration.method,
      margins: run.calibration,
      diagnostics: run.diagnostics,
      weights: { ids: [...run.kept], weights: Array.from(run.weights).slice(0, run.kept.length) },
    });
  });
}

const WEIGHT_BATCH = 5000;

/**
 * Sets the weight of responses `ids` (null: none) inside the caller's transaction, and says how
 * many it set (with `waveId`, only those of that wave). SQLite: one prepared statement per
 * response. Postgres: one UPDATE per batch, joined to the ids and weights as arrays.
 */
async function setWeights(store: Store, db: Db, ids: readonly number[], weights: ArrayLike<number> | null, waveId?: number): Promise<number> {
  let set = 0;
  if (store.kind === 'sqlite') {
    const statement = prepared(
      store.sqlite,
      waveId === undefined ? 'UPDATE responses SET weight = ? WHERE id = ?' : 'UPDATE responses SET weight = ? WHERE id = ? AND wave_id = ?',
    );
    for (let i = 0; i < ids.length; i++)
      set += (waveId === undefined ? statement.run(weights ? weights[i] : null, ids[i]) : statement.run(weights ? weights[i] : null, ids[i], waveId)).changes;
    return set;
  }
  for (let start = 0; start < ids.length; start += WEIGHT_BATCH) {
    const end = Math.min(ids.length, start + WEIGHT_BATCH);
    const idList = `{${ids.slice(start, end).join(',')}}`;
    const weightList = `{${Array.from({ length: end - start }, (_, k) => (weights ? String(weights[start + k]) : 'NULL')).join(',')}}`;
    const onWave = waveId === undefined ? sql`` : sql` AND r.wave_id = ${waveId}`;
    set += changes(
      await execute(
        db,
        sql`UPDATE responses r SET weight = v.w FROM unnest(${idList}::integer[], ${weightList}::double precision[]) AS v(id, w) WHERE r.id = v.id${onWave}`,
      ),
    );
  }
  return set;
}

/** A past run as the history lists it; `restorable` when its weights were kept. */
export interface RunSummaryRow {
  id: number;
  method: string;
  margins: StoredCalibration;
  diagnostics: StoredRunDiagnostics;
  restoredFrom: number | null;
  restorable: boolean;
  createdAt: string;
}

/** Every run of a wave, newest first, without their weights. */
export async function runsOfWave(db: Db, waveId: number): Promise<RunSummaryRow[]> {
  db = await use(db);
  const { weightingRuns } = tablesOf(db);
  return (
    await db
      .select({
        id: weightingRuns.id,
        method: weightingRuns.method,
        margins: weightingRuns.margins,
        diagnostics: weightingRuns.diagnostics,
        restoredFrom: weightingRuns.restoredFrom,
        restorable: sql<number>`${weightingRuns.weights} IS NOT NULL`,
        createdAt: weightingRuns.createdAt,
      })
      .from(weightingRuns)
      .where(eq(weightingRuns.waveId, waveId))
      .orderBy(desc(weightingRuns.id))
  ).map((r) => ({ ...r, margins: r.margins as StoredCalibration, diagnostics: r.diagnostics as StoredRunDiagnostics, restorable: Boolean(r.restorable) }));
}

/** One run of a wave with its weights, or undefined. */
export async function runOfWave(db: Db, waveId: number, id: number) {
  db = await use(db);
  const { weightingRuns } = tablesOf(db);
  return (
    await db
      .select()
      .from(weightingRuns)
      .where(and(eq(weightingRuns.waveId, waveId), eq(weightingRuns.id, id)))
  )[0];
}

/**
 * Makes a past run current again in one transaction: every response of the wave loses its weight,
 * the run's responses that are still stored get theirs back, and a copy of the run becomes the
 * latest (so reports state its method and the data version moves on). How many weights were set.
 */
export async function restoreRunRows(
  store: Store,
  waveId: number,
  run: NonNullable<Awaited<ReturnType<typeof runOfWave>>>,
): Promise<{ restoredId: number; weighted: number }> {
  const kept = run.weights ?? { ids: [], weights: [] };
  return inTransaction(store, async () => {
    const db = await use(store);
    const { responses, weightingRuns } = tablesOf(db);
    await db.update(responses).set({ weight: null }).where(eq(responses.waveId, waveId));
    const weighted = await setWeights(store, db, kept.ids, kept.weights, waveId);
    const copy = (
      await db
        .insert(weightingRuns)
        .values({
          waveId,
          method: run.method,
          margins: run.margins,
          diagnostics: run.diagnostics,
          weights: run.weights,
          restoredFrom: run.restoredFrom ?? run.id,
        })
        .returning({ id: weightingRuns.id })
    )[0];
    return { restoredId: copy.id, weighted };
  });
}

/** Whether any population figures are loaded. */
export async function hasPopulation(db: Db): Promise<boolean> {
  db = await use(db);
  const { population } = tablesOf(db);
  return (await db.select({ n: population.count }).from(population).where(ofScopedAreas(population.areaCode)).limit(1))[0] !== undefined;
}

/** The population cells by ward × sex × age band (not the '*' totals). */
export async function populationCells(db: Db) {
  db = await use(db);
  const { population } = tablesOf(db);
  return (await db.select().from(population).where(ofScopedAreas(population.areaCode))).filter((r) => r.sex !== '*' && r.ageBand !== '*');
}
