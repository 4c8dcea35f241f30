/**
 * Exact binomial test and Clopper–Pearson interval, as R `binom.test(x, n, p)`. Used by the
 * two-sample Poisson comparison (yoy.ts), which conditions on the total count.
 *
 * Binomial probabilities come from the beta distribution (@stdlib; there is no binomial package
 * in the dependencies):
 *   dbinom(k, n, p)                 = dbeta(p; k + 1, n − k + 1) / (n + 1)
 *   pbinom(k, n, p)       (P X ≤ k) = pbeta(1 − p; n − k, k + 1)      for k < n
 *   pbinom(k, n, p, upper) (P X > k) = pbeta(p; k + 1, n − k)          for k < n
 *
 * Two-sided p-value (R's rule): the sum of the probabilities of all outcomes no more likely than
 * the one observed, with a relative tolerance of 1e−7 for ties in probability.
 * Interval: [qbeta(α/2; x, n − x + 1), qbeta(1 − α/2; x + 1, n − x)] (0 / 1 at the ends).
 *
 * Example:
 *   binomialTest(7, 20, 0.5)   // pValue 0.2631760, lower 0.1539092, upper 0.5921885
 *   // R: binom.test(7, 20, 0.5)
 */
import beta from '@stdlib/stats-base-dists-beta';
import { checkLevel, DEFAULT_LEVEL } from './poisson-ci.js';

export type Alternative = 'two.sided' | 'less' | 'greater';

/** R's tolerance for "as likely as the observed outcome" in the two-sided p-value. */
const RELATIVE_ERROR = 1 + 1e-7;

export function dbinom(k: number, n: number, p: number): number {
  if (k < 0 || k > n) return 0;
  if (p === 0) return k === 0 ? 1 : 0;
  if (p === 1) return k === n ? 1 : 0;
  return Math.exp(beta.logpdf(p, k + 1, n - k + 1)) / (n + 1);
}

/** P(X ≤ k). */
export function pbinomLower(k: number, n: number, p: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  return beta.cdf(1 - p, n - k, k + 1);
}

/** P(X > k). */
export function pbinomUpper(k: number, n: number, p: number): number {
  if (k < 0) return 1;
  if (k >= n) return 0;
  return beta.cdf(p, k + 1, n - k);
}

export interface BinomialTest {
  x: number;
  n: number;
  p: number;
  estimate: number;
  pValue: number;
  lower: number;
  upper: number;
  level: number;
  alternative: Alternative;
}

export function binomialTest(x: number, n: number, p = 0.5, alternative: Alternative = 'two.sided', level = DEFAULT_LEVEL): BinomialTest {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`The number of trials must be a whole number ≥ 1, not ${n}.`);
  if (!Number.isInteger(x) || x < 0 || x > n) throw new RangeError(`The count must be a whole number from 0 to ${n}, not ${x}.`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`The null probability must be between 0 and 1, not ${p}.`);
  checkLevel(level);
  let pValue: number;
  if (alternative === 'less') pValue = pbinomLower(x, n, p);
  else if (alternative === 'greater') pValue = pbinomUpper(x - 1, n, p);
  else {
    const d = dbinom(x, n, p);
    const m = n * p;
    if (x === m) pValue = 1;
    else if (x < m) {
      let y = 0;
      for (let i = Math.ceil(m); i <= n; i++) if (dbinom(i, n, p) <= d * RELATIVE_ERROR) y++;
      pValue = pbinomLower(x, n, p) + pbinomUpper(n - y, n, p);
    } else {
      let y = 0;
      for (let i = 0; i <= Math.floor(m); i++) if (dbinom(i, n, p) <= d * RELATIVE_ERROR) y++;
      pValue = pbinomLower(y - 1, n, p) + pbinomUpper(x - 1, n, p);
    }
    pValue = Math.min(1, pValue);
  }
  const [lower, upper] = clopperPearson(x, n, alternative, level);
  return { x, n, p, estimate: x / n, pValue, lower, upper, level, alternative };
}

function clopperPearson(x: number, n: number, alternative: Alternative, level: number): [number, number] {
  const alpha = 1 - level;
  const lowerAt = (a: number) => (x === 0 ? 0 : beta.quantile(a, x, n - x + 1));
  const upperAt = (a: number) => (x === n ? 1 : beta.quantile(1 - a, x + 1, n - x));
  if (alternative === 'less') return [0, upperAt(alpha)];
  if (alternative === 'greater') return [lowerAt(alpha), 1];
  return [lowerAt(alpha / 2), upperAt(alpha / 2)];
}
