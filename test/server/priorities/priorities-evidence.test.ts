/**
 * The evidence the priority matrix fills in beside each theme, on a MADE-UP borough held in a real
 * SQLite file: made-up recorded crime (police.uk street-level rows written for the test), made-up
 * population (1,000 residents in each of the 26 Maidstone wards) and a made-up worry survey with two
 * waves, read by the real services of server/priorities/. Every figure expected below is worked out
 * by hand from the rows set here; the intervals and p-values are R's, from
 * test/fixtures/r/priorities/evidence.R (which rebuilds the same made-up data).
 *
 * Nothing is scored for the officer that the data cannot support: a theme with no recorded crime of
 * its type and no worry question shows no figure at all (no "0 recorded", no "0% worried").
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAreas } from '../../../server/areas/areas.js';
import { parsePopulationCsv, replacePopulation } from '../../../server/areas/population.js';
import { importCrimeFiles } from '../../../server/crime/import.js';
import { priorityMatrix } from '../../../server/priorities/matrix.js';
import { insertResponses } from '../../../server/responses/queries.js';
import { addSurvey, createWave } from '../../../server/surveys/manage.js';
import { findSurvey, findWave } from '../../../server/surveys/surveys.js';
import { tempStore, type TempStore } from '../../helpers/store.js';

const R = JSON.parse(readFileSync(new URL('../../fixtures/r/priorities/evidence.json', import.meta.url), 'utf8')) as {
  worry: { estimate: number; lower: number; upper: number; n: number };
  change: { difference: number; p: number };
  vehicleWorry: { estimate: number; lower: number; upper: number };
  vehicle: { ratio: number; lower: number; upper: number; p: number };
  burglary: { ratio: number; lower: number; upper: number; p: number };
};

/** The eight wards the made-up survey asks about, and an LSOA of each (from the bundled ONS lookup). */
const WARDS = [
  { code: 'E05004982', name: 'Allington', lsoa: 'E01024324', lsoaName: 'Maidstone 003E' },
  { code: 'E05004987', name: 'Bridge', lsoa: 'E01024339', lsoaName: 'Maidstone 006A' },
  { code: 'E05004986', name: 'Boxley', lsoa: 'E01024336', lsoaName: 'Maidstone 005B' },
  { code: 'E05004989', name: 'Detling and Thurnham', lsoa: 'E01024347', lsoaName: 'Maidstone 001E' },
  { code: 'E05004983', name: 'Barming and Teston', lsoa: 'E01024325', lsoaName: 'Maidstone 014A' },
  { code: 'E05004984', name: 'Bearsted', lsoa: 'E01024326', lsoaName: 'Maidstone 007A' },
  { code: 'E05004990', name: 'Downswood and Otham', lsoa: 'E01024349', lsoaName: 'Maidstone 007E' },
  { code: 'E05004992', name: 'Fant', lsoa: 'E01024360', lsoaName: 'Maidstone 009A' },
];

/** A made-up questionnaire (fictional, for tests). */
const WORRY_SURVEY = {
  title: 'Worry check (made up, test)',
  elements: [
    {
      type: 'radiogroup',
      name: 'worry_burglary',
      title: 'Someone breaking into your home',
      choices: ['very_worried', 'fairly_worried', 'not_very_worried', 'not_at_all_worried'].map((value) => ({ value, text: value })),
    },
    {
      type: 'radiogroup',
      name: 'worry_vehicle',
      title: 'Your car being stolen or broken into',
      choices: ['very_worried', 'fairly_worried', 'not_very_worried', 'not_at_all_worried'].map((value) => ({ value, text: value })),
    },
    { type: 'dropdown', name: 'ward', title: 'Which ward do you live in?', choices: WARDS.map((w) => ({ value: w.code, text: w.name })) },
  ],
};
const WORRY_META = {
  slug: 'worry-check',
  title: 'Worry check (made up, test)',
  audience: 'resident',
  scales: {
    worry: {
      categories: [
        { value: 'very_worried', label: 'Very worried' },
        { value: 'fairly_worried', label: 'Fairly worried' },
        { value: 'not_very_worried', label: 'Not very worried' },
        { value: 'not_at_all_worried', label: 'Not at all worried' },
      ],
      nets: { worried: ['very_worried', 'fairly_worried'], not_worried: ['not_very_worried', 'not_at_all_worried'] },
      excludeFromBase: [],
    },
  },
  questions: [
    { name: 'worry_burglary', construct: 'worry.burglary', scale: 'worry', crimeTypes: ['Burglary'] },
    { name: 'worry_vehicle', construct: 'worry.vehicle', scale: 'worry', crimeTypes: ['Vehicle crime'] },
    { name: 'ward', construct: 'demographic.ward', breakdown: true },
  ],
};

/**
 * Burglary in the borough by month (spread over the eight wards in turn):
 * 2018: 24 in all; 2019: 36 in all.
 */
const BURGLARY: Record<string, number[]> = {
  '2018': [1, 3, 2, 2, 1, 3, 2, 2, 3, 1, 2, 2],
  '2019': [3, 4, 2, 3, 3, 4, 2, 3, 4, 3, 2, 3],
};
/** Vehicle crime by ward, in 2019 and again in 2018: Allington 1, each of the other seven 30. */
const vehicleCount = (ward: (typeof WARDS)[number]) => (ward.name === 'Allington' ? 1 : 30);

