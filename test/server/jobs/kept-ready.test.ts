/**
 * A report worker kept ready (server/jobs/pool.ts `keep`, server/reports/warm-up.ts) on the test
 * store (SQLite or Postgres) holding the scale benchmark's data: the resident questionnaire with two
 * waves of SYNTHETIC replies from the demo's generator, raked to the ILLUSTRATIVE population (made
 * up). Every wave counts as big here (`from` below its size), so the real worker and its helper read
 * ahead as they do for waves of 20,000 replies and more.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BY, RAKED_ON, SLUG } from '../../../bench/scale-workload.js';
import { createJobs, type Jobs } from '../../../server/jobs/jobs.js';
import { reportJson, surveyReport } from '../../../server/reports/survey-report.js';
import { waveToWarm, warmUpReports } from '../../../server/reports/warm-up.js';
import { setWaveCache } from '../../../server/reports/wave-columns-cache.js';
import { waveReads } from '../../../server/reports/wave-columns.js';
import { createWave } from '../../../server/surveys/manage.js';
import { marginsFromPopulation } from '../../../server/weighting/population-margins.js';
import { runWeighting } from '../../../server/weighting/run.js';
import { scaleTestStore } from '../../helpers/scale-store.js';
import type { TestStore } from '../../helpers/store.js';

const N = 1200;
let t: TestStore;
let jobs: Jobs | undefined;

beforeAll(async () => {
  t = await scaleTestStore(N);
  // A wave with no reply, named between the two: the wave compared with is the answered one before.
  await createWave(t.store.db, SLUG, '2025-pilot');
}, 180_000);
afterAll(async () => {
  setWaveCache({});
  await jobs?.close();
  await t.cleanup();
});

describe('the wave read ahead', () => {
  it('is the newest wave of at least `from` complete replies, with the answered wave before it', async () => {
    expect(await waveToWarm(t.store, N)).toMatchObject({ slug: SLUG, wave: '2026', compareWave: '2025', n: N });
    // None as big: nothing is read ahead.
    expect(await waveToWarm(t.store, N + 1)).toBeNull();
    expect(await warmUpReports(t.store, { from: N + 1 })).toBeNull();
  });

  it('is held afterwards, so the first report of it reads no wave again', async () => {
    // Kept from fewer (a few replies left out of the weighting are not in the read).
    setWaveCache({ from: N / 2 });
    const warmed = await warmUpReports(t.store, { from: N });
    expect(warmed).toMatchObject({ slug: SLUG, wave: '2026', compareWave: '2025', responses: N });
    const before = waveReads();
    await surveyReport(t.store, { slug: SLUG, wave: '2026', by: BY, compareWave: '2025' });
    expect(waveReads()).toEqual(before);
    setWaveCache({});
  }, 60_000);
});

describe('a pool with a worker kept ready', () => {
  it('reads the wave ahead in its worker and helper, and a report asked for meanwhile is byte for byte as made on this thread', async () => {
    jobs = createJobs(t.store, { workers: 1, helpers: 1, keep: true, warmFrom: N, rewarmMs: 200, sharedCacheBytes: 0 });
    expect(jobs.pool.threads).toBe(1);
    // Asked for at once: the job waits for the reading ahead, then reads the waves held.
    const opts = { slug: SLUG, wave: '2026', by: BY, compareWave: '2025' };
    const [warmed, there] = await Promise.all([jobs.pool.warmed(), jobs.report({ ...opts, lean: true })]);
    expect(warmed).toEqual({ warmed: { slug: SLUG, wave: '2026', compareWave: '2025', responses: N, ms: expect.any(Number) } });
    const here = reportJson(await surveyReport(t.store, opts));
    expect(Buffer.from(there).toString('utf8')).toBe(here);
    expect(jobs.pool.threads).toBe(1);
  }, 120_000);

  it('reads the waves again when their data move (a weighting run), not while they stand still', async () => {
    const pool = jobs!.pool;
    expect(pool.readAheads).toBe(1);
    // Several checks later (every 200 ms) nothing has moved, so nothing was read again.
    await new Promise((r) => setTimeout(r, 1000));
    expect(pool.readAheads).toBe(1);
    const { margins } = await marginsFromPopulation(t.store.db, RAKED_ON as never);
    await runWeighting(t.store, { slug: SLUG, wave: '2026', margins, unmatched: 'exclude', illustrative: true });
    await expect.poll(() => pool.readAheads, { timeout: 60_000, interval: 100 }).toBe(2);
    expect(await pool.warmed()).toMatchObject({ warmed: { wave: '2026', compareWave: '2025' } });
    const opts = { slug: SLUG, wave: '2026', by: ['ward'], compareWave: '2025' };
    expect(Buffer.from(await jobs!.report({ ...opts, lean: true })).toString('utf8')).toBe(reportJson(await surveyReport(t.store, opts)));
  }, 120_000);
});
