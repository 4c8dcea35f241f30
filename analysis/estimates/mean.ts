/**
 * Weighted mean (a proportion is the mean of a 0/1 indicator) with its linearisation SE —
 * R `svymean(~y, subset(design, valid))`, equal to `svymean(~y, design, na.rm = TRUE)`.
 *
 *   ȳ = Σwᵢyᵢ / Σwᵢ over valid respondents,
 *   zᵢ = wᵢ(yᵢ − ȳ)/Σw (0 for respondents without a valid answer),
 *   SE = √designVariance(design, z)  (calibration residuals, strata, nₕ/(nₕ−1)).
 *
 * Missing answers are a domain: respondents with valid[i] = 0 (or y NaN) keep their rows in the
 * design (they count in nₕ) with score 0, exactly as R's subset of a design does.
 * `n` counts valid respondents with positive weight (R `unwtd.count`).
 *
 * @example
 * const design = { weights: Float64Array.from([1, 2, 1, 2]) };
 * const r = weightedMean(design, Float64Array.from([1, 0, 1, 1]));
 * r.estimate; // 4/6, R: svymean(~y, svydesign(ids = ~1, weights = ~w, data = d))
 */
import type { Design } from '../design/design.js';
import { domainMeans } from './domain.js';

export interface MeanEstimate {
  estimate: number;
  se: number;
  n: number;
  sumWeights: number;
  /** Influence value per respondent (R svymean(influence = TRUE)), for covariances with other estimates. */
  score: Float64Array;
  reason?: string;
}

export function weightedMean(design: Design, y: Float64Array, valid?: Uint8Array): MeanEstimate {
  const n = design.weights.length;
  const everyone = new Int32Array(n);
  const r = domainMeans(design, y, everyone, 1, valid);
  const e = r.estimates[0];
  const score = new Float64Array(n);
  if (e.sumWeights > 0) {
    const w = design.weights;
    for (let i = 0; i < n; i++) {
      if ((!valid || valid[i] === 1) && !Number.isNaN(y[i])) score[i] = (w[i] * (y[i] - e.estimate)) / e.sumWeights;
    }
  }
  return { estimate: e.estimate, se: e.se, n: e.n, sumWeights: e.sumWeights, score, ...(e.reason ? { reason: e.reason } : {}) };
}
