/** `cli jobs`: queueing a long job with the same checks as POST /api/officer/jobs, waiting for it, and listing jobs. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoIfEmpty } from '../../../server/demo/load.js';
import { testStore, type TestStore } from '../../helpers/store.js';
import { runCli as runOn, storeEnv } from './run-cli.js';

let t: TestStore;
const jobsStored = async () => (await t.sql.get<{ n: number }>('SELECT count(*) AS n FROM queued_jobs'))!.n;
const runsStored = async () => (await t.sql.get<{ n: number }>('SELECT count(*) AS n FROM weighting_runs'))!.n;
/** The CLI in this process, on this test's store. */
const runCli = (dir: string, args: string[]) => runOn(dir, args, storeEnv(t.store));
const INPUT = JSON.stringify({ slug: 'resident-safety', wave: '2025', request: { source: 'population', unmatched: 'exclude', trimUpper: 4 } });

beforeAll(async () => {
  t = await testStore();
  await loadDemoIfEmpty(t.store);
}, 120_000);
afterAll(() => t.cleanup());

describe('cli jobs', () => {
  it('queues a weighting run, waits while this process runs it, and prints the finished job', async () => {
    const runs = await runsStored();
    const r = await runCli(t.dir, ['jobs', 'queue', '--kind', 'weighting', '--input', INPUT, '--wait', '--json']);
    expect(r.stderr).toMatch(/^Queued job \d+ \(weighting\)\./);
    expect(r.code).toBe(0);
    const job = JSON.parse(r.stdout);
    expect(job).toMatchObject({ kind: 'weighting', state: 'done', attempts: 1, error: null });
    expect(job.result).toMatchObject({ variables: ['sex', 'age_band', 'ward'], illustrative: true });
    expect(await runsStored()).toBe(runs + 1);

    const shown = await runCli(t.dir, ['jobs', 'show', '--id', String(job.id), '--json']);
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.stdout)).toEqual(job);
    const listed = await runCli(t.dir, ['jobs', 'list']);
    expect(listed.code).toBe(0);
    expect(listed.stdout.split('\n')[0]).toMatch(new RegExp(`^${job.id}\\tweighting\\tdone\\t\\d{4}-\\d\\d-\\d\\dT[^\\t]+\\tdone$`));
  }, 120_000);

  it('refuses an unknown kind, a wave that does not exist, and input that is not JSON, queuing nothing', async () => {
    const before = await jobsStored();
    const kind = await runCli(t.dir, ['jobs', 'queue', '--kind', 'cleaning', '--input', '{}']);
    expect([kind.code, kind.stderr.trim()]).toEqual([1, "There is no job kind 'cleaning'. Kinds: crime-import, weighting, report."]);
    const wave = await runCli(t.dir, ['jobs', 'queue', '--kind', 'weighting', '--input', INPUT.replace('2025', '1999')]);
    expect(wave.code).toBe(1);
    expect(wave.stderr).toMatch(/1999/);
    const json = await runCli(t.dir, ['jobs', 'queue', '--kind', 'weighting', '--input', '{slug:']);
    expect(json.code).toBe(2);
    expect(json.stderr).toMatch(/^--input must be JSON/);
    expect(await jobsStored()).toBe(before);
  });

  it('says there is no such job', async () => {
    const r = await runCli(t.dir, ['jobs', 'show', '--id', '9999']);
    expect([r.code, r.stderr.trim()]).toEqual([1, 'There is no job 9999.']);
  });
});
