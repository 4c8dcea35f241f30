/**
 * Benjamini–Hochberg adjusted p-values, as R `p.adjust(p, method = "BH")`.
 *
 *   sort the m non-missing p-values decreasingly, p_(m) ≥ … ≥ p_(1);
 *   adjusted p_(i) = min(1, min_{k ≥ i} m/k · p_(k))
 *
 * Missing values: like R, NaN entries stay NaN and are not counted in m (R's default
 * n = length(p) is the count after removing NA). Ties get the same adjusted value, as in R.
 * DESIGN.md: the "significant" flag uses the adjusted p at 0.05, per report section.
 *
 * Example:
 *   bhAdjust([0.01, 0.04, NaN, 0.03])  // [0.03, 0.04, NaN, 0.04]
 *   // R: p.adjust(c(0.01, 0.04, NA, 0.03), "BH")
 */

export const SIGNIFICANCE_LEVEL = 0.05;

export function bhAdjust(p: readonly number[]): number[] {
  for (const value of p) {
    if (!Number.isNaN(value) && (value < 0 || value > 1)) {
      throw new Error(`A p-value must be between 0 and 1; got ${value}.`);
    }
  }
  const present = p.map((value, index) => ({ value, index })).filter((entry) => !Number.isNaN(entry.value));
  const m = present.length;
  const adjusted = p.map(() => NaN);
  if (m <= 1) {
    // R returns p unchanged when n <= 1.
    for (const { value, index } of present) adjusted[index] = value;
    return adjusted;
  }
  present.sort((x, y) => y.value - x.value); // decreasing, as R's order(p, decreasing = TRUE)
  let runningMin = Infinity;
  present.forEach(({ value, index }, position) => {
    const rank = m - position; // rank among m in increasing order
    runningMin = Math.min(runningMin, (m / rank) * value);
    adjusted[index] = Math.min(1, runningMin);
  });
  return adjusted;
}

/** Flag per p-value: adjusted p below 0.05 (NaN → false). */
export function significantAfterBH(p: readonly number[], level = SIGNIFICANCE_LEVEL): boolean[] {
  return bhAdjust(p).map((q) => q < level);
}
