/**
 * Shares the weighting fixes are not tested for change, decided from the calibration cells. Two
 * waves of the R report fixture's respondents (test/fixtures/r/report/report.R), raked on sex, age
 * band and ward; in the second wave the sex targets move by two points. Backfitted raking leaves
 * the fixed shares with SEs of about 1e-9 to 1e-6, so a rule on the size of the SE called some of
 * them significant changes with p ≈ 0.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildWaveReport } from '../../../analysis/report/build-report.js';
import { compareWaves, FIXED_BY_WEIGHTING_REASON } from '../../../analysis/report/changes.js';
import { fixedByWeighting, fixedRowsByWeighting } from '../../../analysis/report/fixed-by-weighting.js';
import type { CiMethod, ReportQuestion } from '../../../analysis/report/types.js';
import { rake } from '../../../analysis/weights/rake.js';

const R = JSON.parse(readFileSync(new URL('../../fixtures/r/report/report.json', import.meta.url), 'utf8'));
const answers: Record<string, unknown>[] = R.data;
type Margin = { variable: string; categories: string[]; targets: number[] };
const cats = (vs: string[]) => vs.map((v) => ({ value: v, label: v }));
const scale = ['very_safe', 'fairly_safe', 'neither', 'fairly_unsafe', 'very_unsafe', 'dont_know'];
const questions: ReportQuestion[] = [
  ...R.margins.map((m: Margin) => ({ name: m.variable, construct: m.variable, categories: cats(m.categories), nets: [], excludeFromBase: [] })),
  {
    name: 'safe_dark',
    construct: 'safety.after_dark.local',
    categories: cats(scale),
    nets: [{ name: 'unsafe', values: ['fairly_unsafe', 'very_unsafe'] }],
    excludeFromBase: ['dont_know'],
  },
];

function wave(moveSex: number, ci?: CiMethod) {
  const margins = R.margins.map((m: Margin) => {
    const index = new Map(m.categories.map((c, i) => [c, i]));
    const total = m.targets.reduce((s, t) => s + t, 0);
    // Move two points of the population from the second sex category to the first.
    const targets = m.variable === 'sex' ? m.targets.map((t, i) => t + (i === 0 ? 1 : i === 1 ? -1 : 0) * moveSex * total) : m.targets;
    return { name: m.variable, categories: m.categories, targets, cells: Int32Array.from(answers, (a) => index.get(a[m.variable] as string)!) };
  });
  const raked = rake(new Float64Array(answers.length).fill(1), margins);
  return buildWaveReport({ questions, breakdowns: [], answers, weights: raked.weights, calibration: raked.calibration, ci });
}

describe('changes in shares the weighting fixes are not tested', () => {
  const before = wave(0);
  const after = wave(0.02);
  const changes = compareWaves({ wave: '2025', report: before }, { wave: '2026', report: after });
  const marginShares = changes.filter((c) => R.margins.some((m: Margin) => m.variable === c.question));

  it('flags every share of a raking margin as fixed, in both waves', () => {
    for (const r of [before, after]) {
      const shares = r.estimates.filter((e) => e.group === null && R.margins.some((m: Margin) => m.variable === e.question));
      expect(shares.length).toBe(R.margins.reduce((s: number, m: Margin) => s + m.categories.length, 0));
      expect(shares.every((e) => e.fixedByWeighting === true)).toBe(true);
      expect(r.estimates.filter((e) => e.question === 'safe_dark').every((e) => e.fixedByWeighting === false)).toBe(true);
    }
  });

  it('gives a fixed share no interval beyond itself with every method, and the others their own', () => {
    for (const method of ['logit', 'beta', 'wilson'] as const) {
      const r = wave(0.02, method);
      for (const e of r.estimates.filter((x) => x.fixedByWeighting)) expect(e.ci, `${method} ${e.question} ${e.category}`).toEqual([e.estimate, e.estimate]);
      const free = r.estimates.filter((x) => x.question === 'safe_dark');
      expect(
        free.every((e) => e.ci![0] < e.estimate! && e.estimate! < e.ci![1]),
        method,
      ).toBe(true);
    }
  });

  it('some fixed shares have SEs far above rounding, which is why the SE cannot decide', () => {
    const ses = after.estimates.filter((e) => e.fixedByWeighting).map((e) => e.se!);
    expect(Math.max(...ses)).toBeGreaterThan(1e-9);
  });

  it('reports their change (the change of the targets) as not tested, never significant', () => {
    const sex = marginShares.filter((c) => c.question === 'sex');
    // R rake stops after 10 sweeps, so the shares move by 2 points to within 1e-4.
    expect(sex.map((c) => Math.abs(c.difference!))).toEqual(sex.map(() => expect.closeTo(0.02, 4)));
    for (const c of marginShares) {
      expect(c.p).toBeNull();
      expect(c.significant).toBe(false);
      expect(c.reason).toBe(FIXED_BY_WEIGHTING_REASON);
    }
  });

  it('still tests the questions the weighting does not fix', () => {
    const safe = changes.filter((c) => c.question === 'safe_dark');
    expect(safe.length).toBe(6); // five answers in the base and the net
    expect(safe.every((c) => c.p !== null && c.reason === undefined)).toBe(true);
  });

  it('a respondent placed in another cell (imputed for the weighting) leaves the share to the test', () => {
    const codes = Int32Array.from([0, 1, 0, 1, -1]);
    const weights = Float64Array.from([1, 1, 1, 1, 1]);
    // Answer "prefer not to say" (not in the base) but weighted in cell 0: the share of cell 0 among
    // the base is no longer a ratio of calibrated totals.
    expect(fixedByWeighting(codes, [0], { kind: 'raking', margins: [Int32Array.from([0, 1, 0, 1, 0])] }, weights)).toBe(false);
    expect(fixedByWeighting(codes, [0], { kind: 'raking', margins: [Int32Array.from([0, 1, 0, 1, 2])] }, weights)).toBe(true);
    // A respondent with weight 0 is not in the design.
    expect(fixedByWeighting(codes, [0], { kind: 'raking', margins: [Int32Array.from([0, 1, 0, 1, 0])] }, Float64Array.from([1, 1, 1, 1, 0]))).toBe(true);
  });

  it('decides every row of a question at once as it decides each row alone', () => {
    const codes = Int32Array.from([0, 1, 0, 1, -1, 2, 2]);
    const rows = [[0], [1], [2], [0, 1], [1, 2]];
    for (const [cells, weights] of [
      [Int32Array.from([0, 1, 0, 1, 0, 2, 2]), Float64Array.from([1, 1, 1, 1, 1, 1, 1])],
      [Int32Array.from([0, 1, 0, 1, 3, 2, 2]), Float64Array.from([1, 1, 1, 1, 1, 1, 1])],
      [Int32Array.from([0, 0, 0, 0, 1, 2, 2]), Float64Array.from([1, 1, 1, 1, 0, 1, 1])],
      [Int32Array.from([0, 1, 0, 1, 0, 2, 0]), Float64Array.from([1, 1, 1, 1, 0, 1, 1])],
    ] as const) {
      const calibration = { kind: 'raking' as const, margins: [cells] };
      const alone = rows.map((members) => fixedByWeighting(codes, members, calibration, weights));
      expect(fixedRowsByWeighting(codes, rows, calibration, weights)).toEqual(alone);
    }
    // Fixed rows of the second case: the cell of the base-less respondent is their own.
    expect(fixedRowsByWeighting(codes, rows, { kind: 'raking', margins: [Int32Array.from([0, 1, 0, 1, 3, 2, 2])] }, new Float64Array(7).fill(1))).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
  });
});
