/**
 * Each group of a breakdown against the rest of the sample (everyone with a known group who is not
 * in it): the difference of two domain estimates of the same design, with their covariance
 * (calibration makes the group and its complement correlated, so Var(d) ≠ V_group + V_rest).
 *
 * Proportions (a category or a net of a question), from the joint proportions P over cells
 * k + g·K (answer k, group g; respondents who answered both) with their full covariance V:
 *   A = Σ_{k∈row} P_{k,g},  s_g = Σ_k P_{k,g},  B = Σ_{k∈row} Σ_{h≠g} P_{k,h},  S = Σ_{h≠g} s_h
 *   d = A/s_g − B/S,  gradient a: on (k,g) q_k = [k∈row]/s_g − A/s_g²;  on (k,h≠g) r_k = −([k∈row]/S − B/S²)
 *   Var(d) = aᵀVa.  a = 1⊗r + e_g⊗(q − r), so with M = Σ_{h,h'} V_{hh'} and N_g = Σ_h V_{hg} (K × K
 *   blocks, summed once per table) Var(d) = rᵀMr + 2rᵀN_g(q − r) + (q − r)ᵀV_gg(q − r): O(C²) once,
 *   then O(K²) per group and row.
 *
 * Means (a numeric answer, or a multi-select option as 0/1), on the full design: domain totals of
 * the centred answer u₁ = w(y − ȳ_h) and of the weight u₂ = w per group h, their 2G × 2G
 * covariance V_U (one pass), and the linearised scores
 *   ȳ_g: u₁_g / W_g;   ȳ_rest: Σ_{h≠g} (u₁_h + (ȳ_h − ȳ_rest) u₂_h) / W_rest
 *   d = ȳ_g − ȳ_rest,  Var(d) = aᵀV_U a (= V_gg + V_rr − 2V_gr of the two domains).
 *
 * Test: t = d / SE(d), p = 2·pt(−|t|, df), df = respondents with a valid answer − 1 (as the
 * pairwise comparisons of the report).
 *
 * R: svycontrast(svyby(~I(y %in% net), ~I(group == g), subset(design, !is.na(y) & !is.na(group)),
 *                      svymean, covmat = TRUE), c(-1, 1))   (FALSE is the rest, TRUE the group)
 * — see test/fixtures/r/report/group-vs-rest.R.
 *
 * @example
 * // Two groups of three, equal weights: 2 of 3 say yes in group 0, 1 of 3 in group 1.
 * const design = { weights: new Float64Array(6).fill(1) };
 * groupVsRestMeans(design, Float64Array.from([1, 1, 0, 0, 0, 1]), Int32Array.from([0, 0, 0, 1, 1, 1]), 2).vsRest[0];
 * // { group: 0, estimate: 2/3, rest: 1/3, difference: 1/3, variance: …, varianceGroup: … }
 * // The same from the joint table: groupVsRestProportions(P, V, 2, 2, [1]) with P, V of
 * // categoryProportions(design, joint, 4) on the cells answer + 2·group.
 */
import type { Design } from '../design/design.js';
import type { BlockScores } from '../design/block-covariance.js';
import { scoredInChunks, sumByGroup } from '../estimates/domain.js';

export interface GroupVsRest {
  group: number;
  estimate: number;
  rest: number;
  difference: number;
  /** Var(group − rest). NaN when the group or the rest is empty. */
  variance: number;
  /** Var of the group's estimate alone (the domain variance). */
  varianceGroup: number;
}

/**
 * @param P joint proportions at k + g·K, @param V their covariance (C × C, C = K·G)
 * @param members the categories k counted in the row (a category or a net)
 */
export function groupVsRestProportions(P: ArrayLike<number>, V: ArrayLike<number>[], K: number, G: number, members: readonly number[]): GroupVsRest[] {
  return groupVsRestOfTable(P, V, K, G)(members);
}

/**
 * groupVsRestProportions for every row of one joint table: the block sums M and N_g (O(C²)) once
 * per table, then O(K²) per group and row — the same numbers.
 */
