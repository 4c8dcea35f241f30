/**
 * The evidence the priority matrix fills in beside each theme, on a MADE-UP borough held in the test
 * store, SQLite or Postgres (test/helpers/worry-borough.ts: made-up recorded crime as police.uk street-level rows,
 * made-up population of 1,000 residents in each of the 26 Maidstone wards, a made-up worry survey with
 * two waves), read by the real services of server/priorities/. Every figure expected below is worked
 * out by hand from the rows set there; the intervals and p-values are R's, from
 * test/fixtures/r/priorities/evidence.R (which rebuilds the same made-up data).
 *
 * Nothing is scored for the officer that the data cannot support: a theme with no recorded crime of
 * its type and no worry question shows no figure at all (no "0 recorded", no "0% worried").
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { priorityMatrix } from '../../../server/priorities/matrix.js';
import { type TestStore, testStore } from '../../helpers/store.js';
import { worryBorough } from '../../helpers/worry-borough.js';

const R = JSON.parse(readFileSync(new URL('../../fixtures/r/priorities/evidence.json', import.meta.url), 'utf8')) as {
  worry: { estimate: number; lower: number; upper: number; n: number };
  change: { difference: number; p: number };
  vehicleWorry: { estimate: number; lower: number; upper: number };
  vehicle: { ratio: number; lower: number; upper: number; p: number };
  burglary: { ratio: number; lower: number; upper: number; p: number };
};

let t: TestStore;
let matrix: Awaited<ReturnType<typeof priorityMatrix>>;
const evidenceOf = (theme: string) => matrix.rows.find((r) => r.theme === theme)!.evidence;
const pct = (p: number) => `${Math.round(p * 100)}%`;

beforeAll(async () => {
  t = await testStore();
  await worryBorough(t.store, t.dir);
  matrix = await priorityMatrix(t.store, '2019');
}, 120_000);

afterAll(async () => {
  await t?.cleanup();
});

describe('volume and trend from recorded crime', () => {
  it('counts the 12 months to the latest month held, per 1,000 residents, and the change on the year', () => {
    const burglary = evidenceOf('burglary');
    // 2019: 3+4+2+3+3+4+2+3+4+3+2+3 = 36 burglaries; 26 wards × 1,000 residents = 26,000;
    // 1,000 × 36 / 26,000 = 1.3846… → 1.38 per 1,000.
    expect(burglary[0]).toBe('Volume: 36 recorded in January 2019 to December 2019, 1.38 per 1,000 residents over the period.');
    // 2018: 1+3+2+2+1+3+2+2+3+1+2+2 = 24; ratio 36 / 24 = 1.50 (R: poisson.test(c(36, 24), c(1, 1))).
    expect(R.burglary.ratio).toBe(1.5);
    expect(burglary[1]).toBe(
      `Change on the year: 24 in the same months a year earlier, a ratio of 1.50 (95% CI ${R.burglary.lower.toFixed(2)} to ${R.burglary.upper.toFixed(2)}; ` +
        `p = ${R.burglary.p.toFixed(3)}, not a significant change).`,
    );
    expect(burglary[1]).toBe(
      'Change on the year: 24 in the same months a year earlier, a ratio of 1.50 (95% CI 0.87 to 2.63; p = 0.155, not a significant change).',
    );
    // XmR of the 24 monthly counts: mean 60 / 24 = 2.5; mean moving range 24 / 23 = 1.04; limits 2.5 ± 2.66 × 1.04 = −0.28 to 5.28; no
    // month outside them (1 to 4), no run of 7 on one side of 2.5, no 6 rising or falling, none near a limit.
    expect(burglary[2]).toBe('SPC signals (monthly counts, January 2018 to December 2019): none in January 2019 to December 2019.');

    // Vehicle crime: 1 + 7 × 30 = 211 in each year; 1,000 × 211 / 26,000 = 8.115… → 8.12; ratio 211 / 211 = 1.
    const vehicle = evidenceOf('vehicle-crime');
    expect(vehicle[0]).toBe('Volume: 211 recorded in January 2019 to December 2019, 8.12 per 1,000 residents over the period.');
    // Monthly vehicle crime, both years: January 22 (Allington's one crime), February–June 21, July–December 14.
    // Mean 211 / 12 = 17.58; the moving ranges 7, 8, 7 (the jumps) are screened out (≥ 3.267 × their mean, 1.04),
    // leaving a mean moving range of 2 / 20 = 0.1: limits 17.58 ± 2.66 × 0.1 = 17.32 to 17.85. Every month is
    // outside them: in 2019, January to June above and July to December below, each said once for its run.
    expect(vehicle[2]).toBe(
      'SPC signals (monthly counts, January 2018 to December 2019): A point above the upper limit, 6 months running (January 2019 to June 2019); ' +
        'A point below the lower limit, 6 months running (July 2019 to December 2019).',
    );
    expect(vehicle[1]).toBe(
      `Change on the year: 211 in the same months a year earlier, a ratio of 1.00 (95% CI ${R.vehicle.lower.toFixed(2)} to ${R.vehicle.upper.toFixed(2)}; p = 1.000, not a significant change).`,
    );
  });

  it('says the population figures are made up, once', () => {
    expect(matrix.notices.filter((n) => /illustrative/i.test(n))).toHaveLength(1);
  });
});

describe('perception from the survey', () => {
  it('gives the weighted worry share of the latest wave and its change on the wave before', () => {
    const burglary = evidenceOf('burglary');
    // 2019, each ward: 10 worried × weight 2 = 20 of 10 × 2 + 30 × 1 = 50 → 40% (unweighted it would be 25%).
    expect(R.worry.estimate).toBeCloseTo(0.4, 10);
    expect(burglary[3]).toBe(
      `Perception (Worry check (made up, test), wave 2019, “Someone breaking into your home”): 40% worried (95% CI ${pct(R.worry.lower)} to ${pct(R.worry.upper)}; 320 answers).`,
    );
    expect(burglary[3]).toContain('40% worried (95% CI 34% to 46%; 320 answers)');
    // 2018: 12 of 40 in each ward = 30%; up 40 − 30 = 10 points; t-test on 638 df (R: svycontrast), p = 0.013.
    // Significant after the Benjamini–Hochberg adjustment across the wave's 12 tested changes: the four
    // burglary answers that moved (fairly worried, not very worried and their two nets) each p = 0.013,
    // the eight ward shares unchanged (p = 1); 0.013 × 12 / 4 = 0.040 < 0.05. (Very and not at all
    // worried are 0% in both waves and not tested; vehicle worry was not asked in 2018.)
    expect(R.change.difference).toBeCloseTo(0.1, 12);
    expect(burglary[4]).toBe(`Change in worry since wave 2018: up 10 points (from 30%; p = ${R.change.p.toFixed(3)}, a significant change).`);
    expect(burglary[4]).toBe('Change in worry since wave 2018: up 10 points (from 30%; p = 0.013, a significant change).');
  });

  it('shows no change where the earlier wave did not ask the question, rather than a change from 0', () => {
    const vehicle = evidenceOf('vehicle-crime');
    // Allington 30 of 50 (weight) worried, the other seven wards 5 of 50 each: (30 + 35) / 400 = 16.25% → 16%.
    expect(R.vehicleWorry.estimate).toBeCloseTo(0.1625, 8);
    expect(vehicle[3]).toBe(
      `Perception (Worry check (made up, test), wave 2019, “Your car being stolen or broken into”): 16% worried (95% CI ${pct(R.vehicleWorry.lower)} to ${pct(R.vehicleWorry.upper)}; 320 answers).`,
    );
    expect(vehicle[4]).toBe('Change in worry since wave 2018: not known: One of the waves has too small a base for this estimate.');
  });

  it('names the wards where worry and recorded crime part ways, and none where worry is the same everywhere', () => {
    // Burglary worry is 40% in every ward, so no ward's worry differs from the rest of the borough.
    expect(evidenceOf('burglary')[5]).toBe(
      'Gap to recorded crime (burglary, January 2019 to December 2019): no ward where worry and recorded crime clearly part ways.',
    );
    // Vehicle crime: Allington worry 60% against 10% in the rest; its recorded vehicle crime 1 against 30 in each
    // of the other seven wards (1,000 residents each). Over-dispersion: borough rate θ = 211 / 8,000, expected
    // 26.375 a ward; z = −4.94 for Allington and +0.71 for the others; winsorised at the 10th percentile
    // (−4.94 + 0.7 × 5.65 = −0.99) φ̂ = (0.98 + 7 × 0.50) / 8 = 0.56 < 1, so no widening: Allington's
    // p = 2Φ(−4.94) ≈ 8e-7, clear after BH across 8 wards; no other ward is clear (z = 0.71).
    expect(evidenceOf('vehicle-crime')[5]).toBe(
      'Gap to recorded crime (vehicle crime, January 2019 to December 2019): worry clearly above the rest of the borough while recorded crime is clearly below in Allington.',
    );
  });
});

describe('a theme the data cannot support', () => {
  it('shows no figure for a crime type never recorded and never asked about, and no score', () => {
    const row = matrix.rows.find((r) => r.theme === 'bicycle-theft')!;
    expect(row.evidence).toEqual([
      'Volume: none of the recorded crime imported is of this type, so there is no count, rate or trend for it.',
      'Perception: no survey question held asks about worry over this theme, so there is no worry figure.',
    ]);
    expect(row.evidence.join(' ')).not.toMatch(/\d/);
    expect([row.score, row.rank]).toEqual([null, null]);
  });

  it('shows no volume for a year before any recorded crime, and no worry figure for a theme nobody was asked about', async () => {
    const earlier = await priorityMatrix(t.store, '2017');
    const robbery = earlier.rows.find((r) => r.theme === 'robbery')!;
    expect(robbery.evidence).toEqual([
      'Volume and trend: no recorded crime up to December 2017 has been imported, so there is no count, rate or trend for this theme.',
      'Perception: no survey question held asks about worry over this theme, so there is no worry figure.',
    ]);
  });
});
