/** Strata, clusters (PSUs) and fpc against R svydesign(ids = ~psu, strata = ~h, fpc = ~fpc) — test/fixtures/r/design/design.R. */
import { describe, expect, it } from 'vitest';
import { designCovariance } from '../../../analysis/design/covariance.js';
import { type Design, DesignError, degreesOfFreedom, designDegreesOfFreedom } from '../../../analysis/design/design.js';
import { domainMeans } from '../../../analysis/estimates/domain.js';
import { weightedMean } from '../../../analysis/estimates/mean.js';
import { categoryProportions } from '../../../analysis/estimates/proportions.js';
import { weightedTotal } from '../../../analysis/estimates/total.js';
import { groupDifference } from '../../../analysis/inference/contrast.js';
import { logitCI } from '../../../analysis/inference/ci-logit.js';
import { raoScottF } from '../../../analysis/inference/rao-scott.js';
import { calibrate } from '../../../analysis/weights/calibrate.js';
import { postStratify } from '../../../analysis/weights/poststratify.js';
import { rake } from '../../../analysis/weights/rake.js';
import { wardVsRest } from '../../../analysis/perception/ward-vs-rest.js';
import fixture from '../../fixtures/r/design/design.json';
import { RELATIVE_TOLERANCE as TOL, expectAllClose, expectClose, expectMatrixClose } from '../core/close.js';

const i32 = (a: number[]) => Int32Array.from(a);
const f64 = (a: number[]) => Float64Array.from(a);
const { apistrat: st, apiclus1: cl } = fixture;
type Data = typeof st | typeof cl;
type Case = typeof st.strat_fpc;

/** Everything design_case() in design.R computes, from our estimators. */
function expectCase(design: Design, d: Data, r: Case) {
  const n = d.pw.length;
  // degf(d)
  expect(degreesOfFreedom(design)).toBe(r.degf);
  // svymean(~api00, d)
  const m = weightedMean(design, f64(d.api00));
  expectClose(m.estimate, r.mean_api00.estimates as number, TOL, 'mean');
  expectClose(m.se, r.mean_api00.se as number, TOL, 'mean SE');
  // svytotal(~enroll, d)
  const t = weightedTotal(design, f64(d.enroll));
  expectClose(t.estimate, r.total_enroll.estimate, TOL, 'total');
  expectClose(t.se, r.total_enroll.se, TOL, 'total SE');
  // svymean(~sw, d); vcov(.)
  const sw = categoryProportions(design, i32(d.schwide), 2);
  expectAllClose(sw.estimates, r.schwide.estimates as number[], TOL, 'sch.wide');
  expectMatrixClose(sw.covariance, r.schwide.covariance as number[][]);
  // svyciprop(~I(sw == "Yes"), d, method = "logit"): t on degf(d)
  const ci = logitCI(sw.estimates[1], sw.se[1], degreesOfFreedom(design));
  expectClose(ci.lower, r.schwide_ci.lower, TOL, 'CI lower');
  expectClose(ci.upper, r.schwide_ci.upper, TOL, 'CI upper');
  // svyby(~api00, ~aw, d, svymean, covmat = TRUE)
  const by = domainMeans(design, f64(d.api00), i32(d.awards), 2);
  expectAllClose(
    by.estimates.map((e) => e.estimate),
    r.api00_by_awards.estimates,
    TOL,
    'api00 by awards',
  );
  expectMatrixClose(by.covariance, r.api00_by_awards.covariance);
  // svycontrast(svyby(~api00, ~aw, d, svymean, covmat = TRUE), c(-1, 1))
  const V = by.covariance;
  const diff = groupDifference(by.estimates[1].estimate, by.estimates[0].estimate, V[1][1], V[0][0], V[0][1], r.degf);
  expectClose(diff.difference, r.awards_difference.estimate, TOL, 'difference');
  expectClose(diff.se, r.awards_difference.se, TOL, 'difference SE');
  // svyby(~sw, ~aw, d, svymean, covmat = TRUE)
  const swByAw = categoryProportions(design, i32(d.schwide), 2, i32(d.awards), 2);
  expectAllClose(swByAw.estimates, r.schwide_by_awards.estimates, TOL, 'sch.wide by awards');
  expectMatrixClose(swByAw.covariance, r.schwide_by_awards.covariance);
  // svychisq(~sw + aw, d, statistic = "F"): ν = PSUs − strata of the design
  const joint = categoryProportions(
    design,
    Int32Array.from(d.schwide, (s, i) => s + 2 * d.awards[i]),
    4,
  );
  const p = joint.estimates;
  const chi = raoScottF({
    proportions: [
      [p[0], p[2]],
      [p[1], p[3]],
    ],
    covariance: joint.covariance,
    n,
    df: designDegreesOfFreedom(design),
  });
  expectClose(chi.F, r.chisq.F, TOL, 'F');
  expectClose(chi.ddf, r.chisq.ddf, TOL, 'ddf');
  expectClose(chi.p, r.chisq.p, TOL, 'p');
}

