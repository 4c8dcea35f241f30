/** The report endpoint and the weight/report CLI on the test store (SQLite or Postgres) holding the demo. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { and, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportCommand } from '../../../server/cli/commands/report.js';
import { weightCommand } from '../../../server/cli/commands/weight.js';
import { loadDemoIfEmpty } from '../../../server/demo/load.js';
import { surveyReport } from '../../../server/reports/survey-report.js';
import { tablesOf } from '../../../server/store/dialect.js';
import { parseMargins } from '../../../server/weighting/margins.js';
import { runWeighting } from '../../../server/weighting/run.js';
import { type TestStore, testApp, testStore } from '../../helpers/store.js';
import { signIn } from '../../helpers/officer.js';

let t: TestStore;
let app: ReturnType<typeof testApp>;
let viewer: Record<string, string>;
beforeAll(async () => {
  t = await testStore();
  await loadDemoIfEmpty(t.store);
  const a = testApp(t.store);
  viewer = await signIn(a, t.store, 'viewer');
  // Every request below is a signed-in viewer's.
  app = { request: (path: string) => a.request(path, { headers: viewer }) } as unknown as ReturnType<typeof testApp>;
});
afterAll(() => t.cleanup());

/** A command run to its end (the weights and reports are made in a worker, server/jobs/); a mistake in the flags is thrown at once. */
function cli(run: typeof weightCommand, args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = run(args, { store: t.store, out: (s) => out.push(s), err: (s) => err.push(s) });
  return Promise.resolve(code).then((c) => ({ code: c, out: out.join('\n'), err: err.join('\n') }));
}

describe('GET /api/officer/surveys/:slug/waves/:wave/report', () => {
  it('is for signed-in officers only', async () => {
    const res = await testApp(t.store).request('/api/officer/surveys/resident-safety/waves/2026/report');
    expect(res.status).toBe(401);
    expect((await res.json()).error).toMatch(/sign in/i);
  });

  it('returns the weighted report with breakdowns, comparisons and associations', async () => {
    const res = await app.request('/api/officer/surveys/resident-safety/waves/2026/report?by=sex,age_band&detail=full');
    expect(res.status).toBe(200);
    const r = await res.json();
    expect(r.weighting).toMatchObject({ kind: 'calibrated', method: 'raking', illustrativeTargets: true });
    expect(r.syntheticNotice).toMatch(/SYNTHETIC/);
    expect(r.n).toBeGreaterThan(2000);
    expect(r.nEffective).toBeLessThan(r.n);
    expect(r.marginOfError).toBeCloseTo(1.96 * Math.sqrt(0.25 / r.nEffective), 12);
    const overall = r.estimates.find((e: any) => e.question === 'safe_dark_local' && e.category === 'unsafe' && e.group === null);
    expect(overall.estimate).toBeGreaterThan(0);
    expect(overall.ci[0]).toBeLessThan(overall.estimate);
    expect(overall.ci[1]).toBeGreaterThan(overall.estimate);
    // Effective base: the SRS size with the same precision, p(1 − p)/SE², below n after weighting.
    expect(overall.nEffective).toBeCloseTo((overall.estimate * (1 - overall.estimate)) / overall.se ** 2, 6);
    expect(overall.nEffective).toBeLessThan(overall.n);
    const bySex = r.estimates.filter((e: any) => e.question === 'safe_dark_local' && e.category === 'unsafe' && e.group?.variable === 'sex');
    // "Prefer not to say" is left out of the sex question's base, so it is no group of the breakdown
    // (never an empty suppressed row), and no comparison or test uses it.
    expect(bySex.map((e: any) => e.group.value).sort()).toEqual(['female', 'male']);
    expect(r.comparisons.filter((x: any) => x.variable === 'sex' && (x.a === 'prefer_not_say' || x.b === 'prefer_not_say'))).toEqual([]);
    const c = r.comparisons.find(
      (x: any) => x.question === 'safe_dark_local' && x.category === 'unsafe' && x.variable === 'sex' && x.a === 'female' && x.b === 'male',
    );
    expect(c.difference).toBeCloseTo(c.estimateA - c.estimateB, 12);
    expect(c.pAdjusted).toBeGreaterThanOrEqual(c.p);
    const a = r.associations.find((x: any) => x.question === 'safe_dark_local' && x.variable === 'age_band');
    expect(a.F).toBeGreaterThan(0);
    expect(a.ddf).toBeGreaterThan(a.ndf);
  });

  it('serves perception vs reality to officers only, and says what is missing', async () => {
    expect((await testApp(t.store).request('/api/officer/surveys/resident-safety/waves/2026/perception')).status).toBe(401);
    const res = await app.request('/api/officer/surveys/resident-safety/waves/2026/perception');
    expect(res.status).toBe(409);
    expect((await res.json()).error).toMatch(/crime/i);
  });

  it('gives changes from an earlier wave', async () => {
    const r = await (await app.request('/api/officer/surveys/resident-safety/waves/2026/report?compareWave=2025&detail=full')).json();
    const ch = r.changes.find((x: any) => x.question === 'safe_dark_local' && x.category === 'safe');
    expect(ch.from.wave).toBe('2025');
    expect(ch.difference).toBeCloseTo(ch.to.estimate - ch.from.estimate, 12);
  });

  it('does not test changes in what the weighting fixes (both waves raked to the same sex, age and ward figures)', async () => {
    const r = await (await app.request('/api/officer/surveys/resident-safety/waves/2026/report?compareWave=2025&detail=full')).json();
    const weighted = r.changes.filter((x: any) => ['sex', 'age_band', 'ward'].includes(x.question) && !x.suppressed);
    expect(weighted.length).toBeGreaterThan(20);
    for (const ch of weighted) {
      // Same target share in both waves: the estimates agree to rounding and there is nothing to test.
      expect(Math.abs(ch.difference)).toBeLessThan(1e-9);
      expect(ch).toMatchObject({ p: null, pAdjusted: null, se: null, significant: false });
      expect(ch.reason).toMatch(/Set by the weighting in both waves/);
    }
    // An answer nobody gave in either wave has nothing to test, and says so (not "set by the weighting").
    const none = r.changes.find((x: any) => x.question === 'ethnicity' && !x.suppressed && x.from.estimate === 0 && x.to.estimate === 0);
    expect(none).toMatchObject({ p: null, significant: false, reason: expect.stringMatching(/^Nobody \(or everybody\) gave this answer/) });
    // Questions the weighting does not fix are still tested.
    const tested = r.changes.filter((x: any) => x.question === 'safe_dark_local' && x.p !== null);
    expect(tested.length).toBeGreaterThan(3);
  });

  it('refuses unknown breakdowns, CI methods, surveys and waves with a clear message', async () => {
    let res = await app.request('/api/officer/surveys/resident-safety/waves/2026/report?by=shoe_size');
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/'shoe_size' cannot be used as a breakdown: choose from .*age_band/);
    res = await app.request('/api/officer/surveys/resident-safety/waves/2026/report?ci=bayes');
    expect(res.status).toBe(400);
    res = await app.request('/api/officer/surveys/nope/waves/2026/report');
    expect(res.status).toBe(404);
    res = await app.request('/api/officer/surveys/resident-safety/waves/1999/report');
    expect(res.status).toBe(404);
    expect((await res.json()).error).toMatch(/no wave called '1999'/);
  });

  it('uses the requested CI method', async () => {
    const logit = await (await app.request('/api/officer/surveys/resident-safety/waves/2026/report?detail=full')).json();
    const wilson = await (await app.request('/api/officer/surveys/resident-safety/waves/2026/report?ci=wilson&detail=full')).json();
    const pick = (r: any) => r.estimates.find((e: any) => e.question === 'safe_home' && e.category === 'very_unsafe' && e.group === null);
    expect(pick(wilson).estimate).toBe(pick(logit).estimate);
    expect(pick(wilson).ci).not.toEqual(pick(logit).ci);
    expect(wilson.ciMethod).toBe('wilson');
  });
});

