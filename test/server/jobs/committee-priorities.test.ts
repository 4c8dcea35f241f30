/**
 * The committee report made in the worker pool prints the year's priority ranking: the real jobs
 * service (server/jobs/) on the test store (SQLite or Postgres) holding the MADE-UP borough of
 * test/helpers/worry-borough.ts, scores saved through the real priorities service. The ranking the
 * worker reads from its own read-only connection equals the one worked out on the request thread for
 * the same scores and weights (and the ranks and scores worked out by hand below); a score saved
 * afterwards makes a new report (the cached copy is not served again), and so do new population
 * figures (the evidence's rates per 1,000) and answers to the wave before (the evidence's change in
 * worry, read from a wave the report itself is not about), in HTML and in Word.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePopulationCsv, replacePopulation } from '../../../server/areas/population.js';
import { readZip } from '../../../server/formats/zip.js';
import { createJobs, type Jobs } from '../../../server/jobs/jobs.js';
import { priorityRanking, saveCriteriaWeights, saveThemeScores } from '../../../server/priorities/matrix.js';
import { type DownloadKind, makeDownload } from '../../../server/reports/downloads.js';
import { insertResponses } from '../../../server/responses/queries.js';
import { findSurvey, findWave } from '../../../server/surveys/surveys.js';
import { type TestStore, testStore } from '../../helpers/store.js';
import { populationCsv, WARDS, WORRY_SLUG, worryBorough } from '../../helpers/worry-borough.js';

let t: TestStore;
let jobs: Jobs;
const opts = { slug: WORRY_SLUG, wave: '2019' };
const call = () => ({ now: new Date(), by: null });
const all = (s: number[]) => ({ threat: s[0], risk: s[1], harm: s[2], vulnerability: s[3], capacity: s[4] });

const text = (body: string | Uint8Array) => (typeof body === 'string' ? body : new TextDecoder().decode(body));
const prioritiesOf = (html: string) => html.match(/<section aria-labelledby="priorities">.*?<\/section>/s)?.[0] ?? null;
/** The Priorities table's rows as [rank, theme, score], in the order printed. */
const rankedRows = (section: string) =>
  [...section.matchAll(/<tr><td>([^<]*)<\/td><th scope="row">([^<]*)<\/th><td>([^<]*)<\/td>/g)].map((m) => [m[1], m[2], m[3]]);

/** The report's HTML made in the pool, and the same report made on this thread with the ranking read here. */
async function both(kind: DownloadKind = 'committee-report') {
  const viaPool = await jobs.download(null, kind, opts);
  const inThread = await makeDownload(t.store, kind, { ...opts, priorities: await priorityRanking(t.store, '2019') });
  return { viaPool, inThread };
}

beforeAll(async () => {
  t = await testStore();
  await worryBorough(t.store, t.dir);
  jobs = createJobs(t.store, { workers: 1 });
}, 120_000);

afterAll(async () => {
  await jobs?.close();
  await t?.cleanup();
});

