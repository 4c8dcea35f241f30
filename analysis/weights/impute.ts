/**
 * Placing respondents with a missing weighting variable in a calibration cell — deterministic
 * modal (hot-deck style) imputation, used for weighting only (their answers are unchanged):
 *
 *   for respondent i with no category on margin m:
 *     donors = respondents with a category on m who have the same category as i on every other
 *              margin where i has one (only answers given count, never imputed ones);
 *     category = the most common category of m among the donors (unweighted count),
 *                ties broken by category order (the first wins);
 *     no donors: the most common category of m among everyone with one (same tie rule).
 * Every imputation uses observed categories only, so the result does not depend on row order.
 * R has no function for this rule; tests work the expected cells out by hand.
 *
 * @example
 * imputeCells([Int32Array.from([0, 1, 1, -1]), Int32Array.from([0, 1, 1, 1])], [2, 2]);
 * // cells[0][3] = 1 (both respondents with age 1 are sex 1); imputed [1, 0]
 */
export interface Imputed {
  /** New cell arrays: every −1 replaced by a category. */
  cells: Int32Array[];
  /** How many were placed, per margin. */
  imputed: number[];
}

/** `cells[m][i]` = category of respondent i on margin m (−1 missing); `sizes[m]` = categories of margin m. */
export function imputeCells(cells: Int32Array[], sizes: number[]): Imputed {
  const M = cells.length;
  const n = M ? cells[0].length : 0;
  const out = cells.map((c) => Int32Array.from(c));
  const imputed = new Array<number>(M).fill(0);
  for (let m = 0; m < M; m++) {
    const K = sizes[m];
    const overall = new Float64Array(K);
    for (let i = 0; i < n; i++) if (cells[m][i] >= 0) overall[cells[m][i]]++;
    const overallMode = modeOf(overall);
    // Donor counts by the pattern of the other margins' categories (−1 = not matched on).
    const byPattern = new Map<string, Float64Array>();
    const patternOf = (i: number, used: boolean[]) => cells.map((c, k) => (k === m || !used[k] ? '*' : c[i])).join(',');
    for (let i = 0; i < n; i++) {
      if (cells[m][i] >= 0) continue;
      const used = cells.map((c, k) => k !== m && c[i] >= 0);
      const key = patternOf(i, used);
      let counts = byPattern.get(key);
      if (!counts) {
        counts = new Float64Array(K);
        for (let j = 0; j < n; j++) {
          if (cells[m][j] < 0) continue;
          let match = true;
          for (let k = 0; k < M && match; k++) if (used[k] && cells[k][j] !== cells[k][i]) match = false;
          if (match) counts[cells[m][j]]++;
        }
        byPattern.set(key, counts);
      }
      const c = modeOf(counts);
      out[m][i] = c >= 0 ? c : overallMode;
      imputed[m]++;
    }
  }
  return { cells: out, imputed };
}

/** The first category with the largest count, or −1 when all are 0. */
function modeOf(counts: Float64Array): number {
  let best = -1;
  for (let c = 0; c < counts.length; c++) if (counts[c] > 0 && (best < 0 || counts[c] > counts[best])) best = c;
  return best;
}
