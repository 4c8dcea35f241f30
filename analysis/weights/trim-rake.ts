/**
 * Trim extreme weights, then rake again so the population margins hold — R:
 *   rake(trimWeights(rake(design, margins, pop), upper, lower), margins, pop)
 * (DESIGN.md: "Optional trimming of extreme weights (cap, then re-rake)").
 *
 * Re-raking moves weights again, so some may end outside the bounds: `outside` counts them after
 * the final raking. With `rounds: N` the trim-and-rake step is repeated until every weight is
 * within the bounds or N rounds have been done (`withinBounds` says which). R has no function for
 * the loop; the fixture writes it as
 *   d <- rake(d0, …); k <- 0
 *   repeat { d <- rake(trimWeights(d, upper, lower), …); k <- k + 1; if (k >= N || none outside) break }
 * (a weight within 1e-9, relative, of its bound counts as inside). With one round (the default)
 * this is the single trim, then rake again.
 *
 * The variance of the result is approximated by the last raking's calibration alone (R would also
 * keep the earlier rakings' margins in design$postStrata; with identical margins the extra
 * backfitting changes nothing once both have converged).
 *
 * @example
 * const r = trimThenRake(base, margins, { upper: 130, lower: 40, rounds: 20 });
 * r.weights; // R: the loop above with upper = 130, lower = 40, N = 20
 */
import { rake, type RakeOptions, type RakeResult, type RakingMargin } from './rake.js';
import { trimWeights, type TrimOptions } from './trim.js';

export interface TrimThenRakeResult extends RakeResult {
  /** Weights that were outside the bounds after the first raking. */
  trimmed: number;
  /** Weights outside the bounds after the final raking. */
  outside: number;
  withinBounds: boolean;
  /** Trim-and-rake rounds done. */
  rounds: number;
  minWeight: number;
  maxWeight: number;
}

export interface TrimRakeOptions extends TrimOptions, RakeOptions {
  /** Most trim-and-rake rounds (default 1: trim once, rake again). */
  rounds?: number;
}

/** Within 1e-9 (relative) of a bound counts as inside: raking stops at 1e-10, and rounding must not decide another round. */
export const BOUND_TOLERANCE = 1e-9;

export function countOutside(w: Float64Array, lower: number, upper: number): number {
  const lo = lower * (1 - BOUND_TOLERANCE);
  const hi = upper * (1 + BOUND_TOLERANCE);
  let k = 0;
  for (const x of w) if (x < lo || x > hi) k++;
  return k;
}

export function trimThenRake(baseWeights: Float64Array, margins: RakingMargin[], options: TrimRakeOptions): TrimThenRakeResult {
  const { lower = -Infinity, upper = Infinity, strict, rounds: maxRounds = 1, ...rakeOptions } = options;
  let current = rake(baseWeights, margins, rakeOptions);
  const trimmed = countOutside(current.weights, lower, upper);
  let outside = trimmed;
  let rounds = 0;
  while (rounds < Math.max(1, maxRounds) && (rounds === 0 || outside > 0)) {
    current = rake(trimWeights(current.weights, { lower, upper, strict }), margins, rakeOptions);
    rounds++;
    outside = countOutside(current.weights, lower, upper);
  }
  let minWeight = Infinity,
    maxWeight = -Infinity;
  for (const w of current.weights) {
    minWeight = Math.min(minWeight, w);
    maxWeight = Math.max(maxWeight, w);
  }
  return { ...current, trimmed, outside, withinBounds: outside === 0, rounds, minWeight, maxWeight };
}
