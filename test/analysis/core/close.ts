import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

/** Relative tolerance against R (DESIGN.md). */
export const RELATIVE_TOLERANCE = 1e-8;

/**
 * |actual − expected| ≤ tol·|expected|. When R's value is 0, an absolute 1e-15 (R's own rounding
 * noise for a zero variance is of that order).
 */
export function expectClose(actual: number, expected: number, tol = RELATIVE_TOLERANCE, label = ''): void {
  if (Number.isNaN(expected)) {
    expect(actual, label).toBeNaN();
    return;
  }
  const allowed = Math.max(tol * Math.abs(expected), 1e-15);
  expect(Math.abs(actual - expected), `${label}: got ${actual}, R gave ${expected}`).toBeLessThanOrEqual(allowed);
}

export function expectAllClose(actual: ArrayLike<number>, expected: number | number[], tol = RELATIVE_TOLERANCE, label = ''): void {
  const e = arr(expected);
  expect(actual.length, `${label} length`).toBe(e.length);
  for (let i = 0; i < e.length; i++) expectClose(actual[i], e[i], tol, `${label}[${i}]`);
}

/** Matrices: relative to the largest |entry| of R's matrix, so covariances near 0 compare sensibly. */
export function expectMatrixClose(actual: number[][], expected: number[][], tol = RELATIVE_TOLERANCE, label = ''): void {
  expect(actual.length, `${label} rows`).toBe(expected.length);
  let scale = 0;
  for (const row of expected) for (const v of row) scale = Math.max(scale, Math.abs(v));
  for (let i = 0; i < expected.length; i++) {
    for (let j = 0; j < expected.length; j++) {
      const allowed = Math.max(tol * Math.abs(expected[i][j]), tol * 1e-4 * scale, 1e-15);
      expect(Math.abs(actual[i][j] - expected[i][j]), `${label}[${i}][${j}]: got ${actual[i][j]}, R gave ${expected[i][j]}`).toBeLessThanOrEqual(allowed);
    }
  }
}

/** jsonlite writes length-1 vectors as scalars. */
export function arr(x: number | number[]): number[] {
  return Array.isArray(x) ? x : [x];
}

export function fixture<T = any>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../fixtures/r/core/${name}.json`, import.meta.url), 'utf8')) as T;
}
