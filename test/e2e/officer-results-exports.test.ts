/**
 * Results with wave-on-wave change, CI methods and associations, and the downloads page, end to
 * end: the real server on a temporary data folder holding the demo content (SYNTHETIC responses
 * weighted to ILLUSTRATIVE targets), an analyst account, and headless Chromium. Every figure on
 * the pages is checked against the report JSON the API gives for the same options; the report
 * workbook is downloaded and parsed; the committee report is opened, printed to an A4 PDF and its
 * charts inspected. Screenshots go to .tmp/screens/officer-{results-change,exports,committee}-*.png.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change, Estimate } from '../../analysis/report/types.js';
import { recentAudit } from '../../server/accounts/audit.js';
import { createOfficer } from '../../server/accounts/officers.js';
import { openStore, type SqliteStore as Store } from '../../server/store/open.js';
import { loadDemoIfEmpty } from '../../server/demo/load.js';
import { readXlsx, type CellValue } from '../../server/formats/xlsx-read.js';
import { readZip } from '../../server/formats/zip.js';
import type { SurveyReport } from '../../server/reports/survey-report.js';
import { launchBrowser, root, startServer, type Browser, type RunningServer } from './harness.js';
import { loadAllQuestions } from './load-results.js';
import { A4, noSidewaysScroll, pdfPageBoxes } from './page-checks.js';

const EMAIL = 'analyst@test.invalid';
const PASSWORD = 'long enough pass';
const screens = join(root, '.tmp/screens');

let server: RunningServer | undefined;
let browser: Browser | undefined;
/** The server's own database, opened beside it (SQLite WAL) to read the audit log and change a role. */
let store: Store | undefined;

function srv(): RunningServer {
  if (!server) throw new Error('The server did not start (see beforeAll).');
  return server;
}

beforeAll(async () => {
  mkdirSync(screens, { recursive: true });
  server = await startServer();
  store = openStore(server.dataDir);
  await loadDemoIfEmpty(store);
  await createOfficer(store.db, { email: EMAIL, password: PASSWORD, role: 'analyst' });
  browser = await launchBrowser();
  // One sign-in for the whole file: the session cookie lives in the browser context.
  const page = await browser.context.newPage();
  await page.goto(`${server.url}/officer`);
  await page.getByLabel('Email').fill(EMAIL);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByLabel('Password').press('Enter');
  await page.getByRole('heading', { name: 'Headline figures' }).waitFor();
  await page.close();
});

afterAll(async () => {
  await browser?.close();
  store?.close();
  await server?.stop();
});

/** The report JSON in full (every row an object), as the signed-in page gets it. */
function reportJson(page: Page, query: string): Promise<SurveyReport> {
  return page.evaluate((q) => fetch(`/api/officer/surveys/resident-safety/waves/2026/report?${q}&detail=full`).then((r) => r.json()), query);
}

/** 0.5983 → "59.8%" (what the pages print; written here independently of the client's formatter). */
const pct = (p: number) => `${(p * 100).toFixed(1)}%`;
const points = (d: number) => (Math.abs(d) * 100).toFixed(1);

const question = (page: Page, name: string) => page.locator('section.question', { has: page.locator(`#q-${name}`) });

