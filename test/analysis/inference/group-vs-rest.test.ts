/**
 * analysis/inference/group-vs-rest.ts on its own: against R (test/fixtures/r/report/group-vs-rest.R),
 * and its shortcuts against the direct computations they replace.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Design } from '../../../analysis/design/design.js';
import { domainMeans } from '../../../analysis/estimates/domain.js';
import { categoryProportions } from '../../../analysis/estimates/proportions.js';
import { groupVsRestMeans, groupVsRestProportions } from '../../../analysis/inference/group-vs-rest.js';
import { rake } from '../../../analysis/weights/rake.js';

const R = JSON.parse(readFileSync(new URL('../../fixtures/r/report/group-vs-rest.json', import.meta.url), 'utf8'));
const answers: Record<string, unknown>[] = R.data;
const areas: string[] = R.areas;
const G = areas.length;
const group = Int32Array.from(answers, (a) => (typeof a.area === 'string' ? areas.indexOf(a.area) : -1));
const margins = R.margins.map((m: { variable: string; categories: string[]; targets: number[] }) => ({
  name: m.variable,
  categories: m.categories,
  targets: m.targets,
  cells: Int32Array.from(answers, (a) => m.categories.indexOf(a[m.variable] as string)),
}));
const raked = rake(
  Float64Array.from(answers, (a) => a.dw as number),
  margins,
);
const design: Design = { weights: raked.weights, calibration: raked.calibration };
const hh = Float64Array.from(answers, (a) => (typeof a.hh === 'number' ? a.hh : NaN));
const scale = ['very_safe', 'fairly_safe', 'neither', 'fairly_unsafe', 'very_unsafe'];
const K = scale.length;
const answer = Int32Array.from(answers, (a) => scale.indexOf(a.safe as string));
const rel = (x: number, y: number) => Math.abs(x - y) / Math.max(1, Math.abs(y));

describe('groupVsRestMeans', () => {
  const r = groupVsRestMeans(design, hh, group, G);

  it('equals R for a mean on a raked design', () => {
    R.raked.hh.forEach((e: { estimate: number; rest: number; difference: number; se: number; seGroup: number }, g: number) => {
      // R: svyratio(~I(hh0*inb*ing) + I(hh0*inb*(1-ing)), ~I(inb*ing) + I(inb*(1-ing)), des, covmat = TRUE);
      //    d = est[1] − est[2]; se = sqrt(V11 + V22 − 2 V12)
      expect(rel(r.vsRest[g].estimate, e.estimate)).toBeLessThan(1e-10);
      expect(rel(r.vsRest[g].rest, e.rest)).toBeLessThan(1e-10);
      expect(rel(r.vsRest[g].difference, e.difference)).toBeLessThan(1e-10);
      expect(rel(Math.sqrt(r.vsRest[g].variance), e.se)).toBeLessThan(1e-10);
      expect(rel(Math.sqrt(r.vsRest[g].varianceGroup), e.seGroup)).toBeLessThan(1e-10);
    });
  });

  it("gives the groups' own means and covariance as domainMeans does, and the contrast as a 2-group recode", () => {
    const dm = domainMeans(design, hh, group, G);
    for (let g = 0; g < G; g++) {
      expect(rel(r.means[g], dm.estimates[g].estimate)).toBeLessThan(1e-13);
      expect(r.n[g]).toBe(dm.estimates[g].n);
      for (let h = 0; h < G; h++) expect(Math.abs(r.covariance[g][h] - dm.covariance[g][h])).toBeLessThan(1e-15);
      const two = domainMeans(
        design,
        hh,
        Int32Array.from(group, (x) => (x < 0 ? -1 : x === g ? 0 : 1)),
        2,
      );
      const V = two.covariance;
      expect(rel(r.vsRest[g].rest, two.estimates[1].estimate)).toBeLessThan(1e-13);
      expect(rel(r.vsRest[g].variance, V[0][0] + V[1][1] - 2 * V[0][1])).toBeLessThan(1e-10);
    }
  });

  it('gives NaN, not an error, for an empty group', () => {
    const got = groupVsRestMeans(design, hh, group, G + 1).vsRest[G];
    expect(got.estimate).toBeNaN();
    expect(got.variance).toBeNaN();
  });
});

describe('groupVsRestProportions', () => {
  const joint = Int32Array.from(answer, (k, i) => (k >= 0 && group[i] >= 0 ? k + group[i] * K : -1));
  const t = categoryProportions(design, joint, K * G);

  it('equals R for a net on a raked design', () => {
    const r = groupVsRestProportions(t.estimates, t.covariance, K, G, [3, 4]);
    const expected = R.raked.safe.find((x: { row: string }) => x.row === 'unsafe').groups;
    expected.forEach((e: { estimate: number; rest: number; se: number; seGroup: number }, g: number) => {
      // R: svyratio domain means of I(safe %in% unsafe) in the area and in the rest; se = sqrt(V11 + V22 − 2 V12)
      expect(rel(r[g].estimate, e.estimate)).toBeLessThan(1e-10);
      expect(rel(r[g].rest, e.rest)).toBeLessThan(1e-10);
      expect(rel(Math.sqrt(r[g].variance), e.se)).toBeLessThan(1e-10);
      expect(rel(Math.sqrt(r[g].varianceGroup), e.seGroup)).toBeLessThan(1e-10);
    });
  });

  it('equals the full quadratic form aᵀVa it shortcuts', () => {
    const members = [0, 1];
    const r = groupVsRestProportions(t.estimates, t.covariance, K, G, members);
    const P = t.estimates;
    for (let g = 0; g < G; g++) {
      let s = 0;
      let A = 0;
      let S = 0;
      let B = 0;
      for (let h = 0; h < G; h++) {
        for (let k = 0; k < K; k++) {
          const x = P[h * K + k];
          const inRow = members.includes(k) ? 1 : 0;
          if (h === g) {
            s += x;
            A += inRow * x;
          } else {
            S += x;
            B += inRow * x;
          }
        }
      }
      const a = Array.from({ length: K * G }, (_, c) => {
        const h = Math.floor(c / K);
        const inRow = members.includes(c % K) ? 1 : 0;
        return h === g ? inRow / s - A / (s * s) : -(inRow / S - B / (S * S));
      });
      let v = 0;
      for (let x = 0; x < K * G; x++) for (let y = 0; y < K * G; y++) v += a[x] * t.covariance[x][y] * a[y];
      expect(rel(r[g].variance, v)).toBeLessThan(1e-10);
      expect(rel(r[g].difference, A / s - B / S)).toBeLessThan(1e-13);
    }
  });
});
