/**
 * Importing police.uk files into a real (temporary) store, SQLite or Postgres: the counts equal the fixture
 * README's, re-importing changes nothing, a newer file replaces its month, bad files store
 * nothing; then summaries, and the `crime` and `population` CLI commands with captured output.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crimeCommand } from '../../../server/cli/commands/crime.js';
import { populationCommand } from '../../../server/cli/commands/population.js';
import type { CliIO } from '../../../server/cli/io.js';
import { ensureAreas } from '../../../server/areas/areas.js';
import { importCrimeFiles } from '../../../server/crime/import.js';
import { crimeSummary } from '../../../server/crime/summary.js';
import { testStore, type TestStore } from '../../helpers/store.js';
import { MAIDSTONE_BY_TYPE as EXPECTED_BY_TYPE, MAIDSTONE_ROWS, POLICE_UK_FILE as FIXTURE } from '../../helpers/police-uk.js';

let t: TestStore;
let work: string;
beforeAll(async () => {
  t = await testStore();
  work = mkdtempSync(join(tmpdir(), 'csp-crime-files-'));
});
afterAll(async () => {
  await t.cleanup();
  rmSync(work, { recursive: true, force: true });
});

const stored = () => t.sql.all<{ crimeType: string; n: number }>('SELECT crime_type AS "crimeType", SUM(count) AS n FROM crime GROUP BY crime_type');
const storedByType = async () => Object.fromEntries((await stored()).map((r) => [r.crimeType, r.n]));
const captured = () => {
  const io = { out: [] as string[], err: [] as string[] };
  const cli: CliIO = { store: t.store, out: (s) => io.out.push(s), err: (s) => io.err.push(s) };
  return { io, cli };
};
/** The fixture's header + rows, with every Month set to `month` and only the first `keep` rows. */
function variant(name: string, month: string, keep = Infinity): string {
  const [header, ...rows] = readFileSync(FIXTURE, 'utf8').trimEnd().split('\n');
  const file = join(work, name);
  writeFileSync(file, `${[header, ...rows.slice(0, keep).map((r) => r.replace(',2019-01,', `,${month},`))].join('\n')}\n`);
  return file;
}

describe('ensureAreas', () => {
  it('loads the 26 wards and 95 LSOAs once', async () => {
    expect(await ensureAreas(t.store)).toEqual({ loaded: true, wards: 26, lsoas: 95 });
    expect(await ensureAreas(t.store)).toEqual({ loaded: false, wards: 26, lsoas: 95 });
  });
});

