/** GET /api/officer/surveys: the survey and wave list behind the officer results page. */
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { first, tablesOf } from '../../../server/store/dialect.js';
import type { OfficerSurvey } from '../../../server/surveys/schemas.js';
import { withOpenWave } from '../../helpers/store.js';
import { EMAILS, officerWorld, signIn } from '../../helpers/officer-world.js';

const world = await officerWorld();
afterAll(() => world.cleanup());
const { app, store } = world;

await withOpenWave(store, 'resident-safety', '2026');
const { responses, surveys, waves } = tablesOf(store.db);
const survey = (await first(store.db.select().from(surveys).where(eq(surveys.slug, 'resident-safety'))))!;
const wave = (await first(store.db.select().from(waves).where(eq(waves.surveyId, survey.id))))!;
// Three complete returns and one partial: only complete ones are counted.
const row = (status: 'complete' | 'partial') => ({ waveId: wave.id, status, answers: {}, surveyVersion: survey.version });
await store.db.insert(responses).values([row('complete'), row('complete'), row('complete'), row('partial')]);

describe('GET /api/officer/surveys', () => {
  it('refuses anonymous callers with 401', async () => {
    const res = await app.request('/api/officer/surveys');
    expect(res.status).toBe(401);
    expect((await res.json()).error).toMatch(/Sign in/);
  });

  it('lists surveys with their waves, complete-response counts, questions and breakdowns for a viewer', async () => {
    const viewer = await signIn(app, EMAILS.viewer);
    const res = await app.request('/api/officer/surveys', { headers: { cookie: viewer.cookie } });
    expect(res.status).toBe(200);
    const list = (await res.json()) as OfficerSurvey[];
    expect(list).toHaveLength(1);
    const [s] = list;
    expect(s).toMatchObject({ slug: 'resident-safety', audience: 'resident', waves: [{ name: '2026', status: 'open', responses: 3 }] });
    expect(s.title.length).toBeGreaterThan(0);
    const breakdowns = s.breakdowns.map((b) => b.name);
    expect(breakdowns).toContain('sex');
    // Regrouped breakdowns from the metadata, as the report accepts them in ?by=.
    expect(breakdowns.some((b) => b.endsWith('_group'))).toBe(true);
    expect(s.questions.find((q) => q.name === 'safe_home')?.title).toBe('How safe do you feel in your own home?');
    expect(s.breakdowns.find((b) => b.name === 'sex')?.title).not.toBe('sex');
  });
});
