/**
 * Heavy work off the request thread (server/jobs/): reports through the worker pool equal the
 * in-thread result; a full queue is a 503 with Retry-After and nothing stored; a request that goes
 * away frees its place (a waiting job dropped, a running one's worker replaced).
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ABANDONED_MESSAGE } from '../../../server/jobs/pool.js';
import { perceptionReport } from '../../../server/reports/perception.js';
import { reportJson, surveyReport } from '../../../server/reports/survey-report.js';
import { wardEstimates } from '../../../server/reports/ward-estimates.js';
import { importCrimeFiles } from '../../../server/crime/import.js';
import { tablesOf } from '../../../server/store/dialect.js';
import { computeWeighing } from '../../../server/weighting/runs.js';
import { POLICE_UK_FILE } from '../../helpers/police-uk.js';
import { demoWorld, HEAVY, REPORT } from './demo-world.js';

let w: Awaited<ReturnType<typeof demoWorld>>;

beforeAll(async () => {
  w = await demoWorld({ workers: 1, queue: 1 });
  await importCrimeFiles(w.store, [POLICE_UK_FILE]);
}, 60_000);
afterAll(() => w?.cleanup());

const WEIGHTING = '/api/officer/surveys/resident-safety/waves/2025/weighting';
const WEIGHT_REQUEST = { source: 'population', unmatched: 'exclude', trimUpper: 4 } as const;
const post = (path: string, body: unknown) =>
  w.app.request(path, { method: 'POST', headers: { ...w.headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
const tables = () => tablesOf(w.store.db);
const runsStored = async () => (await w.store.db.select().from(tables().weightingRuns)).length;
const exportsAudited = async () => {
  const { auditLog } = tables();
  return (await w.store.db.select().from(auditLog).where(eq(auditLog.action, 'export.report-xlsx'))).length;
};

describe('reports through the worker pool', () => {
  it('gives the report byte for byte as computed on the request thread', async () => {
    const res = await w.get(`${REPORT}?by=sex&compareWave=2025&ci=wilson`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    const inThread = await surveyReport(w.store, { slug: 'resident-safety', wave: '2026', by: ['sex'], compareWave: '2025', ci: 'wilson' });
    expect(await res.text()).toBe(reportJson(inThread));
  });

  it('gives perception vs crime as computed on the request thread', async () => {
    const res = await w.get('/api/officer/surveys/resident-safety/waves/2026/perception?compareWave=2025');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(JSON.stringify(await perceptionReport(w.store, { slug: 'resident-safety', wave: '2026', compareWave: '2025' })));
  });

  it('gives ward small-area estimates as computed on the request thread', async () => {
    const q = 'question=worry_burglary&category=worried&covariate=crime-rate&from=2019-01&to=2019-01';
    const res = await w.get(`/api/officer/surveys/resident-safety/waves/2026/ward-estimates?${q}`);
    expect(res.status).toBe(200);
    const inThread = await wardEstimates(w.store, {
      slug: 'resident-safety',
      wave: '2026',
      question: 'worry_burglary',
      category: 'worried',
      covariate: 'crime-rate',
      from: '2019-01',
      to: '2019-01',
    });
    expect(await res.text()).toBe(JSON.stringify(inThread));
  });

  it("refuses as it did in-thread, with the worker's status and message", async () => {
    const res = await w.get(`${REPORT}?by=shoe_size`);
    expect(res.status).toBe(400);
    expect((await res.json()) as unknown).toEqual({ error: expect.stringMatching(/^'shoe_size' cannot be used as a breakdown: choose from /) });
    const missing = await w.get('/api/officer/surveys/resident-safety/waves/1999/report');
    expect(missing.status).toBe(404);
  });
});

describe('a bounded queue (1 worker, 1 waiting)', () => {
  it('refuses one job more with a 503, Retry-After and a readable message, and stores nothing', async () => {
    const before = await exportsAudited();
    const callers = [new AbortController(), new AbortController()];
    const running = w.get(HEAVY, { signal: callers[0].signal });
    const waiting = w.get(`${HEAVY}&ci=beta`, { signal: callers[1].signal });
    // Let both reach the pool before the third asks.
    await new Promise((r) => setTimeout(r, 300));
    const refused = await w.get('/api/officer/surveys/resident-safety/waves/2026/report.xlsx?by=sex');
    expect(refused.status).toBe(503);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number.isInteger(Number(refused.headers.get('retry-after')))).toBe(true);
    const body = (await refused.json()) as { error: string };
    expect(body.error).toMatch(
      /^The server is busy preparing other reports \(1 in progress, 1 waiting\)\. Nothing was stored; please try again in \d+ seconds?\.$/,
    );
    expect(await exportsAudited()).toBe(before);
    // The two in hand are not affected by the refusal (stopped here only to save the test's time).
    for (const c of callers) c.abort();
    expect((await Promise.all([running, waiting])).map((r) => r.status)).toEqual([503, 503]);
    // Once the queue has room the same download is made and audited.
    expect((await w.get('/api/officer/surveys/resident-safety/waves/2026/report.xlsx?by=sex')).status).toBe(200);
    expect(await exportsAudited()).toBe(before + 1);
  }, 120_000);

  it('frees the place of a request that goes away: a waiting job is dropped, a running one stopped', async () => {
    const first = new AbortController();
    const second = new AbortController();
    const running = w.get(`${HEAVY}&ci=wilson`, { signal: first.signal });
    const waiting = w.get(`${HEAVY}&ci=logit`, { signal: second.signal });
    await new Promise((r) => setTimeout(r, 300));
    expect((await w.get(`${REPORT}?by=age_band`)).status).toBe(503);

    second.abort();
    const abandoned = await waiting;
    expect(abandoned.status).toBe(503);
    expect(((await abandoned.json()) as { error: string }).error).toBe(ABANDONED_MESSAGE);
    // The waiting place is free again: this one queues behind the running job.
    const next = w.get(`${REPORT}?by=age_band`);
    await new Promise((r) => setTimeout(r, 100));

    const stoppedAt = Date.now();
    first.abort();
    expect((await running).status).toBe(503);
    // The stopped worker was replaced: the queued report is made, and equals the in-thread one.
    const res = await next;
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(reportJson(await surveyReport(w.store, { slug: 'resident-safety', wave: '2026', by: ['age_band'] })));
    // Far sooner than the heavy report it was queued behind would have taken to finish.
    expect(Date.now() - stoppedAt).toBeLessThan(15_000);
  }, 120_000);
});

describe('weighting through the worker pool', () => {
  it('stores the weights computed in the worker, equal to computing them on the request thread', async () => {
    const before = await runsStored();
    const res = await post(WEIGHTING, WEIGHT_REQUEST);
    expect(res.status).toBe(200);
    expect(await runsStored()).toBe(before + 1);
    const { run } = (await computeWeighing(w.store, { slug: 'resident-safety', wave: '2025', request: WEIGHT_REQUEST })).computed;
    const { responses } = tables();
    const stored = new Map(
      (await w.store.db.select({ id: responses.id, weight: responses.weight }).from(responses).where(eq(responses.waveId, run.waveId))).map((r) => [
        r.id,
        r.weight,
      ]),
    );
    expect(run.kept.map((id) => stored.get(id))).toEqual(Array.from(run.weights));
    expect(run.left.map((id) => stored.get(id))).toEqual(run.left.map(() => null));
    const body = (await res.json()) as { respondents: number };
    expect(body.respondents).toBe(run.kept.length);
  });

  it('refuses a run over the queue with a 503 and stores nothing', async () => {
    const before = await runsStored();
    const callers = [new AbortController(), new AbortController()];
    const running = w.get(`${HEAVY}&ci=beta`, { signal: callers[0].signal });
    const waiting = w.get(`${HEAVY}&ci=logit`, { signal: callers[1].signal });
    await new Promise((r) => setTimeout(r, 300));
    const refused = await post(WEIGHTING, WEIGHT_REQUEST);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await runsStored()).toBe(before);
    for (const c of callers) c.abort();
    await Promise.all([running, waiting]);
  }, 120_000);
});
