/**
 * The committee report (buildWaveReport) on a declared sample design: estimates, CIs on the design
 * df, comparisons and the Rao–Scott test equal R on apiclus1 and apistrat (test/fixtures/r/design/design.R).
 */
import { describe, expect, it } from 'vitest';
import { buildWaveReport } from '../../../analysis/report/build-report.js';
import type { ReportInput, SampleDesignInput } from '../../../analysis/report/types.js';
import fixture from '../../fixtures/r/design/design.json';
import { RELATIVE_TOLERANCE as TOL, expectClose } from '../core/close.js';

const i32 = (a: number[]) => Int32Array.from(a);
const f64 = (a: number[]) => Float64Array.from(a);
const { apiclus1: cl, apistrat: st } = fixture;
const noYes = [
  { value: 'No', label: 'No' },
  { value: 'Yes', label: 'Yes' },
];

function reportOf(d: typeof cl | typeof st, design?: SampleDesignInput) {
  const input: ReportInput = {
    questions: [
      { name: 'sw', construct: 'sw', categories: noYes, nets: [], excludeFromBase: [] },
      { name: 'api00', construct: 'api00', kind: 'numeric', categories: [], nets: [], excludeFromBase: [] },
    ],
    breakdowns: [{ name: 'aw', categories: noYes }],
    answers: d.pw.map((_, i) => ({ sw: noYes[d.schwide[i]].value, aw: noYes[d.awards[i]].value, api00: d.api00[i] })),
    weights: f64(d.pw),
    design,
    threshold: 10,
  };
  return buildWaveReport(input);
}

function expectReport(report: ReturnType<typeof reportOf>, r: typeof cl.report_clus_fpc, chisq: typeof cl.clus_fpc.chisq) {
  const yes = report.estimates.find((e) => e.question === 'sw' && e.category === 'Yes' && e.group === null)!;
  // svyciprop(~I(sw == "Yes"), d, method = "logit"); degf(d)
  expectClose(yes.estimate!, r.overall.estimate, TOL, 'share');
  expectClose(yes.se!, r.overall.se, TOL, 'SE');
  expect(yes.df).toBe(r.overall.degf);
  expectClose(yes.ci![0], r.overall.lower, TOL, 'CI lower');
  expectClose(yes.ci![1], r.overall.upper, TOL, 'CI upper');
  const inNo = report.estimates.find((e) => e.question === 'sw' && e.category === 'Yes' && e.group?.value === 'No')!;
  // svyciprop(~I(sw == "Yes"), subset(d, aw == "No"), method = "logit"); degf(subset(d, aw == "No"))
  const g = r.groups[0];
  expectClose(inNo.estimate!, g.estimate, TOL, 'group share');
  expectClose(inNo.se!, g.se, TOL, 'group SE');
  expect(inNo.df).toBe(g.degf);
  expectClose(inNo.ci![0], g.lower, TOL, 'group CI lower');
  expectClose(inNo.ci![1], g.upper, TOL, 'group CI upper');
  const c = report.comparisons.find((x) => x.question === 'sw' && x.category === 'Yes')!;
  // svycontrast(svyby(~I(as.numeric(sw == "Yes")), ~aw, d, svymean, covmat = TRUE), c(1, -1)); 2 * pt(-|t|, degf(d))
  expectClose(c.difference!, r.difference.estimate, TOL, 'difference');
  expectClose(c.se!, r.difference.se, TOL, 'difference SE');
  expectClose(c.p!, r.difference.p, TOL, 'difference p');
  const m = report.estimates.find((e) => e.question === 'api00' && e.group === null)!;
  // confint(svymean(~api00, d), df = degf(d))
  expectClose(m.estimate!, r.mean_api00.estimate as number, TOL, 'mean');
  expectClose(m.ci![0], r.mean_api00.ci[0], TOL, 'mean CI lower');
  expectClose(m.ci![1], r.mean_api00.ci[1], TOL, 'mean CI upper');
  const a = report.associations.find((x) => x.question === 'sw')!;
  // svychisq(~sw + aw, d, statistic = "F")
  expectClose(a.F!, chisq.F, TOL, 'F');
  expectClose(a.ddf!, chisq.ddf, TOL, 'ddf');
  expectClose(a.p!, chisq.p, TOL, 'p');
}

describe('the report on a declared sample design equals R', () => {
  it('one-stage cluster sample with fpc: svydesign(ids = ~dnum, weights = ~pw, fpc = ~fpc, data = apiclus1)', () => {
    const report = reportOf(cl, { psu: i32(cl.dnum), fpc: f64(cl.fpc) });
    expectReport(report, cl.report_clus_fpc, cl.clus_fpc.chisq);
    expect(report.sampleDesign).toEqual({
      strata: 1,
      psus: 15,
      clustered: true,
      fpc: true,
      df: 14,
      text: "Sample design declared at import: 15 PSUs (clusters) and a finite population correction. Standard errors, confidence intervals and tests allow for the clustering and the finite population correction (as R survey's svydesign(ids = ~psu, fpc = ~fpc)), with 14 design degrees of freedom (PSUs minus strata).",
    });
  });
  it('stratified clusters: svydesign(ids = ~dnum, strata = ~stype, weights = ~pw, nest = TRUE, data = apistrat)', () => {
    const report = reportOf(st, { strata: i32(st.stype), psu: i32(st.dnum), stratumNames: ['E', 'H', 'M'] });
    expectReport(report, st.report_strat_clus, st.strat_clus.chisq);
    expect(report.sampleDesign?.text).toBe(
      "Sample design declared at import: 3 strata and 162 PSUs (clusters) within the strata. Standard errors, confidence intervals and tests allow for the stratification and the clustering (as R survey's svydesign(ids = ~psu, strata = ~stratum)), with 159 design degrees of freedom (PSUs minus strata).",
    );
  });
  it('without a declared design, says so and gives no df', () => {
    const report = reportOf(cl);
    expect(report.sampleDesign).toBeNull();
    expect(report.estimates.every((e) => e.df === undefined)).toBe(true);
  });
});
