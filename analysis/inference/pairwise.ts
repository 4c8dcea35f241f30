/**
 * All pairwise differences between the groups of one breakdown (e.g. every pair of wards),
 * each as R `svycontrast` on `svyby(..., covmat = TRUE)`:
 *   for each pair i < j:  d = ŷ_i − ŷ_j,  Var = V_ii + V_jj − 2·V_ij,  t = d/SE,  p = 2·pt(−|t|, df)
 * Pairs come in the order (1,2), (1,3), …, (1,k), (2,3), …; adjust the p-values for multiple
 * comparisons with bh.ts.
 *
 * Example:
 *   pairwiseDifferences(['North', 'South', 'East'], [0.5, 0.4, 0.6],
 *     [[0.001, 0, 0], [0, 0.002, 0], [0, 0, 0.0015]], 299)
 *   // → 3 rows: North−South, North−East, South−East
 */
import { groupDifference, type DifferenceTest } from './contrast.js';

export interface PairwiseDifference extends DifferenceTest {
  a: string;
  b: string;
}

export function pairwiseDifferences(
  labels: readonly string[],
  estimates: readonly number[],
  covariance: readonly (readonly number[])[],
  df: number,
): PairwiseDifference[] {
  const k = labels.length;
  if (estimates.length !== k || covariance.length !== k || covariance.some((row) => row.length !== k)) {
    throw new Error(
      `Pairwise comparison needs one estimate per group and a ${k}×${k} covariance matrix; ` +
        `got ${estimates.length} estimates and a ${covariance.length}-row matrix.`,
    );
  }
  const rows: PairwiseDifference[] = [];
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      const test = groupDifference(estimates[i], estimates[j], covariance[i][i], covariance[j][j], covariance[i][j], df);
      rows.push({ a: labels[i], b: labels[j], ...test });
    }
  }
  return rows;
}
