/** Officer downloads: responses CSV/XLSX, report workbook, committee report HTML; roles and audit. */
import { and, count, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { recentAudit } from '../../../server/accounts/audit.js';
import { first, tablesOf } from '../../../server/store/dialect.js';
import { loadDemoIfEmpty } from '../../../server/demo/load.js';
import { readXlsx } from '../../../server/formats/xlsx-read.js';
import { readZip } from '../../../server/formats/zip.js';
import { findSurvey, validatorFor } from '../../../server/surveys/surveys.js';
import { EMAILS, officerWorld, signIn } from '../../helpers/officer-world.js';

// The production app (createApp) with one officer of each role.
const world = await officerWorld();
afterAll(() => world.cleanup());
const { app, store } = world;
await loadDemoIfEmpty(store);
const { responses, surveys, waves } = tablesOf(store.db);

const analyst = await signIn(app, EMAILS.analyst);
const viewer = await signIn(app, EMAILS.viewer);
const base = '/api/officer/surveys/resident-safety/waves/2026';
const get = (path: string, headers: Record<string, string> = analyst.headers) => app.request(path, { headers });

const waveRows = async (slug: string, wave: string) =>
  (await first(
    store.db
      .select({ n: count() })
      .from(responses)
      .innerJoin(waves, eq(responses.waveId, waves.id))
      .innerJoin(surveys, eq(waves.surveyId, surveys.id))
      .where(and(eq(surveys.slug, slug), eq(waves.name, wave))),
  ))!.n;

const auditCount = async (action: string) => (await recentAudit(store, 1000)).filter((a) => a.action === action).length;

describe('who may download', () => {
  const paths = ['responses.csv', 'responses.xlsx', 'responses.sav', 'responses-r.zip', 'report.xlsx', 'committee-report.html'];
  it.each(paths)('%s: 401 anonymous, 403 viewer', async (p) => {
    expect((await get(`${base}/${p}`, {})).status).toBe(401);
    expect((await get(`${base}/${p}`, viewer.headers)).status).toBe(403);
  });

  it('says what is missing: unknown wave 404, unknown breakdown 400', async () => {
    const missing = await get('/api/officer/surveys/resident-safety/waves/1999/responses.csv');
    expect(missing.status).toBe(404);
    expect((await missing.json()).error).toMatch(/1999/);
    for (const p of ['responses.sav', 'responses-r.zip']) {
      const res = await get(`/api/officer/surveys/resident-safety/waves/1999/${p}`);
      expect(res.status, p).toBe(404);
      expect((await res.json()).error).toMatch(/1999/);
    }
    const badBy = await get(`${base}/report.xlsx?by=shoe_size`);
    expect(badBy.status).toBe(400);
    expect((await badBy.json()).error).toMatch(/shoe_size/);
  });
});

describe('responses', () => {
  it('CSV: attachment, header row, one line per stored response, audited', async () => {
    const before = await auditCount('export.responses-csv');
    const res = await get(`${base}/responses.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="resident-safety-2026-responses.csv"');
    const lines = (await res.text()).trimEnd().split('\n');
    expect(lines[0]).toMatch(/^id,wave,link,created_at,status,source,synthetic,survey_version,design_weight,weight,/);
    expect(lines[0]).toContain('safe_dark_local');
    // Demo answers have no line breaks inside cells, so lines = rows.
    expect(lines.length - 1).toBe(await waveRows('resident-safety', '2026'));
    expect(await auditCount('export.responses-csv')).toBe(before + 1);
    const entry = (await recentAudit(store, 1)).at(0)!;
    expect(entry.email).toBe(EMAILS.analyst);
    expect(entry.details).toEqual({ survey: 'resident-safety', wave: '2026' });
  });

  it('XLSX: a real workbook with the synthetic notice on top and every row', async () => {
    const before = await auditCount('export.responses-xlsx');
    const res = await get(`${base}/responses.xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="resident-safety-2026-responses.xlsx"');
    const [sheet] = readXlsx(Buffer.from(await res.arrayBuffer()));
    expect(String(sheet.rows[0][0])).toMatch(/SYNTHETIC demo data/);
    expect(sheet.rows[1].slice(0, 2)).toEqual(['id', 'wave']);
    expect(sheet.rows.length - 2).toBe(await waveRows('resident-safety', '2026'));
    expect(await auditCount('export.responses-xlsx')).toBe(before + 1);
  });
});

describe('responses for SPSS and R', async () => {
  const demoQuestions = validatorFor(await findSurvey(store.db, 'resident-safety')).questions;

  it('SPSS: attachment, a system file with a case per stored response, labelled, audited', async () => {
    const before = await auditCount('export.responses-sav');
    const res = await get(`${base}/responses.sav`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-spss-sav');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="resident-safety-2026-responses.sav"');
    const sav = Buffer.from(await res.arrayBuffer());
    expect(sav.subarray(0, 4).toString('latin1')).toBe('$FL2');
    // The number of cases in the header.
    expect(sav.readInt32LE(80)).toBe(await waveRows('resident-safety', '2026'));
    expect(sav.subarray(109, 173).toString('utf8').trimEnd()).toBe('SYNTHETIC demo data (made up): see the synthetic variable');
    // The wording of a question as its label, a choice text as a value label.
    const text = sav.toString('utf8');
    expect(text).toContain('walking in your local area after dark');
    expect(text).toContain('Very safe');
    expect(await auditCount('export.responses-sav')).toBe(before + 1);
    expect((await recentAudit(store, 1))[0]).toMatchObject({ email: EMAILS.analyst, details: { survey: 'resident-safety', wave: '2026' } });
  });

  it('R: a ZIP of README.txt, labels.R and the coded CSV with a row per stored response, audited', async () => {
    const before = await auditCount('export.responses-r');
    const res = await get(`${base}/responses-r.zip`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="resident-safety-2026-responses-r.zip"');
    const files = readZip(Buffer.from(await res.arrayBuffer()));
    expect([...files.keys()]).toEqual(['README.txt', 'labels.R', 'responses.csv']);
    const csv = files.get('responses.csv')!.toString('utf8');
    const header = csv.split('\n')[0].split(',');
    expect(header.slice(0, 3)).toEqual(['id', 'wave', 'link']);
    // A multiple-choice question has a column per option.
    const places = demoQuestions.find((q) => q.name === 'unsafe_places')!;
    expect(header.filter((h) => h.startsWith('unsafe_places_') && h !== 'unsafe_places_other_text')).toHaveLength(
      places.choices.length + places.specialValues.length,
    );
    // Then, last, the words typed under "other".
    expect(header.at(-1)).toBe('unsafe_places_other_text');
    // Demo answers have no line breaks inside cells, so lines = rows.
    expect(csv.trimEnd().split('\n').length - 1).toBe(await waveRows('resident-safety', '2026'));
    const script = files.get('labels.R')!.toString('utf8');
    expect(script).toContain('responses[["safe_dark_local"]] <- factor(responses[["safe_dark_local"]],');
    expect(files.get('README.txt')!.toString('utf8')).toMatch(/SYNTHETIC demo data/);
    expect(await auditCount('export.responses-r')).toBe(before + 1);
  });
});

describe('report workbook', () => {
  it('has the About sheet and the tables, changes when compared, and is audited with its options', async () => {
    const res = await get(`${base}/report.xlsx?by=sex&compareWave=2025`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="resident-safety-2026-report.xlsx"');
    const sheets = readXlsx(Buffer.from(await res.arrayBuffer()));
    expect(sheets.map((s) => s.name)).toEqual(['About', 'estimates', 'comparisons', 'associations', 'changes']);
    expect(sheets[1].rows.length).toBeGreaterThan(10);
    expect((await recentAudit(store, 1))[0]).toMatchObject({
      action: 'export.report-xlsx',
      details: { survey: 'resident-safety', wave: '2026', by: ['sex'], compareWave: '2025' },
    });
  });
});

// Fetched once (about two seconds: the full report with breakdowns and changes).
const committee = await get(`${base}/committee-report.html?by=sex,age_band&compareWave=2025`);
const committeeAudit = (await recentAudit(store, 1))[0];
const html = await committee.text();

describe('committee report', () => {
  const res = committee;

  it('is served as HTML to open and print, and audited', () => {
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-disposition')).toMatch(/^inline; filename="resident-safety-2026-committee-report.html"/);
    expect(committeeAudit).toMatchObject({
      action: 'export.committee-report',
      details: { survey: 'resident-safety', wave: '2026', by: ['sex', 'age_band'], compareWave: '2025' },
    });
  });

  it('has the sections of Appendix 4: method with n, weighting and margin of error, findings', () => {
    expect(html).toMatch(/^<!DOCTYPE html>\s*<html lang="en">/);
    expect(html).toContain('>Technical annex: method</h2>');
    expect(html).toContain('>Executive summary</h2>');
    // Demo resident 2026: effective n ≈ 1438 → 1.96 × √(0.25 / 1438) ≈ 0.0258.
    expect(html).toContain('±2.6% at the 95% confidence level');
    expect(html).toMatch(/complete responses \(n\)/);
    expect(html).toMatch(/raking/);
    expect(html).toMatch(/Effective sample size/);
    expect(html).toMatch(/fewer than 30 unweighted respondents/);
    expect(html).toMatch(/Fewer residents feel safe in their local area after dark than in 2025/);
  });

  it('announces synthetic data and illustrative targets prominently', () => {
    const notice = /<div class="notice"[^>]*>([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '';
    expect(notice).toMatch(/SYNTHETIC demo data/);
    expect(notice).toMatch(/ILLUSTRATIVE population figures/);
    expect(html.indexOf('class="notice"')).toBeLessThan(html.indexOf('>Contents</h2>'));
  });

  it('has accessible charts and tables', () => {
    const svgs = html.match(/<svg\b[^>]*>/g) ?? [];
    expect(svgs.length).toBeGreaterThan(0);
    expect((html.match(/<\/svg>/g) ?? []).length).toBe(svgs.length);
    for (const svg of svgs) expect(svg).toMatch(/role="img"/);
    expect((html.match(/<title id=/g) ?? []).length).toBe(svgs.length);
    expect((html.match(/<desc id=/g) ?? []).length).toBe(svgs.length);
    const tables = (html.match(/<table\b/g) ?? []).length;
    expect(tables).toBeGreaterThan(5);
    expect((html.match(/<\/table>/g) ?? []).length).toBe(tables);
    expect((html.match(/<table><caption>/g) ?? []).length).toBe(tables);
    expect(html).toContain('<th scope="col">');
    expect(html).toContain('<th scope="row">');
    // Answers left out of a breakdown's base ('Prefer not to say') are no group: no empty rows.
    expect(html).not.toMatch(/No respondents in this group/);
    expect(html).toMatch(/<tr class="significant">/);
  });

  it('maps who replied by ward against the population, as the Returns page does, with the boundaries credited', async () => {
    const returns = (await (await get(`${base}/returns`)).json()) as { byWard: { ward: string; share: number; populationShare: number }[] };
    const section = /<section aria-labelledby="returns-by-ward">([\s\S]*?)<\/section>/.exec(html)?.[1] ?? '';
    expect(section).toContain('<h2 id="returns-by-ward">Who replied, by ward</h2>');
    const figure = /<figure class="ward-map" id="returns-ward-map">([\s\S]*?)<\/figure>/.exec(section)?.[1] ?? '';
    expect((figure.match(/<g><title>/g) ?? []).length).toBe(26);
    // Under-represented: share of returns at least half a point below the population share; those are hatched.
    const under = returns.byWard.filter((w) => w.share - w.populationShare <= -0.005);
    expect((figure.match(/fill="url\(#returns-ward-map-hatch\)"/g) ?? []).length).toBe(under.length);
    const worst = [...under].sort((a, b) => a.share - a.populationShare - (b.share - b.populationShare))[0];
    expect(section).toContain(`most under-represented: ${worst.ward} (under by ${Math.abs((worst.share - worst.populationShare) * 100).toFixed(1)} points)`);
    const legend = [...figure.matchAll(/: (\d+) wards?<\/li>/g)].map((m) => Number(m[1]));
    expect(legend.reduce((a, b) => a + b, 0)).toBe(26);
    expect(figure).toContain('Boundaries: Contains National Statistics data © Crown copyright and database right; contains OS data');
  });

  it('is self-contained and printable', () => {
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/<(script|link|img|iframe)\b/i);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).toMatch(/@media print/);
    expect(html).toMatch(/break-before: page/);
    for (const tag of ['section', 'thead', 'tbody', 'figure', 'ul']) {
      expect((html.match(new RegExp(`<${tag}\\b`, 'g')) ?? []).length, tag).toBe((html.match(new RegExp(`</${tag}>`, 'g')) ?? []).length);
    }
  });
});

describe('escaping', () => {
  it('escapes text from the database (a survey title with markup)', async () => {
    await store.db.update(surveys).set({ title: 'Youth <script>alert(1)</script> & "friends"' }).where(eq(surveys.slug, 'youth-safety'));
    const res = await get('/api/officer/surveys/youth-safety/waves/2026/committee-report.html');
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain('<script>');
    expect(text).toContain('Youth &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;friends&quot;');
  });
});
