/** POST /api/links/:token/responses: school and channel links tag returns, and honour expiry and caps. */
import { afterAll, describe, expect, it } from 'vitest';
import { createWave, setWaveStatus } from '../../../server/surveys/manage.js';
import { postJson } from '../../helpers/store.js';
import { RESIDENT, respondentWorld, responseCount, responseRow, validResident, validYouth, WAVE } from '../../helpers/respondent-fixtures.js';

const world = await respondentWorld();
afterAll(() => world.cleanup());
const post = (token: string, body: unknown) => postJson(world.app, `/api/links/${token}/responses`, body);

describe('school links', () => {
  it('stores a youth return through a school link tagged with that link', async () => {
    const school = await world.link('Example Valley School');
    const res = await post(school.token, { answers: validYouth(), idempotencyKey: 'school-link-0001' });
    expect(res.status).toBe(201);
    const row = (await responseRow(world.store, (await res.json()).id))!;
    expect(row.linkId).toBe(school.id);
    expect(row.answers).toEqual(validYouth());
    expect(row.source).toBe('web');
  });

  it('checks the answers against the link’s own questionnaire', async () => {
    const school = await world.link('Example Hill Academy');
    const before = await responseCount(world.store);
    const res = await post(school.token, { answers: validResident() });
    expect(res.status).toBe(422);
    expect(await responseCount(world.store)).toBe(before);
  });

  it('refuses an unknown token with 404 and stores nothing', async () => {
    const before = await responseCount(world.store);
    const res = await post('ZZZZZZZZZZZZ', { answers: validYouth() });
    expect(res.status).toBe(404);
    expect((await res.json()).error).toMatch(/not recognised/);
    expect(await responseCount(world.store)).toBe(before);
  });
});

describe('link expiry and caps', () => {
  it('refuses a return through an expired link with 410', async () => {
    const expired = await world.link('Expired Channel', { slug: RESIDENT, expires: '2020-03-01' });
    const before = await responseCount(world.store);
    const res = await post(expired.token, { answers: validResident() });
    expect(res.status).toBe(410);
    expect((await res.json()).error).toMatch(/expired on 2020-03-01/);
    expect(await responseCount(world.store)).toBe(before);
  });

  it('accepts a link until its expiry date', async () => {
    const future = await world.link('Future Channel', { slug: RESIDENT, expires: '2999-01-01' });
    expect((await post(future.token, { answers: validResident() })).status).toBe(201);
  });

  it('takes exactly max returns, then answers 410 and stores no more', async () => {
    const capped = await world.link('Capped Channel', { slug: RESIDENT, max: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await post(capped.token, { answers: validResident() })).status);
    expect(statuses).toEqual([201, 201, 201, 410, 410]);
    const n = (await world.sql.get<{ n: number }>('SELECT count(*) AS n FROM responses WHERE link_id = ?', capped.id))!;
    expect(n.n).toBe(3);
    const res = await post(capped.token, { answers: validResident() });
    expect((await res.json()).error).toMatch(/received all the answers/);
  });

  it('never overshoots the cap under concurrent submissions', async () => {
    const capped = await world.link('Concurrent Cap', { slug: RESIDENT, max: 4 });
    const results = await Promise.all(Array.from({ length: 12 }, () => post(capped.token, { answers: validResident() })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(4);
    expect(results.filter((r) => r.status === 410)).toHaveLength(8);
    const n = (await world.sql.get<{ n: number }>('SELECT count(*) AS n FROM responses WHERE link_id = ?', capped.id))!;
    expect(n.n).toBe(4);
  });

  it('lets a retry of an already-stored return through a full single-use link answer with its id', async () => {
    const single = await world.link('Single use', { slug: RESIDENT, max: 1 });
    const first = await post(single.token, { answers: validResident(), idempotencyKey: 'single-use-0001' });
    expect(first.status).toBe(201);
    const { id } = await first.json();
    // The browser did not see the reply (network drop) and sends the same return again.
    const retry = await post(single.token, { answers: validResident(), idempotencyKey: 'single-use-0001' });
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual({ id, publicId: (await responseRow(world.store, id))!.publicId, duplicate: true });
    const other = await post(single.token, { answers: validResident(), idempotencyKey: 'single-use-0002' });
    expect(other.status).toBe(410);
    expect(await world.sql.get('SELECT count(*) AS n FROM responses WHERE link_id = ?', single.id)).toEqual({ n: 1 });
  });

  it('refuses returns through a link whose wave has been closed', async () => {
    await createWave(world.store.db, RESIDENT, 'closing');
    const link = await world.link('Closing wave link', { slug: RESIDENT });
    // world.link makes links in WAVE; close that wave by opening another.
    await setWaveStatus(world.store.db, RESIDENT, 'closing', 'open');
    const before = await responseCount(world.store);
    const res = await post(link.token, { answers: validResident() });
    expect(res.status).toBe(410);
    expect((await res.json()).error).toMatch(new RegExp(`${WAVE} survey is closed`));
    expect(await responseCount(world.store)).toBe(before);
    await setWaveStatus(world.store.db, RESIDENT, WAVE, 'open');
  });
});
