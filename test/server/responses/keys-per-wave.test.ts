/**
 * Idempotency keys are unique within a wave, not across the store: a key reused on another survey
 * (or wave) is a new return, and one import file imported into two waves is stored in each. The id
 * told to respondents is random (128 bits), never the sequential officers' id.
 * Through the whole app on the test store (SQLite or Postgres).
 */
import { count, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { synthesiseResponses } from '../../../server/demo/synthetic-responses.js';
import { tablesOf } from '../../../server/store/dialect.js';
import { loadBundledSurveys } from '../../../surveys/metadata.js';
import { createWave } from '../../../server/surveys/manage.js';
import { signIn } from '../../helpers/officer.js';
import { RESIDENT, respondentWorld, responseRow, validResident, validYouth } from '../../helpers/respondent-fixtures.js';
import { postJson } from '../../helpers/store.js';

const world = await respondentWorld();
afterAll(() => world.cleanup());
const { responses } = tablesOf(world.store.db);
const rowsOfKey = (key: string) => world.store.db.select().from(responses).where(eq(responses.idempotencyKey, key)).orderBy(responses.id);

describe('a key reused on another survey', () => {
  it('stores the second survey’s answers as a new return instead of answering it as a duplicate', async () => {
    const key = 'shared-key-across-surveys';
    const resident = await postJson(world.app, `/api/surveys/${RESIDENT}/responses`, { answers: validResident(), idempotencyKey: key });
    expect(resident.status).toBe(201);
    const school = await world.link('Key reuse school');
    const youth = await postJson(world.app, `/api/links/${school.token}/responses`, { answers: validYouth(), idempotencyKey: key });
    expect(youth.status).toBe(201);
    const rows = await rowsOfKey(key);
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r.answers)).toEqual([validResident(), validYouth()]);
    // A retry in either survey is still one return there.
    const retry = await postJson(world.app, `/api/links/${school.token}/responses`, { answers: validYouth(), idempotencyKey: key });
    expect(retry.status).toBe(200);
    expect(await rowsOfKey(key)).toHaveLength(2);
  });
});

describe('ids told to respondents', () => {
  it('are 32 random hex digits, different for each return, and the retry gets the same one', async () => {
    const url = `/api/surveys/${RESIDENT}/responses`;
    const a = await (await postJson(world.app, url, { answers: validResident(), idempotencyKey: 'public-id-a-0001' })).json();
    const b = await (await postJson(world.app, url, { answers: validResident(), idempotencyKey: 'public-id-b-0001' })).json();
    expect(a.publicId).toMatch(/^[0-9a-f]{32}$/);
    expect(b.publicId).toMatch(/^[0-9a-f]{32}$/);
    expect(b.id).toBe(a.id + 1);
    expect(b.publicId).not.toBe(a.publicId);
    const again = await (await postJson(world.app, url, { answers: validResident(), idempotencyKey: 'public-id-a-0001' })).json();
    expect(again).toEqual({ id: a.id, publicId: a.publicId, duplicate: true });
    expect((await responseRow(world.store, a.id))!.publicId).toBe(a.publicId);
  });
});

describe('one import file into two waves', () => {
  it('stores its rows in each wave (the second import is not "already present")', async () => {
    const bundled = loadBundledSurveys().find((b) => b.slug === RESIDENT)!;
    await createWave(world.store.db, RESIDENT, '2025');
    const answers = synthesiseResponses(bundled.definition, bundled.metadata, { n: 3, seed: 5, waveShift: 0 });
    const columns = [...new Set(answers.flatMap((a) => Object.keys(a)))].filter((c) => !c.endsWith('-Comment'));
    const cell = (v: unknown) => {
      const text = v === undefined ? '' : Array.isArray(v) ? v.join(';') : String(v);
      return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    };
    const csv = `${[columns.join(','), ...answers.map((a) => columns.map((c) => cell(a[c])).join(','))].join('\n')}\n`;
    const analyst = await signIn(world.app, world.store, 'analyst');
    const upload = (wave: string) =>
      world.app.request(`/api/officer/surveys/${RESIDENT}/waves/${wave}/imports`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv', ...analyst },
        body: csv,
      });
    const imported = () =>
      world.store.db
        .select({ wave: responses.waveId, n: count() })
        .from(responses)
        .where(eq(responses.source, 'import'))
        .groupBy(responses.waveId)
        .orderBy(responses.waveId);

    expect(await (await upload('2026')).json()).toMatchObject({ stored: true, imported: 3, alreadyPresent: 0 });
    expect(await (await upload('2025')).json()).toMatchObject({ stored: true, imported: 3, alreadyPresent: 0 });
    expect((await imported()).map((r) => r.n)).toEqual([3, 3]);
    // The same file into the same wave again is still stored once.
    expect(await (await upload('2025')).json()).toMatchObject({ stored: true, imported: 0, alreadyPresent: 3 });
    expect((await imported()).map((r) => r.n)).toEqual([3, 3]);
  });
});
