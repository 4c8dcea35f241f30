/**
 * The priority matrix off the request thread: the real app on a real store with the bundled
 * police.uk month and made-up population, the matrix worked out in the real worker pool. The
 * pool's answer equals the one worked out in this thread; a second call is a cache hit (header
 * x-result-cache) and quick; a new score, a new weight or new population figures make it afresh.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAreas } from '../../../server/areas/areas.js';
import { parsePopulationCsv, replacePopulation } from '../../../server/areas/population.js';
import { importCrimeFiles } from '../../../server/crime/import.js';
import { priorityMatrix } from '../../../server/priorities/matrix.js';
import { EMAILS, officerWorld, signIn } from '../../helpers/officer-world.js';
import { POLICE_UK_FILE } from '../../helpers/police-uk.js';

type World = Awaited<ReturnType<typeof officerWorld>>;
let w: World;
let analyst: Record<string, string>;
let codes: string[];

const population = (count: number) =>
  parsePopulationCsv(['area_code,sex,age_band,count', ...codes.map((c) => `${c},*,*,${count}`)].join('\n'), {
    source: 'made up for tests',
    illustrative: true,
  });

const get = async () => {
  const started = performance.now();
  const res = await w.app.request('/api/officer/priorities/2019', { headers: analyst });
  const ms = performance.now() - started;
  return { status: res.status, cache: res.headers.get('x-result-cache'), body: (await res.json()) as Awaited<ReturnType<typeof priorityMatrix>>, ms };
};
const put = async (path: string, body: unknown) => {
  const res = await w.app.request(`/api/officer/priorities/2019/${path}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', ...analyst },
    body: JSON.stringify(body),
  });
  return { status: res.status, cache: res.headers.get('x-result-cache'), body: (await res.json()) as Awaited<ReturnType<typeof priorityMatrix>> };
};
const burglary = (m: Awaited<ReturnType<typeof priorityMatrix>>) => m.rows.find((r) => r.theme === 'burglary')!;
/** The in-thread matrix, as JSON would carry it (no undefined fields). */
const inThread = async () => JSON.parse(JSON.stringify(await priorityMatrix(w.store, '2019')));

beforeAll(async () => {
  w = await officerWorld();
  await importCrimeFiles(w.store, [POLICE_UK_FILE]);
  await ensureAreas(w.store);
  codes = (await w.sql.all<{ code: string }>("SELECT code FROM areas WHERE kind = 'ward' ORDER BY code")).map((r) => r.code);
  await replacePopulation(w.store, population(5000));
  analyst = (await signIn(w.app, EMAILS.analyst)).headers;
}, 60_000);

afterAll(() => w?.cleanup());

describe('priority matrix in the worker pool, cached', () => {
  it('answers from the pool what the request thread would, then from the cache', async () => {
    const first = await get();
    expect(first.status).toBe(200);
    expect(first.cache).toBe('miss');
    expect(first.body).toEqual(await inThread());
    const second = await get();
    expect(second.cache).toBe('hit');
    expect(second.body).toEqual(first.body);
    expect(second.ms).toBeLessThan(50);
  }, 60_000);

  it('makes the matrix afresh after a new score, a new weight and new population figures', async () => {
    expect((await get()).cache).toBe('hit');
    // The PUT answers with the matrix made afresh in the pool; the next GET finds that one.
    const scored = await put('scores', { theme: 'burglary', scores: { threat: 4 } });
    expect([scored.status, scored.cache]).toEqual([200, 'miss']);
    expect(burglary(scored.body).scores.threat).toBe(4);
    expect(scored.body).toEqual(await inThread());
    expect(await get()).toMatchObject({ cache: 'hit', body: scored.body });
    const rescored = await put('scores', { theme: 'burglary', scores: { threat: 5 } });
    expect(rescored.cache).toBe('miss');
    expect(burglary(rescored.body).scores.threat).toBe(5);

    const weighed = await put('weights', { weights: { harm: 3 } });
    expect(weighed.cache).toBe('miss');
    expect(weighed.body.criteria.find((c) => c.key === 'harm')!.weight).toBe(3);
    expect((await get()).cache).toBe('hit');

    // Twice the residents: the same crimes are half the rate per 1,000 in the evidence.
    const before = burglary(weighed.body).evidence.find((e) => e.startsWith('Volume:'))!;
    await replacePopulation(w.store, population(10_000));
    const moved = await get();
    expect(moved.cache).toBe('miss');
    const after = burglary(moved.body).evidence.find((e) => e.startsWith('Volume:'))!;
    expect(after).not.toBe(before);
    expect(moved.body).toEqual(await inThread());
  }, 120_000);
});
