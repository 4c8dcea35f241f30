/**
 * A wave kept in memory whose only change is new responses is brought up to date by reading those
 * alone (server/reports/wave-columns.ts), and the report is the one a read of every response gives,
 * to the last digit; any other change, or a reply committed with a smaller id than one read, reads
 * them all again. On the test store (SQLite or Postgres) holding the resident questionnaire with two
 * waves of SYNTHETIC replies from the demo's generator, raked to the ILLUSTRATIVE population (made up).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SLUG } from '../../../bench/scale-workload.js';
import { reportJson, surveyReport } from '../../../server/reports/survey-report.js';
import { setWaveCache } from '../../../server/reports/wave-columns-cache.js';
import { loadWaveColumns, waveReads } from '../../../server/reports/wave-columns.js';
import { scaleTestStore } from '../../helpers/scale-store.js';
import type { TestStore } from '../../helpers/store.js';

let t: TestStore;
beforeAll(async () => {
  t = await scaleTestStore(600);
}, 180_000);
beforeEach(() => setWaveCache({ from: 0 }));
afterAll(async () => {
  setWaveCache({});
  await t.cleanup();
});

const waveId = async (name: string) => (await t.sql.get<{ id: number }>('SELECT id FROM waves WHERE name = ?', name))!.id;
const maxId = async () => (await t.sql.get<{ id: number }>('SELECT max(id) AS id FROM responses'))!.id;

/** A reply like the wave's first complete one, with `change` applied, stored under `id` (by default the next). */
async function addReply(wave: string, change: Record<string, unknown>, id?: number) {
  const wid = await waveId(wave);
  const one = (await t.sql.get<{ answers: string | Record<string, unknown>; survey_version: number }>(
    "SELECT answers, survey_version FROM responses WHERE wave_id = ? AND status = 'complete' ORDER BY id LIMIT 1",
    wid,
  ))!;
  // SQLite gives the JSON as text, Postgres as the object.
  const answers = { ...((typeof one.answers === 'string' ? JSON.parse(one.answers) : one.answers) as Record<string, unknown>), ...change };
  const at = id ?? (await maxId()) + 1;
  await t.sql.run(
    "INSERT INTO responses (id, wave_id, status, answers, survey_version, source, synthetic, design_weight) VALUES (?, ?, 'complete', ?, ?, 'demo', TRUE, 1)",
    at,
    wid,
    JSON.stringify(answers),
    one.survey_version,
  );
  return at;
}

const opts = { slug: SLUG, wave: '2026', by: ['sex', 'ward'], compareWave: '2025' };
/** The report as made from every response read again (nothing kept). */
async function reportReadAfresh() {
  setWaveCache({ from: 0, bytes: 0 });
  const json = reportJson(await surveyReport(t.store, opts), 'full');
  setWaveCache({ from: 0 });
  return json;
}

describe('a wave kept, brought up to date with the responses added since', () => {
  it('in a weighted wave: a new reply has no weight yet, so the wave kept serves as it was, and the report is the same', async () => {
    const first = await loadWaveColumns(t.store, SLUG, '2026');
    const reads = waveReads();
    await addReply('2026', {});
    const after = await loadWaveColumns(t.store, SLUG, '2026');
    expect(waveReads()).toEqual({ all: reads.all, added: reads.added + 1 });
    // The same answers and weights (not read again), the new reply in none of them.
    expect(after.weights).toBe(first.weights);
    expect(after.weighting.kind).toBe('calibrated');
    const kept = reportJson(await surveyReport(t.store, opts), 'full');
    expect(kept).toBe(await reportReadAfresh());
  }, 60_000);

  it('in an unweighted wave: the new replies are coded onto the columns held, a new answer too, as a read of all codes them', async () => {
    await t.sql.run('DELETE FROM weighting_runs WHERE wave_id = ?', await waveId('2026'));
    const first = await loadWaveColumns(t.store, SLUG, '2026');
    expect(first.calibration).toBeUndefined();
    const n = first.weights.length;
    const overallN = (json: string) => JSON.parse(json).estimates.find((e: { question: string; group: unknown }) => e.question === 'safe_home' && !e.group).n;
    const answeredBefore = overallN(reportJson(await surveyReport(t.store, opts), 'full'));
    const reads = waveReads();
    await addReply('2026', { safe_home: 'very_unsafe' });
    // An answer no reply gave before (an age band outside the questionnaire's is still coded, as a read of all does).
    const odd = await addReply('2026', { safe_home: 'very_safe', age_band: 'not_a_band' });
    const after = await loadWaveColumns(t.store, SLUG, '2026');
    expect(waveReads()).toEqual({ all: reads.all, added: reads.added + 1 });
    expect(after.weights.length).toBe(n + 2);
    const code = after.answers.coded!('safe_home')!;
    expect([code.values[code.codes[n]], code.values[code.codes[n + 1]]]).toEqual(['very_unsafe', 'very_safe']);
    const band = after.answers.coded!('age_band')!;
    expect(band.values[band.codes[n + 1]]).toBe('not_a_band');
    // The columns kept before are left as they were.
    expect(first.weights.length).toBe(n);
    expect(first.answers.coded!('age_band')!.values).not.toContain('not_a_band');
    expect(odd).toBe(await maxId());

    const kept = reportJson(await surveyReport(t.store, opts), 'full');
    const fresh = await reportReadAfresh();
    expect(kept).toBe(fresh);
    // Both new replies answered the question.
    expect(overallN(kept)).toBe(answeredBefore + 2);
  }, 60_000);

  it('reads every response again when a reply is committed with a smaller id than one read, or a response changes', async () => {
    const top = (await maxId()) + 100;
    await addReply('2026', {}, top);
    const held = await loadWaveColumns(t.store, SLUG, '2026');
    const n = held.weights.length;
    let reads = waveReads();
    // As Postgres can: an id handed out earlier, committed after a read that saw a greater one.
    await addReply('2026', { safe_home: 'very_unsafe' }, top - 50);
    const after = await loadWaveColumns(t.store, SLUG, '2026');
    expect(waveReads()).toEqual({ all: reads.all + 1, added: reads.added });
    expect(after.weights.length).toBe(n + 1);
    expect(reportJson(await surveyReport(t.store, opts), 'full')).toBe(await reportReadAfresh());

    // A changed response: everything is read again.
    reads = waveReads();
    await t.sql.run('UPDATE responses SET design_weight = 2 WHERE id = ?', top);
    const changed = await loadWaveColumns(t.store, SLUG, '2026');
    expect(waveReads()).toEqual({ all: reads.all + 1, added: reads.added });
    expect(changed.weights[changed.weights.length - 1]).toBe(2);
  }, 60_000);

  it('never adds to a read with the partial responses in (the store orders those by status first)', async () => {
    await loadWaveColumns(t.store, SLUG, '2026', { includePartial: true });
    const reads = waveReads();
    await addReply('2026', {});
    await loadWaveColumns(t.store, SLUG, '2026', { includePartial: true });
    expect(waveReads()).toEqual({ all: reads.all + 1, added: reads.added });
  }, 60_000);
});
