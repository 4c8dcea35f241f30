/**
 * `responses import` (paper returns from CSV: all or nothing, re-import adds nothing, design
 * weights) and `responses export` (CSV, JSON, SPSS and the ZIP for R), through the CLI in-process (runCli).
 */
import { parse } from 'csv-parse/sync';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZip } from '../../../server/formats/zip.js';
import { validResident } from '../../helpers/respondent-fixtures.js';
import { type TestStore, testStore } from '../../helpers/store.js';
import { root, runCli, storeEnv } from './run-cli.js';

let t: TestStore;
afterAll(() => t.cleanup());
const cli = (...args: string[]) => runCli(t.dir, args, storeEnv(t.store));
const importArgs = (file: string, ...more: string[]) => ['responses', 'import', '--survey', 'resident-safety', '--wave', '2026', '--file', file, ...more];

const query = <T>(sql: string): Promise<T[]> => t.sql.all<T>(sql);
const stored = async () => (await query<{ n: number }>('SELECT count(*) AS n FROM responses'))[0].n;

/** A CSV of returns: header = question names, one line per return, ';' between checkbox choices. */
function csv(rows: Record<string, unknown>[], extra: Record<string, string>[] = []): string {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const extraColumns = extra.length ? Object.keys(extra[0]) : [];
  const cell = (v: unknown) => (v === undefined ? '' : Array.isArray(v) ? v.join(';') : String(v));
  const lines = rows.map((r, i) => [...columns.map((c) => cell(r[c])), ...extraColumns.map((c) => extra[i][c])].join(','));
  return `${[[...columns, ...extraColumns].join(','), ...lines].join('\n')}\n`;
}

const good = [
  validResident(),
  { ...validResident(), safe_home: 'fairly_safe', sex: 'male', household_size: 1 },
  { ...validResident(), safe_dark_town: 'dont_know', age_band: '75+' },
];

beforeAll(async () => {
  t = await testStore();
  for (const args of [
    ['survey', 'add', '--file', join(root, 'surveys/resident-safety.survey.json')],
    ['wave', 'create', '--survey', 'resident-safety', '--name', '2026'],
  ]) {
    const r = await cli(...args);
    if (r.code !== 0) throw new Error(r.stderr);
  }
});

describe('responses import', () => {
  it('rejects a file with bad rows, listing each with its line and reason, and stores nothing', async () => {
    const file = join(t.dir, 'mixed.csv');
    const rows = [good[0], { ...validResident(), safe_home: 'extremely_safe' }, good[1], { ...validResident(), household_size: 99 }];
    writeFileSync(file, csv(rows));
    const r = await cli(...importArgs(file));
    expect(r.code).toBe(1);
    const reported = r.stderr.split('\n').filter((l) => l.startsWith('line '));
    expect(reported).toHaveLength(2);
    // Line numbers count the header as line 1.
    expect(reported[0]).toMatch(/^line 3: .*\S/);
    expect(reported[0]).toMatch(/extremely_safe|safe_home|feel|choice/i);
    expect(reported[1]).toMatch(/^line 5: .*\S/);
    expect(r.stderr).toMatch(/2 of 4 rows were rejected.*Nothing was imported/);
    expect(await stored()).toBe(0);
  });

  it('imports only the good rows when asked to skip the rejected ones', async () => {
    const file = join(t.dir, 'skip.csv');
    writeFileSync(file, csv([good[2], { ...validResident(), ward: 'E05999999' }]));
    const r = await cli(...importArgs(file, '--skip-invalid'));
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^line 3: /m);
    expect(r.stdout.trim()).toBe('Imported 1 responses (0 already present from an earlier import, 1 rejected).');
    expect(await stored()).toBe(1);
  });

  it('imports a file of good rows, as complete returns from import', async () => {
    const file = join(t.dir, 'good.csv');
    writeFileSync(file, csv(good));
    const before = await stored();
    const r = await cli(...importArgs(file));
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe('Imported 3 responses (0 already present from an earlier import, 0 rejected).');
    expect(await stored()).toBe(before + 3);
    const rows = (
      await query<{ answers: string; status: string; source: string; design_weight: number }>(
        'SELECT CAST(answers AS TEXT) AS answers, status, source, design_weight FROM responses ORDER BY id DESC LIMIT 3',
      )
    ).reverse();
    expect(rows.map((r) => JSON.parse(r.answers))).toEqual(good);
    expect(rows.every((r) => r.status === 'complete' && r.source === 'import' && r.design_weight === 1)).toBe(true);
  });

  it('adds nothing when the same file is imported again', async () => {
    const before = await stored();
    const r = await cli(...importArgs(join(t.dir, 'good.csv')));
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe('Imported 0 responses (3 already present from an earlier import, 0 rejected).');
    expect(await stored()).toBe(before);
  });

  it('stores a --weight-column as each return’s design weight, and rejects a weight that is not positive', async () => {
    const file = join(t.dir, 'weighted.csv');
    writeFileSync(file, csv(good.slice(0, 2), [{ w: '1.75' }, { w: '0.5' }]));
    const r = await cli(...importArgs(file, '--weight-column', 'w'));
    expect(r.code).toBe(0);
    const weights = (
      await query<{ design_weight: number; answers: string }>('SELECT design_weight, CAST(answers AS TEXT) AS answers FROM responses ORDER BY id DESC LIMIT 2')
    ).reverse();
    expect(weights.map((w) => w.design_weight)).toEqual([1.75, 0.5]);
    // The weight is not an answer.
    expect(Object.keys(JSON.parse(weights[0].answers))).not.toContain('w');

    const bad = join(t.dir, 'bad-weight.csv');
    writeFileSync(bad, csv(good.slice(0, 2), [{ w: '-1' }, { w: 'heavy' }]));
    const before = await stored();
    const refused = await cli(...importArgs(bad, '--weight-column', 'w'));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/line 2: .*design weight '-1'/);
    expect(refused.stderr).toMatch(/line 3: .*design weight 'heavy'/);
    expect(await stored()).toBe(before);
  });

  it('refuses a file whose headers are not questions, naming them', async () => {
    const file = join(t.dir, 'headers.csv');
    writeFileSync(file, 'safe_home,shoe_size\nvery_safe,9\n');
    const r = await cli(...importArgs(file));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/'shoe_size' are not questions of 'resident-safety'/);
  });
});

