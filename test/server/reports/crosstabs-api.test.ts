/**
 * The report as cross-tabs (…/report-crosstabs.xlsx): parsed back and checked, cell by cell on two
 * questions, against the report the API gives for the same options (whose figures are tested against
 * R elsewhere); roles and audit as for every download.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { SurveyReport } from '../../../server/reports/survey-report.js';
import { recentAudit } from '../../../server/accounts/audit.js';
import { loadDemoIfEmpty } from '../../../server/demo/load.js';
import { readXlsx } from '../../../server/formats/xlsx-read.js';
import { BASE_ROW, HIGHER_THAN_REST, LOWER_THAN_REST, SIGNIFICANT_CHANGE } from '../../../server/reports/crosstab-workbook.js';
import { EMAILS, officerWorld, signIn } from '../../helpers/officer-world.js';

const world = await officerWorld();
afterAll(() => world.cleanup());
const { app, store } = world;
await loadDemoIfEmpty(store);

const analyst = await signIn(app, EMAILS.analyst);
const viewer = await signIn(app, EMAILS.viewer);
const base = '/api/officer/surveys/resident-safety/waves/2026';
const get = (path: string, headers: Record<string, string> = analyst.headers) => app.request(path, { headers });

// sex has two groups (compared with each other), age_band seven (each against the rest of the sample).
const options = 'by=sex,age_band';
const res = await get(`${base}/report-crosstabs.xlsx?${options}`);
const audit = (await recentAudit(store, 1))[0];
const sheets = readXlsx(Buffer.from(await res.arrayBuffer()));
const report = (await (await get(`${base}/report?${options}&detail=full`)).json()) as SurveyReport;

describe('report as cross-tabs', () => {
  it('is a workbook to save, audited with its options; 401 anonymous, 403 viewer', async () => {
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="resident-safety-2026-report-crosstabs.xlsx"');
    expect(audit).toMatchObject({
      action: 'export.report-crosstabs',
      email: EMAILS.analyst,
      details: { survey: 'resident-safety', wave: '2026', by: ['sex', 'age_band'] },
    });
    expect((await get(`${base}/report-crosstabs.xlsx`, {})).status).toBe(401);
    expect((await get(`${base}/report-crosstabs.xlsx`, viewer.headers)).status).toBe(403);
    const bad = await get(`${base}/report-crosstabs.xlsx?by=shoe_size`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/shoe_size/);
  });

  it('has the About sheet, then a sheet per question of the report, in order', () => {
    expect(sheets[0].name).toBe('About');
    expect(sheets.slice(1).map((s) => s.name)).toEqual([...new Set(report.estimates.map((e) => e.question))].map((q) => q.slice(0, 31)));
  });

  it('puts the wording (and the synthetic notice) on top, then all respondents and each group with a letter', () => {
    const sheet = sheets.find((s) => s.name === 'safe_dark_local')!;
    expect(sheet.rows[0][0]).toBe(`How safe do you feel walking in your local area after dark? (${report.syntheticNotice})`);
    const header = sheet.rows[1].filter((c) => c !== null);
    const sexGroups = [...new Map(report.estimates.filter((e) => e.group?.variable === 'sex').map((e) => [e.group!.value, e.group!.label])).values()];
    expect(header.slice(0, 8)).toEqual([
      'answer',
      'All respondents %',
      'All: 95% CI lower',
      'All: 95% CI upper',
      `${sexGroups[0]} (A) %`,
      `${sexGroups[0]} (A): 95% CI lower`,
      `${sexGroups[0]} (A): 95% CI upper`,
      `${sexGroups[0]} (A): significance`,
    ]);
    expect(header[8]).toBe(`${sexGroups[1]} (B) %`);
  });

  it.each(['safe_dark_local', 'worry_knife'])('%s: every estimate, interval, marker and base as the report has it', (q) => {
    const sheet = sheets.find((s) => s.name === q)!;
    const header = sheet.rows[1];
    const col = (name: string) => header.indexOf(name);
    const overall = report.estimates.filter((e) => e.question === q && e.group === null);
    const groups = report.estimates.filter((e) => e.question === q && e.group !== null && e.category === overall[0].category).map((e) => e.group!);
    const letters = new Map<string, string>();
    for (const v of ['sex', 'age_band']) groups.filter((g) => g.variable === v).forEach((g, i) => letters.set(`${v}|${g.value}`, String.fromCharCode(65 + i)));
    const headOf = (g: { variable: string; value: string; label: string }) => `${g.label} (${letters.get(`${g.variable}|${g.value}`)})`;
    let markers = 0;
    overall.forEach((o, i) => {
      const row = sheet.rows[2 + i];
      expect(row.slice(0, 4)).toEqual([o.label, o.estimate, o.ci![0], o.ci![1]]);
      for (const g of groups) {
        const e = report.estimates.find((x) => x.question === q && x.category === o.category && x.group?.variable === g.variable && x.group.value === g.value)!;
        const at = col(`${headOf(g)} %`);
        expect(at, headOf(g)).toBeGreaterThan(0);
        if (e.suppressed) expect(row[at]).toBe(e.reason);
        else expect(row.slice(at, at + 3)).toEqual([e.estimate, e.ci![0], e.ci![1]]);
        // By definition: the letters of the groups it is significantly higher than, or its place against the rest.
        const expected: string[] = [];
        for (const c of report.comparisons.filter((c) => c.question === q && c.category === o.category && c.variable === g.variable && c.significant)) {
          if (c.against === 'rest' && c.a === g.value) expected.push(c.difference! > 0 ? HIGHER_THAN_REST : LOWER_THAN_REST);
          if (c.against === 'group' && c.a === g.value && c.difference! > 0) expected.push(letters.get(`${g.variable}|${c.b}`)!);
          if (c.against === 'group' && c.b === g.value && c.difference! < 0) expected.push(letters.get(`${g.variable}|${c.a}`)!);
        }
        expect(row[at + 3], `${o.category} ${headOf(g)}`).toBe(expected.length ? expected.sort().join(' ') : null);
        markers += expected.length;
      }
    });
    // The demo data hold differences by sex and age on these questions, so markers are shown.
    expect(markers).toBeGreaterThan(0);
    const baseRow = sheet.rows[2 + overall.length];
    expect(baseRow[0]).toBe(BASE_ROW);
    expect(baseRow[1]).toBe(overall[0].n);
    for (const g of groups) {
      const e = report.estimates.find(
        (x) => x.question === q && x.category === overall[0].category && x.group?.variable === g.variable && x.group.value === g.value,
      )!;
      expect(baseRow[col(`${headOf(g)} %`)]).toBe(e.n);
    }
    expect(String(sheet.rows[4 + overall.length][0])).toMatch(/^Weighted estimates with 95% confidence intervals \(logit\)\. Significance: the letters/);
  });

  it('with a wave to compare with: the change since then for all respondents, and whether it is significant', async () => {
    const compared = readXlsx(Buffer.from(await (await get(`${base}/report-crosstabs.xlsx?compareWave=2025`)).arrayBuffer()));
    const withChanges = (await (await get(`${base}/report?compareWave=2025&detail=full`)).json()) as SurveyReport;
    const q = 'safe_dark_local';
    const sheet = compared.find((s) => s.name === q)!;
    expect(sheet.rows[1]).toEqual([
      'answer',
      'All respondents %',
      'All: 95% CI lower',
      'All: 95% CI upper',
      'Change since 2025',
      'Change since 2025: significance',
    ]);
    const overall = withChanges.estimates.filter((e) => e.question === q && e.group === null);
    let significant = 0;
    overall.forEach((o, i) => {
      const c = withChanges.changes!.find((x) => x.question === q && x.category === o.category)!;
      // The API gives a change to 13 significant digits; the workbook keeps every digit.
      expect(sheet.rows[2 + i][4] as number, o.category).toBeCloseTo(c.difference!, 13);
      expect(sheet.rows[2 + i][5], o.category).toBe(c.significant ? SIGNIFICANT_CHANGE : null);
      if (c.significant) significant++;
    });
    // Fewer residents feel safe after dark than in 2025 (the committee report's finding).
    expect(significant).toBeGreaterThan(0);
    expect(String(sheet.rows.at(-1)![0])).toMatch(/Change since 2025: this wave's estimate for all respondents minus 2025's/);
  });
});
