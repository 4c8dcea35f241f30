/** `report --format xlsx` and `responses export --format xlsx` against a store with the demo loaded. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportCommand } from '../../../server/cli/commands/report.js';
import { responsesCommand } from '../../../server/cli/commands/responses.js';
import { UsageError } from '../../../server/cli/io.js';
import { loadDemoIfEmpty } from '../../../server/demo/load.js';
import { readXlsx, type ReadSheet } from '../../../server/formats/xlsx.js';
import { ILLUSTRATIVE_TARGETS_NOTICE } from '../../../server/notices.js';
import { reportTables } from '../../../server/reports/report-tables.js';
import { surveyReport, type SurveyReport } from '../../../server/reports/survey-report.js';
import { exportResponses } from '../../../server/responses/export.js';
import { testStore, type TestStore } from '../../helpers/store.js';

let t: TestStore;
let report: SurveyReport;
let book: ReadSheet[];
const messages: string[] = [];
const io = () => ({ store: t.store, out: (s: string) => messages.push(s), err: (s: string) => messages.push(s) });

beforeAll(async () => {
  t = await testStore();
  await loadDemoIfEmpty(t.store);
  const file = join(t.dir, 'report.xlsx');
  const code = await reportCommand(
    ['--survey', 'resident-safety', '--wave', '2026', '--by', 'sex', '--compare-wave', '2025', '--format', 'xlsx', '--out', file],
    io(),
  );
  expect(code).toBe(0);
  book = readXlsx(readFileSync(file));
  report = await surveyReport(t.store, { slug: 'resident-safety', wave: '2026', by: ['sex'], compareWave: '2025' });
}, 60_000);

afterAll(() => t?.cleanup());

const sheet = (name: string) => book.find((s) => s.name === name)!;

describe('report --format xlsx', () => {
  it('writes About first, then the report tables', () => {
    expect(book.map((s) => s.name)).toEqual(['About', 'estimates', 'comparisons', 'associations', 'changes']);
  });

  it('puts the synthetic notice on top of every sheet', () => {
    expect(report.syntheticNotice).toMatch(/SYNTHETIC/);
    for (const s of book) expect(s.rows[0][0], s.name).toBe(report.syntheticNotice);
  });

  it('gives the same estimates as the JSON report', () => {
    const est = sheet('estimates');
    const columns = reportTables(report)[0].columns;
    expect(est.rows[1]).toEqual(columns);
    expect(est.rows).toHaveLength(2 + report.estimates.length);
    const first = est.rows[2];
    const at = (name: string) => first[columns.indexOf(name)];
    expect(at('question')).toBe(report.estimates[0].question);
    expect(at('estimate')).toBe(report.estimates[0].estimate);
    expect(at('se')).toBe(report.estimates[0].se);
    expect(at('ci_lower')).toBe(report.estimates[0].ci![0]);
    expect(at('n')).toBe(report.estimates[0].n);
    expect(at('suppressed')).toBe(false);
  });

  it('carries comparisons, associations and changes row for row', () => {
    expect(sheet('comparisons').rows).toHaveLength(2 + report.comparisons.length);
    expect(sheet('associations').rows).toHaveLength(2 + report.associations.length);
    expect(sheet('changes').rows).toHaveLength(2 + report.changes!.length);
    const p = sheet('associations').rows[1].indexOf('p');
    expect(sheet('associations').rows[2][p]).toBe(report.associations[0].p);
  });

  it('describes the method on the About sheet', () => {
    const about = new Map(
      sheet('About')
        .rows.slice(2)
        .map((r) => [r[0], r[1]]),
    );
    expect(about.get('Survey')).toContain('resident-safety');
    expect(about.get('Wave')).toBe('2026');
    expect(about.get('Compared with wave')).toBe('2025');
    expect(about.get('Responses (n)')).toBe(report.n);
    expect(about.get('Effective sample size')).toBe(report.nEffective);
    expect(about.get('Margin of error')).toBe(report.marginOfError);
    expect(about.get('Confidence intervals')).toBe('logit');
    expect(about.get('Suppression threshold')).toBe(report.threshold);
    expect(about.get('Weighting')).toMatch(/^Raking to /);
    expect(about.get('Synthetic data')).toBe(report.syntheticNotice);
    expect(report.weighting.illustrativeTargets).toBe(true);
    expect(about.get('Illustrative targets')).toBe(ILLUSTRATIVE_TARGETS_NOTICE);
    expect(about.get(`Base: ${report.bases[0].question}`)).toBe(report.bases[0].note);
  });

  it('needs --out', () => {
    expect(() => reportCommand(['--survey', 'resident-safety', '--wave', '2026', '--format', 'xlsx'], io())).toThrow(UsageError);
  });
});

describe('responses export --format xlsx', () => {
  it('writes every response with the CSV columns under a synthetic notice', async () => {
    const file = join(t.dir, 'responses.xlsx');
    expect(await responsesCommand(['export', '--survey', 'youth-safety', '--format', 'xlsx', '--out', file], io())).toBe(0);
    const [s] = readXlsx(readFileSync(file));
    const data = await exportResponses(t.store.db, 'youth-safety');
    expect(s.rows[0][0]).toMatch(new RegExp(`^${data.rows.length} of these ${data.rows.length} responses are SYNTHETIC`));
    expect(s.rows[1]).toEqual([
      'id',
      'wave',
      'link',
      'created_at',
      'status',
      'source',
      'synthetic',
      'survey_version',
      'design_weight',
      'weight',
      ...data.columns,
      'last_page_reached',
      'language',
    ]);
    expect(s.rows).toHaveLength(2 + data.rows.length);
    const first = data.rows[0];
    expect(s.rows[2].slice(0, 8)).toEqual([
      first.id,
      first.wave,
      first.link,
      first.createdAt,
      first.status,
      first.source,
      'synthetic (made-up demo data)',
      first.surveyVersion,
    ]);
    expect(s.rows[2][8]).toBe(first.designWeight);
  });

  it('needs --out', async () => {
    await expect(responsesCommand(['export', '--survey', 'youth-safety', '--format', 'xlsx'], io())).rejects.toThrow(UsageError);
  });
});