export function groupVsRestOfTable(P: ArrayLike<number>, V: ArrayLike<number>[], K: number, G: number): (members: readonly number[]) => GroupVsRest[] {
  const C = K * G;
  if (P.length !== C || V.length !== C) throw new RangeError(`The joint table needs ${C} cells (${K} answers × ${G} groups); got ${P.length}.`);
  // M = Σ_{h,h'} V_{hh'} and colSum_g = Σ_h V_{h,g}, K × K each.
  const M = new Float64Array(K * K);
  const colSum = Array.from({ length: G }, () => new Float64Array(K * K));
  for (let x = 0; x < C; x++) {
    const k = x % K;
    const Vx = V[x];
    for (let y = 0; y < C; y++) {
      const v = Vx[y];
      const l = y % K;
      M[k * K + l] += v;
      colSum[(y - l) / K][k * K + l] += v;
    }
  }
  return (members) => {
    const inRow = new Float64Array(K);
    for (const k of members) inRow[k] = 1;
    const share = new Float64Array(G);
    const inNet = new Float64Array(G);
    let shareAll = 0;
    let inNetAll = 0;
    for (let g = 0; g < G; g++) {
      for (let k = 0; k < K; k++) {
        share[g] += P[g * K + k];
        inNet[g] += inRow[k] * P[g * K + k];
      }
      shareAll += share[g];
      inNetAll += inNet[g];
    }
    const q = new Float64Array(K);
    const r = new Float64Array(K);
    const diff = new Float64Array(K);
    return Array.from({ length: G }, (_, g): GroupVsRest => {
      const s = share[g];
      const S = shareAll - s;
      const A = inNet[g];
      const B = inNetAll - A;
      const estimate = s > 0 ? A / s : NaN;
      const rest = S > 0 ? B / S : NaN;
      if (!(s > 0) || !(S > 0)) return { group: g, estimate, rest, difference: estimate - rest, variance: NaN, varianceGroup: NaN };
      for (let k = 0; k < K; k++) {
        // [k∈row]/s − A/s² written as ([k∈row] − p̂)/s: fewer roundings.
        q[k] = (inRow[k] - estimate) / s;
        r[k] = -(inRow[k] - rest) / S;
        diff[k] = q[k] - r[k];
      }
      const N = colSum[g];
      const base = g * K;
      let rMr = 0;
      let rNd = 0;
      let dVd = 0;
      let qVq = 0;
      for (let k = 0; k < K; k++) {
        const Vk = V[base + k];
        for (let l = 0; l < K; l++) {
          rMr += r[k] * M[k * K + l] * r[l];
          rNd += r[k] * N[k * K + l] * diff[l];
          dVd += diff[k] * Vk[base + l] * diff[l];
          qVq += q[k] * Vk[base + l] * q[l];
        }
      }
      return { group: g, estimate, rest, difference: estimate - rest, variance: Math.max(rMr + 2 * rNd + dVd, 0), varianceGroup: Math.max(qVq, 0) };
    });
  };
}

export interface GroupVsRestMeans {
  vsRest: GroupVsRest[];
  /** The domain means, their covariance (G × G, NaN rows for empty groups) and unweighted bases: domainMeans from the same pass. */
  means: Float64Array;
  covariance: number[][];
  n: number[];
}

/**
 * Weighted mean of y in each group against the rest, on the full design; the same pass also gives
 * the groups' own means and covariance (R svyby(~y, ~g, …, covmat = TRUE)), so a report needs no
 * second pass for them.
 * @param groups group 0..G−1 per respondent, −1 = unknown (in neither the group nor the rest)
 * @param valid 1 = the respondent answered (y NaN also counts as not answered)
 */
export function groupVsRestMeans(design: Design, y: Float64Array, groups: Int32Array, G: number, valid?: Uint8Array): GroupVsRestMeans {
  return groupVsRestMeansMany(design, [y], groups, G, valid)[0];
}

