/**
 * Disclosure control for published estimates (DESIGN.md "Disclosure control").
 *
 * Rules:
 * 1. Primary suppression: a cell whose UNWEIGHTED base is below the threshold (default 30;
 *    10 for counts of youth responses by school, SCHOOL_COUNT_THRESHOLD) is suppressed with the
 *    reason "Fewer than 30 replies, so hidden". The reason never gives the base: with the total
 *    published it would be the hidden count itself.
 * 2. Complementary suppression (./complementary.ts): cells that share a `breakdown` (the groups of
 *    one variable, e.g. all wards for one question) add up to the published total, and any extra
 *    `margins` (a parent group and its detailed groups) are equations too; when exactly one cell
 *    of a margin is suppressed it could be derived by subtraction, so the shown cell with the
 *    next-smallest base is suppressed too, reason COMPLEMENTARY_REASON, until no margin has a
 *    single hidden cell. Two or more suppressed cells protect each other.
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
 *   // South: "Fewer than 30 replies, so hidden"; East: "Hidden so a small group cannot be worked out"
 */

import { complementarySuppression } from './complementary.js';

export const BASE_THRESHOLD = 30;
export const SCHOOL_COUNT_THRESHOLD = 10;
export const COMPLEMENTARY_REASON = 'Hidden so a small group cannot be worked out';

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
  /** What is counted, for the reason text: 'replies' (default) or 'returns'. */
  unit?: string;
  /** Further published equations, as lists of keys: e.g. a parent group's key with its detailed groups' keys. */
  margins?: readonly (readonly string[])[];
}

/** Why a small cell is hidden: the threshold, never the cell's own count. */
export function smallBaseReason(threshold: number, unit = 'replies'): string {
  return `Fewer than ${threshold} ${unit}, so hidden`;
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
    return { ...cell, suppressed: small, reason: small ? smallBaseReason(threshold, options.unit) : null };
  });

  const breakdowns = new Map<string, string[]>();
  for (const cell of marked) {
    if (cell.breakdown === undefined) continue;
    breakdowns.set(cell.breakdown, [...(breakdowns.get(cell.breakdown) ?? []), cell.key]);
  }
  const secondary = complementarySuppression(marked, new Set(marked.filter((c) => c.suppressed).map((c) => c.key)), [
    ...breakdowns.values(),
    ...(options.margins ?? []),
  ]);
  for (const cell of marked) {
    if (!secondary.has(cell.key)) continue;
    cell.suppressed = true;
    cell.reason = COMPLEMENTARY_REASON;
  }
  return marked;
}

/** Counts of youth responses by school: threshold 10. */
export function suppressSchoolCounts<T extends DisclosureCell>(cells: readonly T[]): Suppressed<T>[] {
  return suppressReturnCounts(cells);
}

/** Counts of returns (by school, by ward) beside their published total: threshold 10, as for schools. */
export function suppressReturnCounts<T extends DisclosureCell>(cells: readonly T[]): Suppressed<T>[] {
  return suppress(cells, { threshold: SCHOOL_COUNT_THRESHOLD, unit: 'returns' });
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

export const EMPTY_GROUP_REASON = 'No respondents in this group.';

/**
 * The reason each group of one breakdown is hidden (null when shown), for groups whose bases add up
 * to a published total: primary and complementary suppression, with `margins` of group indexes
 * (e.g. the detailed groups of one parent) as further equations. A group nobody is in reveals
 * nothing, so it is hidden as empty and takes no part in complementary suppression.
 */
export function breakdownReasons(bases: readonly number[], threshold: number, margins: readonly (readonly number[])[] = []): (string | null)[] {
  const only = 'groups';
  return linkedBreakdownReasons(
    [{ name: only, bases }],
    threshold,
    margins.map((m) => m.map((g) => [only, g] as const)),
  ).get(only)!;
}

/** The unweighted bases of one breakdown's groups, in its category order. */
export interface BreakdownBases {
  name: string;
  bases: readonly number[];
}

/** A group of a breakdown: [breakdown name, group index]. */
export type GroupRef = readonly [string, number];

/**
 * breakdownReasons for several breakdowns decided in one go, so that equations linking them are
 * honoured: each breakdown's groups add up to its total, and each of `margins` (e.g. a parent group of
 * a grouped form with the detailed groups inside it) is one more equation. Deciding them apart would
 * let a detailed group hidden in one table be worked out from the other table.
 */
export function linkedBreakdownReasons(
  breakdowns: readonly BreakdownBases[],
  threshold: number,
  margins: readonly (readonly GroupRef[])[] = [],
): Map<string, (string | null)[]> {
  const key = ([name, g]: GroupRef) => `${g}\u0000${name}`;
  const present = breakdowns.flatMap((b) => b.bases.flatMap((base, g) => (base > 0 ? [{ key: key([b.name, g]), breakdown: b.name, base }] : [])));
  const marked = new Map(suppress(present, { threshold, margins: margins.map((m) => m.map(key)) }).map((c) => [c.key, c.reason ? `${c.reason}.` : null]));
  return new Map(breakdowns.map((b) => [b.name, b.bases.map((base, g) => (base > 0 ? (marked.get(key([b.name, g])) ?? null) : EMPTY_GROUP_REASON))]));
}
