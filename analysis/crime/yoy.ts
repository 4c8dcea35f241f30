/**
 * Change in recorded crime between two periods (e.g. this year vs last year): the exact
 * conditional test for two Poisson rates, as R `poisson.test(c(x1, x2), c(t1, t2))`.
 *
 * Given the total x1 + x2, x1 is binomial with p = r·t1/(r·t1 + t2) under H0: rate1/rate2 = r
 * (default r = 1), so the test is `binom.test(x1, x1 + x2, p)`. The rate ratio is
 * (x1/t1)/(x2/t2) and its interval maps the Clopper–Pearson interval for p through
 * p/(1 − p) · t2/t1. t1, t2 are the exposures (months, or populations when rates are compared).
 *
 * Order follows R: period 1 is the numerator, so for "this year vs last year" pass this year first.
 *
 * Example:
 *   poissonRateTest(120, 1, 95, 1)
 *   // rateRatio 1.263158, pValue 0.1014523, CI 0.9570277 to 1.6711720
 *   // R: poisson.test(c(120, 95), c(1, 1))
 */
import { binomialTest, type Alternative } from './binomial-test.js';
import { checkCount, DEFAULT_LEVEL } from './poisson-ci.js';

export interface RateComparison {
  x1: number;
  t1: number;
  x2: number;
  t2: number;
  /** (x1/t1) / (x2/t2); Infinity when x2 = 0 */
  rateRatio: number;
  lower: number;
  upper: number;
  pValue: number;
  /**
   * expected x1 under H0, (x1 + x2)·p. R's printed `parameter` equals it for r = 1; for r ≠ 1 R
   * prints (x1 + x2)·r·t1/(t1 + r·t2), which is not the p its test uses.
   */
  expectedX1: number;
  level: number;
  alternative: Alternative;
}

export function poissonRateTest(
  x1: number,
  t1: number,
  x2: number,
  t2: number,
  { ratio = 1, alternative = 'two.sided' as Alternative, level = DEFAULT_LEVEL } = {},
): RateComparison {
  checkCount(x1, 'first count');
  checkCount(x2, 'second count');
  for (const t of [t1, t2]) if (!(t > 0) || !Number.isFinite(t)) throw new RangeError(`Exposures must be positive numbers, not ${t}.`);
  if (!(ratio > 0)) throw new RangeError(`The null rate ratio must be positive, not ${ratio}.`);
  const n = x1 + x2;
  if (n === 0) throw new RangeError('Both counts are zero: there is nothing to compare.');
  const p = (ratio * t1) / (ratio * t1 + t2);
  const b = binomialTest(x1, n, p, alternative, level);
  const toRatio = (q: number) => (q / (1 - q)) * (t2 / t1);
  return {
    x1,
    t1,
    x2,
    t2,
    rateRatio: x1 / t1 / (x2 / t2),
    lower: toRatio(b.lower),
    upper: toRatio(b.upper),
    pValue: b.pValue,
    expectedX1: (n * ratio * t1) / (ratio * t1 + t2),
    level,
    alternative,
  };
}
