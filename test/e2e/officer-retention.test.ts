/**
 * The retention period on the Surveys page, end to end: the real server on a temporary data folder
 * (the bundled resident questionnaire, one open wave, made-up test responses written straight into
 * its SQLite file with arrival times long ago), an admin and a viewer in headless Chromium. The admin
 * sets 24 months and is warned of the responses due within 30 days; the sweep, run by hand against
 * the running server, deletes the one past due; the viewer reads the period without a form.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeResponse } from '../../server/responses/responses.js';
import { openStore } from '../../server/store/open.js';
import { findSurvey, findWave } from '../../server/surveys/surveys.js';
import { validResident } from '../helpers/respondent-fixtures.js';
import { expectNoAxeViolations } from './axe.js';
import { launchBrowser, root, seed, startServer, type Browser, type RunningServer } from './harness.js';

const ADMIN = 'retention-admin@test.invalid';
const VIEWER = 'retention-viewer@test.invalid';
const PASSWORD = 'long enough pass';
const screens = join(root, '.tmp/screens');
const DAY = 86_400_000;

let server: RunningServer | undefined;
let browser: Browser | undefined;

/** 24 months before `t`, the way a calendar counts them (the test's own arithmetic, in UTC). */
const monthsBefore = (t: Date, months: number) => {
  const d = new Date(t);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
};
const ukDay = (t: Date) => t.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
/** Arrivals: three fall due in 10 days under 24 months, one is a month past due, two are recent. */
const dueOn = new Date(Date.now() + 10 * DAY);
const arrivals = [
  ...Array.from({ length: 3 }, () => monthsBefore(dueOn, 24)),
  monthsBefore(new Date(Date.now() - 30 * DAY), 24),
  new Date(Date.now() - 60 * DAY),
  new Date(Date.now() - 60 * DAY),
];

function srv(): RunningServer {
  if (!server) throw new Error('The server did not start (see beforeAll).');
  return server;
}

beforeAll(async () => {
  mkdirSync(screens, { recursive: true });
  const [s, b] = await Promise.allSettled([
    startServer([
      ['survey', 'add', '--file', 'surveys/resident-safety.survey.json'],
      ['wave', 'create', '--survey', 'resident-safety', '--name', '2026'],
      ['wave', 'open', '--survey', 'resident-safety', '--name', '2026'],
    ]),
    launchBrowser(),
  ]);
  if (s.status === 'fulfilled') server = s.value;
  if (b.status === 'fulfilled') browser = b.value;
  if (s.status === 'rejected') throw s.reason;
  if (b.status === 'rejected') throw b.reason;
  await seed(srv(), {
    officers: [
      { email: ADMIN, password: PASSWORD, role: 'admin' },
      { email: VIEWER, password: PASSWORD, role: 'viewer' },
    ],
  });
  const store = openStore(srv().dataDir);
  try {
    const wave = await findWave(store.db, await findSurvey(store.db, 'resident-safety'), '2026');
    for (const at of arrivals) {
      await storeResponse(store, {
        waveId: wave.id,
        status: 'complete',
        answers: validResident(),
        surveyVersion: 1,
        source: 'paper',
        createdAt: at.toISOString(),
      });
    }
  } finally {
    store.close();
  }
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, 30_000);

async function signedIn(email: string, width: number): Promise<Page> {
  await browser!.context.clearCookies();
  const page = await browser!.newPage(width);
  await page.goto(`${srv().url}/officer/surveys`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByLabel('Password').press('Enter');
  await page.getByRole('heading', { name: 'Surveys and waves' }).waitFor({ timeout: 15_000 });
  return page;
}

describe('the retention period on the Surveys page', { timeout: 90_000 }, () => {
  it('an admin sets 24 months, is warned of what falls due, and the sweep deletes what is past it', async () => {
    const page = await signedIn(ADMIN, 1280);
    const card = page.locator('section.survey-card').first();
    await expect.poll(() => card.locator('.retention-text').textContent()).toBe('No retention period: responses are kept until they are deleted by hand.');
    expect(await card.locator('.retention-warning').count()).toBe(0);

    await card.getByLabel('Keep each response for (months)').fill('24');
    await card.getByRole('button', { name: 'Save retention period' }).click();
    const warning = card.locator('.retention-warning');
    const both = `4 responses will be deleted between ${ukDay(new Date())} and ${ukDay(dueOn)} under the 24-month retention period.`;
    await expect.poll(() => warning.locator('strong').textContent(), { timeout: 15_000 }).toBe(both);
    await expect.poll(() => card.locator('.retention-text').textContent()).toBe('Responses are deleted 24 months after they arrive.');
    await expect
      .poll(() => card.locator('.feedback').getByRole('status').textContent())
      .toBe(`Saved. Responses are deleted 24 months after they arrive. ${both}`);
    await expectNoAxeViolations(page, 'the Surveys page with a retention warning');
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.waitForTimeout(250);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.screenshot({ path: join(screens, `surveys-retention-${width}.png`), fullPage: true });
    }

    // The sweep by hand, against the running server's data: the one past due goes.
    expect(await srv().cli('responses', 'sweep')).toBe('resident-safety: deleted 1 response older than 24 months (2026: 1).\n');
    await page.reload();
    await expect
      .poll(() => page.locator('section.survey-card .retention-warning strong').textContent(), { timeout: 15_000 })
      .toBe(`3 responses will be deleted on ${ukDay(dueOn)} under the 24-month retention period.`);
    await page.close();
  });

  it('a viewer reads the period and the warning, with no form to change it', async () => {
    const page = await signedIn(VIEWER, 768);
    const card = page.locator('section.survey-card').first();
    await expect.poll(() => card.locator('.retention-text').textContent()).toBe('Responses are deleted 24 months after they arrive.');
    await card.locator('.retention-warning').waitFor();
    expect(await card.getByLabel('Keep each response for (months)').count()).toBe(0);
    await expectNoAxeViolations(page, 'the Surveys page as a viewer');
    await page.close();
  });
});
