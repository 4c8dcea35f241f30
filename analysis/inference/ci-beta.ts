/**
 * Korn–Graubard ("beta") confidence interval for a proportion, as R
 * `svyciprop(~y, design, method = "beta")` (Korn & Graubard 1998, Survey Methodology 24:193–201).
 *
 *   n_eff  = p̂(1−p̂)/SE² · ( qt(α/2, n − 1) / qt(α/2, df) )²
 *   lower  = qbeta(α/2,     n_eff·p̂,     n_eff·(1−p̂) + 1)
 *   upper  = qbeta(1 − α/2, n_eff·p̂ + 1, n_eff·(1−p̂))
 *
 * with α = 1 − level, n = rows in the design (R `nrow(design)`), df = R `degf(design)`.
 * The squared t-ratio is R's degrees-of-freedom adjustment of the effective sample size
 * (it is 1 for an unclustered, unstratified design where df = n − 1).
 *
 * p̂ = 0 or 1: R returns NaN; we return the Clopper–Pearson bound on n (ci-boundary.ts).
 * n_eff above 10¹² (a million times any real sample; SE = 0 gives ∞): the SE is rounding left by a
 * weighting that fixes the share. No double-precision qbeta is reliable there (R returns NaN, or
 * bounds lopsided about p̂; stdlib takes up to 0.3 s a call and can give an upper bound below the
 * lower), so the interval is p̂ itself, as R's logit interval is at that SE.
 * NaN p̂ or SE (empty group): NaN interval with a note.
 *
 * Example:
 *   betaCI(0.3, 0.05, 200, 199)
 *   // R: neff <- 0.3*0.7/0.05^2 * (qt(0.025, 199)/qt(0.025, 199))^2
 *   //    c(qbeta(0.025, neff*0.3, neff*0.7 + 1), qbeta(0.975, neff*0.3 + 1, neff*0.7))
 */
import { betaQuantile, tQuantile } from './distributions.js';
import { BOUNDARY_NOTE, clopperPearsonBoundary } from './ci-boundary.js';
import { checkProportionInputs, DEFAULT_LEVEL, emptyInterval, isBoundary, type ProportionInterval } from './ci-types.js';

/** Above this effective base the SE is rounding, not sampling error (see above). */
export const MAX_EFFECTIVE_BASE = 1e12;
export const NO_SAMPLING_ERROR_NOTE = 'No sampling error left (the weighting fixes this share): the interval is the share itself';

/**
 * @param p  weighted proportion p̂
 * @param se its design-based standard error
 * @param n  number of respondents in the design (R `nrow(design)`); also the base at p̂ = 0 or 1
 * @param df design degrees of freedom (R `degf(design)`)
 * @param level confidence level (default 0.95)
 */
export function betaCI(p: number, se: number, n: number, df: number, level = DEFAULT_LEVEL): ProportionInterval {
  checkProportionInputs(p, se, level);
  if (Number.isNaN(p) || Number.isNaN(se)) return emptyInterval('beta', level);
  if (isBoundary(p)) {
    const { lower, upper } = clopperPearsonBoundary(p as 0 | 1, n, level);
    return { estimate: p, lower, upper, level, method: 'beta', boundary: true, note: BOUNDARY_NOTE };
  }
  const alpha = 1 - level;
  const dfAdjustment = (tQuantile(alpha / 2, n - 1) / tQuantile(alpha / 2, df)) ** 2;
  const nEff = ((p * (1 - p)) / (se * se)) * dfAdjustment;
  if (!(nEff <= MAX_EFFECTIVE_BASE)) return { estimate: p, lower: p, upper: p, level, method: 'beta', boundary: false, note: NO_SAMPLING_ERROR_NOTE };
  return {
    estimate: p,
    lower: betaQuantile(alpha / 2, nEff * p, nEff * (1 - p) + 1),
    upper: betaQuantile(1 - alpha / 2, nEff * p + 1, nEff * (1 - p)),
    level,
    method: 'beta',
    boundary: false,
  };
}
