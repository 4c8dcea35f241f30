/**
 * The report's CI for a proportion, by method; df = n − 1 for the unweighted base n (R `degf` of the subset),
 * or the design df of the base (PSUs − strata) when a sample design is declared.
 *
 * Korn–Graubard ('beta') in a domain: n is the domain's own respondents, so its df factor
 * (qt(.025, n − 1)/qt(.025, df))² is 1. R's svyciprop counts nrow() of the subset, which for a
 * calibrated design is the whole sample (rows outside the domain keep zero weight), so R's interval
 * is up to a few per cent wider in small calibrated domains than in the same domain unweighted; we
 * keep one rule for both (test/fixtures/r/inference/kg-domain.R records R's figures beside ours).
 */
import { betaCI } from '../inference/ci-beta.js';
import { logitCI } from '../inference/ci-logit.js';
import { wilsonCI } from '../inference/ci-wilson.js';
import type { CiMethod } from './types.js';

export function confidenceInterval(method: CiMethod, p: number, se: number, n: number, df = n - 1): [number, number] | null {
  const ci = method === 'beta' ? betaCI(p, se, n, df) : method === 'wilson' ? wilsonCI(p, se, df, undefined, n) : logitCI(p, se, df, undefined, n);
  return Number.isFinite(ci.lower) && Number.isFinite(ci.upper) ? [ci.lower, ci.upper] : null;
}
