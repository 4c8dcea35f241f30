/**
 * Weighting runs kept as a history that can be restored, through the whole app on a temporary
 * store (SQLite or Postgres) with the demo wave (SYNTHETIC responses, ILLUSTRATIVE population): run A to the
 * population, run B to made-up sex targets, restore A, and the weights and the weighted report
 * equal A's again (the cached report of B is not served); the list of runs, roles, refusals that
 * change nothing, and the audit entry.
 */
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { recentAudit } from '../../../server/accounts/audit.js';
import { weightCommand } from '../../../server/cli/commands/weight.js';
import { loadDemoIfEmpty } from '../../../server/demo/load.js';
import { first, tablesOf } from '../../../server/store/dialect.js';
import { EMAILS, officerWorld, signIn } from '../../helpers/officer-world.js';
import { findSurvey, findWave } from '../../../server/surveys/surveys.js';

const world = await officerWorld();
afterAll(() => world.cleanup());
const { app, store } = world;
const { responses, weightingRuns } = tablesOf(store.db);
await loadDemoIfEmpty(store);

const BASE = '/api/officer/surveys/resident-safety/waves/2026';
const waveId = (await findWave(store.db, await findSurvey(store.db, 'resident-safety'), '2026')).id;
const weights = async () =>
  await store.db.select({ id: responses.id, w: responses.weight }).from(responses).where(eq(responses.waveId, waveId)).orderBy(responses.id);