/** groupVsRestMeans of several variables by the same groups, their covariances' sums in one pass over the respondents: the same numbers. */
export function groupVsRestMeansMany(design: Design, ys: readonly Float64Array[], groups: Int32Array, G: number, valid?: Uint8Array): GroupVsRestMeans[] {
  return scoredInChunks(design, ys, (y) => vsRestScores(design, y, groups, G, valid));
}

function vsRestScores(design: Design, y: Float64Array, groups: Int32Array, G: number, valid?: Uint8Array) {
  const w = design.weights;
  const n = w.length;
  if (y.length !== n || groups.length !== n) throw new RangeError(`y (${y.length}) and groups (${groups.length}) must cover all ${n} respondents.`);
  const block = new Int32Array(n);
  const W = new Float64Array(G);
  const WY = new Float64Array(G);
  const counts = new Int32Array(G);
  sumByGroup(w, y, groups, G, valid, block, W, WY, counts);
  const count = Array.from(counts);
  const mean = Float64Array.from(W, (x, g) => (x > 0 ? WY[g] / x : NaN));
  const values = centredAndWeight(w, y, block, W, mean);
  const identity = Float64Array.of(1, 0, 0, 1);
  const scores: BlockScores = { block, nBlocks: G, width: 2, values, transforms: Array.from({ length: G }, () => identity), outWidth: 2 };
  return { scores, finish: (VU: number[][]) => vsRestOf(VU, W, WY, mean, count, G) };
}

/**
 * Basis per respondent: the centred weighted answer (no cancellation) and the weight. A function of
 * its own (README: a pass over the respondents).
 */
function centredAndWeight(w: Float64Array, y: Float64Array, block: Int32Array, W: Float64Array, mean: Float64Array): Float64Array {
  const values = new Float64Array(2 * w.length);
  for (let i = 0; i < w.length; i++) {
    const g = block[i];
    if (g < 0 || !(W[g] > 0)) continue;
    values[2 * i] = w[i] * (y[i] - mean[g]);
    values[2 * i + 1] = w[i];
  }
  return values;
}

function vsRestOf(VU: number[][], W: Float64Array, WY: Float64Array, mean: Float64Array, count: number[], G: number): GroupVsRestMeans {
  // The means' covariance: score of ȳ_g is u₁_g / W_g.
  const covariance = Array.from({ length: G }, (_, g) => Array.from({ length: G }, (_, h) => (W[g] > 0 && W[h] > 0 ? VU[2 * g][2 * h] / (W[g] * W[h]) : NaN)));
  let Wall = 0;
  let WYall = 0;
  for (let g = 0; g < G; g++) {
    Wall += W[g];
    WYall += WY[g];
  }
  const a = new Float64Array(2 * G);
  const vsRest = Array.from({ length: G }, (_, g): GroupVsRest => {
    const Wr = Wall - W[g];
    const estimate = mean[g];
    const rest = Wr > 0 ? (WYall - WY[g]) / Wr : NaN;
    if (!(W[g] > 0) || !(Wr > 0)) return { group: g, estimate, rest, difference: estimate - rest, variance: NaN, varianceGroup: NaN };
    for (let h = 0; h < G; h++) {
      if (h === g) {
        a[2 * h] = 1 / W[g];
        a[2 * h + 1] = 0;
      } else {
        a[2 * h] = W[h] > 0 ? -1 / Wr : 0;
        a[2 * h + 1] = W[h] > 0 ? -(mean[h] - rest) / Wr : 0;
      }
    }
    let v = 0;
    for (let x = 0; x < 2 * G; x++) {
      if (a[x] === 0) continue;
      const row = VU[x];
      let sum = 0;
      for (let z = 0; z < 2 * G; z++) if (a[z] !== 0) sum += row[z] * a[z];
      v += a[x] * sum;
    }
    return { group: g, estimate, rest, difference: estimate - rest, variance: Math.max(v, 0), varianceGroup: Math.max(covariance[g][g], 0) };
  });
  return { vsRest, means: mean, covariance, n: count };
}
