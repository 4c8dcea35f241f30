import { describe, expect, it } from 'vitest';
import { groupDifference, waveChange } from '../../../analysis/inference/contrast.js';
import { pairwiseDifferences } from '../../../analysis/inference/pairwise.js';
import fixture from '../../fixtures/r/inference/contrast.json';
import { expectClose } from './close.js';

describe('groupDifference and pairwiseDifferences match R svycontrast (test/fixtures/r/inference/contrast.R)', () => {
  for (const domain of fixture.domains) {
    it(domain.name, () => {
      const rows = pairwiseDifferences(domain.labels, domain.estimates, domain.covariance, domain.df);
      expect(rows.map((r) => [r.a, r.b])).toEqual(domain.pairs.map((r) => [r.a, r.b]));
      rows.forEach((row, k) => {
        const r = domain.pairs[k];
        // R: sc <- svycontrast(svyby(~y, ~group, design, svymean, covmat = TRUE), c(a = 1, b = -1)); coef(sc); SE(sc)
        expectClose(row.difference, r.difference, `${r.a}-${r.b} difference`);
        expectClose(row.se, r.se, `${r.a}-${r.b} se`);
        expectClose(row.t, r.t, `${r.a}-${r.b} t`);
        // R: 2 * pt(-abs(coef(sc) / SE(sc)), degf(design))
        expectClose(row.p, r.p, `${r.a}-${r.b} p`);
      });
    });
  }

  it('groupDifference on one pair equals the pairwise row', () => {
    const d = fixture.domains[3];
    const V = d.covariance;
    // R: svycontrast(b, c(Abbey = 1, Elm = -1))
    const test = groupDifference(d.estimates[0], d.estimates[4], V[0][0], V[4][4], V[0][4], d.df);
    const r = d.pairs.find((p) => p.a === 'Abbey' && p.b === 'Elm')!;
    expectClose(test.difference, r.difference, 'difference');
    expectClose(test.se, r.se, 'se');
    expectClose(test.p, r.p, 'p');
  });

  it('pairwiseDifferences explains a size mismatch', () => {
    expect(() => pairwiseDifferences(['a', 'b'], [0.1, 0.2], [[1]], 10)).toThrow(/2×2 covariance/);
  });
});

describe('waveChange (independent samples) matches R with the waves stacked as strata', () => {
  const w = fixture.wave;
  it('difference, SE, t and p', () => {
    const test = waveChange(w.est1, w.se1, w.est2, w.se2, w.df);
    // R: svycontrast(svyby(~y, ~wave, svydesign(ids = ~1, strata = ~wave, weights = ~w, data = stacked), svymean, covmat = TRUE), c(-1, 1))
    expectClose(test.difference, w.difference, 'difference');
    expectClose(test.se, w.se, 'se');
    expectClose(test.t, w.t, 't');
    // R: 2 * pt(-abs(t), degf(stacked))  with degf(stacked) = 120 + 140 - 2
    expectClose(test.p, w.p, 'p');
    expect(w.df).toBe(120 + 140 - 2);
  });
});

describe('edge cases', () => {
  it('an empty group (NaN estimate) gives NaN, no crash', () => {
    const test = groupDifference(NaN, 0.4, NaN, 0.001, NaN, 100);
    expect(test.difference).toBeNaN();
    expect(test.se).toBeNaN();
    expect(test.p).toBeNaN();
    const change = waveChange(0.3, 0.02, NaN, NaN, 100);
    expect(change.p).toBeNaN();
  });

  it('zero variance: no difference gives NaN p, a difference gives p = 0', () => {
    expect(groupDifference(1, 1, 0, 0, 0, 50).p).toBeNaN();
    // R: 2 * pt(-Inf, 50) == 0
    expect(groupDifference(1, 0, 0, 0, 0, 50).p).toBe(0);
  });

  it('rejects a covariance that makes the variance negative', () => {
    expect(() => groupDifference(0.5, 0.4, 0.001, 0.001, 0.01, 50)).toThrow(/negative/);
  });

  it('takes a variance within rounding of 0 (a net that is every answer in both groups) as 0', () => {
    // 1e-20 + 1e-20 − 2 × 1.0000001e-20 = −2e-27: rounding, so se 0 and, with no difference, NaN p (as R's 0/0).
    const r = groupDifference(1, 1, 1e-20, 1e-20, 1.0000001e-20, 50);
    expect(r.se).toBe(0);
    expect(r.p).toBeNaN();
    expect(() => groupDifference(1, 1, 1e-4, 1e-4, 1.01e-4, 50)).toThrow(/negative/);
  });
});
