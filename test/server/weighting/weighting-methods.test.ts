/**
 * On the demo wave (45 respondents preferred not to give their sex): the default keeps them by
 * imputing a weighting cell, and every output says how many; linear / logit calibration with
 * bounds; trimming that says how many weights it left outside its bounds.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { weightCommand } from '../../../server/cli/commands/weight.js';
import { loadDemoIfEmpty } from '../../../server/demo/load.js';
import { committeeReportHtml } from '../../../server/reports/committee/report-html.js';
import { surveyReport } from '../../../server/reports/survey-report.js';
import { first, tablesOf } from '../../../server/store/dialect.js';
import { latestWeightingRun } from '../../../server/weighting/runs.js';
import { EMAILS, officerWorld, signIn } from '../../helpers/officer-world.js';

const world = await officerWorld();
afterAll(() => world.cleanup());
const { app, store } = world;
const { responses, surveys, waves } = tablesOf(store.db);
await loadDemoIfEmpty(store);
const analyst = await signIn(app, EMAILS.analyst);
const PATH = '/api/officer/surveys/resident-safety/waves/2026/weighting';
const SLUG = 'resident-safety';

/** The weight command run to its end (the weights are computed in a worker); a mistake in the flags is thrown at once. */
async function weigh(...args: string[]) {
  const out: string[] = [];
  const code = await weightCommand(['--survey', SLUG, '--wave', '2026', ...args], { store, out: (s) => out.push(s), err: () => {} });
  return Promise.resolve(code).then((c) => ({ code: c, out: out.join('\n') }));
}
const post = (body: unknown) =>
  app.request(PATH, { method: 'POST', headers: { 'content-type': 'application/json', ...analyst.headers }, body: JSON.stringify(body) });

async function completeRows() {
  const wave = (await first(
    store.db
      .select({ id: waves.id })
      .from(waves)
      .innerJoin(surveys, eq(waves.surveyId, surveys.id))
      .where(and(eq(surveys.slug, SLUG), eq(waves.name, '2026'))),
  ))!;
  return await store.db
    .select({ id: responses.id, answers: responses.answers, weight: responses.weight })
    .from(responses)
    .where(and(eq(responses.waveId, wave.id), eq(responses.status, 'complete')))
    .orderBy(responses.id);
}
const sexOf = (a: Record<string, unknown>) => String(a.sex ?? '');

describe('respondents without a weighting category are kept by default', () => {
  it('the CLI default imputes their weighting cell, weights everyone and says how many', async () => {
    const rows = await completeRows();
    const unstated = rows.filter((r) => sexOf(r.answers) === 'prefer_not_say');
    expect(unstated.length).toBe(45);
    const r = await weigh('--from-population');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/imputed a weighting category: sex 45/);
    expect(r.out).toMatch(/placed in the most common category among respondents with the same answers to the other weighting questions/);
    const after = await completeRows();
    expect(after.filter((x) => !(x.weight! > 0))).toEqual([]); // nobody left out
    // Their answers are unchanged.
    expect(after.filter((x) => sexOf(x.answers) === 'prefer_not_say').length).toBe(45);
  });

  it('places each as the rule says: the most common sex among respondents of the same age band and ward', async () => {
    const rows = await completeRows();
    const run = (await latestWeightingRun(store, SLUG, '2026'))!;
    expect(run.margins.unmatched).toBe('impute');
    expect(run.margins.imputed).toEqual({ sex: 45 });
    expect(run.diagnostics.imputed).toEqual({ sex: 45 });
    const sexes = run.margins.margins.find((m) => m.variable === 'sex')!.categories;
    const placed = run.margins.imputedCategories!.sex;
    const known = rows.filter((r) => sexes.includes(sexOf(r.answers)));
    for (const r of rows.filter((x) => sexOf(x.answers) === 'prefer_not_say')) {
      const same = known.filter((k) => k.answers.age_band === r.answers.age_band && k.answers.ward === r.answers.ward);
      const pool = same.length ? same : known;
      const counts = sexes.map((s) => pool.filter((k) => sexOf(k.answers) === s).length);
      const expected = sexes[counts.indexOf(Math.max(...counts))]; // first of the largest: ties by category order
      expect(placed[String(r.id)], `response ${r.id}`).toBe(expected);
    }
  });

  it('the report JSON and the committee report say how many were imputed', async () => {
    const report = await surveyReport(store, { slug: SLUG, wave: '2026' });
    expect(report.weighting.calibration).toMatchObject({ method: 'raking', imputed: { sex: 45 }, converged: true, boundsNotice: null });
    expect(report.n).toBe((await completeRows()).length);
    const html = await committeeReportHtml(store, { slug: SLUG, wave: '2026' });
    expect(html).toMatch(/answer with no population target: 45 for sex\) were kept: for weighting only/);
  });

  it('the API still stops by default ("error") and names them; "impute" keeps them', async () => {
    const refused = await post({ source: 'population' });
    expect(refused.status).toBe(422);
    expect((await refused.json()).error).toMatch(/sex: prefer_not_say \(45\).*--unmatched impute/);
    const res = await post({ source: 'population', unmatched: 'impute' });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.diagnostics.imputed).toEqual({ sex: 45 });
    expect(body.diagnostics.excluded).toBe(0);
  });
});

