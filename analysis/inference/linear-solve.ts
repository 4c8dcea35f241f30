/**
 * Solve A·X = B for small dense square A (Gaussian elimination with partial pivoting),
 * as R `solve(A, B)` does through LAPACK's LU. Used by rao-scott.ts on (r−1)(c−1)-square matrices.
 */
export function solve(A: readonly (readonly number[])[], B: readonly (readonly number[])[]): number[][] {
  const n = A.length;
  const m = B[0]?.length ?? 0;
  const a = A.map((row) => [...row]);
  const b = B.map((row) => [...row]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let row = col + 1; row < n; row++) if (Math.abs(a[row][col]) > Math.abs(a[pivot][col])) pivot = row;
    if (a[pivot][col] === 0) throw new Error('The matrix is singular: the table has no information to test.');
    [a[col], a[pivot]] = [a[pivot], a[col]];
    [b[col], b[pivot]] = [b[pivot], b[col]];
    for (let row = col + 1; row < n; row++) {
      const factor = a[row][col] / a[col][col];
      if (factor === 0) continue;
      for (let k = col; k < n; k++) a[row][k] -= factor * a[col][k];
      for (let k = 0; k < m; k++) b[row][k] -= factor * b[col][k];
    }
  }
  const x = b.map((row) => row.map(() => 0));
  for (let row = n - 1; row >= 0; row--) {
    for (let k = 0; k < m; k++) {
      let sum = b[row][k];
      for (let j = row + 1; j < n; j++) sum -= a[row][j] * x[j][k];
      x[row][k] = sum / a[row][row];
    }
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
  // Flat rows; a used column is never searched again, so the elimination skips it too (same pivots).
  const a = new Float64Array(rows * cols);
  let largest = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const x = A[r][c];
      a[r * cols + c] = x;
      if (Math.abs(x) > largest) largest = Math.abs(x);
    }
  }
  const limit = tol * Math.max(1, largest);
  let rank = 0;
  const used = new Uint8Array(cols);
  const rowAt = Int32Array.from({ length: rows }, (_, r) => r * cols);
  for (let step = 0; step < Math.min(rows, cols); step++) {
    let pr = -1;
    let pc = -1;
    let best = limit;
    for (let r = step; r < rows; r++) {
      const o = rowAt[r];
      for (let c = 0; c < cols; c++) {
        if (used[c]) continue;
        const x = Math.abs(a[o + c]);
        if (x > best) {
          best = x;
          pr = r;
          pc = c;
        }
      }
    }
    if (pr < 0) break;
    const swap = rowAt[step];
    rowAt[step] = rowAt[pr];
    rowAt[pr] = swap;
    used[pc] = 1;
    rank++;
    const top = rowAt[step];
    const pivot = a[top + pc];
    for (let r = step + 1; r < rows; r++) {
      const o = rowAt[r];
      const factor = a[o + pc] / pivot;
      if (factor === 0) continue;
      for (let c = 0; c < cols; c++) if (!used[c] || c === pc) a[o + c] -= factor * a[top + c];
    }
  }
  return rank;
}
