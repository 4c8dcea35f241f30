/**
 * Start-up refuses a store it cannot trust, with a message and exit code 1, and never turns it into
 * a fresh install; one server per data folder (server.lock); GET /api/ready says whether the store
 * can take answers. The real server (`tsx server/index.ts`) on temporary folders.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServerProcess } from '../../helpers/server-process.js';
import { testApp, tempStore } from '../../helpers/store.js';

const dirs: string[] = [];
const folder = () => {
  const d = mkdtempSync(join(tmpdir(), 'csp-start-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('start-up refuses a store it cannot trust (exit 1, a message, the file untouched)', () => {
  it('a zero-byte survey.sqlite', async () => {
    const dir = folder();
    const file = join(dir, 'survey.sqlite');
    writeFileSync(file, '');
    const s = startServerProcess(dir);
    expect(await s.exited).toBe(1);
    expect(s.output()).toContain(
      `Not started: The store ${file} is empty (0 bytes): it is not a survey store. Restore it from a backup, or move it out of the data folder to start a fresh install.`,
    );
    expect(statSync(file).size).toBe(0);
  }, 60_000);

  it('a file that is not SQLite (corrupt)', async () => {
    const dir = folder();
    const file = join(dir, 'survey.sqlite');
    const junk = Buffer.alloc(8192, 7);
    writeFileSync(file, junk);
    const s = startServerProcess(dir);
    expect(await s.exited).toBe(1);
    expect(s.output()).toContain(
      `Not started: The store ${file} is damaged (SQLite's integrity check says: file is not a database). Restore it from a backup; nothing was changed.`,
    );
    expect(readFileSync(file).equals(junk)).toBe(true);
  }, 60_000);
});

describe('one server per data folder', () => {
  it('refuses a second server on the same folder, takes over a stale lock, and removes its lock on stopping', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'server.lock'), '999999999\n'); // a pid no process has: a server that crashed
    const first = startServerProcess(dir);
    await expect.poll(() => first.output(), { timeout: 45_000, interval: 200 }).toMatch(/Listening on http/);
    const pid = readFileSync(join(dir, 'server.lock'), 'utf8').trim();
    const second = startServerProcess(dir);
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(
      `Not started: Another server (process ${pid}) is using the data folder ${dir}. Stop it first, or start this one with another DATA_DIR.`,
    );
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(() => statSync(join(dir, 'server.lock'))).toThrow();
  }, 90_000);
});

describe('GET /api/ready', () => {
  const t = tempStore();
  afterAll(() => t.cleanup());
  const app = testApp(t.store);

  it('is 200 when the store is writable, intact and the disk has space', async () => {
    const res = await app.request('/api/ready');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: boolean; checks: Record<string, unknown> };
    expect(body).toMatchObject({ ok: true, checks: { writable: true, integrity: true, minFreeMb: 100 } });
    expect(body).not.toHaveProperty('error');
  });

  it('is 503 with the reason when the disk is below the floor, while /api/health still says alive', async () => {
    process.env.READY_MIN_FREE_MB = String(Number.MAX_SAFE_INTEGER);
    try {
      const res = await app.request('/api/ready');
      expect(res.status).toBe(503);
      const body = (await res.json()) as { ok: boolean; checks: { freeMb: number }; error: string };
      expect(body.ok).toBe(false);
      expect(body.error).toBe(`The disk holding the store has ${body.checks.freeMb} MB free, below ${Number.MAX_SAFE_INTEGER} MB: free some space.`);
      expect((await app.request('/api/health')).status).toBe(200);
    } finally {
      delete process.env.READY_MIN_FREE_MB;
    }
  });

  it('is 503 when the store does not accept writes', async () => {
    const other = tempStore();
    const blocker = other.store.sqlite;
    const app2 = testApp(other.store);
    // Another connection holding the write lock (busy_timeout would wait 5 s; shorten it for the test).
    const Database = (await import('better-sqlite3')).default;
    const holder = new Database(other.store.file);
    holder.exec('BEGIN IMMEDIATE');
    blocker.pragma('busy_timeout = 50');
    try {
      const res = await app2.request('/api/ready');
      expect(res.status).toBe(503);
      expect(((await res.json()) as { error: string }).error).toBe('The store does not accept writes (database is locked).');
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
      other.cleanup();
    }
  });
});
