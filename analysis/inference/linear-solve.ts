/**
 * Solve A·X = B for small dense square A (Gaussian elimination with partial pivoting),
 * as R `solve(A, B)` does through LAPACK's LU. Used by rao-scott.ts on (r−1)(c−1)-square matrices.
 */
export function solve(A: readonly (readonly number[])[], B: readonly (readonly number[])[]): number[][] {
  const n = A.length;
  const m = B[0]?.length ?? 0;
  const x = solveFlat(Float64Array.from(A.flat()), n, Float64Array.from(B.flat()), m);
  return Array.from({ length: n }, (_, i) => Array.from(x.subarray(i * m, (i + 1) * m)));
}

/**
 * solve on flat row-major arrays (n × n and n × m; both are overwritten): the same eliminations in
 * the same order, so the same result to the last digit, without arrays of arrays.
 */
export function solveFlat(a: Float64Array, n: number, b: Float64Array, m: number): Float64Array {
  const rowA = Int32Array.from({ length: n }, (_, r) => r * n);
  const rowB = Int32Array.from({ length: n }, (_, r) => r * m);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let row = col + 1; row < n; row++) if (Math.abs(a[rowA[row] + col]) > Math.abs(a[rowA[pivot] + col])) pivot = row;
    if (a[rowA[pivot] + col] === 0) throw new Error('The matrix is singular: the table has no information to test.');
    let t = rowA[col];
    rowA[col] = rowA[pivot];
    rowA[pivot] = t;
    t = rowB[col];
    rowB[col] = rowB[pivot];
    rowB[pivot] = t;
    const top = rowA[col];
    const topB = rowB[col];
    for (let row = col + 1; row < n; row++) {
      const o = rowA[row];
      const factor = a[o + col] / a[top + col];
      if (factor === 0) continue;
      for (let k = col; k < n; k++) a[o + k] -= factor * a[top + k];
      const ob = rowB[row];
      for (let k = 0; k < m; k++) b[ob + k] -= factor * b[topB + k];
    }
  }
  // Back substitution; each x[row][k] sums its terms in order j = row + 1 … n − 1, as written out.
  const x = new Float64Array(n * m);
  const sum = new Float64Array(m);
  for (let row = n - 1; row >= 0; row--) {
    const o = rowA[row];
    const ob = rowB[row];
    for (let k = 0; k < m; k++) sum[k] = b[ob + k];
    for (let j = row + 1; j < n; j++) {
      const arj = a[o + j];
      const xj = j * m;
      for (let k = 0; k < m; k++) sum[k] -= arj * x[xj + k];
    }
    const d = a[o + row];
    for (let k = 0; k < m; k++) x[row * m + k] = sum[k] / d;
  }
  return x;
}

/** Matrix product of two small dense matrices. */
export function multiply(A: readonly (readonly number[])[], B: readonly (readonly number[])[]): number[][] {
  const n = A.length;
  const inner = B.length;
  const m = B[0]?.length ?? 0;
  const out: number[][] = new Array(n);
  // i-k-j order: rows of B are read in sequence (the tables reach 130 × 100 for wards).
  for (let i = 0; i < n; i++) {
    const row = new Array<number>(m).fill(0);
    const a = A[i];
    for (let k = 0; k < inner; k++) {
      const aik = a[k];
      if (aik === 0) continue;
      const b = B[k];
      for (let j = 0; j < m; j++) row[j] += aik * b[j];
    }
    out[i] = row;
  }
  return out;
}

/** tr(A·B) without forming the product: Σᵢⱼ Aᵢⱼ Bⱼᵢ. */
export function traceOfProduct(A: readonly (readonly number[])[], B: readonly (readonly number[])[]): number {
  let sum = 0;
  for (let i = 0; i < A.length; i++) for (let j = 0; j < A[i].length; j++) sum += A[i][j] * B[j][i];
  return sum;
}

export function transpose(A: readonly (readonly number[])[]): number[][] {
  return A[0].map((_, j) => A.map((row) => row[j]));
}

export function trace(A: readonly (readonly number[])[]): number {
  return A.reduce((sum, row, i) => sum + row[i], 0);
}

/**
 * Numerical rank of a small dense matrix: Gaussian elimination with complete pivoting, counting
 * pivots above `tol` × max(1, largest |entry|) (R `qr(A, tol)$rank` counts the same for the
 * well-scaled matrices used here; rao-scott.ts checks the design-effect matrix with it).
 *
 * @example
 * numericalRank([[1, 2], [2, 4]]); // 1
 */
export function numericalRank(A: readonly (readonly number[])[], tol = 1e-8): number {
  const rows = A.length;
  const cols = A[0]?.length ?? 0;
  const a = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) a[r * cols + c] = A[r][c];
  return numericalRankFlat(a, rows, cols, tol);
}

/**
 * numericalRank of a flat row-major matrix (overwritten). Each step's search for the next pivot is
 * made while eliminating (the rows it searches are the rows just updated), over the columns not yet
 * used only: the same pivots, in the same order, from the same arithmetic, in a third of the time.
 */
export function numericalRankFlat(a: Float64Array, rows: number, cols: number, tol = 1e-8): number {
  let largest = 0;
  for (let i = 0; i < rows * cols; i++) if (Math.abs(a[i]) > largest) largest = Math.abs(a[i]);
  const limit = tol * Math.max(1, largest);
  const rowAt = Int32Array.from({ length: rows }, (_, r) => r * cols);
  // Columns not yet used, in increasing order (ties go to the first, as a search in order finds).
  const free = Int32Array.from({ length: cols }, (_, c) => c);
  let nFree = cols;
  let pr = -1;
  let pc = -1;
  let best = limit;
  for (let r = 0; r < rows; r++) {
    const o = rowAt[r];
    for (let c = 0; c < cols; c++) {
      const x = Math.abs(a[o + c]);
      if (x > best) {
        best = x;
        pr = r;
        pc = c;
      }
    }
  }
  let rank = 0;
  const steps = Math.min(rows, cols);
  for (let step = 0; step < steps; step++) {
    if (pr < 0) break;
    const swap = rowAt[step];
    rowAt[step] = rowAt[pr];
    rowAt[pr] = swap;
    let at = 0;
    while (free[at] !== pc) at++;
    free.copyWithin(at, at + 1, nFree);
    nFree--;
    rank++;
    const top = rowAt[step];
    const pivotColumn = pc;
    const pivot = a[top + pivotColumn];
    pr = -1;
    pc = -1;
    best = limit;
    for (let r = step + 1; r < rows; r++) {
      const o = rowAt[r];
      const factor = a[o + pivotColumn] / pivot;
      if (factor === 0) {
        for (let f = 0; f < nFree; f++) {
          const c = free[f];
          const x = Math.abs(a[o + c]);
          if (x > best) {
            best = x;
            pr = r;
            pc = c;
          }
        }
        continue;
      }
      for (let f = 0; f < nFree; f++) {
        const c = free[f];
        const v = a[o + c] - factor * a[top + c];
        a[o + c] = v;
        const x = Math.abs(v);
        if (x > best) {
          best = x;
          pr = r;
          pc = c;
        }
      }
    }
  }
  return rank;
}
