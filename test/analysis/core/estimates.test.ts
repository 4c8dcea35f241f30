import { describe, expect, it } from 'vitest';
import { weightedMean } from '../../../analysis/estimates/mean.js';
import { domainMeans } from '../../../analysis/estimates/domain.js';
import { categoryProportions } from '../../../analysis/estimates/proportions.js';
import { degreesOfFreedom, type Design } from '../../../analysis/design/design.js';
import { arr, expectAllClose, expectClose, expectMatrixClose } from './close.js';
import * as D from './designs.js';

const { api, res, i32, f64 } = D;

describe('weightedMean against R svymean', () => {
  it('stratified apistrat', () => {
    const m = weightedMean(D.apistratStrata, f64(api.apistrat.api00));
    // svymean(~api00, svydesign(ids = ~1, strata = ~stype, weights = ~pw, data = apistrat))
    expectClose(m.estimate, arr(api.apistrat.mean_strata.estimates)[0]);
    expectClose(m.se, arr(api.apistrat.mean_strata.se)[0]);
    expect(m.n).toBe(200);
    // degf(dst) = 200 schools − 3 strata
    expect(degreesOfFreedom(D.apistratStrata)).toBe(197);
  });
  it('apistrat without strata', () => {
    const m = weightedMean(D.apistratNoStrata, f64(api.apistrat.api00));
    // svymean(~api00, svydesign(ids = ~1, weights = ~pw, data = apistrat))
    expectClose(m.se, arr(api.apistrat.mean_nostrata.se)[0]);
  });
  it('apisrs: plain, post-stratified and raked', () => {
    const y = f64(api.apisrs.api00);
    // svymean(~api00, dsrs)
    expectClose(weightedMean(D.apisrs, y).se, arr(api.apisrs.mean.se)[0]);
    const ps = weightedMean(D.apisrsPostStrat, y);
    // svymean(~api00, postStratify(dsrs, ~stype, pop.types))
    expectClose(ps.estimate, arr(api.apisrs.poststrat.mean.estimates)[0]);
    expectClose(ps.se, arr(api.apisrs.poststrat.mean.se)[0]);
    const rk = weightedMean(D.apisrsRaked, y);
    // svymean(~api00, rake(dsrs, list(~stype, ~sw), list(pop.types, pop.sw)))
    expectClose(rk.estimate, arr(api.apisrs.raked.mean.estimates)[0]);
    expectClose(rk.se, arr(api.apisrs.raked.mean.se)[0]);
  });
  it('strata and raking together (apistrat raked on sch.wide, awards)', () => {
    const m = weightedMean(D.apistratRaked, f64(api.apistrat.api00));
    // svymean(~api00, rake(dst, list(~sw, ~aw), list(pop.sw, pop.aw)))
    expectClose(m.estimate, arr(api.apistrat.raked.mean.estimates)[0]);
    expectClose(m.se, arr(api.apistrat.raked.mean.se)[0]);
  });
  for (const name of ['unweighted', 'poststrat', 'raked'] as const) {
    it(`resident survey, ${name}: proportion unsafe and mean score with missing answers as a domain`, () => {
      const design = D.resident[name];
      const u = weightedMean(design, D.unsafe, D.valid);
      // svymean(~unsafe, subset(design, valid), na.rm = TRUE)  (na.rm: a calibrated subset keeps its NA rows)
      expectClose(u.estimate, arr(res[name].unsafe.estimates)[0]);
      expectClose(u.se, arr(res[name].unsafe.se)[0]);
      // svymean(~unsafe, design, na.rm = TRUE) — the same domain estimate
      expectClose(u.se, arr(res[name].unsafe_narm.se)[0]);
      const s = weightedMean(design, D.score);
      // svymean(~score, subset(design, valid), na.rm = TRUE)  (NaN y = missing)
      expectClose(s.estimate, arr(res[name].score.estimates)[0]);
      expectClose(s.se, arr(res[name].score.se)[0]);
      expect(u.n).toBe(D.valid.reduce((a, b) => a + b, 0));
    });
  }
  it('zero weights: rows stay in n for n/(n−1) (as R) but not in the unweighted count', () => {
    const z = api.apistrat.zero_weights;
    const m = weightedMean({ weights: f64(z.weights) }, f64(api.apistrat.api00));
    // svymean(~api00, svydesign(ids = ~1, weights = wz, data = apistrat))
    expectClose(m.se, arr(z.se)[0]);
    // unwtd.count(~api00, dz)
    expect(m.n).toBe(z.unwtd);
  });
});

