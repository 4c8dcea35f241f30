/**
 * The language of response as a breakdown (by=language) and the last column of the exports. The
 * Welsh is the demo's demonstration translation; the returns are made up for the test.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { withDemoTranslations } from '../../../server/demo/translations.js';
import { loadWaveData } from '../../../server/reports/wave-data.js';
import { exportResponses, exportTable } from '../../../server/responses/export.js';
import { storeResponse } from '../../../server/responses/responses.js';
import { addSurvey } from '../../../server/surveys/manage.js';
import { findSurvey, findWave } from '../../../server/surveys/surveys.js';
import { signIn } from '../../helpers/officer.js';
import { validResident } from '../../helpers/respondent-fixtures.js';
import { testApp, testStore, withOpenWave } from '../../helpers/store.js';

const t = await testStore();
afterAll(() => t.cleanup());
const { store } = t;
const bundled = await withOpenWave(store, 'resident-safety', '2026');
await addSurvey(store.db, { slug: 'resident-safety', definition: withDemoTranslations('resident-safety', bundled.definition) });
const survey = await findSurvey(store.db, 'resident-safety');
const wave = await findWave(store.db, survey, '2026');
const locales = ['en', 'cy', 'cy', null];
for (const [i, locale] of locales.entries()) {
  await storeResponse(store, {
    waveId: wave.id,
    status: 'complete',
    answers: { ...validResident(), safe_home: i === 1 ? 'fairly_safe' : 'very_safe' },
    surveyVersion: survey.version,
    source: locale ? 'web' : 'paper',
    locale,
  });
}

describe('language of response', () => {
  it('is a breakdown of a questionnaire offered in two languages, with paper returns not stated', async () => {
    const data = await loadWaveData(store, 'resident-safety', '2026');
    expect(data.breakdowns.at(-1)).toEqual({
      name: 'language',
      title: 'Language of response',
      categories: [
        { value: 'en', label: 'English' },
        { value: 'cy', label: 'Cymraeg' },
      ],
    });
    expect(data.answers.map((a) => a.language)).toEqual(['en', 'cy', 'cy', undefined]);
  });

  it('is offered on the Results page and accepted as by=language', async () => {
    const app = testApp(store);
    const viewer = await signIn(app, store, 'viewer');
    const list = (await (await app.request('/api/officer/surveys', { headers: viewer })).json()) as { slug: string; breakdowns: { name: string }[] }[];
    expect(list.find((s) => s.slug === 'resident-safety')!.breakdowns.at(-1)).toEqual({ name: 'language', title: 'Language of response' });
    const res = await app.request('/api/officer/surveys/resident-safety/waves/2026/report?by=language', { headers: viewer });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Language of response');
  });

  it('is a column of the response exports after last_page_reached, before the typed "other" text', async () => {
    const table = exportTable(await exportResponses(store.db, 'resident-safety', '2026'));
    expect(table.header.slice(-3)).toEqual(['last_page_reached', 'language', 'unsafe_places_other_text']);
    expect(table.rows.map((r) => r.at(-2))).toEqual(locales);
  });
});
