/**
 * WCAG 2.2 AA in the real browser: axe-core finds no violation on any respondent page or any
 * officer page (the real server on the demo content, SYNTHETIC responses and ILLUSTRATIVE
 * population, in Chromium).
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerToTheEnd, completeButton, goNext, answerCurrentPage, nextButton, openFresh } from './answer.js';
import { axeViolations } from './axe.js';
import { launchBrowser, seed, startServer, type Browser, type RunningServer } from './harness.js';

const EMAIL = 'admin@test.invalid';
const PASSWORD = 'long enough pass';

let server: RunningServer | undefined;
let browser: Browser | undefined;

function srv(): RunningServer {
  if (!server) throw new Error('The server did not start (see beforeAll).');
  return server;
}

/** A school link of the demo's youth survey, read from the SQLite file. */
function schoolLinkPath(): string {
  const db = new Database(join(srv().dataDir, 'survey.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare('select token from links order by id limit 1').get() as { token: string };
    return `/y/${row.token}`;
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  const [s, b] = await Promise.allSettled([startServer(), launchBrowser()]);
  if (s.status === 'fulfilled') server = s.value;
  if (b.status === 'fulfilled') browser = b.value;
  if (s.status === 'rejected') throw s.reason;
  if (b.status === 'rejected') throw b.reason;
  await seed(srv(), { demo: true, demoCrime: true, officers: [{ email: EMAIL, password: PASSWORD, role: 'admin' }] });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, 30_000);

/** Every violation on every page visited in one test, so one run shows them all. */
let found: string[] = [];
async function check(page: Page, what: string) {
  for (const v of await axeViolations(page)) found.push(`${what}: ${v}`);
}

describe('axe-core finds no WCAG 2.2 AA violation', { timeout: 120_000 }, () => {
  it('on every respondent page, on a phone', async () => {
    found = [];
    const page = await browser!.newPage(360, 740);
    await openFresh(page, `${srv().url}/s/resident-safety`);
    await check(page, 'the resident survey, first page');

    // The error state: Next without answering shows the questionnaire's own messages.
    await nextButton(page).click();
    await page.locator('.sd-question__erbox').first().waitFor();
    await check(page, 'the resident survey, first page with errors');

    await answerCurrentPage(page);
    await goNext(page);
    await check(page, 'the resident survey, second page');

    await answerToTheEnd(page);
    await completeButton(page).click();
    await page.locator('.sd-completedpage').waitFor({ timeout: 15_000 });
    await check(page, 'the thank-you page');

    await openFresh(page, srv().url + schoolLinkPath());
    await check(page, 'a school link');

    for (const [path, heading] of [
      ['/s/youth-safety', 'This survey is answered through a link'],
      ['/s/no-such-survey', 'We cannot find this survey'],
    ]) {
      await page.goto(srv().url + path);
      await expect.poll(() => page.locator('h1').textContent(), { timeout: 10_000 }).toBe(heading);
      await check(page, path);
    }
    expect(found).toEqual([]);
    await page.close();
  });

  const officerPages: Array<[string, string]> = [
    ['/officer', 'Headline figures'],
    ['/officer/surveys', 'Surveys and waves'],
    ['/officer/links', 'Links and posters'],
    ['/officer/returns', 'Returns'],
    ['/officer/paper', 'Paper returns'],
    ['/officer/weighting', 'Weighting'],
    ['/officer/results?survey=resident-safety&wave=2026&by=sex&show=1', 'Survey results'],
    ['/officer/perception', 'Perception vs reality'],
    ['/officer/crime', 'Recorded crime'],
    ['/officer/exports', 'Downloads and committee report'],
    ['/officer/data', 'Crime and population data'],
    ['/officer/accounts', 'Accounts and audit log'],
  ];

  async function signIn(page: Page) {
    await page.goto(`${srv().url}/officer`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await check(page, 'officer sign-in');
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByLabel('Password').press('Enter');
    await page.getByRole('heading', { name: 'Headline figures' }).waitFor({ timeout: 20_000 });
  }

  it('on every officer page', async () => {
    found = [];
    const page = await browser!.newPage(1280, 900);
    await signIn(page);
    for (const [path, title] of officerPages) {
      await page.goto(srv().url + path, { waitUntil: 'networkidle' });
      await page.getByRole('heading', { name: title, exact: true }).first().waitFor({ timeout: 20_000 });
      if (path.includes('show=1')) await page.locator('section.question canvas').first().waitFor({ timeout: 30_000 });
      await page.waitForLoadState('networkidle');
      await check(page, path);
    }
    expect(found).toEqual([]);
    await page.close();
  });
});