const post = (path: string, body: unknown, headers: Record<string, string>) =>
  app.request(`${BASE}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
type Estimates = { estimates: { question: string[]; category: string[]; estimate: number[]; se: number[] } };
const report = async (headers: Record<string, string>) => {
  const res = await app.request(`${BASE}/report?question=safe_home&question=worry_burglary`, { headers });
  expect(res.status, await res.clone().text()).toBe(200);
  const body = (await res.json()) as Estimates;
  return { estimate: body.estimates.estimate, se: body.estimates.se };
};
type Run = {
  id: number;
  method: string;
  variables: string[];
  n: number;
  current: boolean;
  restoredFrom: number | null;
  restorable: boolean;
  illustrative: boolean;
};
const history = async (headers: Record<string, string>) => {
  const res = await app.request(`${BASE}/weighting/runs`, { headers });
  expect(res.status).toBe(200);
  return (await res.json()) as Run[];
};

// Made-up targets on sex only (not any real population), so B's weights differ from A's.
const SEX_TARGETS = 'variable,category,target\nsex,female,30000\nsex,male,70000\n';

describe('weighting run history and restore', () => {
  let runA = 0;
  let runB = 0;
  let weightsA: { id: number; w: number | null }[] = [];
  let reportA: Awaited<ReturnType<typeof report>>;

  it('keeps each run with its weights; the list shows them newest first', async () => {
    const analyst = await signIn(app, EMAILS.analyst);
    const a = await post('/weighting', { source: 'population', unmatched: 'impute' }, analyst.headers);
    expect(a.status, await a.clone().text()).toBe(200);
    weightsA = await weights();
    reportA = await report(analyst.headers);
    const b = await post('/weighting', { source: 'margins', margins: SEX_TARGETS, unmatched: 'impute', illustrative: true }, analyst.headers);
    expect(b.status, await b.clone().text()).toBe(200);
    expect(await weights()).not.toEqual(weightsA);
    const reportB = await report(analyst.headers);
    expect(reportB.estimate).not.toEqual(reportA.estimate);

    const runs = await history(analyst.headers);
    [runB, runA] = [runs[0].id, runs[1].id];
    expect(runs[0]).toMatchObject({
      method: 'poststratification',
      variables: ['sex'],
      current: true,
      restoredFrom: null,
      restorable: true,
      illustrative: true,
    });
    expect(runs[1]).toMatchObject({ method: 'raking', variables: ['sex', 'age_band', 'ward'], current: false, restoredFrom: null, restorable: true });
    expect(runs[1].n).toBe(weightsA.filter((r) => r.w !== null && r.w > 0).length);
    const stored = (await first(store.db.select({ weights: weightingRuns.weights }).from(weightingRuns).where(eq(weightingRuns.id, runA))))!.weights!;
    expect(stored.ids).toEqual(weightsA.filter((r) => r.w !== null).map((r) => r.id));
  });

  it('is for analysts and up: a viewer lists the runs but cannot restore one (403), nothing changes', async () => {
    const viewer = await signIn(app, EMAILS.viewer);
    expect((await history(viewer.headers)).length).toBeGreaterThanOrEqual(2);
    const before = await weights();
    expect((await post(`/weighting/runs/${runA}/restore`, undefined, viewer.headers)).status).toBe(403);
    expect(await weights()).toEqual(before);
  });

  it('refuses an unknown run (404) and one stored before runs kept their weights (422), changing nothing', async () => {
    const analyst = await signIn(app, EMAILS.analyst);
    const before = await weights();
    const unknown = await post('/weighting/runs/999999/restore', undefined, analyst.headers);
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error).toBe('Wave 2026 of resident-safety has no weighting run 999999. Choose one from the list of runs.');
    expect((await post('/weighting/runs/abc/restore', undefined, analyst.headers)).status).toBe(400);
    const old = (await first(
      store.db
        .insert(weightingRuns)
        .values({
          waveId,
          method: 'raking',
          margins: { method: 'raking', margins: [], unmatched: 'error', excluded: 0 },
          diagnostics: {},
          createdAt: '2025-03-02T10:15:00.000Z',
        })
        .returning({ id: weightingRuns.id }),
    ))!;
    const refused = await post(`/weighting/runs/${old.id}/restore`, undefined, analyst.headers);
    expect(refused.status).toBe(422);
    expect((await refused.json()).error).toBe(
      'The run of 2 March 2025 at 10:15 was made before runs kept their weights, so it cannot be restored. Run the weighting again with its targets instead.',
    );
    await store.db.delete(weightingRuns).where(eq(weightingRuns.id, old.id));
    expect(await weights()).toEqual(before);
  });

  it("restores run A: its weights and the weighted report equal A's again, audited", async () => {
    const analyst = await signIn(app, EMAILS.analyst);
    const res = await post(`/weighting/runs/${runA}/restore`, undefined, analyst.headers);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { restored: number; run: number; weighted: number; missing: number; message: string };
    const weighted = weightsA.filter((r) => r.w !== null).length;
    expect(body).toMatchObject({ restored: runA, weighted, missing: 0 });
    expect(body.message).toMatch(
      new RegExp(
        `^The weights of the run of \\d{1,2} \\w+ \\d{4} at \\d{2}:\\d{2} \\(sex, age_band, ward\\) are current again: ${weighted.toLocaleString('en-GB')} responses weighted\\.$`,
      ),
    );
    expect(await weights()).toEqual(weightsA);
    expect(await report(analyst.headers)).toEqual(reportA);

    const runs = await history(analyst.headers);
    expect(runs[0]).toMatchObject({ id: body.run, current: true, restoredFrom: runA, variables: ['sex', 'age_band', 'ward'] });
    expect(runs.find((r) => r.id === runB)).toMatchObject({ current: false });
    const latest = (await (await app.request(`${BASE}/weighting`, { headers: analyst.headers })).json()) as { method: string };
    expect(latest.method).toBe('raking');
    const [entry] = (await recentAudit(store, 50)).filter((a) => a.action === 'weighting.restore');
    expect(entry.details).toEqual({ survey: 'resident-safety', wave: '2026', run: runA, restoredFrom: runA, newRun: body.run, weighted, missing: 0 });

    // Restoring the current run again changes nothing.
    const again = await post(`/weighting/runs/${body.run}/restore`, undefined, analyst.headers);
    expect(await again.json()).toMatchObject({ message: expect.stringMatching(/is already the current one: nothing was changed\.$/) });
    expect((await history(analyst.headers)).length).toBe(runs.length);
  });

  it('restores run B after a response it weighted was deleted, saying so', async () => {
    const analyst = await signIn(app, EMAILS.analyst);
    const bIds = (await first(store.db.select({ weights: weightingRuns.weights }).from(weightingRuns).where(eq(weightingRuns.id, runB))))!.weights!.ids;
    await store.db.delete(responses).where(eq(responses.id, bIds[0]));
    const res = await post(`/weighting/runs/${runB}/restore`, undefined, analyst.headers);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { weighted: number; missing: number; message: string };
    expect(body).toMatchObject({ weighted: bIds.length - 1, missing: 1 });
    expect(body.message).toMatch(/ 1 of the responses it weighted have since been deleted\.$/);
  });

  it('lists the runs and restores one on the command line, as the page does', async () => {
    const out: string[] = [];
    const cli = async (...args: string[]) =>
      await weightCommand([...args, '--survey', 'resident-safety', '--wave', '2026'], { store, out: (l) => out.push(l), err: () => {} });
    expect(await cli('runs')).toBe(0);
    const lines = out.splice(0);
    expect(lines[0]).toMatch(/^\d+\t\S+\tpoststratification\tsex\tn=\d+\tcurrent$/);
    expect(lines.find((l) => l.startsWith(`${runA}\t`))).toMatch(/\traking\tsex,age_band,ward\tn=\d+$/);
    expect(await cli('restore', '--run', String(runA))).toBe(0);
    expect(out[0]).toMatch(/^The weights of the run of .* \(sex, age_band, ward\) are current again/);
    // A's weights again, less the response deleted since.
    const present = new Set((await weights()).map((r) => r.id));
    expect(await weights()).toEqual(weightsA.filter((r) => present.has(r.id)));
    expect(present.size).toBe(weightsA.length - 1);
  });
});
