import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { wardTable, type WardInput } from '../../../analysis/perception/ward-table.js';

const r = JSON.parse(readFileSync('test/fixtures/r/perception/ward-table.json', 'utf8'));
const differences = [0.15, -0.08, -0.02, -0.05, 0.03];

function inputs(): WardInput[] {
  return (r.count as number[]).map((count, i) => ({
    wardCode: `E0${i}`,
    ward: `Ward ${i}`,
    worry: {
      estimate: r.worry[i],
      ci: [r.worry[i] - 0.05, r.worry[i] + 0.05],
      n: 100,
      suppressed: false,
      vsRest: { difference: differences[i], rest: r.worry[i] - differences[i], p: r.worryP[i] },
    },
    crime: { count, population: r.population[i] },
  }));
}

describe('wardTable', () => {
  const t = wardTable(inputs(), { worry: 0.33 });

  it('compares each ward’s recorded crime with the borough as R does, allowing for over-dispersion', () => {
    // R: z <- (count - E) / sqrt(E); phi <- mean(winsorised z^2) = 6.32 (10% each tail)
    expect(t.overdispersion.phi).toBeCloseTo(r.phi, 12);
    expect(t.overdispersion).toMatchObject({ method: 'multiplicative', winsorised: 0.1, wards: 5 });
    expect(t.overdispersion.factor).toBeCloseTo(r.phi, 12);
    t.rows.forEach((row, i) => {
      const e = r.wards[i];
      // R: poisson.test(c(count[i], sum(count[-i])), c(population[i], sum(population[-i])))
      expect(row.crimeVsBorough.ratio).toBeCloseTo(e.ratio, 12);
      expect(row.crimeVsBorough.ci![0]).toBeCloseTo(e.lower, 8);
      expect(row.crimeVsBorough.ci![1]).toBeCloseTo(e.upper, 8);
      // R: 2 * pnorm(-abs(z[i] / sqrt(max(1, phi)))), not poisson.test's p
      expect(row.crimeVsBorough.funnel!.expected).toBeCloseTo(e.expected, 10);
      expect(row.crimeVsBorough.funnel!.z).toBeCloseTo(e.z, 12);
      expect(row.crimeVsBorough.funnel!.zAdjusted).toBeCloseTo(e.zAdjusted, 12);
      expect(row.crimeVsBorough.p).toBeCloseTo(e.p, 12);
      // R: p.adjust(p, "BH")
      expect(row.crimeVsBorough.pAdjusted).toBeCloseTo(e.pAdjusted, 10);
      // R: 1000 * count / population; poisson.test(count, population / 1000)$conf.int
      expect(row.crime.rate).toBeCloseTo(e.rate, 12);
      expect(row.crime.ci![0]).toBeCloseTo(e.rateLower, 8);
      expect(row.crime.ci![1]).toBeCloseTo(e.rateUpper, 8);
      // R: p.adjust(worryP, "BH")
      expect(row.worryVsBorough.pAdjusted).toBeCloseTo(r.worryPAdjusted[i], 12);
    });
  });

  it('places wards in quadrants by direction and marks only those where both differences are clear', () => {
    expect(t.rows.map((x) => x.quadrant)).toEqual([
      'high worry, high crime',
      'low worry, low crime',
      'low worry, low crime',
      'low worry, low crime',
      'high worry, low crime',
    ]);
    // Allowing for over-dispersion only ward 0's crime is clear (R: BH-adjusted p 0.042; the others
    // 0.47 to 0.86), though pure Poisson would call ward 1 and ward 3 clearly low as well.
    expect(t.rows.map((x) => x.crimeVsBorough.clear)).toEqual([true, false, false, false, false]);
    expect(r.wards.filter((w: { poissonP: number }) => w.poissonP < 0.05)).toHaveLength(3);
    expect(t.rows.map((x) => x.marked)).toEqual([true, false, false, false, false]);
    expect(t.rows[3].worryVsBorough.clear).toBe(true);
    expect(t.quadrants['low worry, low crime']).toEqual({ wards: 3, marked: [] });
    expect(t.quadrants['high worry, high crime']).toEqual({ wards: 1, marked: ['Ward 0'] });
  });

  it('gives Spearman’s rho of worry against rate', () => {
    // R: cor(worry, 1000 * count / population, method = "spearman") = 0.9; cor.test(...)$p.value = 0.0833 (exact, n = 5)
    if (!('rho' in t.spearman)) throw new Error('expected a correlation');
    expect(t.spearman.rho).toBeCloseTo(r.rho, 12);
    expect(t.spearman.pValue).toBeCloseTo(r.rhoP, 12);
    expect(t.spearman.wards).toBe(5);
  });

  it('gives the borough rate over all wards', () => {
    // R: poisson.test(227, 25000 / 1000)$conf.int
    expect(t.borough.crime!.count).toBe(227);
    expect(t.borough.crime!.rate).toBeCloseTo(9.08, 12);
  });

  it('leaves a suppressed ward out of the worry test, the quadrants and the correlation, but shows its crime', () => {
    const wards = inputs();
    wards[0].worry = {
      estimate: null,
      ci: null,
      n: 12,
      suppressed: true,
      reason: 'Fewer than 30 replies, so hidden.',
      vsRest: { difference: 0.3, rest: 0.2, p: 1e-9 },
    };
    const s = wardTable(wards, { worry: 0.33 });
    const row = s.rows[0];
    expect(row.worry).toEqual({ estimate: null, ci: null, n: null, suppressed: true, reason: 'Fewer than 30 replies, so hidden.' });
    expect(row.worryVsBorough.p).toBeNull();
    expect(row.quadrant).toBeNull();
    expect(row.marked).toBe(false);
    expect(row.crime.count).toBe(90);
    if (!('rho' in s.spearman)) throw new Error('expected a correlation');
    expect(s.spearman.wards).toBe(4);
    // The BH family shrinks to the four testable wards. R: p.adjust(c(0.04, 0.5, 0.0001, 0.03), "BH")
    expect(s.rows.slice(1).map((x) => x.worryVsBorough.pAdjusted)).toEqual(
      [0.05333333333333334, 0.5, 0.0004, 0.05333333333333334].map((v) => expect.closeTo(v, 12)),
    );
  });

  it('says why there is no correlation when fewer than three wards can be used', () => {
    const wards = inputs().slice(0, 2);
    const s = wardTable(wards, { worry: 0.33 });
    expect(s.spearman).toEqual({ reason: expect.stringMatching(/at least 3 pairs/) });
  });

  it('gives no rate or crime test for a ward without a population figure', () => {
    const wards = inputs();
    wards[2].crime.population = 0;
    const s = wardTable(wards, { worry: 0.33 });
    expect(s.rows[2].crime.rate).toBeNull();
    expect(s.rows[2].crimeVsBorough.p).toBeNull();
    expect(s.rows[2].quadrant).toBeNull();
    expect(s.borough.crime!.population).toBe(19000);
  });
});
