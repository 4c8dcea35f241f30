/** Designs of the R fixtures, rebuilt with our own weighting (so the whole chain is compared). */
import type { Design } from '../../../analysis/design/design.js';
import { postStratify } from '../../../analysis/weights/poststratify.js';
import { rake } from '../../../analysis/weights/rake.js';
import { fixture } from './close.js';

export const api = fixture('api');
export const res = fixture('resident');
export const i32 = (a: number[]) => Int32Array.from(a);
export const f64 = (a: number[]) => Float64Array.from(a);

// svydesign(ids = ~1, strata = ~stype, weights = ~pw, data = apistrat)
export const apistratStrata: Design = { weights: f64(api.apistrat.pw), strata: i32(api.apistrat.stratum) };
// svydesign(ids = ~1, weights = ~pw, data = apistrat)
export const apistratNoStrata: Design = { weights: f64(api.apistrat.pw) };
// rake(dst, list(~sw, ~aw), list(pop.sw, pop.aw))
export const apistratRaked: Design = (() => {
  const s = api.apistrat;
  const r = rake(f64(s.pw), [
    { name: 'sch.wide', cells: i32(s.schwide), categories: ['No', 'Yes'], targets: s.raked.targets_sw },
    { name: 'awards', cells: i32(s.awards), categories: ['No', 'Yes'], targets: s.raked.targets_aw },
  ]);
  return { weights: r.weights, strata: i32(s.stratum), calibration: r.calibration };
})();
// svydesign(ids = ~1, weights = ~pw, data = apisrs)
export const apisrs: Design = { weights: f64(api.apisrs.pw) };
// postStratify(dsrs, ~stype, pop.types)
export const apisrsPostStrat: Design = (() => {
  const r = postStratify(f64(api.apisrs.pw), i32(api.apisrs.stype), api.apisrs.targets_stype);
  return { weights: r.weights, calibration: r.calibration };
})();
// rake(dsrs, list(~stype, ~sw), list(pop.types, pop.sw))
export const apisrsRaked: Design = (() => {
  const r = rake(f64(api.apisrs.pw), [
    { name: 'stype', cells: i32(api.apisrs.stype), categories: ['E', 'H', 'M'], targets: api.apisrs.targets_stype },
    { name: 'sch.wide', cells: i32(api.apisrs.schwide), categories: ['No', 'Yes'], targets: api.apisrs.targets_sw },
  ]);
  return { weights: r.weights, calibration: r.calibration };
})();

// Resident survey: d0, dps (sex × age), drk (sex, age, ward).
export const resident = {
  unweighted: { weights: f64(res.w0) } as Design,
  poststrat: (() => {
    const r = postStratify(f64(res.w0), i32(res.sexage), res.targets.sexage);
    return { weights: r.weights, calibration: r.calibration } as Design;
  })(),
  raked: (() => {
    const r = rake(f64(res.w0), [
      { name: 'sex', cells: i32(res.sex), categories: res.sexes, targets: res.targets.sex },
      { name: 'age', cells: i32(res.age), categories: res.ages, targets: res.targets.age },
      { name: 'ward', cells: i32(res.ward), categories: res.wards, targets: res.targets.ward },
    ]);
    return { weights: r.weights, calibration: r.calibration } as Design;
  })(),
};
/** Safety answer 0..3, −1 = don't know or blank. */
export const safety = i32(res.saf);
export const valid = Uint8Array.from(res.saf, (a: number) => (a >= 0 ? 1 : 0));
/** 1 = fairly or very unsafe (answers 3, 4), NaN when not valid. */
export const unsafe = Float64Array.from(res.saf, (a: number) => (a < 0 ? NaN : a >= 2 ? 1 : 0));
/** Safety score 1..4. */
export const score = Float64Array.from(res.saf, (a: number) => (a < 0 ? NaN : a + 1));
