/**
 * Weighted total with its linearisation SE — R `svytotal(~y, design, na.rm = TRUE)`.
 *
 *   Ŷ = Σ wᵢyᵢ over valid respondents,  zᵢ = wᵢyᵢ (0 without a valid answer),
 *   SE = √designVariance(design, z)  (calibration residuals, PSU totals, strata, fpc).
 *
 * @example
 * const design = { weights: Float64Array.from([10, 20, 10]) };
 * weightedTotal(design, Float64Array.from([1, 2, 3])).estimate; // 80, R: svytotal(~y, svydesign(ids = ~1, weights = ~w, data = d))
 */
import { designVariance } from '../design/covariance.js';
import type { Design } from '../design/design.js';

export interface TotalEstimate {
  estimate: number;
  se: number;
}

export function weightedTotal(design: Design, y: Float64Array, valid?: Uint8Array): TotalEstimate {
  const w = design.weights;
  const score = new Float64Array(w.length);
  let total = 0;
  for (let i = 0; i < w.length; i++) {
    if ((valid && valid[i] !== 1) || Number.isNaN(y[i])) continue;
    score[i] = w[i] * y[i];
    total += score[i];
  }
  return { estimate: total, se: Math.sqrt(designVariance(design, score)) };
}