const apistratFpc: Design = { weights: f64(st.pw), strata: i32(st.stype), fpc: f64(st.fpc) };
const apiclus1Fpc: Design = { weights: f64(cl.pw), psu: i32(cl.dnum), fpc: f64(cl.fpc) };

describe('complex designs equal R survey', () => {
  it('stratified with fpc: svydesign(ids = ~1, strata = ~stype, weights = ~pw, fpc = ~fpc, data = apistrat)', () => {
    expectCase(apistratFpc, st, st.strat_fpc);
  });
  it('one-stage cluster with fpc: svydesign(ids = ~dnum, weights = ~pw, fpc = ~fpc, data = apiclus1)', () => {
    expectCase(apiclus1Fpc, cl, cl.clus_fpc);
  });
  it('clusters without fpc: svydesign(ids = ~dnum, weights = ~pw, data = apiclus1)', () => {
    expectCase({ weights: f64(cl.pw), psu: i32(cl.dnum) }, cl, cl.clus_nofpc);
  });
  it('stratified clusters: svydesign(ids = ~dnum, strata = ~stype, weights = ~pw, nest = TRUE, data = apistrat)', () => {
    expectCase({ weights: f64(st.pw), strata: i32(st.stype), psu: i32(st.dnum) }, st, st.strat_clus);
  });
  it('fpc as a sampling fraction equals fpc as a population size', () => {
    const design: Design = { weights: f64(cl.pw), psu: i32(cl.dnum), fpc: new Float64Array(cl.pw.length).fill(15 / 757) };
    // svymean(~api00, svydesign(ids = ~dnum, weights = ~pw, fpc = ~frac, data = apiclus1)), frac = 15/757
    expectClose(weightedMean(design, f64(cl.api00)).se, cl.clus_fraction_mean.se as number, TOL, 'SE');
  });
  it('an fpc of Infinity leaves its stratum uncorrected (R fpc = Inf)', () => {
    const fpc = Float64Array.from(st.fpc, (f, i) => (st.stype[i] === 1 ? Infinity : f));
    // svymean(~api00, svydesign(ids = ~1, strata = ~stype, weights = ~pw, fpc = ~fpc_some, data = apistrat)), fpc_some Inf for high schools
    expectClose(weightedMean({ weights: f64(st.pw), strata: i32(st.stype), fpc }, f64(st.api00)).se, st.fpc_some_mean.se as number, TOL, 'SE');
  });
  it("perception's ward against the rest on a clustered design (school type as the ward)", () => {
    const r = wardVsRest(apiclus1Fpc, i32(cl.schwide), i32(cl.stype), 3);
    cl.type_vs_rest.forEach((x, g) => {
      // svycontrast(svyby(~I(as.numeric(sw == "Yes")), ~I(stype == s), dclus1, svymean, covmat = TRUE), c(-1, 1)); 2 * pt(-|t|, degf(dclus1))
      expectClose(r[g].difference, x.difference, TOL, `difference ${g}`);
      expectClose(r[g].se, x.se, TOL, `SE ${g}`);
      expect(r[g].df).toBe(x.degf);
      expectClose(r[g].p, x.p, TOL, `p ${g}`);
    });
  });
  it('the written-out covariance equals the fast sums on a clustered design', () => {
    const m = weightedMean(apiclus1Fpc, f64(cl.api00));
    // vcov(svymean(~api00, dclus1))
    expectClose(designCovariance(apiclus1Fpc, [m.score])[0][0], (cl.clus_fpc.mean_api00.covariance as number[][])[0][0], TOL, 'variance');
  });
});

