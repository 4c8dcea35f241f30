/**
 * Trim extreme weights, then rake again so the population margins hold — R:
 *   rake(trimWeights(rake(design, margins, pop), upper, lower), margins, pop)
 * (DESIGN.md: "Optional trimming of extreme weights (cap, then re-rake)").
 *
 * Re-raking moves weights again, so a few may end slightly outside the bounds; `maxWeight` and
 * `minWeight` report where they ended. The variance of the result is approximated by the second
 * raking's calibration alone (R would also keep the first raking's margins in design$postStrata;
 * with identical margins the extra backfitting changes nothing once both have converged).
 *
 * @example
 * const r = trimThenRake(base, margins, { upper: 130, lower: 40 });
 * r.weights; // R: weights(rake(trimWeights(rake(d0, …), upper = 130, lower = 40), …))
 */
import { rake, type RakeOptions, type RakeResult, type RakingMargin } from './rake.js';
import { trimWeights, type TrimOptions } from './trim.js';

export interface TrimThenRakeResult extends RakeResult {
  /** Weights that were outside the bounds after the first raking. */
  trimmed: number;
  minWeight: number;
  maxWeight: number;
}

export function trimThenRake(baseWeights: Float64Array, margins: RakingMargin[], options: TrimOptions & RakeOptions): TrimThenRakeResult {
  const { lower = -Infinity, upper = Infinity, strict, ...rakeOptions } = options;
  const first = rake(baseWeights, margins, rakeOptions);
  let trimmed = 0;
  for (const w of first.weights) if (w < lower || w > upper) trimmed++;
  const capped = trimWeights(first.weights, { lower, upper, strict });
  const second = rake(capped, margins, rakeOptions);
  let minWeight = Infinity,
    maxWeight = -Infinity;
  for (const w of second.weights) {
    minWeight = Math.min(minWeight, w);
    maxWeight = Math.max(maxWeight, w);
  }
  return { ...second, trimmed, minWeight, maxWeight };
}
