/** The weighting panel API: GET/POST /api/officer/surveys/:slug/waves/:wave/weighting. */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { recentAudit } from '../../../server/accounts/audit.js';
import { loadDemoIfEmpty } from '../../../server/demo/load.js';
import { ILLUSTRATIVE_TARGETS_NOTICE } from '../../../server/notices.js';
import { first, tablesOf } from '../../../server/store/dialect.js';
import type { PopulationTargets, WeightingRunResponse } from '../../../server/weighting/schemas.js';
import { parseMargins } from '../../../server/weighting/margins.js';
import { EMAILS, officerWorld, signIn } from '../../helpers/officer-world.js';
import { findSurvey, findWave } from '../../../server/surveys/surveys.js';

// The production app (createApp) with one officer of each role.
const world = await officerWorld();
afterAll(() => world.cleanup());
const { app, store } = world;
const { population, responses, weightingRuns } = tablesOf(store.db);
await loadDemoIfEmpty(store);

const PATH = '/api/officer/surveys/resident-safety/waves/2026/weighting';
const waveId = (await findWave(store.db, await findSurvey(store.db, 'resident-safety'), '2026')).id;
const weights = async () =>
  (await store.db.select({ id: responses.id, w: responses.weight }).from(responses).where(eq(responses.waveId, waveId)).orderBy(responses.id)).map((r) => r.w);
const TARGETS = `${PATH}/population-targets`;
const runCount = async () => (await first(store.db.select({ n: sql<number>`count(*)` }).from(weightingRuns).where(eq(weightingRuns.waveId, waveId))))!.n;

