/**
 * Weight trimming — R `trimWeights(design, upper, lower, strict = FALSE)`.
 *
 * Weights outside [lower, upper] are set to the bound; the total trimmed off (or added) is shared
 * equally among the weights that were inside, so Σw is unchanged:
 *   w'ᵢ = clamp(wᵢ),  w'ᵢ += Σⱼ(wⱼ − clamp(wⱼ)) / #inside  for i inside.
 * That can push an inside weight past a bound; `strict: true` repeats until none is (R strict = TRUE).
 * To restore the population margins afterwards, re-rake: see ./trim-rake.ts.
 *
 * @example
 * trimWeights(Float64Array.from([1, 2, 3, 10]), { upper: 6 }); // [2.333…, 3.333…, 4.333…, 6]
 */
export interface TrimOptions {
  lower?: number;
  upper?: number;
  strict?: boolean;
}

export function trimWeights(weights: Float64Array, { lower = -Infinity, upper = Infinity, strict = false }: TrimOptions = {}): Float64Array {
  if (lower > upper) throw new Error(`Trimming bounds are reversed: lower ${lower} > upper ${upper}.`);
  const out = Float64Array.from(weights);
  const n = out.length;
  let trimmed = 0;
  let inside = 0;
  for (let i = 0; i < n; i++) {
    const w = out[i];
    if (w < lower || w > upper) {
      const clamped = Math.max(lower, Math.min(w, upper));
      trimmed += w - clamped;
      out[i] = clamped;
    } else inside++;
  }
  if (inside === n) return out;
  if (inside === 0) throw new Error('Every weight is outside the trimming bounds; nothing is left to take up the trimmed weight.');
  const share = trimmed / inside;
  for (let i = 0; i < n; i++) if (!(weights[i] < lower || weights[i] > upper)) out[i] += share;
  return strict ? trimWeights(out, { lower, upper, strict }) : out;
}
