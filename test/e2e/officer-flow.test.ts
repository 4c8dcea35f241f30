/**
 * The whole officer workflow of issue 5 in one story, through the pages only: an admin (created
 * with the CLI, as the README says) signs in, creates a school link for the youth survey, a pupil
 * answers through it on a phone, the officer sees the return, weights the wave, opens the results
 * and downloads the XLSX tables (parsed here) and the committee report (rendered and printed here).
 *
 * Data: the demo content (SYNTHETIC youth replies through two fictional schools) plus the one real
 * reply given in this test. The weighting targets uploaded below are MADE UP for the test and are
 * marked illustrative, so the results say so. Screenshots: .tmp/screens/flow-*.png.
 */
import Database from 'better-sqlite3';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readXlsx, type CellValue } from '../../server/formats/xlsx-read.js';
import type { SurveyReport } from '../../server/reports/survey-report.js';
import { answerToTheEnd, completeButton } from './answer.js';
import { launchBrowser, root, seed, startServer, type Browser, type RunningServer } from './harness.js';
import { A4, noSidewaysScroll, pdfPageBoxes } from './page-checks.js';

const ADMIN = 'admin@test.invalid';
const PASSWORD = 'a long kettle passphrase'; // not containing the e-mail's 'admin': the password rule refuses that
const SCHOOL = 'Example Brook School (fictional, test)';
const SURVEY = 'youth-safety';
const WAVE = '2026';
const screens = join(root, '.tmp/screens');
/** Made-up targets (pupils by school year) for this test only: marked illustrative on upload. */
const MADE_UP_TARGETS = [
  'variable,category,target',
  'school_year,year_7,1500',
  'school_year,year_8,1480',
  'school_year,year_9,1450',
  'school_year,year_10,1420',
  'school_year,year_11,1400',
  'school_year,year_12,900',
  'school_year,year_13,850',
].join('\n');

let server: RunningServer | undefined;
let officer: Browser | undefined;
let pupil: Browser | undefined;
/** Carried from step to step, as the story goes. */
let page: Page;
let linkUrl = '';
let demoReturns = 0;
const pageErrors: string[] = [];
const cspViolations: string[] = [];

function srv(): RunningServer {
  if (!server) throw new Error('The server did not start (see beforeAll).');
  return server;
}

/** Read straight from the SQLite file the server writes (read-only). */
function sql<T>(query: string, ...params: unknown[]): T {
  const db = new Database(join(srv().dataDir, 'survey.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(query).get(...params) as T;
  } finally {
    db.close();
  }
}

async function shot(name: string) {
  await page.screenshot({ path: join(screens, `flow-${name}.png`), fullPage: true });
}

/** Goes to a page through the menu, as an officer would. */
async function openFromMenu(name: string, heading: string) {
  await page.getByRole('navigation', { name: 'Officer pages' }).getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { name: heading, level: 2 }).first().waitFor({ timeout: 15_000 });
  await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe(heading);
}

