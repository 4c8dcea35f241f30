/**
 * `cli migrate` as a release step: it applies the migrations a store lacks and says which, then
 * says "up to date"; with MIGRATE_ON_START=false the real server refuses a store that is behind,
 * naming the command, and starts once it is current. Real SQLite files in temporary folders, the
 * CLI and the server as their own processes.
 */
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServerProcess } from '../../helpers/server-process.js';
import { readSettings } from '../../../server/config.js';
import { root, runCli, runCliProcess } from '../cli/run-cli.js';

const drizzleDir = resolve(root, 'drizzle');
// What this version ships, read from the folder itself (not through our journal reader).
const tags = readdirSync(drizzleDir)
  .filter((f) => f.endsWith('.sql'))
  .map((f) => f.replace(/\.sql$/, ''))
  .sort();
const last = tags[tags.length - 1];

const dirs: string[] = [];
const folder = () => {
  const d = mkdtempSync(join(tmpdir(), 'csp-migrate-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A store made by the previous version: every migration but the newest applied. */
function storeOneBehind(): { dir: string; file: string } {
  return storeAt(tags[tags.length - 2]!);
}

/** A store made by the version whose newest migration was `tag`. */
function storeAt(tag: string): { dir: string; file: string } {
  const older = folder();
  cpSync(drizzleDir, older, { recursive: true });
  const journalFile = join(older, 'meta/_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
  expect(journal.entries.at(-1)!.tag).toBe(last);
  expect(journal.entries.map((e) => e.tag)).toContain(tag);
  while (journal.entries.at(-1)!.tag !== tag) journal.entries.pop();
  writeFileSync(journalFile, JSON.stringify(journal));
  const dir = folder();
  const file = join(dir, 'survey.sqlite');
  const sqlite = new Database(file);
  migrate(drizzle(sqlite), { migrationsFolder: older });
  sqlite.close();
  return { dir, file };
}

function recorded(file: string): number {
  const sqlite = new Database(file, { readonly: true });
  try {
    return (sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n;
  } finally {
    sqlite.close();
  }
}

describe('a store from before partnerships', () => {
  it('migrates into the default partnership: its surveys, wards, priorities, details and officers (with their roles) are all there', async () => {
    const { dir, file } = storeAt('0014_result_cache');
    const sqlite = new Database(file);
    sqlite.exec(`
      INSERT INTO officers (email, password_hash, role) VALUES ('admin@older.invalid', 'x', 'admin'), ('viewer@older.invalid', 'x', 'viewer');
      INSERT INTO council_settings (id, council_name, updated_at) VALUES (1, 'Older Borough Council (made up)', '2026-01-01T00:00:00.000Z');
      INSERT INTO surveys (slug, title, audience, definition) VALUES ('older-survey', 'Older survey (made up)', 'resident', '{}');
      INSERT INTO areas (code, name) VALUES ('E05999977', 'Older ward (made up)');
      INSERT INTO priority_assessments (year, weights, updated_by, updated_at) VALUES ('2025', '{"harm":3}', 1, '2026-01-01T00:00:00.000Z');
      INSERT INTO priority_scores (year, theme, criterion, score, scored_by, scored_at) VALUES ('2025', 'burglary', 'harm', 4, 1, '2026-01-01T00:00:00.000Z');
    `);
    sqlite.close();
    const r = await runCli(dir, ['migrate']);
    expect(r.code).toBe(0);
    const after = new Database(file, { readonly: true });
    try {
      const all = (q: string) => after.prepare(q).all();
      expect(all('SELECT id, slug, name FROM partnerships')).toEqual([{ id: 1, slug: 'default', name: 'Older Borough Council (made up)' }]);
      expect(all('SELECT o.email, r.partnership_id AS p, r.role FROM officer_roles r JOIN officers o ON o.id = r.officer_id ORDER BY o.email')).toEqual([
        { email: 'admin@older.invalid', p: 1, role: 'admin' },
        { email: 'viewer@older.invalid', p: 1, role: 'viewer' },
      ]);
      expect(all('SELECT slug, partnership_id AS p FROM surveys')).toEqual([{ slug: 'older-survey', p: 1 }]);
      expect(all('SELECT code, partnership_id AS p FROM areas')).toEqual([{ code: 'E05999977', p: 1 }]);
      expect(all('SELECT year, weights, partnership_id AS p FROM priority_assessments')).toEqual([{ year: '2025', weights: '{"harm":3}', p: 1 }]);
      expect(all('SELECT year, theme, criterion, score, partnership_id AS p FROM priority_scores')).toEqual([
        { year: '2025', theme: 'burglary', criterion: 'harm', score: 4, p: 1 },
      ]);
      expect(after.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    } finally {
      after.close();
    }
    const list = await runCli(dir, ['partnership', 'list', '--json']);
    expect(JSON.parse(list.stdout)).toEqual([{ id: 1, slug: 'default', name: 'Older Borough Council (made up)', wards: 1, surveys: 1 }]);
  });
});

describe('cli migrate', () => {
  it('migrates a new store, says which migrations it applied, then says it is up to date (as a real process)', async () => {
    expect(tags.length).toBeGreaterThanOrEqual(11); // 0000 … 0010 at the time of writing, and later ones
    const dir = folder();
    const file = join(dir, 'survey.sqlite');
    const first = await runCliProcess(dir, ['migrate']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(`Applied ${tags.length} migrations to ${file}:\n${tags.map((t) => `  ${t}\n`).join('')}`);
    expect(recorded(file)).toBe(tags.length);
    const again = await runCliProcess(dir, ['migrate']);
    expect(again).toEqual({ code: 0, stdout: `The store ${file} is up to date: no migrations to apply.\n`, stderr: '' });
    const json = await runCliProcess(dir, ['migrate', '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ store: file, applied: [], upToDate: true });
    expect(recorded(file)).toBe(tags.length);
  }, 60_000);

  it('applies only what an older store lacks, in JSON with --json', async () => {
    const { dir, file } = storeOneBehind();
    expect(recorded(file)).toBe(tags.length - 1);
    const r = await runCli(dir, ['migrate', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ store: file, applied: [last], upToDate: false });
    expect(recorded(file)).toBe(tags.length);
  });

  it('has --help, and refuses an unknown option with its usage (exit 2)', async () => {
    const dir = folder();
    const help = await runCli(dir, ['migrate', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toBe('Usage:\nmigrate [--json]   (applies the store migrations this version needs; prints which, or "up to date")\n');
    const bad = await runCli(dir, ['migrate', '--force']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("Unknown option '--force'");
    expect(readdirSync(dir)).toEqual([]); // help and a usage mistake create no store
  });

  it('other commands refuse a store that is behind when MIGRATE_ON_START=false, and leave it as it was', async () => {
    const { dir, file } = storeOneBehind();
    const size = statSync(file).size;
    const r = await runCli(dir, ['survey', 'list'], { MIGRATE_ON_START: 'false' });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `The store ${file} is 1 migration behind this version (${last}) and MIGRATE_ON_START is false. Run \`npm run cli -- migrate\` to bring it up to date, then try again.\n`,
    );
    expect(recorded(file)).toBe(tags.length - 1);
    expect(statSync(file).size).toBe(size);
  });
});

describe('MIGRATE_ON_START', () => {
  it('is true unless set to false (or 0); any other word stops the server with a message', () => {
    expect(readSettings({}).migrateOnStart).toBe(true);
    expect(readSettings({ MIGRATE_ON_START: 'FALSE' }).migrateOnStart).toBe(false);
    expect(readSettings({ MIGRATE_ON_START: '0' }).migrateOnStart).toBe(false);
    expect(readSettings({ MIGRATE_ON_START: 'true' }).migrateOnStart).toBe(true);
    expect(() => readSettings({ MIGRATE_ON_START: 'maybe' })).toThrow(
      "MIGRATE_ON_START must be one of true, false, 1, 0 (false: start-up only checks the store is migrated; run `npm run cli -- migrate` as a release step); it is 'maybe'.",
    );
  });

  it('false: the server refuses a store one migration behind, naming the command, then starts once `cli migrate` has run', async () => {
    const { dir, file } = storeOneBehind();
    const refused = startServerProcess(dir, { MIGRATE_ON_START: 'false' });
    expect(await refused.exited).toBe(1);
    expect(refused.output()).toContain(
      `Not started: The store ${file} is 1 migration behind this version (${last}) and MIGRATE_ON_START is false. Run \`npm run cli -- migrate\` to bring it up to date, then try again.`,
    );
    expect(recorded(file)).toBe(tags.length - 1);

    const migrated = await runCliProcess(dir, ['migrate']);
    expect(migrated).toEqual({ code: 0, stdout: `Applied 1 migration to ${file}:\n  ${last}\n`, stderr: '' });

    const s = startServerProcess(dir, { MIGRATE_ON_START: 'false' });
    try {
      await expect.poll(() => s.output(), { timeout: 45_000, interval: 200 }).toMatch(/Listening on http/);
      expect(s.output()).not.toContain('Not started');
    } finally {
      s.child.kill('SIGTERM');
      await s.exited;
    }
  }, 120_000);

  it('default (true): the server migrates a store one migration behind itself, as before', async () => {
    const { dir, file } = storeOneBehind();
    const s = startServerProcess(dir, {});
    try {
      await expect.poll(() => s.output(), { timeout: 45_000, interval: 200 }).toMatch(/Listening on http/);
    } finally {
      s.child.kill('SIGTERM');
      await s.exited;
    }
    expect(recorded(file)).toBe(tags.length);
  }, 120_000);
});
