/** The report's view of the estimators: a design from weights + calibration, and a proportions table. */
import type { Design } from '../design/design.js';
import { type CategoryProportions, categoryProportions, jointProportions } from '../estimates/proportions.js';
import { domainMeansMany } from '../estimates/domain.js';
import { groupVsRestMeansMany, type GroupVsRest } from '../inference/group-vs-rest.js';
import type { Calibration, SampleDesignInput } from './types.js';

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
  /** Means tables asked for `withRest`: per variable k, each group against the rest of the sample. */
  vsRest?: GroupVsRest[][];
}

export function designOf(weights: Float64Array, calibration?: Calibration, sample?: SampleDesignInput): Design {
  const base: Design = sample ? { weights, ...sample } : { weights };
  if (!calibration) return base;
  if (calibration.kind === 'poststrat') return { ...base, calibration: { kind: 'poststrat', cells: calibration.margins[0] } };
  if (calibration.kind === 'regression') {
    return { ...base, calibration: { kind: 'regression', margins: calibration.margins, baseWeights: calibration.baseWeights ?? weights } };
  }
  return { ...base, calibration: { kind: 'raking', margins: calibration.margins, marginWeights: calibration.marginWeights } };
}

export function proportionsTable(design: Design, codes: Int32Array, K: number, groups: Int32Array | null, G: number): Table {
  const r = categoryProportions(design, codes, K, groups ?? undefined, G);
  return { categories: K, p: r.estimates, V: r.covariance, n: r.groups.map((g) => g.n), nValid: answeredCount(codes, design.weights) };
}

/**
 * Question × breakdown in one covariance computation. The joint table (cell k + g·K over respondents
 * who answered both) feeds the Rao–Scott test; the within-group table is derived from it by the delta
 * method, p_{k|g} = p_{k,g} / s_g with s_g = Σ_k p_{k,g}, V_grouped = A V_joint Aᵀ,
 * A_g[k][j] = (δ_kj − p_{k|g}) / s_g. This is exact, not an approximation: the linearised score of
 * the domain mean is that same linear combination of the joint scores (calibration residuals and
 * the variance are linear in the scores), so it equals R `svyby(covmat = TRUE)` and halves the work.
 */
export function jointAndGrouped(design: Design, codes: Int32Array, K: number, groups: Int32Array, G: number): { joint: Table; grouped: Table } {
  const joint = new Int32Array(codes.length);
  let nValid = 0;
  for (let i = 0; i < codes.length; i++) {
    joint[i] = codes[i] >= 0 && groups[i] >= 0 ? codes[i] + groups[i] * K : -1;
    if (codes[i] >= 0 && design.weights[i] > 0) nValid++;
  }
  return jointAndGroupedOf(categoryProportions(design, joint, K * G), K, G, nValid);
}

/**
 * jointAndGrouped for many questions by one breakdown, their joint tables' sums in one pass over
 * the respondents (../estimates/proportions.ts jointProportions): the same tables to the last digit.
 */
export function jointAndGroupedAll(
  design: Design,
  codes: readonly Int32Array[],
  Ks: readonly number[],
  groups: Int32Array,
  G: number,
): { joint: Table; grouped: Table }[] {
  const w = design.weights;
  return jointProportions(design, codes, Ks, groups, G).map((r, t) => jointAndGroupedOf(r, Ks[t], G, answeredCount(codes[t], w)));
}

/** Each question's overall table (proportionsTable with no groups), all in one pass over the respondents. */
export function proportionsTables(design: Design, codes: readonly Int32Array[], Ks: readonly number[]): Table[] {
  const w = design.weights;
  return jointProportions(design, codes, Ks, null, 1).map((r, t) => ({
    categories: Ks[t],
    p: r.estimates,
    V: r.covariance,
    n: r.groups.map((g) => g.n),
    nValid: answeredCount(codes[t], w),
  }));
}

