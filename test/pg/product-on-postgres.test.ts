/**
 * The product on PostgreSQL (DATABASE_URL): the same demo content loaded into a throw-away
 * Postgres cluster and into a SQLite file, then the same requests to the real app on each. The
 * seeded demo makes the two stores hold the same rows, so every report must come back the same,
 * and the respondent rules (one return per key, the link cap) must hold on Postgres as on SQLite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteArrivedBefore, storeResponse } from '../../server/responses/queries.js';
import { createLink } from '../../server/links/links.js';
import { loadDemoCrimeIfEmpty, loadDemoIfEmpty } from '../../server/demo/load.js';
import { createApp } from '../../server/http/app.js';
import { openPostgresStore } from '../../server/store/pg/open.js';
import { type PostgresStore, StoreRefused, type Store } from '../../server/store/open.js';
import { tempStore, type TempStore } from '../helpers/store.js';
import { signIn } from '../helpers/officer.js';
import { validResident } from '../helpers/respondent-fixtures.js';
import { type Cluster, startCluster } from './cluster.js';

let cluster: Cluster;
let pg: PostgresStore;
let sqlite: TempStore;
type App = ReturnType<typeof createApp>;
const apps = new Map<string, { app: App; store: Store; headers: Record<string, string> }>();

beforeAll(async () => {
  cluster = await startCluster();
  pg = await openPostgresStore(cluster.url, 'apply');
  sqlite = tempStore();
  for (const [name, store] of [
    ['sqlite', sqlite.store],
    ['postgres', pg],
  ] as const) {
    expect(await loadDemoIfEmpty(store)).toBe(true);
    expect(await loadDemoCrimeIfEmpty(store)).toBe(true);
    const app = createApp({ store, jobs: { workers: 1 } });
    apps.set(name, { app, store, headers: await signIn(app, store, 'analyst') });
  }
}, 240_000);

afterAll(async () => {
  await pg?.close();
  sqlite?.cleanup();
  cluster?.stop();
});

/**
 * Where the two bodies differ, as paths (`$.estimates[3].ci[0]: 0.31 ≠ 0.32`). Numbers agree to
 * 1e-9 (absolute, or relative when larger): rows a query does not order may come in another
 * order, and sums of floating point numbers in another order differ in their last bits. An
 * estimate whose standard error is zero to rounding (a margin the weights were calibrated to)
 * has an effective sample size of rounding noise over rounding noise: that one is not compared.
 */
const near = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
function differences(a: unknown, b: unknown, at = '$', out: string[] = []): string[] {
  if (out.length > 20) return out;
  if (typeof a === 'number' && typeof b === 'number') {
    if (!near(a, b) && !(Number.isNaN(a) && Number.isNaN(b))) out.push(`${at}: ${a} ≠ ${b}`);
  } else if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) out.push(`${at}: ${a.length} items ≠ ${b.length}`);
    else a.forEach((x, i) => differences(x, b[i], `${at}[${i}]`, out));
  } else if (a && b && typeof a === 'object' && typeof b === 'object') {
    const x = a as Record<string, unknown>;
    const y = b as Record<string, unknown>;
    const zeroSe = [x.se, y.se].every((se) => se === null || (typeof se === 'number' && Math.abs(se) < 1e-9));
    for (const k of new Set([...Object.keys(x), ...Object.keys(y)])) if (!(k === 'nEffective' && zeroSe)) differences(x[k], y[k], `${at}.${k}`, out);
  } else if (a !== b) out.push(`${at}: ${JSON.stringify(a)?.slice(0, 80)} ≠ ${JSON.stringify(b)?.slice(0, 80)}`);
  return out;
}

/** A CSV's numbers with a fraction rounded to 9 significant digits (see `differences`). */
const roundedCsv = (text: string) => text.replace(/-?\d+\.\d+(e-?\d+)?/g, (n) => String(Number(Number(n).toPrecision(9))));

/** GET `path` from the app on each store: the status and the body, as JSON where it is JSON. */
async function both(path: string) {
  const out: Record<string, { status: number; body: unknown }> = {};
  for (const [name, { app, headers }] of apps) {
    const res = await app.request(path, { headers });
    const type = res.headers.get('content-type') ?? '';
    out[name] = { status: res.status, body: type.includes('json') ? await res.json() : await res.text() };
  }
  return out;
}

