/**
 * `cli store copy --to postgres://… --into slug`: a district's SQLite store (the product's demo:
 * made-up replies, an illustrative population, two weighting runs, the bundled police.uk month)
 * moved into one partnership of a shared Postgres database that already holds another
 * partnership (made-up wards and survey) and an officer the district also has. The copy is
 * checked by the command itself (counts and hashes); here, the same officer's results read from
 * Postgres are the district's own, the other partnership sees none of them, and a second copy or a
 * clashing one is refused with nothing written.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfficer } from '../../server/accounts/officers.js';
import { loadDemoCrimeIfEmpty, loadDemoIfEmpty } from '../../server/demo/load.js';
import { createApp } from '../../server/http/app.js';
import { createPartnership } from '../../server/partnerships/partnerships.js';
import { queryRows } from '../../server/store/dialect.js';
import { openStore, type PostgresStore, type SqliteStore } from '../../server/store/open.js';
import { inPartnership } from '../../server/store/partnership-scope.js';
import { openPostgresStore } from '../../server/store/pg/open.js';
import { addSurvey } from '../../server/surveys/manage.js';
import { loadBundledSurveys } from '../../surveys/metadata.js';
import { NORTH_LOOKUP } from '../helpers/partnership-isolation.js';
import { runCli } from '../server/cli/run-cli.js';
import { type Cluster, startCluster } from './cluster.js';

const PASSWORD = 'correct horse battery staple';
const dir = mkdtempSync(join(tmpdir(), 'csp-pginto-'));
let cluster: Cluster;
let district: SqliteStore;
let shared: PostgresStore;

interface Summary {
  partnership: { slug: string; name: string; created: boolean };
  tables: { name: string; rows: number; targetRows: number; match: boolean }[];
  crimeAlreadyThere: number;
  ok: boolean;
}

beforeAll(async () => {
  cluster = await startCluster();
  shared = await openPostgresStore(cluster.url, 'apply');
  // The shared database: a partnership of made-up wards with a survey, and an officer of the county's.
  const north = await createPartnership(shared, { slug: 'north', name: 'North test partnership (made up)', lookupCsv: NORTH_LOOKUP });
  const youth = loadBundledSurveys().find((b) => b.slug === 'youth-safety')!;
  await inPartnership(north.id, async () => {
    await addSurvey(shared.db, { slug: 'north-youth', definition: youth.definition, metadata: youth.metadata as never, audience: 'youth' });
    await createOfficer(shared.db, { email: 'admin@north.invalid', password: PASSWORD, role: 'admin' });
    await createOfficer(shared.db, { email: 'shared@county.invalid', password: PASSWORD, role: 'viewer' });
  });
  // The district: the demo, its analyst, and the county officer (a different password there).
  district = openStore(dir);
  await loadDemoIfEmpty(district);
  await loadDemoCrimeIfEmpty(district);
  await createOfficer(district.db, { email: 'analyst@district.invalid', password: PASSWORD, role: 'analyst' });
  await createOfficer(district.db, { email: 'shared@county.invalid', password: 'another long passphrase here', role: 'analyst' });
}, 240_000);

afterAll(async () => {
  district?.close();
  await shared?.close();
  cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function signIn(app: ReturnType<typeof createApp>, email: string) {
  const res = await app.request('/api/officer/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  expect(res.status).toBe(200);
  return {
    cookie: res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; '),
  };
}

const count = async (sql: string, params: unknown[] = []) => Number((await queryRows<{ n: number }>(shared, sql, params))[0]!.n);

describe('cli store copy --into a partnership', { timeout: 180_000 }, () => {
  it('copies the district into a new partnership, every table checked, beside the partnership already there', async () => {
    const r = await runCli(dir, ['store', 'copy', '--to', cluster.url, '--into', 'district', '--name', 'District test partnership (made up)']);
    expect(r.stderr).toMatch(/copied responses: 4,900 rows, same rows and content/);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout) as Summary;
    expect(summary.ok).toBe(true);
    expect(summary.partnership).toMatchObject({ slug: 'district', name: 'District test partnership (made up)', created: true });
    const rows = Object.fromEntries(summary.tables.map((t) => [t.name, t.rows]));
    // The demo's sizes: 1,800 + 2,200 + 900 replies, 2 school links, 2 weighting runs, 26 wards; the analyst added (the county officer is there already).
    expect(rows).toMatchObject({ responses: 4900, links: 2, weighting_runs: 2, surveys: 2, waves: 3, areas: 26, council_settings: 1, officers: 1 });
    expect(summary.tables.every((t) => t.match && t.rows === t.targetRows)).toBe(true);
    expect(summary.tables.map((t) => t.name)).not.toContain('sessions');
    // The district's crime: all Maidstone's January 2019 rows, in its wards.
    expect(
      await count(
        "SELECT SUM(count) AS n FROM crime WHERE area_code IN (SELECT code FROM areas WHERE partnership_id = (SELECT id FROM partnerships WHERE slug = 'district'))",
      ),
    ).toBe(1588);
    // Weighting runs name the new numbers of their replies.
    const run = (await queryRows<{ weights: string }>(shared, 'SELECT weights::text AS weights FROM weighting_runs ORDER BY id LIMIT 1'))[0]!;
    const ids = (JSON.parse(run.weights) as { ids: number[] }).ids;
    const source = district.sqlite.prepare('SELECT weights FROM weighting_runs ORDER BY id LIMIT 1').get() as { weights: string };
    expect(ids.length).toBe((JSON.parse(source.weights) as { ids: number[] }).ids.length);
    expect(await count(`SELECT count(*) AS n FROM responses WHERE id IN (${ids.join(', ')})`)).toBe(ids.length);
  });

  it("gives the district's officers their results from Postgres, and the other partnership none of them", async () => {
    const app = createApp({ store: shared, jobs: { workers: 1 } });
    const local = createApp({ store: district, jobs: { workers: 1 } });
    {
      const analyst = await signIn(app, 'analyst@district.invalid');
      const slugs = ((await (await app.request('/api/officer/surveys', { headers: analyst })).json()) as { slug: string }[]).map((s) => s.slug);
      expect(slugs).toEqual(['resident-safety', 'youth-safety']);
      const path = '/api/officer/surveys/resident-safety/waves/2026/returns';
      const there = (await (await app.request(path, { headers: analyst })).json()) as { total: number; byWard: { count: number }[] };
      const here = (await (await local.request(path, { headers: await signIn(local, 'analyst@district.invalid') })).json()) as typeof there;
      expect(there.total).toBe(2200);
      expect(there).toEqual(here);
      // The county officer kept their account (the shared database's password) and gained the district's role.
      const county = await signIn(app, 'shared@county.invalid');
      const mine = (await (await app.request('/api/officer/partnerships', { headers: county })).json()) as { partnerships: { slug: string; role: string }[] };
      expect(mine.partnerships.map((p) => [p.slug, p.role])).toEqual([
        ['north', 'viewer'],
        ['district', 'analyst'],
      ]);
      const north = await signIn(app, 'admin@north.invalid');
      const theirs = ((await (await app.request('/api/officer/surveys', { headers: north })).json()) as { slug: string }[]).map((s) => s.slug);
      expect(theirs).toEqual(['north-youth']);
      expect((await app.request(path, { headers: north })).status).toBe(404);
    }
  });

  it('refuses a second copy into the partnership, and one whose survey names are taken, writing nothing', async () => {
    const before = await count('SELECT count(*) AS n FROM responses');
    const again = await runCli(dir, ['store', 'copy', '--to', cluster.url, '--into', 'district']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(
      /The partnership 'district' holds surveys or wards already: a store is copied only into a new or empty partnership\. Nothing was written\./,
    );
    const clash = await runCli(dir, ['store', 'copy', '--to', cluster.url, '--into', 'another']);
    expect(clash.code).toBe(1);
    expect(clash.stderr).toMatch(
      /2 surveys of the store are another partnership's in the target already \(resident-safety, youth-safety\): nothing was written\./,
    );
    expect(await count('SELECT count(*) AS n FROM responses')).toBe(before);
    expect(await count("SELECT count(*) AS n FROM partnerships WHERE slug = 'another'")).toBe(0);
  });
});
