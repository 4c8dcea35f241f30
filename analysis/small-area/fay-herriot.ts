/**
 * The Fay–Herriot area-level model (small-area estimation): each area's direct estimate y_i,
 * with its design variance ψ_i taken as known, is
 *
 *   y_i = x_iᵀβ + u_i + e_i,   u_i ~ N(0, σ²u) (the area effect),  e_i ~ N(0, ψ_i) (sampling error)
 *
 * with x_i = (1) (intercept only) or (1, covariate_i).
 *
 * Fit (Rao & Molina, Small Area Estimation, 2nd ed., §6.1–6.2):
 * - σ²u by REML: maximise  l(σ²) = −½ [Σ log v_i + log det(XᵀV⁻¹X) + yᵀPy]  over σ² ≥ 0, where
 *   v_i = σ² + ψ_i, V = diag(v), P = V⁻¹ − V⁻¹X(XᵀV⁻¹X)⁻¹XᵀV⁻¹; Fisher scoring
 *   σ² ← σ² + s/I with score s = −½ tr(P) + ½ yᵀPPy and information I = ½ tr(PP), step halved
 *   until l does not fall, truncated at 0 (at σ² = 0 with s ≤ 0 the maximum is the boundary).
 *   Started from the moment estimate and from the OLS residual variance; the higher l is kept.
 * - β by GLS: β̂ = (XᵀV⁻¹X)⁻¹XᵀV⁻¹y.
 * - EBLUP: θ̂_i = γ_i y_i + (1 − γ_i) x_iᵀβ̂,  γ_i = σ²u / (σ²u + ψ_i).
 * - MSE by Prasad–Rao for REML (Datta & Lahiri 2000): mse_i = g1_i + g2_i + 2·g3_i with
 *     g1_i = γ_i ψ_i
 *     g2_i = (1 − γ_i)² x_iᵀ (Σ_j x_j x_jᵀ / v_j)⁻¹ x_i
 *     g3_i = ψ_i² / v_i³ · V̄(σ̂²u),   V̄(σ̂²u) = 2 / Σ_j v_j⁻²   (the asymptotic variance of REML)
 *
 * Fallback: when the REML σ²u is 0 (the areas differ no more than their sampling error says they
 * would) every γ_i is 0 and the EBLUP is the regression (synthetic) estimate x_iᵀβ̂ for every area,
 * which would present a borough-wide line as each area's figure. Then, or when the fit does not
 * converge, `fallback` says why and `model` is the direct estimate with its own variance.
 *
 * R: metafor::rma(yi = y, vi = psi, mods = ~ x, method = "REML") gives σ²u (tau2) and β (b);
 *    blup() the EBLUPs; the Prasad–Rao MSE is written out in test/fixtures/r/small-area/fay-herriot.R.
 *
 * @example
 * fayHerriot([0.15, 0.42, 0.38, 0.33, 0.58, 0.22], [0.0021, 0.003, 0.0025, 0.0019, 0.0033, 0.0024], [22, 41, 63, 30, 88, 35])
 * // { sigma2u: 0.004356, coefficients: [0.09448, 0.005402], fallback: null,
 * //   areas: [{ eblup: 0.171, … }, { eblup: 0.378 }, { eblup: 0.400 }, { eblup: 0.308 }, { eblup: 0.576 }, { eblup: 0.243 }] }
 * // R: b <- rma(yi = y, vi = psi, mods = ~ x, method = "REML"); b$tau2; b$b; blup(b)$pred
 */
import { solve } from '../inference/linear-solve.js';

export interface FayHerriotArea {
  /** The direct estimate and its design variance (the inputs). */
  direct: number;
  psi: number;
  /** Shrinkage weight on the direct estimate: σ²u / (σ²u + ψ_i). */
  gamma: number;
  /** Regression (synthetic) estimate x_iᵀβ̂. */
  synthetic: number;
  /** γ_i y_i + (1 − γ_i) x_iᵀβ̂ (R `blup()`); equals `synthetic` when σ²u = 0. */
  eblup: number;
  g1: number;
  g2: number;
  g3: number;
  /** Prasad–Rao MSE of the EBLUP: g1 + g2 + 2·g3. */
  mse: number;
  /** The estimate to use: the EBLUP, or the direct estimate when the model falls back. */
  model: number;
  /** Its MSE: the Prasad–Rao MSE, or ψ_i when the model falls back. */
  modelMse: number;
}