describe('weight CLI', () => {
  it('post-stratifies on a joint cell, hits the targets, and gives the same weights when run again', async () => {
    const file = join(t.dir, 'cells.csv');
    const lines = ['variable,category,target'];
    for (const s of ['female', 'male'])
      for (const a of ['18-24', '25-34', '35-44', '45-54', '55-64', '65-74', '75+']) lines.push(`sex:age_band,${s}:${a},${s === 'female' ? 1000 : 900}`);
    writeFileSync(file, lines.join('\n'));
    const first = await cli(weightCommand, ['--survey', 'resident-safety', '--wave', '2025', '--margins', file, '--unmatched', 'exclude']);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/poststratification on sex:age_band/);
    expect(first.out).toMatch(/Effective sample size/);
    expect(first.out).toMatch(/Margin of error/);
    const { responses, waves } = tablesOf(t.store.db);
    const weights = async () =>
      (await t.store.db
        .select({ answers: responses.answers, weight: responses.weight })
        .from(responses)
        .innerJoin(waves, eq(waves.id, responses.waveId))
        .where(and(eq(waves.name, '2025'), isNotNull(responses.weight)))
        .orderBy(responses.id)) as { answers: Record<string, unknown>; weight: number }[];
    const w1 = await weights();
    const femaleYoung = w1.filter((r) => r.answers.sex === 'female' && r.answers.age_band === '18-24');
    expect(femaleYoung.reduce((s, r) => s + r.weight, 0)).toBeCloseTo(1000, 8);
    expect(w1.reduce((s, r) => s + r.weight, 0)).toBeCloseTo(7 * 1900, 6);
    await cli(weightCommand, ['--survey', 'resident-safety', '--wave', '2025', '--margins', file, '--unmatched', 'exclude']);
    expect(await weights()).toEqual(w1);
    // The report now uses these weights and their post-stratification.
    expect((await surveyReport(t.store, { slug: 'resident-safety', wave: '2025' })).weighting).toMatchObject({
      kind: 'calibrated',
      method: 'poststratification',
    });
  });

  it('trims extreme weights and calibrates again', async () => {
    const untrimmed = await cli(weightCommand, ['--survey', 'resident-safety', '--wave', '2025', '--from-population', '--unmatched', 'exclude']);
    expect(untrimmed.code).toBe(0);
    const maxRatio = async () => {
      const w = (
        await t.sql.all<{ weight: number }>("SELECT r.weight FROM responses r JOIN waves w ON w.id = r.wave_id WHERE w.name = '2025' AND r.weight IS NOT NULL")
      ).map((r) => r.weight);
      const mean = w.reduce((a, b) => a + b, 0) / w.length;
      return { max: Math.max(...w) / mean, total: w.reduce((a, b) => a + b, 0) };
    };
    const before = await maxRatio();
    const r = await cli(weightCommand, ['--survey', 'resident-safety', '--wave', '2025', '--from-population', '--unmatched', 'exclude', '--trim-upper', '2']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Trimmed \d+ extreme weights/);
    const after = await maxRatio();
    expect(before.max).toBeGreaterThan(2);
    expect(after.max).toBeLessThan(before.max);
    expect(after.total).toBeCloseTo(before.total, 3); // still calibrated to the population
    await expect(cli(weightCommand, ['--survey', 'resident-safety', '--wave', '2025', '--from-population', '--trim-upper', 'big'])).rejects.toThrow(
      /--trim-upper must be a positive number/,
    );
  });

  it('names respondents without a target, and categories without respondents', async () => {
    const margins = parseMargins('variable,category,target\nsex,female,5000\nsex,male,4800\n');
    await expect(runWeighting(t.store, { slug: 'resident-safety', wave: '2025', margins })).rejects.toThrow(
      /respondents have no weighting target .*sex: prefer_not_say \(\d+\).*--unmatched exclude/,
    );
    const withEmpty = parseMargins('variable,category,target\nsex,female,5000\nsex,male,4800\nsex,prefer_not_say,100\nsex,other,50\n');
    await expect(runWeighting(t.store, { slug: 'resident-safety', wave: '2025', margins: withEmpty })).rejects.toThrow(/other/);
  });

  it('rejects a broken margins file with the line at fault', () => {
    expect(() => parseMargins('variable,category\nsex,female\n')).toThrow(/needs the columns variable,category,target/);
    expect(() => parseMargins('variable,category,target\nsex,female,lots\n')).toThrow(/Line 2: .*positive number/);
    expect(() => parseMargins('variable,category,target\nsex,female,1\nsex,female,2\n')).toThrow(/appears twice/);
  });
});