describe('bounded calibration', () => {
  it('logit calibration within 0.3–3 keeps every g-weight within the bounds, and the report can use it', async () => {
    const res = await post({ source: 'population', unmatched: 'impute', method: 'logit', bounds: [0.3, 3] });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.method).toBe('logit');
    // R on these data: calibrate(d, ~sex + age_band + ward, pop, calfun = "logit", bounds = c(0.3, 3)) converges, g within 0.306–2.986
    expect(body.diagnostics).toMatchObject({ converged: true, bounds: [0.3, 3], outsideBounds: 0, boundsNotice: null });
    expect(body.diagnostics.maxGap).toBeLessThan(1e-6);
    const report = await surveyReport(store, { slug: SLUG, wave: '2026', by: ['sex'] });
    expect(report.weighting.method).toBeUndefined();
    expect(report.weighting.calibration).toMatchObject({ method: 'logit', bounds: [0.3, 3] });
    const html = await committeeReportHtml(store, { slug: SLUG, wave: '2026' });
    expect(html).toMatch(/using logit calibration keeping each weight within 0\.3–3 times its design weight/);
  });

  it('says in English when the bounds cannot be met (R: "Failed to converge"), in the CLI, the run and the report', async () => {
    const r = await weigh('--from-population', '--method', 'linear', '--bounds', '0.95,1.05');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/Calibration did NOT converge/);
    expect(r.out).toMatch(/WARNING: The linear calibration could not keep every weight within 0\.95–1\.05 times its design weight/);
    expect(r.out).toMatch(/Widen the bounds/);
    const run = (await latestWeightingRun(store, SLUG, '2026'))!;
    expect(run.margins.boundsNotice).toMatch(/Failed to converge/);
    const html = await committeeReportHtml(store, { slug: SLUG, wave: '2026' });
    expect(html).toMatch(/could not keep every weight within 0\.95–1\.05/);
  });

  it('refuses (422, nothing stored) logit bounds so tight that its steps run out of range, as R stops', async () => {
    const before = (await latestWeightingRun(store, SLUG, '2026'))!.createdAt;
    const res = await post({ source: 'population', unmatched: 'impute', method: 'logit', bounds: [0.9, 1.1] });
    expect(res.status).toBe(422);
    expect((await res.json()).error).toMatch(/^The logit calibration could not keep every weight within 0\.9–1\.1 .*nothing was stored\..*Widen the bounds/);
    expect((await latestWeightingRun(store, SLUG, '2026'))!.createdAt).toBe(before);
  });

  it('refuses bad method and bounds flags before anything is stored', async () => {
    const before = (await latestWeightingRun(store, SLUG, '2026'))!.createdAt;
    await expect(weigh('--from-population', '--method', 'logit')).rejects.toThrow(/--method logit needs --bounds/);
    await expect(weigh('--from-population', '--method', 'linear', '--bounds', '2,3')).rejects.toThrow(/--bounds must be two numbers L,U/);
    await expect(weigh('--from-population', '--bounds', '0.5,2')).rejects.toThrow(/--bounds is for --method linear or logit/);
    expect((await latestWeightingRun(store, SLUG, '2026'))!.createdAt).toBe(before);
  });
});

describe('trimming says how many weights it left outside its bounds', () => {
  it('one round of 0.6–1.8 × the mean: counts the weights still outside and says what to do', async () => {
    const r = await weigh('--from-population', '--trim-lower', '0.6', '--trim-upper', '1.8');
    const run = (await latestWeightingRun(store, SLUG, '2026'))!;
    const d = run.diagnostics;
    expect(d.trimRounds).toBe(1);
    // Count outside the bounds from the stored weights themselves.
    const w = (await completeRows()).map((x) => x.weight!);
    const mean = w.reduce((a, b) => a + b, 0) / w.length;
    const outside = w.filter((x) => x < 0.6 * mean * (1 - 1e-9) || x > 1.8 * mean * (1 + 1e-9)).length;
    expect(d.outsideBounds).toBe(outside);
    expect(r.out).toContain(`Weights outside the bounds after the final calibration: ${outside}.`);
    if (outside) expect(r.out).toMatch(/--trim-rounds/);
  });

  it('with --trim-rounds keeps trimming and raking until within the bounds, or says it could not', async () => {
    const r = await weigh('--from-population', '--trim-lower', '0.6', '--trim-upper', '1.8', '--trim-rounds', '50');
    const d = (await latestWeightingRun(store, SLUG, '2026'))!.diagnostics;
    const w = (await completeRows()).map((x) => x.weight!);
    const mean = w.reduce((a, b) => a + b, 0) / w.length;
    const outside = w.filter((x) => x < 0.6 * mean * (1 - 1e-9) || x > 1.8 * mean * (1 + 1e-9)).length;
    expect(d.outsideBounds).toBe(outside);
    if (outside === 0) expect(d.boundsNotice).toBeNull();
    else {
      expect(d.trimRounds).toBe(50);
      expect(r.out).toMatch(/still outside .* after 50 rounds of trimming and raking again/);
    }
  });
});
