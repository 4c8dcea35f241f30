/**
 * Row-level security, the second line behind the queries' own partnership checks: the product
 * connected as an ordinary role (not the superuser the tests' cluster is made by, which the rules
 * never bind) passes the whole two-partnership isolation suite, and a raw statement with no
 * partnership condition at all, run in one partnership, still sees only that partnership's rows.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLink } from '../../server/links/links.js';
import { createPartnership } from '../../server/partnerships/partnerships.js';
import { rowsOf } from '../../server/store/dialect.js';
import type { PostgresStore } from '../../server/store/open.js';
import { DEFAULT_PARTNERSHIP, inPartnership } from '../../server/store/partnership-scope.js';
import { openPostgresStore } from '../../server/store/pg/open.js';
import { use } from '../../server/store/transaction.js';
import { isolationSuite, NORTH_LOOKUP } from '../helpers/partnership-isolation.js';
import { withOpenWave } from '../helpers/store.js';
import { type Cluster, startCluster, storeOnCluster } from './cluster.js';

/** A migrated database on a fresh cluster, and the product's store on it as the ordinary role `app`. */
async function asAppRole(cluster: Cluster): Promise<PostgresStore> {
  const owner = await openPostgresStore(cluster.url, 'apply');
  try {
    await owner.pool.query(`CREATE ROLE app LOGIN;
      GRANT ALL ON ALL TABLES IN SCHEMA public TO app;
      GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO app;
      GRANT USAGE ON SCHEMA drizzle TO app;
      GRANT SELECT ON ALL TABLES IN SCHEMA drizzle TO app;`);
  } finally {
    await owner.close();
  }
  const url = new URL(cluster.url);
  url.username = 'app';
  return await openPostgresStore(url.toString(), 'refuse');
}

isolationSuite('PostgreSQL, connected as an ordinary role', () => storeOnCluster(asAppRole));

describe('row-level security', () => {
  let cluster: Cluster;
  let store: PostgresStore;
  let north: number;

  beforeAll(async () => {
    cluster = await startCluster();
    store = await asAppRole(cluster);
    await withOpenWave(store, 'resident-safety', '2026');
    await createLink(store.db, { slug: 'resident-safety', wave: '2026', label: 'Home school' });
    north = (await createPartnership(store, { slug: 'north', name: 'North test partnership (made up)', lookupCsv: NORTH_LOOKUP })).id;
    await inPartnership(north, () => withOpenWave(store, 'youth-safety', '2026'));
  }, 60_000);

  afterAll(async () => {
    await store?.close();
    cluster?.stop();
  });

  /** A raw statement with no partnership condition, run as the caller is (in a partnership or not). */
  const raw = async (text: string) => (await rowsOf<Record<string, unknown>>(await use(store.db), sql.raw(text))).map((r) => Object.values(r).join('|'));

  it('lets a raw statement in a partnership see only its surveys, waves and links (wards, public names, all)', async () => {
    const seen = (id: number) =>
      inPartnership(id, async () => ({
        surveys: await raw('SELECT slug FROM surveys ORDER BY slug'),
        waves: await raw('SELECT w.name FROM waves w ORDER BY w.id'),
        links: await raw('SELECT label FROM links ORDER BY id'),
        wards: (await raw('SELECT code FROM areas ORDER BY code')).length,
      }));
    expect(await seen(north)).toEqual({ surveys: ['youth-safety'], waves: ['2026'], links: [], wards: 2 });
    expect(await seen(DEFAULT_PARTNERSHIP)).toEqual({ surveys: ['resident-safety'], waves: ['2026'], links: ['Home school'], wards: 2 });
    // Outside any partnership (the CLI, respondents' pages): every row.
    expect(await raw('SELECT slug FROM surveys ORDER BY slug')).toEqual(['resident-safety', 'youth-safety']);
  });

  it("lets a raw statement in a partnership see and change only its wards' population figures", async () => {
    const home = 'E05999907';
    await raw(`INSERT INTO areas (code, name, kind, partnership_id) VALUES ('${home}', 'Home test ward (made up)', 'ward', ${DEFAULT_PARTNERSHIP})`);
    // Outside any partnership: a figure of home's ward, of north's, and of a code no partnership's wards hold (home's by the rule).
    await raw(`INSERT INTO population (area_code, sex, age_band, count, source) VALUES
      ('${home}', '*', '*', 100, 'made up'), ('E05999901', '*', '*', 200, 'made up'), ('E05999998', '*', '*', 300, 'made up')`);
    const seen = (id: number) => inPartnership(id, () => raw('SELECT area_code FROM population ORDER BY area_code'));
    expect(await seen(north)).toEqual(['E05999901']);
    expect(await seen(DEFAULT_PARTNERSHIP)).toEqual([home, 'E05999998'].sort());
    expect(await inPartnership(north, () => raw('DELETE FROM population RETURNING area_code'))).toEqual(['E05999901']);
    const refused = await inPartnership(north, () =>
      raw(`INSERT INTO population (area_code, sex, age_band, count, source) VALUES ('${home}', 'female', '*', 1, 'taken')`),
    ).catch((e: Error) => String((e.cause as Error | undefined)?.message ?? e.message));
    expect(refused).toBe('new row violates row-level security policy for table "population"');
    expect(await raw('SELECT area_code, count FROM population ORDER BY area_code')).toEqual([`${home}|100`, 'E05999998|300'].sort());
    await raw('DELETE FROM population');
    await raw(`DELETE FROM areas WHERE code = '${home}'`);
  });

  it("refuses a write into another partnership's rows from inside one", async () => {
    const moved = await inPartnership(north, () => raw("UPDATE surveys SET title = 'taken' WHERE slug = 'resident-safety' RETURNING slug"));
    expect(moved).toEqual([]);
    const refused = await inPartnership(north, () =>
      raw(`INSERT INTO areas (code, name, kind, partnership_id) VALUES ('E05999909', 'Made-up ward', 'ward', ${DEFAULT_PARTNERSHIP})`),
    ).catch((e: Error) => String((e.cause as Error | undefined)?.message ?? e.message));
    expect(refused).toBe('new row violates row-level security policy for table "areas"');
    const renamed = await inPartnership(DEFAULT_PARTNERSHIP, () => raw("UPDATE areas SET name = 'taken' RETURNING code"));
    expect(renamed).toEqual([]);
    expect(await raw("SELECT title FROM surveys WHERE slug = 'resident-safety'")).not.toEqual(['taken']);
  });
});
