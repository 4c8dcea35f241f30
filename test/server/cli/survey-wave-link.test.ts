/**
 * The officer CLI against a temp DATA_DIR (in-process through runCli, plus one call through the
 * real entry point as its own process): adding and listing questionnaires,
 * creating/opening/closing waves, and creating links.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestStore, testStore } from '../../helpers/store.js';
import { root, runCli, runCliProcess, storeEnv } from './run-cli.js';

let t: TestStore;
beforeAll(async () => {
  t = await testStore();
});
afterAll(() => t.cleanup());
const cli = (...args: string[]) => runCli(t.dir, args, storeEnv(t.store));
const residentFile = join(root, 'surveys/resident-safety.survey.json');

/** Reads the rows the CLI wrote. */
const query = <T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T[]> => t.sql.all<T>(sql, ...params);

describe('survey add / list', () => {
  it('adds a bundled questionnaire with its metadata and prints its public URL', async () => {
    const r = await cli('survey', 'add', '--file', residentFile);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe('Added survey resident-safety (version 1): http://localhost:3000/s/resident-safety');
    const [row] = await query<{ slug: string; audience: string; version: number; metadata: string | null }>(
      'SELECT slug, audience, version, CAST(metadata AS TEXT) AS metadata FROM surveys',
    );
    expect(row).toMatchObject({ slug: 'resident-safety', audience: 'resident', version: 1 });
    // x.survey.json brings x.meta.json along.
    expect(JSON.parse(row.metadata!).questions.length).toBeGreaterThan(0);
  });

  it('leaves an unchanged questionnaire alone when added again', async () => {
    const r = await cli('survey', 'add', '--file', residentFile);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Unchanged: survey resident-safety \(version 1\)/);
  });

  it('adds a questionnaire under a given slug and audience, and lists them all', async () => {
    const youthFile = join(root, 'surveys/youth-safety.survey.json');
    expect((await cli('survey', 'add', '--file', youthFile, '--slug', 'youth-2026', '--audience', 'youth')).code).toBe(0);
    const r = await cli('survey', 'list');
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => l.split('\t').slice(0, 3));
    expect(lines).toEqual([
      ['resident-safety', 'resident', 'v1'],
      ['youth-2026', 'youth', 'v1'],
    ]);
  });

  it('prints the same list through the real entry point, as its own process', async () => {
    const inProcess = await cli('survey', 'list');
    const spawned = await runCliProcess(t.dir, ['survey', 'list'], storeEnv(t.store));
    expect(spawned).toEqual({ code: 0, stdout: inProcess.stdout, stderr: '' });
    expect(spawned.stdout).toMatch(/^resident-safety\tresident\tv1\t/);
  });

  it('explains a file that cannot be read or is not JSON, with exit code 2', async () => {
    const missing = await cli('survey', 'add', '--file', join(t.dir, 'nope.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Cannot read Questionnaire file/);
    const bad = join(t.dir, 'bad.json');
    writeFileSync(bad, '{ "pages": [ ');
    const notJson = await cli('survey', 'add', '--file', bad);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/is not valid JSON/);
    expect(await query('SELECT id FROM surveys')).toHaveLength(2);
  });

  it('refuses a JSON file that is not a questionnaire, with exit code 1', async () => {
    const notSurvey = join(t.dir, 'not-survey.json');
    writeFileSync(notSurvey, JSON.stringify({ hello: 'world' }));
    const r = await cli('survey', 'add', '--file', notSurvey);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().length).toBeGreaterThan(10);
    expect(await query('SELECT id FROM surveys')).toHaveLength(2);
  });
});