export interface FayHerriotFit {
  sigma2u: number;
  /** β̂: [intercept] or [intercept, slope]. */
  coefficients: number[];
  /** SEs of β̂: √diag((XᵀV⁻¹X)⁻¹). */
  coefficientSe: number[];
  /** REML log-likelihood at σ̂²u (without the constant −½(m − p)·log 2π). */
  logLik: number;
  iterations: number;
  areas: FayHerriotArea[];
  /** Why the direct estimates are used instead of the EBLUPs; null when the model is used. */
  fallback: string | null;
}

const MAX_ITERATIONS = 200;
const MAX_HALVINGS = 40;

/** Fewest areas for a fit with p coefficients: REML needs m − p ≥ 3 residual degrees of freedom. */
export function minimumAreas(coefficients: number): number {
  return coefficients + 3;
}

/**
 * @param y direct estimates of the m areas
 * @param psi their design (sampling) variances, all > 0
 * @param covariate one value per area, or undefined for an intercept-only model
 */
export function fayHerriot(y: readonly number[], psi: readonly number[], covariate?: readonly number[]): FayHerriotFit {
  const m = y.length;
  if (psi.length !== m || (covariate && covariate.length !== m)) {
    throw new RangeError(`Give one variance${covariate ? ' and one covariate value' : ''} per area (${m} estimates).`);
  }
  const X = y.map((_, i) => (covariate ? [1, covariate[i]] : [1]));
  const p = X[0]?.length ?? 1;
  if (m < minimumAreas(p)) throw new RangeError(`The model needs at least ${minimumAreas(p)} areas; there are ${m}.`);
  for (let i = 0; i < m; i++) {
    if (!Number.isFinite(y[i])) throw new RangeError(`Area ${i + 1}: the direct estimate is not a number.`);
    if (!(psi[i] > 0) || !Number.isFinite(psi[i])) throw new RangeError(`Area ${i + 1}: the design variance must be above 0, not ${psi[i]}.`);
    if (covariate && !Number.isFinite(covariate[i])) throw new RangeError(`Area ${i + 1}: the covariate is not a number.`);
  }
  if (covariate?.every((c) => c === covariate[0])) {
    throw new RangeError('The covariate is the same in every area, so it cannot explain differences between them.');
  }

  const starts = startingValues(y, psi, X);
  let best: Fit | null = null;
  for (const start of starts) {
    const fit = reml(y, psi, X, start);
    if (fit && (!best || fit.logLik > best.logLik + 1e-12)) best = fit;
  }
  const converged = best !== null;
  const sigma2u = best?.sigma2u ?? 0;
  const at = best ?? evaluate(y, psi, X, 0);
  const fallback = !converged
    ? 'The model did not converge (REML found no maximum of the between-area variance), so the direct estimates are shown.'
    : sigma2u === 0
      ? 'The REML estimate of the between-area variance is 0: the areas differ no more than their sampling error would make them, so the model would give every area the same regression estimate. The direct estimates are shown instead.'
      : null;

  const v = psi.map((s) => sigma2u + s);
  const Vbar = 2 / v.reduce((s, vi) => s + 1 / (vi * vi), 0);
  const areas = y.map((yi, i): FayHerriotArea => {
    const gamma = sigma2u / v[i];
    const synthetic = dot(X[i], at.beta);
    const eblup = gamma * yi + (1 - gamma) * synthetic;
    const g1 = gamma * psi[i];
    const g2 = (1 - gamma) ** 2 * quadratic(at.Ainv, X[i]);
    const g3 = (psi[i] ** 2 / v[i] ** 3) * Vbar;
    const mse = g1 + g2 + 2 * g3;
    return {
      direct: yi,
      psi: psi[i],
      gamma,
      synthetic,
      eblup,
      g1,
      g2,
      g3,
      mse,
      model: fallback ? yi : eblup,
      modelMse: fallback ? psi[i] : mse,
    };
  });
  return {
    sigma2u,
    coefficients: at.beta,
    coefficientSe: at.Ainv.map((row, k) => Math.sqrt(row[k])),
    logLik: at.logLik,
    iterations: best?.iterations ?? 0,
    areas,
    fallback,
  };
}

interface Evaluation {
  beta: number[];
  /** (XᵀV⁻¹X)⁻¹ */
  Ainv: number[][];
  logLik: number;
  score: number;
  information: number;
}

interface Fit extends Evaluation {
  sigma2u: number;
  iterations: number;
}