function post(body: unknown, headers: Record<string, string> = {}, path = PATH) {
  return app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

describe('weighting panel API', () => {
  it('refuses anonymous callers with 401 (GET and POST)', async () => {
    expect((await app.request(PATH)).status).toBe(401);
    expect((await post({ source: 'population' })).status).toBe(401);
  });

  it('lets a viewer see the latest run but not run weighting (403)', async () => {
    const viewer = await signIn(app, EMAILS.viewer);
    const res = await app.request(PATH, { headers: viewer.headers });
    expect(res.status).toBe(200);
    const latest = (await res.json()) as {
      method: string;
      diagnostics: { nEffective: number };
      createdAt: string;
      margins: { margins: { variable: string }[] };
    };
    // The demo raked the wave on sex, age band and ward.
    expect(latest.method).toBe('raking');
    expect(latest.margins.margins.map((m) => m.variable)).toEqual(['sex', 'age_band', 'ward']);
    expect(latest.diagnostics.nEffective).toBeGreaterThan(0);
    expect(latest.createdAt).toMatch(/^\d{4}-/);
    const before = await weights();
    const refused = await post({ source: 'population', unmatched: 'exclude' }, viewer.headers);
    expect(refused.status).toBe(403);
    expect(await weights()).toEqual(before);
  });

  it('answers null for a wave that was never weighted', async () => {
    const viewer = await signIn(app, EMAILS.viewer);
    const res = await app.request('/api/officer/surveys/youth-safety/waves/2026/weighting', { headers: viewer.headers });
    expect(res.status).toBe(200);
    expect(await res.json()).toBeNull();
  });

  it("weights an analyst's wave to the population: new weights stored, diagnostics returned, audited", async () => {
    const analyst = await signIn(app, EMAILS.analyst);
    // Start from different weights so the run visibly changes them.
    await world.sql.run('UPDATE responses SET weight = 1 WHERE wave_id = ?', waveId);
    const runs = await runCount();
    const res = await post({ source: 'population', unmatched: 'exclude', trimUpper: 5 }, analyst.headers);
    expect(res.status).toBe(200);
    const r = (await res.json()) as WeightingRunResponse;
    expect(r.method).toBe('raking');
    expect(r.illustrative).toBe(true);
    const stored = await weights();
    const used = stored.filter((w): w is number => w !== null && w > 0);
    expect(used.length).toBe(r.diagnostics.n);
    expect(stored.length - used.length).toBe(r.diagnostics.excluded);
    expect(new Set(used).size).toBeGreaterThan(1);
    expect(r.diagnostics).toMatchObject({ converged: true });
    expect(r.diagnostics.min).toBeCloseTo(Math.min(...used), 9);
    expect(r.diagnostics.max).toBeCloseTo(Math.max(...used), 9);
    // Kish: n_eff = (Σw)² / Σw²; margin of error 1.96·√(0.25/n_eff).
    const sum = used.reduce((a, b) => a + b, 0);
    const nEff = (sum * sum) / used.reduce((a, b) => a + b * b, 0);
    expect(r.diagnostics.nEffective).toBeCloseTo(nEff, 6);
    expect(r.diagnostics.marginOfError).toBeCloseTo(1.96 * Math.sqrt(0.25 / nEff), 9);
    expect(r.diagnostics.ratio).toBeCloseTo(r.diagnostics.max / r.diagnostics.min, 9);
    // Trimmed at 5 × the mean weight, then raked again (which may move a weight slightly past the cap).
    expect(r.diagnostics.max).toBeLessThan(6 * (sum / used.length));
    expect(await runCount()).toBe(runs + 1);
    const entry = (await recentAudit(store, 1))[0];
    expect(entry).toMatchObject({
      action: 'weighting.run',
      email: EMAILS.analyst,
      details: { survey: 'resident-safety', wave: '2026', source: 'population', method: 'raking' },
    });
  });

  it('weights to an uploaded margins file (post-stratification on one variable)', async () => {
    const analyst = await signIn(app, EMAILS.analyst);
    const csv = 'variable,category,target\nsex,female,60000\nsex,male,55000\n';
    const res = await post({ source: 'margins', margins: csv, unmatched: 'exclude' }, analyst.headers);
    expect(res.status).toBe(200);
    const r = (await res.json()) as WeightingRunResponse;
    expect(r.method).toBe('poststratification');
    expect(r.illustrative).toBe(false);
    const used = (await weights()).filter((w): w is number => w !== null && w > 0);
    expect(used.reduce((a, b) => a + b, 0)).toBeCloseTo(115000, 6);
    expect(new Set(used.map((w) => w.toFixed(9))).size).toBe(2);
  });

  it('records uploaded targets marked as made up, so the latest run and the report say they are illustrative', async () => {
    const analyst = await signIn(app, EMAILS.analyst);
    const csv = 'variable,category,target\nsex,female,60000\nsex,male,55000\n';
    const res = await post({ source: 'margins', margins: csv, unmatched: 'exclude', illustrative: true }, analyst.headers);
    expect(res.status).toBe(200);
    expect(((await res.json()) as WeightingRunResponse).illustrative).toBe(true);
    const latest = await (await app.request(PATH, { headers: analyst.headers })).json();
    expect(latest.illustrativeNotice).toMatch(/ILLUSTRATIVE/);
    expect(latest.illustrativeNotice).toBe(ILLUSTRATIVE_TARGETS_NOTICE); // the workbook and committee report say the same
    // Real targets again: the notice goes.
    expect((await post({ source: 'margins', margins: csv, unmatched: 'exclude' }, analyst.headers)).status).toBe(200);
    expect((await (await app.request(PATH, { headers: analyst.headers })).json()).illustrativeNotice).toBeNull();
  });

  it('refuses a bad margins file with 422 naming the line, and changes nothing', async () => {
    const analyst = await signIn(app, EMAILS.analyst);
    const before = await weights();
    const runs = await runCount();
    const res = await post({ source: 'margins', margins: 'variable,category,target\nsex,female,60000\nsex,male,lots\n' }, analyst.headers);
    expect(res.status).toBe(422);
    expect((await res.json()).error).toMatch(/Line 3: the target for sex = male must be a positive number, not 'lots'/);
    expect(await weights()).toEqual(before);
    expect(await runCount()).toBe(runs);
  });

  it('refuses unmatched categories with 422 when unmatched is "error", and changes nothing', async () => {
    const analyst = await signIn(app, EMAILS.analyst);
    const before = await weights();
    const res = await post({ source: 'margins', margins: 'variable,category,target\nsex,female,60000\n' }, analyst.headers);
    expect(res.status).toBe(422);
    expect((await res.json()).error).toMatch(/no weighting target.*male/);
    expect(await weights()).toEqual(before);
  });

  it('refuses malformed requests with 400 and unknown waves with 404', async () => {
    const analyst = await signIn(app, EMAILS.analyst);
    for (const body of [
      {},
      { source: 'census' },
      { source: 'margins' },
      { source: 'population', unmatched: 'keep' },
      { source: 'population', trimUpper: -2 },
      { source: 'population', trimUpper: 0.5 },
      { source: 'population', illustrative: true },
      { source: 'margins', margins: 'x', illustrative: 'yes' },
    ]) {
      const res = await post(body, analyst.headers);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await res.json()).error.length).toBeGreaterThan(10);
    }
    const missing = await post({ source: 'population' }, analyst.headers, '/api/officer/surveys/resident-safety/waves/1999/weighting');
    expect(missing.status).toBe(404);
  });

  it('gives the latest run with the notices its figures need and every diagnostic typed', async () => {
    const viewer = await signIn(app, EMAILS.viewer);
    const latest = await (await app.request(PATH, { headers: viewer.headers })).json();
    // The last run above was to an uploaded (not illustrative) file; the demo responses are synthetic.
    expect(latest.margins.illustrative).toBe(false);
    expect(latest.illustrativeNotice).toBeNull();
    const synthetic = (await first(
      store.db
        .select({ n: sql<number>`count(*)` })
        .from(responses)
        .where(and(eq(responses.waveId, waveId), eq(responses.synthetic, true))),
    ))!.n;
    expect(synthetic).toBeGreaterThan(0);
    expect(latest.syntheticNotice).toBe(`${synthetic} of the responses in this wave are SYNTHETIC demo data (made up), not real survey replies.`);
    expect(latest.diagnostics).toMatchObject({ converged: true, iterations: 0, maxGap: 0, trimmed: 0, trim: null });
    const used = (await weights()).filter((w): w is number => w !== null && w > 0);
    expect(latest.diagnostics.sumWeights).toBeCloseTo(
      used.reduce((a, b) => a + b, 0),
      6,
    );
  });

  it('shows an analyst what the population targets are, how the wave matches them, and the margins as CSV', async () => {
    const analyst = await signIn(app, EMAILS.analyst);
    const res = await app.request(TARGETS, { headers: analyst.headers });
    expect(res.status).toBe(200);
    const t = (await res.json()) as PopulationTargets;
    const cells = (await store.db.select().from(population)).filter((r) => r.sex !== '*' && r.ageBand !== '*');
    expect(t.available).toBe(true);
    expect(t.illustrative).toBe(true);
    expect(t.illustrativeNotice).toMatch(/ILLUSTRATIVE/);
    expect(t.total).toBe(cells.reduce((a, r) => a + r.count, 0));
    expect(t.variables).toEqual([
      { variable: 'sex', categories: new Set(cells.map((r) => r.sex)).size },
      { variable: 'age_band', categories: new Set(cells.map((r) => r.ageBand)).size },
      { variable: 'ward', categories: new Set(cells.map((r) => r.areaCode)).size },
    ]);
    expect(t.notAsked).toEqual([]);
    // Complete responses whose sex, age band or ward has no population cell are the unmatched ones.
    const complete = await store.db
      .select({ answers: responses.answers })
      .from(responses)
      .where(and(eq(responses.waveId, waveId), eq(responses.status, 'complete')));
    const has = (k: 'sex' | 'ageBand' | 'areaCode', v: unknown) => cells.some((r) => r[k] === v);
    const unmatched = complete.filter(({ answers: a }) => !has('sex', a.sex) || !has('ageBand', a.age_band) || !has('areaCode', a.ward));
    expect(t.match).toMatchObject({ respondents: complete.length, unmatched: unmatched.length });
    expect(unmatched.length).toBeGreaterThan(0);
    expect(t.match!.detail).toMatch(/^sex: prefer_not_say \(\d+\)/);
    // The CSV is a margins file the POST accepts, with the same targets.
    const parsed = parseMargins(t.csv);
    expect(parsed.map((m) => m.variable)).toEqual(['sex', 'age_band', 'ward']);
    expect(parsed[2].targets.reduce((a, b) => a + b, 0)).toBe(t.total);
    const female = cells.filter((r) => r.sex === 'female').reduce((a, r) => a + r.count, 0);
    expect(t.csv).toContain(`\nsex,female,${female}\n`);
  });

  it('says which population variables a questionnaire does not ask (youth: no ward, sex or age band)', async () => {
    const analyst = await signIn(app, EMAILS.analyst);
    const t = (await (
      await app.request('/api/officer/surveys/youth-safety/waves/2026/weighting/population-targets', { headers: analyst.headers })
    ).json()) as PopulationTargets;
    expect(t.notAsked).toEqual(['sex', 'age_band', 'ward']);
    expect(t.match!.unmatched).toBe(t.match!.respondents);
  });

  it('keeps the population targets from anonymous callers (401), viewers (403) and unknown waves (404)', async () => {
    expect((await app.request(TARGETS)).status).toBe(401);
    const viewer = await signIn(app, EMAILS.viewer);
    expect((await app.request(TARGETS, { headers: viewer.headers })).status).toBe(403);
    const analyst = await signIn(app, EMAILS.analyst);
    const missing = await app.request('/api/officer/surveys/resident-safety/waves/1999/weighting/population-targets', { headers: analyst.headers });
    expect(missing.status).toBe(404);
    expect((await missing.json()).error).toMatch(/1999/);
  });

  it('needs the CSRF token to run weighting', async () => {
    const analyst = await signIn(app, EMAILS.analyst);
    const res = await post({ source: 'population', unmatched: 'exclude' }, { cookie: analyst.cookie });
    expect(res.status).toBe(403);
  });
});

describe('weighting to the population before any is loaded', () => {
  it('says to import a population, with 422', async () => {
    const analyst = await signIn(app, EMAILS.analyst);
    await world.sql.run('DELETE FROM population');
    const res = await post({ source: 'population', unmatched: 'exclude' }, analyst.headers);
    expect(res.status).toBe(422);
    expect((await res.json()).error).toMatch(/population import/);
    const t = (await (await app.request(TARGETS, { headers: analyst.headers })).json()) as PopulationTargets;
    expect(t).toMatchObject({ available: false, variables: [], match: null, csv: '' });
    expect(t.reason).toMatch(/population import/);
  });
});
