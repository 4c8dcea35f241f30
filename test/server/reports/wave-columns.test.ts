/**
 * The report read by question (loadWaveColumns: answers parsed once into dictionary-coded columns)
 * against the report read as one object per response (loadWaveData), on the test store (SQLite or Postgres) holding
 * the resident questionnaire with two waves of SYNTHETIC replies from the demo's generator, raked on
 * sex, age band and ward to the ILLUSTRATIVE population (the scale benchmark's data, made up).
 * Same answers, weights and calibration cells; the same report to 1e-12, with and without a filter
 * and a cross-tab; and yes/no, rating and language coding as the object path codes them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWaveReport } from '../../../analysis/report/build-report.js';
import { compareWaves } from '../../../analysis/report/changes.js';
import type { ReportInput } from '../../../analysis/report/types.js';
import { BY, SLUG } from '../../../bench/scale-workload.js';
import { crosstabOf, parseFilters, recoded } from '../../../server/reports/report-query.js';
import { surveyReport } from '../../../server/reports/survey-report.js';
import { loadWaveColumns, type WaveColumns } from '../../../server/reports/wave-columns.js';
import { loadWaveData, type WaveData } from '../../../server/reports/wave-data.js';
import { insertResponses } from '../../../server/responses/queries.js';
import { addSurvey, createWave } from '../../../server/surveys/manage.js';
import { findSurvey, findWave, validatorFor } from '../../../server/surveys/surveys.js';
import { scaleTestStore } from '../../helpers/scale-store.js';
import type { TestStore } from '../../helpers/store.js';

let t: TestStore;
beforeAll(async () => {
  t = await scaleTestStore(1500);
}, 120_000);
afterAll(() => t.cleanup());

/** Every number equal to 1e-12 relative (or absolute below 1), everything else exactly. */
function expectClose(a: unknown, b: unknown, path = ''): void {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) || Number.isNaN(b)) {
      expect(`${path}: ${a}`).toBe(`${path}: ${b}`);
      return;
    }
    const scale = Math.max(1, Math.abs(a), Math.abs(b));
    if (Math.abs(a - b) > 1e-12 * scale) expect(`${path}: ${a}`).toBe(`${path}: ${b}`);
    return;
  }
  if (ArrayBuffer.isView(a) && ArrayBuffer.isView(b)) {
    expectClose(Array.from(a as never), Array.from(b as never), path);
    return;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    expect(Object.keys(a).sort(), path).toEqual(Object.keys(b).sort());
    for (const k of Object.keys(a)) expectClose((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    return;
  }
  expect(a, path).toEqual(b);
}

const input = (d: WaveData | WaveColumns, by: string[]): ReportInput => ({
  questions: d.questions,
  breakdowns: by.map((name) => d.breakdowns.find((b) => b.name === name)!),
  answers: d.answers,
  weights: d.weights,
  calibration: d.calibration,
  design: d.sampleDesign,
});

describe('the report read by question equals the report read by response', () => {
  it('reads the same answers, weights and calibration cells for every question and breakdown', async () => {
    for (const wave of ['2025', '2026']) {
      const objects = await loadWaveData(t.store, SLUG, wave);
      const columns = await loadWaveColumns(t.store, SLUG, wave);
      expect(columns.answers.length).toBe(objects.answers.length);
      // The made-up waves: every reply stored, and the ones raking leaves out ("prefer not to say") not read.
      expect(objects.answers.length).toBeLessThan(1500);
      expect(columns.questions).toEqual(objects.questions);
      expect(columns.breakdowns).toEqual(objects.breakdowns);
      for (const name of [...objects.questions.map((q) => q.name), ...objects.breakdowns.map((b) => b.name)]) {
        expect(columns.answers.column(name), `${wave} ${name}`).toEqual(objects.answers.map((a) => a[name]));
      }
      expect(Array.from(columns.weights)).toEqual(Array.from(objects.weights));
      expect(columns.calibration).toEqual(objects.calibration);
      expect(columns.calibration?.margins).toHaveLength(3);
      expect({ ...columns, answers: null }).toEqual({ ...objects, answers: null });
    }
  }, 60_000);

  it('gives the same report by every breakdown, and the same changes since the previous wave', async () => {
    const [objects, columns] = await Promise.all(
      [loadWaveData, loadWaveColumns].map(async (load) => [await load(t.store, SLUG, '2026'), await load(t.store, SLUG, '2025')] as const),
    );
    const fromObjects = buildWaveReport(input(objects[0], BY));
    const fromColumns = buildWaveReport(input(columns[0], BY));
    expect(fromColumns.estimates).toHaveLength(fromObjects.estimates.length);
    // Each of the 25 single-choice questions by each breakdown but itself (ethnicity_group is not a question).
    expect(fromColumns.associations.length).toBe(25 * 6 - 5);
    expectClose(fromColumns, fromObjects);
    const change = (d: readonly (WaveData | WaveColumns)[]) =>
      compareWaves({ wave: '2025', report: buildWaveReport(input(d[1], [])) }, { wave: '2026', report: buildWaveReport(input(d[0], [])) });
    expectClose(change(columns), change(objects));
  }, 240_000);

  it('gives the same report with a filter and a cross-tab', async () => {
    const objects = await loadWaveData(t.store, SLUG, '2026');
    const columns = await loadWaveColumns(t.store, SLUG, '2026');
    const spec = ['tenure:owned_outright|owned_mortgage'];
    const filters = [parseFilters(objects, spec), parseFilters(columns, spec)];
    expect(filters[1].map((f) => f.n)).toEqual(filters[0].map((f) => f.n));
    const x = crosstabOf(objects, 'sex*age_band');
    const a = recoded(objects, filters[0], [x]);
    const b = recoded(columns, filters[1], [x]);
    expect(b.answers.column(x.name)).toEqual(a.answers.map((r) => r[x.name]));
    expectClose(buildWaveReport(input(b, ['ward', x.name])), buildWaveReport(input(a, ['ward', x.name])));
  }, 120_000);
});

describe('coding by question, as by response', () => {
  /** A made-up questionnaire (fictional, for tests) in two languages, with a rating and two yes/no questions. */
  const PARK = {
    title: { default: 'Park patrol (made up, test)', cy: 'Patrôl y parc (ffug, prawf)' },
    elements: [
      { type: 'rating', name: 'trust', title: 'Trust?', rateMin: 0, rateMax: 4 },
      { type: 'boolean', name: 'dog', title: 'Dog?' },
      { type: 'boolean', name: 'night', title: 'After dark?', valueTrue: 'yes', valueFalse: 'no' },
    ],
  };
  it('reads yes/no answers as text, a rating twice and the language of response the same way', async () => {
    await addSurvey(t.store.db, { slug: 'park-check', definition: PARK, audience: 'other' });
    await createWave(t.store.db, 'park-check', '2026');
    const survey = await findSurvey(t.store.db, 'park-check');
    const wave = await findWave(t.store.db, survey, '2026');
    const validator = validatorFor(survey);
    const rows = [
      [0, true, 'yes', 'en'],
      [3, false, 'no', 'cy'],
      [4, true, 'no', null],
      [2, false, 'yes', 'cy'],
    ] as const;
    await insertResponses(
      t.store.db,
      rows.map(([trust, dog, night, locale]) => {
        const checked = validator.validate({ trust, dog, night }, { partial: false });
        if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
        return { waveId: wave.id, status: 'complete', answers: checked.answers, surveyVersion: survey.version, source: 'web', locale };
      }),
    );
    const objects = await loadWaveData(t.store, 'park-check', '2026');
    const columns = await loadWaveColumns(t.store, 'park-check', '2026');
    const names = [...objects.questions.map((q) => q.name), ...objects.breakdowns.map((b) => b.name)];
    expect(names).toEqual(['trust', 'trust__distribution', 'dog', 'night', 'dog', 'night', 'language']);
    for (const name of names) expect(columns.answers.column(name), name).toEqual(objects.answers.map((a) => a[name]));
    expect(columns.answers.column('dog')).toEqual(['true', 'false', 'true', 'false']);
    expect(columns.answers.column('trust__distribution')).toEqual([0, 3, 4, 2]);
    expect(columns.answers.column('language')).toEqual(['en', 'cy', undefined, 'cy']);
    const report = await surveyReport(t.store, { slug: 'park-check', wave: '2026', by: ['language'], threshold: 1 });
    expect(report.estimates.find((e) => e.question === 'trust' && e.group?.value === 'cy')?.estimate).toBe(2.5);
  });
});
