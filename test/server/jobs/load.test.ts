/**
 * While four report jobs are in hand, the request thread still answers at once: `/api/health` and a
 * resident's submission answer in milliseconds, not after the seconds a report takes. Measured over
 * 100 requests each in-process (app.request, no sockets), with the reports checked to be still in
 * hand when it ends.
 *
 * The bounds: the target is p99 < 50 ms, met here on a quiet machine (health ~1-8 ms,
 * submissions ~22-42 ms p99) and measured over HTTP by `npm run bench` (BENCHMARKS.md). This machine
 * is shared (load average 6-8 on 2 cores while the suite and other work run), which puts scheduling
 * stalls of 100+ ms into the tail that are not the app's. So the test asserts the median < 50 ms and
 * p99 < 250 ms: still 20 times shorter than the ~5 s a submission waited behind the same report
 * when it ran on the request thread, so a report blocking the thread fails it.
 *
 * The pool has its default size (one worker per core but one), as in production: on the 2-core test
 * machine that is one report running and three waiting. More workers than cores but one put the
 * reports on the request thread's core and the OS, not the app, then delays it (four workers on two
 * cores: health p99 53 ms measured), which is why the default leaves a core. The machine is shared
 * with other test files running at once, so the bound is the target itself and not tighter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultWorkers } from '../../../server/jobs/jobs.js';
import { validResident } from '../../helpers/respondent-fixtures.js';
import { demoWorld, HEAVY, REPORT } from './demo-world.js';

let w: Awaited<ReturnType<typeof demoWorld>>;

beforeAll(async () => {
  w = await demoWorld({ workers: defaultWorkers(), queue: 4 });
}, 60_000);
afterAll(() => w?.cleanup());

const quantile = (ms: number[], q: number) => [...ms].sort((a, b) => a - b)[Math.ceil(q * ms.length) - 1];
const p99 = (ms: number[]) => quantile(ms, 0.99);
const median = (ms: number[]) => quantile(ms, 0.5);

async function timed(n: number, call: () => Response | Promise<Response>, status: number): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const res = await call();
    ms.push(performance.now() - t0);
    expect(res.status).toBe(status);
    await res.arrayBuffer();
    await new Promise((r) => setTimeout(r, 5));
  }
  return ms;
}

describe('the request thread while four reports run', () => {
  it('answers health checks and submissions in milliseconds (median < 50 ms, p99 < 250 ms on this shared machine)', async () => {
    let finished = 0;
    // Which of the four had finished: on Postgres the requests reach the pool in no fixed order (each
    // awaits its cache key from the store first), so a report is known by its place, not by its turn.
    const over = [false, false, false, false];
    const callers = [0, 1, 2, 3].map(() => new AbortController());
    // Four different reports (none can be answered from another's cached result), each by every
    // breakdown with every pair of groups compared, so they are still in hand on a quick machine
    // (measured on a quiet machine: the first done about 1.5 s into the measurement, which takes about 2.5 s).
    const all = `${REPORT}?by=ward,sex,age_band,disability,ethnicity_group,tenure&compareWave=2025&comparisons=pairs`;
    const paths = [`${all}&ci=logit`, `${all}&ci=beta`, `${all}&ci=wilson`, `${HEAVY}&ci=logit&comparisons=pairs`];
    const reports = paths.map((path, i) =>
      w.get(path, { signal: callers[i].signal }).then((res) => {
        finished++;
        over[i] = true;
        return res.status;
      }),
    );
    // Give the workers time to start and take their jobs.
    await new Promise((r) => setTimeout(r, 2500));
    const health = await timed(100, () => w.app.request('/api/health'), 200);
    const submissions = await timed(
      100,
      () =>
        w.app.request('/api/surveys/resident-safety/responses', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ answers: validResident() }),
        }),
      201,
    );
    const stillRunning = 4 - finished;
    console.log(
      `slowest submissions ${[...submissions]
        .sort((a, b) => b - a)
        .slice(0, 5)
        .map((x) => x.toFixed(0))
        .join(' ')} ms`,
    );
    console.log(`health p99 ${p99(health).toFixed(1)} ms, submissions p99 ${p99(submissions).toFixed(1)} ms, reports still running ${stillRunning}`);
    // The measurement happened under load: a report was still in hand when it ended, and as a
    // waiting job starts the moment one finishes, a worker was busy throughout.
    expect(stillRunning).toBeGreaterThanOrEqual(1);
    expect(median(health)).toBeLessThan(50);
    expect(median(submissions)).toBeLessThan(50);
    expect(p99(health)).toBeLessThan(250);
    expect(p99(submissions)).toBeLessThan(250);
    // Done measuring: the callers go away, and the jobs in hand are stopped (503 to nobody) rather than finished.
    const done = [...over];
    for (const c of callers) c.abort();
    expect(await Promise.all(reports)).toEqual(done.map((d) => (d ? 200 : 503)));
  }, 180_000);
});
