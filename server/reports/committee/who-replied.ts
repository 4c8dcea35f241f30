/**
 * "Who replied": for each variable the wave was weighted by (and ethnicity), each group's share of
 * the population, of the replies (unweighted) and of the weighted replies, with the groups the
 * replies under-represent flagged. The rule: a group is under-represented when its share of the
 * replies is below 0.8 times its share of the population (UNDER_REPRESENTED_RATIO).
 */
import { BASE_THRESHOLD, breakdownReasons } from '../../../analysis/disclosure/suppress.js';
import type { Margin } from '../../weighting/margins.js';
import type { WaveData } from '../wave-data.js';
import type { Block, Cell } from './model.js';

export const UNDER_REPRESENTED_RATIO = 0.8;
/** Background questions shown besides the weighting variables (no population figures are held for them). */
const ALSO_SHOWN = ['ethnicity_group'];

export interface GroupShare {
  label: string;
  population: number | null;
  /** null when the group is hidden: with the number of replies its share would give its count. */
  sample: number | null;
  weighted: number | null;
  under: boolean;
  /** Why the group's shares are hidden (fewer than 30 replies, or a second group); null when shown. */
  hidden: string | null;
}

export interface WhoReplied {
  variable: string;
  title: string;
  groups: GroupShare[];
}

const pct1 = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The shares of each weighting variable (one question each) and of ethnicity, from the wave's answers and weights. */
export function whoReplied(data: WaveData, margins: readonly Margin[]): WhoReplied[] {
  const out: WhoReplied[] = [];
  const single = margins.filter((m) => m.questions.length === 1);
  const names = [...single.map((m) => m.questions[0]), ...ALSO_SHOWN.filter((n) => !single.some((m) => m.questions[0] === n))];
  for (const name of names) {
    const breakdown = data.breakdowns.find((b) => b.name === name);
    if (!breakdown) continue;
    const margin = single.find((m) => m.questions[0] === name);
    const values = margin ? margin.categories : breakdown.categories.map((c) => c.value);
    const count = new Map<string, number>();
    const weight = new Map<string, number>();
    let n = 0;
    let w = 0;
    data.answers.forEach((a, i) => {
      const v = a[name];
      if (v === undefined || v === null || !values.includes(String(v))) return;
      count.set(String(v), (count.get(String(v)) ?? 0) + 1);
      weight.set(String(v), (weight.get(String(v)) ?? 0) + data.weights[i]);
      n++;
      w += data.weights[i];
    });
    if (!n) continue;
    const total = margin ? margin.targets.reduce((s, t) => s + t, 0) : 0;
    // The replies' shares, with the number of replies, are counts: small ones are hidden as in the
    // tables, with a second group so none is the rest minus the others (an empty group shows 0%).
    const reasons = breakdownReasons(
      values.map((v) => count.get(v) ?? 0),
      BASE_THRESHOLD,
    );
    const groups = values.map((v, k) => {
      const population = margin && total ? margin.targets[k] / total : null;
      const hidden = count.get(v) ? reasons[k] : null;
      const sample = hidden ? null : (count.get(v) ?? 0) / n;
      return {
        label: breakdown.categories.find((c) => c.value === v)?.label ?? v,
        population,
        sample,
        weighted: hidden ? null : (weight.get(v) ?? 0) / w,
        under: population !== null && sample !== null && sample < UNDER_REPRESENTED_RATIO * population,
        hidden,
      };
    });
    out.push({ variable: name, title: breakdown.title ?? name, groups });
  }
  return out;
}

export const UNDER_RULE = `A group is marked “under-represented” when its share of the replies is less than ${UNDER_REPRESENTED_RATIO} times its share of the population (for example, 8% of replies from a group that is 10% or more of the population).`;

/** One table per variable; `caption` names it. */
export function whoRepliedTable(w: WhoReplied, tableNo: number, what: string): Block {
  return {
    kind: 'table',
    caption: `Table ${tableNo}. Who replied by ${what}: share of the population, of the replies and of the weighted replies${
      w.groups.some((g) => g.hidden) ? `; “hidden” where a group has fewer than ${BASE_THRESHOLD} replies, or would let one be worked out` : ''
    }`,
    head: ['Group', 'Population', 'Replies', 'Weighted replies', 'Under-represented?'],
    rows: w.groups.map((g): Cell[] => [
      { text: g.label, header: true, strong: g.under },
      { text: g.population === null ? 'no figure' : pct1(g.population) },
      { text: g.sample === null ? 'hidden' : pct1(g.sample), strong: g.under },
      { text: g.weighted === null ? 'hidden' : pct1(g.weighted) },
      { text: g.population === null ? 'not known' : g.under ? 'Under-represented' : 'No', strong: g.under },
    ]),
  };
}

/** "People aged 18 to 24 (6.0% of replies, 9.9% of the population)": the flagged groups in words. */
export function underRepresentedWords(all: readonly WhoReplied[]): string[] {
  return all.flatMap((w) => w.groups.filter((g) => g.under).map((g) => `${g.label} (${pct1(g.sample!)} of replies, ${pct1(g.population!)} of the population)`));
}
