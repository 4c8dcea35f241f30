/** GET /api/officer/surveys/:slug/waves/:wave/returns: live returns by day, ward and school. */
import { and, count, eq, isNotNull, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { COMPLEMENTARY_REASON, SCHOOL_COUNT_THRESHOLD } from '../../../analysis/disclosure/suppress.js';
import { loadDemoIfEmpty } from '../../../server/demo/load.js';
import { first, tablesOf } from '../../../server/store/dialect.js';
import type { ReturnsSummary } from '../../../server/reports/returns.js';
import { createLink } from '../../../server/links/links.js';
import { createWave } from '../../../server/surveys/manage.js';
import { EMAILS, officerWorld, signIn } from '../../helpers/officer-world.js';

// The production app (createApp) with one officer of each role.
const world = await officerWorld();
afterAll(() => world.cleanup());
const { app, store } = world;
await loadDemoIfEmpty(store);
const { links, population, responses, surveys, waves } = tablesOf(store.db);
/** An answer's field, in the store's own SQL. */
const answer = (name: string) =>
  store.kind === 'postgres' ? sql`${responses.answers} ->> ${sql.raw(`'${name}'`)}` : sql`json_extract(${responses.answers}, ${`$.${name}`})`;

const waveOf = async (slug: string, name: string) =>
  (await first(
    store.db
      .select({ id: waves.id, version: surveys.version })
      .from(waves)
      .innerJoin(surveys, eq(waves.surveyId, surveys.id))
      .where(and(eq(surveys.slug, slug), eq(waves.name, name))),
  ))!;

// A third school with 3 returns (2 complete, 1 partial): below the threshold of 10.
const youth = await waveOf('youth-safety', '2026');
const small = await createLink(store.db, { slug: 'youth-safety', wave: '2026', label: 'Tiny Test School' });
await store.db
  .insert(responses)
  .values(
    (['complete', 'complete', 'partial'] as const).map((status) => ({ waveId: youth.id, linkId: small.id, status, answers: {}, surveyVersion: youth.version })),
  );
// And a partial return on the resident wave, to be counted apart from the complete ones.
const resident = await waveOf('resident-safety', '2026');
await store.db.insert(responses).values({ waveId: resident.id, status: 'partial', answers: { ward: 'E05004982' }, surveyVersion: resident.version });

const dbCount = async (...where: Parameters<typeof and>) =>
  (await first(
    store.db
      .select({ n: count() })
      .from(responses)
      .where(and(...where)),
  ))!.n;

async function getReturns(slug: string, wave: string, headers: Record<string, string> = {}) {
  return app.request(`/api/officer/surveys/${slug}/waves/${wave}/returns`, { headers });
}

describe('GET returns', () => {
  it('refuses anonymous callers with 401', async () => {
    expect((await getReturns('resident-safety', '2026')).status).toBe(401);
  });

  it('says which survey or wave does not exist with 404', async () => {
    const viewer = await signIn(app, EMAILS.viewer);
    const res = await getReturns('resident-safety', '1999', viewer.headers);
    expect(res.status).toBe(404);
    expect((await res.json()).error).toMatch(/no wave called '1999'/);
  });

  it('gives a viewer counts equal to the database: total, complete, partial, by day and by ward', async () => {
    const viewer = await signIn(app, EMAILS.viewer);
    const res = await getReturns('resident-safety', '2026', viewer.headers);
    expect(res.status).toBe(200);
    const r = (await res.json()) as ReturnsSummary;
    expect(r.total).toBe(await dbCount(eq(responses.waveId, resident.id)));
    expect(r.complete).toBe(await dbCount(eq(responses.waveId, resident.id), eq(responses.status, 'complete')));
    expect(r.partial).toBe(1);
    expect(r.complete + r.partial).toBe(r.total);
    // By day: adds up to the total, in date order.
    expect(r.byDay.reduce((a, d) => a + d.count, 0)).toBe(r.total);
    expect(r.byDay.map((d) => d.date)).toEqual([...r.byDay.map((d) => d.date)].sort());
    expect(r.byDay[0].date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // By ward: the 26 wards, each count as in the database, shares summing to 1 on both sides.
    expect(r.wardQuestion).toBe('ward');
    expect(r.byWard).toHaveLength(26);
    const allington = r.byWard.find((w) => w.wardCode === 'E05004982')!;
    expect(allington.ward).toBe('Allington');
    expect(allington.count).toBe(await dbCount(eq(responses.waveId, resident.id), sql`${answer('ward')} = 'E05004982'`));
    // Every demo ward has at least 10 returns: none is hidden.
    expect(r.byWard.filter((w) => w.suppressed || w.count === null)).toEqual([]);
    expect(r.byWard.reduce((a, w) => a + w.count!, 0) + r.wardNotGiven).toBe(r.total);
    expect(r.byWard.reduce((a, w) => a + w.share!, 0)).toBeCloseTo(1, 12);
    expect(r.byWard.reduce((a, w) => a + w.populationShare!, 0)).toBeCloseTo(1, 12);
    const popOf = async (code: string) =>
      (await first(
        store.db
          .select({ n: sql<number>`sum(${population.count})` })
          .from(population)
          .where(eq(population.areaCode, code)),
      ))!.n;
    const allPop = (await first(store.db.select({ n: sql<number>`sum(${population.count})` }).from(population)))!.n;
    expect(allington.populationShare).toBeCloseTo((await popOf('E05004982')) / allPop, 12);
    // Made-up data says so.
    expect(r.syntheticNotice).toMatch(/SYNTHETIC/);
    expect(r.illustrativePopulationNotice).toMatch(/ILLUSTRATIVE/);
    expect(r.bySchool).toEqual([]);
  });

  it('suppresses a school with fewer than 10 returns, and one more school so it cannot be derived', async () => {
    const viewer = await signIn(app, EMAILS.viewer);
    const r = (await (await getReturns('youth-safety', '2026', viewer.headers)).json()) as ReturnsSummary;
    expect(r.total).toBe(await dbCount(eq(responses.waveId, youth.id)));
    expect(r.bySchool).toHaveLength(3);
    const tiny = r.bySchool.find((s) => s.label === 'Tiny Test School')!;
    expect(tiny).toEqual({ label: 'Tiny Test School', count: null, suppressed: true, reason: `Fewer than ${SCHOOL_COUNT_THRESHOLD} returns, so hidden` });
    // Complementary suppression: exactly one of the two demo schools (the smaller) is hidden too.
    const demo = r.bySchool.filter((s) => s !== tiny);
    expect(demo.filter((s) => s.suppressed)).toHaveLength(1);
    const hidden = demo.find((s) => s.suppressed)!;
    expect(hidden).toMatchObject({ count: null, reason: COMPLEMENTARY_REASON });
    const shown = demo.find((s) => !s.suppressed)!;
    const linkOf = async (label: string) => (await first(store.db.select({ id: links.id }).from(links).where(eq(links.label, label))))!.id;
    expect(shown.count).toBe(await dbCount(eq(responses.linkId, await linkOf(shown.label))));
    // The attack: the total minus the shown schools used to give the small school's 3 exactly. Now it
    // gives only the two hidden schools together, and no reason text holds a count.
    const hiddenCount = await dbCount(eq(responses.linkId, await linkOf(hidden.label)));
    expect(r.total - shown.count!).toBe(3 + hiddenCount);
    expect(hiddenCount).toBeGreaterThanOrEqual(SCHOOL_COUNT_THRESHOLD);
    for (const s of r.bySchool) expect(s.reason ?? '').not.toMatch(/\b3\b/);
    // Youth answers name the ward in `area`.
    expect(r.wardQuestion).toBe('area');
    expect(r.byWard.reduce((a, w) => a + (w.count ?? 0), 0)).toBe(
      await dbCount(eq(responses.waveId, youth.id), isNotNull(answer('area')), sql`${answer('area')} like 'E05%'`),
    );
    expect(r.syntheticNotice).toMatch(/SYNTHETIC/);
  });

  it('shows every school count once all schools have at least 10 returns', async () => {
    const viewer = await signIn(app, EMAILS.viewer);
    await store.db
      .insert(responses)
      .values(Array.from({ length: SCHOOL_COUNT_THRESHOLD - 3 }, () => ({ waveId: youth.id, linkId: small.id, answers: {}, surveyVersion: youth.version })));
    const r = (await (await getReturns('youth-safety', '2026', viewer.headers)).json()) as ReturnsSummary;
    expect(r.bySchool.every((s) => !s.suppressed && s.reason === null)).toBe(true);
    expect(r.bySchool.find((s) => s.label === 'Tiny Test School')!.count).toBe(SCHOOL_COUNT_THRESHOLD);
  });

  it('hides a ward with fewer than 10 returns and a second ward, so the total minus the shown wards gives no ward', async () => {
    // A made-up wave: 40 returns in Allington, 25 in Barming and Teston, 4 in Bearsted, 3 naming no ward.
    await createWave(store.db, 'resident-safety', '2031');
    const made = await waveOf('resident-safety', '2031');
    const spec: [string | null, number][] = [
      ['E05004982', 40],
      ['E05004983', 25],
      ['E05004984', 4],
      [null, 3],
    ];
    await store.db
      .insert(responses)
      .values(spec.flatMap(([ward, n]) => Array.from({ length: n }, () => ({ waveId: made.id, answers: ward ? { ward } : {}, surveyVersion: made.version }))));
    const viewer = await signIn(app, EMAILS.viewer);
    const r = (await (await getReturns('resident-safety', '2031', viewer.headers)).json()) as ReturnsSummary;
    const ward = (code: string) => r.byWard.find((w) => w.wardCode === code)!;
    expect(r.total).toBe(72);
    expect(r.wardNotGiven).toBe(3);
    expect(ward('E05004982')).toMatchObject({ count: 40, suppressed: false, reason: null });
    expect(ward('E05004984')).toMatchObject({ count: null, share: null, suppressed: true, reason: `Fewer than ${SCHOOL_COUNT_THRESHOLD} returns, so hidden` });
    expect(ward('E05004983')).toMatchObject({ count: null, share: null, suppressed: true, reason: COMPLEMENTARY_REASON });
    // The 23 wards with no returns are shown as 0: an empty ward reveals nothing.
    expect(r.byWard.filter((w) => w.count === 0)).toHaveLength(23);
    // The attack: returns naming a ward minus the shown wards is the two hidden wards together, never Bearsted's 4.
    const shown = r.byWard.reduce((a, w) => a + (w.count ?? 0), 0);
    expect(r.total - r.wardNotGiven - shown).toBe(29);
    for (const w of r.byWard) expect(w.reason ?? '').not.toMatch(/\b4\b/);
  });
});
