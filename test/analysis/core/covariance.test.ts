import { describe, expect, it } from 'vitest';
import { designCovariance, designVariance, calibrationResiduals } from '../../../analysis/design/covariance.js';
import type { Design } from '../../../analysis/design/design.js';
import { weightedMean } from '../../../analysis/estimates/mean.js';
import { categoryProportions } from '../../../analysis/estimates/proportions.js';
import { rake } from '../../../analysis/weights/rake.js';
import { postStratify } from '../../../analysis/weights/poststratify.js';
import { arr, expectClose, expectMatrixClose } from './close.js';
import * as D from './designs.js';

const { api, res, f64 } = D;

/** Small deterministic generator so the cross-checks are reproducible. */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** Scores of every (group, category) proportion written out per respondent, straight from the definition. */
function explicitScores(design: Design, answers: Int32Array, K: number, groups: Int32Array, G: number): Float64Array[] {
  const w = design.weights;
  const out: Float64Array[] = [];
  for (let g = 0; g < G; g++) {
    let W = 0;
    const Wk = new Float64Array(K);
    for (let i = 0; i < w.length; i++)
      if (groups[i] === g && answers[i] >= 0) {
        W += w[i];
        Wk[answers[i]] += w[i];
      }
    for (let k = 0; k < K; k++) {
      const p = Wk[k] / W;
      out.push(Float64Array.from(w, (wi, i) => (groups[i] === g && answers[i] >= 0 ? (wi * ((answers[i] === k ? 1 : 0) - p)) / W : 0)));
    }
  }
  return out;
}

describe('designCovariance (R svyrecvar written out)', () => {
  it('stratified apistrat: variance of svymean(~api00) from its scores', () => {
    const m = weightedMean(D.apistratStrata, f64(api.apistrat.api00));
    // SE(svymean(~api00, dst))^2
    expectClose(designVariance(D.apistratStrata, m.score), arr(api.apistrat.mean_strata.se)[0] ** 2);
  });
  it('raked resident survey: variance of the proportion unsafe from its scores', () => {
    const m = weightedMean(D.resident.raked, D.unsafe, D.valid);
    // SE(svymean(~unsafe, subset(drk, valid), na.rm = TRUE))^2
    expectClose(designVariance(D.resident.raked, m.score), arr(res.raked.unsafe.se)[0] ** 2);
  });
  it('post-stratified resident survey: covariance of the 4 safety categories', () => {
    const scores = explicitScores(D.resident.poststrat, D.safety, 4, new Int32Array(res.n), 1);
    // vcov(svymean(~saf, subset(dps, valid), na.rm = TRUE))
    expectMatrixClose(designCovariance(D.resident.poststrat, scores), res.poststrat.saf.covariance);
  });
  it('post-stratification residuals sum to zero in every cell', () => {
    const m = weightedMean(D.resident.poststrat, D.unsafe, D.valid);
    const [r] = calibrationResiduals(D.resident.poststrat, [m.score]);
    const sums = new Float64Array(14);
    res.sexage.forEach((c: number, i: number) => (sums[c] += r[i]));
    for (const s of sums) expect(Math.abs(s)).toBeLessThan(1e-15);
  });
});

describe('fast sums (block-covariance) equal the written-out form', () => {
  const n = 900;
  const rnd = lcg(7);
  const strata = Int32Array.from({ length: n }, () => Math.floor(rnd() * 4));
  const a = Int32Array.from({ length: n }, () => Math.floor(rnd() * 5));
  const b = Int32Array.from({ length: n }, () => Math.floor(rnd() * 3));
  const c = Int32Array.from({ length: n }, () => Math.floor(rnd() * 6));
  const base = Float64Array.from({ length: n }, (_, i) => (i % 50 === 0 ? 0 : 0.5 + 2 * rnd()));
  const answers = Int32Array.from({ length: n }, () => (rnd() < 0.1 ? -1 : Math.floor(rnd() * 4)));
  const groups = Int32Array.from({ length: n }, () => (rnd() < 0.05 ? -1 : Math.floor(rnd() * 5)));
  const raked = rake(base, [
    { name: 'a', cells: a, categories: ['1', '2', '3', '4', '5'], targets: [100, 200, 300, 150, 250] },
    { name: 'b', cells: b, categories: ['1', '2', '3'], targets: [500, 300, 200] },
    { name: 'c', cells: c, categories: ['1', '2', '3', '4', '5', '6'], targets: [100, 200, 100, 300, 100, 200] },
  ]);
  const ps = postStratify(base, a, [100, 200, 300, 150, 250]);
  const designs: [string, Design][] = [
    ['plain, zero weights', { weights: base }],
    ['strata', { weights: base, strata }],
    ['post-stratified with strata', { weights: ps.weights, strata, calibration: ps.calibration }],
    ['raked with strata', { weights: raked.weights, strata, calibration: raked.calibration }],
    ['raked, final weights for every margin', { weights: raked.weights, calibration: { kind: 'raking', margins: raked.calibration.margins } }],
  ];
  for (const [name, design] of designs) {
    it(name, () => {
      const fast = categoryProportions(design, answers, 4, groups, 5);
      const slow = designCovariance(design, explicitScores(design, answers, 4, groups, 5));
      expectMatrixClose(fast.covariance, slow, 1e-10);
    });
  }
  it('without the per-margin weights (only final weights stored), raking SEs move by under 1e-3 relative here', () => {
    const full = categoryProportions(designs[3][1], answers, 4, groups, 5);
    const approx = categoryProportions({ ...designs[3][1], calibration: { kind: 'raking', margins: raked.calibration.margins } }, answers, 4, groups, 5);
    for (let j = 0; j < full.se.length; j++) expectClose(approx.se[j], full.se[j], 1e-3);
  });
});
