import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { wardVsRest } from '../../../analysis/perception/ward-vs-rest.js';
import { categoryProportions } from '../../../analysis/estimates/proportions.js';
import type { Design } from '../../../analysis/design/design.js';

const fixture = JSON.parse(readFileSync('test/fixtures/r/perception/ward-vs-rest.json', 'utf8'));
const wards = Int32Array.from(fixture.ward as number[]);
const y = Int32Array.from(fixture.y as number[]);

type Case = { ward: number; estimate: number; seWard: number; rest: number; difference: number; se: number; df: number; p: number };

function check(design: Design, expected: Case[]) {
  const got = wardVsRest(design, y, wards, 4);
  for (const e of expected) {
    const g = got[e.ward];
    expect(g.estimate).toBeCloseTo(e.estimate, 12);
    expect(g.seWard).toBeCloseTo(e.seWard, 12);
    expect(g.rest).toBeCloseTo(e.rest, 12);
    expect(g.difference).toBeCloseTo(e.difference, 12);
    expect(g.se).toBeCloseTo(e.se, 12);
    expect(g.df).toBe(e.df);
    expect(g.p).toBeCloseTo(e.p, 10);
  }
}

describe('wardVsRest', () => {
  it('equals R for a weighted design', () => {
    // R: svyratio(~I(y*inward) + I(y*(1-inward)), ~I(inward) + I(1-inward), des, covmat = TRUE);
    //    d = est[1] - est[2]; se = sqrt(V11 + V22 - 2 V12); 2 * pt(-abs(d/se), degf(subset(des, !is.na(y))))
    //    (checked there against svycontrast(svyby(~y, ~inward, sub, svymean, covmat = TRUE), c(1, -1)))
    check({ weights: Float64Array.from(fixture.w) }, fixture.plain);
  });

  it('equals R for a post-stratified design (calibration makes the domains correlated)', () => {
    // R: the same on postStratify(des, ~ps, data.frame(ps = 0:2, Freq = c(3000, 4500, 2500)))
    const design: Design = { weights: Float64Array.from(fixture.weightsPost), calibration: { kind: 'poststrat', cells: Int32Array.from(fixture.ps) } };
    check(design, fixture.poststrat);
  });

  it('equals the two-domain covariance computed directly, with unknown wards left out', () => {
    const w = Float64Array.from(fixture.w as number[]);
    const someUnknown = Int32Array.from(wards, (g, i) => (i % 17 === 0 ? -1 : g));
    const design: Design = { weights: w, calibration: { kind: 'poststrat', cells: Int32Array.from(fixture.ps) } };
    const fast = wardVsRest(design, y, someUnknown, 4);
    for (let g = 0; g < 4; g++) {
      const split = Int32Array.from(someUnknown, (h) => (h < 0 ? -1 : h === g ? 0 : 1));
      const r = categoryProportions(design, y, 2, split, 2);
      const V = r.covariance;
      const se = Math.sqrt(V[1][1] + V[3][3] - 2 * V[1][3]);
      expect(fast[g].estimate).toBeCloseTo(r.estimates[1], 13);
      expect(fast[g].rest).toBeCloseTo(r.estimates[3], 13);
      expect(fast[g].se).toBeCloseTo(se, 13);
      expect(fast[g].seWard).toBeCloseTo(r.se[1], 13);
      expect(fast[g].n).toBe(r.groups[0].n);
      expect(fast[g].nRest).toBe(r.groups[1].n);
    }
  });

  it('gives NaN, not an error, for a ward nobody lives in', () => {
    const r = wardVsRest({ weights: Float64Array.from([1, 1, 1, 1]) }, Int32Array.from([1, 0, 1, 0]), Int32Array.from([0, 0, 1, 1]), 3);
    expect(r[2].n).toBe(0);
    expect(r[2].estimate).toBeNaN();
    expect(r[2].p).toBeNaN();
  });

  it('rejects answers that are not 0/1/−1', () => {
    expect(() => wardVsRest({ weights: Float64Array.from([1, 1]) }, Int32Array.from([2, 0]), Int32Array.from([0, 1]), 2)).toThrow(/1, 0 or −1/);
  });
});