describe('categoryProportions against R svymean(~factor) and svyby(covmat = TRUE)', () => {
  it('apistrat awards, stratified', () => {
    const r = categoryProportions(D.apistratStrata, i32(api.apistrat.awards), 2);
    // svymean(~aw, dst); vcov(.)
    expectAllClose(r.estimates, api.apistrat.awards_strata.estimates);
    expectMatrixClose(r.covariance, api.apistrat.awards_strata.covariance);
  });
  it('apistrat awards by sch.wide: p̂ = 1 and p̂ = 0 have SE 0', () => {
    const e = api.apistrat.awards_by_schwide;
    const r = categoryProportions(D.apistratStrata, i32(api.apistrat.awards), 2, i32(api.apistrat.schwide), 2);
    // svyby(~aw, ~sw, dst, svymean, covmat = TRUE), reordered group-major
    expectAllClose(r.estimates, e.estimates);
    expectAllClose(r.se, e.se);
    expectMatrixClose(r.covariance, e.covariance);
    expect(r.estimates[0]).toBe(1);
    expect(r.se[0]).toBe(0);
    expect(r.se[1]).toBe(0);
  });
  it('apisrs awards, post-stratified and raked (overall and by stype)', () => {
    const aw = i32(api.apisrs.awards);
    let r = categoryProportions(D.apisrsPostStrat, aw, 2);
    // svymean(~aw, postStratify(dsrs, ~stype, pop.types))
    expectAllClose(r.estimates, api.apisrs.poststrat.awards.estimates);
    expectMatrixClose(r.covariance, api.apisrs.poststrat.awards.covariance);
    r = categoryProportions(D.apisrsRaked, aw, 2);
    // svymean(~aw, drk)
    expectMatrixClose(r.covariance, api.apisrs.raked.awards.covariance);
    const e = api.apisrs.raked.awards_by_stype;
    r = categoryProportions(D.apisrsRaked, aw, 2, i32(api.apisrs.stype), 3);
    // svyby(~aw, ~stype, drk, svymean, covmat = TRUE)
    expectAllClose(r.estimates, e.estimates);
    expectAllClose(r.se, e.se);
    expectMatrixClose(r.covariance, e.covariance);
  });
  for (const name of ['unweighted', 'poststrat', 'raked'] as const) {
    it(`resident survey, ${name}: safety (4 categories) overall, by age band and by sex`, () => {
      const design = D.resident[name];
      const overall = categoryProportions(design, D.safety, 4);
      // svymean(~saf, subset(design, valid), na.rm = TRUE); vcov(.)
      expectAllClose(overall.estimates, res[name].saf.estimates);
      expectAllClose(overall.se, res[name].saf.se);
      expectMatrixClose(overall.covariance, res[name].saf.covariance);
      const byAge = categoryProportions(design, D.safety, 4, i32(res.age), 7);
      // svyby(~saf, ~age, subset(design, valid), svymean, covmat = TRUE)
      expectAllClose(byAge.estimates, res[name].saf_by_age.estimates);
      expectAllClose(byAge.se, res[name].saf_by_age.se);
      expectMatrixClose(byAge.covariance, res[name].saf_by_age.covariance);
      const bySex = categoryProportions(design, D.safety, 4, i32(res.sex), 2);
      // svyby(~saf, ~sex, subset(design, valid), svymean, covmat = TRUE)
      expectMatrixClose(bySex.covariance, res[name].saf_by_sex.covariance);
      expect(byAge.groups.reduce((s, g) => s + g.n, 0)).toBe(overall.groups[0].n);
    });
  }
  it('an empty group gets NaN with a reason, and the others are unaffected', () => {
    const groups = Int32Array.from(res.sex, (s: number) => (s === 0 ? 0 : 2)); // group 1 empty
    const r = categoryProportions(D.resident.raked, D.safety, 4, groups, 3);
    expect(r.groups[1].reason).toMatch(/No respondents/);
    expect(r.groups[1].n).toBe(0);
    expect(Number.isNaN(r.estimates[4])).toBe(true);
    expect(Number.isNaN(r.covariance[0][4])).toBe(true);
    const e = res.raked.saf_by_sex;
    // svyby(~saf, ~sex, subset(drk, valid), svymean, covmat = TRUE): group "female" block
    expectAllClose(r.estimates.slice(0, 4), e.estimates.slice(0, 4));
    expectMatrixClose(
      r.covariance.slice(0, 4).map((row) => row.slice(0, 4)),
      e.covariance.slice(0, 4).map((row: number[]) => row.slice(0, 4)),
    );
  });
});