describe('the product on PostgreSQL', () => {
  it('refuses a database that lacks the migrations, saying to run cli migrate, and changes nothing', async () => {
    const url = cluster.database('empty');
    const refusal = await openPostgresStore(url).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refusal).toBeInstanceOf(StoreRefused);
    expect((refusal as Error).message).toMatch(/is \d+ migrations behind this version \(0000_initial, .*\)\. Run `npm run cli -- migrate`/);
    expect((refusal as Error).message).not.toContain('secret');
    const again = await openPostgresStore(url).catch((e: Error) => e.message);
    expect(again).toBe((refusal as Error).message);
  });

  it.each([
    '/api/officer/surveys/resident-safety/waves/2026/report?detail=full',
    '/api/officer/surveys/resident-safety/waves/2026/report?compareWave=2025&by=ward&detail=full',
    '/api/officer/surveys/youth-safety/waves/2026/report?by=gender&detail=full',
    '/api/officer/surveys/resident-safety/waves/2026/perception',
    '/api/officer/surveys/resident-safety/waves/2026/returns',
    '/api/officer/crime/available',
    '/api/officer/crime/rates?from=2019-01&to=2019-01',
    '/api/officer/crime/months',
    '/api/officer/priorities/2019',
    '/api/officer/surveys',
    '/api/officer/population',
  ])('answers %s the same on both stores', async (path) => {
    const r = await both(path);
    expect(r.sqlite.status, JSON.stringify(r.sqlite.body).slice(0, 300)).toBe(200);
    expect(r.postgres.status, JSON.stringify(r.postgres.body).slice(0, 300)).toBe(200);
    expect(differences(r.sqlite.body, r.postgres.body)).toEqual([]);
  });

  it('answers the CSV export and the committee report the same on both stores', async () => {
    for (const path of [
      '/api/officer/surveys/resident-safety/waves/2026/responses.csv',
      '/api/officer/surveys/resident-safety/waves/2026/committee-report.html?by=sex',
    ]) {
      const r = await both(path);
      expect([r.sqlite.status, r.postgres.status], path).toEqual([200, 200]);
      expect(String(r.postgres.body).length, path).toBeGreaterThan(1000);
      expect(roundedCsv(String(r.postgres.body)), path).toEqual(roundedCsv(String(r.sqlite.body)));
    }
  });

  it('weights a wave, lists the runs and restores the older one, with the same weights on both stores', async () => {
    const base = '/api/officer/surveys/resident-safety/waves/2026/weighting';
    const send = async (path: string, body?: unknown) => {
      const out: Record<string, { status: number; body: unknown }> = {};
      for (const [name, { app, headers }] of apps) {
        const res = await app.request(path, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        out[name] = { status: res.status, body: await res.json() };
      }
      return out;
    };
    const weighted = await send(base, { source: 'population', unmatched: 'impute', trimUpper: 4 });
    expect([weighted.sqlite.status, weighted.postgres.status], JSON.stringify(weighted.postgres.body).slice(0, 300)).toEqual([200, 200]);
    expect(differences(weighted.sqlite.body, weighted.postgres.body)).toEqual([]);
    const runs = await both(`${base}/runs`);
    // When each run was made differs by the time between the two requests; everything else agrees.
    const undated = (list: unknown) =>
      (list as { createdAt: string }[]).map(({ createdAt, ...rest }) => (expect(createdAt).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z$/), rest));
    expect(differences(undated(runs.sqlite.body), undated(runs.postgres.body))).toEqual([]);
    const older = (runs.postgres.body as { id: number }[]).at(-1)!.id;
    const restored = await send(`${base}/runs/${older}/restore`);
    expect([restored.sqlite.status, restored.postgres.status], JSON.stringify(restored.postgres.body).slice(0, 300)).toEqual([200, 200]);
    // Its message names the run by when it was made, which may fall in another minute on each store.
    const untimed = (body: unknown) => JSON.parse(JSON.stringify(body).replace(/ at \d\d:\d\d\b/g, ' at HH:MM'));
    expect(JSON.stringify(restored.postgres.body)).toMatch(/ at \d\d:\d\d\b/);
    expect(differences(untimed(restored.sqlite.body), untimed(restored.postgres.body))).toEqual([]);
    // The weights themselves, response by response.
    const sqliteWeights = sqlite.store.sqlite.prepare('SELECT id, weight FROM responses WHERE wave_id = 2 ORDER BY id').all() as {
      id: number;
      weight: number | null;
    }[];
    const pgWeights = (await pg.pool.query('SELECT id, weight FROM responses WHERE wave_id = 2 AND id <= $1 ORDER BY id', [sqliteWeights.at(-1)!.id])).rows;
    expect(pgWeights.length).toBe(sqliteWeights.length);
    expect(differences(sqliteWeights, pgWeights)).toEqual([]);
    // As many weighted as the restored run weighted (its n in the list of runs).
    const olderRun = (runs.postgres.body as { id: number; n: number }[]).at(-1)!;
    expect(sqliteWeights.filter((r) => r.weight !== null && r.weight > 0).length).toBe(olderRun.n);
  }, 120_000);

  it('deletes the returns that arrived before a date (the retention sweep), wave by wave, the same on both stores', async () => {
    const surveyId = (await pg.pool.query("SELECT id FROM surveys WHERE slug = 'youth-safety'")).rows[0].id as number;
    const before = '2026-10-19T00:00:00.000Z';
    const due = (
      sqlite.store.sqlite
        .prepare('SELECT count(*) AS n FROM responses r JOIN waves w ON w.id = r.wave_id WHERE w.survey_id = ? AND r.created_at < ?')
        .get(surveyId, before) as { n: number }
    ).n;
    const fromSqlite = await deleteArrivedBefore(sqlite.store, surveyId, before);
    const fromPg = await deleteArrivedBefore(pg, surveyId, before);
    expect(fromPg).toEqual(fromSqlite);
    expect(fromPg.reduce((t, w) => t + w.deleted, 0)).toBe(due);
    const left = async (store: 'sqlite' | 'postgres') =>
      store === 'sqlite'
        ? (
            sqlite.store.sqlite.prepare('SELECT count(*) AS n FROM responses WHERE wave_id = ? AND created_at < ?').get(fromPg[0].waveId, before) as {
              n: number;
            }
          ).n
        : (await pg.pool.query('SELECT count(*)::int AS n FROM responses WHERE wave_id = $1 AND created_at < $2', [fromPg[0].waveId, before])).rows[0].n;
    expect([await left('sqlite'), await left('postgres')]).toEqual([0, 0]);
  });
  it('stores a web return once per key, and answers a retry with the same id', async () => {
    const { app } = apps.get('postgres')!;
    const post = (key: string) =>
      app.request('/api/surveys/resident-safety/responses', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ answers: validResident(), idempotencyKey: key }),
      });
    const first = await post('pg-key-000000001');
    expect(first.status).toBe(201);
    const { id, publicId } = (await first.json()) as { id: number; publicId: string };
    // Concurrent retries of the one key: all answered with the same return, one row stored.
    const retries = await Promise.all(Array.from({ length: 8 }, () => post('pg-key-000000001')));
    expect(retries.map((r) => r.status)).toEqual(Array(8).fill(200));
    for (const r of retries) expect(await r.json()).toEqual({ id, publicId, duplicate: true });
    const stored = await pg.pool.query("SELECT count(*)::int AS n, min(answers::text) AS answers FROM responses WHERE idempotency_key = 'pg-key-000000001'");
    expect(stored.rows[0].n).toBe(1);
    expect(JSON.parse(stored.rows[0].answers)).toEqual(validResident());
  });

  it('never lets concurrent returns through a link overshoot its cap', async () => {
    const link = await createLink(pg.db, { slug: 'resident-safety', wave: '2026', label: 'Capped (test)', max: 3 });
    const row = (i: number) => ({ waveId: link.waveId, linkId: link.id, answers: validResident(), surveyVersion: 1, idempotencyKey: `cap-${i}-0000000` });
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => storeResponse(pg, row(i), 3)));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(3);
    expect(outcomes.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason.status)).toEqual(Array(7).fill(410));
    const stored = await pg.pool.query('SELECT count(*)::int AS n FROM responses WHERE link_id = $1', [link.id]);
    expect(stored.rows[0].n).toBe(3);
  });
});
