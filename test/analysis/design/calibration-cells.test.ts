/**
 * When raking equal design weights leaves every respondent of a sex × age × ward cell with the same
 * weight and ψ, the tables' sums are taken per calibration cell (../../../analysis/design/block-covariance.ts
 * calibrationCells) instead of per respondent. Against the respondent-by-respondent forms (a table
 * alone through categoryProportions; domain means through designCovariance of their scores) every
 * estimate and covariance is equal to 1e-12 relative; a design whose weights differ within a cell
 * keeps the per-respondent sums.
 */
import { describe, expect, it } from 'vitest';
import { calibrationCellCount } from '../../../analysis/design/block-covariance.js';
import { designCovariance } from '../../../analysis/design/covariance.js';
import type { Design } from '../../../analysis/design/design.js';
import { domainMeans, domainMeansMany, SCORES_AT_ONCE } from '../../../analysis/estimates/domain.js';
import { groupVsRestMeans, groupVsRestMeansMany } from '../../../analysis/inference/group-vs-rest.js';
import { categoryProportions, jointProportions } from '../../../analysis/estimates/proportions.js';
import { rake } from '../../../analysis/weights/rake.js';
import { res, resident } from '../core/designs.js';

const i32 = (a: number[]) => Int32Array.from(a);
const n = res.w0.length as number;
const margins = [
  { name: 'sex', cells: i32(res.sex), categories: res.sexes, targets: res.targets.sex },
  { name: 'age', cells: i32(res.age), categories: res.ages, targets: res.targets.age },
  { name: 'ward', cells: i32(res.ward), categories: res.wards, targets: res.targets.ward },
];
const raked = rake(new Float64Array(n).fill(1), margins);
const design: Design = { weights: raked.weights, calibration: raked.calibration };
const cellsSeen = new Set(Array.from({ length: n }, (_, i) => `${res.sex[i]}:${res.age[i]}:${res.ward[i]}`)).size;

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}
const next = lcg(7);
const Ks = [3, 6];
const codes = Ks.map((K) => Int32Array.from({ length: n }, () => (next() < 0.1 ? -1 : Math.floor(next() * K))));
const G = 3;
const groups = Int32Array.from({ length: n }, () => (next() < 0.05 ? -1 : Math.floor(next() * G)));

/** Largest |a − b| relative to the largest |b|: 0 when equal. */
function relativeGap(a: ArrayLike<number>[], b: ArrayLike<number>[]): number {
  let gap = 0;
  let scale = 0;
  b.forEach((row, r) => {
    for (let c = 0; c < row.length; c++) {
      scale = Math.max(scale, Math.abs(row[c]));
      gap = Math.max(gap, Math.abs(a[r][c] - row[c]));
    }
  });
  return gap / scale;
}

describe('sums by calibration cell', () => {
  it('are used when every cell has one weight, and not when weights differ within a cell', () => {
    expect(calibrationCellCount(design)).toBe(cellsSeen);
    expect(calibrationCellCount(resident.raked)).toBe(0);
    expect(calibrationCellCount({ weights: raked.weights })).toBe(0);
  });

  it('give each joint table as computed respondent by respondent, to 1e-12', () => {
    const together = jointProportions(design, codes, Ks, groups, G);
    Ks.forEach((K, t) => {
      const joint = Int32Array.from(codes[t], (c, i) => (c >= 0 && groups[i] >= 0 ? c + groups[i] * K : -1));
      const alone = categoryProportions(design, joint, K * G);
      expect(relativeGap([together[t].estimates], [alone.estimates])).toBeLessThan(1e-12);
      expect(relativeGap(together[t].covariance, alone.covariance)).toBeLessThan(1e-12);
      expect(together[t].groups.map((g) => g.counts)).toEqual(alone.groups.map((g) => g.counts));
      expect(alone.covariance[1][1]).toBeGreaterThan(1e-6);
    });
  });

  it('give domain means the covariance of their scores, to 1e-12', () => {
    const ys = codes.map((c) => Float64Array.from(c, (x) => (x < 0 ? NaN : x)));
    const w = design.weights;
    domainMeansMany(design, ys, groups, G).forEach((r, t) => {
      const y = ys[t];
      const scores = r.estimates.map((e, g) =>
        Float64Array.from(y, (v, i) => (groups[i] === g && !Number.isNaN(v) ? (w[i] * (v - e.estimate)) / e.sumWeights : 0)),
      );
      expect(relativeGap(r.covariance, designCovariance(design, scores))).toBeLessThan(1e-12);
      expect(r.covariance[0][0]).toBeGreaterThan(1e-6);
    });
  });
});

describe('means of many variables by the same groups', () => {
  // More variables than are scored at once, so they are taken in several rounds.
  const ys = Array.from({ length: 2 * SCORES_AT_ONCE + 1 }, (_, t) => Float64Array.from(codes[t % 2], (x, i) => (x < 0 ? NaN : (x + t * (i % 3)) % Ks[t % 2])));
  for (const [name, d] of [
    ['in calibration cells', design],
    ['respondent by respondent', resident.raked],
  ] as const) {
    it(`give each variable's figures as alone, to the last digit (${name})`, () => {
      const many = domainMeansMany(d, ys, groups, G);
      expect(many).toHaveLength(ys.length);
      ys.forEach((y, t) => expect(many[t]).toEqual(domainMeans(d, y, groups, G)));
      const rest = groupVsRestMeansMany(d, ys, groups, G);
      ys.forEach((y, t) => expect(rest[t]).toEqual(groupVsRestMeans(d, y, groups, G)));
      expect(many[ys.length - 1].covariance[0][0]).toBeGreaterThan(1e-6);
    });
  }
});
