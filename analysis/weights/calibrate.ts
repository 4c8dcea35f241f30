/**
 * Calibration with bounds on the g-weights — R
 * `calibrate(design, ~m1 + m2 + …, population, calfun = "linear" | "logit", bounds = c(L, U))`
 * (survey package, its `grake` step for step, so the weights agree with R's):
 *
 *   X = model matrix of the margins (intercept + treatment dummies, R `model.matrix`),
 *   T = population totals of X's columns (the total, then each margin's categories 2…),
 *   g(η)ᵢ = 1 + F(xᵢᵀη), Newton steps η += ginv(Xᵀ diag(d·F′) X) · (T − Σ dᵢ g(η)ᵢ xᵢ),
 *   until every |misfit| / (1 + |T|) < epsilon (R: 1e-7) or maxit (R: 50) steps; wᵢ = dᵢ·gᵢ.
 * - linear: F(u) = clamp(1 + u, L, U) − 1 (R "bounded linear"; without bounds it is GREG);
 * - logit:  F(u) = (L(U−1) + U(1−L)e^{Au}) / (U−1 + (1−L)e^{Au}) − 1, A = (U−L)/((U−1)(1−L)),
 *   so L < g < U always; finite bounds are required, as in R.
 * The bounds are on g = w/d (R's convention), with R's rescaling: when every T / Σd·x exceeds 20
 * the design weights are first multiplied by the mean of those ratios and the bounds apply to
 * the rescaled weights. Callers who want "multiples of the mean weight" scale d to the population
 * total first (server/weighting does), so no rescaling happens.
 *
 * Not converging (R warns "Failed to converge" and `calibrate` stops unless force = TRUE) is
 * returned as `converged: false` with `achieved`, the largest relative misfit left: the bounds
 * are too tight for these margins.
 *
 * @example
 * const r = calibrate(Float64Array.from([1, 1, 1, 1]), [
 *   { name: 'sex', cells: Int32Array.from([0, 0, 1, 1]), categories: ['female', 'male'], targets: [2.4, 1.6] },
 * ], { calfun: 'logit', bounds: [0.5, 1.5] });
 * // R: weights(calibrate(svydesign(ids = ~1, weights = ~w, data = d), ~sex, c(4, 1.6), calfun = "logit", bounds = c(0.5, 1.5)))
 */
import { pseudoInverse } from '../design/regression-calibration.js';
import type { Calibration } from '../design/design.js';
import { WeightingError } from './errors.js';
import { checkMargins, DEFAULT_TOTAL_TOLERANCE, maxMarginGap, type RakingMargin } from './rake.js';

export type CalibrationFunction = 'linear' | 'logit';

export interface CalibrateOptions {
  calfun: CalibrationFunction;
  /** g-weight bounds [L, U] (R `bounds = c(L, U)`); required for logit. */
  bounds?: [number, number];
  /** R calibrate's maxit default. */
  maxIterations?: number;
  /** R calibrate's epsilon default. */
  epsilon?: number;
  totalTolerance?: number;
}

export interface CalibrateResult {
  weights: Float64Array;
  /** g-weights w/d (including R's rescaling factor, when applied). */
  g: Float64Array;
  converged: boolean;
  /** Newton steps (R's `iter`). */
  iterations: number;
  /** Largest |misfit| / (1 + |T|) at the end (R's "eps=" in its warning). */
  achieved: number;
  /** Largest |weighted total − target| / target over every margin category. */
  maxGap: number;
  /** R's rescaling factor of the design weights, or 1. */
  scale: number;
  calibration: Extract<Calibration, { kind: 'regression' }>;
}

export const R_CALIBRATE_MAXIT = 50;
export const R_CALIBRATE_EPSILON = 1e-7;
/** R grake's SOMETHRESHOLD. */
const RESCALE_THRESHOLD = 20;

type Metric = { F: (u: number) => number; dF: (u: number) => number };

function metric(calfun: CalibrationFunction, L: number, U: number): Metric {
  if (calfun === 'linear') return { F: (u) => Math.min(Math.max(u + 1, L), U) - 1, dF: (u) => (u < U - 1 && u > L - 1 ? 1 : 0) };
  const A = (U - L) / ((U - 1) * (1 - L));
  return {
    F: (u) => {
      const e = Math.exp(A * u);
      return (L * (U - 1) + U * (1 - L) * e) / (U - 1 + (1 - L) * e) - 1;
    },
    dF: (u) => {
      const e = Math.exp(A * u);
      const den = U - 1 + (1 - L) * e;
      return (U * (1 - L) * e * A) / den - ((L * (U - 1) + U * (1 - L) * e) * ((1 - L) * e * A)) / (den * den);
    },
  };
}

