/**
 * Worry in one ward against the rest of the borough, for every ward: the difference of a weighted
 * proportion between two domains of the same design, with the domain covariance (calibrated
 * designs make the two domains correlated, so Var(d) ≠ V_ward + V_rest).
 *
 *   p̂_ward = W_{g,yes} / W_g,  p̂_rest = Σ_{h≠g} W_{h,yes} / Σ_{h≠g} W_h   (respondents with a ward)
 *   d = p̂_ward − p̂_rest,  Var(d) = aᵀ V a  with V the covariance of the joint proportions
 *   P_{h,k} (ward × answer, categoryProportions) and a the gradient of d in P — the same as
 *   V_ww + V_rr − 2·V_wr of the two domains (the linearised domain scores are these combinations);
 *   t = d / SE(d),  p = 2·pt(−|t|, df)
 *   df = (respondents with a valid answer and positive weight) − 1, as the report uses
 *   (R `degf(subset(design, !is.na(y)))` for a design without strata or clusters).
 *   The contrast itself is ../inference/group-vs-rest.ts (the report's rest comparisons use it too).
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
import { type Design, degreesOfFreedom } from '../design/design.js';
import { categoryProportions } from '../estimates/proportions.js';
import { tTwoSidedP } from '../inference/distributions.js';
import { groupVsRestProportions } from '../inference/group-vs-rest.js';

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
  const G = nWards;
  const K = 2;
  let nValid = 0;
  const joint = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (inNet[i] >= 0 && design.weights[i] > 0) nValid++;
    if (inNet[i] > 1 || wards[i] >= G) throw new RangeError(`Respondent ${i + 1}: answers must be 1, 0 or −1 and wards below ${G}.`);
    joint[i] = inNet[i] >= 0 && wards[i] >= 0 ? wards[i] * K + inNet[i] : -1;
  }
  // With strata or PSUs declared: R degf of the subset with an answer (PSUs − strata).
  const df = design.strata || design.psu || design.fpc ? degreesOfFreedom(design, (i) => inNet[i] >= 0) : nValid - 1;
  // Joint proportions P_{g,k} (ward g, answer k) over everyone with an answer and a ward, with
  // their full covariance: one pass instead of one per ward.
  const r = categoryProportions(design, joint, G * K);
  const P = r.estimates;
  const V = r.covariance;
  const counts = r.groups[0].counts;
  const totalN = counts.reduce((a, b) => a + b, 0);
  // The ward against the rest, for every ward from the one joint table (../inference/group-vs-rest.ts).
  const byWard = groupVsRestProportions(P, V, K, G, [YES]);
  const out: WardVsRest[] = [];
  for (let g = 0; g < G; g++) {
    const c = byWard[g];
    const nWard = counts[g * K] + counts[g * K + YES];
    const se = Math.sqrt(c.variance);
    const t = c.difference / se;
    out.push({
      ward: g,
      n: nWard,
      nRest: totalN - nWard,
      estimate: c.estimate,
      seWard: Math.sqrt(c.varianceGroup),
      rest: c.rest,
      difference: c.difference,
      se,
      t,
      p: tTwoSidedP(t, df),
      df,
    });
  }
  return out;
}
