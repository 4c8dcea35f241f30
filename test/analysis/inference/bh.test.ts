import { describe, expect, it } from 'vitest';
import { bhAdjust, significantAfterBH } from '../../../analysis/inference/bh.js';
import fixture from '../../fixtures/r/inference/contrast.json';
import { expectClose } from './close.js';

const fromJson = (values: (number | null)[]): number[] => values.map((v) => (v === null ? NaN : v));

describe('bhAdjust matches R p.adjust(p, "BH")', () => {
  it('with ties and missing values (NA stays NA, m = number of non-missing)', () => {
    const adjusted = bhAdjust(fromJson(fixture.bh.input));
    const expected = fromJson(fixture.bh.adjusted);
    // R: p.adjust(c(0.01, 0.04, NA, 0.03, 0.2, 0.03, 0.0001, NA, 0.9, 0.049), "BH")
    expected.forEach((value, i) => expectClose(adjusted[i], value, `entry ${i}`));
  });

  for (const domain of fixture.domains) {
    it(`on the pairwise p-values of ${domain.name}`, () => {
      const adjusted = bhAdjust(domain.pairs.map((p) => p.p));
      // R: p.adjust(sapply(pairs, function(x) x$p), "BH")
      domain.bh.forEach((value, i) => expectClose(adjusted[i], value, `pair ${i}`));
    });
  }

  it('returns p unchanged for a single value and handles an empty list, as R', () => {
    // R: p.adjust(0.03, "BH") == 0.03
    expect(bhAdjust([0.03])).toEqual([0.03]);
    expect(bhAdjust([NaN, 0.2])).toEqual([NaN, 0.2]);
    expect(bhAdjust([])).toEqual([]);
  });

  it('flags significance on the adjusted p', () => {
    // R: p.adjust(c(0.01, 0.04, 0.03), "BH") = 0.03 0.04 0.04
    expect(significantAfterBH([0.01, 0.04, 0.03])).toEqual([true, true, true]);
    // R: p.adjust(c(0.01, 0.049, 0.2), "BH") = 0.03 0.0735 0.2
    expect(significantAfterBH([0.01, 0.049, 0.2, NaN])).toEqual([true, false, false, false]);
  });

  it('rejects a p-value outside [0, 1]', () => {
    expect(() => bhAdjust([0.2, 1.5])).toThrow(/between 0 and 1/);
  });
});
