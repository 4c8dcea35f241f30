/** GET /api/surveys/:slug and GET /api/links/:token: what the respondent page loads. */
import { afterAll, describe, expect, it } from 'vitest';
import { createLink } from '../../../server/links/links.js';
import { LINK_ONLY } from '../../../server/responses/responses.js';
import { createWave, setWaveStatus } from '../../../server/surveys/manage.js';
import { RESIDENT, responseCount, respondentWorld, validResident, validYouth, WAVE, YOUTH } from '../../helpers/respondent-fixtures.js';
import { postJson } from '../../helpers/store.js';

const world = await respondentWorld();
afterAll(() => world.cleanup());

describe('GET /api/surveys/:slug', () => {
  it('returns the questionnaire with its slug, open wave and SurveyJS definition', async () => {
    const res = await world.app.request(`/api/surveys/${RESIDENT}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const body = await res.json();
    expect(body.slug).toBe(RESIDENT);
    expect(body.wave).toEqual({ name: WAVE });
    expect(body.version).toBe(1);
    expect(body.audience).toBe('resident');
    expect(typeof body.title).toBe('string');
    expect(Array.isArray(body.definition.pages)).toBe(true);
    const names = JSON.stringify(body.definition);
    expect(names).toContain('"safe_dark_local"');
  });

  it('gives 404 with a message for a survey that does not exist', async () => {
    const res = await world.app.request('/api/surveys/no-such-survey');
    expect(res.status).toBe(404);
    expect((await res.json()).error).toMatch(/no survey called 'no-such-survey'/);
  });

  it('gives 410 when the survey has no open wave', async () => {
    await createWave(world.store.db, YOUTH, '2027');
    await setWaveStatus(world.store.db, YOUTH, WAVE, 'closed');
    const res = await world.app.request(`/api/surveys/${YOUTH}`);
    expect(res.status).toBe(410);
    expect((await res.json()).error).toMatch(/not taking answers/);
    await setWaveStatus(world.store.db, YOUTH, WAVE, 'open');
  });

  it('gives 410 when the open wave is past its closing date', async () => {
    await createWave(world.store.db, RESIDENT, 'ended', { closes: '2020-01-31' });
    await setWaveStatus(world.store.db, RESIDENT, 'ended', 'open');
    const res = await world.app.request(`/api/surveys/${RESIDENT}`);
    expect(res.status).toBe(410);
    expect((await res.json()).error).toMatch(/closed on 2020-01-31/);
    await setWaveStatus(world.store.db, RESIDENT, WAVE, 'open');
    expect((await world.app.request(`/api/surveys/${RESIDENT}`)).status).toBe(200);
  });
});

describe('GET /api/links/:token', () => {
  it('returns the questionnaire and the link label, never the token holder', async () => {
    const link = await world.link('Example Valley School');
    const res = await world.app.request(`/api/links/${link.token}`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.slug).toBe(YOUTH);
    expect(body.label).toBe('Example Valley School');
    expect(body.wave).toEqual({ name: WAVE });
    expect(body.definition.pages.length).toBeGreaterThan(0);
  });

  it('gives 404 for an unknown token and 410 for an expired link', async () => {
    expect((await world.app.request('/api/links/AAAAAAAAAAAA')).status).toBe(404);
    const old = await world.link('Old School', { expires: '2021-07-01' });
    const res = await world.app.request(`/api/links/${old.token}`);
    expect(res.status).toBe(410);
    expect((await res.json()).error).toMatch(/expired on 2021-07-01/);
  });
});

describe("young people's questionnaires are answered only through a link", () => {
  it('the public address refuses to show one, saying to ask for the link (403)', async () => {
    const res = await world.app.request(`/api/surveys/${YOUTH}`);
    expect(res.status).toBe(403);
    expect((await res.json()).error).toBe(LINK_ONLY);
  });

  it('answers sent to the public address are refused and nothing is stored', async () => {
    const before = await responseCount(world.store);
    const res = await postJson(world.app, `/api/surveys/${YOUTH}/responses`, { answers: validYouth() });
    expect(res.status).toBe(403);
    expect((await res.json()).error).toBe(LINK_ONLY);
    expect(await responseCount(world.store)).toBe(before);
  });

  it('through a link they are stored, with the time of arrival kept only to the day', async () => {
    const link = await createLink(world.store.db, { slug: YOUTH, wave: WAVE, label: 'Day-only school' });
    const res = await postJson(world.app, `/api/links/${link.token}/responses`, { answers: validYouth() });
    expect(res.status).toBe(201);
    const { id } = await res.json();
    const stored = (await world.sql.get<{ at: string }>('SELECT created_at AS at FROM responses WHERE id = ?', id))!;
    expect(stored.at).toBe(`${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`);
  });

  it("a resident's reply keeps its time to the millisecond", async () => {
    const res = await postJson(world.app, `/api/surveys/${RESIDENT}/responses`, { answers: validResident() });
    expect(res.status).toBe(201);
    const { id } = await res.json();
    const stored = (await world.sql.get<{ at: string }>('SELECT created_at AS at FROM responses WHERE id = ?', id))!;
    expect(stored.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Math.abs(Date.parse(stored.at) - Date.now())).toBeLessThan(60_000);
  });
});
