/**
 * Rating and yes/no questions in the results report, on the test store (SQLite or Postgres): a rating's mean and its
 * distribution, a yes/no question's proportions, and a breakdown by it, against values worked by hand
 * from a few made-up responses (design weights 1, so weighted means and shares are plain ones).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { surveyReport } from '../../../server/reports/survey-report.js';
import { reportContents } from '../../../server/reports/contents.js';
import { insertResponses } from '../../../server/responses/queries.js';
import { addSurvey, checkSurvey, createWave, setWaveStatus } from '../../../server/surveys/manage.js';
import { findSurvey, findWave, validatorFor } from '../../../server/surveys/surveys.js';
import { type TestStore, testStore } from '../../helpers/store.js';

/** A made-up questionnaire (fictional, for tests). */
const TRUST_SURVEY = {
  title: 'Trust in the park patrol (made up, test)',
  elements: [
    { type: 'rating', name: 'trust', title: 'How much do you trust the park patrol?', rateMin: 0, rateMax: 10 },
    { type: 'boolean', name: 'dog', title: 'Do you walk a dog there?', labelTrue: 'Yes, a dog', labelFalse: 'No dog' },
    { type: 'boolean', name: 'night', title: 'Do you visit after dark?', valueTrue: 'yes', valueFalse: 'no' },
    // Takes the name a rating's distribution would have, so the distribution must choose another.
    { type: 'comment', name: 'trust__distribution', title: 'Anything else?' },
  ],
};

// Worked by hand: trust mean 48 / 8 = 6; with a dog (rows 1, 4, 8) (0 + 5 + 10) / 3 = 5, without 33 / 5 = 6.6.
const TRUST = [0, 3, 5, 5, 7, 8, 10, 10];
const DOG = [true, false, false, true, false, false, false, true];
const NIGHT = ['yes', 'no', 'no', 'no', 'yes', 'no', 'no', 'no'];

let t: TestStore;
beforeAll(async () => {
  t = await testStore();
  await addSurvey(t.store.db, { slug: 'trust-check', definition: TRUST_SURVEY, audience: 'other' });
  await createWave(t.store.db, 'trust-check', '2026');
  await setWaveStatus(t.store.db, 'trust-check', '2026', 'open');
  const survey = await findSurvey(t.store.db, 'trust-check');
  const wave = await findWave(t.store.db, survey, '2026');
  const validator = validatorFor(survey);
  await insertResponses(
    t.store.db,
    TRUST.map((trust, i) => {
      // Stored as a real return would be: through the questionnaire's own check.
      const checked = validator.validate({ trust, dog: DOG[i], night: NIGHT[i] }, { partial: false });
      if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
      return { waveId: wave.id, status: 'complete', answers: checked.answers, surveyVersion: survey.version, source: 'web' };
    }),
  );
});
afterAll(() => t.cleanup());

const report = async () => await surveyReport(t.store, { slug: 'trust-check', wave: '2026', by: ['dog'], threshold: 1 });
const overall = async (question: string, category: string) =>
  (await report()).estimates.find((e) => e.question === question && e.category === category && e.group === null);

describe('rating and yes/no questions in the report', () => {
  it('stores yes/no answers as JSON true/false (so the report must read them as such)', async () => {
    const survey = await findSurvey(t.store.db, 'trust-check');
    const checked = validatorFor(survey).validate({ dog: true }, { partial: false });
    expect(checked.ok && checked.answers.dog).toBe(true);
  });

  it('reports a rating as its mean and as the share giving each value, under a name no other question has', async () => {
    const c = await reportContents(t.store, 'trust-check', '2026');
    expect(c.questions.map((q) => [q.name, q.kind, q.title])).toEqual([
      ['trust', 'numeric', 'How much do you trust the park patrol?'],
      ['trust__distribution_2', 'single', 'How much do you trust the park patrol? (distribution)'],
      ['dog', 'single', 'Do you walk a dog there?'],
      ['night', 'single', 'Do you visit after dark?'],
    ]);
    const mean = (await overall('trust', 'mean'))!;
    expect(mean.estimate).toBeCloseTo(48 / 8, 12);
    expect(mean.n).toBe(8);
    expect(mean.ci![0]).toBeLessThan(6);
    expect(mean.ci![1]).toBeGreaterThan(6);
    for (const value of [0, 1, 3, 5, 7, 8, 10]) {
      const count = TRUST.filter((x) => x === value).length;
      expect((await overall('trust__distribution_2', String(value)))!.estimate).toBeCloseTo(count / 8, 12);
    }
    expect((await report()).estimates.filter((e) => e.question === 'trust__distribution_2' && e.group === null)).toHaveLength(11);
  });

  it('reports a yes/no question as the proportions of its two answers, with their labels', async () => {
    const yes = (await overall('dog', 'true'))!;
    expect(yes.label).toBe('Yes, a dog');
    expect(yes.estimate).toBeCloseTo(3 / 8, 12);
    expect(yes.ci![0]).toBeLessThan(3 / 8);
    expect(yes.ci![1]).toBeGreaterThan(3 / 8);
    expect((await overall('dog', 'false'))!.label).toBe('No dog');
    expect((await overall('dog', 'false'))!.estimate).toBeCloseTo(5 / 8, 12);
    // Its own valueTrue/valueFalse, with the default labels.
    expect(await overall('night', 'yes')).toMatchObject({ label: 'Yes', estimate: 2 / 8 });
    expect((await overall('night', 'no'))!.label).toBe('No');
  });

  it('breaks results down by a yes/no question', async () => {
    const c = await reportContents(t.store, 'trust-check', '2026');
    expect(c.breakdowns.find((b) => b.name === 'dog')!.categories).toEqual([
      { value: 'true', label: 'Yes, a dog' },
      { value: 'false', label: 'No dog' },
    ]);
    const byDog = async (value: string) =>
      (await report()).estimates.find((e) => e.question === 'trust' && e.group?.variable === 'dog' && e.group.value === value)!;
    expect((await byDog('true')).estimate).toBeCloseTo(15 / 3, 12);
    expect((await byDog('true')).n).toBe(3);
    expect((await byDog('false')).estimate).toBeCloseTo(33 / 5, 12);
    expect((await byDog('false')).n).toBe(5);
    const night = (await report()).estimates.find((e) => e.question === 'night' && e.category === 'yes' && e.group?.value === 'false')!;
    expect(night.estimate).toBeCloseTo(1 / 5, 12);
  });

  it('no longer lists rating and yes/no questions as left out of the report when the questionnaire is checked', async () => {
    const check = await checkSurvey(t.store.db, { definition: TRUST_SURVEY });
    expect(check.warnings.filter((w) => w.startsWith('Not in the results report'))).toEqual([]);
    expect(check.reported.map((q) => q.name)).toEqual(['trust', 'dog', 'night']);
  });
});