function jointAndGroupedOf(r: CategoryProportions, K: number, G: number, nValid: number): { joint: Table; grouped: Table } {
  const counts = r.groups[0].counts;
  const C = K * G;
  const P = r.estimates;
  const V = r.covariance;
  const share = new Float64Array(G);
  const n: number[] = new Array(G).fill(0);
  for (let g = 0; g < G; g++) {
    for (let k = 0; k < K; k++) {
      share[g] += P[k + g * K];
      n[g] += counts[k + g * K];
    }
  }
  const p = new Float64Array(C);
  for (let a = 0; a < C; a++) {
    const g = Math.floor(a / K);
    p[a] = share[g] > 0 ? P[a] / share[g] : NaN;
  }
  // AV: rows (g,k) of A times V, using A's block structure.
  const AV = Array.from({ length: C }, () => new Float64Array(C));
  for (let g = 0; g < G; g++) {
    if (!(share[g] > 0)) continue;
    const base = g * K;
    for (let c = 0; c < C; c++) {
      let sum = 0; // Σ_j V[(j,g)][c]
      for (let j = 0; j < K; j++) sum += V[base + j][c];
      for (let k = 0; k < K; k++) AV[base + k][c] = (V[base + k][c] - p[base + k] * sum) / share[g];
    }
  }
  const out: number[][] = Array.from({ length: C }, () => new Array<number>(C).fill(NaN));
  for (let a = 0; a < C; a++) {
    if (!(share[Math.floor(a / K)] > 0)) continue;
    const row = AV[a];
    for (let h = 0; h < G; h++) {
      if (!(share[h] > 0)) continue;
      const base = h * K;
      let sum = 0;
      for (let j = 0; j < K; j++) sum += row[base + j];
      for (let l = 0; l < K; l++) out[a][base + l] = (row[base + l] - p[base + l] * sum) / share[h];
    }
  }
  return {
    joint: { categories: C, p: P, V, n: [counts.reduce((s, x) => s + x, 0)], nValid },
    grouped: { categories: K, p, V: out, n, nValid },
  };
}

/**
 * Means of several variables (a numeric answer, or each option of a multi-select question as 0/1
 * among those who answered) in one table shaped like a proportions table: entry g·K + k. Only the
 * covariance of the same variable across groups is filled (what group comparisons use); entries
 * between different variables are 0 and never read. `withRest` adds each group against the rest of
 * the sample per variable, from the same pass (../inference/group-vs-rest.ts) instead of domainMeans.
 */
export function meanTable(design: Design, ys: Float64Array[], valid: Uint8Array, groups: Int32Array | null, G: number, withRest = false): Table {
  const K = ys.length;
  const C = K * G;
  const p = new Float64Array(C);
  const V: number[][] = Array.from({ length: C }, () => new Array<number>(C).fill(0));
  const n: number[] = new Array(G).fill(0);
  const all = groups ?? new Int32Array(valid.length);
  if (withRest) {
    const vsRest = groupVsRestMeansMany(design, ys, all, G, valid).map((r, k) => {
      for (let g = 0; g < G; g++) {
        p[g * K + k] = r.means[g];
        n[g] = r.n[g];
        for (let h = 0; h < G; h++) V[g * K + k][h * K + k] = r.covariance[g][h];
      }
      return r.vsRest;
    });
    return { categories: K, p, V, n, nValid: validCount(design, valid), vsRest };
  }
  domainMeansMany(design, ys, all, G, valid).forEach((r, k) => {
    r.estimates.forEach((e, g) => {
      p[g * K + k] = e.estimate;
      n[g] = e.n;
      for (let h = 0; h < G; h++) V[g * K + k][h * K + k] = r.covariance[g][h];
    });
  });
  return { categories: K, p, V, n, nValid: validCount(design, valid) };
}

/** Respondents with an answer and a positive weight (a pass of its own: README, a pass over the respondents). */
function answeredCount(codes: Int32Array, weights: Float64Array): number {
  let n = 0;
  for (let i = 0; i < codes.length; i++) if (codes[i] >= 0 && weights[i] > 0) n++;
  return n;
}

function validCount(design: Design, valid: Uint8Array): number {
  let nValid = 0;
  for (let i = 0; i < valid.length; i++) if (valid[i] && design.weights[i] > 0) nValid++;
  return nValid;
}
