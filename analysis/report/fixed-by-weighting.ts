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
