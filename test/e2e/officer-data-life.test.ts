/**
 * The data's life on the officer pages, end to end: the real server on a temporary data folder with
 * the demo content (SYNTHETIC responses, ILLUSTRATIVE population) in headless Chromium. An analyst
 * restores an earlier weighting run from the Weighting page's list of runs (after a second press),
 * and the wave's latest run is that run again; an admin deletes one return by its id and then every
 * return of a wave from the Returns page, a reason required and the wave's name typed to confirm.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfficer } from '../../server/accounts/officers.js';
import { loadDemoIfEmpty } from '../../server/demo/load.js';
import { openStore } from '../../server/store/open.js';
import { expectNoAxeViolations } from './axe.js';
import { launchBrowser, root, startServer, type Browser, type RunningServer } from './harness.js';

const ADMIN = 'life-admin@test.invalid';
const ANALYST = 'life-analyst@test.invalid';
const PASSWORD = 'long enough pass';
const screens = join(root, '.tmp/screens');
// Made-up targets on sex only (not a real population), so the second run differs from the demo's.
const SEX_TARGETS = 'variable,category,target\nsex,female,30000\nsex,male,70000\n';

let server: RunningServer | undefined;
/** A complete return of the demo's 2025 wave, and how many complete returns that wave has. */
let oneId = 0;
let complete2025 = 0;
let browser: Browser | undefined;
const srv = () => {
  if (!server) throw new Error('The server did not start (see beforeAll).');
  return server;
};

