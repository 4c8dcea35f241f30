/**
 * Weighting that cannot be done as asked (a target cell without respondents, respondents without a
 * target, margins that disagree). The message names the margin and category and says what to do.
 */
export class WeightingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WeightingError';
  }
}

/** Label of category c for messages: its name when given, else its position. */
export function categoryLabel(categories: readonly string[] | undefined, c: number): string {
  return categories?.[c] !== undefined ? `"${categories[c]}"` : `category ${c + 1}`;
}

/** Base weights must be finite and not negative (R would give NaN or nonsense weights). */
export function checkBaseWeights(weights: Float64Array): void {
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    if (!(w >= 0) || !Number.isFinite(w))
      throw new WeightingError(`Design weight of respondent ${i + 1} is ${w}; design weights must be finite and not negative.`);
  }
}
