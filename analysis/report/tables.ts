/** The report's view of the estimators: a design from weights + calibration, and a proportions table. */
import type { Design } from '../design/design.js';
import { categoryProportions } from '../estimates/proportions.js';
import type { Calibration } from './types.js';

export interface Table {
  categories: number;
  /** p̂ at g·K + k. */
  p: Float64Array;
  /** Covariance, same index. */
  V: number[][];
  /** Unweighted base per group. */
  n: number[];
  /** Respondents with a valid answer to the question (whatever their group): the df base. */
  nValid: number;
}

export function designOf(weights: Float64Array, calibration?: Calibration): Design {
  if (!calibration) return { weights };
  if (calibration.kind === 'poststrat') return { weights, calibration: { kind: 'poststrat', cells: calibration.margins[0] } };
  return { weights, calibration: { kind: 'raking', margins: calibration.margins, marginWeights: calibration.marginWeights } };
}

export function proportionsTable(design: Design, codes: Int32Array, K: number, groups: Int32Array | null, G: number): Table {
  const r = categoryProportions(design, codes, K, groups ?? undefined, G);
  let nValid = 0;
  for (let i = 0; i < codes.length; i++) if (codes[i] >= 0 && design.weights[i] > 0) nValid++;
  return { categories: K, p: r.estimates, V: r.covariance, n: r.groups.map((g) => g.n), nValid };
}
