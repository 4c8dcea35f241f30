/**
 * A report worker kept ready (server/jobs/pool.ts `keep`, server/reports/warm-up.ts) on the test
 * store (SQLite or Postgres) holding the scale benchmark's data: the resident questionnaire with two
 * waves of SYNTHETIC replies from the demo's generator, raked to the ILLUSTRATIVE population (made
 * up). Every wave counts as big here (`from` below its size), so the real worker and its helper read
 * ahead as they do for waves of 20,000 replies and more.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BY, SLUG } from '../../../bench/scale-workload.js';
import { createJobs, type Jobs } from '../../../server/jobs/jobs.js';
import { reportJson, surveyReport } from '../../../server/reports/survey-report.js';
import { waveToWarm, warmUpReports } from '../../../server/reports/warm-up.js';
import { setWaveCache } from '../../../server/reports/wave-columns-cache.js';
import { waveReads } from '../../../server/reports/wave-columns.js';
import { createWave } from '../../../server/surveys/manage.js';
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
    jobs = createJobs(t.store, { workers: 1, helpers: 1, keep: true, warmFrom: N, sharedCacheBytes: 0 });
    expect(jobs.pool.threads).toBe(1);
    // Asked for at once: the job waits for the reading ahead, then reads the waves held.
    const opts = { slug: SLUG, wave: '2026', by: BY, compareWave: '2025' };
    const [warmed, there] = await Promise.all([jobs.pool.warmed(), jobs.report({ ...opts, lean: true })]);
    expect(warmed).toEqual({ warmed: { slug: SLUG, wave: '2026', compareWave: '2025', responses: N, ms: expect.any(Number) } });
    const here = reportJson(await surveyReport(t.store, opts));
    expect(Buffer.from(there).toString('utf8')).toBe(here);
    expect(jobs.pool.threads).toBe(1);
  }, 120_000);
});
