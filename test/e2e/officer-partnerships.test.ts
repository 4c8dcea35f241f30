/**
 * Partnerships in the officer header, end to end: the real server on a temporary data folder with
 * the demo content, a second partnership MADE UP for this test (added with the CLI, no surveys)
 * where the admin is only a viewer, and headless Chromium. The header names the partnership the
 * session works in with the officer's role there; the officer switches with the keyboard (choosing
 * alone changes nothing, the Switch button does), sees North's name and an empty surveys page, a
 * refused switch shows the server's reason, and they switch back. An officer of one partnership
 * sees its name and no control. axe-core on the header's states; no sideways scroll at 390, 768
 * and 1280 px. Screenshots: /tmp/partnership-*.png.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './axe.js';
import { launchBrowser, seed, startServer, type Browser, type RunningServer } from './harness.js';
import { noSidewaysScroll } from './page-checks.js';
import { signIn } from './sign-in.js';

const OFFICER = 'partnerships-officer@test.invalid';
const SINGLE = 'one-partnership-officer@test.invalid';
const PASSWORD = 'harbour lantern copper rain';
/** The default partnership's name on a fresh demo (server/demo/load.ts names it so). */
const DEFAULT_NAME = 'Demo Community Safety Partnership (made-up)';
const NORTH_NAME = 'North test partnership (made up)';
const screens = '/tmp';

let server: RunningServer | undefined;
let browser: Browser | undefined;
let single: Browser | undefined;

function srv(): RunningServer {
  if (!server) throw new Error('The server did not start (see beforeAll).');
  return server;
}

beforeAll(async () => {
  server = await startServer();
  await seed(srv(), {
    demo: true,
    officers: [
      { email: OFFICER, password: PASSWORD, role: 'admin' },
      { email: SINGLE, password: PASSWORD, role: 'analyst' },
    ],
  });
  // The CLI as an operator runs it, on the running server's data folder.
  await srv().cli('partnership', 'add', '--slug', 'north', '--name', NORTH_NAME);
  await srv().cli('partnership', 'grant', '--email', OFFICER, '--slug', 'north', '--role', 'viewer');
  browser = await launchBrowser();
  single = await launchBrowser();
  await signIn(browser, srv(), OFFICER, PASSWORD);
  await signIn(single, srv(), SINGLE, PASSWORD);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await single?.close();
  await server?.stop();
}, 30_000);

const now = (page: Page) => page.locator('header .partnership-now').textContent();
const choice = (page: Page) => page.getByLabel('Partnership', { exact: true });

async function look(page: Page, what: string): Promise<void> {
  for (const width of [390, 768, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await noSidewaysScroll(page, width, `${what} at ${width} px`);
    await page.screenshot({ path: join(screens, `partnership-${what}-${width}.png`) });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** Tabs from the header's title until `id` has the focus (a click there moves where Tab starts from). */
async function tabTo(page: Page, id: string): Promise<void> {
  await page.locator('header h1').click();
  for (let i = 0; i < 15; i++) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => document.activeElement?.id)) === id) return;
  }
  throw new Error(`Tab never reached #${id}.`);
}

/** Moves the focused list to `slug` with the arrow keys. */
async function arrowTo(page: Page, slug: string): Promise<void> {
  for (let i = 0; i < 5 && (await choice(page).inputValue()) !== slug; i++) await page.keyboard.press('ArrowDown');
  for (let i = 0; i < 5 && (await choice(page).inputValue()) !== slug; i++) await page.keyboard.press('ArrowUp');
  expect(await choice(page).inputValue()).toBe(slug);
}

/** Switches with the keyboard only: Tab to the list, arrows to the partnership, Tab to Switch, Enter. */
async function switchTo(page: Page, slug: string): Promise<void> {
  await tabTo(page, 'partnership-choice');
  // The focus shows on the dark header.
  expect(await choice(page).evaluate((s) => s.matches(':focus-visible') && getComputedStyle(s).outlineStyle)).toBe('solid');
  await arrowTo(page, slug);
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Switch');
  await page.keyboard.press('Enter');
}

