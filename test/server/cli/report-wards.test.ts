/**
 * `report wards` on the demo (SYNTHETIC answers, ILLUSTRATIVE population, the real January 2019
 * Kent crime file): the JSON is the service's document, the CSV its ward table, and mistakes in
 * the call are usage errors.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportCommand } from '../../../server/cli/commands/report.js';
import { UsageError } from '../../../server/cli/io.js';
import { importCrimeFiles } from '../../../server/crime/import.js';
import { loadDemoIfEmpty } from '../../../server/demo/load.js';
import { wardEstimates } from '../../../server/reports/ward-estimates.js';
import { testStore, type TestStore } from '../../helpers/store.js';

const KENT = 'server/demo/police-uk/police-uk-2019-01-kent-street-maidstone.csv';
const CALL = ['wards', '--survey', 'resident-safety', '--wave', '2026', '--question', 'worry_burglary', '--category', 'worried'];
let t: TestStore;

beforeAll(async () => {
  t = await testStore();
  await loadDemoIfEmpty(t.store);
  await importCrimeFiles(t.store, [KENT]);
}, 60_000);

afterAll(() => t?.cleanup());

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await reportCommand(args, { store: t.store, out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('report wards', () => {
  it('prints the service’s JSON, with the notices on stderr', async () => {
    const r = await run(...CALL, '--covariate', 'crime-rate', '--crime-type', 'Burglary', '--from', '2019-01', '--to', '2019-01', '--format', 'json');
    expect(r.code).toBe(0);
    const expected = await wardEstimates(t.store, {
      slug: 'resident-safety',
      wave: '2026',
      question: 'worry_burglary',
      category: 'worried',
      covariate: 'crime-rate',
      crimeType: 'Burglary',
      from: '2019-01',
      to: '2019-01',
    });
    expect(JSON.parse(r.out)).toEqual(JSON.parse(JSON.stringify(expected)));
    const body = JSON.parse(r.out);
    expect(Object.keys(body)).toEqual(expect.arrayContaining(['sigma2u', 'covariate', 'coefficients', 'wards']));
    expect(Object.keys(body.wards[0])).toEqual(['ward', 'name', 'n', 'direct', 'directSe', 'x', 'model', 'modelRmse']);
    expect(body.coefficients).toHaveLength(2);
    expect(r.err).toMatch(/SYNTHETIC/);
    expect(r.err).toMatch(/ILLUSTRATIVE/);
    expect(r.err).toMatch(/not from the same time/);
  }, 30_000);

  it('writes the ward table as CSV, one row per ward, to a file', async () => {
    const file = join(t.dir, 'wards.csv');
    const r = await run(...CALL, '--format', 'csv', '--out', file);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/Wrote .*wards\.csv/);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    const header = lines.findIndex((l) => l.startsWith('ward,'));
    expect(lines[header]).toBe('ward,name,n,direct,direct_se,x,model,model_rmse,reason');
    expect(lines.slice(0, header).every((l) => l.startsWith('# ') || l.startsWith('"# '))).toBe(true);
    // The fit is iterative (converged to about 1e-9), so its digits beyond that follow the rounding of
    // the direct estimates it starts from: compare to 8 significant digits.
    expect(lines.slice(0, header).join('\n')).toMatch(/sigma2u = 0\.0047457316\d*; coefficients = 0\.60174407\d*; x = none \(intercept only\)/);
    const rows = lines.slice(header + 1);
    expect(rows).toHaveLength(26);
    const doc = await wardEstimates(t.store, { slug: 'resident-safety', wave: '2026', question: 'worry_burglary', category: 'worried' });
    const allington = rows[0].split(',');
    expect(allington.slice(0, 3)).toEqual(['E05004982', 'Allington', String(doc.wards[0].n)]);
    expect(Number(allington[3])).toBe(doc.wards[0].direct);
    expect(allington[5]).toBe('');
    expect(Number(allington[6])).toBe(doc.wards[0].model);
  }, 30_000);

  it('says why the model falls back, on stderr and in the CSV', async () => {
    const r = await run('wards', '--survey', 'resident-safety', '--wave', '2026', '--question', 'safe_dark_local', '--category', 'neither', '--format', 'csv');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/between-area variance is 0/);
    expect(r.out).toMatch(/^"?# The REML estimate of the between-area variance is 0/m);
  }, 30_000);

  it('refuses mistakes in the call with usage errors', async () => {
    await expect(run(...CALL, '--format', 'xlsx')).rejects.toThrow(new UsageError("--format must be json or csv, not 'xlsx'."));
    await expect(run(...CALL, '--covariate', 'weather', '--format', 'json')).rejects.toThrow("--covariate must be crime-rate, all-crime, none, not 'weather'.");
    await expect(run(...CALL, '--covariate', 'all-crime', '--from', '2019-01', '--format', 'json')).rejects.toThrow('Give both --from and --to, or neither.');
    await expect(run('wards', '--survey', 'resident-safety', '--wave', '2026', '--format', 'json')).rejects.toThrow('Missing --question, --category.');
  });

  it('passes a refusal of the service through (an HttpError, exit 1 in cli/run.ts)', async () => {
    await expect(run(...CALL, '--crime-type', 'Burglary', '--format', 'json')).rejects.toThrow('A crime type goes with the covariate crime-rate only.');
  });
});
