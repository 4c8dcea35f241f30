/**
 * A retention period per questionnaire, through the whole app on the test store (SQLite or
 * Postgres): an admin sets it (refusals store nothing), the Surveys listing warns of what falls due
 * within 30 days, the sweep deletes what is past it (audited with the count and the reason, the
 * wave's data version bumped so cached reports go), at start and on the clock, and the CLI sets it
 * and sweeps by hand.
 */
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/http/app.js';
import { startRetentionSweep, sweepRetention } from '../../../server/responses/retention-sweep.js';
import { storeResponse } from '../../../server/responses/responses.js';
import { tablesOf } from '../../../server/store/dialect.js';
import { addMonths } from '../../../server/surveys/retention.js';
import { findSurvey, findWave } from '../../../server/surveys/surveys.js';
import { signIn } from '../../helpers/officer.js';
import { validResident, validYouth } from '../../helpers/respondent-fixtures.js';
import { testStore, withOpenWave } from '../../helpers/store.js';
import { runCli } from '../cli/run-cli.js';

const t = await testStore();
afterAll(() => t.cleanup());
const { store } = t;
await withOpenWave(store, 'resident-safety', '2026');
await withOpenWave(store, 'youth-safety', '2026');
const resident = await findWave(store.db, await findSurvey(store.db, 'resident-safety'), '2026');
const youth = await findWave(store.db, await findSurvey(store.db, 'youth-safety'), '2026');

let now = new Date('2026-12-02T12:00:00.000Z');
const app = createApp({ store, clock: { now: () => now } });

const arrived = async (waveId: number, createdAt: string, answers: Record<string, unknown>) =>
  (await storeResponse(store, { waveId, status: 'complete', answers, surveyVersion: 1, source: 'paper', createdAt })).id;
// Under 24 months: two past due on 2 December 2026, three due on 20 December, one on 25 December, two kept.
for (const at of ['2024-11-01T09:00:00.000Z', '2024-11-30T09:00:00.000Z']) await arrived(resident.id, at, validResident());
for (let i = 0; i < 3; i++) await arrived(resident.id, '2024-12-20T10:00:00.000Z', validResident());
await arrived(resident.id, '2024-12-25T10:00:00.000Z', validResident());
for (let i = 0; i < 2; i++) await arrived(resident.id, '2025-06-01T10:00:00.000Z', validResident());
// The youth questionnaire has no period: its old replies stay until the CLI test gives it one.
for (let i = 0; i < 2; i++) await arrived(youth.id, '2020-03-01T00:00:00.000Z', validYouth());

const count = async (waveId: number) => (await t.sql.get<{ n: number }>('SELECT count(*) AS n FROM responses WHERE wave_id = ?', waveId))!.n;
const version = async (waveId: number) =>
  (await t.sql.get<{ version: number }>('SELECT version FROM data_versions WHERE scope = ?', `wave:${waveId}`))?.version ?? 0;
const { auditLog } = tablesOf(store.db);
const auditOf = async (action: string) =>
  (
    await store.db.select({ officerId: auditLog.officerId, detail: auditLog.detail }).from(auditLog).where(eq(auditLog.action, action)).orderBy(auditLog.id)
  ).map((r) => ({ officerId: r.officerId, ...(r.detail as Record<string, unknown>) }));
