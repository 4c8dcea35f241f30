/**
 * Stores for tests. `tempStore()` is a real SQLite file in a fresh temporary folder, migrated like
 * production: for the tests of what only SQLite has (its file, WAL, backups, power cuts).
 * `testStore()` is the store the integration suite runs on: that SQLite file, or with
 * TEST_STORE=postgres (`npm run test:pg`, vitest.pg.config.ts) a fresh database of the run's
 * throw-away PostgreSQL cluster, copied from one migrated template (test/pg/template-setup.ts).
 * Its `sql` runs the few raw statements tests check rows with, on either store.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { createApp } from '../../server/http/app.js';
import { openStore, type SqliteStore, type Store } from '../../server/store/open.js';
import { openPostgresStore } from '../../server/store/pg/open.js';
import { addSurvey, createWave, setWaveStatus } from '../../server/surveys/manage.js';
import { loadBundledSurveys } from '../../surveys/metadata.js';

export interface TempStore {
  store: SqliteStore;
  dir: string;
  cleanup(): void;
}

export function tempStore(): TempStore {
  const dir = mkdtempSync(join(tmpdir(), 'csp-test-'));
  const store = openStore(dir);
  return {
    store,
    dir,
    cleanup() {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Raw statements with `?` placeholders, the same on both stores (Postgres gets `$1`, `$2`, …). */
export interface Sql {
  all<T = Record<string, unknown>>(statement: string, ...params: unknown[]): Promise<T[]>;
  get<T = Record<string, unknown>>(statement: string, ...params: unknown[]): Promise<T | undefined>;
  /** Runs a change; answers how many rows it changed. */
  run(statement: string, ...params: unknown[]): Promise<number>;
}

export interface TestStore {
  store: Store;
  dir: string;
  sql: Sql;
  cleanup(): Promise<void>;
}

/** `?` → `$n`, outside quoted strings. */
function numbered(statement: string): string {
  let n = 0;
  let quoted = false;
  let out = '';
  for (const ch of statement) {
    if (ch === "'") quoted = !quoted;
    out += ch === '?' && !quoted ? `$${++n}` : ch;
  }
  return out;
}

/** Raw statements on a store: better-sqlite3's prepare, or the Postgres pool (a superuser: not bound by row-level security). */
export function sqlOf(store: Store): Sql {
  if (store.kind === 'sqlite') {
    const db = store.sqlite;
    return {
      all: async <T>(q: string, ...p: unknown[]) => db.prepare(q).all(...p) as T[],
      get: async <T>(q: string, ...p: unknown[]) => db.prepare(q).get(...p) as T | undefined,
      run: async (q: string, ...p: unknown[]) => db.prepare(q).run(...p).changes,
    };
  }
  const pool = store.pool;
  return {
    all: async <T>(q: string, ...p: unknown[]) => (await pool.query(numbered(q), p)).rows as T[],
    get: async <T>(q: string, ...p: unknown[]) => (await pool.query(numbered(q), p)).rows[0] as T | undefined,
    run: async (q: string, ...p: unknown[]) => (await pool.query(numbered(q), p)).rowCount ?? 0,
  };
}

/** Which store the integration suite runs on this time. */
export const TEST_STORE: 'sqlite' | 'postgres' = process.env.TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';

let databases = 0;

/** A fresh database of the run's cluster, copied from the migrated template (no migrations to run). */
async function postgresTestStore(): Promise<TestStore> {
  const { admin, template } = inject('postgresTemplate');
  const name = `t${process.pid}_${++databases}_${Math.random().toString(36).slice(2, 8)}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    // Two files copying the template at the same instant: PostgreSQL refuses the second while the first
    // holds it ("being accessed by other users"); wait and try again.
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
        break;
      } catch (e) {
        if (attempt >= 50 || !/being accessed by other users/.test((e as Error).message)) throw e;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const store = await openPostgresStore(url.toString(), 'refuse');
  const dir = mkdtempSync(join(tmpdir(), 'csp-test-pg-'));
  return {
    store,
    dir,
    sql: sqlOf(store),
    async cleanup() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** The integration suite's store: SQLite, or with TEST_STORE=postgres a fresh Postgres database. */
export async function testStore(): Promise<TestStore> {
  if (TEST_STORE === 'postgres') return postgresTestStore();
  const t = tempStore();
  return { store: t.store, dir: t.dir, sql: sqlOf(t.store), cleanup: async () => t.cleanup() };
}

/** Adds a bundled questionnaire (with its metadata) and opens a wave of it. */
export async function withOpenWave(store: Store, slug: string, wave = '2026') {
  const bundled = loadBundledSurveys().find((b) => b.slug === slug);
  if (!bundled) throw new Error(`no bundled survey ${slug}`);
  await addSurvey(store.db, {
    slug,
    definition: bundled.definition,
    metadata: bundled.metadata as unknown as Record<string, unknown>,
    audience: bundled.metadata.audience,
  });
  await createWave(store.db, slug, wave);
  await setWaveStatus(store.db, slug, wave, 'open');
  return bundled;
}

export function testApp(store: Store) {
  return createApp({ store });
}

/** POST JSON through app.request(), as a browser would. */
export function postJson(app: ReturnType<typeof createApp>, path: string, body: unknown, headers: Record<string, string> = {}) {
  return app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
