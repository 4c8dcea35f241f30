/**
 * Importing a police.uk custom download as it comes: a real-shaped ZIP of monthly folders
 * (test/helpers/police-uk.ts: January 2019 is the bundled Kent file, February 2019 is made up from
 * it by rewriting its Month column, and an outcomes file to skip). The street files are read in
 * month order with the same counts as the CSV alone; damaged archives, archives without a street
 * file and zip bombs are refused with nothing stored; the `crime import` CLI reads it with progress.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crimeCommand } from '../../../server/cli/commands/crime.js';
import type { CliIO } from '../../../server/cli/io.js';
import { CrimeImportError, importCrimeFiles } from '../../../server/crime/import.js';
import { writeZip } from '../../../server/formats/zip.js';
import { testStore, type TestStore } from '../../helpers/store.js';
import { DOWNLOAD_STREET_FILES, MAIDSTONE_BY_TYPE, MAIDSTONE_ROWS, POLICE_UK_FILE, policeUkDownloadZip, setDirectorySize } from '../../helpers/police-uk.js';

let t: TestStore;
let work: string;
beforeAll(async () => {
  t = await testStore();
  work = mkdtempSync(join(tmpdir(), 'csp-crime-zip-'));
});
afterAll(async () => {
  await t.cleanup();
  rmSync(work, { recursive: true, force: true });
});

const write = (name: string, data: Buffer) => {
  const path = join(work, name);
  writeFileSync(path, data);
  return path;
};
const byMonth = async () =>
  Object.fromEntries((await t.sql.all<{ month: string; n: number }>('SELECT month, SUM(count) AS n FROM crime GROUP BY month')).map((r) => [r.month, r.n]));
const sourcesOf = async () =>
  Object.fromEntries((await t.sql.all<{ month: string; f: string }>('SELECT DISTINCT month, source_file AS f FROM crime')).map((r) => [r.month, r.f]));
const doubled = Object.fromEntries(Object.entries(MAIDSTONE_BY_TYPE).map(([k, n]) => [k, 2 * n]));

describe('importCrimeFiles with a police.uk ZIP', () => {
  it('reads each street file in month order with the counts of the CSV alone, and lists the outcomes file as skipped', async () => {
    const single = await importCrimeFiles(t.store, [POLICE_UK_FILE]);
    await t.sql.run('DELETE FROM crime');
    const files: string[] = [];
    const zip = write('download.zip', policeUkDownloadZip());
    const r = await importCrimeFiles(t.store, [zip], { onFile: (name, i, n) => files.push(`${i}/${n} ${name}`) });

    expect(files).toEqual(['1/2 2019-01-kent-street.csv', '2/2 2019-02-kent-street.csv']);
    expect(r.months).toEqual(['2019-01', '2019-02']);
    expect(r.imported).toBe(2 * MAIDSTONE_ROWS);
    expect(r.rows).toBe(2 * single.rows);
    expect(r.outsideArea).toBe(2 * single.outsideArea);
    expect(Object.fromEntries(r.byCrimeType.map((c) => [c.crimeType, c.count]))).toEqual(doubled);
    expect(r.archives).toEqual([
      {
        file: zip,
        entries: [
          { name: DOWNLOAD_STREET_FILES[0], months: ['2019-01'], rows: single.rows },
          { name: DOWNLOAD_STREET_FILES[1], months: ['2019-02'], rows: single.rows },
        ],
        skipped: [{ name: '2019-01/2019-01-kent-outcomes.csv', reason: expect.stringMatching(/^an outcomes file .*not street-level crime\.$/) }],
      },
    ]);
    expect(await byMonth()).toEqual({ '2019-01': MAIDSTONE_ROWS, '2019-02': MAIDSTONE_ROWS });
    // Each month records the street file it came from, by its name inside the archive's folder.
    expect(await sourcesOf()).toEqual({ '2019-01': '2019-01-kent-street.csv', '2019-02': '2019-02-kent-street.csv' });
    expect(single.archives).toEqual([]);
  });

  it('refuses an archive with no street file, a damaged one and a zip bomb, storing nothing', async () => {
    const before = await byMonth();
    const outcomesOnly = write('outcomes.zip', writeZip([{ name: '2019-03/2019-03-kent-outcomes.csv', data: 'Crime ID,Month\nx,2019-03\n' }]));
    await expect(importCrimeFiles(t.store, [outcomesOnly])).rejects.toThrow(/outcomes\.zip holds no street-level crime file/);

    const full = policeUkDownloadZip();
    const cut = write('cut.zip', full.subarray(0, Math.floor(full.length / 2)));
    await expect(importCrimeFiles(t.store, [cut])).rejects.toThrow(/cut\.zip is not a ZIP archive that can be read: it has no end-of-central-directory record/);

    // Three entries saying they unpack to 4 GB each: 12 GB, over the 10 GB limit, refused unopened.
    const bomb = policeUkDownloadZip();
    for (const e of [...DOWNLOAD_STREET_FILES, '2019-01/2019-01-kent-outcomes.csv']) setDirectorySize(bomb, e, 0xfffffff0);
    await expect(importCrimeFiles(t.store, [write('bomb.zip', bomb)])).rejects.toThrow(/bomb\.zip would unpack to 12 GB, more than the 10 GB/);

    // An entry that inflates to more than its directory says (a bomb hiding its size) stops the import.
    const liar = setDirectorySize(policeUkDownloadZip(), DOWNLOAD_STREET_FILES[1], 1000);
    const err = await importCrimeFiles(t.store, [write('liar.zip', liar)]).catch((e) => e);
    expect(err).toBeInstanceOf(CrimeImportError);
    expect(err.message).toMatch(
      /liar\.zip › 2019-02\/2019-02-kent-street\.csv cannot be read: '2019-02\/2019-02-kent-street\.csv' holds more than the 1000 bytes/,
    );
    expect(await byMonth()).toEqual(before);
  });
});

describe('crime import CLI with a ZIP', () => {
  it('prints per-file progress and the files inside with their months', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const cli: CliIO = { store: t.store, out: (s) => out.push(s), err: (s) => err.push(s) };
    const zip = write('police-download.zip', policeUkDownloadZip());
    expect(await crimeCommand(['import', '--file', zip], cli)).toBe(0);
    expect(err.slice(0, 2)).toEqual(['File 1 of 2: 2019-01-kent-street.csv', 'File 2 of 2: 2019-02-kent-street.csv']);
    const inside = out.findIndex((l) => l.startsWith('Inside '));
    expect(out.slice(inside, inside + 4)).toEqual([
      `Inside ${zip}: 2 street files read, 1 skipped.`,
      expect.stringMatching(/^ {2}2019-01\/2019-01-kent-street\.csv: \d+ rows, January 2019$/),
      expect.stringMatching(/^ {2}2019-02\/2019-02-kent-street\.csv: \d+ rows, February 2019$/),
      expect.stringMatching(/^ {2}skipped 2019-01\/2019-01-kent-outcomes\.csv: an outcomes file/),
    ]);
    expect(out).toContain('Months replaced: 2019-01, 2019-02');
  });
});
