/**
 * Probability distributions used by the inference functions, from the `@stdlib/stats-base-dists-*`
 * packages (DESIGN.md: no hand-written approximations). This file only adapts names and the few
 * conventions where R and stdlib differ:
 *
 * - R's `qt(p, Inf)` / `pt(x, Inf)` are the normal distribution; stdlib's t returns NaN for
 *   df = Infinity, so infinite df is routed to the standard normal.
 * - Upper tails are computed directly (not as 1 − cdf) so that small p-values keep their
 *   relative precision, as R's `lower.tail = FALSE` does.
 *
 * Example:
 *   tQuantile(0.975, 10)   // 2.2281388519862744  (R: qt(0.975, 10))
 *   fUpperTail(2, 3, 40)   // 0.1294416979...     (R: pf(2, 3, 40, lower.tail = FALSE))
 */
import t from '@stdlib/stats-base-dists-t';
import beta from '@stdlib/stats-base-dists-beta';
import normal from '@stdlib/stats-base-dists-normal';

const STANDARD_MEAN = 0;
const STANDARD_SD = 1;

/** Quantile of the standard normal distribution. R: `qnorm(p)`. */
export function normalQuantile(p: number): number {
  return normal.quantile(p, STANDARD_MEAN, STANDARD_SD);
}

/** Cumulative distribution of the standard normal. R: `pnorm(x)`. */
export function normalCdf(x: number): number {
  return normal.cdf(x, STANDARD_MEAN, STANDARD_SD);
}

/** Quantile of Student's t with `df` degrees of freedom (df = Infinity: normal). R: `qt(p, df)`. */
export function tQuantile(p: number, df: number): number {
  return df === Infinity ? normalQuantile(p) : t.quantile(p, df);
}

/** Cumulative distribution of Student's t (df = Infinity: normal). R: `pt(x, df)`. */
export function tCdf(x: number, df: number): number {
  return df === Infinity ? normalCdf(x) : t.cdf(x, df);
}

/** Two-sided p-value of a t statistic. R: `2 * pt(-abs(x), df)`. */
export function tTwoSidedP(x: number, df: number): number {
  return 2 * tCdf(-Math.abs(x), df);
}

/**
 * Upper tail of the F distribution, P(F > x). R: `pf(x, d1, d2, lower.tail = FALSE)`.
 * Uses the identity P(F > x) = I_{d2/(d2 + d1·x)}(d2/2, d1/2) (regularised incomplete beta),
 * which keeps full relative precision for tiny p-values.
 */
export function fUpperTail(x: number, d1: number, d2: number): number {
  if (Number.isNaN(x) || Number.isNaN(d1) || Number.isNaN(d2)) return NaN;
  if (x <= 0) return 1;
  if (x === Infinity) return 0;
  return beta.cdf(d2 / (d2 + d1 * x), d2 / 2, d1 / 2);
}

/** Quantile of the beta distribution. R: `qbeta(p, a, b)`. */
export function betaQuantile(p: number, a: number, b: number): number {
  return beta.quantile(p, a, b);
}
