/**
 * `cli store copy --to postgres://…` and `cli store verify` against a real throw-away PostgreSQL
 * (./cluster.ts) and a real SQLite file holding the product's own demo (made-up responses, an
 * illustrative population, weighting runs, the bundled police.uk month) plus made-up rows for the
 * tables the demo leaves empty, with awkward values (Unicode, quotes, a blob, a large integer,
 * reals that do not round). Fails, not skips, where PostgreSQL is absent. The tests run in order:
 * the first copies into the cluster, the next ones refuse, verify and change that copy.
 */
import Database from 'better-sqlite3';
import { getTableConfig as pgConfig } from 'drizzle-orm/pg-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoCrimeIfEmpty, loadDemoIfEmpty } from '../../server/demo/load.js';
import { openStore } from '../../server/store/open.js';
import { pgTables } from '../../server/store/pg/tables.js';
import { runCli, runCliProcess } from '../server/cli/run-cli.js';
import { type Cluster, startCluster } from './cluster.js';

const dir = mkdtempSync(join(tmpdir(), 'csp-pgcopy-'));
const file = join(dir, 'survey.sqlite');
let cluster: Cluster | undefined;

/** Made-up rows (marked so) for the tables the demo leaves empty. */
const LOGO = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0x0a, 0x27]);
const BIG_STEP = 2 ** 40 + 3;
function addMadeUpRows(sqlite: Database.Database) {
  sqlite.prepare("INSERT INTO areas (code, name, kind, parent_code) VALUES ('E05999991', 'Ysgol Fach — “made-up” ward ✓', 'ward', NULL)").run();
  sqlite.prepare("INSERT INTO lsoa_ward (lsoa_code, ward_code) VALUES ('E01999991', 'E05999991')").run();
  sqlite
    .prepare(
      "INSERT INTO officers (email, password_hash, role, totp_last_step, created_at) VALUES ('made-up.officer@demo.invalid', 'x', 'admin', ?, '2026-12-02T09:00:00.000Z')",
    )
    .run(BIG_STEP);
  sqlite.prepare("INSERT INTO sessions (id, officer_id, csrf_token, expires_at) VALUES ('s1', 1, 'c1', '2026-12-03T09:00:00.000Z')").run();
  sqlite.prepare("INSERT INTO password_resets (id, officer_id, expires_at) VALUES ('r1', 1, '2026-12-03T09:00:00.000Z')").run();
  sqlite.prepare(`INSERT INTO audit_log (officer_id, action, detail) VALUES (1, 'made-up action', '{"b":1,"a":[0.1,"it''s"]}')`).run();
  sqlite.prepare(`INSERT INTO boundaries (geojson, source, wards) VALUES ('{"type":"FeatureCollection","features":[]}', 'made up', 0)`).run();
  sqlite.prepare("UPDATE council_settings SET logo = ?, logo_type = 'image/png'").run(LOGO);
  sqlite.prepare(`INSERT INTO priority_assessments (year, weights, updated_by, updated_at) VALUES ('2026', '{"harm":7}', 1, '2026-12-02T09:00:00.000Z')`).run();
  sqlite
    .prepare(
      "INSERT INTO priority_scores (year, theme, criterion, score, scored_by, scored_at) VALUES ('2026', 'made-up theme', 'harm', 4, 1, '2026-12-02T09:00:00.000Z')",
    )
    .run();
  // Bound, not written in the SQL: SQLite's own parsing of a literal like 1e-300 is not always the nearest double.
  sqlite.prepare('UPDATE responses SET design_weight = ?, fpc = ? WHERE id = 7').run(0.1 + 0.2, 1e-300);
}

const sqliteCount = (table: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
  } finally {
    db.close();
  }
};

const sqliteVersion = (scope: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT version FROM data_versions WHERE scope = ?').get(scope) as { version: number }).version;
  } finally {
    db.close();
  }
};

async function withPg<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

interface Summary {
  tables: { name: string; rows: number; hash: string; match: boolean; targetRows: number; targetHash: string }[];
  ok: boolean;
}

beforeAll(async () => {
  cluster = await startCluster();
  const store = openStore(dir);
  try {
    await loadDemoIfEmpty(store);
    await loadDemoCrimeIfEmpty(store);
    addMadeUpRows(store.sqlite);
  } finally {
    store.close();
  }
}, 180_000);