describe('importCrimeFiles', () => {
  it('counts the Maidstone rows of the January 2019 Kent file by crime type, as the fixture README says', async () => {
    const progress: number[][] = [];
    const r = await importCrimeFiles(t.store, [FIXTURE], { onProgress: (...a) => progress.push(a) });
    expect(r).toMatchObject({ rows: 1666, imported: MAIDSTONE_ROWS, outsideArea: 78, noLsoa: 0, months: ['2019-01'] });
    expect(r.unmappedInArea).toEqual({ rows: 0, lsoaCodes: [] });
    expect(Object.fromEntries(r.byCrimeType.map((b) => [b.crimeType, b.count]))).toEqual(EXPECTED_BY_TYPE);
    expect(await storedByType()).toEqual(EXPECTED_BY_TYPE);
    const last = progress.at(-1)!;
    expect(last[0]).toBe(1666);
    expect(last[1]).toBe(last[2]); // all bytes read
    const sources = await t.sql.all('SELECT DISTINCT source_file AS f FROM crime');
    expect(sources).toEqual([{ f: 'police-uk-2019-01-kent-street-maidstone.csv' }]);
  });

  it('gives the same counts when the same file is imported again', async () => {
    const before = await t.sql.all('SELECT * FROM crime ORDER BY 1, 2, 3');
    await importCrimeFiles(t.store, [FIXTURE]);
    expect(await t.sql.all('SELECT * FROM crime ORDER BY 1, 2, 3')).toEqual(before);
  });

  it('lets a newer file for a month replace it, leaving other months alone', async () => {
    await importCrimeFiles(t.store, [variant('2019-02-kent-street.csv', '2019-02')]);
    const feb = variant('2019-02-kent-street-corrected.csv', '2019-02', 100);
    const r = await importCrimeFiles(t.store, [feb]);
    expect(r.months).toEqual(['2019-02']);
    const byMonth = await t.sql.all('SELECT month, SUM(count) AS n FROM crime GROUP BY month ORDER BY month');
    expect(byMonth).toEqual([
      { month: '2019-01', n: MAIDSTONE_ROWS },
      { month: '2019-02', n: r.imported },
    ]);
    expect(r.imported).toBeLessThan(100);
    await t.sql.run("DELETE FROM crime WHERE month = '2019-02'");
  });

  it('stores nothing and names the missing columns when the header is wrong', async () => {
    const bad = join(work, 'not-police.csv');
    writeFileSync(bad, 'Crime ID,Month,LSOA,Type\nx,2019-03,E01024393,Burglary\n');
    await expect(importCrimeFiles(t.store, [variant('2019-03-ok.csv', '2019-03'), bad])).rejects.toThrow(/'LSOA code', 'Crime type' columns/);
    expect(await t.sql.get("SELECT count(*) AS n FROM crime WHERE month = '2019-03'")).toEqual({ n: 0 });
  });

  it('stops at a bad month or a missing file, saying where', async () => {
    const badMonth = variant('bad-month.csv', '2019-13', 3);
    await expect(importCrimeFiles(t.store, [badMonth])).rejects.toThrow(/bad-month\.csv, line 2: the Month '2019-13'/);
    await expect(importCrimeFiles(t.store, [join(work, 'nope.csv')])).rejects.toThrow(/Cannot read the file .*nope\.csv/);
    expect(await storedByType()).toEqual(EXPECTED_BY_TYPE);
  });

  it('reads quoted fields, CRLF line ends and rows without an LSOA', async () => {
    const file = join(work, 'quoted.csv');
    const header = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';
    writeFileSync(
      file,
      `${[
        header,
        ',2019-04,Kent Police,Kent Police,0.5,51.2,"On or near ""The"" Street, Town",E01024393,Maidstone 010C,Burglary,"Under investigation, still","multi\r\nline"',
        'a,2019-04,Kent Police,Kent Police,,,No location,,,Drugs,,',
        'b,2019-04,Kent Police,Kent Police,0.5,51.2,Somewhere,E01099999,Maidstone 019Z,Robbery,,',
      ].join('\r\n')}\r\n`,
    );
    const r = await importCrimeFiles(t.store, [file]);
    expect(r).toMatchObject({ rows: 3, imported: 1, noLsoa: 1, outsideArea: 1, months: ['2019-04'] });
    // an LSOA named like Maidstone's but not in the 2011 lookup: probably a 2021 code
    expect(r.unmappedInArea).toEqual({ rows: 1, lsoaCodes: ['E01099999'] });
    expect(await crimeSummary(t.store, { by: ['ward', 'crime-type'], from: '2019-04', to: '2019-04' })).toEqual([
      { ward: 'Shepway North', wardCode: 'E05005003', crimeType: 'Burglary', count: 1 },
    ]);
    await t.sql.run("DELETE FROM crime WHERE month = '2019-04'");
  });
});

describe('crimeSummary', () => {
  it('totals by ward add up to the borough; by crime type match the README', async () => {
    const byWard = await crimeSummary(t.store, { by: ['ward'] });
    expect(byWard).toHaveLength(26);
    expect(byWard.reduce((s, r) => s + r.count, 0)).toBe(MAIDSTONE_ROWS);
    expect(byWard[0]).toEqual({ ward: 'Allington', wardCode: 'E05004982', count: 51 });
    const byType = await crimeSummary(t.store, { by: ['crime-type'] });
    expect(byType[0]).toEqual({ crimeType: 'Violence and sexual offences', count: 647 });
    expect(Object.fromEntries(byType.map((r) => [r.crimeType, r.count]))).toEqual(EXPECTED_BY_TYPE);
    const cells = await crimeSummary(t.store, { by: ['month', 'ward', 'crime-type'] });
    expect(cells.every((c) => c.month === '2019-01' && c.ward && c.crimeType)).toBe(true);
    expect(cells.reduce((s, r) => s + r.count, 0)).toBe(MAIDSTONE_ROWS);
  });

  it('filters by period', async () => {
    expect(await crimeSummary(t.store, { by: ['ward'], from: '2019-02' })).toEqual([]);
    expect(await crimeSummary(t.store, { by: ['crime-type'], to: '2019-01' })).toHaveLength(14);
    await expect(crimeSummary(t.store, { by: ['ward'], from: '2019-1' })).rejects.toThrow(/YYYY-MM/);
    await expect(crimeSummary(t.store, { by: ['ward'], from: '2019-05', to: '2019-01' })).rejects.toThrow(/after/);
  });
});

