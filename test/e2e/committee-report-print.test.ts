/**
 * The committee report printed: the real server on a temporary data folder with the demo wave and
 * the demo's real police.uk month, an analyst signed in in headless Chromium opening the report
 * (by sex and age band, compared with 2025), axe-core clean, printed to A4 PDF. The main body
 * (everything before the technical annex) must fit in 16 A4 pages, counted with pdf-lib; the
 * whole report must be longer than its body. PDFs in .tmp/screens/committee-report-*.pdf.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './axe.js';
import { type Browser, launchBrowser, type RunningServer, root, seed, startServer } from './harness.js';

const ANALYST = 'report-analyst@test.invalid';
const PASSWORD = 'long enough pass';
const screens = join(root, '.tmp/screens');
const BODY_PAGES_AT_MOST = 16;
/** Millimetres → PDF points (A4 is 210 × 297 mm). */
const mm = (x: number) => (x * 72) / 25.4;

let server: RunningServer | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  mkdirSync(screens, { recursive: true });
  const [s, b] = await Promise.allSettled([startServer(), launchBrowser()]);
  if (s.status === 'fulfilled') server = s.value;
  if (b.status === 'fulfilled') browser = b.value;
  if (s.status === 'rejected') throw s.reason;
  if (b.status === 'rejected') throw b.reason;
  await seed(server!, { demo: true, demoCrime: true, officers: [{ email: ANALYST, password: PASSWORD, role: 'analyst' }] });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, 30_000);

describe('the committee report, printed', () => {
  it('opens with its sections in order, passes axe, and its body prints in at most 16 A4 pages', { timeout: 240_000 }, async () => {
    const page = await browser!.newPage(1280);
    await page.goto(`${server!.url}/officer/sign-in`);
    await page.getByLabel('Email').fill(ANALYST);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByLabel('Password').press('Enter');
    await page.waitForURL((u) => u.pathname !== '/officer/sign-in', { timeout: 30_000 });
    await page.goto(`${server!.url}/api/officer/surveys/resident-safety/waves/2026/committee-report.html?by=sex,age_band&compareWave=2025`, {
      timeout: 120_000,
    });
    await page.getByRole('heading', { name: 'Maidstone Community Safety Survey: 2026 results', level: 1 }).waitFor({ timeout: 60_000 });
    await expect
      .poll(() => page.locator('h2').allTextContents(), { timeout: 30_000 })
      .toEqual([
        'Contents',
        'Executive summary',
        'How the survey was done',
        'Who replied',
        'Who replied, by ward',
        'How precise the figures are',
        'Feeling safe',
        'Worry about crime',
        'Feelings beside recorded crime',
        'Technical annex: method',
        'Technical annex: who replied, by ward',
        'Technical annex: results by question',
        'Technical annex: differences between groups',
      ]);
    await expect(page.locator('.title-page .notice').textContent()).resolves.toMatch(/SYNTHETIC demo data/);
    // The contents link to their sections.
    await page.getByRole('link', { name: 'Who replied', exact: true }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#who-replied');
    await expectNoAxeViolations(page, 'the committee report');

    await page.emulateMedia({ media: 'print' });
    const whole = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    writeFileSync(join(screens, 'committee-report-whole.pdf'), whole);
    const wholeDoc = await PDFDocument.load(whole);
    for (const p of wholeDoc.getPages()) {
      expect(p.getWidth()).toBeCloseTo(mm(210), 0);
      expect(p.getHeight()).toBeCloseTo(mm(297), 0);
    }
    // The main body alone: the annex sections taken out, then printed again.
    const annexSections = await page.locator('section.annex').count();
    expect(annexSections).toBe(4);
    await page.evaluate(() => {
      for (const s of document.querySelectorAll('section.annex')) s.remove();
    });
    await expect.poll(() => page.locator('section.annex').count()).toBe(0);
    const body = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    writeFileSync(join(screens, 'committee-report-body.pdf'), body);
    const bodyPages = (await PDFDocument.load(body)).getPageCount();
    // Title page, then at least the contents and summary, the who-replied tables and the maps.
    expect(bodyPages).toBeGreaterThanOrEqual(5);
    expect(bodyPages).toBeLessThanOrEqual(BODY_PAGES_AT_MOST);
    expect(wholeDoc.getPageCount()).toBeGreaterThan(bodyPages);
    await page.close();
  });
});
