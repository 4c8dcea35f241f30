/**
 * Wilson score interval for a survey proportion, on the effective sample size.
 *
 * R's `survey` package has no Wilson method, so this is the textbook Wilson (1927, JASA 22:209)
 * score interval with the binomial n replaced by the design-based effective sample size
 * (Kish: n_eff = n/deff = p̂(1−p̂)/SE²) and the normal quantile replaced by the t quantile on the
 * design df, the form evaluated for complex surveys by Dean & Pagano (2015, J. Survey Statistics
 * and Methodology 3:484–503):
 *
 *   n_eff  = p̂(1−p̂)/SE²,  z = qt((1+level)/2, df)
 *   centre = (p̂ + z²/(2·n_eff)) / (1 + z²/n_eff)
 *   half   = z/(1 + z²/n_eff) · √( p̂(1−p̂)/n_eff + z²/(4·n_eff²) )
 *   lower, upper = centre ∓ half
 *
 * The reference values in test/fixtures/r/inference/ci.R are this expression written in R on
 * svymean's estimate and SE.
 *
 * p̂ = 0 or 1: n_eff is 0/0; if the unweighted base n is given, the same formula is used with
 * n_eff = n (design effect 1), which gives [0, z²/(n+z²)] or [n/(n+z²), 1]; otherwise NaN.
 * NaN p̂ or SE (empty group): NaN interval with a note.
 *
 * Example:
 *   wilsonCI(0.3, 0.05, 199)  // n_eff = 84
 *   // R: z <- qt(0.975, 199); ne <- 0.3*0.7/0.05^2
 *   //    (0.3 + z^2/(2*ne))/(1 + z^2/ne) + c(-1, 1) * z/(1 + z^2/ne) * sqrt(0.3*0.7/ne + z^2/(4*ne^2))
 */
import { tQuantile } from './distributions.js';
import { BOUNDARY_NO_BASE_NOTE } from './ci-boundary.js';
import { checkProportionInputs, DEFAULT_LEVEL, emptyInterval, isBoundary, type ProportionInterval } from './ci-types.js';

const WILSON_BOUNDARY_NOTE = 'All answers were the same (estimate 0% or 100%): Wilson interval on the unweighted base';

function wilson(p: number, nEff: number, z: number): { lower: number; upper: number } {
  const z2 = z * z;
  const shrink = 1 + z2 / nEff;
  const centre = (p + z2 / (2 * nEff)) / shrink;
  const half = (z / shrink) * Math.sqrt((p * (1 - p)) / nEff + z2 / (4 * nEff * nEff));
  // Clamp rounding at the ends only (the exact interval lies inside [0, 1]).
  return { lower: Math.max(0, centre - half), upper: Math.min(1, centre + half) };
}

/**
 * @param p  weighted proportion p̂
 * @param se its design-based standard error
 * @param df design degrees of freedom (R `degf(design)`)
 * @param level confidence level (default 0.95)
 * @param n  unweighted base, used only when p̂ is 0 or 1
 */
export function wilsonCI(p: number, se: number, df: number, level = DEFAULT_LEVEL, n?: number): ProportionInterval {
  checkProportionInputs(p, se, level);
  if (Number.isNaN(p) || Number.isNaN(se)) return emptyInterval('wilson', level);
  const z = tQuantile((1 + level) / 2, df);
  if (isBoundary(p)) {
    const bounds = n !== undefined && n >= 1 ? wilson(p, n, z) : { lower: NaN, upper: NaN };
    return { estimate: p, ...bounds, level, method: 'wilson', boundary: true, note: n === undefined ? BOUNDARY_NO_BASE_NOTE : WILSON_BOUNDARY_NOTE };
  }
  const nEff = (p * (1 - p)) / (se * se);
  return { estimate: p, ...wilson(p, nEff, z), level, method: 'wilson', boundary: false };
}
