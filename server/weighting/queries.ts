/**
 * Every read and write of weighting in the store: the responses a run weights, the runs it
 * stores, the population cells its targets come from. Nothing here decides anything.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db, Store } from '../store/open.js';
import { population, responses, weightingRuns } from '../store/schema.js';
import type { StoredCalibration, StoredRunDiagnostics } from './schemas.js';

export type CompleteRow = { id: number; answers: Record<string, unknown>; designWeight: number };

/** The complete responses of a wave: the ones weighting uses. */
export function completeResponses(db: Db, waveId: number): CompleteRow[] {
  return db
    .select({ id: responses.id, answers: responses.answers, designWeight: responses.designWeight })
    .from(responses)
    .where(and(eq(responses.waveId, waveId), eq(responses.status, 'complete')))
    .all();
}

/** How many of a wave's responses are synthetic demo data. */
export function syntheticCount(db: Db, waveId: number): number {
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
export function latestRun(db: Db, waveId: number): StoredRun | undefined {
  const run = db.select().from(weightingRuns).where(eq(weightingRuns.waveId, waveId)).orderBy(desc(weightingRuns.id)).limit(1).get();
  if (!run) return undefined;
  return { method: run.method, margins: run.margins as StoredCalibration, diagnostics: run.diagnostics as StoredRunDiagnostics, createdAt: run.createdAt };
}

/**
 * Stores a run in one transaction: the new weight of every kept response, an empty weight for
 * each one left out, and the run itself (its calibration and diagnostics).
 */
export function storeRun(
  store: Store,
  run: {
    waveId: number;
    left: readonly number[];
    kept: readonly number[];
    weights: ArrayLike<number>;
    calibration: StoredCalibration;
    diagnostics: StoredRunDiagnostics;
  },
): void {
  const { db, sqlite } = store;
  const setWeight = sqlite.prepare('UPDATE responses SET weight = ? WHERE id = ?');
  sqlite.transaction(() => {
    for (const id of run.left) setWeight.run(null, id);
    run.kept.forEach((id, i) => setWeight.run(run.weights[i], id));
    db.insert(weightingRuns).values({ waveId: run.waveId, method: run.calibration.method, margins: run.calibration, diagnostics: run.diagnostics }).run();
  })();
}

/** Whether any population figures are loaded. */
export function hasPopulation(db: Db): boolean {
  return db.select({ n: population.count }).from(population).limit(1).get() !== undefined;
}

/** The population cells by ward × sex × age band (not the '*' totals). */
export function populationCells(db: Db) {
  return db
    .select()
    .from(population)
    .all()
    .filter((r) => r.sex !== '*' && r.ageBand !== '*');
}
