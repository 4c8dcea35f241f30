/**
 * Complementary (secondary) suppression: which further cells to hide so that no hidden cell can
 * be worked out by subtraction.
 *
 * A margin is a set of cells tied by one published equation: the wards of a question add up to the
 * borough figure; the detailed ethnic groups inside "Asian" add up to the published "Asian" group
 * (the parent cell is then a member of the margin itself, so a hidden parent with all its children
 * shown is caught too). If exactly one cell of a margin is hidden, it equals the total minus the
 * others, so the shown cell with the next-smallest base is hidden as well (the first in input order
 * on ties). Hiding it can leave another margin with a single hidden cell, so the rule is applied
 * again until no margin has exactly one hidden cell. A margin whose cells are all hidden, or none,
 * needs nothing. Cells of base 0 are left out by the caller when an empty group reveals nothing.
 *
 * This is the standard rule of thumb of statistical offices for one- and two-level tables (Hundepool
 * et al., Statistical Disclosure Control, 2012, §5.2), not an optimal (fewest cells lost) solution.
 *
 * @example
 * complementarySuppression([{ key: 'N', base: 120 }, { key: 'S', base: 12 }, { key: 'E', base: 45 }], new Set(['S']), [['N', 'S', 'E']])
 * // Set { 'E' }
 */

export interface MarginCell {
  key: string;
  /** Unweighted number of respondents (or returns) behind the cell: the smaller, the less is lost by hiding it. */
  base: number;
}

/**
 * The keys to hide in addition to `primary`. `margins` lists, for each published equation, the keys
 * of its cells (keys not in `cells` are ignored). Pure; `primary` is not changed.
 */
export function complementarySuppression(cells: readonly MarginCell[], primary: ReadonlySet<string>, margins: readonly (readonly string[])[]): Set<string> {
  const order = new Map(cells.map((c, i) => [c.key, i]));
  const base = new Map(cells.map((c) => [c.key, c.base]));
  const hidden = new Set([...primary].filter((k) => order.has(k)));
  const secondary = new Set<string>();
  const groups = margins.map((m) => [...new Set(m)].filter((k) => order.has(k)));
  let changed = true;
  while (changed) {
    changed = false;
    for (const group of groups) {
      if (group.filter((k) => hidden.has(k)).length !== 1) continue;
      let pick: string | undefined;
      for (const k of group) {
        if (hidden.has(k)) continue;
        if (pick === undefined || base.get(k)! < base.get(pick)! || (base.get(k) === base.get(pick) && order.get(k)! < order.get(pick)!)) pick = k;
      }
      // A margin of one cell: its only cell is the total itself, already hidden.
      if (pick === undefined) continue;
      hidden.add(pick);
      secondary.add(pick);
      changed = true;
    }
  }
  return secondary;
}
