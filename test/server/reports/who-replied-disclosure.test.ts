/**
 * The committee report's "who replied" shares are counts in disguise (share × replies): a small group
 * is hidden, and a second one so it is not 100% minus the others. Made-up answers, equal weights.
 */
import { describe, expect, it } from 'vitest';
import { COMPLEMENTARY_REASON, smallBaseReason } from '../../../analysis/disclosure/suppress.js';
import { whoReplied, whoRepliedTable } from '../../../server/reports/committee/who-replied.js';
import type { WaveData } from '../../../server/reports/wave-data.js';

const sizes = { white: 150, bame: 12, other: 40 } as const;
const answers = Object.entries(sizes).flatMap(([g, n]) => Array.from({ length: n }, () => ({ ethnicity_group: g })));
const data = {
  breakdowns: [{ name: 'ethnicity_group', title: 'Ethnic group (grouped)', categories: Object.keys(sizes).map((value) => ({ value, label: value })) }],
  answers,
  weights: new Float64Array(answers.length).fill(1),
} as unknown as WaveData;

describe('who replied, with small groups hidden', () => {
  const [w] = whoReplied(data, []);

  it('hides the small group and the next-smallest, and shows the rest', () => {
    expect(w.groups.map((g) => [g.label, g.sample, g.weighted, g.hidden])).toEqual([
      ['white', 150 / 202, 150 / 202, null],
      ['bame', null, null, `${smallBaseReason(30)}.`],
      ['other', null, null, `${COMPLEMENTARY_REASON}.`],
    ]);
  });

  it('prints “hidden” in the table and says why in the caption, with no share that gives 12', () => {
    const table = whoRepliedTable(w, 3, 'ethnicity');
    if (table.kind !== 'table') throw new Error('not a table');
    expect(table.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['white', 'no figure', '74.3%', '74.3%', 'not known'],
      ['bame', 'no figure', 'hidden', 'hidden', 'not known'],
      ['other', 'no figure', 'hidden', 'hidden', 'not known'],
    ]);
    expect(table.caption).toContain('“hidden” where a group has fewer than 30 replies');
  });
});