describe('the committee report from the worker pool', () => {
  it('prints no Priorities section while the year has no saved assessment', { timeout: 120_000 }, async () => {
    expect(await priorityRanking(t.store, '2019')).toBeNull();
    const { viaPool } = await both();
    expect(prioritiesOf(text(viaPool.body))).toBeNull();
    // Every reply of the made-up wave came on one day: said once, not as "between" a day and itself.
    expect(text(viaPool.body)).toContain('Complete replies arrived on 2 December 2019.');
  });

  it('prints the ranking the request thread works out, as worked out by hand', { timeout: 120_000 }, async () => {
    // Vehicle crime 5,5,5,5,5 → 25 / 5 = 5.0; burglary 4,4,5,3,2 → 18 / 5 = 3.6 (all weights 1).
    await saveThemeScores(t.store, '2019', { theme: 'burglary', scores: all([4, 4, 5, 3, 2]) }, call());
    await saveThemeScores(t.store, '2019', { theme: 'vehicle-crime', scores: all([5, 5, 5, 5, 5]) }, call());
    const { viaPool, inThread } = await both();
    const section = prioritiesOf(text(viaPool.body))!;
    expect(section).toBe(prioritiesOf(text(inThread.body)));
    expect(rankedRows(section)).toEqual([
      ['1', 'Vehicle crime', '5.0'],
      ['2', 'Burglary', '3.6'],
    ]);
    expect(section).toContain(
      '<p>Not scored yet: Anti-social behaviour, Bicycle theft, Criminal damage and arson, Drugs, Other crime, Other theft, Possession of weapons, Public order, Robbery, Shoplifting, Theft from the person, Violence and sexual offences.</p>',
    );
    // The evidence beside the theme is the matrix's own (see test/server/priorities/priorities-evidence.test.ts).
    expect(section).toContain('Volume: 36 recorded in January 2019 to December 2019, 1.38 per 1,000 residents over the period.');
    // Asked again with nothing changed: the copy made before.
    expect((await jobs.download(null, 'committee-report', opts)).body).toBe(viaPool.body);
  });

  it('makes the report afresh after a score or a weight is saved', { timeout: 120_000 }, async () => {
    const before = await jobs.download(null, 'committee-report', opts);
    // Burglary 5,5,5,5,5 → 5.0: it now shares rank 1 with vehicle crime (in label order).
    await saveThemeScores(t.store, '2019', { theme: 'burglary', scores: all([5, 5, 5, 5, 5]) }, call());
    let { viaPool, inThread } = await both();
    expect(viaPool.body).not.toBe(before.body);
    let section = prioritiesOf(text(viaPool.body))!;
    expect(section).toBe(prioritiesOf(text(inThread.body)));
    expect(rankedRows(section).slice(0, 2)).toEqual([
      ['1', 'Burglary', '5.0'],
      ['1', 'Vehicle crime', '5.0'],
    ]);

    // Vehicle crime scored 1 on threat: with threat weighted 4 (Σw = 8) it is (4 × 1 + 20) / 8 = 3.0.
    await saveThemeScores(t.store, '2019', { theme: 'vehicle-crime', scores: { threat: 1 } }, call());
    await saveCriteriaWeights(t.store, '2019', { weights: { threat: 4 } }, call());
    ({ viaPool, inThread } = await both());
    section = prioritiesOf(text(viaPool.body))!;
    expect(section).toBe(prioritiesOf(text(inThread.body)));
    expect(section).toContain('<th scope="col">Threat (weight 4)</th>');
    expect(rankedRows(section).slice(0, 2)).toEqual([
      ['1', 'Burglary', '5.0'],
      ['2', 'Vehicle crime', '3.0'],
    ]);
  });

  it('makes the report afresh when the population figures behind the evidence change', { timeout: 120_000 }, async () => {
    const before = prioritiesOf(text((await jobs.download(null, 'committee-report', opts)).body))!;
    expect(before).toContain('36 recorded in January 2019 to December 2019, 1.38 per 1,000 residents');
    // 2,000 residents a ward (52,000): 1,000 × 36 / 52,000 = 0.69 per 1,000.
    await replacePopulation(t.store, parsePopulationCsv(await populationCsv(t.store, 2000), { source: 'made up for tests', illustrative: true }));
    const { viaPool, inThread } = await both();
    const section = prioritiesOf(text(viaPool.body))!;
    expect(section).toBe(prioritiesOf(text(inThread.body)));
    expect(section).toContain('36 recorded in January 2019 to December 2019, 0.69 per 1,000 residents');
  });

  it('makes the report afresh when answers to another wave behind the evidence arrive', { timeout: 120_000 }, async () => {
    const before = prioritiesOf(text((await jobs.download(null, 'committee-report', opts)).body))!;
    expect(before).toContain('Change in worry since wave 2018: up 10 points (from 30%;');
    // 80 more 2018 answers, not worried about burglary: 12 × 8 = 96 worried of 400 = 24%; 40 − 24 = up 16 points.
    const survey = await findSurvey(t.store.db, WORRY_SLUG);
    const wave = await findWave(t.store.db, survey, '2018');
    await insertResponses(
      t.store.db,
      Array.from({ length: 80 }, (_, i) => ({
        waveId: wave.id,
        status: 'complete' as const,
        answers: { ward: WARDS[i % WARDS.length].code, worry_burglary: 'not_very_worried' },
        surveyVersion: survey.version,
        source: 'web' as const,
      })),
    );
    const { viaPool, inThread } = await both();
    const section = prioritiesOf(text(viaPool.body))!;
    expect(section).toBe(prioritiesOf(text(inThread.body)));
    expect(section).toContain('Change in worry since wave 2018: up 16 points (from 24%;');
  });

  it('puts the same ranking in the Word copy', { timeout: 120_000 }, async () => {
    const { viaPool, inThread } = await both('committee-report-docx');
    const xml = (d: { body: string | Uint8Array }) =>
      readZip(Buffer.from(d.body as Uint8Array))
        .get('word/document.xml')!
        .toString('utf8');
    const words = (d: { body: string | Uint8Array }) => [...xml(d).matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]);
    const pool = words(viaPool);
    expect(pool).toEqual(words(inThread));
    const start = pool.indexOf('Threat (weight 4)');
    expect(start).toBeGreaterThan(-1);
    // Threat is the fourth heading; after it risk, harm, vulnerability and capacity, then the first row.
    expect(pool.slice(start + 5, start + 8)).toEqual(['1', 'Burglary', '5.0']);
    expect(pool).toContain('2. Vehicle crime (score 3.0): the evidence');
  });
});
