/**
 * The County page, end to end: the real server on a temporary data folder with the demo content
 * and its recorded crime month, a second partnership MADE UP for this test (added with the CLI, no
 * wards, surveys or crime), a county reader (made one with the CLI) and a plain admin, in headless
 * Chromium. The county reader sees "County" in the navigation and a table of both partnerships
 * with the same figures GET /api/officer/county answers; the plain admin sees no "County" and, at
 * the page's address, the server's refusal. axe-core on both; no sideways page scroll at 390, 768
 * and 1280 px (the table scrolls in its own region). Screenshots: /tmp/county-*.png.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './axe.js';
import { launchBrowser, seed, startServer, type Browser, type RunningServer } from './harness.js';
import { noSidewaysScroll } from './page-checks.js';
import { signIn } from './sign-in.js';

const READER = 'county-reader@test.invalid';
const ADMIN = 'plain-admin@test.invalid';
const PASSWORD = 'harbour lantern copper rain';
/** The default partnership's name on a fresh demo (server/demo/load.ts names it so). */
const DEFAULT_NAME = 'Demo Community Safety Partnership (made-up)';
const NORTH_NAME = 'North test partnership (made up)';
const screens = '/tmp';

let server: RunningServer | undefined;
let reader: Browser | undefined;
let admin: Browser | undefined;

function srv(): RunningServer {
  if (!server) throw new Error('The server did not start (see beforeAll).');
  return server;
}

beforeAll(async () => {
  server = await startServer();
  await seed(srv(), {
    demo: true,
    demoCrime: true,
    officers: [
      { email: READER, password: PASSWORD, role: 'admin' },
      { email: ADMIN, password: PASSWORD, role: 'admin' },
    ],
  });
  await srv().cli('partnership', 'add', '--slug', 'north', '--name', NORTH_NAME);
  await srv().cli('partnership', 'county', '--email', READER);
  reader = await launchBrowser();
  admin = await launchBrowser();
  await signIn(reader, srv(), READER, PASSWORD);
  await signIn(admin, srv(), ADMIN, PASSWORD);
}, 180_000);

afterAll(async () => {
  await reader?.close();
  await admin?.close();
  await server?.stop();
}, 30_000);

const nav = (page: Page) => page.getByRole('navigation', { name: 'Officer pages' });
const navNames = (page: Page) => nav(page).getByRole('link').allTextContents();