describe('crime CLI', () => {
  it('imports with progress on stderr and the report on stdout', async () => {
    const { io, cli } = captured();
    expect(await crimeCommand(['import', '--file', FIXTURE], cli)).toBe(0);
    const text = io.out.join('\n');
    expect(text).toMatch(/1666 rows, 1588 in the borough's wards/);
    expect(text).toMatch(/78 rows outside the borough, 0 rows with no LSOA/);
    expect(text).toMatch(/Violence and sexual offences: 647/);
    expect(io.err.join('\n')).toMatch(/Read 1,666 rows/);
    expect(await storedByType()).toEqual(EXPECTED_BY_TYPE);
  });

  it('prints a summary as CSV or JSON', async () => {
    const { io, cli } = captured();
    expect(await crimeCommand(['summary', '--by', 'ward,crime-type', '--from', '2019-01', '--to', '2019-01', '--format', 'csv'], cli)).toBe(0);
    const lines = io.out.join('\n').split('\n');
    expect(lines[0]).toBe('ward,ward_code,crime_type,count');
    expect(lines.slice(1).reduce((s, l) => s + Number(l.split(',').at(-1)), 0)).toBe(MAIDSTONE_ROWS);
    const j = captured();
    await crimeCommand(['summary', '--by', 'crime-type', '--format', 'json'], j.cli);
    expect(JSON.parse(j.io.out.join('\n'))[0]).toEqual({ crimeType: 'Violence and sexual offences', count: 647 });
  });

  it('explains mistakes in how it is called', async () => {
    const { cli } = captured();
    await expect(crimeCommand(['summary', '--by', 'postcode'], cli)).rejects.toThrow(/--by takes ward, crime-type, month/);
    await expect(crimeCommand(['summary', '--by', 'ward', '--format', 'xlsx'], cli)).rejects.toThrow(/--format must be json or csv/);
    await expect(crimeCommand(['summary', '--by', 'ward', '--from', 'Jan'], cli)).rejects.toThrow(/YYYY-MM/);
    await expect(crimeCommand(['import'], cli)).rejects.toThrow(/Missing --file/);
    await expect(crimeCommand(['purge'], cli)).rejects.toThrow(/Unknown crime command/);
  });
});

describe('population CLI', () => {
  it('imports figures (replacing all) and writes weighting margins', async () => {
    const file = join(work, 'pop.csv');
    writeFileSync(
      file,
      'area_code,sex,age_band,count\n' +
        'E05004982,female,18-24,300\nE05004982,male,18-24,320\nE05004982,female,25-34,500\nE05004982,male,25-34,480\n' +
        'E05004983,female,18-24,100\nE05004983,male,18-24,90\nE05004983,female,25-34,150\nE05004983,male,25-34,160\n',
    );
    const { io, cli } = captured();
    expect(await populationCommand(['import', '--file', file, '--illustrative'], cli)).toBe(0);
    expect(io.out.join('\n')).toMatch(/Imported 8 population figures for 2 areas/);
    expect(io.out.join('\n')).toMatch(/ILLUSTRATIVE/);
    const rows = await t.sql.all<{ illustrative: number | boolean; source: string }>('SELECT * FROM population');
    expect(rows).toHaveLength(8);
    // Stored as true: SQLite's 1, Postgres's boolean.
    const TRUE = t.store.kind === 'postgres' ? true : 1;
    expect(rows.every((r) => r.illustrative === TRUE && r.source === 'imported from pop.csv')).toBe(true);

    const out = join(work, 'margins.csv');
    const m = captured();
    expect(await populationCommand(['margins', '--out', out], m.cli)).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(
      'variable,category,target\n' +
        'sex,female,1050\nsex,male,1050\n' +
        'age_band,18-24,810\nage_band,25-34,1290\n' +
        'ward,E05004982,1600\nward,E05004983,500\n',
    );
    expect(m.io.err.join('\n')).toMatch(/ILLUSTRATIVE/);
  });

  it('rejects a bad population file without changing what is stored', async () => {
    const bad = join(work, 'bad-pop.csv');
    const { cli } = captured();
    writeFileSync(bad, 'area_code,sex,count\nE05004982,female,3\n');
    await expect(populationCommand(['import', '--file', bad], cli)).rejects.toThrow(/lacks age_band/);
    writeFileSync(bad, 'area_code,sex,age_band,count\nE05004982,female,18-24,-3\n');
    await expect(populationCommand(['import', '--file', bad], cli)).rejects.toThrow(/Line 2: the count .* must be a number ≥ 0, not '-3'/);
    writeFileSync(bad, 'area_code,sex,age_band,count\nE99999999,female,18-24,3\n');
    await expect(populationCommand(['import', '--file', bad], cli)).rejects.toThrow(/Unknown area code E99999999/);
    expect(await t.sql.get('SELECT count(*) AS n FROM population')).toEqual({ n: 8 });
  });
});
