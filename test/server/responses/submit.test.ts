/** POST /api/surveys/:slug/responses: storing valid returns, once, with what analysis needs. */
import { afterAll, describe, expect, it } from 'vitest';
import { postJson } from '../../helpers/store.js';
import { RESIDENT, respondentWorld, responseCount, responseRow, validResident } from '../../helpers/respondent-fixtures.js';

const world = await respondentWorld();
afterAll(() => world.cleanup());
const url = `/api/surveys/${RESIDENT}/responses`;

describe('submitting a resident return', () => {
  it('stores a valid return: 201 with its id, answers JSON, survey version, status and source', async () => {
    const before = await responseCount(world.store);
    const res = await postJson(world.app, url, { answers: validResident(), idempotencyKey: 'submit-valid-0001' });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(Object.keys(body)).toEqual(['id', 'publicId']);
    expect(Number.isInteger(body.id)).toBe(true);
    expect(await responseCount(world.store)).toBe(before + 1);

    const row = (await responseRow(world.store, body.id))!;
    expect(body.publicId).toBe(row.publicId);
    expect(row.answers).toEqual(validResident());
    expect(row.surveyVersion).toBe(1);
    expect(row.status).toBe('complete');
    expect(row.source).toBe('web');
    expect(row.synthetic).toBe(false);
    expect(row.linkId).toBeNull();
    expect(row.idempotencyKey).toBe('submit-valid-0001');
    expect(row.designWeight).toBe(1);
    expect(row.weight).toBeNull();
    expect(row.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('stores nothing that identifies the sender (no IP or user agent column is written)', async () => {
    const res = await postJson(world.app, url, { answers: validResident() }, { 'user-agent': 'Tracker/1.0', 'x-forwarded-for': '203.0.113.9' });
    expect(res.status).toBe(201);
    const raw = await world.sql.get('SELECT * FROM responses WHERE id = ?', (await res.json()).id);
    expect(JSON.stringify(raw)).not.toMatch(/203\.0\.113\.9|Tracker/);
  });

  it('accepts a return without an idempotency key (each such POST is a new row)', async () => {
    const before = await responseCount(world.store);
    expect((await postJson(world.app, url, { answers: validResident() })).status).toBe(201);
    expect((await postJson(world.app, url, { answers: validResident() })).status).toBe(201);
    expect(await responseCount(world.store)).toBe(before + 2);
  });

  it('stores a return sent twice with the same idempotency key once, answering the retry with the same id', async () => {
    const before = await responseCount(world.store);
    const first = await postJson(world.app, url, { answers: validResident(), idempotencyKey: 'retry-key-abc123' });
    expect(first.status).toBe(201);
    const { id } = await first.json();
    const second = await postJson(world.app, url, { answers: validResident(), idempotencyKey: 'retry-key-abc123' });
    expect(second.status).toBe(200);
    expect(await second.json()).toEqual({ id, publicId: (await responseRow(world.store, id))!.publicId, duplicate: true });
    expect(await responseCount(world.store)).toBe(before + 1);
  });

  it('stores each of many concurrent retries of one key once', async () => {
    const before = await responseCount(world.store);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => postJson(world.app, url, { answers: validResident(), idempotencyKey: 'burst-key-000001' })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(await Promise.all(results.map(async (r) => (await r.json()).id))).size).toBe(1);
    expect(await responseCount(world.store)).toBe(before + 1);
  });

  it('accepts an explicit status complete and a JSON content type with a charset', async () => {
    const res = await postJson(world.app, url, { answers: validResident(), status: 'complete' }, { 'content-type': 'application/json; charset=utf-8' });
    expect(res.status).toBe(201);
  });
});

describe('answers to hidden questions', () => {
  // Documented in server/validation/compile.ts: as survey-core does on completion
  // (clearInvisibleValues 'onComplete'), answers to questions hidden by their visibleIf are dropped.
  it('drops worry_car when has_car is no, and stores the rest', async () => {
    const res = await postJson(world.app, url, { answers: { ...validResident(), has_car: 'no', worry_car: 'very_worried' } });
    expect(res.status).toBe(201);
    const row = (await responseRow(world.store, (await res.json()).id))!;
    expect(row.answers.has_car).toBe('no');
    expect(row.answers).not.toHaveProperty('worry_car');
    const { worry_car: _dropped, ...rest } = validResident();
    expect(row.answers).toEqual({ ...rest, has_car: 'no' });
  });

  it('keeps worry_car when has_car is yes', async () => {
    const res = await postJson(world.app, url, { answers: { ...validResident(), has_car: 'yes', worry_car: 'very_worried' } });
    expect((await responseRow(world.store, (await res.json()).id))!.answers.worry_car).toBe('very_worried');
  });

  it('still refuses an invalid value for a hidden question rather than dropping it quietly', async () => {
    const before = await responseCount(world.store);
    const res = await postJson(world.app, url, { answers: { ...validResident(), has_car: 'no', worry_car: 'terrified' } });
    expect(res.status).toBe(422);
    expect((await res.json()).errors.map((e: { question: string }) => e.question)).toEqual(['worry_car']);
    expect(await responseCount(world.store)).toBe(before);
  });
});

describe('partial saves', () => {
  it('stores a partial return with required questions still unanswered, marked partial', async () => {
    const before = await responseCount(world.store);
    const res = await postJson(world.app, url, { answers: { safe_home: 'fairly_safe' }, status: 'partial', idempotencyKey: 'partial-0000001' });
    expect(res.status).toBe(201);
    const row = (await responseRow(world.store, (await res.json()).id))!;
    expect(row.status).toBe('partial');
    expect(row.answers).toEqual({ safe_home: 'fairly_safe' });
    expect(await responseCount(world.store)).toBe(before + 1);
  });

  it('stores an empty partial return (a respondent who opened the page and left)', async () => {
    const res = await postJson(world.app, url, { answers: {}, status: 'partial' });
    expect(res.status).toBe(201);
    expect((await responseRow(world.store, (await res.json()).id))!.answers).toEqual({});
  });

  it('still refuses a partial return whose given answers are invalid', async () => {
    const before = await responseCount(world.store);
    const res = await postJson(world.app, url, { answers: { safe_home: 'extremely_safe' }, status: 'partial' });
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.errors.map((e: { question: string }) => e.question)).toContain('safe_home');
    expect(await responseCount(world.store)).toBe(before);
  });

  it('refuses the same incomplete answers sent as complete, naming a missing question', async () => {
    const before = await responseCount(world.store);
    const res = await postJson(world.app, url, { answers: { safe_home: 'fairly_safe' } });
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error).toMatch(/Nothing was stored/);
    expect(body.errors.length).toBeGreaterThan(0);
    expect(body.errors.map((e: { question: string }) => e.question)).toContain('safe_dark_local');
    expect(await responseCount(world.store)).toBe(before);
  });
});