/** Each body row as [partnership, wards, surveys, recorded crime], whitespace tidied. */
const rows = (page: Page) =>
  page.locator('#county-table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim())));

async function look(page: Page, what: string): Promise<void> {
  for (const width of [390, 768, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await noSidewaysScroll(page, width, `${what} at ${width} px`);
    await page.screenshot({ path: join(screens, `county-${what}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('the County page', () => {
  it('shows a county reader every partnership side by side, with the figures the server gives', async () => {
    const page = await reader!.newPage(1280);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${srv().url}/officer`);
    await page.getByRole('heading', { name: 'Headline figures' }).waitFor({ timeout: 20_000 });
    await expect.poll(() => navNames(page), { timeout: 10_000 }).toContain('County');

    // What the server says, checked against what the demo holds.
    const county = await page.evaluate(async () => (await fetch('/api/officer/county')).json());
    expect(county.partnerships.map((p: { name: string }) => p.name)).toEqual([DEFAULT_NAME, NORTH_NAME]);
    const [demo, north] = county.partnerships;
    expect(demo.wards).toBe(26);
    expect(demo.surveys.map((s: { title: string }) => s.title)).toEqual(['Maidstone Community Safety Survey', 'Maidstone Youth Safety Survey']);
    expect(demo.surveys[0].waves).toEqual([
      { name: '2025', status: 'closed', responses: 1800 },
      { name: '2026', status: 'open', responses: 2200 },
    ]);
    expect(demo.surveys[1].waves).toEqual([{ name: '2026', status: 'open', responses: 900 }]);
    expect(demo.crime).toEqual({ months: ['2019-01'], crimes: 1588 });
    expect(north).toEqual({ slug: 'north', name: NORTH_NAME, wards: 0, surveys: [], crime: { months: [], crimes: 0 } });

    await nav(page).getByRole('link', { name: 'County' }).click();
    await page.getByRole('heading', { name: 'Partnerships side by side' }).waitFor({ timeout: 20_000 });
    expect(new URL(page.url()).pathname).toBe('/officer/county');
    await expect.poll(() => nav(page).getByRole('link', { name: 'County' }).getAttribute('aria-current'), { timeout: 10_000 }).toBe('page');
    await page.getByText("Each figure is what that partnership's own officers see", { exact: false }).waitFor({ timeout: 10_000 });

    await expect
      .poll(() => rows(page), { timeout: 20_000 })
      .toEqual([
        [
          DEFAULT_NAME,
          '26',
          'Maidstone Community Safety Survey2025 (closed): 1,800 complete replies2026 (open): 2,200 complete repliesMaidstone Youth Safety Survey2026 (open): 900 complete replies',
          '1,588 crimes, Jan 2019',
        ],
        [NORTH_NAME, '0', 'none', 'none held'],
      ]);
    // Each wave on its own line.
    expect(await page.locator('#county-table tbody tr').first().locator('td li li').allTextContents()).toEqual([
      '2025 (closed): 1,800 complete replies',
      '2026 (open): 2,200 complete replies',
      '2026 (open): 900 complete replies',
    ]);

    // An accessible table: caption, column and row headers, in a focusable labelled scroll region.
    const table = page.getByRole('table', { name: /Every partnership/ });
    expect(await table.locator('thead th[scope=col]').allTextContents()).toEqual(['Partnership', 'Wards', 'Surveys', 'Recorded crime']);
    expect(await table.locator('tbody th[scope=row]').allTextContents()).toEqual([DEFAULT_NAME, NORTH_NAME]);
    const region = page.getByRole('region', { name: /partnerships side by side/i });
    expect(await region.getAttribute('tabindex')).toBe('0');
    expect(await region.locator('table').count()).toBe(1);

    await expectNoAxeViolations(page, 'the County page');
    await look(page, 'reader');

    // At 390 px the table is wider than the window: its region scrolls, the page does not.
    await page.setViewportSize({ width: 390, height: 900 });
    await expect.poll(() => region.evaluate((el) => el.scrollWidth > el.clientWidth && getComputedStyle(el).overflowX), { timeout: 10_000 }).toBe('auto');
    // At 768 px it fits: nothing to scroll.
    await page.setViewportSize({ width: 768, height: 900 });
    await expect.poll(() => region.evaluate((el) => el.scrollWidth - el.clientWidth), { timeout: 10_000 }).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(errors).toEqual([]);
  });

  it('shows a plain admin no County page, and the server’s refusal at its address', async () => {
    const page = await admin!.newPage(1280);
    await page.goto(`${srv().url}/officer`);
    await page.getByRole('heading', { name: 'Headline figures' }).waitFor({ timeout: 20_000 });
    // The menu is there (Accounts for an admin), without County.
    await expect.poll(() => navNames(page), { timeout: 10_000 }).toContain('Accounts');
    await page.waitForTimeout(500);
    expect(await navNames(page)).not.toContain('County');

    const refused = await page.evaluate(async () => {
      const r = await fetch('/api/officer/county');
      return { status: r.status, body: await r.json() };
    });
    expect(refused.status).toBe(403);
    expect(typeof refused.body.error).toBe('string');

    await page.goto(`${srv().url}/officer/county`);
    await page.getByRole('heading', { name: 'Partnerships side by side' }).waitFor({ timeout: 20_000 });
    await expect.poll(() => page.locator('main [role=alert]').textContent(), { timeout: 10_000 }).toBe(refused.body.error);
    expect(await page.locator('#county-table').count()).toBe(0);
    expect(await navNames(page)).not.toContain('County');
    await expectNoAxeViolations(page, 'the County page refused');
    await look(page, 'refused');
  });
});
