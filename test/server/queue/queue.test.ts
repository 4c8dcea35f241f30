/**
 * Long jobs queued in the store (server/queue/): a crime import and a weighting run queued through
 * one server are run by another server's runner on the same store (two connections to one real
 * SQLite file or Postgres database), watched to the end with their progress; a job whose server stopped is taken up
 * again; refusals (a wrong kind or input, an unknown upload, a role that may not) are 4xx with
 * nothing queued; a job that fails says why, with the status the direct request would give.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobs } from '../../../server/jobs/jobs.js';
import { startJobRunner, type JobRunner } from '../../../server/queue/runner.js';
import { openStore, type Store } from '../../../server/store/open.js';
import { openPostgresStore } from '../../../server/store/pg/open.js';
import { signIn } from '../../helpers/officer.js';
import { MAIDSTONE_ROWS, POLICE_UK_FILE, POLICE_UK_NAME } from '../../helpers/police-uk.js';
import { demoWorld } from '../jobs/demo-world.js';

let w: Awaited<ReturnType<typeof demoWorld>>;
let other: Store;
let runner: JobRunner;
let viewer: Awaited<ReturnType<typeof signIn>>;

beforeAll(async () => {
  w = await demoWorld({ workers: 1, queue: 2 });
  viewer = await signIn(w.app, w.store, 'viewer');
  // The second server: its own connection to the store, its own worker pool, its own runner.
  other = w.store.kind === 'postgres' ? await openPostgresStore(w.store.url, 'refuse') : openStore(w.store.file);
  runner = startJobRunner(other, { jobs: createJobs(other, { workers: 1, queue: 2 }), pollMs: 20, progressMs: 0, name: 'second-server' });
}, 60_000);
afterAll(async () => {
  await runner?.stop();
  await other?.close();
  await w?.cleanup();
});

type Job = { id: number; kind: string; state: string; progress: unknown; result: unknown; error: { message: string; status: number } | null; attempts: number };

const post = (path: string, body: unknown, headers: Record<string, string> = w.headers) =>
  w.app.request(path, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
const job = async (id: number) => (await (await w.get(`/api/officer/jobs/${id}`)).json()) as Job;
const jobsStored = async () => (await w.sql.get<{ n: number }>('SELECT count(*) AS n FROM queued_jobs'))!.n;
const crimeRows = async () => (await w.sql.get<{ n: number }>('SELECT coalesce(sum(count), 0) AS n FROM crime'))!.n;

/** Polls the job until it is done or failed, keeping every progress seen on the way. */
async function finished(id: number): Promise<{ job: Job; seen: unknown[] }> {
  const seen: unknown[] = [];
  for (let i = 0; i < 3000; i++) {
    const j = await job(id);
    if (j.progress !== null) seen.push(j.progress);
    if (j.state === 'done' || j.state === 'failed') return { job: j, seen };
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`job ${id} did not finish`);
}