describe('responses export', () => {
  it('exports CSV: metadata columns then one column per question, one line per return', async () => {
    const r = await cli('responses', 'export', '--survey', 'resident-safety', '--format', 'csv');
    expect(r.code).toBe(0);
    const [header, ...lines] = parse(r.stdout) as string[][];
    expect(header.slice(0, 10)).toEqual(['id', 'wave', 'link', 'created_at', 'status', 'source', 'synthetic', 'survey_version', 'design_weight', 'weight']);
    expect(header).toEqual(expect.arrayContaining(Object.keys(validResident())));
    expect(lines).toHaveLength(await stored());
    const first = Object.fromEntries(header.map((h, i) => [h, lines[0][i]]));
    expect(first).toMatchObject({ wave: '2026', status: 'complete', source: 'import', synthetic: '', survey_version: '1', weight: '' });
    // The lone --skip-invalid row came first.
    expect(first.age_band).toBe('75+');
    expect(first.safe_dark_town).toBe('dont_know');
  });

  it('exports JSON: every return with its answers and design weight', async () => {
    const r = await cli('responses', 'export', '--survey', 'resident-safety', '--wave', '2026', '--format', 'json');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout);
    expect(rows).toHaveLength(await stored());
    expect(rows.map((x: { designWeight: number }) => x.designWeight)).toEqual([1, 1, 1, 1, 1.75, 0.5]);
    expect(rows[1].answers).toEqual(good[0]);
    expect(rows[0]).toMatchObject({ wave: '2026', link: null, status: 'complete', synthetic: false, surveyVersion: 1 });
  });

  it('writes the SPSS file and the ZIP for R the Downloads page gives, and needs --out for them', async () => {
    const sav = join(t.dir, 'out.sav');
    const r = await cli('responses', 'export', '--survey', 'resident-safety', '--wave', '2026', '--format', 'sav', '--out', sav);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`Wrote ${await stored()} responses to ${sav}.`);
    const file = readFileSync(sav);
    expect(file.subarray(0, 4).toString('latin1')).toBe('$FL2');
    expect(file.readInt32LE(80)).toBe(await stored());
    const zip = join(t.dir, 'out.zip');
    expect((await cli('responses', 'export', '--survey', 'resident-safety', '--wave', '2026', '--format', 'r', '--out', zip)).code).toBe(0);
    const files = readZip(readFileSync(zip));
    expect([...files.keys()]).toEqual(['README.txt', 'labels.R', 'responses.csv']);
    expect(files.get('responses.csv')!.toString('utf8').trimEnd().split('\n')).toHaveLength((await stored()) + 1);
    const missing = await cli('responses', 'export', '--survey', 'resident-safety', '--format', 'sav');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--format sav writes a file: give --out responses.sav/);
  });

  it('refuses an unknown format', async () => {
    const r = await cli('responses', 'export', '--survey', 'resident-safety', '--format', 'xml');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--format must be csv, json/);
  });
});
