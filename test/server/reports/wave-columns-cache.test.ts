/**
 * A wave read for analysis is kept while its data are unchanged (server/reports/wave-columns-cache.ts),
 * and read again after any change to its responses, weights or questionnaire: on the test store
 * (SQLite or Postgres) holding the resident questionnaire with two waves of SYNTHETIC replies from
 * the demo's generator, raked to the ILLUSTRATIVE population (made up).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SLUG } from '../../../bench/scale-workload.js';
import { surveyReport } from '../../../server/reports/survey-report.js';
import { keptWaves, setWaveCache } from '../../../server/reports/wave-columns-cache.js';
import { loadWaveColumns } from '../../../server/reports/wave-columns.js';
import { scaleTestStore } from '../../helpers/scale-store.js';
import type { TestStore } from '../../helpers/store.js';

let t: TestStore;
beforeAll(async () => {
  t = await scaleTestStore(1000);
}, 180_000);
// Every wave counts as big enough to keep.
beforeEach(() => setWaveCache({ from: 0 }));
afterAll(async () => {
  setWaveCache({});
  await t.cleanup();
});

const waveId = async (name: string) => (await t.sql.get<{ id: number }>('SELECT id FROM waves WHERE name = ?', name))!.id;

describe('the waves a thread keeps', () => {
  it('answers a second read of an unchanged wave from memory, and the report is the same', async () => {
    const first = await loadWaveColumns(t.store, SLUG, '2026');
    expect(await loadWaveColumns(t.store, SLUG, '2026')).toBe(first);
    // Partial responses in or out are different reads.
    expect(await loadWaveColumns(t.store, SLUG, '2026', { includePartial: true })).not.toBe(first);
    expect(keptWaves()).toBe(2);
    const opts = { slug: SLUG, wave: '2026', by: ['sex', 'ward'], compareWave: '2025' };
    const fromStore = JSON.stringify(await surveyReport(t.store, opts));
    const again = JSON.stringify(await surveyReport(t.store, opts));
    expect(again).toBe(fromStore);
    setWaveCache({ from: 0, bytes: 0 });
    expect(JSON.stringify(await surveyReport(t.store, opts))).toBe(fromStore);
    expect(keptWaves()).toBe(0);
  }, 60_000);

  it('reads the wave again after a response is changed, erased or added, or the weights change', async () => {
    const id = await waveId('2026');
    const before = await loadWaveColumns(t.store, SLUG, '2026');
    const n = before.weights.length;
    const one = (await t.sql.get<{ id: number; answers: string | Record<string, unknown> }>(
      "SELECT id, answers FROM responses WHERE wave_id = ? AND weight > 0 AND status = 'complete' ORDER BY id LIMIT 1",
      id,
    ))!;
    // SQLite gives the JSON as text, Postgres as the object.
    const answers = (typeof one.answers === 'string' ? JSON.parse(one.answers) : one.answers) as Record<string, unknown>;

    // A changed answer.
    await t.sql.run(
      'UPDATE responses SET answers = ? WHERE id = ?',
      JSON.stringify({ ...answers, safe_home: answers.safe_home === 'very_safe' ? 'very_unsafe' : 'very_safe' }),
      one.id,
    );
    const changed = await loadWaveColumns(t.store, SLUG, '2026');
    expect(changed).not.toBe(before);
    // The copy of the data as they were is not kept beside it: it will not be asked for again.
    expect(keptWaves()).toBe(1);
    const code = changed.answers.coded!('safe_home')!;
    // The lowest id of the wave's weighted replies is the first read.
    expect(code.values[code.codes[0]]).toBe(answers.safe_home === 'very_safe' ? 'very_unsafe' : 'very_safe');

    // An erased response.
    await t.sql.run('DELETE FROM responses WHERE id = ?', one.id);
    const erased = await loadWaveColumns(t.store, SLUG, '2026');
    expect(erased.weights.length).toBe(n - 1);
    expect(keptWaves()).toBe(1);

    // A weighting run (here: the last one removed, so the design weights stand).
    await t.sql.run('DELETE FROM weighting_runs WHERE wave_id = ?', id);
    const unweighted = await loadWaveColumns(t.store, SLUG, '2026');
    expect(unweighted).not.toBe(erased);
    expect(unweighted.calibration).toBeUndefined();
    expect(unweighted.weighting).toEqual(expect.objectContaining({ kind: 'design' }));
    expect(await loadWaveColumns(t.store, SLUG, '2026')).toBe(unweighted);
    expect(keptWaves()).toBe(1);
  }, 60_000);
});
