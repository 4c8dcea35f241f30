/**
 * The flat solve and rank (what Rao–Scott runs on tables of hundreds of cells) against the plain
 * textbook forms written out below (Gaussian elimination with partial pivoting; with complete
 * pivoting for the rank): the same pivots and arithmetic, so equal to the last digit — on full-rank,
 * rank-deficient and tied matrices.
 */
import { describe, expect, it } from 'vitest';
import { numericalRank, numericalRankFlat, solve, solveFlat } from '../../../analysis/inference/linear-solve.js';

function referenceSolve(A: readonly (readonly number[])[], B: readonly (readonly number[])[]): number[][] {
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

function referenceRank(A: readonly (readonly number[])[], tol = 1e-8): number {
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

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}
const random = (rows: number, cols: number, seed: number) => {
  const next = lcg(seed);
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => next() - 0.5));
};
/** rank k: a (rows × k)(k × cols) product. */
const lowRank = (rows: number, cols: number, k: number, seed: number) => {
  const a = random(rows, k, seed);
  const b = random(k, cols, seed + 1);
  return a.map((row) => Array.from({ length: cols }, (_, j) => row.reduce((s, x, l) => s + x * b[l][j], 0)));
};

describe('flat linear algebra equals the textbook forms to the last digit', () => {
  it('solves A X = B', () => {
    for (const [n, m, seed] of [
      [1, 1, 1],
      [5, 3, 2],
      [40, 40, 3],
      [61, 7, 4],
    ]) {
      const A = random(n, n, seed);
      const B = random(n, m, seed + 10);
      const expected = referenceSolve(A, B);
      expect(solve(A, B)).toEqual(expected);
      expect(Array.from(solveFlat(Float64Array.from(A.flat()), n, Float64Array.from(B.flat()), m))).toEqual(expected.flat());
    }
    expect(() =>
      solve(
        [
          [0, 0],
          [0, 0],
        ],
        [[1], [1]],
      ),
    ).toThrow('singular');
  });

  it('counts the same rank', () => {
    const cases: [number[][], number][] = [
      [random(30, 30, 5), 30],
      [lowRank(30, 30, 12, 6), 12],
      [lowRank(25, 40, 9, 7), 9],
      [lowRank(40, 25, 24, 8), 24],
      [
        [
          [1, 2],
          [2, 4],
        ],
        1,
      ],
      // Ties: the first largest entry is the pivot.
      [
        [
          [1, 1, 0],
          [1, 1, 1],
          [0, 1, 1],
        ],
        3,
      ],
      [
        [
          [0, 0],
          [0, 0],
        ],
        0,
      ],
    ];
    for (const [A, rank] of cases) {
      for (const tol of [1e-8, 1e-10, 0.05]) {
        const expected = referenceRank(A, tol);
        expect(numericalRank(A, tol)).toBe(expected);
        expect(numericalRankFlat(Float64Array.from(A.flat()), A.length, A[0].length, tol)).toBe(expected);
      }
      expect(numericalRank(A)).toBe(rank);
    }
  });
});
