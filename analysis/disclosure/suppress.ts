/**
 * Disclosure control for published estimates (DESIGN.md "Disclosure control").
 *
 * Rules:
 * 1. Primary suppression: a cell whose UNWEIGHTED base is below the threshold (default 30;
 *    10 for counts of youth responses by school, SCHOOL_COUNT_THRESHOLD) is suppressed with the
 *    reason "Base of N is below 30".
 * 2. Complementary suppression: cells that share a `breakdown` (the groups of one variable,
 *    e.g. all wards for one question) add up to the published total, so when exactly one of them
 *    is suppressed it could be derived by subtraction. The unsuppressed cell with the next-smallest
 *    base (first in input order on ties) is then suppressed too, reason
 *    "Suppressed to protect a small group". Two or more suppressed cells protect each other.
 * 3. Comparisons (differences, significance flags) involving a suppressed cell are suppressed:
 *    comparisonSuppression(a, b).
 *
 * Outputs must show the reason instead of any number for a suppressed cell; redact() blanks
 * the numeric fields so a renderer cannot leak them by mistake.
 *
 * Example:
 *   suppress([
 *     { key: 'North', breakdown: 'ward', base: 120 },
 *     { key: 'South', breakdown: 'ward', base: 12 },
 *     { key: 'East', breakdown: 'ward', base: 45 },
 *   ])
 *   // South: suppressed, "Base of 12 is below 30"; East: suppressed, "Suppressed to protect a small group"
 */

export const BASE_THRESHOLD = 30;
export const SCHOOL_COUNT_THRESHOLD = 10;
export const COMPLEMENTARY_REASON = 'Suppressed to protect a small group';

export interface DisclosureCell {
  /** Identifies the cell in the caller's table (e.g. the group label). */
  key: string;
  /** Cells with the same breakdown are the groups of one variable (they add up to a total). */
  breakdown?: string;
  /** Unweighted number of respondents behind the estimate. */
  base: number;
}

export interface SuppressionMark {
  suppressed: boolean;
  /** Why the cell is suppressed; null when it is published. */
  reason: string | null;
}

export type Suppressed<T> = T & SuppressionMark;

export interface SuppressOptions {
  threshold?: number;
}

export function smallBaseReason(base: number, threshold: number): string {
  return `Base of ${base} is below ${threshold}`;
}

export function suppress<T extends DisclosureCell>(cells: readonly T[], options: SuppressOptions = {}): Suppressed<T>[] {
  const threshold = options.threshold ?? BASE_THRESHOLD;
  if (!(Number.isInteger(threshold) && threshold > 0)) {
    throw new Error(`The suppression threshold must be a positive whole number; got ${threshold}.`);
  }
  const marked: Suppressed<T>[] = cells.map((cell) => {
    if (!(Number.isInteger(cell.base) && cell.base >= 0)) {
      throw new Error(`The base of "${cell.key}" must be a whole number of respondents; got ${cell.base}.`);
    }
    const small = cell.base < threshold;
    return { ...cell, suppressed: small, reason: small ? smallBaseReason(cell.base, threshold) : null };
  });

  const breakdowns = new Map<string, Suppressed<T>[]>();
  for (const cell of marked) {
    if (cell.breakdown === undefined) continue;
    const group = breakdowns.get(cell.breakdown) ?? [];
    group.push(cell);
    breakdowns.set(cell.breakdown, group);
  }
  for (const group of breakdowns.values()) {
    if (group.filter((cell) => cell.suppressed).length !== 1) continue;
    let protector: Suppressed<T> | undefined;
    for (const cell of group) {
      if (!cell.suppressed && (protector === undefined || cell.base < protector.base)) protector = cell;
    }
    if (protector) {
      protector.suppressed = true;
      protector.reason = COMPLEMENTARY_REASON;
    }
  }
  return marked;
}

/** Counts of youth responses by school: threshold 10. */
export function suppressSchoolCounts<T extends DisclosureCell>(cells: readonly T[]): Suppressed<T>[] {
  return suppress(cells, { threshold: SCHOOL_COUNT_THRESHOLD });
}

/** A comparison (difference, test, flag) between two cells is suppressed if either cell is. */
export function comparisonSuppression(a: SuppressionMark, b: SuppressionMark): SuppressionMark {
  const hidden = [a, b].find((cell) => cell.suppressed);
  return hidden ? { suppressed: true, reason: `Compares with a suppressed group (${hidden.reason})` } : { suppressed: false, reason: null };
}

/** Copy of the cell with the given numeric fields set to null when the cell is suppressed. */
export function redact<T extends SuppressionMark, K extends keyof T>(cell: T, fields: readonly K[]): T | (Omit<T, K> & { [P in K]: null }) {
  if (!cell.suppressed) return cell;
  const copy = { ...cell } as Record<string, unknown>;
  for (const field of fields) copy[field as string] = null;
  return copy as Omit<T, K> & { [P in K]: null };
}
