// Complementary suppression has no R counterpart: the expected cells follow the rule in
// analysis/disclosure/complementary.ts, worked by hand for each table below.
import { describe, expect, it } from 'vitest';
import { complementarySuppression } from '../../../analysis/disclosure/complementary.js';
import { COMPLEMENTARY_REASON, suppress } from '../../../analysis/disclosure/suppress.js';

const cells = (bases: Record<string, number>) => Object.entries(bases).map(([key, base]) => ({ key, base }));
const sorted = (s: Set<string>) => [...s].sort();

describe('complementarySuppression', () => {
  it('hides the next-smallest cell when a margin has exactly one hidden cell', () => {
    const c = cells({ North: 120, South: 12, East: 45, West: 60 });
    expect(sorted(complementarySuppression(c, new Set(['South']), [['North', 'South', 'East', 'West']]))).toEqual(['East']);
  });

  it('adds nothing when none is hidden, when two are, and when all are', () => {
    const c = cells({ A: 50, B: 12, C: 20, D: 60 });
    const all = [['A', 'B', 'C', 'D']];
    expect(complementarySuppression(c, new Set(), all).size).toBe(0);
    expect(complementarySuppression(c, new Set(['B', 'C']), all).size).toBe(0);
    expect(complementarySuppression(c, new Set(['A', 'B', 'C', 'D']), all).size).toBe(0);
  });

  it('breaks a tie by input order', () => {
    const c = cells({ A: 5, B: 40, C: 40, D: 90 });
    expect(sorted(complementarySuppression(c, new Set(['A']), [['A', 'B', 'C', 'D']]))).toEqual(['B']);
    const reversed = cells({ A: 5, C: 40, B: 40, D: 90 });
    expect(sorted(complementarySuppression(reversed, new Set(['A']), [['A', 'C', 'B', 'D']]))).toEqual(['C']);
  });

  it('repeats until stable when a secondary cell leaves another margin with one hidden cell', () => {
    // Detailed groups inside two parents, and the parents add up to the total:
    // Asian = Indian + Pakistani + Bangladeshi; Black = African + Caribbean; total = Asian + Black + White.
    // Pakistani (8) is small: Bangladeshi (31) is hidden with it inside Asian. No parent is hidden,
    // so the parent margin is untouched. Then Caribbean hidden alone inside Black: African goes too.
    const c = cells({ White: 400, Asian: 90, Black: 70, Indian: 51, Pakistani: 8, Bangladeshi: 31, African: 45, Caribbean: 25 });
    const margins = [
      ['White', 'Asian', 'Black'],
      ['Asian', 'Indian', 'Pakistani', 'Bangladeshi'],
      ['Black', 'African', 'Caribbean'],
    ];
    expect(sorted(complementarySuppression(c, new Set(['Pakistani', 'Caribbean']), margins))).toEqual(['African', 'Bangladeshi']);
  });

  it('follows a chain across margins: a hidden parent is protected among the parents, and its children follow', () => {
    // Mixed (20) and both its children are small. Among the parents Mixed is the one hidden cell,
    // so Other (35), the next-smallest, is hidden too. Other's only detailed group is Arab (35 =
    // Other): hiding Other leaves that margin with one hidden cell, so Arab is hidden as well.
    const c = cells({ White: 400, Mixed: 20, Other: 35, WhiteBlackCaribbean: 12, WhiteAsian: 8, Arab: 35 });
    const margins = [
      ['White', 'Mixed', 'Other'],
      ['Mixed', 'WhiteBlackCaribbean', 'WhiteAsian'],
      ['Other', 'Arab'],
    ];
    const primary = new Set(['Mixed', 'WhiteBlackCaribbean', 'WhiteAsian']);
    expect(sorted(complementarySuppression(c, primary, margins))).toEqual(['Arab', 'Other']);
  });

  it('hides a shown child when its parent is the only hidden cell of the parent margin', () => {
    const c = cells({ Asian: 25, Indian: 40, Pakistani: 35 });
    // A parent hidden for its own reason with every child shown is their sum: the smallest child goes.
    expect(sorted(complementarySuppression(c, new Set(['Asian']), [['Asian', 'Indian', 'Pakistani']]))).toEqual(['Pakistani']);
  });

  it('ignores keys a margin names that are not cells', () => {
    const c = cells({ A: 5, B: 50 });
    expect(sorted(complementarySuppression(c, new Set(['A']), [['A', 'B', 'Z']]))).toEqual(['B']);
  });
});

describe('suppress with extra margins', () => {
  it('hides a sibling inside a parent group even when the breakdown as a whole has two hidden cells', () => {
    const out = suppress(
      [
        { key: 'Indian', breakdown: 'ethnicity', base: 60 },
        { key: 'Pakistani', breakdown: 'ethnicity', base: 9 },
        { key: 'Bangladeshi', breakdown: 'ethnicity', base: 40 },
        { key: 'African', breakdown: 'ethnicity', base: 50 },
        { key: 'Caribbean', breakdown: 'ethnicity', base: 14 },
      ],
      {
        margins: [
          ['Indian', 'Pakistani', 'Bangladeshi'],
          ['African', 'Caribbean'],
        ],
      },
    );
    expect(out.map((c) => [c.key, c.reason])).toEqual([
      ['Indian', null],
      ['Pakistani', 'Fewer than 30 replies, so hidden'],
      ['Bangladeshi', COMPLEMENTARY_REASON],
      ['African', COMPLEMENTARY_REASON],
      ['Caribbean', 'Fewer than 30 replies, so hidden'],
    ]);
  });
});
