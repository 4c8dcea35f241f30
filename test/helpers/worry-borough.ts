/**
 * A MADE-UP borough for the priority-matrix tests, in a real SQLite file: the 26 Maidstone wards
 * with 1,000 residents each (made up), recorded crime written for the test as police.uk
 * street-level rows (burglary and vehicle crime, January 2018 to December 2019), and a made-up
 * worry survey (worry-check) with waves 2018 and 2019 of 320 answers each, with design weights.
 * What each figure must come to is worked out by hand in test/server/priorities/priorities-evidence.test.ts;
 * test/fixtures/r/priorities/evidence.R rebuilds the same data in R.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureAreas } from '../../server/areas/areas.js';
import { parsePopulationCsv, replacePopulation } from '../../server/areas/population.js';
import { importCrimeFiles } from '../../server/crime/import.js';
import { insertResponses } from '../../server/responses/queries.js';
import type { Store } from '../../server/store/open.js';
import { sqlOf } from './store.js';
import { addSurvey, createWave } from '../../server/surveys/manage.js';
import { findSurvey, findWave } from '../../server/surveys/surveys.js';

export const WORRY_SLUG = 'worry-check';

/** The eight wards the made-up survey asks about, and an LSOA of each (from the bundled ONS lookup). */
export const WARDS = [
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
export const BURGLARY: Record<string, number[]> = {
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

/** A made-up population file: `residents` in each of the 26 Maidstone wards. */
export async function populationCsv(store: Store, residents: number): Promise<string> {
  await ensureAreas(store);
  const codes = (await sqlOf(store).all<{ code: string }>("SELECT code FROM areas WHERE kind = 'ward' ORDER BY code")).map((r) => r.code);
  if (codes.length !== 26) throw new Error(`expected the 26 Maidstone wards, found ${codes.length}`);
  return ['area_code,sex,age_band,count', ...codes.map((c) => `${c},*,*,${residents}`)].join('\n');
}

/** Fills `store` (a fresh one) with the made-up borough; `dir` takes the crime file. */
export async function worryBorough(store: Store, dir: string): Promise<void> {
  await replacePopulation(store, parsePopulationCsv(await populationCsv(store, 1000), { source: 'made up for tests', illustrative: true }));
  await importCrimeFiles(store, [crimeFile(dir)]);

  await addSurvey(store.db, { slug: WORRY_SLUG, definition: WORRY_SURVEY, metadata: WORRY_META, audience: 'resident' });
  // Each wave closes on 1 January, so its crime period is the calendar year before.
  await createWave(store.db, WORRY_SLUG, '2018', { opens: '2018-11-01', closes: '2019-01-01' });
  await createWave(store.db, WORRY_SLUG, '2019', { opens: '2019-11-01', closes: '2020-01-01' });
  const survey = await findSurvey(store.db, WORRY_SLUG);
  for (const name of ['2018', '2019'] as const) {
    const wave = await findWave(store.db, survey, name);
    await insertResponses(
      store.db,
      answers(name).map((a) => ({
        // Every reply of a wave on one day (2 December 2019 for wave 2019).
        createdAt: `${name}-12-02T10:00:00.000Z`,
        waveId: wave.id,
        status: 'complete',
        answers: a.answers,
        designWeight: a.designWeight,
        surveyVersion: survey.version,
        source: 'web',
      })),
    );
  }
}
