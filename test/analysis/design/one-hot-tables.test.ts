/**
 * Many questions' joint tables by one breakdown in one pass over the respondents (jointProportions,
 * oneHotTableSums) against each table computed alone (categoryProportions on the joint cells): the
 * same sums added in the same order, so every number is equal to the last digit — with raking,
 * post-stratification, strata, clusters and an fpc, respondents of weight 0, blanks and unknown groups.
 */
import { describe, expect, it } from 'vitest';
import type { Design } from '../../../analysis/design/design.js';
import { categoryProportions, jointProportions } from '../../../analysis/estimates/proportions.js';
import { jointAndGrouped, jointAndGroupedAll, proportionsTable, proportionsTables } from '../../../analysis/report/tables.js';
import { resident } from '../core/designs.js';

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const n = resident.raked.weights.length;
const next = lcg(12);
/** Three made-up questions of 2, 5 and 7 answers, about one in ten blank (−1). */
const Ks = [2, 5, 7];
const codes = Ks.map((K) => Int32Array.from({ length: n }, () => (next() < 0.1 ? -1 : Math.floor(next() * K))));
const G = 4;
const groups = Int32Array.from({ length: n }, () => (next() < 0.05 ? -1 : Math.floor(next() * G)));
const strata = Int32Array.from({ length: n }, (_, i) => i % 3);
const psu = Int32Array.from({ length: n }, (_, i) => Math.floor(i / 3) % 20);

const withZero = (d: Design): Design => ({ ...d, weights: Float64Array.from(d.weights, (w, i) => (i % 17 === 0 ? 0 : w)) });
const designs: [string, Design][] = [
  ['unweighted', resident.unweighted],
  ['post-stratified', resident.poststrat],
  ['raked', resident.raked],
  ['raked, stratified, a weight of 0 here and there', withZero({ ...resident.raked, strata })],
  ['raked, clustered in strata with an fpc', { ...resident.raked, strata, psu, fpc: new Float64Array(n).fill(0.1) }],
];

describe('every question by one breakdown in one pass equals each table alone', () => {
  for (const [name, design] of designs) {
    it(name, () => {
      const together = jointProportions(design, codes, Ks, groups, G);
      expect(together).toHaveLength(3);
      Ks.forEach((K, t) => {
        const joint = Int32Array.from(codes[t], (c, i) => (c >= 0 && groups[i] >= 0 ? c + groups[i] * K : -1));
        const alone = categoryProportions(design, joint, K * G);
        expect(together[t].nCategories).toBe(K * G);
        expect(Array.from(together[t].estimates)).toEqual(Array.from(alone.estimates));
        expect(together[t].covariance).toEqual(alone.covariance);
        expect(together[t].groups).toEqual(alone.groups);
        // Not all zero: the comparison above has something to compare.
        expect(alone.covariance[1][1]).toBeGreaterThan(1e-6);
      });
      const tables = jointAndGroupedAll(design, codes, Ks, groups, G);
      const overall = proportionsTables(design, codes, Ks);
      Ks.forEach((K, t) => {
        expect(tables[t]).toEqual(jointAndGrouped(design, codes[t], K, groups, G));
        expect(overall[t]).toEqual(proportionsTable(design, codes[t], K, null, 1));
      });
    });
  }

  it('says which respondent has an answer outside the table', () => {
    const bad = Int32Array.from(codes[0]);
    bad[4] = 2;
    expect(() => jointProportions(resident.raked, [bad], [2], groups, G)).toThrow('Respondent 5 has answer category 2 of 2');
  });
});