describe('domainMeans against R svyby(covmat = TRUE)', () => {
  it('apistrat api00 by sch.wide, stratified', () => {
    const e = api.apistrat.api00_by_schwide;
    const r = domainMeans(D.apistratStrata, f64(api.apistrat.api00), i32(api.apistrat.schwide), 2);
    // svyby(~api00, ~sw, dst, svymean, covmat = TRUE)
    expectAllClose(
      r.estimates.map((x) => x.estimate),
      e.estimates,
    );
    expectAllClose(
      r.estimates.map((x) => x.se),
      e.se,
    );
    expectMatrixClose(r.covariance, e.covariance);
  });
  it('post-stratified apisrs by sch.wide and raked stratified apistrat by stype', () => {
    let e = api.apisrs.poststrat.by_schwide;
    let r = domainMeans(D.apisrsPostStrat, f64(api.apisrs.api00), i32(api.apisrs.schwide), 2);
    // svyby(~api00, ~sw, dps, svymean, covmat = TRUE)
    expectMatrixClose(r.covariance, e.covariance);
    expectAllClose(
      r.estimates.map((x) => x.estimate),
      e.estimates,
    );
    e = api.apistrat.raked.by_stype;
    r = domainMeans(D.apistratRaked, f64(api.apistrat.api00), i32(api.apistrat.stratum), 3);
    // svyby(~api00, ~stype, drs, svymean, covmat = TRUE)
    expectAllClose(
      r.estimates.map((x) => x.se),
      e.se,
    );
    expectMatrixClose(r.covariance, e.covariance);
  });
  for (const name of ['unweighted', 'poststrat', 'raked'] as const) {
    it(`resident survey, ${name}: proportion unsafe in 26 wards`, () => {
      const e = res[name].unsafe_by_ward;
      const r = domainMeans(D.resident[name], D.unsafe, i32(res.ward), 26, D.valid);
      // svyby(~unsafe, ~ward, subset(design, valid), svymean, covmat = TRUE)
      expectAllClose(
        r.estimates.map((x) => x.estimate),
        e.estimates,
      );
      expectAllClose(
        r.estimates.map((x) => x.se),
        e.se,
      );
      expectMatrixClose(r.covariance, e.covariance);
    });
  }
  it('a group with nobody valid is NaN with a reason, not a crash', () => {
    const y = f64([1, 0, 1, 1, 0, 1]);
    const r = domainMeans({ weights: f64([1, 2, 1, 2, 1, 1]) }, y, i32([0, 0, 0, 2, 2, 2]), 3);
    expect(r.estimates[1].reason).toMatch(/No respondents/);
    expect(Number.isNaN(r.estimates[1].se)).toBe(true);
    expect(Number.isFinite(r.estimates[0].se)).toBe(true);
  });
});

describe('bad designs', () => {
  it('one respondent alone in a stratum is an error naming the stratum (R lonely.psu = "fail")', () => {
    const strata = i32(api.apistrat.stratum);
    strata[0] = 9;
    const design: Design = { weights: f64(api.apistrat.pw), strata };
    // svymean(~api00, dl) → R: "Stratum (alone) has only one PSU at stage 1"
    expect(api.apistrat.lonely_error).toMatch(/only one PSU/);
    expect(() => weightedMean(design, f64(api.apistrat.api00))).toThrow(/Stratum 9 has only one respondent/);
  });
  it('negative weights are rejected', () => {
    expect(() => weightedMean({ weights: f64([1, -1, 2]) }, f64([1, 2, 3]))).toThrow(/not negative/);
  });
});
