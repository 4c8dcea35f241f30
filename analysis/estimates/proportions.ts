/**
 * Proportions of every answer category of one question, overall or in each group, with the full
 * covariance across categories and groups — R `svymean(~factor(x), subset(design, !is.na(x)))` and
 * `svyby(~factor(x), ~g, subset(design, !is.na(x)), svymean, covmat = TRUE)` (vcov of either).
 * This is what Rao–Scott tests and differences between groups need.
 *
 *   p̂_{g,k} = W_{g,k} / W_g,   W_{g,k} = Σ_{i∈g, answer k} wᵢ,
 *   z_{g,k,i} = wᵢ(1[aᵢ = k] − p̂_{g,k}) / W_g  for respondents of g with a valid answer,
 *   V = design covariance of all z (calibration residuals, strata, nₕ/(nₕ−1)).
 * Index of category k in group g: g·K + k (group-major). svyby prints statistic-major; the order
 * differs, the numbers do not.
 *
 * Speed: one O(n·margins) pass builds sums per (group, category, calibration category); the
 * covariance then costs O((G·K)²·L) for L calibration categories, whatever n is
 * (see ../design/block-covariance.ts).
 *
 * Answers −1 (blank, "don't know" excluded from the base) and groups −1 are outside the domain;
 * their rows still count in nₕ as in R. `n` counts respondents with a valid answer and positive
 * weight (R `unwtd.count`). A group with none gets NaN estimates with a reason; a category nobody
 * chose gets p̂ = 0 and SE 0 (as does p̂ = 1), like R.
 *
 * @example
 * const design = { weights: Float64Array.from([1, 2, 1, 1, 2, 1]) };
 * const r = categoryProportions(design, Int32Array.from([0, 1, 1, 0, -1, 1]), 2);
 * r.estimates; // [2/6, 4/6]; R: svymean(~factor(a), subset(design, !is.na(a)), na.rm = TRUE)
 */
import type { Design } from '../design/design.js';
import { blockScoreCovariance, oneHotTableCovariance, oneHotTableSums } from '../design/block-covariance.js';
import { EMPTY_GROUP_REASON } from './domain.js';

export interface GroupProportions {
  group: number;
  /** Unweighted respondents with a valid answer and positive weight. */
  n: number;
  sumWeights: number;
  proportions: number[];
  se: number[];
  /** Unweighted respondents per category (positive weight). */
  counts: number[];
  reason?: string;
}

export interface CategoryProportions {
  nCategories: number;
  nGroups: number;
  /** p̂ at g·K + k. */
  estimates: Float64Array;
  se: Float64Array;
  /** (G·K) × (G·K), same index; NaN rows/columns for empty groups. */
  covariance: number[][];
  groups: GroupProportions[];
}

export function categoryProportions(design: Design, answers: Int32Array, nCategories: number, groups?: Int32Array, nGroups?: number): CategoryProportions {
  const w = design.weights;
  const n = w.length;
  const K = nCategories;
  if (answers.length !== n) throw new Error(`Answers cover ${answers.length} respondents; the design has ${n}.`);
  if (groups && groups.length !== n) throw new Error(`Groups cover ${groups.length} respondents; the design has ${n}.`);
  let G = nGroups ?? 1;
  if (groups && nGroups === undefined) for (let i = 0; i < n; i++) if (groups[i] + 1 > G) G = groups[i] + 1;

  const block = new Int32Array(n);
  const Wgk = new Float64Array(G * K);
  const counts = new Int32Array(G * K);
  for (let i = 0; i < n; i++) {
    const a = answers[i];
    const g = groups ? groups[i] : 0;
    if (a < 0 || g < 0) {
      block[i] = -1;
      continue;
    }
    if (a >= K || g >= G) throw new Error(`Respondent ${i + 1} has answer category ${a} of ${K} and group ${g} of ${G}; both must be below the count.`);
    block[i] = g;
    const wi = w[i];
    Wgk[g * K + a] += wi;
    if (wi > 0) counts[g * K + a]++;
  }
  // z_{g,k} = Σ_{k'} u_{g,k'} (δ_{k'k} − p̂_{g,k}) / W_g, u = weight in the column of the answer.
  return proportionsOfSums(K, G, Wgk, counts, (centred) =>
    blockScoreCovariance(design, { block, nBlocks: G, width: K, column: answers, value: w, centred, outWidth: K }),
  );
}

/**
 * categoryProportions(design, codes[t] + groups·K_t, K_t·G) for many questions t at once (every
 * question by one breakdown, as joint tables of one group): one pass over the respondents for all
 * (../design/block-covariance.ts oneHotTableSums), the same numbers to the last digit.
 * `groups` null: each question overall (the table of its categories).
 */
export function jointProportions(
  design: Design,
  codes: readonly Int32Array[],
  widths: readonly number[],
  groups: Int32Array | null,
  G: number,
): CategoryProportions[] {
  return oneHotTableSums(design, codes, widths, groups, G).map((table) =>
    proportionsOfSums(table.cells, 1, table.weights, table.counts, (centred) => oneHotTableCovariance(design, table, centred)),
  );
}

/** Estimates, covariance and groups from the cell weights and counts, p̂_{g,k} = W_{g,k} / W_g. */
function proportionsOfSums(
  K: number,
  G: number,
  Wgk: Float64Array,
  counts: Int32Array,
  covarianceOf: (centred: { p: Float64Array; W: Float64Array }) => number[][],
): CategoryProportions {
  const Wg = new Float64Array(G);
  for (let g = 0; g < G; g++) for (let k = 0; k < K; k++) Wg[g] += Wgk[g * K + k];
  const estimates = Float64Array.from(Wgk, (x, j) => (Wg[Math.floor(j / K)] > 0 ? x / Wg[Math.floor(j / K)] : NaN));
  const covariance = covarianceOf({ p: estimates, W: Wg });
  const se = new Float64Array(G * K);
  for (let j = 0; j < G * K; j++) {
    if (Wg[Math.floor(j / K)] > 0) {
      se[j] = Math.sqrt(Math.max(covariance[j][j], 0));
      continue;
    }
    se[j] = NaN;
    for (let c = 0; c < G * K; c++) {
      covariance[j][c] = NaN;
      covariance[c][j] = NaN;
    }
  }
  const groupList = Array.from(Wg, (W, g): GroupProportions => {
    const range = (a: ArrayLike<number>) => Array.from({ length: K }, (_, k) => a[g * K + k]);
    const c = range(counts);
    const r: GroupProportions = { group: g, n: c.reduce((s, x) => s + x, 0), sumWeights: W, proportions: range(estimates), se: range(se), counts: c };
    if (!(W > 0)) r.reason = EMPTY_GROUP_REASON;
    return r;
  });
  return { nCategories: K, nGroups: G, estimates, se, covariance, groups: groupList };
}
