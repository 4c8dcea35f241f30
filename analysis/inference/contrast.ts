/**
 * Differences between two estimates with a t test.
 *
 * groupDifference — two groups of the same sample (domains of one design), R `svycontrast`:
 *   d = ŷ_A − ŷ_B,  Var(d) = V_AA + V_BB − 2·V_AB,  t = d/SE(d),  p = 2·pt(−|t|, df)
 * with V the domain covariance matrix from R `svyby(..., covmat = TRUE)` and df = degf(design).
 *
 * waveChange — the same estimate in two independent samples (two survey waves):
 *   d = ŷ₂ − ŷ₁,  Var(d) = SE₁² + SE₂²  (independent samples: no covariance term)
 * df choice: pass df = df₁ + df₂ (for simple random designs n₁ + n₂ − 2). This is exactly what R
 * gives if the two waves are stacked into one design stratified by wave
 * (`svydesign(ids = ~1, strata = ~wave, ...)`: degf = n − H = n₁ + n₂ − 2, and the wave strata
 * make the covariance zero so svycontrast's SE equals √(SE₁² + SE₂²)). The fixture contrast.R
 * checks that equivalence.
 *
 * Empty group (NaN input) → NaN outputs, no error. SE = 0 with d ≠ 0 gives t = ±Infinity, p = 0;
 * SE = 0 with d = 0 gives t = NaN, p = NaN (no evidence either way).
 *
 * Example:
 *   groupDifference(0.62, 0.55, 0.0009, 0.0012, 0.0001, 199)
 *   // R: d <- 0.07; se <- sqrt(0.0009 + 0.0012 - 2 * 0.0001); 2 * pt(-abs(d / se), 199)
 *   waveChange(0.40, 0.02, 0.35, 0.025, 398)   // difference −0.05 (wave 2 minus wave 1)
 */
import { tTwoSidedP } from './distributions.js';

export interface DifferenceTest {
  difference: number;
  se: number;
  t: number;
  /** Two-sided p-value on the t distribution with `df` degrees of freedom. */
  p: number;
  df: number;
}

function testDifference(difference: number, variance: number, df: number): DifferenceTest {
  if (variance < 0) {
    // Happens only if the covariance matrix is not a valid covariance matrix.
    throw new Error(`The variance of the difference is negative (${variance}): check the covariance inputs.`);
  }
  const se = Math.sqrt(variance);
  const t = difference / se;
  return { difference, se, t, p: tTwoSidedP(t, df), df };
}

/**
 * Difference A − B between two domains of the same design (R `svycontrast(stat, c(1, -1))`).
 * @param vAA variance of A, @param vBB variance of B, @param vAB their covariance
 * @param df design degrees of freedom (R `degf(design)`)
 */
export function groupDifference(estA: number, estB: number, vAA: number, vBB: number, vAB: number, df: number): DifferenceTest {
  const variance = vAA + vBB - 2 * vAB;
  // A difference with no sampling error (e.g. a net that is every answer, 100% in both groups) is 0
  // up to rounding, which may fall either side of 0: a variance within rounding of 0 is 0.
  const rounding = 1e-12 * (Math.abs(vAA) + Math.abs(vBB) + 2 * Math.abs(vAB)) + 1e-18;
  return testDifference(estA - estB, variance < 0 && variance > -rounding ? 0 : variance, df);
}

/**
 * Change from wave 1 to wave 2 (est2 − est1) for independent samples: Var = SE₁² + SE₂².
 * @param df recommended df₁ + df₂ (see file comment)
 */
export function waveChange(est1: number, se1: number, est2: number, se2: number, df: number): DifferenceTest {
  return testDifference(est2 - est1, se1 * se1 + se2 * se2, df);
}