function crimeFile(dir: string): string {
  const rows = ['Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context'];
  const row = (id: string, month: string, ward: (typeof WARDS)[number], type: string) =>
    rows.push(`${id},${month},Kent Police,Kent Police,0.5,51.27,On or near Made Up Street,${ward.lsoa},${ward.lsoaName},${type},Under investigation,`);
  let k = 0;
  for (const year of ['2018', '2019']) {
    BURGLARY[year].forEach((count, m) => {
      for (let i = 0; i < count; i++) row(`made-up-${k++}`, `${year}-${String(m + 1).padStart(2, '0')}`, WARDS[i % WARDS.length], 'Burglary');
    });
    for (const ward of WARDS)
      for (let i = 0; i < vehicleCount(ward); i++) row(`made-up-${k++}`, `${year}-${String((i % 12) + 1).padStart(2, '0')}`, ward, 'Vehicle crime');
  }
  const file = join(dir, 'MADE-UP-test-kent-street.csv');
  writeFileSync(file, `${rows.join('\n')}\n`);
  return file;
}

/**
 * The answers of one wave: 40 respondents in each of the eight wards (320).
 * 2019: respondents 0–9 of each ward are fairly worried about burglary and have design weight 2;
 *   respondents 10–39 are not very worried, weight 1. Worried about vehicle crime: in Allington
 *   respondents 10–39 (30, weight 1), in the other wards respondents 10–14 (5, weight 1).
 * 2018: respondents 0–11 fairly worried about burglary, the rest not very worried, all weight 1;
 *   nobody was asked about vehicle crime.
 */
function answers(wave: '2018' | '2019') {
  const out: { answers: Record<string, string>; designWeight: number }[] = [];
  for (const ward of WARDS) {
    for (let i = 0; i < 40; i++) {
      if (wave === '2018') {
        out.push({ answers: { ward: ward.code, worry_burglary: i < 12 ? 'fairly_worried' : 'not_very_worried' }, designWeight: 1 });
        continue;
      }
      const vehicle = i >= 10 && (ward.name === 'Allington' ? true : i < 15);
      out.push({
        answers: {
          ward: ward.code,
          worry_burglary: i < 10 ? 'fairly_worried' : 'not_very_worried',
          worry_vehicle: vehicle ? 'fairly_worried' : 'not_at_all_worried',
        },
        designWeight: i < 10 ? 2 : 1,
      });
    }
  }
  return out;
}

let t: TempStore;
let matrix: ReturnType<typeof priorityMatrix>;
const evidenceOf = (theme: string) => matrix.rows.find((r) => r.theme === theme)!.evidence;
const pct = (p: number) => `${Math.round(p * 100)}%`;

beforeAll(async () => {
  t = tempStore();
  ensureAreas(t.store);
  const codes = (t.store.sqlite.prepare("SELECT code FROM areas WHERE kind = 'ward' ORDER BY code").all() as { code: string }[]).map((r) => r.code);
  expect(codes).toHaveLength(26);
  const csv = ['area_code,sex,age_band,count', ...codes.map((c) => `${c},*,*,1000`)].join('\n');
  replacePopulation(t.store, parsePopulationCsv(csv, { source: 'made up for tests', illustrative: true }));
  await importCrimeFiles(t.store, [crimeFile(t.dir)]);

  addSurvey(t.store.db, { slug: 'worry-check', definition: WORRY_SURVEY, metadata: WORRY_META, audience: 'resident' });
  // Each wave closes on 1 January, so its crime period is the calendar year before.
  createWave(t.store.db, 'worry-check', '2018', { opens: '2018-11-01', closes: '2019-01-01' });
  createWave(t.store.db, 'worry-check', '2019', { opens: '2019-11-01', closes: '2020-01-01' });
  const survey = findSurvey(t.store.db, 'worry-check');
  for (const name of ['2018', '2019'] as const) {
    const wave = findWave(t.store.db, survey, name);
    insertResponses(
      t.store.db,
      answers(name).map((a) => ({
        waveId: wave.id,
        status: 'complete',
        answers: a.answers,
        designWeight: a.designWeight,
        surveyVersion: survey.version,
        source: 'web',
      })),
    );
  }
  matrix = priorityMatrix(t.store, '2019');
}, 120_000);

afterAll(() => t?.cleanup());

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
    expect(burglary[2]).toMatch(/^SPC signals \(monthly counts, January 2018 to December 2019\): /);

    // Vehicle crime: 1 + 7 × 30 = 211 in each year; 1,000 × 211 / 26,000 = 8.115… → 8.12; ratio 211 / 211 = 1.
    const vehicle = evidenceOf('vehicle-crime');
    expect(vehicle[0]).toBe('Volume: 211 recorded in January 2019 to December 2019, 8.12 per 1,000 residents over the period.');
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

  it('shows no volume for a year before any recorded crime, and no worry figure for a theme nobody was asked about', () => {
    const earlier = priorityMatrix(t.store, '2017');
    const robbery = earlier.rows.find((r) => r.theme === 'robbery')!;
    expect(robbery.evidence).toEqual([
      'Volume and trend: no recorded crime up to December 2017 has been imported, so there is no count, rate or trend for this theme.',
      'Perception: no survey question held asks about worry over this theme, so there is no worry figure.',
    ]);
  });
});
