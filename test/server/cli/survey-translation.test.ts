/**
 * `survey translation export|import`: the officer page's sheet services on the command line. The
 * "translations" here are made up for the test ("CY " before the English).
 */
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSheet, sheetCsv } from '../../../server/surveys/translation-sheet.js';
import { root, runCli } from './run-cli.js';

const dataDir = mkdtempSync(join(tmpdir(), 'csp-cli-translation-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const cli = (...args: string[]) => runCli(dataDir, args);
const version = () => {
  const db = new Database(join(dataDir, 'survey.sqlite'), { readonly: true });
  try {
    return (db.prepare("SELECT version FROM surveys WHERE slug = 'resident-safety'").get() as { version: number }).version;
  } finally {
    db.close();
  }
};

describe('survey translation', () => {
  it('exports the sheet, checks and imports it filled in, and refuses one with a stray id', async () => {
    expect((await cli('survey', 'add', '--file', join(root, 'surveys/resident-safety.survey.json'))).code).toBe(0);
    const out = join(dataDir, 'cy.csv');
    const exported = await cli('survey', 'translation', 'export', '--survey', 'resident-safety', '--locale', 'cy', '--out', out);
    expect(exported).toMatchObject({
      code: 0,
      stdout: `Wrote the cy translation sheet of resident-safety to ${out}: fill in its third column, then import it.\n`,
    });
    const rows = readSheet(readFileSync(out)).rows.map((r) => ({ id: r.id, english: r.english, translation: `CY ${r.english}` }));
    const filled = join(dataDir, 'cy-filled.csv');
    writeFileSync(filled, sheetCsv(rows, 'cy'));

    const checked = await cli('survey', 'translation', 'import', '--survey', 'resident-safety', '--file', filled, '--check');
    expect(checked.stdout).toBe(
      `Checked: ${rows.length} strings checked; ${rows.length} new or changed. Storing it makes version 2 of resident-safety. Nothing was stored (--check).\n`,
    );
    expect(version()).toBe(1);

    const stray = join(dataDir, 'cy-stray.csv');
    writeFileSync(stray, sheetCsv([...rows, { id: 'q:nope/title', english: 'x', translation: 'y' }], 'cy'));
    const refused = await cli('survey', 'translation', 'import', '--survey', 'resident-safety', '--file', stray);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('1 id is not in the questionnaire: q:nope/title.');
    expect(version()).toBe(1);

    const imported = await cli('survey', 'translation', 'import', '--survey', 'resident-safety', '--file', filled);
    expect(imported.stdout).toBe(
      `Stored the Cymraeg translation of resident-safety (${rows.length} strings) as version 2. Respondents can now choose Cymraeg.\n`,
    );
    expect(version()).toBe(2);
  });
});
