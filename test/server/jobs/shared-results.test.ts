/**
 * Results kept in the store for every server (result_cache): a report one server made is answered
 * by another from the store, without its workers; a change to the data makes a new key (and a new
 * report); downloads keep their type and name; the oldest go past the size limit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoIfEmpty } from '../../../server/demo/load.js';
import { createJobs, type Jobs } from '../../../server/jobs/jobs.js';
import { pruneResults } from '../../../server/jobs/queries.js';
import { createApp } from '../../../server/http/app.js';
import { enqueueJob, jobOf } from '../../../server/queue/queue.js';
import { startJobRunner } from '../../../server/queue/runner.js';
import { openStore, type Store } from '../../../server/store/open.js';
import { openPostgresStore } from '../../../server/store/pg/open.js';
import { signIn } from '../../helpers/officer.js';
import { type TestStore, testStore } from '../../helpers/store.js';

let t: TestStore;
let other: Store;
let first: Jobs;
let second: Jobs;
const stored = () => t.sql.all<{ key: string; bytes: number; meta: unknown }>('SELECT key, bytes, meta FROM result_cache ORDER BY created_at');
const OPTS = { slug: 'resident-safety', wave: '2026', by: ['sex'], lean: true };

beforeAll(async () => {
  t = await testStore();
  await loadDemoIfEmpty(t.store);
  // Two servers on the one store: each its own connection, workers and memory cache.
  other = t.store.kind === 'sqlite' ? openStore(t.store.file) : await openPostgresStore(t.store.url, 'refuse');
  first = createJobs(t.store, { workers: 1 });
  second = createJobs(other, { workers: 1 });
}, 120_000);

afterAll(async () => {
  await first?.close();
  await second?.close();
  await other?.close();
  await t?.cleanup();
});

describe('results shared through the store', () => {
  it('a report made by one server is answered by the other from the store, the same bytes, with no worker started', async () => {
    const made = await first.report(OPTS);
    await expect.poll(async () => (await stored()).length).toBe(1);
    expect((await stored())[0].bytes).toBe(made.byteLength);
    expect((await stored())[0].key).toMatch(/^v\d+\.\d+\.\d+\/\d{4}_\w+ report resident-safety /);
    const again = await second.report(OPTS);
    expect(Buffer.from(again).equals(Buffer.from(made))).toBe(true);
    expect(second.pool.threads).toBe(0);
  }, 60_000);

  it('makes a new report once a response goes (the data version moves on), and keeps both', async () => {
    const before = await second.report(OPTS);
    const wave = (await t.sql.get<{ id: number }>(
      "SELECT w.id FROM waves w JOIN surveys s ON s.id = w.survey_id WHERE s.slug = 'resident-safety' AND w.name = '2026'",
    ))!;
    const gone = await t.sql.run(
      "DELETE FROM responses WHERE id IN (SELECT id FROM responses WHERE wave_id = ? AND status = 'complete' ORDER BY id LIMIT 100)",
      wave.id,
    );
    expect(gone).toBe(100);
    const after = await second.report(OPTS);
    const n = (bytes: Uint8Array) => (JSON.parse(Buffer.from(bytes).toString()) as { n: number }).n;
    expect(n(after)).toBeLessThan(n(before));
    expect(second.pool.threads).toBe(1);
    await expect.poll(async () => (await stored()).length).toBe(2);
  }, 60_000);

  it('keeps a download with its type and file name', async () => {
    const made = await first.download(null, 'responses-csv', { slug: 'resident-safety', wave: '2026' });
    await expect.poll(async () => (await stored()).filter((r) => r.meta !== null).length).toBe(1);
    const again = await second.download(null, 'responses-csv', { slug: 'resident-safety', wave: '2026' });
    expect(again).toEqual(made);
    expect(typeof again.body).toBe(typeof made.body);
  }, 60_000);

  it('a report queued as a job ahead of time is answered to an officer by a server that never made it', async () => {
    const queued = await enqueueJob(
      t.store,
      { kind: 'report', input: { slug: 'resident-safety', wave: '2026', query: { by: 'ward', compareWave: '2025' } } },
      null,
    );
    const runner = startJobRunner(t.store, { jobs: first, pollMs: 50 });
    try {
      await expect.poll(async () => ['done', 'failed'].includes((await jobOf(t.store, queued.id)).state), { timeout: 60_000 }).toBe(true);
    } finally {
      await runner.stop();
    }
    const made = await jobOf(t.store, queued.id);
    expect(made.error).toBeNull();
    await expect.poll(async () => (await stored()).some((r) => r.bytes === (made.result as { bytes: number }).bytes)).toBe(true);
    const third = createJobs(other, { workers: 1 });
    try {
      const app = createApp({ store: other, jobPool: third });
      const headers = await signIn(app, other, 'viewer');
      const res = await app.request('/api/officer/surveys/resident-safety/waves/2026/report?by=ward&compareWave=2025', { headers });
      expect(res.status).toBe(200);
      expect((await res.arrayBuffer()).byteLength).toBe((made.result as { bytes: number }).bytes);
      expect(third.pool.threads).toBe(0);
    } finally {
      await third.close();
    }
  }, 90_000);

  it('refuses a report job whose query the report would refuse, queuing nothing', async () => {
    const jobs = async () => (await t.sql.get<{ n: number }>('SELECT count(*) AS n FROM queued_jobs'))!.n;
    const before = await jobs();
    const refusal = await enqueueJob(t.store, { kind: 'report', input: { slug: 'resident-safety', wave: '2026', query: { ci: 'fancy' } } }, null).catch(
      (e: Error & { status?: number }) => e,
    );
    expect(refusal).toMatchObject({ status: 422, message: "The query of a report job is wrong: Unknown CI method 'fancy': use logit, beta or wilson." });
    expect(await jobs()).toBe(before);
  });

  it('drops the oldest results past the size limit', async () => {
    const rows = await stored();
    const keep = rows.at(-1)!.bytes;
    expect(await pruneResults(t.store, keep)).toBe(rows.length - 1);
    expect((await stored()).map((r) => r.key)).toEqual([rows.at(-1)!.key]);
  });
});