/** The CLI in this process, on this store (DATABASE_URL when it is Postgres). */
const cli = (args: string[]) => runCli(t.dir, args, store.kind === 'postgres' ? { DATABASE_URL: store.url } : {});
const put = (slug: string, body: unknown, headers: Record<string, string>) =>
  app.request(`/api/officer/surveys/${slug}/retention`, {
    method: 'PUT',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
type Listed = {
  slug: string;
  retention: { months: number | null; description: string; due: { count: number; from: string; to: string; message: string } | null };
};
const listed = async (slug: string) => {
  const viewer = await signIn(app, store, 'viewer');
  const res = await app.request('/api/officer/surveys', { headers: viewer });
  expect(res.status).toBe(200);
  return ((await res.json()) as Listed[]).find((s) => s.slug === slug)!.retention;
};

describe('the month rule', () => {
  it('moves a date by whole months in UTC, a day past the month end falling on its last day', () => {
    expect(addMonths('2025-01-14T09:30:00.000Z', 24).toISOString()).toBe('2027-01-14T09:30:00.000Z');
    expect(addMonths('2024-08-31T10:00:00.000Z', 6).toISOString()).toBe('2025-02-28T10:00:00.000Z');
    expect(addMonths('2028-02-29T00:00:00.000Z', -12).toISOString()).toBe('2027-02-28T00:00:00.000Z');
    expect(addMonths('2026-12-02T12:00:00.000Z', -24).toISOString()).toBe('2024-12-02T12:00:00.000Z');
  });
});

describe('setting a retention period', () => {
  it('is none to begin with', async () => {
    expect(await listed('resident-safety')).toEqual({
      months: null,
      description: 'No retention period: responses are kept until they are deleted by hand.',
      due: null,
    });
  });

  it('is for admins only, and refuses a period that is not 1 to 600 whole months, storing nothing', async () => {
    const analyst = await signIn(app, store, 'analyst');
    expect((await put('resident-safety', { months: 24 }, analyst)).status).toBe(403);
    const admin = await signIn(app, store, 'admin');
    for (const [body, status, message] of [
      [{ months: 0 }, 422, 'The retention period must be a whole number of months from 1 to 600, or null for none, not 0.'],
      [{ months: 2.5 }, 422, 'The retention period must be a whole number of months from 1 to 600, or null for none, not 2.5.'],
      [{ months: '24' }, 422, 'The retention period must be a whole number of months from 1 to 600, or null for none, not "24".'],
      [{ months: 601 }, 422, 'The retention period must be a whole number of months from 1 to 600, or null for none, not 601.'],
    ] as const) {
      const res = await put('resident-safety', body, admin);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect((await res.json()).error).toBe(message);
    }
    expect((await put('resident-safety', { months: 24, extra: 1 }, admin)).status).toBe(400);
    expect((await put('no-such-survey', { months: 24 }, admin)).status).toBe(404);
    expect((await listed('resident-safety')).months).toBeNull();
    expect(await auditOf('survey.retention')).toEqual([]);
    expect(await count(resident.id)).toBe(8);
  });

  it('sets 24 months, audited, and warns of the 6 responses the sweep deletes within 30 days', async () => {
    const admin = await signIn(app, store, 'admin');
    const res = await put('resident-safety', { months: 24 }, admin);
    expect(res.status).toBe(200);
    const due = {
      count: 6,
      from: '2026-12-02T12:00:00.000Z',
      to: '2026-12-25T10:00:00.000Z',
      message: '6 responses will be deleted between 2 December 2026 and 25 December 2026 under the 24-month retention period.',
    };
    expect(await res.json()).toEqual({ months: 24, description: 'Responses are deleted 24 months after they arrive.', due });
    expect((await listed('resident-safety')).due).toEqual(due);
    expect(await auditOf('survey.retention')).toEqual([{ officerId: expect.any(Number), survey: 'resident-safety', from: null, to: 24 }]);
    // The same again changes nothing and writes no second entry.
    expect((await put('resident-safety', { months: 24 }, admin)).status).toBe(200);
    expect(await auditOf('survey.retention')).toHaveLength(1);
    expect(await count(resident.id)).toBe(8);
  });
});

describe('the sweep', () => {
  it('deletes the responses past the period, audited with the count and reason, and bumps the data version', async () => {
    const before = await version(resident.id);
    const swept = await sweepRetention(store, now);
    expect(swept).toEqual([{ survey: 'resident-safety', months: 24, deleted: 2, waves: [{ wave: '2026', deleted: 2, reweight: false }] }]);
    expect(await count(resident.id)).toBe(6);
    expect(await count(youth.id)).toBe(2);
    expect(await version(resident.id)).toBe(before + 2);
    expect(await auditOf('responses.deleted')).toEqual([
      {
        officerId: null,
        survey: 'resident-safety',
        wave: '2026',
        count: 2,
        reason: 'retention period',
        retentionMonths: 24,
        arrivedBefore: '2024-12-02T12:00:00.000Z',
        actor: 'retention sweep',
      },
    ]);
    // Again at the same time: nothing more, and no audit entry.
    expect(await sweepRetention(store, now)).toEqual([]);
    expect(await auditOf('responses.deleted')).toHaveLength(1);
  });

  it('then warns of the four left to fall due', async () => {
    expect((await listed('resident-safety')).due).toEqual({
      count: 4,
      from: '2026-12-20T10:00:00.000Z',
      to: '2026-12-25T10:00:00.000Z',
      message: '4 responses will be deleted between 20 December 2026 and 25 December 2026 under the 24-month retention period.',
    });
  });

  it('runs at start and then on the clock', async () => {
    now = new Date('2026-12-21T00:00:00.000Z');
    const lines: string[] = [];
    const stop = await startRetentionSweep(store, { now: () => now }, (l) => lines.push(l));
    stop();
    expect(lines).toEqual(['Retention: deleted 3 responses of resident-safety older than 24 months (2026: 3).']);
    expect(await count(resident.id)).toBe(3);
  });

  it('keeps everything once the period is cleared', async () => {
    const admin = await signIn(app, store, 'admin');
    const res = await put('resident-safety', { months: null }, admin);
    expect(await res.json()).toEqual({ months: null, description: 'No retention period: responses are kept until they are deleted by hand.', due: null });
    now = new Date('2030-01-01T00:00:00.000Z');
    expect(await sweepRetention(store, now)).toEqual([]);
    expect(await count(resident.id)).toBe(3);
  });
});

describe('on the command line', () => {
  it('sets a period (refusing one that is not a number of months) and sweeps by hand', async () => {
    const refused = await cli(['survey', 'retention', '--survey', 'youth-safety', '--months', 'two years']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('The retention period must be a whole number of months from 1 to 600, or null for none, not "two years".');
    const set = await cli(['survey', 'retention', '--survey', 'youth-safety', '--months', '12']);
    expect(set).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Responses are deleted 12 months after they arrive\.\n/) });
    const swept = await cli(['responses', 'sweep']);
    expect(swept).toMatchObject({ code: 0, stdout: 'youth-safety: deleted 2 responses older than 12 months (2026: 2).\n' });
    expect(await count(youth.id)).toBe(0);
    expect((await auditOf('responses.deleted')).at(-1)).toMatchObject({ survey: 'youth-safety', count: 2, reason: 'retention period', actor: 'cli' });
    expect(await cli(['responses', 'sweep'])).toMatchObject({ code: 0, stdout: 'No response is past its retention period: nothing was deleted.\n' });
  });
});