export function calibrate(baseWeights: Float64Array, margins: RakingMargin[], options: CalibrateOptions): CalibrateResult {
  const { calfun } = options;
  const [L, U] = options.bounds ?? [-Infinity, Infinity];
  const maxit = options.maxIterations ?? R_CALIBRATE_MAXIT;
  const epsilon = options.epsilon ?? R_CALIBRATE_EPSILON;
  if (!margins.length) throw new WeightingError('Calibration needs at least one margin.');
  if (!(L < U)) throw new WeightingError(`The bounds must have the lower below the upper, not ${L} and ${U}.`);
  if (calfun === 'logit' && !(Number.isFinite(L) && Number.isFinite(U)))
    throw new WeightingError('Logit calibration needs finite bounds (lower below 1, upper above 1).');
  if (L > 1 || U < 1) throw new WeightingError(`The bounds ${L}–${U} must include 1 (a g-weight of 1 leaves a weight unchanged).`);
  if (calfun === 'logit' && (L === 1 || U === 1)) throw new WeightingError('Logit calibration needs the lower bound below 1 and the upper above 1.');
  checkMargins(baseWeights, margins, options.totalTolerance ?? DEFAULT_TOTAL_TOLERANCE);
  const n = baseWeights.length;

  // Columns of R's model matrix: intercept, then categories 2… of each margin.
  const offsets: number[] = [];
  let p = 1;
  for (const m of margins) {
    offsets.push(p - 1);
    p += m.targets.length - 1;
  }
  const cols = (i: number, out: Int32Array): number => {
    out[0] = 0;
    let k = 1;
    margins.forEach((m, j) => {
      const c = m.cells[i];
      if (c > 0) out[k++] = offsets[j] + c;
    });
    return k;
  };
  const population = new Float64Array(p);
  population[0] = margins[0].targets.reduce((a, b) => a + b, 0);
  margins.forEach((m, j) => {
    for (let c = 1; c < m.targets.length; c++) population[offsets[j] + c] = m.targets[c];
  });
  const rowCols = margins.map(() => 0);
  const colBuf = new Int32Array(rowCols.length + 1);
  const rows: Int32Array[] = [];
  for (let i = 0; i < n; i++) rows.push(colBuf.slice(0, cols(i, colBuf)));

  const ww = Float64Array.from(baseWeights);
  const sampleTotal = new Float64Array(p);
  for (let i = 0; i < n; i++) for (const c of rows[i]) sampleTotal[c] += ww[i];
  let minScale = Infinity,
    sumScale = 0;
  for (let c = 0; c < p; c++) {
    const s = population[c] / sampleTotal[c];
    minScale = Math.min(minScale, s);
    sumScale += s;
  }
  let scale = 1;
  if (minScale > RESCALE_THRESHOLD) {
    scale = sumScale / p;
    for (let i = 0; i < n; i++) ww[i] *= scale;
    for (let c = 0; c < p; c++) sampleTotal[c] *= scale;
  }

  const { F, dF } = metric(calfun, L, U);
  const eta = new Float64Array(p);
  const xeta = new Float64Array(n);
  const g = new Float64Array(n);
  const deriv = new Float64Array(n);
  const evaluate = () => {
    for (let i = 0; i < n; i++) {
      let u = 0;
      for (const c of rows[i]) u += eta[c];
      xeta[i] = u;
      g[i] = 1 + F(u);
      deriv[i] = dF(u);
    }
  };
  const misfitOf = () => {
    const mis = Float64Array.from(population, (t, c) => t - sampleTotal[c]);
    for (let i = 0; i < n; i++) {
      const f = ww[i] * F(xeta[i]);
      for (const c of rows[i]) mis[c] -= f;
    }
    return mis;
  };
  const finite = () => {
    for (let i = 0; i < n; i++) if (!Number.isFinite(g[i]) || !Number.isFinite(deriv[i])) return false;
    return true;
  };
  evaluate();
  let iter = 1;
  let converged = false;
  let achieved = NaN;
  for (;;) {
    const T = new Float64Array(p * p);
    for (let i = 0; i < n; i++) {
      const v = ww[i] * deriv[i];
      if (v === 0) continue;
      const r = rows[i];
      for (const a of r) for (const b of r) T[a * p + b] += v;
    }
    let misfit = misfitOf();
    const Tinv = pseudoInverse(T, p);
    const deta = new Float64Array(p);
    for (let a = 0; a < p; a++) {
      let s = 0;
      for (let b = 0; b < p; b++) s += Tinv[a * p + b] * misfit[b];
      deta[a] = s;
    }
    for (let a = 0; a < p; a++) eta[a] += deta[a];
    evaluate();
    while (iter < maxit && !finite()) {
      iter++;
      for (let a = 0; a < p; a++) {
        deta[a] /= 2;
        eta[a] -= deta[a];
      }
      evaluate();
    }
    misfit = misfitOf();
    achieved = 0;
    for (let c = 0; c < p; c++) achieved = Math.max(achieved, Math.abs(misfit[c]) / (1 + Math.abs(population[c])));
    if (achieved < epsilon) {
      converged = true;
      break;
    }
    iter++;
    if (iter > maxit) break;
  }
  if (scale !== 1) for (let i = 0; i < n; i++) g[i] *= scale;
  const weights = Float64Array.from(baseWeights, (d, i) => d * g[i]);
  return {
    weights,
    g,
    converged,
    iterations: iter,
    achieved,
    maxGap: maxMarginGap(weights, margins),
    scale,
    calibration: { kind: 'regression', margins: margins.map((m) => m.cells), baseWeights: Float64Array.from(baseWeights) },
  };
}
