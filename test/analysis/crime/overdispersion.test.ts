/**
 * The over-dispersed funnel comparison (analysis/crime/overdispersion.ts) against the definition
 * written out in R (test/fixtures/r/crime/overdispersion.R): φ̂ < 1 (no widening), strong
 * over-dispersion, and a ward with no recorded crime.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { overdispersedComparison } from '../../../analysis/crime/overdispersion.js';

interface RCase {
  name: string;
  r: {
    count: number[];
    population: number[];
    rate: number;
    expected: number[];
    z: number[];
    phi: number;
    factor: number;
    zAdjusted: number[];
    p: number[];
    limits95: { lower: number[]; upper: number[] };
    limits998: { lower: number[]; upper: number[] };
  };
}
const fixture = JSON.parse(readFileSync('test/fixtures/r/crime/overdispersion.json', 'utf8')) as { cases: RCase[] };
const byName = (name: string) => fixture.cases.find((c) => c.name === name)!.r;

describe('overdispersedComparison', () => {
  it.each(fixture.cases.map((c) => [c.name, c.r] as const))('%s: as R', (_name, r) => {
    const c = overdispersedComparison(r.count.map((count, i) => ({ count, population: r.population[i] })));
    // R: overdispersed(count, population) in test/fixtures/r/crime/overdispersion.R
    expect(c.rate).toBeCloseTo(r.rate, 12);
    expect(c.phi).toBeCloseTo(r.phi, 12);
    expect(c.factor).toBeCloseTo(r.factor, 12);
    c.areas.forEach((a, i) => {
      expect(a!.expected).toBeCloseTo(r.expected[i], 10);
      expect(a!.z).toBeCloseTo(r.z[i], 12);
      expect(a!.zAdjusted).toBeCloseTo(r.zAdjusted[i], 12);
      expect(a!.p).toBeCloseTo(r.p[i], 12);
      expect(a!.limits95[0]).toBeCloseTo(r.limits95.lower[i], 10);
      expect(a!.limits95[1]).toBeCloseTo(r.limits95.upper[i], 10);
      expect(a!.limits998[0]).toBeCloseTo(r.limits998.lower[i], 10);
      expect(a!.limits998[1]).toBeCloseTo(r.limits998.upper[i], 10);
    });
  });

  it('does not widen when the wards vary less than Poisson (φ̂ < 1), and does when they vary more', () => {
    // R: phi = 0.0155 → factor 1; phi = 11.62 → factor 11.62
    expect(byName('under-dispersed').phi).toBeLessThan(1);
    const under = byName('under-dispersed');
    const c = overdispersedComparison(under.count.map((count, i) => ({ count, population: under.population[i] })));
    expect(c.factor).toBe(1);
    expect(c.areas.map((a) => a!.zAdjusted)).toEqual(c.areas.map((a) => a!.z));
    const strong = byName('twelve wards, strong');
    expect(strong.factor).toBeCloseTo(11.6216801796311, 10);
  });

  it('leaves out areas with no population, and compares nothing with fewer than 2 areas or no crime', () => {
    const r = byName('five wards, strong');
    const areas = r.count.map((count, i) => ({ count, population: r.population[i] }));
    const c = overdispersedComparison([...areas.slice(0, 2), { count: 7, population: 0 }, ...areas.slice(2)]);
    expect(c.areas[2]).toBeNull();
    expect(c.phi).toBeCloseTo(r.phi, 12);
    expect(c.areas[3]!.z).toBeCloseTo(r.z[2], 12);
    expect(overdispersedComparison([{ count: 5, population: 100 }])).toMatchObject({ phi: null, factor: 1, areas: [null] });
    expect(
      overdispersedComparison([
        { count: 0, population: 100 },
        { count: 0, population: 200 },
      ]).phi,
    ).toBeNull();
    expect(() => overdispersedComparison([{ count: -1, population: 100 }])).toThrow(/count must be a number ≥ 0/);
  });
});
