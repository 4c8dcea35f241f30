/**
 * Which overall shares the weighting fixes: a share p = Σ wᵢyᵢ / Σ wᵢzᵢ (y = answer in the row,
 * z = in the question's base) has no sampling error when the calibration sets both totals, i.e.
 * when y and z are each constant within every cell of one calibration margin (then Σ wᵢyᵢ and
 * Σ wᵢzᵢ are sums of calibrated cell totals). Decided from the calibration's cells, not from how
 * small an SE came out: backfitted raking leaves SEs of 1e-9 to 1e-6 on shares it fixes, and a
 * real SE can be that small too.
 *
 * Respondents with weight 0 are not in the design and are ignored. Respondents placed in a cell
 * other than their answer (e.g. imputed for the weighting) break the constancy, so their share is
 * correctly left to the test.
 *
 * @example
 * // Raked on sex; the question is sex itself: the share of women is fixed.
 * fixedByWeighting(Int32Array.from([0, 1, 0, -1]), [0], { kind: 'raking', margins: [Int32Array.from([0, 1, 0, 2])] }, Float64Array.from([1, 1, 1, 1]));
 * // true
 */
import type { Calibration } from './types.js';

/**
 * @param codes the question's category index per respondent (−1: not in the base)
 * @param members the categories counted in the row (a category, or a net's categories)
 */
export function fixedByWeighting(codes: Int32Array, members: readonly number[], calibration: Calibration | undefined, weights: Float64Array): boolean {
  if (!calibration) return false;
  const inRow = new Uint8Array(Math.max(0, ...members) + 1);
  for (const m of members) inRow[m] = 1;
  return calibration.margins.some((cells) => {
    let top = 0;
    for (let i = 0; i < cells.length; i++) if (cells[i] > top) top = cells[i];
    // Per cell (index + 1, so −1 "no category" is a cell too): 0 = none seen, else 1 + 2y + z.
    const seen = new Uint8Array(top + 2);
    for (let i = 0; i < codes.length; i++) {
      if (!(weights[i] > 0)) continue;
      const c = codes[i];
      const state = 1 + 2 * (c >= 0 && c < inRow.length && inRow[c] ? 1 : 0) + (c >= 0 ? 1 : 0);
      const cell = cells[i] + 1;
      if (seen[cell] === 0) seen[cell] = state;
      else if (seen[cell] !== state) return false;
    }
    return true;
  });
}

/**
 * fixedByWeighting for every row of a question at once: one pass per margin records, per cell, which
 * codes occur (a bit per code, bit 0 for "not in the base"); a row is fixed by a margin when in every
 * cell the codes seen are all outside the base, all in the row, or all in the base but not the row.
 * The same decision as fixedByWeighting, without a pass over the respondents per row.
 */
export function fixedRowsByWeighting(
  codes: Int32Array,
  rows: readonly (readonly number[])[],
  calibration: Calibration | undefined,
  weights: Float64Array,
): boolean[] {
  if (!calibration) return rows.map(() => false);
  const K = largest(codes, -1) + 1;
  if (K > 30) return rows.map((members) => fixedByWeighting(codes, members, calibration, weights));
  const masks = calibration.margins.map((cells) => codesSeen(codes, cells, weights));
  const allValid = (2 ** (K + 1) - 2) >>> 0;
  return rows.map((members) => {
    let inRow = 0;
    for (const m of members) if (m >= 0 && m < K) inRow |= 1 << (m + 1);
    const outRow = (allValid & ~inRow) >>> 0;
    return masks.some((seen) => {
      for (const mask of seen) if (mask !== 0 && mask !== 1 && (mask & ~inRow) !== 0 && (mask & ~outRow) !== 0) return false;
      return true;
    });
  });
}

// The passes over the respondents are functions of their own (README: a pass over the respondents).

/** The largest value, or `from` when all are below it. */
function largest(values: Int32Array, from: number): number {
  let top = from;
  for (let i = 0; i < values.length; i++) if (values[i] > top) top = values[i];
  return top;
}

/** Per cell (index cell + 1), a bit per code seen among respondents with weight (bit 0: not in the base). */
function codesSeen(codes: Int32Array, cells: Int32Array, weights: Float64Array): Uint32Array {
  const seen = new Uint32Array(largest(cells, 0) + 2);
  for (let i = 0; i < codes.length; i++) if (weights[i] > 0) seen[cells[i] + 1] |= 1 << (codes[i] < 0 ? 0 : codes[i] + 1);
  return seen;
}
