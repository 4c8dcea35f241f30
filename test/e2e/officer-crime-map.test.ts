/**
 * The recorded crime page's ward map, end to end: the real server on a temporary data folder with
 * the demo content (ILLUSTRATIVE population) and the REAL police.uk January 2019 Maidstone file, a
 * viewer account, and headless Chromium. Every tooltip is checked against the rates the API gives
 * for the crime type chosen. Screenshots go to .tmp/screens/crime-map-*.png.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, root, seed, startServer, type Browser, type RunningServer } from './harness.js';
import { noSidewaysScroll } from './page-checks.js';

const EMAIL = 'viewer@test.invalid';
const PASSWORD = 'long enough pass';
const screens = join(root, '.tmp/screens');

let server: RunningServer | undefined;
let browser: Browser | undefined;

function srv(): RunningServer {
  if (!server) throw new Error('The server did not start (see beforeAll).');
  return server;
}

beforeAll(async () => {
  mkdirSync(screens, { recursive: true });
  server = await startServer();
  await seed(server, { demo: true, demoCrime: true, officers: [{ email: EMAIL, password: PASSWORD, role: 'viewer' }] });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function openSignedIn(path: string, width = 1280): Promise<Page> {
  const page = await browser!.context.newPage();
  await page.setViewportSize({ width, height: 900 });
  await page.goto(`${srv().url}${path}`);
  const signIn = page.getByRole('heading', { name: 'Sign in' });
  await page.locator('main .page-heading').waitFor();
  if (await signIn.isVisible()) {
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByLabel('Password').press('Enter');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor({ state: 'detached' });
  }
  return page;
}

/** JSON from the API with the page's session. */
async function apiGet<T>(page: Page, url: string): Promise<T> {
  return page.evaluate((u) => fetch(u).then((r) => r.json()), url);
}

interface Rates {
  per: number;
  wards: { wardCode: string; ward: string; count: number; rate: number | null; ci: [number, number] | null }[];
}

// The test's own formatting of the API's numbers (en-GB, as an officer reads them).
const rateText = (x: number) => (x >= 10 ? x.toFixed(1) : x.toFixed(2));
const crimesText = (n: number) => `${n.toLocaleString('en-GB')} ${n === 1 ? 'crime' : 'crimes'}`;

describe('recorded crime page: the ward map', () => {
  it('maps the rate per 1,000 of the crime type chosen, each ward’s tooltip from the API', async () => {
    const page = await openSignedIn('/officer/crime');
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.getByRole('heading', { name: 'Recorded crime', level: 2 }).waitFor();
    const map = page.locator('#crime-rate-map');
    await expect.poll(() => map.locator('g.ward').count(), { timeout: 20_000 }).toBe(26);
    const wardMap = await apiGet<{ wards: { code: string; name: string }[] }>(page, '/api/officer/areas/map');
    const name = new Map(wardMap.wards.map((w) => [w.code, w.name]));
    const expectedTitles = (r: Rates) =>
      r.wards
        .map(
          (w) =>
            `${name.get(w.wardCode)}: ${
              w.rate === null
                ? `no figure: no population figure for the ward (${crimesText(w.count)})`
                : `${rateText(w.rate)} per 1,000 (95% CI ${rateText(w.ci![0])}–${rateText(w.ci![1])}), ${crimesText(w.count)}`
            }`,
        )
        .sort();
    const titles = async () => (await map.locator('g.ward > title').allTextContents()).sort();

    // On arrival: all crime for the latest month held.
    const all = await apiGet<Rates>(page, '/api/officer/crime/rates?from=2019-01&to=2019-01');
    expect(all.per).toBe(1000);
    expect(all.wards).toHaveLength(26);
    await expect.poll(titles).toEqual(expectedTitles(all));
    expect(await map.locator('svg[role="img"]').getAttribute('aria-labelledby')).toBe('crime-rate-map-title crime-rate-map-desc');
    const legendCounts = (await map.locator('.map-legend li').allTextContents()).map((t) => Number(t.match(/: (\d+) wards?$/)![1]));
    expect(legendCounts.reduce((a, b) => a + b, 0)).toBe(26);
    const ranked = all.wards.filter((w) => w.rate !== null).sort((a, b) => b.rate! - a.rate!);
    await expect(map.locator('desc').textContent()).resolves.toContain(
      `Highest: ${ranked[0].ward} (${rateText(ranked[0].rate!)}); lowest: ${ranked.at(-1)!.ward} (${rateText(ranked.at(-1)!.rate!)}).`,
    );
    // The darkest class holds the highest ward, the lightest the lowest.
    const fillOf = (code: string) => map.locator(`g.ward[data-code="${code}"] path`).first().getAttribute('fill');
    expect(await fillOf(ranked[0].wardCode)).toBe('#08519c');
    expect(await fillOf(ranked.at(-1)!.wardCode)).toBe('#eff3ff');

    // Another crime type chosen: the map follows it.
    await page.locator('#rates-type').selectOption('Burglary');
    await page.getByRole('button', { name: 'Show rates' }).click();
    const burglary = await apiGet<Rates>(page, '/api/officer/crime/rates?from=2019-01&to=2019-01&crimeType=Burglary');
    await expect.poll(titles).toEqual(expectedTitles(burglary));
    await expect.poll(() => map.locator('svg > title').textContent()).toBe('Map of recorded burglary per 1,000 residents, January 2019, by ward');

    await map.screenshot({ path: join(screens, 'crime-map-1280.png') });
    await page.setViewportSize({ width: 768, height: 900 });
    await page.waitForTimeout(300);
    await noSidewaysScroll(page, 768);
    await map.screenshot({ path: join(screens, 'crime-map-768.png') });
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);
});
