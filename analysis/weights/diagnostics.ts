/**
 * Weight diagnostics for the weighting report.
 *
 *   n_eff = (Σw)² / Σw²  (Kish effective sample size),  deff_w = n / n_eff,
 *   margin of error = 1.96 · √(0.25 / n_eff)  (95% half-width for p = 50%; DESIGN.md),
 *   ratio = max / min weight.
 * n counts positive weights (zero-weight rows are outside the analysis, R `unwtd.count`).
 *
 * @example
 * weightDiagnostics(Float64Array.from([1, 1, 2, 4]));
 * // n 4, sumWeights 8, nEffective 64/22, deffWeighting 1.375, ratio 4
 */
export interface WeightDiagnostics {
  n: number;
  sumWeights: number;
  nEffective: number;
  deffWeighting: number;
  min: number;
  max: number;
  ratio: number;
  marginOfError: number;
}

/** Normal 97.5% point used for the headline margin of error (rounded, as published surveys do). */
export const headlineZ = 1.96;
/** Worst-case proportion for the headline margin of error. */
export const headlineP = 0.5;

export function weightDiagnostics(weights: ArrayLike<number>): WeightDiagnostics {
  let n = 0,
    sum = 0,
    sumSq = 0,
    min = Infinity,
    max = -Infinity;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    if (!(w > 0)) continue;
    n++;
    sum += w;
    sumSq += w * w;
    if (w < min) min = w;
    if (w > max) max = w;
  }
  if (n === 0) return { n: 0, sumWeights: 0, nEffective: 0, deffWeighting: NaN, min: NaN, max: NaN, ratio: NaN, marginOfError: NaN };
  const nEffective = (sum * sum) / sumSq;
  return {
    n,
    sumWeights: sum,
    nEffective,
    deffWeighting: n / nEffective,
    min,
    max,
    ratio: max / min,
    marginOfError: headlineZ * Math.sqrt((headlineP * (1 - headlineP)) / nEffective),
  };
}
