/**
 * Exact Poisson intervals, rates per 1,000, the exact binomial test and the two-period rate test,
 * against R (test/fixtures/r/crime/poisson.R → poisson.json).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { binomialTest, type Alternative } from '../../../analysis/crime/binomial-test.js';
import { poissonCI } from '../../../analysis/crime/poisson-ci.js';
import { boroughRate, ratePer1000 } from '../../../analysis/crime/rates.js';
import { poissonRateTest } from '../../../analysis/crime/yoy.js';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/r/crime/poisson.json', import.meta.url), 'utf8'));
const RELATIVE = 1e-8;

function close(actual: number, expected: number, what: string) {
  const scale = Math.max(Math.abs(expected), 1e-300);
  expect(Math.abs(actual - expected) / scale, `${what}: ${actual} vs R ${expected}`).toBeLessThan(RELATIVE);
}

describe('poissonCI', () => {
  for (const c of fixture.ci) {
    // R: poisson.test(x, T, conf.level = level)$conf.int
    it(`poisson.test(${c.x}, ${c.t}, conf.level = ${c.level})`, () => {
      const r = poissonCI(c.x, c.t, c.level);
      close(r.estimate, c.estimate, 'estimate');
      if (c.lower === 0) expect(r.lower).toBe(0);
      else close(r.lower, c.lower, 'lower');
      close(r.upper, c.upper, 'upper');
    });
  }

  it('rejects counts that are not whole numbers ≥ 0 and non-positive exposures', () => {
    expect(() => poissonCI(-1)).toThrow(/whole number/);
    expect(() => poissonCI(2.5)).toThrow(/whole number/);
    expect(() => poissonCI(3, 0)).toThrow(/exposure/);
    expect(() => poissonCI(3, 1, 1.2)).toThrow(/confidence level/);
  });
});

describe('ratePer1000 and boroughRate', () => {
  it('is the Poisson interval of the count over the population in thousands', () => {
    // R: poisson.test(45, 9000/1000)$conf.int  (case x = 45, T = 9 in the fixture)
    const ref = fixture.ci.find((c: { x: number; t: number }) => c.x === 45 && c.t === 9);
    const r = ratePer1000(45, 9000);
    close(r.rate, 5, 'rate');
    close(r.lower, ref.lower, 'lower');
    close(r.upper, ref.upper, 'upper');
  });

  it('sums counts and populations for the borough', () => {
    // R: poisson.test(1588, 161800/1000, conf.level = 0.99)$conf.int
    const ref = fixture.ci.find((c: { x: number }) => c.x === 1588);
    const r = boroughRate(
      [
        { count: 1000, population: 100000 },
        { count: 588, population: 61800 },
      ],
      0.99,
    );
    expect(r.count).toBe(1588);
    expect(r.population).toBe(161800);
    close(r.lower, ref.lower, 'lower');
    close(r.upper, ref.upper, 'upper');
  });

  it('needs a positive population', () => {
    expect(() => ratePer1000(3, 0)).toThrow(/positive population/);
    expect(() => boroughRate([])).toThrow(/at least one area/);
  });
});

describe('binomialTest', () => {
  for (const c of fixture.binom) {
    // R: binom.test(x, n, p, alternative = alternative)
    it(`binom.test(${c.x}, ${c.n}, ${c.p}, alternative = "${c.alternative}")`, () => {
      const r = binomialTest(c.x, c.n, c.p, c.alternative as Alternative);
      close(r.pValue, c.pValue, 'p-value');
      if (c.lower === 0) expect(r.lower).toBe(0);
      else close(r.lower, c.lower, 'lower');
      close(r.upper, c.upper, 'upper');
    });
  }
});

describe('poissonRateTest (year on year)', () => {
  for (const c of fixture.yoy) {
    // R: poisson.test(c(x1, x2), c(t1, t2), r = r, alternative = alternative)
    it(`poisson.test(c(${c.x1}, ${c.x2}), c(${c.t1}, ${c.t2}), r = ${c.r}, alternative = "${c.alternative}")`, () => {
      const r = poissonRateTest(c.x1, c.t1, c.x2, c.t2, { ratio: c.r, alternative: c.alternative as Alternative });
      close(r.pValue, c.pValue, 'p-value');
      // R's printed "expected count1" uses sum(x)·r·t1/(t1 + r·t2), unlike the p it tests
      // (r·t1/(r·t1 + t2)); the two agree when r = 1, the only case compared here.
      if (c.r === 1) close(r.expectedX1, c.expectedX1, 'expected count 1');
      if (typeof c.rateRatio === 'number') close(r.rateRatio, c.rateRatio, 'rate ratio');
      else expect(r.rateRatio).toBe(Infinity); // R writes Inf as "Inf"
      if (c.lower === 0) expect(r.lower).toBe(0);
      else close(r.lower, c.lower, 'lower');
      if (typeof c.upper === 'number') close(r.upper, c.upper, 'upper');
      else expect(r.upper).toBe(Infinity);
    });
  }

  it('refuses to compare two zero counts', () => {
    expect(() => poissonRateTest(0, 1, 0, 1)).toThrow(/nothing to compare/);
  });
});