describe('report CLI', () => {
  it('writes the estimates as CSV with the synthetic notice, and the other tables beside it', async () => {
    const file = join(t.dir, 'report.csv');
    const r = await cli(reportCommand, [
      '--survey',
      'resident-safety',
      '--wave',
      '2026',
      '--by',
      'sex',
      '--compare-wave',
      '2025',
      '--format',
      'csv',
      '--out',
      file,
    ]);
    expect(r.code).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text.split('\n')[0]).toMatch(/SYNTHETIC/);
    expect(text.split('\n')[1]).toMatch(/^question,category,label,net,group_variable/);
    expect(readFileSync(join(t.dir, 'report-comparisons.csv'), 'utf8')).toMatch(/p_adjusted/);
    expect(readFileSync(join(t.dir, 'report-changes.csv'), 'utf8')).toMatch(/from_wave/);
  });

  it('refuses a bad format with the usage', () => {
    expect(() => cli(reportCommand, ['--survey', 'resident-safety', '--wave', '2026', '--format', 'pdf'])).toThrow(/--format must be/);
  });
});

describe('officer routes mounted in the real app', () => {
  it('serves returns and the latest weighting run to a signed-in viewer, and refuses anonymous callers', async () => {
    const a = testApp(t.store);
    expect((await a.request('/api/officer/surveys/resident-safety/waves/2026/returns')).status).toBe(401);
    const returns = await a.request('/api/officer/surveys/resident-safety/waves/2026/returns', { headers: viewer });
    expect(returns.status).toBe(200);
    expect((await returns.json()).total).toBe(2200);
    const weighting = await a.request('/api/officer/surveys/resident-safety/waves/2026/weighting', { headers: viewer });
    expect(weighting.status).toBe(200);
    expect((await weighting.json()).method).toBe('raking');
    // Exports need the export permission: a viewer is refused.
    expect((await a.request('/api/officer/surveys/resident-safety/waves/2026/committee-report.html', { headers: viewer })).status).toBe(403);
    const analyst = await signIn(a, t.store, 'analyst');
    const html = await a.request('/api/officer/surveys/resident-safety/waves/2026/committee-report.html?by=sex', { headers: analyst });
    expect(html.status).toBe(200);
    expect(await html.text()).toMatch(/Margin of error|margin of error/);
    const doc = await (await a.request('/api/openapi.json')).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/officer/surveys/{slug}/waves/{wave}/returns', '/api/officer/surveys/{slug}/waves/{wave}/report']),
    );
  });
});
