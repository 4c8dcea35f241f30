/**
 * Sane magnitudes for the numbers people upload. A value beyond these is a typing or export slip
 * (1e308 overflows every sum it enters, to Infinity), so it is refused with the row it came from.
 * This file imports nothing, so every noun and the CLI may use it.
 */

/** People in one area, category or weighting target: more than the UK's population is a slip. */
export const MAX_PEOPLE = 100_000_000;
/** A design weight: one respondent standing for more than a million people is a slip. */
export const MAX_DESIGN_WEIGHT = 1_000_000;
/** Multiples of the mean weight for trimming and g-weight bounds. */
export const MAX_WEIGHT_MULTIPLE = 1000;
/** How deeply a JSON request may nest: questionnaires go a few levels deep, answers two. */
export const MAX_JSON_DEPTH = 64;

/** How deeply `value` nests arrays and objects (0 for a number or string), stopping once past `limit`. */
export function jsonDepth(value: unknown, limit = MAX_JSON_DEPTH): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    const depth = d + 1;
    if (depth > deepest) deepest = depth;
    if (deepest > limit) return deepest;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth]);
  }
  return deepest;
}