describe('results: change since an earlier wave, CI methods, associations', () => {
  it('compared with 2025: every significant change in words and in the table, exactly as the report says', async () => {
    const page = await browser!.newPage(1280);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${srv().url}/officer/results?survey=resident-safety&wave=2026`);
    // The compare choice lists the survey's other waves only.
    await expect
      .poll(() => page.getByLabel('Compare with').locator('option').allTextContents(), { timeout: 20_000 })
      .toEqual(['No comparison', '2025 – closed, 1,800 responses']);
    await page.getByLabel('Compare with').selectOption('2025');
    await page.getByRole('button', { name: 'Show results' }).click();
    // Loading takes a moment: progress is shown and the button is disabled meanwhile.
    await expect
      .poll(() => page.locator('.progress').textContent(), { timeout: 5000 })
      .toMatch(/Working out the weighted results for wave 2026 and the change since 2025/);
    expect(await page.getByRole('button', { name: 'Loading…' }).isDisabled()).toBe(true);
    await page.locator('section.question').first().locator('canvas').waitFor({ timeout: 20_000 });
    expect(await page.locator('.progress').count()).toBe(0);
    await loadAllQuestions(page);
    await expect(page.locator('.report h2').textContent()).resolves.toBe('Maidstone Community Safety Survey, wave 2026 compared with 2025');

    const report = await reportJson(page, 'compareWave=2025');
    // Weighting variables are set to the population shares in each wave: the report leaves their changes untested.
    const margins = new Set(report.weighting.margins);
    expect([...margins].sort()).toEqual(['age_band', 'sex', 'ward']);
    const isUntested = (c: { suppressed: boolean; p: number | null; reason?: string }) =>
      !c.suppressed && c.p === null && /^Set by the weighting/.test(c.reason ?? '');
    expect([...new Set(report.changes!.filter(isUntested).map((c) => c.question))].sort()).toEqual([...margins].sort());
    const changes = report.changes!.filter((c) => !isUntested(c));
    const significant = changes.filter((c) => c.significant && !c.suppressed);
    expect(significant.length).toBeGreaterThan(3);
    expect(changes.length - significant.length).toBeGreaterThan(3);

    // Words: one sentence per significant change, in its question, with both estimates and the points.
    for (const c of significant) {
      const items = await question(page, c.question).locator('.changes li.significant').allTextContents();
      const direction = c.difference! > 0 ? 'rise' : 'fall';
      const expected = `${pct(c.to.estimate!)} vs ${pct(c.from.estimate!)}, a ${direction} of ${points(c.difference!)} points (significant).`;
      expect(
        items.filter((t) => t.endsWith(expected)),
        `${c.question} ${c.category}: ${items.join(' | ')}`,
      ).toHaveLength(1);
    }
    // Nothing else is called significant: as many significant sentences as significant changes…
    expect(await page.locator('.changes li.significant').count()).toBe(significant.length);
    for (const t of await page.locator('.changes li:not(.significant)').allTextContents())
      expect(t).toMatch(/\(not significant after adjustment for multiple comparisons\)\.$|is not shown/);
    // …and a headline row reads as a sentence about residents.
    const dark = changes.find((c) => c.question === 'safe_dark_local' && c.category === 'safe')!;
    const darkText = `${dark.difference! > 0 ? 'More' : 'Fewer'} residents feel safe in their local area after dark than in 2025: ${pct(dark.to.estimate!)} vs ${pct(dark.from.estimate!)}`;
    expect(dark.significant).toBe(true);
    await expect(question(page, 'safe_dark_local').locator('.changes li').first().textContent()).resolves.toContain(darkText);

    // The table: the 2025 estimate and the change in points, significant or not, for every row.
    const darkTable = question(page, 'safe_dark_local').locator('table');
    expect(await darkTable.locator('thead th').allTextContents()).toEqual(['Answer', 'All respondents', '2025 (all respondents)', 'Change since 2025']);
    const rows = changes.filter((c) => c.question === 'safe_dark_local');
    const cells = await darkTable.locator('tbody td.change').allTextContents();
    expect(cells).toEqual(
      rows.map((c) => `${c.difference! > 0 ? '+' : '−'}${points(c.difference!)} points (${c.significant ? 'significant' : 'not significant'})`),
    );
    const earlier = await darkTable.locator('tbody td.earlier').allTextContents();
    expect(earlier).toEqual(rows.map((c) => `${pct(c.from.estimate!)} n=${c.from.n!.toLocaleString('en-GB')}`));
    expect(await page.locator('td.change.significant').count()).toBe(significant.length);
    for (const name of margins) {
      await expect(question(page, name).locator('.note').last().textContent()).resolves.toMatch(
        /not tested for some answers: Set by the weighting in both waves/,
      );
      expect(await question(page, name).locator('.changes li, td.change').count()).toBe(0);
      expect((await question(page, name).locator('td.suppressed').allTextContents()).filter((t) => t === 'not tested').length).toBeGreaterThan(1);
    }

    await page.screenshot({ path: join(screens, 'officer-results-change-1280.png') });
    await question(page, 'safe_dark_local').screenshot({ path: join(screens, 'officer-results-change-question-1280.png') });
    await page.setViewportSize({ width: 768, height: 1000 });
    await page.waitForTimeout(300);
    await noSidewaysScroll(page, 768);
    await question(page, 'safe_day_local').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screens, 'officer-results-change-768.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('Wilson intervals are those of ?ci=wilson; a breakdown shows the Rao–Scott test in words', async () => {
    const page = await browser!.newPage(1280);
    await page.goto(`${srv().url}/officer/results?survey=resident-safety&wave=2026`);
    // One line on each method beside its choice; logit is the default.
    expect(await page.getByLabel('Logit (default)').isChecked()).toBe(true);
    await expect(page.locator('#ci-beta-line').textContent()).resolves.toMatch(/Clopper–Pearson/);
    await page.getByLabel('Wilson').check();
    await page.getByLabel('What is your sex?').check();
    await page.getByRole('button', { name: 'Show results' }).click();
    await page.locator('section.question').first().locator('canvas').waitFor({ timeout: 20_000 });
    await loadAllQuestions(page);
    await expect(page.locator('.method').textContent()).resolves.toContain('95% confidence intervals: Wilson.');

    const wilson = await reportJson(page, 'by=sex&ci=wilson');
    const logit = await reportJson(page, 'by=sex');
    expect(wilson.ciMethod).toBe('wilson');
    const ciOf = (e: Estimate) => `(${(e.ci![0] * 100).toFixed(1)}–${(e.ci![1] * 100).toFixed(1)}%)`;
    const key = (e: Estimate) => `${e.question}|${e.category}|${e.group?.value ?? ''}`;
    const logitCi = new Map(logit.estimates.map((e) => [key(e), e.ci ? ciOf(e) : '']));
    let differsFromLogit = 0;
    // Questions where some Wilson limits differ from logit ones at one decimal (overall or by sex).
    for (const name of ['safe_home', 'unsafe_places', 'ethnicity']) {
      const estimates = wilson.estimates.filter((e) => e.question === name);
      const overall = estimates.filter((e) => e.group === null);
      const groups = [...new Set(estimates.filter((e) => e.group).map((e) => e.group!.value))];
      // The table reads row by row: all respondents, then each group, suppressed cells without a CI.
      const expected = overall.flatMap((o) =>
        [o, ...groups.map((g) => estimates.find((e) => e.category === o.category && e.group?.value === g)!)].filter((e) => e && !e.suppressed && e.ci),
      );
      const shown = await question(page, name).locator('tbody .ci').allTextContents();
      expect(
        shown.map((s) => s.trim()),
        name,
      ).toEqual(expected.map(ciOf));
      differsFromLogit += expected.filter((e) => logitCi.get(key(e)) !== ciOf(e)).length;
    }
    expect(differsFromLogit).toBeGreaterThan(0);

    // Associations (Rao–Scott) per question × breakdown, called significant only when the report says so. The page
    // fetches each question on its own, and associations are BH-adjusted across the questions of a request: so the
    // expected words are those of the question's own report.
    const perQuestion = await Promise.all(
      [...new Set(wilson.associations.map((a) => a.question))].map((q) => reportJson(page, `by=sex&ci=wilson&question=${q}`)),
    );
    const shownAssociations = perQuestion.flatMap((r) => r.associations);
    expect(shownAssociations.map((a) => a.p)).toEqual(wilson.associations.map((a) => a.p));
    for (const a of shownAssociations) {
      const text = await question(page, a.question).locator('.associations li').textContent();
      if (a.F === null) expect(text).toMatch(/could not be run/);
      else if (a.significant)
        expect(text).toMatch(
          new RegExp(`^Rao–Scott test of association across the groups \\(sex\\): answers differ by sex; .*F = ${a.F.toFixed(2)} .*; significant\\)\\.$`),
        );
      else
        expect(text).toMatch(new RegExp(`^Rao–Scott test of association across the groups \\(sex\\): no significant association .*\\(F = ${a.F.toFixed(2)} `));
    }
    expect(await page.locator('.associations li.significant').count()).toBe(shownAssociations.filter((a) => a.significant).length);
    await question(page, 'safe_home').screenshot({ path: join(screens, 'officer-results-wilson-sex-1280.png') });
    await page.close();
  });

  it('by ward: a ward map per question of the answer picked, tooltips from the report, small bases hatched', async () => {
    const page = await browser!.newPage(1280);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${srv().url}/officer/results?survey=resident-safety&wave=2026`);
    await page.getByLabel('Which ward do you live in?').check();
    await page.getByRole('button', { name: 'Show results' }).click();
    await page.locator('section.question').first().locator('canvas').waitFor({ timeout: 20_000 });
    await loadAllQuestions(page);

    const report = await reportJson(page, 'by=ward');
    const wardMap: { wards: { code: string; name: string }[] } = await page.evaluate(() => fetch('/api/officer/areas/map').then((r) => r.json()));
    expect(wardMap.wards).toHaveLength(26);
    const name = new Map(wardMap.wards.map((w) => [w.code, w.name]));
    /** The tooltips the report's figures give for one answer of safe_home, written here independently of the client. */
    const expectedTitles = (category: string) =>
      report.estimates
        .filter((e) => e.question === 'safe_home' && e.category === category && e.group && name.has(e.group.value))
        .map(
          (e) =>
            `${name.get(e.group!.value)}: ${
              e.suppressed || e.estimate === null
                ? `no figure: ${e.reason}`
                : `${pct(e.estimate)} (95% CI ${(e.ci![0] * 100).toFixed(1)}–${(e.ci![1] * 100).toFixed(1)}%), ${e.n!.toLocaleString('en-GB')} ${e.n === 1 ? 'reply' : 'replies'}`
            }`,
        );
    const overall = report.estimates.filter((e) => e.question === 'safe_home' && e.group === null);
    const [first, second] = overall;

    // One map per question, every ward drawn; the answer shown is the question's first unless another is picked.
    const map = page.locator('#ward-map-safe_home');
    await expect.poll(() => map.locator('g.ward').count()).toBe(26);
    // Every question with estimates by ward has its map (the ward question itself aside: 100% in each ward says nothing).
    const mapped = new Set(report.estimates.filter((e) => e.group && name.has(e.group.value) && e.question !== 'ward').map((e) => e.question));
    expect(mapped.has('safe_home')).toBe(true);
    expect((await page.locator('figure.ward-map').evaluateAll((fs) => fs.map((f) => f.id))).sort()).toEqual([...mapped].map((q) => `ward-map-${q}`).sort());
    expect(await question(page, 'safe_home').getByLabel('Answer shown on the ward map').inputValue()).toBe(first.category);
    expect(await map.locator('svg[role="img"]').getAttribute('aria-labelledby')).toBe('ward-map-safe_home-title ward-map-safe_home-desc');
    const titles = () => map.locator('g.ward > title').allTextContents();
    const shownFirst = expectedTitles(first.category);
    expect(shownFirst).toHaveLength(26);
    await expect.poll(async () => [...(await titles())].sort()).toEqual([...shownFirst].sort());

    // Hatched: exactly the wards with a figure on fewer than 100 replies, with the legend line; the legend counts all 26.
    const small = (category: string) =>
      report.estimates.filter((e) => e.question === 'safe_home' && e.category === category && e.group && name.has(e.group.value) && !e.suppressed && e.n! < 100)
        .length;
    expect(await map.locator('g.ward path[fill^="url("]').count()).toBe(small(first.category));
    const legend = await map.locator('.map-legend li').allTextContents();
    expect(
      legend
        .map((t) => Number(t.match(/: (\d+) wards?$/)![1]))
        .filter((_, i) => !legend[i].startsWith('Hatched'))
        .reduce((a, b) => a + b, 0),
    ).toBe(26);
    if (small(first.category))
      expect(legend).toContain(`Hatched: Fewer than 100 replies: read with care: ${small(first.category)} ward${small(first.category) === 1 ? '' : 's'}`);
    await expect(map.locator('desc').textContent()).resolves.toMatch(
      /^Darker wards have higher weighted estimates, lightest lowest\. Highest: .* Every figure is in the table below\.$/,
    );

    // Another answer picked: the map redraws with its figures.
    await question(page, 'safe_home').getByLabel('Answer shown on the ward map').selectOption(second.category);
    await expect.poll(async () => [...(await titles())].sort()).toEqual([...expectedTitles(second.category)].sort());
    await expect.poll(() => map.locator('title').first().textContent()).toContain(second.label.replace(/^Net:\s*/i, ''));

    await question(page, 'safe_home')
      .locator('.results-ward-map')
      .screenshot({ path: join(screens, 'officer-results-ward-map-1280.png') });
    await page.setViewportSize({ width: 768, height: 900 });
    await page.waitForTimeout(300);
    await noSidewaysScroll(page, 768);
    await question(page, 'safe_home')
      .locator('.results-ward-map')
      .screenshot({ path: join(screens, 'officer-results-ward-map-768.png') });
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});

/** Sheet rows as objects keyed by the header row (row 2: row 1 is the synthetic-data notice). */
function records(rows: CellValue[][]): Record<string, CellValue>[] {
  const header = rows[1] as string[];
  return rows.slice(2).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

describe('downloads page', () => {
  it('downloads the report tables with the chosen options; the workbook holds the report figures; audited', async () => {
    const page = await browser!.newPage(1280);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${srv().url}/officer/exports?survey=resident-safety&wave=2026`);
    await page.getByRole('heading', { name: 'Downloads and committee report' }).waitFor();
    // The wave holds demo data: said before anything is downloaded. So are the audit log and what the responses hold.
    await expect.poll(() => page.locator('.banner').textContent()).toMatch(/SYNTHETIC demo data/);
    await expect(page.locator('.audit-note').textContent()).resolves.toMatch(/Every download is recorded in the audit log/);
    await expect(page.locator('dl.columns').textContent()).resolves.toMatch(/design_weight.*weight/);
    await expect(page.locator('#committee-heading + p').textContent()).resolves.toMatch(/opens in a new tab: use Print → Save as PDF/);

    await page.getByLabel('What is your sex?').check();
    await page.getByLabel('How old are you?').check();
    await page.getByLabel('Compare with').selectOption('2025');
    await expect(page.locator('.chosen').textContent()).resolves.toMatch(
      /broken down by “What is your sex\?”, “How old are you\?”, with the change since 2025/,
    );

    const before = (await recentAudit(store!, 1000)).filter((a) => a.action === 'export.report-xlsx').length;
    const downloaded = page.waitForEvent('download', { timeout: 30_000 });
    await page.getByRole('button', { name: 'Download the report tables (XLSX)' }).click();
    // "Preparing…" while the server builds it, every download button disabled meanwhile.
    await expect.poll(() => page.locator('.download-card .progress').textContent(), { timeout: 5000 }).toMatch(/^Preparing the report tables \(XLSX\)…/);
    expect(await page.getByRole('button', { name: 'Preparing…' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Download responses (CSV)' }).isDisabled()).toBe(true);
    await page.screenshot({ path: join(screens, 'officer-exports-preparing-1280.png') });
    const download = await downloaded;
    expect(download.suggestedFilename()).toBe('resident-safety-2026-report.xlsx');
    const file = join(tmpdir(), `exports-e2e-${process.pid}-report.xlsx`);
    await download.saveAs(file);
    await expect.poll(() => page.locator('.download-card .status').textContent()).toMatch(/^Saved resident-safety-2026-report\.xlsx \([\d.]+ KB\)/);

    const sheets = readXlsx(readFileSync(file));
    expect(sheets.map((s) => s.name)).toEqual(['About', 'estimates', 'comparisons', 'associations', 'changes']);
    const report = await reportJson(page, 'by=sex,age_band&compareWave=2025');
    const estimates = records(sheets[1].rows);
    expect(estimates).toHaveLength(report.estimates.length);
    for (const e of report.estimates.filter((_, i) => i % 7 === 0)) {
      const row = estimates.find(
        (r) =>
          r.question === e.question &&
          r.category === e.category &&
          (r.group_variable || null) === (e.group?.variable ?? null) &&
          (r.group_value || null) === (e.group?.value ?? null),
      )!;
      expect(row, `${e.question} ${e.category} ${e.group?.value}`).toBeDefined();
      expect(row.n).toBe(e.n);
      if (e.suppressed) expect(row.estimate).toBeNull();
      else {
        expect(row.estimate as number).toBeCloseTo(e.estimate!, 12);
        expect(row.ci_lower as number).toBeCloseTo(e.ci![0], 12);
        expect(row.ci_upper as number).toBeCloseTo(e.ci![1], 12);
      }
    }
    const changes = records(sheets[4].rows);
    expect(changes.filter((c) => c.significant === true).map((c) => `${c.question}|${c.category}`)).toEqual(
      report.changes!.filter((c: Change) => c.significant).map((c) => `${c.question}|${c.category}`),
    );
    const comparisons = records(sheets[2].rows);
    expect(new Set(comparisons.map((c) => c.variable))).toEqual(new Set(['sex', 'age_band']));
    expect(comparisons.filter((c) => c.significant === true)).toHaveLength(report.comparisons.filter((c) => c.significant).length);

    const audit = (await recentAudit(store!, 1000)).filter((a) => a.action === 'export.report-xlsx');
    expect(audit).toHaveLength(before + 1);
    expect(audit[0]).toMatchObject({ email: EMAIL, details: { survey: 'resident-safety', wave: '2026', by: ['sex', 'age_band'], compareWave: '2025' } });

    await page.screenshot({ path: join(screens, 'officer-exports-1280.png') });
    await page.screenshot({ path: join(screens, 'officer-exports-1280-full.png'), fullPage: true });
    await page.setViewportSize({ width: 768, height: 1000 });
    await page.waitForTimeout(300);
    await noSidewaysScroll(page, 768);
    await page.screenshot({ path: join(screens, 'officer-exports-768.png') });
    await page.screenshot({ path: join(screens, 'officer-exports-768-full.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('saves the responses as CSV with a row per reply', async () => {
    const page = await browser!.newPage(1280);
    await page.goto(`${srv().url}/officer/exports?survey=resident-safety&wave=2025`);
    const downloaded = page.waitForEvent('download', { timeout: 30_000 });
    await page.getByRole('button', { name: 'Download responses (CSV)' }).click();
    const download = await downloaded;
    expect(download.suggestedFilename()).toBe('resident-safety-2025-responses.csv');
    const file = join(tmpdir(), `exports-e2e-${process.pid}-responses.csv`);
    await download.saveAs(file);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toMatch(/^id,wave,link,created_at,status,source,synthetic,survey_version,design_weight,weight,safe_home,/);
    expect(lines.length - 1).toBe(1800);
    expect(lines[1]).toContain('synthetic (made-up demo data)');
    await page.close();
  });

  it('saves the responses for SPSS and for R from their card, each audited; the card is axe-clean', async () => {
    const page = await browser!.newPage(1280);
    await page.goto(`${srv().url}/officer/exports?survey=resident-safety&wave=2025`);
    const card = page.locator('section[aria-labelledby="analysts-heading"]');
    await card.getByRole('heading', { name: 'Anonymised responses for SPSS and R' }).waitFor();
    const axe = await new AxeBuilder({ page })
      .include('section[aria-labelledby="analysts-heading"]')
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      .analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    const audited = async (action: string) => (await recentAudit(store!, 1000)).filter((a) => a.action === action).length;

    const savBefore = await audited('export.responses-sav');
    let downloaded = page.waitForEvent('download', { timeout: 30_000 });
    await card.getByRole('button', { name: 'Download for SPSS (.sav)' }).click();
    let download = await downloaded;
    expect(download.suggestedFilename()).toBe('resident-safety-2025-responses.sav');
    const savFile = join(tmpdir(), `exports-e2e-${process.pid}-responses.sav`);
    await download.saveAs(savFile);
    const sav = readFileSync(savFile);
    expect(sav.subarray(0, 4).toString('latin1')).toBe('$FL2');
    // Cases in the header: the wave's 1,800 replies.
    expect(sav.readInt32LE(80)).toBe(1800);
    await expect.poll(() => card.locator('.status').textContent()).toMatch(/^Saved resident-safety-2025-responses\.sav \([\d.]+ (KB|MB)\)/);
    expect(await audited('export.responses-sav')).toBe(savBefore + 1);

    const rBefore = await audited('export.responses-r');
    downloaded = page.waitForEvent('download', { timeout: 30_000 });
    await card.getByRole('button', { name: 'Download for R (CSV and labels.R, ZIP)' }).click();
    download = await downloaded;
    expect(download.suggestedFilename()).toBe('resident-safety-2025-responses-r.zip');
    const zipFile = join(tmpdir(), `exports-e2e-${process.pid}-responses-r.zip`);
    await download.saveAs(zipFile);
    const files = readZip(readFileSync(zipFile));
    expect([...files.keys()]).toEqual(['README.txt', 'labels.R', 'responses.csv']);
    expect(files.get('responses.csv')!.toString('utf8').trimEnd().split('\n')).toHaveLength(1801);
    await expect.poll(() => card.locator('.status').textContent()).toMatch(/^Saved resident-safety-2025-responses-r\.zip \([\d.]+ KB\)/);
    expect(await audited('export.responses-r')).toBe(rBefore + 1);
    await card.screenshot({ path: join(screens, 'officer-exports-analysts-1280.png') });
    await page.close();
  });

  it('saves the report as cross-tabs with the chosen breakdown: a sheet per question, the groups as columns; audited', async () => {
    const page = await browser!.newPage(1280);
    await page.goto(`${srv().url}/officer/exports?survey=resident-safety&wave=2026`);
    await page.getByLabel('What is your sex?').check();
    const before = (await recentAudit(store!, 1000)).filter((a) => a.action === 'export.report-crosstabs').length;
    const downloaded = page.waitForEvent('download', { timeout: 30_000 });
    await page.getByRole('button', { name: 'Download as cross-tabs (XLSX)' }).click();
    const download = await downloaded;
    expect(download.suggestedFilename()).toBe('resident-safety-2026-report-crosstabs.xlsx');
    const file = join(tmpdir(), `exports-e2e-${process.pid}-report-crosstabs.xlsx`);
    await download.saveAs(file);
    await expect.poll(() => page.locator('.download-card .status').textContent()).toMatch(/^Saved resident-safety-2026-report-crosstabs\.xlsx/);
    const sheets = readXlsx(readFileSync(file));
    const report = await reportJson(page, 'by=sex');
    expect(sheets.map((s) => s.name)).toEqual(['About', ...new Set(report.estimates.map((e) => e.question))]);
    const header = sheets.find((s) => s.name === 'safe_dark_local')!.rows[1];
    expect(header.filter((h) => typeof h === 'string' && h.endsWith(': significance'))).toEqual(['Female (A): significance', 'Male (B): significance']);
    const audit = (await recentAudit(store!, 1000)).filter((a) => a.action === 'export.report-crosstabs');
    expect(audit).toHaveLength(before + 1);
    expect(audit[0]).toMatchObject({ email: EMAIL, details: { survey: 'resident-safety', wave: '2026', by: ['sex'] } });
    await page.close();
  });

  it('says in words why a download is refused (the role was taken away meanwhile: 403)', async () => {
    const page = await browser!.newPage(1280);
    await page.goto(`${srv().url}/officer/exports?survey=resident-safety&wave=2026`);
    await page.getByRole('button', { name: 'Download responses (XLSX)' }).waitFor();
    store!.sqlite.prepare("UPDATE officer_roles SET role = 'viewer' WHERE officer_id = (SELECT id FROM officers WHERE email = ?)").run(EMAIL);
    try {
      const before = (await recentAudit(store!, 1000)).length;
      await page.getByRole('button', { name: 'Download responses (XLSX)' }).click();
      const alert = page.locator('.download-card [role=alert]');
      await expect
        .poll(() => alert.textContent())
        .toBe("The anonymised responses (XLSX) could not be prepared: Your viewer account can't do this: it needs the analyst or admin role. Ask an admin.");
      // Moved to, so it is read at once; nothing was downloaded, so nothing audited.
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alert');
      expect((await recentAudit(store!, 1000)).length).toBe(before);
      await page.locator('.download-card', { has: page.locator('[role=alert]') }).screenshot({ path: join(screens, 'officer-exports-refused-1280.png') });
    } finally {
      store!.sqlite.prepare("UPDATE officer_roles SET role = 'analyst' WHERE officer_id = (SELECT id FROM officers WHERE email = ?)").run(EMAIL);
    }
    await page.close();
  });

  it('opens the committee report in a new tab; it prints to a several-page A4 PDF with its charts drawn', async () => {
    const page = await browser!.newPage(1280);
    await page.goto(`${srv().url}/officer/exports?survey=resident-safety&wave=2026`);
    await page.getByLabel('What is your sex?').check();
    await page.getByLabel('Compare with').selectOption('2025');
    const popup = page.waitForEvent('popup', { timeout: 30_000 });
    await page.getByRole('button', { name: 'Open the committee report' }).click();
    const tab = await popup;
    await tab.getByRole('heading', { name: 'Maidstone Community Safety Survey: 2026 results', level: 1 }).waitFor({ timeout: 30_000 });
    await expect.poll(() => page.locator('.download-card .status').textContent()).toMatch(/committee report is open in a new tab/);

    // What Appendix 4 holds: about the survey (sample, weighting, margin of error), findings, charts, tables.
    const headings = await tab.locator('h2').allTextContents();
    expect(headings).toEqual(
      expect.arrayContaining(['Executive summary', 'Who replied', 'Feeling safe', 'Technical annex: method', 'Technical annex: results by question']),
    );
    await expect(tab.locator('.notice').textContent()).resolves.toMatch(/SYNTHETIC demo data/);
    await expect(tab.locator('section[aria-labelledby="method"] dl.method').textContent()).resolves.toMatch(
      /Margin of error.*±\d\.\d% at the 95% confidence level/s,
    );

    // Question by question, in words as Appendix 4 writes them, only claiming what the report flags.
    const report = await reportJson(page, 'by=sex&compareWave=2025');
    // A question's paragraphs: those straight after its heading in the annex's results by question.
    const summary = (title: string) =>
      tab.getByRole('heading', { name: title, exact: true, level: 3 }).evaluate((h) => {
        const out: string[] = [];
        for (let n = h.nextElementSibling; n?.tagName === 'P'; n = n.nextElementSibling) out.push(n.textContent ?? '');
        return out.join(' ');
      });
    for (const [name, title] of [
      ['safe_dark_local', 'How safe do you feel walking in your local area after dark?'],
      ['safe_home', 'How safe do you feel in your own home?'],
    ]) {
      const c = report.changes!.find((x) => x.question === name && x.category === 'safe')!;
      const text = await summary(title);
      const overall = report.estimates.find((e) => e.question === name && e.category === 'safe' && e.group === null)!;
      expect(text).toContain(`Overall, ${pct(overall.estimate!)} of respondents answered “Very safe” or “Fairly safe”`);
      if (c.significant)
        expect(text).toContain(
          `${pct(c.to.estimate!)} vs ${pct(c.from.estimate!)}, a significant ${c.difference! > 0 ? 'rise' : 'fall'} of ${points(c.difference!)} percentage points.`,
        );
      else
        expect(text).toContain(
          `In 2025 the figure was ${pct(c.from.estimate!)}; the change of ${c.difference! > 0 ? '+' : '-'}${points(c.difference!)} points is not statistically significant.`,
        );
      const bySex = report.comparisons.find((x) => x.question === name && x.category === 'safe' && x.variable === 'sex' && x.a === 'female' && x.b === 'male')!;
      if (bySex.significant) expect(text).toMatch(/By sex, “safe” differs significantly between two groups: (Female|Male) \d+\.\d% vs (Female|Male) \d+\.\d%/);
      else expect(text).not.toMatch(/By sex, “safe” differs significantly/);
    }
    expect(report.changes!.find((x) => x.question === 'safe_dark_local' && x.category === 'safe')!.significant).toBe(true);

    // Charts are drawn: SVGs with bars of real width, one per row that is not suppressed.
    const charts = await tab.locator('svg.chart').evaluateAll((svgs) =>
      svgs.map((svg) => {
        const box = svg.getBoundingClientRect();
        const bars = [...svg.querySelectorAll('rect')].filter((r) => r.getBoundingClientRect().width > 2);
        return { width: box.width, height: box.height, bars: bars.length };
      }),
    );
    expect(charts.length).toBeGreaterThanOrEqual(3);
    for (const c of charts) {
      expect(c.width).toBeGreaterThan(300);
      expect(c.bars).toBeGreaterThan(0);
    }

    // Printed: A4, several pages.
    await tab.emulateMedia({ media: 'print' });
    const pdf = await tab.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    const boxes = pdfPageBoxes(pdf);
    expect(boxes.length).toBeGreaterThanOrEqual(4);
    writeFileSync(join(screens, 'officer-committee-report.pdf'), pdf);
    for (const box of boxes) expect(box).toEqual(A4);
    // In print the charts are still drawn (SVG shown, not hidden by print styles).
    expect(
      await tab
        .locator('svg.chart')
        .first()
        .evaluate((svg) => getComputedStyle(svg).display),
    ).not.toBe('none');

    // The printed report as pictures: print styles at the A4 text width (180 mm ≈ 680 CSS px).
    await tab.setViewportSize({ width: 680, height: 960 });
    await tab.screenshot({ path: join(screens, 'officer-committee-print-page1.png') });
    await tab.locator('#safety').scrollIntoViewIfNeeded();
    await tab.locator('#safety').evaluate((h) => window.scrollTo(0, h.getBoundingClientRect().top + window.scrollY - 8));
    await tab.screenshot({ path: join(screens, 'officer-committee-print-charts.png') });
    await tab.locator('#tables').evaluate((h) => window.scrollTo(0, h.getBoundingClientRect().top + window.scrollY - 8));
    await tab.screenshot({ path: join(screens, 'officer-committee-print-tables.png') });
    await tab.emulateMedia({ media: 'screen' });
    await tab.setViewportSize({ width: 1280, height: 900 });
    await tab.screenshot({ path: join(screens, 'officer-committee-screen-1280.png') });
    await tab.close();
    await page.close();
  });
});
