/**
 * The product on PostgreSQL end to end: a throw-away cluster, `cli migrate` as the release step,
 * the real server started with DATABASE_URL (no SQLite store at all), the demo content and an
 * analyst written into the database, and headless Chromium: a resident answers on a phone, the
 * return is in the database, and the analyst reads the results. The same pages as on SQLite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { answerToTheEnd, completeButton, openFresh } from './answer.js';
import { launchBrowser, seed, startServer, type Browser, type RunningServer } from './harness.js';
import { loadAllQuestions } from './load-results.js';
import { signIn } from './sign-in.js';
import { type Cluster, startCluster } from '../pg/cluster.js';

const EMAIL = 'analyst@test.invalid';
const PASSWORD = 'long enough pass';

let cluster: Cluster | undefined;
let server: RunningServer | undefined;
let browser: Browser | undefined;
let client: pg.Client | undefined;

function srv(): RunningServer {
  if (!server) throw new Error('The server did not start (see beforeAll).');
  return server;
}

/** Complete returns of the resident survey's open wave, counted in the database itself. */
async function completeResidentReturns(): Promise<number> {
  const r = await client!.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM responses r JOIN waves w ON w.id = r.wave_id JOIN surveys s ON s.id = w.survey_id
     WHERE s.slug = 'resident-safety' AND w.name = '2026' AND r.status = 'complete'`,
  );
  return r.rows[0].n;
}

beforeAll(async () => {
  cluster = await startCluster();
  server = await startServer([], { DATABASE_URL: cluster.url });
  await seed(server, { demo: true, officers: [{ email: EMAIL, password: PASSWORD, role: 'analyst' }] });
  browser = await launchBrowser();
  client = new pg.Client({ connectionString: cluster.url });
  await client.connect();
}, 240_000);

afterAll(async () => {
  await client?.end();
  await browser?.close();
  await server?.stop();
  cluster?.stop();
}, 30_000);

describe('the product on PostgreSQL in a real browser', { timeout: 90_000 }, () => {
  it('runs on the database named by DATABASE_URL, with no SQLite store, and is ready', async () => {
    expect(srv().output()).toMatch(/Data: postgres:\/\/postgres@127\.0\.0\.1:\d+\/survey \(PostgreSQL\)/);
    expect(existsSync(join(srv().dataDir, 'survey.sqlite'))).toBe(false);
    const ready = await fetch(`${srv().url}/api/ready`);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { checks: { writable: boolean } }).checks.writable).toBe(true);
  });

  it('a resident completes the questionnaire on a phone, and the return is stored in the database', async () => {
    const before = await completeResidentReturns();
    const page = await browser!.newPage(360, 740);
    await openFresh(page, `${srv().url}/s/resident-safety`);
    await answerToTheEnd(page);
    await completeButton(page).click();
    await page.locator('.sd-completedpage').waitFor({ timeout: 30_000 });
    await expect.poll(completeResidentReturns, { timeout: 15_000 }).toBe(before + 1);
    await page.close();
  });

  it('an analyst signs in and reads every question of the resident results', async () => {
    await signIn(browser!, srv(), EMAIL, PASSWORD);
    const page = await browser!.newPage(1280);
    await page.goto(`${srv().url}/officer/results?survey=resident-safety&wave=2026`);
    await page.getByRole('button', { name: 'Show results' }).click();
    await page.locator('section.question canvas').first().waitFor({ timeout: 30_000 });
    const report = await page.evaluate(() => fetch('/api/officer/surveys/resident-safety/waves/2026/report?detail=full').then((r) => r.json()));
    const questions = new Set((report.estimates as { question: string }[]).map((e) => e.question));
    await expect.poll(() => page.locator('.results-controls-slot').count()).toBe(questions.size);
    await loadAllQuestions(page);
    await expect.poll(() => page.locator('section.question').count()).toBe(questions.size);
    await expect(page.locator('.banner').textContent()).resolves.toMatch(/SYNTHETIC/);
    await page.close();
  });
});
