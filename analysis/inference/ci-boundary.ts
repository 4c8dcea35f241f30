/**
 * Interval for p̂ = 0 or p̂ = 1, where every respondent gave the same answer.
 *
 * Why: the design-based SE is then 0, so logit(p̂) is ±∞ and the effective sample size
 * p̂(1−p̂)/SE² is 0/0. R's `svyciprop` gives meaningless results here (logit: an interval of
 * width ~1e-12 around 2e-12 from a non-converged glm; beta: NaN). We instead use the exact
 * Clopper–Pearson bound on the unweighted base n (no design effect can be estimated when all
 * answers agree, so it is taken as 1):
 *
 *   p̂ = 0:  [0, qbeta(1 − α/2, 1, n)] = [0, 1 − (α/2)^(1/n)]
 *   p̂ = 1:  [qbeta(α/2, n, 1), 1]     = [(α/2)^(1/n), 1]
 *
 * This is the Korn–Graubard formula of R `svyciprop(method = "beta")` with n_eff = n.
 * Without n the interval is NaN (still flagged as boundary).
 *
 * Example: clopperPearsonBoundary(0, 40, 0.95) → { lower: 0, upper: 0.0880973... }
 *   (R: qbeta(0.975, 1, 40))
 */
import { betaQuantile } from './distributions.js';

export const BOUNDARY_NOTE = 'All answers were the same (estimate 0% or 100%): exact Clopper–Pearson interval on the unweighted base';
export const BOUNDARY_NO_BASE_NOTE = 'All answers were the same (estimate 0% or 100%): no interval without the unweighted base';

export function clopperPearsonBoundary(p: 0 | 1, n: number | undefined, level: number): { lower: number; upper: number } {
  if (n === undefined || !(n >= 1)) return { lower: NaN, upper: NaN };
  const alpha = 1 - level;
  return p === 0 ? { lower: 0, upper: betaQuantile(1 - alpha / 2, 1, n) } : { lower: betaQuantile(alpha / 2, n, 1), upper: 1 };
}
