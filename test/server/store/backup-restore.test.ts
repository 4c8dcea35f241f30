/**
 * `backup --out` while the real server (`tsx server/index.ts`) runs and takes submissions: the
 * backup opens, passes integrity_check and holds every response acknowledged before it began.
 * `restore --file`: refused while the server holds the folder and for a file that is not a store
 * (nothing changed); once the server has stopped, the store is swapped and the old one kept aside.
 * The CLI runs as its own process.
 */
import Database from 'better-sqlite3';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validResident } from '../../helpers/respondent-fixtures.js';
import { root, runCli, runCliProcess } from '../cli/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'csp-backup-'));
const spare = mkdtempSync(join(tmpdir(), 'csp-backup-out-'));
let server: ChildProcess | undefined;
afterAll(() => {
  if (server && server.exitCode === null) server.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
  rmSync(spare, { recursive: true, force: true });
});

const ids = (file: string): number[] => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT id FROM responses ORDER BY id').all() as { id: number }[]).map((r) => r.id);
  } finally {
    db.close();
  }
};

describe('backup and restore', () => {
  it('backs up while the server takes submissions, and restores only once it has stopped', async () => {
    for (const args of [
      ['survey', 'add', '--file', join(root, 'surveys/resident-safety.survey.json')],
      ['wave', 'create', '--survey', 'resident-safety', '--name', '2026'],
      ['wave', 'open', '--survey', 'resident-safety', '--name', '2026'],
    ]) {
      const r = await runCli(dir, args);
      if (r.code !== 0) throw new Error(r.stderr);
    }
    server = spawn(resolve(root, 'node_modules/.bin/tsx'), ['server/index.ts'], {
      cwd: root,
      env: { ...process.env, DATA_DIR: dir, PORT: '0', DEMO: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    server.stdout!.on('data', (b) => (log += b));
    server.stderr!.on('data', (b) => (log += b));
    const exited = new Promise((r) => server!.on('exit', r));
    await expect.poll(() => log, { timeout: 60_000, interval: 200 }).toMatch(/Listening on http:\/\/localhost:\d+/);
    const port = /Listening on http:\/\/localhost:(\d+)/.exec(log)![1];
    const submit = async () => {
      const res = await fetch(`http://localhost:${port}/api/surveys/resident-safety/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ answers: validResident() }),
      });
      expect(res.status).toBe(201);
      return ((await res.json()) as { id: number }).id;
    };
    const before: number[] = [];
    for (let i = 0; i < 20; i++) before.push(await submit());

    // Submissions keep arriving while the backup is made.
    let backingUp = true;
    const during: number[] = [];
    const load = (async () => {
      while (backingUp) during.push(await submit());
    })();
    const out = join(spare, 'backup.sqlite');
    const backup = await runCliProcess(dir, ['backup', '--out', out]);
    backingUp = false;
    await load;
    expect(backup.code).toBe(0);
    expect(during.length).toBeGreaterThanOrEqual(1);
    expect(backup.stdout).toMatch(new RegExp(`^Backed up the store to ${out} \\(\\d+ bytes, \\d+ responses\\)\\. It passes SQLite's integrity check\\.\\n$`));
    const check = new Database(out, { readonly: true });
    expect(check.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    check.close();
    const inBackup = ids(out);
    for (const id of before) expect(inBackup).toContain(id);
    // What it holds is a prefix of what the server stored: nothing half-written.
    const all = [...before, ...during];
    expect(inBackup).toEqual(all.slice(0, inBackup.length));
    expect(inBackup.length).toBeGreaterThanOrEqual(before.length);

    // A second backup to the same name is refused, the first untouched.
    const again = await runCliProcess(dir, ['backup', '--out', out]);
    expect(again.code).toBe(1);
    expect(again.stderr.trim()).toBe(`${out} already exists: give a new file name, so no earlier backup is overwritten.`);

    // Restore is refused while the server holds the folder.
    const pid = readFileSync(join(dir, 'server.lock'), 'utf8').trim(); // the server's own process (tsx starts it as a child)
    const busy = await runCliProcess(dir, ['restore', '--file', out]);
    expect(busy.code).toBe(1);
    expect(busy.stderr.trim()).toBe(
      `Another server (process ${pid}) is using the data folder ${dir}. Stop it first, or start this one with another DATA_DIR. Nothing was restored.`,
    );
    const lastId = await submit();

    server.kill('SIGTERM');
    await exited;
    expect(ids(join(dir, 'survey.sqlite'))).toContain(lastId);

    // A file that is not a store is refused, and nothing changes.
    const junk = join(spare, 'junk.sqlite');
    writeFileSync(junk, Buffer.alloc(4096, 7));
    const bad = await runCliProcess(dir, ['restore', '--file', junk]);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toBe(`${junk} cannot be restored: it is not an SQLite database (file is not a database). Nothing was changed.`);
    expect(ids(join(dir, 'survey.sqlite'))).toContain(lastId);

    const restored = await runCliProcess(dir, ['restore', '--file', out]);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    const aside = readdirSync(dir).find((f) => f.startsWith('survey.sqlite.before-restore-') && !f.endsWith('-wal') && !f.endsWith('-shm'))!;
    expect(restored.stdout).toBe(
      `Restored ${out} (${inBackup.length} responses) as the store in ${dir}.\nThe store it replaced is kept as ${join(dir, aside)}.\n`,
    );
    expect(ids(join(dir, 'survey.sqlite'))).toEqual(inBackup);
    expect(ids(join(dir, aside))).toContain(lastId);
    expect(existsSync(join(dir, 'server.lock'))).toBe(false);
  }, 180_000);
});
