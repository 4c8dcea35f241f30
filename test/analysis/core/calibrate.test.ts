import { describe, expect, it } from 'vitest';
import { calibrate } from '../../../analysis/weights/calibrate.js';
import type { RakingMargin } from '../../../analysis/weights/rake.js';
import { trimThenRake } from '../../../analysis/weights/trim-rake.js';
import { WeightingError } from '../../../analysis/weights/errors.js';
import { categoryProportions } from '../../../analysis/estimates/proportions.js';
import { designCovariance } from '../../../analysis/design/covariance.js';
import type { Design } from '../../../analysis/design/design.js';
import { RELATIVE_TOLERANCE, expectAllClose, expectMatrixClose, fixture } from './close.js';

const cal = fixture('calibrate');
const i32 = (a: number[]) => Int32Array.from(a);
const f64 = (a: number[]) => Float64Array.from(a);
const margins = (): RakingMargin[] => [
  { name: 'sex', cells: i32(cal.sex), categories: cal.sexes, targets: cal.targets.sex },
  { name: 'age', cells: i32(cal.age), categories: cal.ages, targets: cal.targets.age },
  { name: 'ward', cells: i32(cal.ward), categories: cal.wards, targets: cal.targets.ward },
];
const saf = i32(cal.saf);
const unsafe = Int32Array.from(cal.saf, (c: number) => (c < 0 ? -1 : c >= 2 ? 1 : 0));
const ward = i32(cal.ward);
const sex = i32(cal.sex);

/** The estimates the fixture computes on each calibrated design, against R. */
function expectEstimates(design: Design, r: (typeof cal)['greg']) {
  const u = categoryProportions(design, unsafe, 2);
  // svymean(~unsafe, subset(design, valid), na.rm = TRUE)
  expectAllClose([u.estimates[1]], r.unsafe.estimates, RELATIVE_TOLERANCE, 'unsafe');
  expectAllClose([u.se[1]], r.unsafe.se, RELATIVE_TOLERANCE, 'unsafe SE');
  const s = categoryProportions(design, saf, 4);
  // svymean(~saf, subset(design, valid), na.rm = TRUE); vcov(.)
  expectAllClose(s.se, r.saf.se, RELATIVE_TOLERANCE, 'saf SE');
  expectMatrixClose(s.covariance, r.saf.covariance);
  const bySex = categoryProportions(design, saf, 4, sex, 2);
  // svyby(~saf, ~sex, subset(design, valid), svymean, covmat = TRUE)
  expectAllClose(bySex.estimates, r.saf_by_sex.estimates, RELATIVE_TOLERANCE, 'saf by sex');
  expectMatrixClose(bySex.covariance, r.saf_by_sex.covariance);
  const byWard = categoryProportions(design, unsafe, 2, ward, cal.wards.length);
  // svyby(~unsafe, ~ward, subset(design, valid), svymean, covmat = TRUE)
  expectAllClose(
    r.unsafe_by_ward.se.map((_: number, g: number) => byWard.se[g * 2 + 1]),
    r.unsafe_by_ward.se,
    RELATIVE_TOLERANCE,
    'unsafe by ward SE',
  );
  // The literal residual form (covariance.ts, z = w(y − ȳ)/W among the valid) gives R's SE too.
  let W = 0,
    WY = 0;
  design.weights.forEach((w, i) => {
    if (unsafe[i] >= 0) {
      W += w;
      WY += w * unsafe[i];
    }
  });
  const z = Float64Array.from(design.weights, (w, i) => (unsafe[i] >= 0 ? (w * (unsafe[i] - WY / W)) / W : 0));
  expectAllClose([Math.sqrt(designCovariance(design, [z])[0][0])], r.unsafe.se, RELATIVE_TOLERANCE, 'unsafe SE (literal)');
}

