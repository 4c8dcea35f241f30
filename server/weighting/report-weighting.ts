/**
 * What a report needs from a wave's latest weighting run: the calibration rebuilt for its
 * variances (each respondent's cells, imputed ones as the run placed them; for linear / logit
 * calibration the weights before calibrating too) and the summary its method text states.
 */
import type { Calibration } from '../../analysis/report/types.js';
import { type AnswerColumns, sharedInt32 } from '../../analysis/report/answers.js';
import { categoryOf } from './margins.js';
import { calibrationCells } from './run.js';
import type { StoredCalibration, WeightingSummary } from './schemas.js';

export type ReportRow = { id: number; answers: Record<string, unknown>; designWeight: number };

export function reportCalibration(stored: StoredCalibration, rows: readonly ReportRow[]): Calibration {
  return calibrationOf(
    stored,
    calibrationCells(stored, rows),
    Float64Array.from(rows, (r) => r.designWeight),
  );
}

/**
 * reportCalibration from answers held by question (../reports/wave-columns.ts): each respondent's
 * cell of each margin, as calibrationCells places them, worked out once per distinct answer.
 * @param ids the responses' ids (for the cells the run imputed), aligned with the columns
 */
export function reportCalibrationOfColumns(stored: StoredCalibration, columns: AnswerColumns, ids: Float64Array, designWeights: Float64Array): Calibration {
  const n = columns.length;
  const margins = stored.margins.map((m) => {
    const index = new Map(m.categories.map((c, i) => [c, i]));
    const placed = stored.imputedCategories?.[m.variable] ?? {};
    const coded = m.questions.map((q) => columns.coded?.(q) ?? null);
    const raw = coded.some((c) => !c) ? m.questions.map((q) => columns.column(q)) : null;
    // The category of a respondent's answers to the margin's questions, once per distinct combination.
    const byKey = new Map<string, string | null>();
    const cells = sharedInt32(n);
    for (let i = 0; i < n; i++) {
      let category: string | null;
      if (raw) {
        category = categoryOf(m, Object.fromEntries(m.questions.map((q, j) => [q, raw[j][i]])));
      } else {
        let key = '';
        for (const c of coded) key += `${c!.codes[i]},`;
        category = byKey.get(key) as string | null;
        if (category === undefined) {
          category = categoryOf(
            m,
            Object.fromEntries(m.questions.map((q, j) => [q, coded[j]!.codes[i] < 0 ? undefined : coded[j]!.values[coded[j]!.codes[i]]])),
          );
          byKey.set(key, category);
        }
      }
      cells[i] = index.get(category ?? 'not_stated') ?? index.get(placed[String(ids[i])] ?? '') ?? -1;
    }
    return cells;
  });
  return calibrationOf(stored, margins, designWeights);
}

function calibrationOf(stored: StoredCalibration, margins: Int32Array[], designWeights: Float64Array): Calibration {
  if (stored.method === 'linear' || stored.method === 'logit') {
    // The run calibrated the design weights scaled to the population total; the projection only
    // needs them up to that factor, but scaling keeps g = w/d on the run's scale.
    const total = stored.margins[0].targets.reduce((a, b) => a + b, 0);
    let sum = 0;
    for (const d of designWeights) sum += d;
    return { kind: 'regression', margins, baseWeights: Float64Array.from(designWeights, (d) => (d * total) / sum) };
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
