/**
 * What a report needs from a wave's latest weighting run: the calibration rebuilt for its
 * variances (each respondent's cells, imputed ones as the run placed them; for linear / logit
 * calibration the weights before calibrating too) and the summary its method text states.
 */
import type { Calibration } from '../../analysis/report/types.js';
import { calibrationCells } from './run.js';
import type { StoredCalibration, WeightingSummary } from './schemas.js';

export type ReportRow = { id: number; answers: Record<string, unknown>; designWeight: number };

export function reportCalibration(stored: StoredCalibration, rows: readonly ReportRow[]): Calibration {
  const margins = calibrationCells(stored, rows);
  if (stored.method === 'linear' || stored.method === 'logit') {
    // The run calibrated the design weights scaled to the population total; the projection only
    // needs them up to that factor, but scaling keeps g = w/d on the run's scale.
    const total = stored.margins[0].targets.reduce((a, b) => a + b, 0);
    let sum = 0;
    for (const r of rows) sum += r.designWeight;
    return { kind: 'regression', margins, baseWeights: Float64Array.from(rows, (r) => (r.designWeight * total) / sum) };
  }
  return { kind: stored.method === 'raking' ? 'raking' : 'poststrat', margins };
}

export function weightingSummary(stored: StoredCalibration): WeightingSummary {
  return {
    method: stored.method,
    bounds: stored.bounds ?? null,
    imputed: stored.imputed ?? {},
    converged: stored.converged ?? true,
    boundsNotice: stored.boundsNotice ?? null,
  };
}
