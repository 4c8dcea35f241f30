/**
 * The priority matrix end to end: the real server on a temporary data folder with the demo's real
 * police.uk month, an analyst in headless Chromium choosing the assessment year, scoring two
 * themes on all five criteria, reading the ranked list (order worked out here from the scores and
 * weights), changing a weight and seeing the order change, reloading and finding it all kept; a
 * viewer reads the same matrix without any form. axe-core clean; screenshots at 375 and 1280 px
 * in .tmp/screens/priorities-*.png.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './axe.js';
import { launchBrowser, root, seed, startServer, type Browser, type RunningServer } from './harness.js';
import { noSidewaysScroll } from './page-checks.js';

const ANALYST = 'priorities-analyst@test.invalid';
const VIEWER = 'priorities-viewer@test.invalid';
const PASSWORD = 'long enough pass';
const YEAR = '2019';
const screens = join(root, '.tmp/screens');
/** The matrix GET gathers the evidence of every theme: seconds on a slow machine. */
const SLOW = 60_000;

const CRITERIA = ['Threat', 'Risk', 'Harm', 'Vulnerability', 'Capacity gap'] as const;
/** Threat, risk, harm, vulnerability, capacity gap. */
const BURGLARY = [4, 4, 5, 2, 1];
const VEHICLE = [3, 3, 3, 3, 3];

/** The weighted mean of five scores, worked out here (not read from the server). */
const weighted = (s: number[], w: number[]) => s.reduce((a, x, i) => a + x * w[i], 0) / w.reduce((a, x) => a + x, 0);

