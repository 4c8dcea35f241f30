/**
 * Deleting returns for good (erasure requests, test entries): one return or a whole wave's, with
 * the reason in the audit log, refused with a 422 (and nothing deleted) without a reason or the
 * wave's name, for admins only; the cached report of the wave is not served again. Then the same
 * through the CLI, run as its own process.
 */
import Database from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { storeResponse } from '../../../server/responses/responses.js';
import { tablesOf } from '../../../server/store/dialect.js';
import { findSurvey, findWave } from '../../../server/surveys/surveys.js';
import { signIn } from '../../helpers/officer.js';
import { validResident } from '../../helpers/respondent-fixtures.js';
import { testApp, testStore, withOpenWave } from '../../helpers/store.js';
import { runCliProcess } from '../cli/run-cli.js';

const t = await testStore();
afterAll(() => t.cleanup());
const { store } = t;
await withOpenWave(store, 'resident-safety', '2026');
const survey = await findSurvey(store.db, 'resident-safety');
const wave = await findWave(store.db, survey, '2026');
const ids: number[] = [];
for (let i = 0; i < 4; i++)
  ids.push(
    (
      await storeResponse(store, {
        waveId: wave.id,
        status: 'complete',
        answers: { ...validResident(), household_size: i + 1 },
        surveyVersion: 1,
        source: 'paper',
      })
    ).id,
  );
const app = testApp(store);
const base = '/api/officer/surveys/resident-safety/waves/2026';
const count = async () => (await t.sql.get<{ n: number }>('SELECT count(*) AS n FROM responses'))!.n;
const { auditLog } = tablesOf(store.db);
const deletions = async () =>
  (await store.db.select({ detail: auditLog.detail }).from(auditLog).where(eq(auditLog.action, 'responses.deleted')).orderBy(auditLog.id)).map((r) => r.detail);
/** The CLI as its own process, on this store (DATABASE_URL when it is Postgres). */
const cliProcess = (args: string[]) => runCliProcess(t.dir, args, store.kind === 'postgres' ? { DATABASE_URL: store.url } : {});
/** The responses as another connection sees them: the file opened read-only, or a new Postgres connection. */
async function countFromOutside(): Promise<unknown> {
  if (store.kind === 'sqlite') {
    const check = new Database(store.file, { readonly: true });
    try {
      return check.prepare('SELECT count(*) AS n FROM responses').get();
    } finally {
      check.close();
    }
  }
  const client = new pg.Client({ connectionString: store.url });
  await client.connect();
  try {
    return (await client.query('SELECT count(*) AS n FROM responses')).rows[0];
  } finally {
    await client.end();
  }
}
const del = (path: string, headers: Record<string, string>, body: unknown) =>
  app.request(`${base}${path}`, { method: 'DELETE', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('deleting one return', () => {
  it('refuses without a reason, in plain English, and deletes nothing', async () => {
    const admin = await signIn(app, store, 'admin');
    for (const body of [{}, { reason: '   ' }]) {
      const res = await del(`/responses/${ids[0]}`, admin, body);
      expect(res.status).toBe(422);
      expect(await res.json()).toMatchObject({
        field: 'reason',
        error: expect.stringMatching(/^Say why the responses are being deleted .*Nothing was deleted\.$/),
      });
    }
    expect(await count()).toBe(4);
    expect(await deletions()).toEqual([]);
  });

  it('is for admins only', async () => {
    const analyst = await signIn(app, store, 'analyst');
    expect((await del(`/responses/${ids[0]}`, analyst, { reason: 'test entry' })).status).toBe(403);
    expect(await count()).toBe(4);
  });

  it('says 404 for a return of no such id in the wave', async () => {
    const admin = await signIn(app, store, 'admin');
    const res = await del('/responses/99999', admin, { reason: 'test entry' });
    expect(res.status).toBe(404);
    expect((await res.json()).error).toBe('Wave 2026 of resident-safety has no response 99999. Nothing was deleted.');
    expect(await count()).toBe(4);
  });

  it('deletes it, audits the reason, and the report no longer counts it (the cached report is dropped)', async () => {
    const admin = await signIn(app, store, 'admin');
    const reportN = async () => ((await (await app.request(`${base}/report?question=safe_home`, { headers: admin })).json()) as { n: number }).n;
    expect(await reportN()).toBe(4);
    const res = await del(`/responses/${ids[1]}`, admin, { reason: 'Erasure request from the respondent' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ deleted: 1, reweight: false, message: '1 response was deleted.' });
    expect(await count()).toBe(3);
    expect(await t.sql.all('SELECT id FROM responses ORDER BY id')).toEqual([{ id: ids[0] }, { id: ids[2] }, { id: ids[3] }]);
    expect(await deletions()).toEqual([{ survey: 'resident-safety', wave: '2026', ids: [ids[1]], count: 1, reason: 'Erasure request from the respondent' }]);
    expect(await reportN()).toBe(3);
  });
});

describe("deleting a wave's returns", () => {
  it("refuses without the wave's name typed, or without a reason, and deletes nothing", async () => {
    const admin = await signIn(app, store, 'admin');
    const noName = await del('/responses', admin, { reason: 'test entries', confirm: '2025' });
    expect(noName.status).toBe(422);
    expect(await noName.json()).toEqual({
      field: 'confirm',
      error: "Type the wave's name, 2026, to confirm that every response of it is to be deleted. Nothing was deleted.",
    });
    expect((await del('/responses', admin, { confirm: '2026' })).status).toBe(422);
    expect(await count()).toBe(3);
  });

  it('deletes every return of the wave, and keeps the wave', async () => {
    const admin = await signIn(app, store, 'admin');
    const res = await del('/responses', admin, { reason: 'Test entries before launch', confirm: '2026' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ deleted: 3, reweight: false, message: '3 responses were deleted.' });
    expect(await count()).toBe(0);
    expect((await deletions()).at(-1)).toEqual({ survey: 'resident-safety', wave: '2026', all: true, count: 3, reason: 'Test entries before launch' });
    expect((await findWave(store.db, survey, '2026')).name).toBe('2026');
  });
});

describe('responses delete (CLI, as its own process)', () => {
  it('deletes one return with its reason, and refuses without one (exit 1, nothing deleted)', async () => {
    const id = (await storeResponse(store, { waveId: wave.id, status: 'complete', answers: validResident(), surveyVersion: 1, source: 'paper' })).id;
    const args = ['responses', 'delete', '--survey', 'resident-safety', '--wave', '2026', '--id', String(id)];
    const refused = await cliProcess(args);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^Say why the responses are being deleted/);
    expect(await count()).toBe(1);
    const done = await cliProcess([...args, '--reason', 'test entry']);
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    expect(done.stdout).toBe('1 response was deleted.\n');
    expect(await countFromOutside()).toEqual({ n: 0 });
    expect((await deletions()).at(-1)).toEqual({ survey: 'resident-safety', wave: '2026', ids: [id], count: 1, reason: 'test entry', actor: 'cli' });
  }, 60_000);
});
