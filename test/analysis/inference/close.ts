import { expect } from 'vitest';

/** Relative tolerance required against R (DESIGN.md). */
export const RELATIVE_TOLERANCE = 1e-8;

/** |actual − expected| ≤ 1e-8·|expected| (absolute 1e-15 when R's value is exactly 0). */
export function expectClose(actual: number, expected: number, label = ''): void {
  if (Number.isNaN(expected)) {
    expect(actual, label).toBeNaN();
    return;
  }
  const allowed = Math.max(RELATIVE_TOLERANCE * Math.abs(expected), 1e-15);
  expect(Math.abs(actual - expected), `${label}: got ${actual}, R gave ${expected}`).toBeLessThanOrEqual(allowed);
}
