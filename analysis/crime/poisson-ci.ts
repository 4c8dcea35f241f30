/**
 * Exact (Garwood) confidence interval for a Poisson count, as R `poisson.test(x, T)$conf.int`:
 *
 *   lower = qchisq(α/2, 2x) / 2 / T        (0 when x = 0)
 *   upper = qchisq(1 − α/2, 2x + 2) / 2 / T
 *
 * (R writes these as qgamma(α/2, x)/T and qgamma(1 − α/2, x + 1)/T; a χ² with 2k df is twice a
 * gamma with shape k.) Garwood F. (1936) Biometrika 28:437–442. The χ² quantiles come from
 * @stdlib, polished to R's precision (chi-square-quantile.ts).
 *
 * Example:
 *   poissonCI(12)          // { estimate: 12, lower: 6.200575..., upper: 20.96158... }
 *   // R: poisson.test(12)$conf.int
 *   poissonCI(12, 2.5)     // rate per unit of exposure: 4.8 (2.48..., 8.38...)
 *   // R: poisson.test(12, 2.5)$conf.int
 */
import { chiSquareQuantile } from './chi-square-quantile.js';

export const DEFAULT_LEVEL = 0.95;

export interface PoissonInterval {
  /** x / T */
  estimate: number;
  lower: number;
  upper: number;
  level: number;
}

/** Checks a count is a whole number ≥ 0 and an exposure is positive, with a message a person understands. */
export function checkCount(x: number, what = 'count'): void {
  if (!Number.isInteger(x) || x < 0) throw new RangeError(`The ${what} must be a whole number ≥ 0, not ${x}.`);
}

export function checkLevel(level: number): void {
  if (!(level > 0 && level < 1)) throw new RangeError(`The confidence level must be between 0 and 1, not ${level}.`);
}

/**
 * @param x observed count (whole number ≥ 0)
 * @param exposure time base T (person-time, or 1 for the count itself); must be > 0
 * @param level confidence level (default 0.95)
 */
export function poissonCI(x: number, exposure = 1, level = DEFAULT_LEVEL): PoissonInterval {
  checkCount(x);
  checkLevel(level);
  if (!(exposure > 0) || !Number.isFinite(exposure)) throw new RangeError(`The exposure must be a positive number, not ${exposure}.`);
  const alpha = 1 - level;
  const chiSquareDfLower = 2 * x;
  const chiSquareDfUpper = 2 * x + 2;
  const lower = x === 0 ? 0 : chiSquareQuantile(alpha / 2, chiSquareDfLower) / 2 / exposure;
  const upper = chiSquareQuantile(1 - alpha / 2, chiSquareDfUpper) / 2 / exposure;
  return { estimate: x / exposure, lower, upper, level };
}
