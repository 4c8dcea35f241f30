/**
 * The Results page fetching what it shows, end to end: the real server on a temporary data folder
 * holding the demo (SYNTHETIC responses), a viewer, headless Chromium. The officer picks two
 * breakdowns and a ward filter, shows the results, jumps to a question from the contents list and
 * sees its filtered results, each figure checked against the report JSON the API gives for the
 * same choices; the choices are in the address; no sideways scroll at 1280 and 768 px.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfficer } from '../../server/accounts/officers.js';
import { loadDemoIfEmpty } from '../../server/demo/load.js';
import type { SurveyReport } from '../../server/reports/survey-report.js';
import { openStore, type SqliteStore as Store } from '../../server/store/open.js';
import { launchBrowser, startServer, type Browser, type RunningServer } from './harness.js';
import { noSidewaysScroll } from './page-checks.js';

const EMAIL = 'viewer@test.invalid';
const PASSWORD = 'long enough pass';

let server: RunningServer | undefined;
let browser: Browser | undefined;
let store: Store | undefined;

beforeAll(async () => {
  server = await startServer();
  store = openStore(server.dataDir);
  await loadDemoIfEmpty(store);
  await createOfficer(store.db, { email: EMAIL, password: PASSWORD, role: 'viewer' });
  browser = await launchBrowser();
  const page = await browser.context.newPage();
  await page.goto(`${server.url}/officer`);
  await page.getByLabel('Email').fill(EMAIL);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByLabel('Password').press('Enter');
  // Signing in lands on the headline figures (the home page).
  await page.getByRole('heading', { name: 'Headline figures' }).waitFor();
  await page.close();
});

afterAll(async () => {
  await browser?.close();
  store?.close();
  await server?.stop();
});

const pct = (p: number) => `${(p * 100).toFixed(1)}%`;

/** The report JSON in full (every row an object), as the signed-in page gets it. */
function reportJson(page: Page, query: string): Promise<SurveyReport> {
  return page.evaluate((q) => fetch(`/api/officer/surveys/resident-safety/waves/2026/report?${q}&detail=full`).then((r) => r.json()), query);
}

describe('results: breakdowns, a filter and the contents list', () => {
  for (const width of [1280, 768]) {
    it(`at ${width} px: two breakdowns and a ward filter, a jump to a question, its filtered results`, async () => {
      const page = await browser!.context.newPage();
      await page.setViewportSize({ width, height: 900 });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${server!.url}/officer/results?survey=resident-safety&wave=2026`);
      await page.getByLabel('What is your sex?').check();
      await page.getByLabel('How old are you?').check();
      await page.getByLabel('Filter on').selectOption('ward');
      const ward = (await page.getByLabel('Answers (choose one or more)').locator('option').first().getAttribute('value'))!;
      const wardName = (await page.getByLabel('Answers (choose one or more)').locator('option').first().textContent())!;
      await page.getByLabel('Answers (choose one or more)').selectOption(ward);
      await page.getByRole('button', { name: 'Add filter' }).click();
      await expect.poll(() => page.locator('.results-controls-chip span').allTextContents()).toEqual([`ward = ${wardName}`]);
      await page.getByRole('button', { name: 'Show results' }).click();

      // The choices are in the address, so the view can be bookmarked.
      await expect.poll(() => new URL(page.url()).searchParams.get('by')).toBe('sex,age_band');
      expect(new URL(page.url()).searchParams.getAll('filter')).toEqual([`ward:${ward}`]);

      const filtered = await reportJson(page, `by=sex,age_band&filter=ward:${ward}&question=worry_knife`);
      const n = filtered.filters[0].n;
      await expect
        .poll(() => page.locator('.results-controls-filtered').textContent(), { timeout: 30_000 })
        .toBe(`Filtered to: ward = ${wardName} (n = ${n.toLocaleString('en-GB')})`);

      // The contents list: a link per question, titles with their stems; following one shows that question.
      const link = page.getByRole('navigation', { name: 'Questions in this report' }).getByRole('link', { name: 'How worried are you about: Knife crime' });
      await link.focus();
      await page.keyboard.press('Enter');
      const section = page.locator('section.question', { has: page.locator('#q-worry_knife') });
      await section.locator('table').waitFor({ timeout: 30_000 });
      await expect.poll(() => section.locator('h3').textContent()).toBe('How worried are you about: Knife crime');
      // The table: all respondents in the ward, then the sex and age-band groups, as the API says.
      const headers = await section.locator('thead th').allTextContents();
      expect(headers.slice(0, 2)).toEqual(['Answer', 'All respondents']);
      const groups = [...new Map(filtered.estimates.filter((e) => e.group).map((e) => [`${e.group!.variable} ${e.group!.value}`, e.group!])).values()];
      expect(headers.length).toBe(2 + groups.length);
      const worried = filtered.estimates.find((e) => e.group === null && e.category === 'worried')!;
      const row = section.locator('tbody tr', { has: page.getByRole('rowheader', { name: 'Net: worried' }) });
      await expect.poll(() => row.locator('td').first().textContent()).toContain(pct(worried.estimate!));
      expect(await row.locator('td').first().textContent()).toContain(`n=${worried.n}`);

      await noSidewaysScroll(page, width);
      expect(errors).toEqual([]);
      await page.close();
    }, 120_000);
  }
});