describe('wave create / open / close', () => {
  it('creates a wave in draft, then opens and closes it', async () => {
    const created = await cli('wave', 'create', '--survey', 'resident-safety', '--name', '2026', '--closes', '2099-12-31');
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/Created wave 2026 of resident-safety/);
    expect(await query('SELECT status, closes_at FROM waves')).toEqual([{ status: 'draft', closes_at: '2099-12-31T00:00:00.000Z' }]);

    const opened = await cli('wave', 'open', '--survey', 'resident-safety', '--name', '2026');
    expect(opened.code).toBe(0);
    expect(opened.stdout.trim()).toBe('Wave 2026 of resident-safety is now open.');
    expect(await query('SELECT status FROM waves')).toEqual([{ status: 'open' }]);

    const closed = await cli('wave', 'close', '--survey', 'resident-safety', '--name', '2026');
    expect(closed.stdout.trim()).toBe('Wave 2026 of resident-safety is now closed.');
    expect(await query('SELECT status FROM waves')).toEqual([{ status: 'closed' }]);
    expect((await cli('wave', 'open', '--survey', 'resident-safety', '--name', '2026')).code).toBe(0);
  });

  it('refuses a duplicate wave, an unknown survey and a missing flag with clear messages', async () => {
    const dup = await cli('wave', 'create', '--survey', 'resident-safety', '--name', '2026');
    expect(dup.code).toBe(1);
    expect(dup.stderr).toMatch(/already has a wave called '2026'/);
    const unknown = await cli('wave', 'create', '--survey', 'nope', '--name', '2026');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no survey called 'nope'/);
    const missing = await cli('wave', 'open', '--survey', 'resident-safety');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Missing --name/);
  });
});

describe('link create', () => {
  it('prints the URL of a new school link and stores its label, cap and expiry', async () => {
    const r = await cli(
      'link',
      'create',
      '--survey',
      'resident-safety',
      '--wave',
      '2026',
      '--label',
      'Example Valley School',
      '--max',
      '30',
      '--expires',
      '2099-07-01',
    );
    expect(r.code).toBe(0);
    const url = r.stdout.trim();
    expect(url).toMatch(/^http:\/\/localhost:3000\/y\/[A-Za-z0-9_-]{12}$/);
    const token = url.split('/').pop();
    expect(await query('SELECT label, kind, max_responses, expires_at FROM links WHERE token = ?', token)).toEqual([
      { label: 'Example Valley School', kind: 'school', max_responses: 30, expires_at: '2099-07-01T00:00:00.000Z' },
    ]);
  });

  it('uses PUBLIC_URL for the printed link when it is set', async () => {
    const r = await runCli(t.dir, ['link', 'create', '--survey', 'resident-safety', '--wave', '2026', '--label', 'Poster'], {
      ...storeEnv(t.store),
      PUBLIC_URL: 'https://survey.example.gov.uk/',
    });
    expect(r.stdout.trim()).toMatch(/^https:\/\/survey\.example\.gov\.uk\/y\/[A-Za-z0-9_-]{12}$/);
  });

  it('refuses a cap that is not a whole number', async () => {
    const r = await cli('link', 'create', '--survey', 'resident-safety', '--wave', '2026', '--label', 'X', '--max', 'lots');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/whole number/);
    expect(await query('SELECT id FROM links')).toHaveLength(2);
  });

  it('answers an unknown command with the usage and exit code 2', async () => {
    const r = await cli('frobnicate');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Unknown command 'frobnicate'/);
    expect(r.stderr).toMatch(/link create --survey/);
  });
});

describe('wave open closes the other open wave', () => {
  it('applies the officer API rule: opening a wave closes the open one, and says so', async () => {
    expect((await cli('wave', 'create', '--survey', 'resident-safety', '--name', '2027')).code).toBe(0);
    const opened = await cli('wave', 'open', '--survey', 'resident-safety', '--name', '2027');
    expect(opened.code).toBe(0);
    expect(opened.stdout.trim()).toBe('Wave 2027 of resident-safety is now open. Wave 2026 was closed, as only one wave of a survey takes answers at a time.');
    expect(await query('SELECT name, status FROM waves ORDER BY name')).toEqual([
      { name: '2026', status: 'closed' },
      { name: '2027', status: 'open' },
    ]);
  });

  it('refuses closing dates before opening dates with the same message as the API (exit code 1)', async () => {
    const r = await cli('wave', 'create', '--survey', 'resident-safety', '--name', '2028', '--opens', '2028-03-01', '--closes', '2028-01-31');
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('The closing date (2028-01-31) must be after the opening date (2028-03-01).');
    expect(await query("SELECT id FROM waves WHERE name = '2028'")).toHaveLength(0);
  });
});
