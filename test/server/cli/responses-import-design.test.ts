/**
 * `responses import --stratum-column --psu-column --fpc-column`: a complex sample declared at
 * import, stored per return; a declaration the estimates could not use is refused, nothing stored.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validResident } from '../../helpers/respondent-fixtures.js';
import { type TestStore, testStore } from '../../helpers/store.js';
import { root, runCli, storeEnv } from './run-cli.js';

let t: TestStore;
afterAll(() => t.cleanup());
const cli = (...args: string[]) => runCli(t.dir, args, storeEnv(t.store));
const importArgs = (file: string, ...more: string[]) => ['responses', 'import', '--survey', 'resident-safety', '--wave', '2026', '--file', file, ...more];
const declare = ['--stratum-column', 'ward', '--psu-column', 'sector', '--fpc-column', 'households'];

const query = <T>(sql: string): Promise<T[]> => t.sql.all<T>(sql);
const stored = async () => (await query<{ n: number }>('SELECT count(*) AS n FROM responses'))[0].n;

/** Returns in two wards (the ward question is the stratum), two postcode sectors each. */
function file(name: string, sectors: string[], households: string[]): string {
  const wards = ['E05004985', 'E05004985', 'E05004986', 'E05004986'];
  const lines = wards.map((ward, i) => {
    const r = { ...validResident(), ward };
    return [...Object.values(r).map((v) => (Array.isArray(v) ? v.join(';') : String(v))), sectors[i], households[i]].join(',');
  });
  const path = join(t.dir, name);
  writeFileSync(path, `${[...Object.keys(validResident()), 'sector', 'households'].join(',')}\n${lines.join('\n')}\n`);
  return path;
}

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

describe('responses import with a declared sample design', () => {
  it('refuses a ward with one postcode sector, naming it, and stores nothing', async () => {
    const r = await cli(...importArgs(file('lonely.csv', ['A', 'B', 'C', 'C'], ['3100', '3100', '3000', '3000']), ...declare));
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/Stratum E05004986 has only one PSU \(cluster\)/);
    expect(await stored()).toBe(0);
  });

  it('refuses a non-numeric fpc on its line', async () => {
    const r = await cli(...importArgs(file('text.csv', ['A', 'B', 'C', 'D'], ['3100', 'lots', '3000', '3000']), ...declare));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/line 3: The finite population correction 'lots' is not a positive number/);
    expect(await stored()).toBe(0);
  });

  it('stores each return’s stratum (the ward, still an answer), PSU and fpc', async () => {
    const r = await cli(...importArgs(file('good.csv', ['A', 'B', 'C', 'D'], ['3100', '3100', '3000', '3000']), ...declare));
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe('Imported 4 responses (0 already present from an earlier import, 0 rejected).');
    const rows = await query<{ stratum: string; psu: string; fpc: number; answers: string }>(
      'SELECT stratum, psu, fpc, CAST(answers AS TEXT) AS answers FROM responses ORDER BY id',
    );
    expect(rows.map((x) => [x.stratum, x.psu, x.fpc])).toEqual([
      ['E05004985', 'A', 3100],
      ['E05004985', 'B', 3100],
      ['E05004986', 'C', 3000],
      ['E05004986', 'D', 3000],
    ]);
    expect(JSON.parse(rows[2].answers).ward).toBe('E05004986');
    expect(Object.keys(JSON.parse(rows[0].answers))).not.toContain('sector');
  });

  it('carries the design into the report: sampleDesign in numbers and words', async () => {
    const r = await cli('report', '--survey', 'resident-safety', '--wave', '2026', '--format', 'json');
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.sampleDesign).toEqual({
      strata: 2,
      psus: 4,
      clustered: true,
      fpc: true,
      df: 2,
      text: "Sample design declared at import: 2 strata, 4 PSUs (clusters) within the strata and a finite population correction. Standard errors, confidence intervals and tests allow for the stratification, the clustering and the finite population correction (as R survey's svydesign(ids = ~psu, strata = ~stratum, fpc = ~fpc)), with 2 design degrees of freedom (PSUs minus strata).",
    });
    // 4 returns are below the base of 30: suppressed, so no figure and no df.
    const home = report.estimates.find((e: { question: string; group: unknown }) => e.question === 'safe_home' && e.group === null);
    expect(home).toMatchObject({ suppressed: true, estimate: null });
    expect(home.df).toBeUndefined();
  });

  it('refuses a report whose returns without a declared PSU leave a stratum with one, saying why', async () => {
    const late = join(t.dir, 'late.csv');
    writeFileSync(
      late,
      `${Object.keys(validResident()).join(',')}\n${Object.values(validResident())
        .map((v) => (Array.isArray(v) ? v.join(';') : String(v)))
        .join(',')}\n`,
    );
    expect((await cli(...importArgs(late))).code).toBe(0);
    const r = await cli('report', '--survey', 'resident-safety', '--wave', '2026', '--format', 'json');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(
      /The sample design declared for resident-safety 2026 cannot be used: Stratum not declared has only one PSU \(cluster\), so its sampling variance cannot be estimated/,
    );
  });
});