/** β̂, (XᵀV⁻¹X)⁻¹, the REML log-likelihood, its score and Fisher information at σ². */
function evaluate(y: readonly number[], psi: readonly number[], X: number[][], sigma2: number): Evaluation {
  const m = y.length;
  const p = X[0].length;
  const w = psi.map((s) => 1 / (sigma2 + s));
  const A = Array.from({ length: p }, (_, a) => Array.from({ length: p }, (_, b) => X.reduce((s, x, i) => s + x[a] * x[b] * w[i], 0)));
  const Ainv = solve(
    A,
    A.map((_, a) => A.map((__, b) => (a === b ? 1 : 0))),
  );
  const Xty = Array.from({ length: p }, (_, a) => X.reduce((s, x, i) => s + x[a] * w[i] * y[i], 0));
  const beta = Ainv.map((row) => dot(row, Xty));
  // P = W − W X A⁻¹ Xᵀ W (W = V⁻¹), formed in full: m is a few dozen wards.
  const WX = X.map((x, i) => x.map((xa) => xa * w[i]));
  const P: number[][] = Array.from({ length: m }, (_, i) => Array.from({ length: m }, (_, j) => (i === j ? w[i] : 0) - quadraticForm(Ainv, WX[i], WX[j])));
  const Py = P.map((row) => dot(row, y));
  let trP = 0;
  let trPP = 0;
  for (let i = 0; i < m; i++) {
    trP += P[i][i];
    for (let j = 0; j < m; j++) trPP += P[i][j] * P[i][j];
  }
  const yPy = dot(y, Py);
  const yPPy = dot(Py, Py);
  const logDetV = w.reduce((s, wi) => s - Math.log(wi), 0);
  const logLik = -0.5 * (logDetV + Math.log(determinant(A)) + yPy);
  return { beta, Ainv, logLik, score: -0.5 * trP + 0.5 * yPPy, information: 0.5 * trPP };
}

/** Fisher scoring on [0, ∞) from `start`; null when it does not converge. */
function reml(y: readonly number[], psi: readonly number[], X: number[][], start: number): Fit | null {
  const scale = Math.max(psi.reduce((s, x) => s + x, 0) / psi.length, 1e-300);
  const tolerance = 1e-12 * scale;
  let sigma2 = Math.max(start, 0);
  let at = evaluate(y, psi, X, sigma2);
  for (let iteration = 1; iteration <= MAX_ITERATIONS; iteration++) {
    if (sigma2 === 0 && at.score <= 0) return { ...at, sigma2u: 0, iterations: iteration };
    let step = at.score / at.information;
    let next = Math.max(sigma2 + step, 0);
    let there = evaluate(y, psi, X, next);
    for (let h = 0; h < MAX_HALVINGS && there.logLik < at.logLik; h++) {
      step /= 2;
      next = Math.max(sigma2 + step, 0);
      there = evaluate(y, psi, X, next);
    }
    if (!Number.isFinite(there.logLik)) return null;
    const change = Math.abs(next - sigma2);
    sigma2 = next;
    at = there;
    if (change <= tolerance * Math.max(1, sigma2 / scale)) return { ...at, sigma2u: sigma2, iterations: iteration };
  }
  return null;
}

/** Two starts: the moment estimate max(0, s² − ψ̄) and s², s² the OLS residual variance. */
function startingValues(y: readonly number[], psi: readonly number[], X: number[][]): number[] {
  const m = y.length;
  const p = X[0].length;
  const ols = evaluate(y, new Array(m).fill(1), X, 0);
  const rss = y.reduce((s, yi, i) => s + (yi - dot(X[i], ols.beta)) ** 2, 0);
  const s2 = rss / (m - p);
  const meanPsi = psi.reduce((s, x) => s + x, 0) / m;
  return [Math.max(0, s2 - meanPsi), s2];
}

function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k] * b[k];
  return s;
}

function quadratic(M: number[][], x: readonly number[]): number {
  return quadraticForm(M, x, x);
}

function quadraticForm(M: number[][], a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) for (let j = 0; j < b.length; j++) s += a[i] * M[i][j] * b[j];
  return s;
}

/** Determinant of a 1 × 1 or 2 × 2 matrix (X has an intercept and at most one covariate). */
function determinant(A: number[][]): number {
  return A.length === 1 ? A[0][0] : A[0][0] * A[1][1] - A[0][1] * A[1][0];
}
