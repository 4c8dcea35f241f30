/**
 * The whole report against R survey: a synthetic resident survey raked to sex, age band and ward
 * (test/fixtures/r/report/report.R makes the data and the expected values).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildWaveReport } from '../../../analysis/report/build-report.js';
import type { ReportQuestion } from '../../../analysis/report/types.js';
import { rake } from '../../../analysis/weights/rake.js';

const R = JSON.parse(readFileSync(new URL('../../fixtures/r/report/report.json', import.meta.url), 'utf8'));
const TOL = 1e-8;
const close = (actual: number | null | undefined, expected: number) => {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(TOL * Math.max(1, Math.abs(expected)));
};
const one = (x: number | number[] | number[][]): number => (Array.isArray(x) ? one(x[0] as number | number[]) : x);

const answers: Record<string, unknown>[] = R.data.map((r: Record<string, unknown>) => ({ ...r }));
const scale = ['very_safe', 'fairly_safe', 'neither', 'fairly_unsafe', 'very_unsafe', 'dont_know'];
const question: ReportQuestion = {
  name: 'safe_dark',
  construct: 'safety.after_dark.local',
  categories: scale.map((v) => ({ value: v, label: v })),
  nets: [{ name: 'unsafe', values: ['fairly_unsafe', 'very_unsafe'] }],
  excludeFromBase: ['dont_know'],
};
const cats = (vs: string[]) => vs.map((v) => ({ value: v, label: v }));
const margins = R.margins.map((m: { variable: string; categories: string[]; targets: number[] }) => {
  const index = new Map(m.categories.map((c, i) => [c, i]));
  return { name: m.variable, categories: m.categories, targets: m.targets, cells: Int32Array.from(answers, (a) => index.get(a[m.variable] as string)!) };
});
const raked = rake(new Float64Array(answers.length).fill(1), margins);

function report(by: string[]) {
  return buildWaveReport({
    questions: [question],
    breakdowns: by.map((b) => ({ name: b, categories: cats(R.margins.find((m: { variable: string }) => m.variable === b).categories) })),
    answers,
    weights: raked.weights,
    calibration: { kind: 'raking', margins: raked.calibration.margins, marginWeights: raked.calibration.marginWeights },
  });
}

describe('survey report against R survey (raked design)', () => {
  it('rakes to the same weights', () => {
    // R: weights(rake(des0, list(~sex, ~age_band, ~ward), pop))
    R.weights.forEach((w: number, i: number) => close(raked.weights[i], w));
  });

  const r = report(['sex', 'ward']);
  const overall = (category: string) => r.estimates.find((e) => e.group === null && e.category === category)!;

  it('gives the overall net and category with calibration-aware SE and logit CI', () => {
    // R: svymean(~unsafe, subset(des, inbase)); svyciprop(~unsafe, base, method = "logit")
    close(overall('unsafe').estimate, R.overall.unsafe);
    close(overall('unsafe').se, one(R.overall.unsafe_se));
    close(overall('unsafe').ci![0], R.overall.unsafe_ci[0]);
    close(overall('unsafe').ci![1], R.overall.unsafe_ci[1]);
    expect(overall('unsafe').n).toBe(R.design_df + 1);
    // R: svymean(~very_safe, base)
    close(overall('very_safe').estimate, R.overall.very_safe);
    close(overall('very_safe').se, one(R.overall.very_safe_se));
  });

  it('states the base and leaves "Don\'t know" out of it', () => {
    expect(r.bases[0].excluded).toEqual(['dont_know']);
    expect(r.estimates.some((e) => e.category === 'dont_know')).toBe(false);
  });

  it('gives domain estimates by sex and their difference with the domain covariance', () => {
    const bySex = (v: string) => r.estimates.find((e) => e.group?.variable === 'sex' && e.group.value === v && e.category === 'unsafe')!;
    // R: svyratio of domain totals (= svyby(~unsafe, ~sex, base, svymean) with covmat)
    close(bySex('female').estimate, R.by_sex.est[0]);
    close(bySex('male').estimate, R.by_sex.est[1]);
    close(bySex('female').se, R.by_sex.se[0]);
    close(bySex('male').se, R.by_sex.se[1]);
    // R: svyciprop(~unsafe, subset(base, sex == "female"), method = "logit")
    close(bySex('female').ci![0], R.by_sex.female_ci[0]);
    close(bySex('female').ci![1], R.by_sex.female_ci[1]);
    const c = r.comparisons.find((x) => x.variable === 'sex' && x.category === 'unsafe')!;
    // R: d = est_f − est_m; se = sqrt(V11 + V22 − 2 V12); p = 2 * pt(-abs(d / se), degf(base))
    close(c.difference, R.by_sex.diff);
    close(c.se, R.by_sex.diff_se);
    close(c.p, R.by_sex.p);
    expect(c.significant).toBe(true);
  });

  it('compares every pair of wards and adjusts p within the table (BH)', () => {
    const pairs = r.comparisons.filter((x) => x.variable === 'ward' && x.category === 'unsafe');
    expect(pairs.map((p) => `${p.a}-${p.b}`)).toEqual(['w1-w2', 'w1-w3', 'w1-w4', 'w2-w3', 'w2-w4', 'w3-w4']);
    pairs.forEach((p, k) => {
      // R: contrast cc over svyratio domain means; 2 * pt(-abs(est / se), degf(base))
      close(p.difference, R.by_ward.pairs_diff[k]);
      close(p.se, R.by_ward.pairs_se[k]);
      close(p.p, R.by_ward.pairs_p[k]);
    });
    // The table of ward comparisons holds every category and net, so its BH family is larger than
    // R's six p-values for the net alone: check the ordering property instead of R's numbers.
    for (const p of pairs) expect(p.pAdjusted!).toBeGreaterThanOrEqual(p.p!);
  });

  it('tests association with the Rao–Scott second-order F', () => {
    const a = report(['age_band']).associations.find((x) => x.variable === 'age_band')!;
    // R: svychisq(~safe5 + age_band, base)   (default statistic = "F")
    close(a.F, R.rao_scott.F);
    close(a.ndf, R.rao_scott.ndf);
    close(a.ddf, R.rao_scott.ddf);
    close(a.p, R.rao_scott.p);
  });

  it('reports a numeric question as a weighted mean, overall and by group', () => {
    const hh = buildWaveReport({
      questions: [{ name: 'hh', construct: 'household.size', kind: 'numeric', categories: [], nets: [], excludeFromBase: [] }],
      breakdowns: [{ name: 'sex', categories: cats(['female', 'male']) }],
      answers,
      weights: raked.weights,
      calibration: { kind: 'raking', margins: raked.calibration.margins, marginWeights: raked.calibration.marginWeights },
    });
    const overall = hh.estimates.find((e) => e.group === null)!;
    // R: svymean(~hh, subset(des, !is.na(hh)), na.rm = TRUE)
    expect(overall.category).toBe('mean');
    close(overall.estimate, R.household.mean);
    close(overall.se, one(R.household.se));
    expect(overall.n).toBe(R.household.n);
    // R: svyby(~hh, ~sex, subset(des, !is.na(hh)), svymean, na.rm = TRUE)
    const female = hh.estimates.find((e) => e.group?.value === 'female')!;
    close(female.estimate, R.household.by_sex[0]);
    close(female.se, R.household.by_sex_se[0]);
  });
});

describe('disclosure control in the report', () => {
  // Twelve respondents in ward w9: below the threshold of 30.
  const small = answers.map((a, i) => (i < 12 ? { ...a, ward: 'w9' } : a));
  const r = buildWaveReport({
    questions: [question],
    breakdowns: [{ name: 'ward', categories: cats(['w1', 'w2', 'w3', 'w4', 'w9', 'w0']) }],
    answers: small,
    weights: new Float64Array(small.length).fill(1),
  });
  const byWard = (w: string) => r.estimates.filter((e) => e.group?.value === w);

  it('suppresses a group whose base is below 30, with the reason, and the next-smallest group to protect it', () => {
    const w9 = byWard('w9');
    expect(w9.length).toBeGreaterThan(0);
    for (const e of w9) {
      expect(e).toMatchObject({ suppressed: true, estimate: null, se: null, ci: null });
      expect(e.reason).toMatch(/^Fewer than 30 replies, so hidden\.$/);
      // No base either: with the total it would be the hidden count.
      expect(e.n).toBeNull();
    }
    // Each ward's base counted from the answers (the question's base leaves out don't know and blanks).
    const base = (w: string) => small.filter((a) => a.ward === w && typeof a.safe_dark === 'string' && a.safe_dark !== 'dont_know').length;
    const sizes = ['w1', 'w2', 'w3', 'w4'].map((w) => ({ w, n: base(w) })).sort((a, b) => a.n - b.n);
    expect(byWard(sizes[0].w).every((e) => e.n === null)).toBe(true);
    expect(byWard(sizes[1].w)[0].n).toBe(sizes[1].n);
    expect(byWard(sizes[0].w).every((e) => e.suppressed && /^Hidden so a small group cannot be worked out\.$/.test(e.reason!))).toBe(true);
    expect(byWard(sizes[1].w).every((e) => !e.suppressed)).toBe(true);
  });

  it('says an empty group has no respondents and does not suppress others for it', () => {
    expect(byWard('w0').every((e) => e.suppressed && e.reason === 'No respondents in this group.')).toBe(true);
  });

  it('suppresses every comparison with a suppressed group', () => {
    const withW9 = r.comparisons.filter((c) => c.a === 'w9' || c.b === 'w9');
    expect(withW9.length).toBeGreaterThan(0);
    expect(withW9.every((c) => c.suppressed && c.p === null && !c.significant)).toBe(true);
  });
});