describe('calibrate against R calibrate()', () => {
  it('GREG (linear, no bounds) equals R on the weights and SEs', () => {
    const r = calibrate(f64(cal.w0s), margins(), { calfun: 'linear' });
    // weights(calibrate(d0s, ~sex + age + ward, pop))
    expectAllClose(r.weights, cal.greg.weights, RELATIVE_TOLERANCE, 'weights');
    expect(r.converged).toBe(true);
    expectEstimates({ weights: r.weights, calibration: r.calibration }, cal.greg);
  });

  it('bounded linear equals R, and every g-weight is within the bounds', () => {
    const r = calibrate(f64(cal.w0s), margins(), { calfun: 'linear', bounds: [0.5, 1.8] });
    // weights(calibrate(d0s, ~sex + age + ward, pop, calfun = "linear", bounds = c(0.5, 1.8)))
    expectAllClose(r.weights, cal.linear.weights, RELATIVE_TOLERANCE, 'weights');
    expect(r.converged).toBe(true);
    expect(Math.min(...r.g)).toBeGreaterThanOrEqual(0.5 - 1e-12);
    expect(Math.max(...r.g)).toBeLessThanOrEqual(1.8 + 1e-12);
    expectEstimates({ weights: r.weights, calibration: r.calibration }, cal.linear);
  });

  it('logit equals R on the weights and SEs', () => {
    const r = calibrate(f64(cal.w0s), margins(), { calfun: 'logit', bounds: [0.5, 2] });
    // weights(calibrate(d0s, ~sex + age + ward, pop, calfun = "logit", bounds = c(0.5, 2)))
    expectAllClose(r.weights, cal.logit.weights, RELATIVE_TOLERANCE, 'weights');
    expectAllClose(r.g, cal.logit.g, RELATIVE_TOLERANCE, 'g');
    expectEstimates({ weights: r.weights, calibration: r.calibration }, cal.logit);
  });

  it('logit on unscaled design weights rescales them first, as R does', () => {
    const r = calibrate(f64(cal.w0), margins(), { calfun: 'logit', bounds: [0.5, 2] });
    // weights(calibrate(d0, ~sex + age + ward, pop, calfun = "logit", bounds = c(0.5, 2))): totals / Σw0 all above 20
    expectAllClose(r.weights, cal.logit_raw.weights, RELATIVE_TOLERANCE, 'weights');
    expect(r.scale).not.toBe(1);
  });

  it('says when the bounds cannot be met (R: "Failed to converge")', () => {
    const r = calibrate(f64(cal.w0s), margins(), { calfun: 'linear', bounds: [0.9, 1.1] });
    // calibrate(d0s, …, calfun = "linear", bounds = c(0.9, 1.1), force = TRUE) warns "Failed to converge"
    expect(r.converged).toBe(cal.tight.converged);
    expect(r.converged).toBe(false);
    expect(r.achieved).toBeGreaterThan(1e-7);
  });

  it('logit without finite bounds is refused, as in R', () => {
    expect(() => calibrate(f64(cal.w0s), margins(), { calfun: 'logit' })).toThrow(WeightingError);
    expect(() => calibrate(f64(cal.w0s), margins(), { calfun: 'logit' })).toThrow(/finite bounds/);
  });
});

describe('trimThenRake: how many weights end outside the bounds, and the iterated loop', () => {
  const options = { maxIterations: 200, epsilon: 1e-10 };
  it('one round (0.6–1.8 × the mean) counts the weights still outside after re-raking, as R', () => {
    const t = cal.trim;
    const r = trimThenRake(f64(cal.w0), margins(), { lower: t.lower, upper: t.upper, ...options });
    // rake(trimWeights(rake(d0, …), upper, lower), …): weights, and sum(w < lower | w > upper)
    expectAllClose(r.weights, t.once.weights, 1e-7, 'weights');
    expect(r.trimmed).toBe(t.first_outside);
    expect(r.outside).toBe(t.once.outside);
    expect(r.withinBounds).toBe(false);
  });
  it('iterating up to 50 rounds cannot reach 0.6–1.8 × the mean, and says so', () => {
    const t = cal.trim;
    const r = trimThenRake(f64(cal.w0), margins(), { lower: t.lower, upper: t.upper, rounds: 50, ...options });
    // the R loop in calibrate.R, N = 50
    expect(r.rounds).toBe(t.loop.rounds);
    expect(r.outside).toBe(t.loop.outside);
    expect(r.withinBounds).toBe(false);
  });
  it('iterating reaches 0.3–3 × the mean after the same number of rounds as R', () => {
    const t = cal.trim.wide;
    const r = trimThenRake(f64(cal.w0), margins(), { lower: t.lower, upper: t.upper, rounds: 50, ...options });
    // the R loop in calibrate.R, N = 50
    expect(r.rounds).toBe(t.rounds);
    expect(r.outside).toBe(0);
    expect(r.withinBounds).toBe(true);
    expectAllClose(r.weights, t.weights, 1e-7, 'weights');
  });
});