let server: RunningServer | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  mkdirSync(screens, { recursive: true });
  const [s, b] = await Promise.allSettled([startServer(), launchBrowser()]);
  if (s.status === 'fulfilled') server = s.value;
  if (b.status === 'fulfilled') browser = b.value;
  if (s.status === 'rejected') throw s.reason;
  if (b.status === 'rejected') throw b.reason;
  await seed(server!, {
    demoCrime: true,
    officers: [
      { email: ANALYST, password: PASSWORD, role: 'analyst' },
      { email: VIEWER, password: PASSWORD, role: 'viewer' },
    ],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, 30_000);

async function signedInAt(email: string, path: string, width = 1280): Promise<Page> {
  const page = await browser!.newPage(width);
  await page.goto(`${server!.url}${path}`);
  await page.getByRole('heading', { name: /^(Sign in|Priorities)$/ }).waitFor({ timeout: 15_000 });
  if (new URL(page.url()).pathname === '/officer/sign-in') {
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByLabel('Password').press('Enter');
  }
  await page.getByRole('heading', { name: 'Priorities', exact: true }).waitFor({ timeout: 15_000 });
  return page;
}

/** The ranked list as [rank, theme] for the ranked rows, polled until it equals `expected`. */
async function expectRanked(page: Page, expected: [string, string][]): Promise<void> {
  const ranked = () =>
    page
      .locator('table.priorities-ranked tbody tr')
      .evaluateAll((rows) =>
        rows
          .map((r) => [r.querySelector('td')?.textContent?.trim() ?? '', r.querySelector('th')?.textContent?.trim() ?? ''] as [string, string])
          .filter(([rank]) => rank !== 'Not ranked'),
      );
  await expect.poll(ranked, { timeout: SLOW }).toEqual(expected);
}

async function score(page: Page, theme: string, scores: number[]): Promise<void> {
  const section = page.locator('section.theme').filter({ has: page.getByRole('heading', { name: new RegExp(`^${theme} \\(`) }) });
  await section.getByText(`Score ${theme}`, { exact: true }).click();
  for (const [i, criterion] of CRITERIA.entries()) {
    await section
      .getByRole('group', { name: `${criterion} for ${theme}` })
      .getByRole('radio', { name: new RegExp(`^${scores[i]} – `) })
      .check();
  }
  await section.getByRole('button', { name: `Save the scores for ${theme}` }).click();
  await page
    .getByRole('status')
    .filter({ hasText: `Saved the scores for ${theme}` })
    .waitFor({ timeout: SLOW });
}

describe('priorities page', () => {
  it('lets an analyst score two themes, rank them, re-weigh them and find it all after a reload', async () => {
    const page = await signedInAt(ANALYST, '/officer/priorities');
    try {
      // The year is chosen on the page; a bad one is refused in words.
      const year = page.getByLabel('Assessment year');
      await year.fill('19');
      await page.getByRole('button', { name: 'Show the year' }).click();
      await expect.poll(() => page.getByRole('alert').innerText()).toBe('Enter the assessment year as four digits, for example 2026.');
      await year.fill(YEAR);
      await page.getByRole('button', { name: 'Show the year' }).click();
      await page.getByRole('heading', { name: `Ranked list, ${YEAR}` }).waitFor({ timeout: SLOW });
      expect(new URL(page.url()).searchParams.get('year')).toBe(YEAR);

      // The evidence says what the data cannot support (one month, no population); no score is pre-filled.
      const burglary = page.locator('#theme-burglary');
      await expect
        .poll(() => burglary.locator('ul.evidence li').first().innerText(), { timeout: SLOW })
        .toBe(
          'Volume: no figure for February 2018 to January 2019: No population figures have been loaded: add them on the Data page (or with `population import`) so crime rates per 1,000 residents can be computed.',
        );
      await expect.poll(() => burglary.getByRole('heading', { level: 4 }).innerText()).toBe('Burglary (not scored yet)');
      await expectRanked(page, []);

      await score(page, 'Burglary', BURGLARY);
      await score(page, 'Vehicle crime', VEHICLE);
      // Equal weights: burglary (4+4+5+2+1)/5 = 3.2 above vehicle crime's 3.0.
      const equal = [1, 1, 1, 1, 1];
      expect(weighted(BURGLARY, equal)).toBeCloseTo(3.2, 10);
      await expectRanked(page, [
        ['1', 'Burglary'],
        ['2', 'Vehicle crime'],
      ]);
      await expect.poll(() => burglary.getByRole('heading', { level: 4 }).innerText()).toBe('Burglary (ranked 1, weighted score 3.20)');
      // Who scored, and when, in UK words.
      const today = new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
      await expect
        .poll(() => burglary.getByRole('group', { name: 'Harm for Burglary' }).locator('.hint').innerText())
        .toMatch(new RegExp(`^Scored 5 by ${ANALYST.replace(/\./g, '\\.')} on ${today} at \\d\\d:\\d\\d\\.$`));

      // Harm left out: burglary (4+4+2+1)/4 = 2.75 falls below vehicle crime's 3.0.
      const noHarm = [1, 1, 0, 1, 1];
      expect(weighted(BURGLARY, noHarm)).toBeCloseTo(2.75, 10);
      expect(weighted(VEHICLE, noHarm)).toBeCloseTo(3, 10);
      await page.getByLabel('Harm', { exact: true }).fill('ten');
      await page.getByRole('button', { name: 'Save the weights' }).click();
      await expect.poll(() => page.getByRole('alert').innerText()).toBe('Enter a weight from 0 to 10 for Harm (0 leaves it out of the ranking).');
      await page.getByLabel('Harm', { exact: true }).fill('0');
      await page.getByRole('button', { name: 'Save the weights' }).click();
      await expectRanked(page, [
        ['1', 'Vehicle crime'],
        ['2', 'Burglary'],
      ]);
      await expect.poll(() => burglary.getByRole('heading', { level: 4 }).innerText()).toBe('Burglary (ranked 2, weighted score 2.75)');

      await page.reload();
      await page.getByRole('heading', { name: `Ranked list, ${YEAR}` }).waitFor({ timeout: SLOW });
      await expectRanked(page, [
        ['1', 'Vehicle crime'],
        ['2', 'Burglary'],
      ]);
      await expect.poll(() => page.getByLabel('Harm', { exact: true }).inputValue()).toBe('0');
      await expect.poll(() => page.getByText(`Years saved: ${YEAR}.`).count()).toBe(1);
      await page.locator('#theme-burglary').getByText('Score Burglary', { exact: true }).click();
      await expect.poll(() => page.getByRole('group', { name: 'Threat for Burglary' }).getByRole('radio', { name: /^4 – / }).isChecked()).toBe(true);

      await expectNoAxeViolations(page, 'the priorities page (analyst)');
      await page.screenshot({ path: join(screens, 'priorities-1280.png'), fullPage: true });
      await page.setViewportSize({ width: 375, height: 800 });
      await noSidewaysScroll(page, 375, 'priorities page at 375 px');
      await expectNoAxeViolations(page, 'the priorities page at 375 px');
      await page.screenshot({ path: join(screens, 'priorities-375.png'), fullPage: false });
    } finally {
      await page.close();
    }
  }, 300_000);

  it('shows a viewer the same ranked list and scores, with nothing to change', async () => {
    // The pages share one browser context: forget the analyst's session first.
    await browser!.context.clearCookies();
    const page = await signedInAt(VIEWER, `/officer/priorities?year=${YEAR}`);
    await page.getByText(`Signed in as ${VIEWER} (viewer)`).waitFor({ timeout: 15_000 });
    try {
      await page.getByRole('heading', { name: `Ranked list, ${YEAR}` }).waitFor({ timeout: SLOW });
      await expectRanked(page, [
        ['1', 'Vehicle crime'],
        ['2', 'Burglary'],
      ]);
      expect(await page.getByRole('button', { name: /^Save/ }).count()).toBe(0);
      expect(await page.getByRole('radio').count()).toBe(0);
      await expect
        .poll(() => page.locator('#theme-burglary dd').first().innerText())
        .toMatch(/^4 – Frequent or growing \(scored by priorities-analyst@test\.invalid on /);
      await expectNoAxeViolations(page, 'the priorities page (viewer)');
    } finally {
      await page.close();
    }
  }, 120_000);
});
