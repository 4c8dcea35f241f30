/**
 * The attack on the perception ward table, through the production app on the test store (SQLite or Postgres): the
 * demo wave (SYNTHETIC answers) cut down to 12 complete returns in Allington, with the REAL police.uk
 * January 2019 Kent file for the crime side. The borough figure's base minus the shown wards' bases
 * used to give Allington's base exactly; now a second ward is hidden and no hidden base is printed.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { COMPLEMENTARY_REASON, smallBaseReason } from '../../../analysis/disclosure/suppress.js';
import { importCrimeFiles } from '../../../server/crime/import.js';
import { loadDemoIfEmpty } from '../../../server/demo/load.js';
import type { PerceptionReport } from '../../../server/reports/schemas.js';
import type { SurveyReport } from '../../../server/reports/survey-report.js';
import type { WardEstimates } from '../../../server/reports/ward-estimates-schema.js';
import { first, tablesOf } from '../../../server/store/dialect.js';
import { EMAILS, officerWorld, signIn } from '../../helpers/officer-world.js';

const KENT = 'server/demo/police-uk/police-uk-2019-01-kent-street-maidstone.csv';
const ALLINGTON = 'E05004982';
const world = await officerWorld();
afterAll(() => world.cleanup());
const { app, store } = world;
await loadDemoIfEmpty(store);
await importCrimeFiles(store, [KENT]);
const { responses, surveys, waves } = tablesOf(store.db);

const wave = (await first(
  store.db
    .select({ id: waves.id })
    .from(waves)
    .innerJoin(surveys, eq(waves.surveyId, surveys.id))
    .where(and(eq(surveys.slug, 'resident-safety'), eq(waves.name, '2026'))),
))!;
// Keep 12 complete returns in Allington; no partial ones.
const inWard = (
  await store.db
    .select({ id: responses.id, status: responses.status, answers: responses.answers })
    .from(responses)
    .where(eq(responses.waveId, wave.id))
    .orderBy(responses.id)
).filter((r) => r.answers.ward === ALLINGTON);
const kept = inWard.filter((r) => r.status === 'complete').slice(0, 12);
const gone = inWard.filter((r) => !kept.includes(r)).map((r) => r.id);
for (let i = 0; i < gone.length; i += 500) await store.db.delete(responses).where(inArray(responses.id, gone.slice(i, i + 500)));
// Allington's base for worry about burglary: its kept returns that answered (the scale has no "don't know").
const allingtonBase = kept.filter((r) => typeof r.answers.worry_burglary === 'string').length;

const viewer = await signIn(app, EMAILS.viewer);
const get = async <T>(path: string) => {
  const res = await app.request(`/api/officer/surveys/resident-safety/waves/2026${path}`, { headers: viewer.headers });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
};
const perception = await get<PerceptionReport>('/perception?from=2019-01&to=2019-01');
const report = await get<SurveyReport>('/report?detail=full');

describe('the perception ward table, attacked by subtraction', () => {
  const item = perception.items.find((i) => i.question === 'worry_burglary' && i.category === 'worried')!;
  const hidden = item.wards.filter((w) => w.worry.suppressed);

  it('hides the small ward and exactly one more, with no base, estimate or interval', () => {
    expect(allingtonBase).toBeGreaterThan(0);
    expect(allingtonBase).toBeLessThanOrEqual(12);
    const allington = item.wards.find((w) => w.wardCode === ALLINGTON)!;
    expect(allington.worry).toMatchObject({ estimate: null, ci: null, n: null, suppressed: true, reason: `${smallBaseReason(30)}.` });
    expect(hidden).toHaveLength(2);
    const second = hidden.find((w) => w.wardCode !== ALLINGTON)!;
    expect(second.worry).toMatchObject({ estimate: null, ci: null, n: null, suppressed: true, reason: `${COMPLEMENTARY_REASON}.` });
    // The second is the ward with the smallest base of those shown before (every shown ward's base is at least its).
    for (const w of item.wards.filter((x) => !x.worry.suppressed)) expect(w.worry.n!).toBeGreaterThanOrEqual(30);
  });

  it('gives no hidden base from the borough figure minus the shown wards', () => {
    const borough = report.estimates.find((e) => e.group === null && e.question === 'worry_burglary' && e.category === 'worried')!;
    const shown = item.wards.filter((w) => !w.worry.suppressed).reduce((s, w) => s + w.worry.n!, 0);
    const remainder = borough.n! - shown;
    // Allington together with the second hidden ward (and any reply naming no ward): never Allington alone.
    expect(remainder).not.toBe(allingtonBase);
    expect(remainder).toBeGreaterThanOrEqual(allingtonBase + 30);
    // Nor does any text hold Allington's base.
    for (const w of hidden) expect(w.worry.reason ?? '').not.toMatch(new RegExp(`\\b${allingtonBase}\\b`));
  });

  it('gives the report’s ward breakdown the same two hidden wards, with no base', async () => {
    const byWard = (await get<SurveyReport>('/report?by=ward&detail=full')).estimates.filter(
      (e) => e.question === 'worry_burglary' && e.category === 'worried' && e.group?.variable === 'ward',
    );
    expect(byWard.filter((e) => e.suppressed).map((e) => [e.group!.value, e.n])).toEqual(hidden.map((w) => [w.wardCode, null]));
  });

  it('gives the ward estimates the same two hidden wards: no base, no direct estimate, out of the model', async () => {
    const est = await get<WardEstimates>('/ward-estimates?question=worry_burglary&category=worried');
    const out = est.wards.filter((w) => w.n === null);
    expect(out.map((w) => w.ward)).toEqual(hidden.map((w) => w.wardCode));
    for (const w of out) expect(w).toMatchObject({ direct: null, directSe: null, model: null, modelRmse: null });
    expect(out.map((w) => w.reason)).toEqual(hidden.map((w) => `${w.worry.reason!.replace(/\.$/, '')}: no direct estimate, so the ward is not in the model.`));
    expect(est.wardsInModel).toBe(24);
  });
});
