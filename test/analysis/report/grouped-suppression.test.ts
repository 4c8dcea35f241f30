/**
 * A breakdown and its grouped form are suppressed in one decision: a parent group hidden as the
 * second cell of the grouped form is not the sum of its shown detailed groups, and a small detailed
 * group is not its published parent minus its shown siblings. Made-up answers, equal weights.
 */
import { describe, expect, it } from 'vitest';
import { COMPLEMENTARY_REASON, smallBaseReason } from '../../../analysis/disclosure/suppress.js';
import { buildWaveReport } from '../../../analysis/report/build-report.js';
import type { ReportBreakdown } from '../../../analysis/report/types.js';

const cats = (vs: string[]) => vs.map((v) => ({ value: v, label: v }));
const detailed: ReportBreakdown = { name: 'eth', categories: cats(['w1', 'w2', 'a1', 'a2', 'b1', 'b2']) };
const grouped: ReportBreakdown = {
  name: 'eth_group',
  categories: cats(['white', 'asian', 'black']),
  groupsOf: { breakdown: 'eth', groups: { white: ['w1', 'w2'], asian: ['a1', 'a2'], black: ['b1', 'b2'] } },
};
const parentOf: Record<string, string> = { w1: 'white', w2: 'white', a1: 'asian', a2: 'asian', b1: 'black', b2: 'black' };
// Asian (15 + 10 = 25) is below 30, so Black (31 + 34 = 65) is hidden beside it among the parents.
const sizes: Record<string, number> = { w1: 100, w2: 100, a1: 15, a2: 10, b1: 31, b2: 34 };
const answers = Object.entries(sizes).flatMap(([eth, n]) =>
  Array.from({ length: n }, (_, i) => ({ safe: i % 3 === 0 ? 'no' : 'yes', eth, eth_group: parentOf[eth] })),
);
const total = answers.length;

function reasons(report: ReturnType<typeof buildWaveReport>, variable: string) {
  return Object.fromEntries(
    report.estimates.filter((e) => e.category === 'yes' && e.group?.variable === variable).map((e) => [e.group!.value, e.reason ?? null]),
  );
}

describe('grouped form and detailed breakdown suppressed together', () => {
  const report = buildWaveReport({
    questions: [{ name: 'safe', construct: 'safe', categories: cats(['yes', 'no']), nets: [], excludeFromBase: [] }],
    breakdowns: [detailed, grouped],
    answers,
    weights: new Float64Array(total).fill(1),
  });
  const small = `${smallBaseReason(30)}.`;
  const second = `${COMPLEMENTARY_REASON}.`;

  it('hides the smallest child of a parent that is hidden only as a second cell', () => {
    expect(reasons(report, 'eth_group')).toEqual({ white: null, asian: small, black: second });
    // Black's children were both shown before: Black = b1 + b2, and then Asian = total − White − Black.
    expect(reasons(report, 'eth')).toEqual({ w1: null, w2: null, a1: small, a2: small, b1: second, b2: null });
  });

  it('leaves no equation with exactly one hidden cell', () => {
    const hidden = (variable: string, value: string) => reasons(report, variable)[value] !== null;
    const equations: [string, string][][] = [
      detailed.categories.map((c) => ['eth', c.value]),
      grouped.categories.map((c) => ['eth_group', c.value]),
      ...Object.entries(grouped.groupsOf!.groups).map(([p, children]): [string, string][] => [
        ['eth_group', p],
        ...children.map((c): [string, string] => ['eth', c]),
      ]),
    ];
    for (const cells of equations) expect(cells.filter(([v, g]) => hidden(v, g)).length).not.toBe(1);
  });

  it('leaves the shown figures as without the grouped form', () => {
    const alone = buildWaveReport({
      questions: [{ name: 'safe', construct: 'safe', categories: cats(['yes', 'no']), nets: [], excludeFromBase: [] }],
      breakdowns: [detailed],
      answers,
      weights: new Float64Array(total).fill(1),
    });
    const w1 = (r: typeof report) => r.estimates.find((e) => e.category === 'yes' && e.group?.value === 'w1')!;
    expect(w1(report).estimate).toBe(w1(alone).estimate);
    expect(w1(report).estimate).toBeCloseTo(66 / 100, 12);
    // Alone, the detailed breakdown hides only the two small Asian groups.
    expect(reasons(alone, 'eth')).toEqual({ w1: null, w2: null, a1: small, a2: small, b1: null, b2: null });
  });
});
