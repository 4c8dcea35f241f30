/**
 * `survey add` runs the officer upload's service (addQuestionnaire in server/surveys/manage.ts), so
 * the command line refuses what the upload page refuses, and is audited like it.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { root, runCli } from './run-cli.js';

const dataDir = mkdtempSync(join(tmpdir(), 'csp-cli-add-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const cli = (...args: string[]) => runCli(dataDir, args);
const residentFile = join(root, 'surveys/resident-safety.survey.json');
const youthFile = join(root, 'surveys/youth-safety.survey.json');
const residentMeta = JSON.parse(readFileSync(join(root, 'surveys/resident-safety.meta.json'), 'utf8'));

function query<T>(sql: string): T[] {
  const db = new Database(join(dataDir, 'survey.sqlite'), { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

const write = (name: string, json: unknown) => {
  const file = join(dataDir, name);
  writeFileSync(file, JSON.stringify(json));
  return file;
};

describe('survey add, on the upload service', () => {
  it('refuses --meta that does not fit the questionnaire, listing the problems, and stores nothing', async () => {
    const r = await cli(
      'survey',
      'add',
      '--file',
      youthFile,
      '--meta',
      write('resident.meta.json', { ...residentMeta, slug: 'youth-safety', audience: 'youth' }),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^The question metadata does not fit the questionnaire: /);
    expect(query('SELECT id FROM surveys')).toEqual([]);
  });

  it('refuses --meta written for another survey, as the upload page does', async () => {
    const r = await cli('survey', 'add', '--file', residentFile, '--slug', 'park-safety', '--meta', join(root, 'surveys/resident-safety.meta.json'));
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe("The question metadata does not fit the questionnaire: The metadata is for the survey 'resident-safety', not 'park-safety'.");
    expect(query('SELECT id FROM surveys')).toEqual([]);
  });

  it('brings the metadata beside a bundled file along under another slug, and audits the addition', async () => {
    const r = await cli('survey', 'add', '--file', youthFile, '--slug', 'youth-2026', '--audience', 'youth');
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('Added survey youth-2026 (version 1): http://localhost:3000/s/youth-2026');
    const [row] = query<{ slug: string; audience: string; metadata: string }>('SELECT slug, audience, metadata FROM surveys');
    expect(row.slug).toBe('youth-2026');
    expect(row.audience).toBe('youth');
    expect(JSON.parse(row.metadata).slug).toBe('youth-2026');
    const entries = query<{ officer_id: number | null; action: string; detail: string }>('SELECT officer_id, action, detail FROM audit_log');
    expect(entries.map((e) => [e.officer_id, e.action, JSON.parse(e.detail).survey, JSON.parse(e.detail).metadata])).toEqual([
      [null, 'survey.created', 'youth-2026', 'uploaded'],
    ]);
  });

  it('says Updated with the new version when the questionnaire changes, and audits it', async () => {
    const youth = JSON.parse(readFileSync(youthFile, 'utf8'));
    const changed = write('youth-changed.survey.json', { ...youth, title: 'Youth safety 2026' });
    const r = await cli('survey', 'add', '--file', changed, '--slug', 'youth-2026');
    expect(r.stdout.trim()).toBe('Updated survey youth-2026 (version 2): http://localhost:3000/s/youth-2026');
    expect(query<{ action: string }>('SELECT action FROM audit_log ORDER BY id').map((e) => e.action)).toEqual(['survey.created', 'survey.updated']);
  });
});
