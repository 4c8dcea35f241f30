/**
 * Variance residuals of a regression (GREG / logit / bounded linear) calibration — what R
 * `calibrate(design, ~m1 + m2 + …, population, calfun = "linear" | "logit", bounds = c(L, U))`
 * stores in design$postStrata (class "greg_calibration") and `svyrecvar` then applies:
 *
 *   x ← qr.resid(qr(X·√d), x / (g√d)) · g√d
 *     = x − w ∘ X (Xᵀ D X)⁻¹ Xᵀ (x / g),
 * with X the model matrix of the margins (intercept + treatment dummies, R `model.matrix`),
 * d the weights before calibration (D = diag d), g the g-weights and w = g·d the calibrated weights.
 * The projection does not depend on the calibration function or its bounds: only the weights do.
 *
 * X is given as category indices per margin, so Xᵀ D X is built from sums over cells; margin 1's
 * categories stand in for the intercept (the same column space). A category with no design weight
 * gets no column (R drops it too).
 *
 * @example
 * const cal = { kind: 'regression', margins: [Int32Array.from([0, 0, 1, 1])], baseWeights: Float64Array.from([1, 1, 1, 1]) };
 * gregResiduals({ weights: Float64Array.from([1.5, 1.5, 0.5, 0.5]), calibration: cal }, [Float64Array.from([1, 0, 0, 1])]);
 * // R: survey:::svyrecvar(x, d$cluster, d$strata, d$fpc, postStrata = d$postStrata) on calibrate(d0, ~g, pop)
 */

/** Columns of the reduced model matrix: every category of margin 1, categories 2… of the others. */
export interface RegressionBasis {
  /** Column of (margin m, category c), or −1 (a reference category, or no design weight). */
  column: Int32Array[];
  p: number;
  /** p × p pseudo-inverse of Xᵀ D X, row-major. */
  inverse: Float64Array;
}

function categoryCount(cells: Int32Array): number {
  let k = 0;
  for (let i = 0; i < cells.length; i++) if (cells[i] + 1 > k) k = cells[i] + 1;
  return k;
}

export function regressionBasis(margins: Int32Array[], baseWeights: Float64Array): RegressionBasis {
  const n = baseWeights.length;
  const weightIn = margins.map((cells) => {
    const t = new Float64Array(categoryCount(cells));
    for (let i = 0; i < n; i++) t[cells[i]] += baseWeights[i];
    return t;
  });
  let p = 0;
  const column = weightIn.map((t, m) => Int32Array.from(t, (tw, c) => (tw > 0 && (m === 0 || c > 0) ? p++ : -1)));
  const G = new Float64Array(p * p);
  const cols = new Int32Array(margins.length);
  for (let i = 0; i < n; i++) {
    let k = 0;
    for (let m = 0; m < margins.length; m++) {
      const col = column[m][margins[m][i]];
      if (col >= 0) cols[k++] = col;
    }
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) G[cols[a] * p + cols[b]] += baseWeights[i];
  }
  return { column, p, inverse: pseudoInverse(G, p) };
}

/**
 * Moore–Penrose inverse of a symmetric positive semi-definite p × p matrix — R `MASS::ginv(A,
 * tol = 256 * .Machine$double.eps)` (eigenvalues at or below tol × the largest count as zero).
 * Cyclic Jacobi rotations: for a symmetric matrix the eigenvalues are its singular values.
 */
export function pseudoInverse(A: Float64Array, p: number, tol = 256 * Number.EPSILON): Float64Array {
  const a = Float64Array.from(A);
  const v = new Float64Array(p * p);
  for (let i = 0; i < p; i++) v[i * p + i] = 1;
  let norm = 0;
  for (let i = 0; i < p * p; i++) norm += a[i] * a[i];
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < p; i++) for (let j = i + 1; j < p; j++) off += a[i * p + j] * a[i * p + j];
    if (!(off > 1e-32 * norm)) break;
    for (let i = 0; i < p; i++) {
      for (let j = i + 1; j < p; j++) {
        const aij = a[i * p + j];
        if (aij === 0) continue;
        const theta = (a[j * p + j] - a[i * p + i]) / (2 * aij);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < p; k++) {
          const aki = a[k * p + i],
            akj = a[k * p + j];
          a[k * p + i] = c * aki - s * akj;
          a[k * p + j] = s * aki + c * akj;
        }
        for (let k = 0; k < p; k++) {
          const aik = a[i * p + k],
            ajk = a[j * p + k];
          a[i * p + k] = c * aik - s * ajk;
          a[j * p + k] = s * aik + c * ajk;
        }
        for (let k = 0; k < p; k++) {
          const vki = v[k * p + i],
            vkj = v[k * p + j];
          v[k * p + i] = c * vki - s * vkj;
          v[k * p + j] = s * vki + c * vkj;
        }
      }
    }
  }
  let largest = 0;
  for (let i = 0; i < p; i++) largest = Math.max(largest, Math.abs(a[i * p + i]));
  const out = new Float64Array(p * p);
  for (let k = 0; k < p; k++) {
    const lambda = a[k * p + k];
    if (!(lambda > tol * largest)) continue;
    for (let i = 0; i < p; i++) {
      const vik = v[i * p + k] / lambda;
      if (vik === 0) continue;
      for (let j = 0; j < p; j++) out[i * p + j] += vik * v[j * p + k];
    }
  }
  return out;
}

/** Scores after removing what the regression calibration fixed (new arrays). */
export function gregResiduals(weights: Float64Array, margins: Int32Array[], baseWeights: Float64Array, scores: Float64Array[]): Float64Array[] {
  const n = weights.length;
  const basis = regressionBasis(margins, baseWeights);
  const { p, column, inverse } = basis;
  const M = margins.length;
  return scores.map((x) => {
    const s = new Float64Array(p);
    for (let i = 0; i < n; i++) {
      if (weights[i] === 0) continue;
      const u = (x[i] * baseWeights[i]) / weights[i]; // x / g
      for (let m = 0; m < M; m++) {
        const col = column[m][margins[m][i]];
        if (col >= 0) s[col] += u;
      }
    }
    const beta = new Float64Array(p);
    for (let a = 0; a < p; a++) {
      let b = 0;
      for (let c = 0; c < p; c++) b += inverse[a * p + c] * s[c];
      beta[a] = b;
    }
    const r = Float64Array.from(x);
    for (let i = 0; i < n; i++) {
      let fit = 0;
      for (let m = 0; m < M; m++) {
        const col = column[m][margins[m][i]];
        if (col >= 0) fit += beta[col];
      }
      r[i] -= weights[i] * fit;
    }
    return r;
  });
}