describe('partnerships in the officer header', () => {
  it('names the partnership and the role there, switches with the keyboard, shows the server’s refusal, and switches back', async () => {
    const page = await browser!.newPage(1280);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${srv().url}/officer`);
    await page.getByRole('heading', { name: 'Headline figures' }).waitFor({ timeout: 20_000 });

    // What the server says first: two partnerships, working in the default one as an admin.
    await expect
      .poll(() => page.evaluate(async () => (await fetch('/api/officer/partnerships')).json()), { timeout: 10_000 })
      .toEqual({
        partnerships: [
          { slug: 'default', name: DEFAULT_NAME, role: 'admin', current: true },
          { slug: 'north', name: NORTH_NAME, role: 'viewer', current: false },
        ],
        countyReader: false,
      });
    await expect.poll(() => now(page), { timeout: 10_000 }).toBe(`Working in ${DEFAULT_NAME} (admin)`);
    expect(await choice(page).inputValue()).toBe('default');
    expect(await choice(page).locator('option').allTextContents()).toEqual([`${DEFAULT_NAME} (admin)`, `${NORTH_NAME} (viewer)`]);
    await expectNoAxeViolations(page, 'the home page with the partnership control');
    await look(page, 'default');

    // Choosing in the list alone changes nothing (no change of context on input).
    await tabTo(page, 'partnership-choice');
    await arrowTo(page, 'north');
    await page.screenshot({ path: join(screens, 'partnership-focus-1280.png'), clip: { x: 0, y: 0, width: 1280, height: 140 } });
    await page.waitForTimeout(500);
    expect(await now(page)).toBe(`Working in ${DEFAULT_NAME} (admin)`);
    expect(new URL(page.url()).pathname).toBe('/officer');

    // A switch the server refuses (a partnership the officer has no role in): its reason, as an alert.
    await choice(page).evaluate((s: HTMLSelectElement) => {
      s.options[s.selectedIndex].value = 'nowhere';
    });
    await page.getByRole('button', { name: 'Switch' }).press('Enter');
    await expect.poll(() => page.locator('header [role=alert]').textContent(), { timeout: 10_000 }).toBe("You have no role in a partnership called 'nowhere'.");
    expect(await now(page)).toBe(`Working in ${DEFAULT_NAME} (admin)`);
    await expectNoAxeViolations(page, 'the header with a refused switch');
    await look(page, 'refused');

    // The switch itself: the page loads afresh in North, as a viewer there.
    await page.reload();
    await expect.poll(() => now(page), { timeout: 20_000 }).toBe(`Working in ${DEFAULT_NAME} (admin)`);
    await switchTo(page, 'north');
    await expect.poll(() => now(page), { timeout: 20_000 }).toBe(`Working in ${NORTH_NAME} (viewer)`);
    await page.getByText(`Signed in as ${OFFICER} (viewer)`).waitFor({ timeout: 10_000 });
    expect(await page.locator('header [role=alert]').count()).toBe(0);
    expect(await choice(page).inputValue()).toBe('north');
    // A viewer there: no Accounts page in the menu.
    expect(await page.getByRole('navigation', { name: 'Officer pages' }).getByRole('link', { name: 'Accounts' }).count()).toBe(0);
    await expectNoAxeViolations(page, 'the home page in North');
    await look(page, 'north');

    // North has no surveys.
    await page.getByRole('navigation', { name: 'Officer pages' }).getByRole('link', { name: 'Surveys' }).click();
    await page.getByRole('heading', { name: 'Surveys and waves' }).waitFor({ timeout: 20_000 });
    await page.getByText('No questionnaires yet.', { exact: true }).waitFor({ timeout: 20_000 });
    expect(await page.locator('section.survey-card').count()).toBe(0);
    await look(page, 'north-surveys');

    // And back: the demo's surveys again, as an admin.
    await switchTo(page, 'default');
    await expect.poll(() => now(page), { timeout: 20_000 }).toBe(`Working in ${DEFAULT_NAME} (admin)`);
    await page.getByText(`Signed in as ${OFFICER} (admin)`).waitFor({ timeout: 10_000 });
    await page.getByRole('navigation', { name: 'Officer pages' }).getByRole('link', { name: 'Surveys' }).click();
    await expect.poll(() => page.locator('section.survey-card').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await page.getByText('No questionnaires yet.', { exact: true }).count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('shows an officer of one partnership its name and no control', async () => {
    const page = await single!.newPage(1280);
    await page.goto(`${srv().url}/officer`);
    await expect.poll(() => now(page), { timeout: 20_000 }).toBe(`Working in ${DEFAULT_NAME} (analyst)`);
    expect(await page.locator('#partnership-choice').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Switch' }).count()).toBe(0);
    await expectNoAxeViolations(page, 'the header of an officer of one partnership');
    await look(page, 'single');
  });
});
