/**
 * Post-stratification to known population counts — R `postStratify(design, ~cell, population)`.
 *
 *   wᵢ ← wᵢ · N_c / Σ_{j∈c} wⱼ   for respondent i in cell c (N_c = population target),
 * so the weighted count of every cell equals its target. Variances then use the calibration
 * residuals (pass the returned `calibration` in the Design).
 *
 * Choices (documented for users): a respondent with no cell (−1, e.g. "prefer not to say") or a
 * target cell with no respondents is an error naming the category — drop those respondents, or
 * give their answer (e.g. "not stated") its own target, or merge the empty cell with a neighbour.
 * R stops on an empty cell too ("Some strata absent from sample"). A cell with respondents but a
 * target of 0 is also an error (R: "Strata in sample absent from population").
 *
 * @example
 * const r = postStratify(Float64Array.from([1, 1, 1, 1]), Int32Array.from([0, 0, 1, 1]), [30, 70], ['female', 'male']);
 * r.weights; // [15, 15, 35, 35]; R: weights(postStratify(svydesign(ids = ~1, weights = ~w, data = d), ~sex, pop))
 */
import type { Calibration } from '../design/design.js';
import { WeightingError, categoryLabel, checkBaseWeights } from './errors.js';

export interface PostStratified {
  weights: Float64Array;
  calibration: Extract<Calibration, { kind: 'poststrat' }>;
}

export function postStratify(baseWeights: Float64Array, cells: Int32Array, targets: number[], categories?: string[]): PostStratified {
  const n = baseWeights.length;
  if (cells.length !== n) throw new WeightingError(`Cells cover ${cells.length} respondents, but there are ${n} weights.`);
  checkBaseWeights(baseWeights);
  const K = targets.length;
  targets.forEach((t, c) => {
    if (!(t >= 0) || !Number.isFinite(t))
      throw new WeightingError(`Target for ${categoryLabel(categories, c)} is ${t}; targets must be finite and not negative.`);
  });
  const sampleTotal = new Float64Array(K);
  let missing = 0;
  for (let i = 0; i < n; i++) {
    const c = cells[i];
    if (c < 0) {
      missing++;
      continue;
    }
    if (c >= K) throw new WeightingError(`Respondent ${i + 1} is in cell ${c + 1}, but there are ${K} targets.`);
    sampleTotal[c] += baseWeights[i];
  }
  if (missing) {
    throw new WeightingError(
      `${missing} respondents have no post-stratification category. Drop them from the weighting, ` +
        `or add a "not stated" category with its own population target.`,
    );
  }
  for (let c = 0; c < K; c++) {
    if (sampleTotal[c] === 0 && targets[c] > 0) {
      throw new WeightingError(
        `Post-stratification cell ${categoryLabel(categories, c)} has a target of ${targets[c]} but no respondents ` +
          `(with positive weight). Merge it with a neighbouring cell or collect more responses there.`,
      );
    }
    if (sampleTotal[c] > 0 && targets[c] === 0) {
      throw new WeightingError(
        `Post-stratification cell ${categoryLabel(categories, c)} has respondents but a target of 0. Give it a target or drop those respondents.`,
      );
    }
  }
  const factor = Float64Array.from(targets, (t, c) => (sampleTotal[c] > 0 ? t / sampleTotal[c] : 0));
  const weights = Float64Array.from(baseWeights, (w, i) => w * factor[cells[i]]);
  return { weights, calibration: { kind: 'poststrat', cells } };
}