async function stage(): Promise<string> {
  const res = await w.app.request('/api/officer/crime/uploads', {
    method: 'POST',
    headers: { 'content-type': 'text/csv', 'x-file-name': POLICE_UK_NAME, ...w.headers },
    body: new Uint8Array(readFileSync(POLICE_UK_FILE)),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

describe('the job queue in the store', () => {
  it('queues a crime import on one server and another server imports it, its progress watched to the end', async () => {
    const upload = await stage();
    const res = await post('/api/officer/jobs', { kind: 'crime-import', input: { uploads: [upload] } });
    expect(res.status).toBe(202);
    const queued = (await res.json()) as Job;
    expect(queued).toMatchObject({ kind: 'crime-import', state: 'queued', progress: null, result: null, error: null, attempts: 0 });
    const { job: done, seen } = await finished(queued.id);
    expect(done).toMatchObject({ state: 'done', error: null, attempts: 1 });
    expect(done.result).toMatchObject({ rows: 1666, imported: MAIDSTONE_ROWS, months: ['2019-01'], files: [{ name: POLICE_UK_NAME }] });
    expect(seen.length).toBeGreaterThanOrEqual(1);
    expect(seen.at(-1)).toMatchObject({ running: true, fileIndex: 1, fileCount: 1, file: POLICE_UK_NAME });
    expect(await crimeRows()).toBe(MAIDSTONE_ROWS);
    const runnerOf = await w.sql.get<{ runner: string }>('SELECT runner FROM queued_jobs WHERE id = ?', queued.id);
    expect(runnerOf?.runner).toBe('second-server');
  });

  it('queues a weighting run that another server computes in its worker pool and stores', async () => {
    const weightingRuns = async () => (await w.sql.get<{ n: number }>('SELECT count(*) AS n FROM weighting_runs'))!.n;
    const runsBefore = await weightingRuns();
    const res = await post('/api/officer/jobs', {
      kind: 'weighting',
      input: { slug: 'resident-safety', wave: '2025', request: { source: 'population', unmatched: 'exclude', trimUpper: 4 } },
    });
    expect(res.status).toBe(202);
    const { job: done, seen } = await finished(((await res.json()) as Job).id);
    expect(done.state).toBe('done');
    expect(seen.some((p) => typeof (p as { message?: string }).message === 'string')).toBe(true);
    expect(await weightingRuns()).toBe(runsBefore + 1);
    // The same answer as the same run asked for directly.
    const direct = await post('/api/officer/surveys/resident-safety/waves/2025/weighting', { source: 'population', unmatched: 'exclude', trimUpper: 4 });
    expect(direct.status).toBe(200);
    expect(done.result).toEqual(await direct.json());
    expect(done.result).toMatchObject({ variables: ['sex', 'age_band', 'ward'], illustrative: true });
  });

  it('takes up again a job whose server stopped mid-way (no heartbeat for a minute)', async () => {
    const upload = await stage();
    const stalled = new Date(Date.now() - 5 * 60_000).toISOString();
    const { id } = (await w.sql.get<{ id: number }>(
      `INSERT INTO queued_jobs (kind, input, state, attempts, runner, started_at, heartbeat_at) VALUES ('crime-import', ?, 'running', 1, 'stopped-server', ?, ?) RETURNING id`,
      JSON.stringify({ uploads: [upload] }),
      stalled,
      stalled,
    ))!;
    const { job: done } = await finished(id);
    expect(done).toMatchObject({ state: 'done', attempts: 2 });
    expect(await crimeRows()).toBe(MAIDSTONE_ROWS);
  });

  it('fails a job that cannot run, saying why with the status the direct request gives', async () => {
    const upload = await stage();
    const res = await post('/api/officer/jobs', { kind: 'crime-import', input: { uploads: [upload] } });
    const { id } = (await res.json()) as Job;
    // Removed before a server takes the job (e.g. aged out).
    await w.sql.run('DELETE FROM staged_uploads WHERE id = ?', upload);
    const { job: failed } = await finished(id);
    expect(failed.state).toBe('failed');
    expect(failed.error).toEqual({
      status: 404,
      message: `No uploaded file with the id ${upload}: it was imported already, or removed after 24 hours. Add the file again.`,
    });
  });

  it('refuses at once, queuing nothing: an unknown kind, a wrong input, an unknown upload or wave, a viewer', async () => {
    const before = await jobsStored();
    const refused = async (body: unknown, headers: Record<string, string> = w.headers) => {
      const r = await post('/api/officer/jobs', body, headers);
      return { status: r.status, error: ((await r.json()) as { error: string }).error };
    };
    expect(await refused({ kind: 'reindex', input: {} })).toEqual({
      status: 422,
      error: "There is no job kind 'reindex'. Kinds: crime-import, weighting, report.",
    });
    expect(await refused({ kind: 'crime-import', input: { uploads: [] } })).toMatchObject({
      status: 422,
      error: expect.stringMatching(/^The input of a crime-import job is wrong at uploads: /),
    });
    expect(await refused({ kind: 'crime-import', input: { uploads: ['0f3c9a0e5b6d4e7f8a9b0c1d2e3f4a5b'] } })).toMatchObject({
      status: 404,
      error: expect.stringMatching(/^No uploaded file with the id 0f3c9a0e5b6d4e7f8a9b0c1d2e3f4a5b/),
    });
    expect(await refused({ kind: 'weighting', input: { slug: 'resident-safety', wave: '1999', request: { source: 'population' } } })).toMatchObject({
      status: 404,
    });
    expect(await refused({ kind: 'crime-import', input: { uploads: ['x'] } }, viewer)).toMatchObject({ status: 403 });
    expect(await jobsStored()).toBe(before);
    expect((await w.get('/api/officer/jobs/999999')).status).toBe(404);
  });

  it('lists the latest jobs, newest first, for anyone who reads results', async () => {
    const res = await w.app.request('/api/officer/jobs', { headers: viewer });
    expect(res.status).toBe(200);
    const list = (await res.json()) as Job[];
    expect(list.map((j) => j.id)).toEqual([...list.map((j) => j.id)].sort((a, b) => b - a));
    expect(list).toHaveLength(await jobsStored());
  });
});
