/**
 * Each group against the rest of the sample in the report, against R survey: a synthetic survey with
 * unequal design weights raked on sex and age band, an 8-group breakdown with missing values
 * (test/fixtures/r/report/group-vs-rest.R makes the data and the expected values).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildWaveReport, PAIRS_ON_REQUEST_MAX_GROUPS, PAIRWISE_MAX_GROUPS, REST_OF_SAMPLE } from '../../../analysis/report/build-report.js';
import type { Comparison, ReportBreakdown, ReportInput, ReportQuestion } from '../../../analysis/report/types.js';
import { rake } from '../../../analysis/weights/rake.js';
import { comparisonMethodText } from '../../../analysis/report/comparison-rules.js';

const R = JSON.parse(readFileSync(new URL('../../fixtures/r/report/group-vs-rest.json', import.meta.url), 'utf8'));
const TOL = 1e-8;
const close = (actual: number | null | undefined, expected: number) => {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(TOL * Math.max(1, Math.abs(expected)));
};

const answers: Record<string, unknown>[] = R.data.map((r: Record<string, unknown>) => ({ ...r }));
const cats = (vs: string[]) => vs.map((v) => ({ value: v, label: v.toUpperCase() }));
const scale = ['very_safe', 'fairly_safe', 'neither', 'fairly_unsafe', 'very_unsafe', 'dont_know'];
const safe: ReportQuestion = {
  name: 'safe',
  construct: 'safety.after_dark.local',
  categories: cats(scale),
  nets: [{ name: 'unsafe', values: ['fairly_unsafe', 'very_unsafe'] }],
  excludeFromBase: ['dont_know'],
};
const hh: ReportQuestion = { name: 'hh', construct: 'household.size', kind: 'numeric', categories: [], nets: [], excludeFromBase: [] };
const area: ReportBreakdown = { name: 'area', title: 'Area', categories: cats(R.areas) };
const ageBand: ReportBreakdown = { name: 'age_band', title: 'Age band', categories: cats(['16-34', '35-54', '55+']) };
const margins = R.margins.map((m: { variable: string; categories: string[]; targets: number[] }) => {
  const index = new Map(m.categories.map((c, i) => [c, i]));
  return { name: m.variable, categories: m.categories, targets: m.targets, cells: Int32Array.from(answers, (a) => index.get(a[m.variable] as string)!) };
});
const dw = Float64Array.from(answers, (a) => a.dw as number);
const raked = rake(dw, margins);
const rakedInput = (extra: Partial<ReportInput> = {}): ReportInput => ({
  questions: [safe, hh],
  breakdowns: [area, ageBand],
  answers,
  weights: raked.weights,
  calibration: { kind: 'raking', margins: raked.calibration.margins, marginWeights: raked.calibration.marginWeights },
  ...extra,
});

type Expected = { group: string; estimate: number; rest: number; difference: number; se: number; t: number; p: number; pAdjusted: number };
function checkRest(comps: Comparison[], question: string, row: string, expected: Expected[]) {
  const got = comps.filter((c) => c.question === question && c.variable === 'area' && c.category === row);
  expect(got.map((c) => c.a)).toEqual(R.areas);
  for (const e of expected) {
    const c = got.find((x) => x.a === e.group)!;
    expect(c).toMatchObject({ against: 'rest', b: REST_OF_SAMPLE, suppressed: false });
    close(c.estimateA, e.estimate);
    close(c.estimateB, e.rest);
    close(c.difference, e.difference);
    close(c.se, e.se);
    close(c.t, e.t);
    close(c.p, e.p);
    close(c.pAdjusted, e.pAdjusted);
  }
}

describe('each group against the rest of the sample (raked design, 8 groups, missing group values)', () => {
  it('rakes to the same weights', () => {
    // R: weights(rake(svydesign(ids = ~1, weights = ~dw, data = d), list(~sex, ~age_band), pop))
    R.weights.forEach((w: number, i: number) => close(raked.weights[i], w));
  });

  const r = buildWaveReport(rakedInput());

  it('compares a category, a net and a numeric mean of each group with the rest, BH within the question × breakdown', () => {
    const row = (key: string) => R.raked.safe.find((x: { row: string }) => x.row === key).groups;
    // R: svyratio(~I(y0*inb*ing) + I(y0*inb*(1-ing)), ~I(inb*ing) + I(inb*(1-ing)), des, covmat = TRUE);
    //    d = est[1] − est[2]; se = sqrt(V11 + V22 − 2 V12); p = 2 * pt(-abs(d/se), degf(subset(des, inbase)));
    //    pAdjusted = p.adjust(all 6 rows × 8 areas, "BH")
    //    (= svycontrast(svyby(~y, ~I(area == g), subset(des, inbase & !is.na(area)), svymean, covmat = TRUE), c(-1, 1)))
    checkRest(r.comparisons, 'safe', 'very_safe', row('very_safe'));
    checkRest(r.comparisons, 'safe', 'unsafe', row('unsafe'));
    // R: the same for hh among !is.na(hh); p.adjust over the 8 areas
    checkRest(r.comparisons, 'hh', 'mean', R.raked.hh);
  });

  it('has the group estimate of the comparison equal to the group estimate of the breakdown', () => {
    const c = r.comparisons.find((x) => x.question === 'safe' && x.category === 'unsafe' && x.a === 'a3')!;
    const e = r.estimates.find((x) => x.question === 'safe' && x.category === 'unsafe' && x.group?.value === 'a3')!;
    // R: coef(svyratio(...))[1] for area a3, and its SE
    close(e.estimate, R.raked.safe[5].groups[2].estimate);
    close(e.se, R.raked.safe[5].groups[2].seGroup);
    expect(c.estimateA).toBe(e.estimate);
    // A mean by a breakdown compared with the rest: its estimate and SE come from the same pass.
    // R: svyratio(...) for hh in area a6: coef and sqrt(vcov[1, 1])
    const m = r.estimates.find((x) => x.question === 'hh' && x.group?.value === 'a6')!;
    close(m.estimate, R.raked.hh[5].estimate);
    close(m.se, R.raked.hh[5].seGroup);
  });

  it('equals R without calibration too (checked in R against svyby + svycontrast)', () => {
    const plain = buildWaveReport({ ...rakedInput(), weights: dw, calibration: undefined });
    // R: svycontrast(svyby(~yy, ~I(area == g), subset(plain, inbase & !is.na(area)), svymean, covmat = TRUE), c(-1, 1))
    checkRest(plain.comparisons, 'safe', 'neither', R.plain.safe[2].groups);
    checkRest(plain.comparisons, 'safe', 'unsafe', R.plain.safe[5].groups);
    checkRest(plain.comparisons, 'hh', 'mean', R.plain.hh);
  });

  it("keeps every pair for 3 groups under 'auto', the same numbers as 'pairs'", () => {
    expect(PAIRWISE_MAX_GROUPS).toBe(5);
    const pairs = r.comparisons.filter((c) => c.question === 'safe' && c.variable === 'age_band' && c.category === 'unsafe');
    expect(pairs.map((c) => `${c.a}|${c.b}|${c.against}`)).toEqual(['16-34|35-54|group', '16-34|55+|group', '35-54|55+|group']);
    R.agePairs.forEach((e: { difference: number; se: number; p: number }, k: number) => {
      // R: contrast cc over the svyratio domain means by age band; 2 * pt(-abs(est / se), degf(subset(des, inbase)))
      close(pairs[k].difference, e.difference);
      close(pairs[k].se, e.se);
      close(pairs[k].p, e.p);
    });
    const asked = buildWaveReport(rakedInput({ comparisons: 'pairs' }));
    expect(asked.comparisons.filter((c) => c.variable === 'age_band')).toEqual(r.comparisons.filter((c) => c.variable === 'age_band'));
    expect(r.comparisonRules).toEqual([
      expect.objectContaining({ variable: 'area', groups: 8, against: 'rest' }),
      expect.objectContaining({ variable: 'age_band', groups: 3, against: 'group' }),
    ]);
    expect(r.comparisonRules[0].text).toMatch(/^Area \(8 groups\): each group is compared with the rest of the sample/);
    expect(r.comparisonRules[1].text).toBe('Age band (3 groups): every pair of groups is compared.');
  });

  it("gives every pair of 8 groups under 'pairs', and the rest for every breakdown under 'rest'", () => {
    const asked = buildWaveReport(rakedInput({ comparisons: 'pairs' }));
    const byArea = asked.comparisons.filter((c) => c.question === 'safe' && c.variable === 'area' && c.category === 'unsafe');
    expect(byArea).toHaveLength(28);
    expect(byArea.every((c) => c.against === 'group' && c.b !== REST_OF_SAMPLE)).toBe(true);
    const rest = buildWaveReport(rakedInput({ comparisons: 'rest' }));
    const byAge = rest.comparisons.filter((c) => c.question === 'safe' && c.variable === 'age_band' && c.category === 'unsafe');
    expect(byAge.map((c) => `${c.a}|${c.b}`)).toEqual(['16-34|_rest', '35-54|_rest', '55+|_rest']);
    expect(rest.comparisonRules.map((x) => x.against)).toEqual(['rest', 'rest']);
    expect(rest.comparisonMethod).toMatch(/^Each group of every breakdown is compared with the rest of the sample/);
    // The area numbers do not depend on the mode.
    expect(rest.comparisons.filter((c) => c.variable === 'area')).toEqual(r.comparisons.filter((c) => c.variable === 'area'));
  });

  it('states the rule in the method paragraph', () => {
    expect(r.comparisonMethod).toContain('up to 5 groups, every pair of groups is compared');
    expect(r.comparisonMethod).toContain('each group is compared with the rest of the sample');
    expect(r.comparisonMethod).toContain('Benjamini–Hochberg method within each question and breakdown');
    expect(r.comparisonMethod).toContain('n − 1 degrees of freedom');
  });

  it('refuses an unknown comparison mode', () => {
    expect(() => buildWaveReport(rakedInput({ comparisons: 'every' as 'pairs' }))).toThrow(/Unknown comparisons 'every': use auto, pairs or rest/);
  });
});

describe("'pairs' on a breakdown of 13 groups", () => {
  // 13 groups over the fixture's respondents, in turn.
  const groups13 = Array.from({ length: 13 }, (_, i) => `z${i + 1}`);
  const withZone = answers.map((a, i) => ({ ...a, zone: groups13[i % 13] }));
  const zone: ReportBreakdown = { name: 'zone', title: 'Zone', categories: cats(groups13) };
  const input = (comparisons: ReportInput['comparisons']): ReportInput => ({ ...rakedInput({ comparisons }), answers: withZone, breakdowns: [zone] });
  const asked = buildWaveReport(input('pairs'));

  it('falls back to the rest of the sample, and the rule says so', () => {
    expect(PAIRS_ON_REQUEST_MAX_GROUPS).toBe(12);
    const row = asked.comparisons.filter((c) => c.question === 'safe' && c.category === 'unsafe');
    expect(row).toHaveLength(13);
    expect(row.every((c) => c.against === 'rest' && c.b === REST_OF_SAMPLE)).toBe(true);
    expect(asked.comparisonRules).toEqual([
      {
        variable: 'zone',
        groups: 13,
        against: 'rest',
        text: 'Zone (13 groups): every pair of groups was asked for, but above 12 groups that would be 78 comparisons for each answer, so each group is compared with the rest of the sample (everyone else who answered this breakdown) instead.',
      },
    ]);
    expect(asked.comparisonMethod).toContain('in a breakdown with more groups each group is compared with the rest of the sample');
  });

  it('keeps the BH family to the question × breakdown (13 groups × 6 rows, whatever the other questions)', () => {
    const fam = asked.comparisons.filter((c) => c.question === 'safe' && c.variable === 'zone');
    expect(fam).toHaveLength(13 * 6);
    // BH by hand over this family alone: sorted decreasingly, adjusted p_(i) = min over k ≥ i of m/k · p_(k).
    const ps = fam.map((c) => c.p!);
    const m = ps.length;
    const order = ps.map((p, i) => ({ p, i })).sort((x, y) => y.p - x.p);
    let running = Infinity;
    const expected = new Array<number>(m);
    order.forEach(({ p, i }, pos) => {
      running = Math.min(running, (m / (m - pos)) * p);
      expected[i] = Math.min(1, running);
    });
    fam.forEach((c, i) => close(c.pAdjusted, expected[i]));
    // The same family alone in a report of only this question gives the same adjusted p.
    const alone = buildWaveReport({ ...input('pairs'), questions: [safe] });
    expect(alone.comparisons.map((c) => c.pAdjusted)).toEqual(fam.map((c) => c.pAdjusted));
  });
});

describe('suppression of comparisons with the rest', () => {
  // Twelve respondents in area a9 (below 30): suppressed, and so is its comparison with the rest.
  const small = answers.map((a, i) => (i < 12 ? { ...a, area: 'a9' } : a));
  const nine: ReportBreakdown = { name: 'area', categories: cats([...R.areas, 'a9']) };
  const r = buildWaveReport({ questions: [safe], breakdowns: [nine], answers: small, weights: new Float64Array(small.length).fill(1) });

  it('suppresses the comparison of a suppressed group, with the reason', () => {
    const c = r.comparisons.find((x) => x.a === 'a9' && x.category === 'unsafe')!;
    expect(c).toMatchObject({
      against: 'rest',
      b: REST_OF_SAMPLE,
      suppressed: true,
      estimateA: null,
      estimateB: null,
      difference: null,
      p: null,
      pAdjusted: null,
    });
    expect(c.reason).toBe('This group is suppressed (base too small).');
  });

  it('suppresses a comparison whose rest of the sample is below the threshold', () => {
    // Everyone but 20 respondents in one group; the 20 in two groups of 10, both suppressed, so the
    // large group is not suppressed to protect them, but its rest has about 20 (< 30).
    const lopsided = answers.map((a, i) => ({ ...a, side: i < 10 ? 'few1' : i < 20 ? 'few2' : 'most' }));
    const side: ReportBreakdown = { name: 'side', categories: cats(['most', 'few1', 'few2']) };
    const lr = buildWaveReport({
      questions: [hh],
      breakdowns: [side],
      answers: lopsided,
      weights: new Float64Array(lopsided.length).fill(1),
      comparisons: 'rest',
    });
    const most = lr.comparisons.find((x) => x.a === 'most')!;
    // The two small groups' bases are hidden (n null); the rest is everyone else who answered.
    expect(lr.estimates.filter((e) => e.group?.value.startsWith('few')).map((e) => e.n)).toEqual([null, null]);
    const nFew = lr.estimates.find((e) => e.group === null)!.n! - lr.estimates.find((e) => e.group?.value === 'most')!.n!;
    expect(lr.estimates.find((e) => e.group?.value === 'most')!.suppressed).toBe(false);
    expect(most.suppressed).toBe(true);
    // The rest is below 30, and the reason gives the threshold, not the rest's base.
    expect(nFew).toBe(20);
    expect(most.reason).toBe('The rest of the sample has fewer than 30 replies, so it is not compared.');
  });
});

describe('the method says what each Benjamini–Hochberg family contains', () => {
  it('names the three families', () => {
    const text = comparisonMethodText();
    expect(text).toContain('the group comparisons of one question by one breakdown');
    expect(text).toContain('the tests of association (Rao–Scott, one per question and breakdown) are one family across the report');
    expect(text).toContain('the changes since an earlier wave (every answer and net of every question) are one family across the report');
  });
});
