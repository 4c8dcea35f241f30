/**
 * Logit confidence interval for a proportion, as R `svyciprop(~y, design, method = "logit")`.
 *
 *   lower, upper = expit( logit(p̂) ∓ t_{(1+level)/2, df} · SE / (p̂(1−p̂)) )
 *
 * where SE is the linearisation SE of p̂ (R `svymean`) and df the design degrees of freedom
 * (R `degf(design)`: n − 1 for `ids = ~1`, n − H with H strata, clusters − strata with clusters).
 * R fits `svyglm(y ~ 1, family = quasibinomial)`: its intercept is logit(p̂) and its sandwich SE
 * is exactly SE/(p̂(1−p̂)) (estimating function wᵢ(yᵢ − p̂), bread Σwᵢp̂(1−p̂)); `confint(...,
 * ddf = df)` then uses the t quantile. The fixture test/fixtures/r/inference/ci.R checks this
 * against svyciprop itself on apistrat, apiclus1 and a synthetic design.
 *
 * df ≤ 0 gives NaN bounds, as R's confint.svyglm does.
 * p̂ = 0 or 1: see ci-boundary.ts (Clopper–Pearson on the unweighted base `n` if given).
 * NaN p̂ or SE (empty group): NaN interval with a note, no error.
 *
 * Example:
 *   logitCI(0.3, 0.05, 199)  // { estimate: 0.3, lower: 0.21134..., upper: 0.40666..., ... }
 *   // R: p <- 0.3; se <- 0.05; plogis(qlogis(p) + c(-1, 1) * qt(0.975, 199) * se / (p * (1 - p)))
 */
import { tQuantile } from './distributions.js';
import { BOUNDARY_NO_BASE_NOTE, BOUNDARY_NOTE, clopperPearsonBoundary } from './ci-boundary.js';
import { checkProportionInputs, DEFAULT_LEVEL, emptyInterval, isBoundary, type ProportionInterval } from './ci-types.js';

const logit = (p: number): number => Math.log(p / (1 - p));
const expit = (x: number): number => 1 / (1 + Math.exp(-x));

/**
 * @param p  weighted proportion p̂
 * @param se its design-based standard error
 * @param df design degrees of freedom (R `degf(design)`)
 * @param level confidence level (default 0.95)
 * @param n  unweighted base, used only when p̂ is 0 or 1
 */
export function logitCI(p: number, se: number, df: number, level = DEFAULT_LEVEL, n?: number): ProportionInterval {
  checkProportionInputs(p, se, level);
  if (Number.isNaN(p) || Number.isNaN(se)) return emptyInterval('logit', level);
  if (isBoundary(p)) {
    const { lower, upper } = clopperPearsonBoundary(p as 0 | 1, n, level);
    return { estimate: p, lower, upper, level, method: 'logit', boundary: true, note: n === undefined ? BOUNDARY_NO_BASE_NOTE : BOUNDARY_NOTE };
  }
  if (!(df > 0)) return { estimate: p, lower: NaN, upper: NaN, level, method: 'logit', boundary: false, note: 'No design degrees of freedom (df ≤ 0)' };
  const upperProbability = (1 + level) / 2;
  const seLogit = se / (p * (1 - p)); // delta method: d logit(p)/dp = 1/(p(1−p))
  const halfWidth = tQuantile(upperProbability, df) * seLogit;
  const centre = logit(p);
  return { estimate: p, lower: expit(centre - halfWidth), upper: expit(centre + halfWidth), level, method: 'logit', boundary: false };
}
