/**
 * Shared shape of a confidence interval for a proportion, and input checks shared by the
 * logit, Korn–Graubard ("beta") and Wilson intervals.
 */

export type IntervalMethod = 'logit' | 'beta' | 'wilson';

export interface ProportionInterval {
  estimate: number;
  lower: number;
  upper: number;
  /** Confidence level, e.g. 0.95. */
  level: number;
  method: IntervalMethod;
  /**
   * True when p̂ is 0 or 1 (every answer the same): the design-based SE is 0, so the
   * interval comes from the documented fallback of each method, or is NaN if no base was given.
   */
  boundary: boolean;
  /** Why the interval is not the ordinary formula (boundary, empty group, no sampling error left); absent otherwise. */
  note?: string;
}

export const DEFAULT_LEVEL = 0.95;

export const EMPTY_GROUP_NOTE = 'No respondents in this group: no estimate or interval';

/** Throws a readable error for impossible inputs; NaN is allowed (empty group). */
export function checkProportionInputs(p: number, se: number, level: number): void {
  if (!Number.isNaN(p) && (p < 0 || p > 1)) {
    throw new Error(`A proportion must be between 0 and 1; got ${p}.`);
  }
  if (!Number.isNaN(se) && se < 0) {
    throw new Error(`A standard error cannot be negative; got ${se}.`);
  }
  if (!(level > 0 && level < 1)) {
    throw new Error(`The confidence level must be between 0 and 1 (e.g. 0.95); got ${level}.`);
  }
}

export function emptyInterval(method: IntervalMethod, level: number): ProportionInterval {
  return { estimate: NaN, lower: NaN, upper: NaN, level, method, boundary: false, note: EMPTY_GROUP_NOTE };
}

export function isBoundary(p: number): boolean {
  return p === 0 || p === 1;
}
