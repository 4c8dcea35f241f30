/**
 * `survey translation export|import`: the officer page's sheet services on the command line. The
 * "translations" here are made up for the test ("CY " before the English).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSheet, sheetCsv } from '../../../server/surveys/translation-sheet.js';
import { type TestStore, testStore } from '../../helpers/store.js';
import { root, runCli, storeEnv } from './run-cli.js';

let t: TestStore;
beforeAll(async () => {
  t = await testStore();
});
afterAll(() => t.cleanup());
const cli = (...args: string[]) => runCli(t.dir, args, storeEnv(t.store));
const version = async () => (await t.sql.get<{ version: number }>("SELECT version FROM surveys WHERE slug = 'resident-safety'"))?.version;

describe('survey translation', () => {
  it('exports the sheet, checks and imports it filled in, and refuses one with a stray id', async () => {
    expect((await cli('survey', 'add', '--file', join(root, 'surveys/resident-safety.survey.json'))).code).toBe(0);
    const out = join(t.dir, 'cy.csv');
    const exported = await cli('survey', 'translation', 'export', '--survey', 'resident-safety', '--locale', 'cy', '--out', out);
    expect(exported).toMatchObject({
      code: 0,
      stdout: `Wrote the cy translation sheet of resident-safety to ${out}: fill in its third column, then import it.\n`,
    });
    const rows = readSheet(readFileSync(out)).rows.map((r) => ({ id: r.id, english: r.english, translation: `CY ${r.english}` }));
    const filled = join(t.dir, 'cy-filled.csv');
    writeFileSync(filled, sheetCsv(rows, 'cy'));

    const checked = await cli('survey', 'translation', 'import', '--survey', 'resident-safety', '--file', filled, '--check');
    expect(checked.stdout).toBe(
      `Checked: ${rows.length} strings checked; ${rows.length} new or changed. Storing it makes version 2 of resident-safety. Nothing was stored (--check).\n`,
    );
    expect(await version()).toBe(1);

    const stray = join(t.dir, 'cy-stray.csv');
    writeFileSync(stray, sheetCsv([...rows, { id: 'q:nope/title', english: 'x', translation: 'y' }], 'cy'));
    const refused = await cli('survey', 'translation', 'import', '--survey', 'resident-safety', '--file', stray);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('1 id is not in the questionnaire: q:nope/title.');
    expect(await version()).toBe(1);

    const imported = await cli('survey', 'translation', 'import', '--survey', 'resident-safety', '--file', filled);
    expect(imported.stdout).toBe(
      `Stored the Cymraeg translation of resident-safety (${rows.length} strings) as version 2. Respondents can now choose Cymraeg.\n`,
    );
    expect(await version()).toBe(2);
  });
});