function rowsOf(rows: CellValue[][]): Record<string, CellValue>[] {
  const header = rows[1] as string[];
  return rows.slice(2).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

beforeAll(async () => {
  mkdirSync(screens, { recursive: true });
  server = await startServer();
  await seed(server, { demo: true });
  // The first admin comes from the command line, as on a fresh install.
  await server.cli('officer', 'create', '--email', ADMIN, '--password', PASSWORD, '--role', 'admin');
  demoReturns = sql<{ n: number }>(
    'select count(*) as n from responses r join waves w on r.wave_id = w.id join surveys s on w.survey_id = s.id where s.slug = ? and w.name = ?',
    SURVEY,
    WAVE,
  ).n;
  officer = await launchBrowser();
  pupil = await launchBrowser();
  page = await officer.context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
});

afterAll(async () => {
  await pupil?.close();
  await officer?.close();
  await server?.stop();
});

describe('the officer workflow, end to end', () => {
  it('an admin signs in and creates a school link for the youth survey', async () => {
    await page.goto(`${srv().url}/officer`);
    await page.getByLabel('Email').fill(ADMIN);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.who').getByText(`${ADMIN} (admin)`).waitFor();

    await openFromMenu('Links', 'Links and posters');
    await page.getByLabel('Survey', { exact: true }).selectOption(SURVEY);
    await page.getByLabel('Wave', { exact: true }).selectOption(WAVE);
    await page.getByLabel('Label', { exact: true }).fill(SCHOOL);
    await page.getByLabel('Kind').selectOption('school');
    await page.getByRole('button', { name: 'Create link' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain(`Created the link for ${SCHOOL}.`);
    const row = page.locator('tr.link-row', { hasText: SCHOOL });
    linkUrl = (await row.locator('code.link-address').textContent())!.trim();
    expect(linkUrl).toMatch(new RegExp(`^${srv().url}/y/[A-Za-z0-9_-]{12}$`));
    // The link is in the store, for this wave, as a school link.
    expect(sql<{ label: string; kind: string }>('select label, kind from links where token = ?', linkUrl.split('/').pop())).toEqual({
      label: SCHOOL,
      kind: 'school',
    });
    await shot('links');
  });

  it('a pupil answers through the school link on a phone', async () => {
    const phone = await pupil!.context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    try {
      await phone.goto(linkUrl);
      await phone.locator('.sd-body__page .sd-question').first().waitFor({ timeout: 15_000 });
      await expect(phone.locator('.via').textContent()).resolves.toBe(`Taking part through: ${SCHOOL}`);
      await answerToTheEnd(phone);
      await completeButton(phone).click();
      await phone.locator('.sd-completedpage').waitFor({ timeout: 15_000 });
      await phone.screenshot({ path: join(screens, 'flow-pupil-thank-you.png'), fullPage: true });
    } finally {
      await phone.close();
    }
    const stored = sql<{ n: number; source: string; status: string }>(
      'select count(*) as n, min(r.source) as source, min(r.status) as status from responses r join links l on r.link_id = l.id where l.label = ?',
      SCHOOL,
    );
    expect(stored).toEqual({ n: 1, source: 'web', status: 'complete' });
  });

  it('the officer sees the return: one more in all, and the school with its count suppressed (under 10)', async () => {
    await openFromMenu('Returns', 'Returns');
    // The survey and wave chosen on the links page travel with the officer.
    await expect(page.getByLabel('Survey', { exact: true }).inputValue()).resolves.toBe(SURVEY);
    await expect.poll(() => page.locator('#total-returns').textContent()).toBe((demoReturns + 1).toLocaleString('en-GB'));
    const school = page.locator('#by-school-table tbody tr', { has: page.getByRole('rowheader', { name: SCHOOL }) });
    await expect(school.locator('td').first().textContent()).resolves.toMatch(/suppressed/i);
    // Today's return is counted on today's date.
    await page.getByText(/^Returns by day as a table/).click();
    const today = new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    await expect(page.locator('#by-day-table tbody tr:last-child th').textContent()).resolves.toContain(today.split(' ').slice(0, 2).join(' '));
    await shot('returns');
  });

  it('the officer weights the wave to an uploaded targets file (made up, marked illustrative) and sees the diagnostics', async () => {
    await openFromMenu('Weighting', 'Weighting');
    // The wave choice counts the new reply too (the survey list is fetched again on each page).
    await expect
      .poll(() => page.getByLabel('Wave', { exact: true }).locator('option:checked').textContent())
      .toBe(`${WAVE} – open, ${(demoReturns + 1).toLocaleString('en-GB')} responses`);
    await page.getByLabel('A margins file you upload').check();
    await page
      .getByLabel('Margins file (CSV)')
      .setInputFiles({ name: 'made-up-school-year-targets.csv', mimeType: 'text/csv', buffer: Buffer.from(MADE_UP_TARGETS) });
    await page.getByLabel('These targets are made up (illustrative)').check();
    await page.getByRole('button', { name: 'Run weighting' }).click();
    const done = page.getByRole('status').filter({ hasText: 'Weighting done' });
    await done.waitFor({ timeout: 30_000 });
    // Every complete reply has a school year with a target, so all are weighted, to the targets' total.
    const weighted = sql<{ n: number; total: number }>(
      "select count(*) as n, sum(weight) as total from responses r join waves w on r.wave_id = w.id join surveys s on w.survey_id = s.id where s.slug = ? and w.name = ? and r.status = 'complete' and r.weight > 0",
      SURVEY,
      WAVE,
    );
    expect(weighted.n).toBe(demoReturns + 1);
    expect(weighted.total).toBeCloseTo(9000, 6);
    await expect(done.textContent()).resolves.toContain(`of ${(demoReturns + 1).toLocaleString('en-GB')} responses`);
    await expect(page.locator('.latest .banner').textContent()).resolves.toMatch(/ILLUSTRATIVE/);
    await shot('weighting');
  });

  it('the officer opens the results: weighted, with the new reply in the base and the notices', async () => {
    await openFromMenu('Results', 'Survey results');
    await page.getByRole('button', { name: 'Show results' }).click();
    await page.locator('section.question canvas').first().waitFor({ timeout: 20_000 });
    const report = (await page.evaluate(
      (p) => fetch(p).then((r) => r.json()),
      `/api/officer/surveys/${SURVEY}/waves/${WAVE}/report?detail=full`,
    )) as SurveyReport;
    expect(report.n).toBe(demoReturns + 1);
    expect(report.weighting.kind).toBe('calibrated');
    await expect(page.locator('.method').textContent()).resolves.toContain(`${(demoReturns + 1).toLocaleString('en-GB')} responses`);
    await expect(page.locator('.method').textContent()).resolves.toMatch(/Weighted by poststratification on school year/);
    const banner = await page.locator('.banner').textContent();
    expect(banner).toMatch(/SYNTHETIC/);
    expect(banner).toMatch(/ILLUSTRATIVE/);
    // The first question's caption is the report's own headline figure.
    const first = report.estimates.find((e) => e.group === null && !e.suppressed)!;
    await expect(page.locator('section.question').first().locator('td.num').first().textContent()).resolves.toContain(`${(first.estimate! * 100).toFixed(1)}%`);
    await shot('results');
    // The same page on a tablet: nothing runs off the side.
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.waitForTimeout(300);
    await shot('results-768');
    const widest = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('main *')]
        .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .slice(0, 5)
        .map((e) => `${e.tagName.toLowerCase()}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`),
    );
    await noSidewaysScroll(page, 768, `results at 768: ${widest.join(', ')}`);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('the officer downloads the report tables (XLSX, parsed) and the committee report (rendered and printed)', async () => {
    await openFromMenu('Downloads', 'Downloads and committee report');
    const downloaded = page.waitForEvent('download', { timeout: 30_000 });
    await page.getByRole('button', { name: 'Download the report tables (XLSX)' }).click();
    const download = await downloaded;
    expect(download.suggestedFilename()).toBe(`${SURVEY}-${WAVE}-report.xlsx`);
    const file = join(tmpdir(), `flow-e2e-${process.pid}.xlsx`);
    await download.saveAs(file);
    const sheets = readXlsx(readFileSync(file));
    const report = (await page.evaluate(
      (p) => fetch(p).then((r) => r.json()),
      `/api/officer/surveys/${SURVEY}/waves/${WAVE}/report?detail=full`,
    )) as SurveyReport;
    const estimates = rowsOf(sheets.find((s) => s.name === 'estimates')!.rows);
    expect(estimates).toHaveLength(report.estimates.length);
    for (const e of report.estimates.filter((x) => !x.suppressed && x.group === null).slice(0, 12)) {
      const row = estimates.find((r) => r.question === e.question && r.category === e.category && !r.group_variable)!;
      expect(row.n).toBe(e.n);
      expect(row.estimate as number).toBeCloseTo(e.estimate!, 12);
    }
    // The workbook says what the data are.
    expect(JSON.stringify(sheets.find((s) => s.name === 'About')!.rows)).toMatch(/SYNTHETIC/);

    const popup = page.waitForEvent('popup', { timeout: 30_000 });
    await page.getByRole('button', { name: 'Open the committee report' }).click();
    const tab = await popup;
    try {
      await tab.getByRole('heading', { level: 1 }).waitFor({ timeout: 30_000 });
      await expect(tab.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Youth Safety Survey');
      expect(await tab.locator('h2').allTextContents()).toEqual(
        expect.arrayContaining(['Executive summary', 'Who replied', 'Technical annex: method', 'Technical annex: results by question']),
      );
      await expect(tab.locator('section[aria-labelledby="method"] dl.method').textContent()).resolves.toContain((demoReturns + 1).toLocaleString('en-GB'));
      // Charts are drawn: SVG bars with width.
      const bars = await tab.locator('svg.chart rect').evaluateAll((rects) => rects.filter((r) => r.getBoundingClientRect().width > 2).length);
      expect(bars).toBeGreaterThan(10);
      await tab.screenshot({ path: join(screens, 'flow-committee-report.png') });
      await tab.emulateMedia({ media: 'print' });
      const pdf = await tab.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
      const pages = pdfPageBoxes(pdf);
      expect(pages.length).toBeGreaterThanOrEqual(3);
      for (const box of pages) expect(box).toEqual(A4);
      writeFileSync(join(screens, 'flow-committee-report.pdf'), pdf);
    } finally {
      await tab.close();
    }
    await shot('downloads');
    // Both downloads are in the audit log, under the admin.
    const audited = sql<{ n: number }>(
      "select count(*) as n from audit_log a join officers o on a.officer_id = o.id where o.email = ? and a.action in ('export.report-xlsx', 'export.committee-report')",
      ADMIN,
    );
    expect(audited.n).toBe(2);
  });

  it('raised no script errors and no Content-Security-Policy violations on the way', () => {
    expect(pageErrors).toEqual([]);
    expect(cspViolations).toEqual([]);
  });
});
