/**
 * A partnership's ward lookup loaded on the Data page, end to end: the real server with the demo
 * content, a second partnership MADE UP for this test (added with the CLI, with no wards) where an
 * analyst works, and headless Chromium. The page says the partnership has no wards yet; the analyst
 * loads an ONS-style lookup of made-up LSOAs and wards and sees what it added, then a file naming a
 * ward of the demo partnership is refused with the server's reason. axe-core on each state; no
 * sideways scroll at 390, 768 and 1280 px. Screenshots: /tmp/ward-lookup-*.png.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './axe.js';
import { launchBrowser, seed, startServer, type Browser, type RunningServer } from './harness.js';
import { noSidewaysScroll } from './page-checks.js';
import { signIn } from './sign-in.js';

const OFFICER = 'lookup-analyst@test.invalid';
const PASSWORD = 'harbour lantern copper rain';
const NORTH_NAME = 'North lookup test partnership (made up)';
const LOOKUP = `LSOA21CD,LSOA21NM,WD23CD,WD23NM
E01999901,North 001A (made up),E05999901,North ward A (made up)
E01999902,North 001B (made up),E05999901,North ward A (made up)
E01999903,North 002A (made up),E05999902,North ward B (made up)
`;
/** Allington, a ward of the demo partnership's (the bundled lookup). */
const TAKEN = 'LSOA11CD,WD19CD,WD19NM\nE01999904,E05004982,Allington\n';

let server: RunningServer | undefined;
let browser: Browser | undefined;
const srv = () => {
  if (!server) throw new Error('The server did not start (see beforeAll).');
  return server;
};

beforeAll(async () => {
  server = await startServer();
  await seed(srv(), { demo: true, officers: [{ email: OFFICER, password: PASSWORD, role: 'analyst' }] });
  await srv().cli('partnership', 'add', '--slug', 'north', '--name', NORTH_NAME);
  await srv().cli('partnership', 'grant', '--email', OFFICER, '--slug', 'north', '--role', 'analyst');
  browser = await launchBrowser();
  await signIn(browser, srv(), OFFICER, PASSWORD);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, 30_000);

async function look(page: Page, what: string): Promise<void> {
  await expectNoAxeViolations(page, `the Data page, ${what}`);
  for (const width of [390, 768, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await noSidewaysScroll(page, width, `${what} at ${width} px`);
    await page.screenshot({ path: join('/tmp', `ward-lookup-${what}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

const text = (page: Page, id: string) =>
  page
    .locator(`#${id}`)
    .textContent({ timeout: 1000 })
    .catch(() => null);

async function send(page: Page, name: string, csv: string): Promise<void> {
  await page.locator('#lookup-file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Add the wards' }).click();
}

describe("a partnership's ward lookup on the Data page", () => {
  it('loads the wards of a partnership that has none, says what it added, and shows the refusal of a ward of another partnership', async () => {
    const page = await browser!.newPage(1280);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${srv().url}/officer`);
    await page.getByLabel('Partnership', { exact: true }).selectOption('north');
    await page.getByRole('button', { name: 'Switch' }).click();
    await expect.poll(() => page.locator('header .partnership-now').textContent(), { timeout: 15_000 }).toBe(`Working in ${NORTH_NAME} (analyst)`);

    await page.goto(`${srv().url}/officer/data`);
    await expect
      .poll(() => text(page, 'lookup-in-use'), { timeout: 20_000 })
      .toBe('This partnership has no wards yet: load its ward lookup below before crime, population or boundaries.');
    await look(page, 'none');

    await send(page, 'north-lsoa21-ward23.csv', LOOKUP);
    await expect.poll(() => text(page, 'lookup-result'), { timeout: 20_000 }).toBe('Added 2 wards and 3 LSOAs: the partnership now has 2 wards.');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), { timeout: 10_000 }).toBe('lookup-result');
    await expect
      .poll(() => text(page, 'lookup-in-use'), { timeout: 10_000 })
      .toBe('This partnership has 2 wards, with 3 LSOAs that split recorded crime to them.');
    await look(page, 'loaded');

    await send(page, 'taken.csv', TAKEN);
    await expect
      .poll(
        () =>
          page
            .locator('#lookup-error [role=alert]')
            .textContent({ timeout: 1000 })
            .catch(() => null),
        { timeout: 20_000 },
      )
      .toContain("1 of the lookup's wards belongs to another partnership (E05004982): each ward belongs to one. Nothing was stored.");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), { timeout: 10_000 }).toBe('lookup-error');
    expect(await text(page, 'lookup-in-use')).toBe('This partnership has 2 wards, with 3 LSOAs that split recorded crime to them.');
    await look(page, 'refused');
    expect(errors).toEqual([]);
  }, 180_000);
});
