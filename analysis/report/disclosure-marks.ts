/**
 * Which groups of a question's breakdowns are hidden, decided for all breakdowns at once
 * (../disclosure/suppress.ts, linkedBreakdownReasons). Each breakdown's groups add up to its total;
 * a grouped form (e.g. ethnicity as White / Asian / …) adds one equation per parent group: the
 * parent equals the detailed groups inside it. With both in one decision a detailed group hidden in
 * one table is not the published parent minus its shown siblings, and a parent hidden as a second
 * cell is not the sum of its shown children.
 */
import { type GroupRef, linkedBreakdownReasons } from '../disclosure/suppress.js';
import type { ReportBreakdown } from './types.js';

/** Unweighted respondents with a valid answer (and a weight above 0) in each group: the tables' n. */
export function groupBases(groups: Int32Array, G: number, answered: (i: number) => boolean, weights: Float64Array): number[] {
  const n: number[] = new Array(G).fill(0);
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i];
    if (g >= 0 && weights[i] > 0 && answered(i)) n[g]++;
  }
  return n;
}

/**
 * groupBases of several breakdowns for one question in one pass, who answered as a 0/1 mask: the
 * same counts.
 */
export function groupBasesMany(breakdowns: readonly { groups: Int32Array; G: number }[], answered: Uint8Array, weights: Float64Array): number[][] {
  const counts = breakdowns.map((b) => new Int32Array(b.G));
  countBases(
    breakdowns.map((b) => b.groups),
    counts,
    answered,
    weights,
  );
  return counts.map((c) => Array.from(c));
}

// The pass on its own (README: a pass over the respondents).
function countBases(groups: Int32Array[], counts: Int32Array[], answered: Uint8Array, weights: Float64Array): void {
  const B = groups.length;
  for (let i = 0; i < answered.length; i++) {
    if (answered[i] !== 1 || !(weights[i] > 0)) continue;
    for (let b = 0; b < B; b++) {
      const g = groups[b][i];
      if (g >= 0) counts[b][g]++;
    }
  }
}

/** For each grouped form in `breakdowns` whose detailed breakdown is there too: each parent with its children. */
export function parentMargins(breakdowns: readonly ReportBreakdown[]): GroupRef[][] {
  const byName = new Map(breakdowns.map((b) => [b.name, b]));
  return breakdowns.flatMap((p) => {
    const detailed = p.groupsOf ? byName.get(p.groupsOf.breakdown) : undefined;
    if (!(p.groupsOf && detailed)) return [];
    const index = new Map(detailed.categories.map((c, g) => [c.value, g]));
    return Object.entries(p.groupsOf.groups).flatMap(([parent, values]) => {
      const h = p.categories.findIndex((c) => c.value === parent);
      if (h < 0) return [];
      const children = values.flatMap((v) => (index.has(v) ? [[detailed.name, index.get(v)!] as const] : []));
      return [[[p.name, h] as const, ...children]];
    });
  });
}

/** The reason each group of each breakdown is hidden (null when shown), by breakdown name. */
export function breakdownMarks(breakdowns: readonly ReportBreakdown[], bases: ReadonlyMap<string, readonly number[]>, threshold: number) {
  return linkedBreakdownReasons(
    breakdowns.map((b) => ({ name: b.name, bases: bases.get(b.name)! })),
    threshold,
    parentMargins(breakdowns),
  );
}
