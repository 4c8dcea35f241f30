/**
 * `survey add` runs the officer upload's service (addQuestionnaire in server/surveys/manage.ts), so
 * the command line refuses what the upload page refuses, and is audited like it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestStore, testStore } from '../../helpers/store.js';
import { root, runCli, storeEnv } from './run-cli.js';

let t: TestStore;
beforeAll(async () => {
  t = await testStore();
});
afterAll(() => t.cleanup());
const cli = (...args: string[]) => runCli(t.dir, args, storeEnv(t.store));
const residentFile = join(root, 'surveys/resident-safety.survey.json');
const youthFile = join(root, 'surveys/youth-safety.survey.json');
const residentMeta = JSON.parse(readFileSync(join(root, 'surveys/resident-safety.meta.json'), 'utf8'));

const query = <T>(sql: string): Promise<T[]> => t.sql.all<T>(sql);

const write = (name: string, json: unknown) => {
  const file = join(t.dir, name);
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
    expect(await query('SELECT id FROM surveys')).toEqual([]);
  });

  it('refuses --meta written for another survey, as the upload page does', async () => {
    const r = await cli('survey', 'add', '--file', residentFile, '--slug', 'park-safety', '--meta', join(root, 'surveys/resident-safety.meta.json'));
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe("The question metadata does not fit the questionnaire: The metadata is for the survey 'resident-safety', not 'park-safety'.");
    expect(await query('SELECT id FROM surveys')).toEqual([]);
  });

  it('brings the metadata beside a bundled file along under another slug, and audits the addition', async () => {
    const r = await cli('survey', 'add', '--file', youthFile, '--slug', 'youth-2026', '--audience', 'youth');
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('Added survey youth-2026 (version 1): http://localhost:3000/s/youth-2026');
    const [row] = await query<{ slug: string; audience: string; metadata: string }>('SELECT slug, audience, CAST(metadata AS TEXT) AS metadata FROM surveys');
    expect(row.slug).toBe('youth-2026');
    expect(row.audience).toBe('youth');
    expect(JSON.parse(row.metadata).slug).toBe('youth-2026');
    const entries = await query<{ officer_id: number | null; action: string; detail: string }>(
      'SELECT officer_id, action, CAST(detail AS TEXT) AS detail FROM audit_log',
    );
    expect(entries.map((e) => [e.officer_id, e.action, JSON.parse(e.detail).survey, JSON.parse(e.detail).metadata])).toEqual([
      [null, 'survey.created', 'youth-2026', 'uploaded'],
    ]);
  });

  it('says Updated with the new version when the questionnaire changes, and audits it', async () => {
    const youth = JSON.parse(readFileSync(youthFile, 'utf8'));
    const changed = write('youth-changed.survey.json', { ...youth, title: 'Youth safety 2026' });
    const r = await cli('survey', 'add', '--file', changed, '--slug', 'youth-2026');
    expect(r.stdout.trim()).toBe('Updated survey youth-2026 (version 2): http://localhost:3000/s/youth-2026');
    expect((await query<{ action: string }>('SELECT action FROM audit_log ORDER BY id')).map((e) => e.action)).toEqual(['survey.created', 'survey.updated']);
  });
});
