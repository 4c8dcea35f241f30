/**
 * Worry in one ward against the rest of the borough, for every ward: the difference of a weighted
 * proportion between two domains of the same design, with the domain covariance (calibrated
 * designs make the two domains correlated, so Var(d) ≠ V_ward + V_rest).
 *
 *   split_i = 0 if respondent i lives in the ward, 1 if in another ward, −1 if no ward given
 *   p̂_ward, p̂_rest and their 2×2 covariance from categoryProportions(design, y, 2, split, 2)
 *   d = p̂_ward − p̂_rest,  Var(d) = V_ww + V_rr − 2·V_wr,  t = d / SE(d),  p = 2·pt(−|t|, df)
 *   df = (respondents with a valid answer and positive weight) − 1, as the report uses
 *   (R `degf(subset(design, !is.na(y)))` for a design without strata or clusters).
 *
 * R: svycontrast(svyby(~y, ~inward, subset(design, !is.na(y)), svymean, covmat = TRUE),
 *                c(-1, 1)) — see test/fixtures/r/perception/ward-vs-rest.R.
 *
 * Why the rest and not the whole borough: the ward is part of the borough, so "ward vs borough"
 * compares an estimate with itself in part. Ward − rest has the same sign as ward − borough (the
 * borough is a weighted average of the two), and testing it is the usual "is this ward different".
 *
 * @example
 * const design = { weights: Float64Array.from([1, 1, 1, 1, 1, 1]) };
 * wardVsRest(design, Int32Array.from([1, 1, 0, 0, 0, 1]), Int32Array.from([0, 0, 0, 1, 1, 1]), 2)[0];
 * // { estimate: 2/3, rest: 1/3, difference: 1/3, … }
 */
import type { Design } from '../design/design.js';
import { categoryProportions } from '../estimates/proportions.js';
import { groupDifference } from '../inference/contrast.js';

/** Category index of "yes" (in the net) in the 0/1 coding of the item. */
const YES = 1;

export interface WardVsRest {
  ward: number;
  /** Unweighted respondents with a valid answer in the ward / in the rest of the borough. */
  n: number;
  nRest: number;
  estimate: number;
  /** SE of the ward's estimate alone (the domain SE, as in the report's ward breakdown). */
  seWard: number;
  rest: number;
  difference: number;
  se: number;
  t: number;
  /** Two-sided p; NaN when it cannot be computed (e.g. SE 0 and no difference). */
  p: number;
  df: number;
}

/**
 * @param design weights (+ calibration) of every respondent
 * @param inNet 1 = answer in the net (e.g. worried), 0 = other valid answer, −1 = not in the base
 * @param wards ward index 0..nWards−1 per respondent, −1 when unknown
 */
export function wardVsRest(design: Design, inNet: Int32Array, wards: Int32Array, nWards: number): WardVsRest[] {
  const n = design.weights.length;
  if (inNet.length !== n || wards.length !== n) {
    throw new RangeError(`Answers (${inNet.length}) and wards (${wards.length}) must cover all ${n} respondents.`);
  }
  let nValid = 0;
  for (let i = 0; i < n; i++) if (inNet[i] >= 0 && design.weights[i] > 0) nValid++;
  const df = nValid - 1;
  const split = new Int32Array(n);
  const out: WardVsRest[] = [];
  for (let g = 0; g < nWards; g++) {
    for (let i = 0; i < n; i++) split[i] = wards[i] < 0 ? -1 : wards[i] === g ? 0 : 1;
    const r = categoryProportions(design, inNet, 2, split, 2);
    const w = YES;
    const rest = 2 + YES;
    const V = r.covariance;
    const test = groupDifference(r.estimates[w], r.estimates[rest], V[w][w], V[rest][rest], V[w][rest], df);
    out.push({
      ward: g,
      n: r.groups[0].n,
      nRest: r.groups[1].n,
      estimate: r.estimates[w],
      seWard: r.se[w],
      rest: r.estimates[rest],
      difference: test.difference,
      se: test.se,
      t: test.t,
      p: test.p,
      df,
    });
  }
  return out;
}
