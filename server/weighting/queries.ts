/**
 * Every read and write of weighting in the store: the responses a run weights, the runs it
 * stores, the population cells its targets come from. Nothing here decides anything.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db, Store } from '../store/open.js';
import { population, responses, weightingRuns } from '../store/schema.js';
import type { StoredCalibration, StoredRunDiagnostics } from './schemas.js';
import { ready } from '../store/transaction.js';

export type CompleteRow = { id: number; answers: Record<string, unknown>; designWeight: number };

/** The complete responses of a wave: the ones weighting uses. */
export async function completeResponses(db: Db, waveId: number): Promise<CompleteRow[]> {
  await ready(db);
  return db
    .select({ id: responses.id, answers: responses.answers, designWeight: responses.designWeight })
    .from(responses)
    .where(and(eq(responses.waveId, waveId), eq(responses.status, 'complete')))
    .all();
}

/** How many of a wave's responses are synthetic demo data. */
export async function syntheticCount(db: Db, waveId: number): Promise<number> {
  await ready(db);
  return db
    .select({ n: sql<number>`count(*)` })
    .from(responses)
    .where(and(eq(responses.waveId, waveId), eq(responses.synthetic, true)))
    .get()!.n;
}

export interface StoredRun {
  method: string;
  margins: StoredCalibration;
  diagnostics: StoredRunDiagnostics;
  createdAt: string;
}

/** The latest weighting run of a wave, as stored, or undefined. */
export async function latestRun(db: Db, waveId: number): Promise<StoredRun | undefined> {
  await ready(db);
  const run = db.select().from(weightingRuns).where(eq(weightingRuns.waveId, waveId)).orderBy(desc(weightingRuns.id)).limit(1).get();
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
  await ready(store);
  const { db, sqlite } = store;
  const setWeight = sqlite.prepare('UPDATE responses SET weight = ? WHERE id = ?');
  sqlite.transaction(() => {
    for (const id of run.left) setWeight.run(null, id);
    run.kept.forEach((id, i) => setWeight.run(run.weights[i], id));
    db.insert(weightingRuns)
      .values({
        waveId: run.waveId,
        method: run.calibration.method,
        margins: run.calibration,
        diagnostics: run.diagnostics,
        weights: { ids: [...run.kept], weights: Array.from(run.weights).slice(0, run.kept.length) },
      })
      .run();
  })();
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
  await ready(db);
  return db
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
    .all()
    .map((r) => ({ ...r, margins: r.margins as StoredCalibration, diagnostics: r.diagnostics as StoredRunDiagnostics, restorable: Boolean(r.restorable) }));
}

/** One run of a wave with its weights, or undefined. */
export async function runOfWave(db: Db, waveId: number, id: number) {
  await ready(db);
  return db
    .select()
    .from(weightingRuns)
    .where(and(eq(weightingRuns.waveId, waveId), eq(weightingRuns.id, id)))
    .get();
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
  await ready(store);
  const { db, sqlite } = store;
  const kept = run.weights ?? { ids: [], weights: [] };
  const setWeight = sqlite.prepare('UPDATE responses SET weight = ? WHERE id = ? AND wave_id = ?');
  return sqlite.transaction(() => {
    sqlite.prepare('UPDATE responses SET weight = NULL WHERE wave_id = ?').run(waveId);
    let weighted = 0;
    kept.ids.forEach((id, i) => {
      weighted += setWeight.run(kept.weights[i], id, waveId).changes;
    });
    const copy = db
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
      .get();
    return { restoredId: copy.id, weighted };
  })();
}

/** Whether any population figures are loaded. */
export async function hasPopulation(db: Db): Promise<boolean> {
  await ready(db);
  return db.select({ n: population.count }).from(population).limit(1).get() !== undefined;
}

/** The population cells by ward × sex × age band (not the '*' totals). */
export async function populationCells(db: Db) {
  await ready(db);
  return db
    .select()
    .from(population)
    .all()
    .filter((r) => r.sex !== '*' && r.ageBand !== '*');
}