describe('calibrated clustered designs equal R survey', () => {
  const w = f64(cl.pw);
  const stype = i32(cl.stype);
  const sw = i32(cl.schwide);
  const psu = i32(cl.dnum);
  const fpc = f64(cl.fpc);
  const margins = () => [
    { name: 'stype', cells: stype, categories: ['E', 'H', 'M'], targets: cl.targets_stype },
    { name: 'sw', cells: sw, categories: ['No', 'Yes'], targets: cl.targets_sw },
  ];
  const expectCalibrated = (design: Design, r: typeof cl.raked) => {
    expectAllClose(design.weights, r.weights, TOL, 'weights');
    const m = weightedMean(design, f64(cl.api00));
    // svymean(~api00, d)
    expectClose(m.estimate, r.mean_api00.estimates as number, TOL, 'mean');
    expectClose(m.se, r.mean_api00.se as number, TOL, 'mean SE');
    // svyby(~sw, ~aw, d, svymean, covmat = TRUE)
    const by = categoryProportions(design, sw, 2, i32(cl.awards), 2);
    expectAllClose(by.estimates, r.schwide_by_awards.estimates, TOL, 'sch.wide by awards');
    expectMatrixClose(by.covariance, r.schwide_by_awards.covariance);
    // the written-out form agrees
    expectClose(designCovariance(design, [m.score])[0][0], m.se ** 2, 1e-10, 'written-out variance');
  };
  it('postStratify(dclus1, ~stype, pop.types)', () => {
    const r = postStratify(w, stype, cl.targets_stype);
    expectCalibrated({ weights: r.weights, psu, fpc, calibration: r.calibration }, cl.poststrat);
  });
  it('rake(dclus1, list(~stype, ~sw), list(pop.types, pop.sw))', () => {
    const r = rake(w, margins());
    expectCalibrated({ weights: r.weights, psu, fpc, calibration: r.calibration }, cl.raked);
  });
  it('calibrate(dclus1, ~stype + sw, totals) (linear, GREG)', () => {
    const r = calibrate(w, margins(), { calfun: 'linear' });
    expectCalibrated({ weights: r.weights, psu, fpc, calibration: r.calibration }, cl.greg);
  });
});

describe('bad declarations stop with a message, as R does', () => {
  it('a stratum with one PSU (R: "Stratum (alone) has only one PSU at stage 1")', () => {
    const strata = Int32Array.from(cl.dnum, (d) => (d === cl.dnum[0] ? 1 : 0));
    expect(cl.lonely_error).toBe('Stratum (alone) has only one PSU at stage 1');
    expect(() => weightedMean({ weights: f64(cl.pw), strata, psu: i32(cl.dnum) }, f64(cl.api00))).toThrow(
      new DesignError(
        'Stratum 1 has only one PSU (cluster), so its sampling variance cannot be estimated (R survey stops here too: lonely.psu = "fail"). Merge the stratum with a similar one.',
      ),
    );
  });
  it('a population smaller than the sample (R: "FPC implies >100% sampling in some strata")', () => {
    expect(cl.fpc_error).toBe('FPC implies >100% sampling in some strata');
    const design: Design = { weights: f64(cl.pw), psu: i32(cl.dnum), fpc: new Float64Array(cl.pw.length).fill(10) };
    expect(() => weightedMean(design, f64(cl.api00))).toThrow(
      'The sample has 15 sampled PSUs but a population of 10: the population cannot be smaller than the sample.',
    );
  });
  it('an fpc that differs within a stratum', () => {
    const fpc = f64(cl.fpc);
    fpc[3] = 800;
    expect(() => weightedMean({ weights: f64(cl.pw), psu: i32(cl.dnum), fpc }, f64(cl.api00))).toThrow(
      'The finite population correction differs within the sample (757 and 800); give one value per stratum.',
    );
  });
});