beforeAll(async () => {
  mkdirSync(screens, { recursive: true });
  server = await startServer();
  const store = openStore(srv().dataDir);
  try {
    await loadDemoIfEmpty(store);
    const q = (sql: string) => store.sqlite.prepare(sql).get() as { v: number };
    const wave2025 = "SELECT w.id FROM waves w JOIN surveys s ON s.id = w.survey_id WHERE s.slug = 'resident-safety' AND w.name = '2025'";
    oneId = q(`SELECT min(id) AS v FROM responses WHERE status = 'complete' AND wave_id = (${wave2025})`).v;
    complete2025 = q(`SELECT count(*) AS v FROM responses WHERE status = 'complete' AND wave_id = (${wave2025})`).v;
    await createOfficer(store.db, { email: ADMIN, password: PASSWORD, role: 'admin' });
    await createOfficer(store.db, { email: ANALYST, password: PASSWORD, role: 'analyst' });
  } finally {
    store.close();
  }
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, 30_000);

async function signedInAt(email: string, path: string, width = 1280): Promise<Page> {
  await browser!.context.clearCookies();
  const page = await browser!.newPage(width);
  await page.goto(`${srv().url}/officer/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByLabel('Password').press('Enter');
  await page.locator('.who').getByText(email).waitFor({ timeout: 15_000 });
  await page.goto(`${srv().url}${path}`);
  return page;
}

const api = (page: Page, method: string, url: string, body?: unknown) =>
  page.evaluate(
    ([m, u, b]) => {
      const token = decodeURIComponent(document.cookie.match(/(?:^|;\s*)csp_csrf=([^;]*)/)?.[1] ?? '');
      return fetch(u as string, {
        method: m as string,
        headers: { 'content-type': 'application/json', 'x-csrf-token': token },
        body: b === undefined ? undefined : JSON.stringify(b),
      }).then(async (r) => ({ status: r.status, body: await r.json() }));
    },
    [method, url, body] as const,
  );

const BASE = '/api/officer/surveys/resident-safety/waves/2026';

describe('the data life cycle on the officer pages', { timeout: 120_000 }, () => {
  it('an analyst restores an earlier weighting run from the list of runs', async () => {
    const page = await signedInAt(ANALYST, '/officer/weighting?survey=resident-safety&wave=2026');
    const before = await api(page, 'GET', `${BASE}/weighting/runs`);
    expect(before.status).toBe(200);
    const demoRun = before.body[0] as { id: number; method: string };
    expect(demoRun.method).toBe('raking');
    const second = await api(page, 'POST', `${BASE}/weighting`, { source: 'margins', margins: SEX_TARGETS, unmatched: 'impute', illustrative: true });
    expect(second.status).toBe(200);
    await page.reload();

    const rows = page.locator('.runs-table tbody tr');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(2);
    await expect.poll(() => rows.nth(0).locator('td').last().textContent()).toBe('Current');
    expect(await rows.nth(0).textContent()).toContain('Post-stratification on sex (illustrative targets)');
    const older = page.locator(`.runs-table tr[data-run="${demoRun.id}"]`);
    await older.getByRole('button', { name: /^Restore this run/ }).click();
    await older.getByText("Make this run's weights current again?").waitFor();
    await expectNoAxeViolations(page, 'the weighting page asking to restore a run');
    await older.getByRole('button', { name: 'Yes, restore it' }).click();
    await expect
      .poll(() => page.locator('.run-history [role=status]').textContent(), { timeout: 15_000 })
      .toMatch(/^The weights of the run of .* \(sex, age_band, ward\) are current again: [\d,]+ responses weighted\.$/);
    await expect.poll(() => rows.count()).toBe(3);
    await expect.poll(() => rows.nth(0).textContent()).toContain('Restored from the run of');
    expect(await rows.nth(0).locator('td').last().textContent()).toBe('Current');
    const latest = await api(page, 'GET', `${BASE}/weighting`);
    expect(latest.body.method).toBe('raking');
    await expectNoAxeViolations(page, 'the weighting page after restoring a run');
    await page.screenshot({ path: join(screens, 'weighting-history-1280.png'), fullPage: true });
    await page.close();
  });

  it('an admin deletes one return by id and then every return of a wave, each with a reason', async () => {
    const page = await signedInAt(ADMIN, '/officer/returns?survey=resident-safety&wave=2025');
    const form = page.locator('section.delete-returns');
    await form.waitFor({ timeout: 15_000 });
    const total = async () =>
      (await api(page, 'GET', '/api/officer/surveys')).body
        .find((s: { slug: string }) => s.slug === 'resident-safety')
        .waves.find((w: { name: string }) => w.name === '2025').responses as number;
    const start = await total();
    expect(start).toBe(complete2025);
    const alert = form.locator('[role=alert]');
    const status = form.locator('[role=status]');

    // Not an id, then no reason: refused in words, nothing deleted.
    await form.getByLabel('Return id').fill('abc');
    await form.getByRole('button', { name: 'Delete this return' }).click();
    await expect
      .poll(() => alert.textContent())
      .toBe("Enter the return's id, a whole number from the first column of an export, not 'abc'. Nothing was deleted.");
    await form.getByLabel('Return id').fill(String(oneId));
    await form.getByRole('button', { name: 'Delete this return' }).click();
    await expect.poll(() => alert.textContent()).toMatch(/^Say why the responses are being deleted .*Nothing was deleted\.$/);
    expect(await total()).toBe(start);

    await form.getByLabel('Reason').first().fill('Test entry (e2e)');
    await form.getByRole('button', { name: 'Delete this return' }).click();
    await expect.poll(() => status.textContent()).toBe("1 response was deleted. The wave's weights were made with them: run the weighting again.");
    expect(await total()).toBe(start - 1);
    await expectNoAxeViolations(page, 'the returns page after deleting a return');

    // Every return of the wave: the name must be typed.
    await form.locator('#delete-all-reason').fill('Test wave (e2e)');
    await form.getByLabel("Type the wave's name, 2025, to confirm").fill('2026');
    await form.getByRole('button', { name: 'Delete every return of wave 2025' }).click();
    await expect
      .poll(() => alert.textContent())
      .toBe("Type the wave's name, 2025, to confirm that every response of it is to be deleted. Nothing was deleted.");
    expect(await total()).toBe(start - 1);
    await form.getByLabel("Type the wave's name, 2025, to confirm").fill('2025');
    await form.getByRole('button', { name: 'Delete every return of wave 2025' }).click();
    await expect.poll(() => status.textContent()).toMatch(/^[\d,]+ responses were deleted\./);
    expect(await total()).toBe(0);
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.waitForTimeout(250);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.screenshot({ path: join(screens, `returns-delete-${width}.png`), fullPage: true });
    }
    await page.close();
  });
});