afterAll(() => {
  try {
    cluster?.stop();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('cli store copy --to postgres://…', { timeout: 120_000 }, () => {
  it('copies every table, row for row, and says each one matches', async () => {
    const r = await runCli(dir, ['store', 'copy', '--to', cluster!.url]);
    expect(r.stderr).toMatch(/copied responses: 4,900 rows/);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout) as Summary;
    expect(summary.ok).toBe(true);
    expect(summary.tables.map((t) => t.name).sort()).toHaveLength(25);
    for (const t of summary.tables) {
      expect({ name: t.name, rows: t.rows, match: t.match }).toEqual({ name: t.name, rows: sqliteCount(t.name), match: true });
      expect(t.targetHash).toBe(t.hash);
      expect(t.hash).toMatch(/^[0-9a-f]{64}$/);
    }
    // The demo's own sizes: 1,800 + 2,200 + 900 synthetic responses, 2 school links, 2 weighting runs.
    const rows = Object.fromEntries(summary.tables.map((t) => [t.name, t.rows]));
    expect(rows).toMatchObject({ responses: 4900, links: 2, weighting_runs: 2, surveys: 2, waves: 3, officers: 1, council_settings: 1 });

    await withPg(cluster!.url, async (c) => {
      // Values read back directly, beside SQLite's own.
      const src = new Database(file, { readonly: true });
      try {
        const want = src.prepare('SELECT answers, design_weight, synthetic, created_at FROM responses WHERE id = 4321').get() as Record<string, unknown>;
        const got = (await c.query('SELECT answers::text AS answers, design_weight, synthetic, created_at FROM responses WHERE id = 4321')).rows[0];
        expect(got).toEqual({ ...want, synthetic: true });
      } finally {
        src.close();
      }
      expect((await c.query('SELECT design_weight, fpc FROM responses WHERE id = 7')).rows[0]).toEqual({ design_weight: 0.30000000000000004, fpc: 1e-300 });
      expect((await c.query('SELECT logo FROM council_settings')).rows[0].logo).toEqual(LOGO);
      // bigint: read as a number by this product's Postgres driver set-up (server/store/pg/open.ts), exact below 2^53.
      expect((await c.query('SELECT totp_last_step::text AS t FROM officers')).rows[0].t).toBe(String(BIG_STEP));
      expect((await c.query("SELECT name FROM areas WHERE code = 'E05999991'")).rows[0].name).toBe('Ysgol Fach — “made-up” ward ✓');
      expect((await c.query('SELECT detail::text AS d FROM audit_log')).rows[0].d).toBe('{"b":1,"a":[0.1,"it\'s"]}');
      // Sequences continue past the copied ids: a new response gets 4901, and bumps its wave's data version as on SQLite.
      const version = async () => (await c.query("SELECT version::text AS version FROM data_versions WHERE scope = 'wave:1'")).rows[0].version as string;
      // 'rows:1' moves with an erased or changed response, not a new one (drizzle-pg/0009).
      const rowsVersion = async () =>
        (await c.query("SELECT version::text AS version FROM data_versions WHERE scope = 'rows:1'")).rows[0]?.version as string | undefined;
      const copied = await version();
      const rowsCopied = await rowsVersion();
      expect(copied).toBe(String(sqliteVersion('wave:1')));
      const next = await c.query("INSERT INTO responses (wave_id, answers, survey_version) VALUES (1, '{}', 1) RETURNING id");
      expect(next.rows[0].id).toBe(4901);
      expect(await version()).toBe(String(Number(copied) + 1));
      expect(await rowsVersion()).toBe(rowsCopied);
      await c.query('DELETE FROM responses WHERE id = 4901');
      expect(await version()).toBe(String(Number(copied) + 2));
      expect(await rowsVersion()).toBe(String(Number(rowsCopied ?? 0) + 1));
      await c.query("UPDATE data_versions SET version = $1 WHERE scope = 'wave:1'", [copied]);
      if (rowsCopied === undefined) await c.query("DELETE FROM data_versions WHERE scope = 'rows:1'");
      else await c.query("UPDATE data_versions SET version = $1 WHERE scope = 'rows:1'", [rowsCopied]);
    });
  });

  it("migrates the target to the Postgres schema, with the SQLite store's triggers", async () => {
    const { columns, triggers } = await withPg(cluster!.url, async (c) => ({
      columns: (
        await c.query("SELECT table_name || '.' || column_name AS c FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1")
      ).rows.map((r) => r.c as string),
      triggers: (await c.query('SELECT tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1')).rows.map((r) => r.tgname as string),
    }));
    // Migrations generated from the current schema (a schema change without `drizzle-kit generate` fails here).
    expect(columns).toEqual(pgTables.flatMap((t) => pgConfig(t).columns.map((col) => `${pgConfig(t).name}.${col.name}`)).sort());
    const src = new Database(file, { readonly: true });
    try {
      const names = (src.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
      expect(names).toHaveLength(35);
      expect(triggers).toEqual([...names].sort());
    } finally {
      src.close();
    }
  });

  it('refuses a second copy into a database that holds data, and writes nothing', async () => {
    const before = await withPg(cluster!.url, async (c) => (await c.query('SELECT count(*)::int AS n FROM responses')).rows[0].n);
    const r = await runCli(dir, ['store', 'copy', '--to', cluster!.url]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/already holds data \(in .*responses.*\): a store is copied only into an empty database\. Nothing was written\./);
    expect(r.stdout).toBe('');
    expect(before).toBe(4900);
    expect(await withPg(cluster!.url, async (c) => (await c.query('SELECT count(*)::int AS n FROM responses')).rows[0].n)).toBe(4900);
  });

  it('verify finds the copy the same, then finds one changed value', async () => {
    const same = await runCli(dir, ['store', 'verify', '--to', cluster!.url]);
    expect(same.code).toBe(0);
    expect((JSON.parse(same.stdout) as Summary).ok).toBe(true);

    // A column no trigger watches, so only responses differs (a change to answers would bump data_versions too).
    await withPg(cluster!.url, (c) => c.query("UPDATE responses SET locale = 'xx' WHERE id = 2500"));
    const changed = await runCli(dir, ['store', 'verify', '--to', cluster!.url]);
    expect(changed.code).toBe(1);
    const summary = JSON.parse(changed.stdout) as Summary;
    expect(summary.ok).toBe(false);
    expect(summary.tables.filter((t) => !t.match).map((t) => t.name)).toEqual(['responses']);
    const responses = summary.tables.find((t) => t.name === 'responses')!;
    expect({ rows: responses.rows, targetRows: responses.targetRows }).toEqual({ rows: 4900, targetRows: 4900 });
    expect(changed.stderr).toMatch(/Tables that differ: responses\./);
  });

  it('rolls back a copy Postgres refuses part-way, so it can be run again once the row is put right', async () => {
    const url = cluster!.database('second');
    const bad = new Database(file);
    // A NUL inside text: SQLite keeps it, Postgres text cannot hold it.
    bad.prepare("INSERT INTO areas (code, name) VALUES ('E05999992', ?)").run('made-up\u0000ward');
    bad.close();
    try {
      const failed = await runCli(dir, ['store', 'copy', '--to', url]);
      expect(failed.code).toBe(1);
      expect(failed.stderr).toMatch(/Postgres refused a row of areas: .*The copy was rolled back: nothing was written\./);
      const counts = await withPg(
        url,
        async (c) => (await c.query('SELECT (SELECT count(*) FROM areas)::int AS a, (SELECT count(*) FROM surveys)::int AS s')).rows[0],
      );
      expect(counts).toEqual({ a: 0, s: 0 });
    } finally {
      const fix = new Database(file);
      fix.prepare("DELETE FROM areas WHERE code = 'E05999992'").run();
      fix.close();
    }
    const again = await runCli(dir, ['store', 'copy', '--to', url]);
    expect(again.code).toBe(0);
    expect((JSON.parse(again.stdout) as Summary).ok).toBe(true);
    // Through the real entry point: the summary alone on standard output, progress on standard error.
    const checked = await runCliProcess(dir, ['store', 'verify', '--to', url]);
    expect(checked.code).toBe(0);
    expect((JSON.parse(checked.stdout) as Summary).tables.find((t) => t.name === 'responses')).toMatchObject({ rows: 4900, targetRows: 4900, match: true });
    expect(checked.stderr).toMatch(/^checked responses: same rows and content$/m);
  });

  it('explains a wrong or unreachable address', async () => {
    const wrong = await runCli(dir, ['store', 'copy', '--to', 'mysql://localhost/db']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/--to must be a Postgres address starting postgres:\/\//);
    const down = await runCli(dir, ['store', 'copy', '--to', 'postgres://someone:secret@127.0.0.1:1/db']);
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/^Could not connect to the Postgres database at postgres:\/\/someone:\*\*\*\*@127\.0\.0\.1:1\/db: .*Nothing was written\./);
    expect(down.stderr).not.toMatch(/secret/);
  });
});
